import * as DecisionClock from "@amparo/core/decision-clock";

/** "Record the failure": a step that failed after its retries, as an audit event and a log line (no content). */
export async function handler(event: unknown): Promise<Record<string, never>> {
  await DecisionClock.recordFailure(DecisionClock.FailureInput.parse(event));
  return {};
}
