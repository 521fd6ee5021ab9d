import * as Deadline from "@amparo/core/deadline";

/** "Record the failure": a step that failed after its retries, as an audit event and a log line (no content). */
export async function handler(event: unknown): Promise<Record<string, never>> {
  await Deadline.recordFailure(Deadline.FailureInput.parse(event));
  return {};
}
