import * as DecisionClock from "@amparo/core/decision-clock";

/** "Mark overdue": at the decision date, if undecided, the system's overdue move (counter, audit event, emails). */
export async function handler(event: unknown): Promise<DecisionClock.Output> {
  return DecisionClock.overdue(DecisionClock.Input.parse(event));
}
