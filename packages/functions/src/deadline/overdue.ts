import * as Deadline from "@amparo/core/deadline";

/** "Mark overdue": at the decision date, if undecided, the system's overdue move (counter, audit event, emails). */
export async function handler(event: unknown): Promise<Deadline.Output> {
  return Deadline.overdue(Deadline.Input.parse(event));
}
