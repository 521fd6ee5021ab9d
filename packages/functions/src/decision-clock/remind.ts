import * as DecisionClock from "@amparo/core/decision-clock";

/** "Remind reviewers": at the reminder time, if undecided, the reviewers who have not scored and the coordinators. */
export async function handler(event: unknown): Promise<DecisionClock.Output> {
  return DecisionClock.remind(DecisionClock.Input.parse(event));
}
