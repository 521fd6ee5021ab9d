import * as Deadline from "@amparo/core/deadline";

/** "Remind reviewers": at the reminder time, if undecided, the reviewers who have not scored and the coordinators. */
export async function handler(event: unknown): Promise<Deadline.Output> {
  return Deadline.remind(Deadline.Input.parse(event));
}
