import * as Deadline from "@amparo/core/deadline";

/** "Escalate to coordinators": at the escalation time, if undecided, the call's coordinators and the admins. */
export async function handler(event: unknown): Promise<Deadline.Output> {
  return Deadline.escalate(Deadline.Input.parse(event));
}
