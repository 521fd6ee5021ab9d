import * as DecisionClock from "@amparo/core/decision-clock";

/** The decision clock's first step ("Read the clock"): what is next for this application, and when. */
export async function handler(event: unknown): Promise<DecisionClock.Output> {
  return DecisionClock.clock(DecisionClock.Input.parse(event));
}
