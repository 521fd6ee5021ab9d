import { logger } from "@amparo/core/log";
import * as Application from "@amparo/core/application";
import * as Retention from "@amparo/core/retention";

/**
 * The retention sweep, a Lambda function run once a day by a schedule (EventBridge Scheduler): deletes the
 * content of every application whose call's retention period has ended, keeping its stage history and the
 * counters. The schedule's event carries nothing it needs, and nothing in it is read: the time is the
 * function's own, so no input can make it delete early. A failure throws, so the schedule's retry policy runs it
 * again; every step is idempotent. It logs only how many applications were deleted.
 */
export async function handler(): Promise<{ deleted: number }> {
  const deleted = await Retention.sweep();
  logger.info("retention sweep finished", { deleted });
  return { deleted };
}

/**
 * The draft sweep, run every hour by a schedule: deletes the drafts nobody has touched for their call's
 * `draftRetentionDays`, with their access codes and uploads. Like the retention sweep it reads nothing from
 * its event, throws on failure so the schedule retries, and logs only a count.
 */
export async function sweepDrafts(): Promise<{ deleted: number }> {
  const deleted = await Application.sweepAbandonedDrafts();
  logger.info("draft sweep finished", { deleted });
  return { deleted };
}
