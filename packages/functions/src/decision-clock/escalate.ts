import * as DecisionClock from "@amparo/core/decision-clock";

/** "Escalate to coordinators": at the escalation time, if undecided, the call's coordinators and the admins. */
export async function handler(event: unknown): Promise<DecisionClock.Output> {
  return DecisionClock.escalate(DecisionClock.Input.parse(event));
}
