import { logger } from "@amparo/core/log";
import * as Report from "@amparo/core/report";

/**
 * The report snapshots, a Lambda function run every hour by a schedule: makes each call's frozen figures of the
 * periods that ended at least a day ago and have none yet (a conditional put: an existing one is never made
 * again). The report function itself only reads them, so it keeps read-only access to the table. The
 * schedule's event carries nothing it needs; the time is the function's own. A failure throws, so the
 * schedule's retry runs it again. It logs only how many it made.
 */
export async function handler(): Promise<{ made: number }> {
  const made = await Report.snapshotDue();
  logger.info("report snapshots made", { made });
  return { made };
}
