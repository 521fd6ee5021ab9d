import * as Application from "../application/index.js";
import * as Award from "../award/index.js";
import * as Call from "../call/index.js";
import * as Clock from "../clock/index.js";
import * as Dynamo from "../dynamo/index.js";
import * as Outbox from "../outbox/index.js";
import * as User from "../user/index.js";
import { parseStored } from "../util/stored.js";
import { removeEveryVersion } from "./objects.js";

export { removeEveryVersion } from "./objects.js";

// Once a decided or withdrawn application has been kept for its call's period, a scheduled sweep deletes everything
// holding content about it, the item last; its content-free stage history and the call's counters remain.
// Why a sweep, and no TTL on the item: docs/decisions/retention-sweep.md

/**
 * How often the sweep must run: once a day of the call's settings, so nothing outlives its period by more than
 * a day. That day is the decision clock's (`TIME_SCALE=n` divides it locally, so a retention period passes in
 * minutes during a demo, like the deadlines; it is a real day in AWS and in tests).
 */
export function sweepEveryMs(): number {
  return Clock.dayMs();
}

/** What retention reads of an application (all in the clear on its item). */
export type Retained = Pick<
  Application.StoredItem,
  "stage" | "decision" | "withdrawnAt" | "updatedAt" | "declinedByApplicantAt" | "cancelledAt" | "closedAt"
>;

/**
 * When `app`'s content is due to be deleted: `retentionDays` after a decline, a withdrawal or an award the
 * applicant turned down, `approvedRetentionDays` after an approval that stays one, a cancelled grant or a closed
 * one (from its closing);
 * undefined for an application not decided or withdrawn, and for a grant still running (drafts have their own
 * sweep, `Application.sweepAbandonedDrafts`).
 */
export function dueAt(
  app: Retained,
  call: Pick<Call.Info, "retentionDays" | "approvedRetentionDays">,
): Date | undefined {
  const rule = ((): { days: number; since: string | undefined } | undefined => {
    switch (app.stage) {
      case "approved":
        return { days: call.approvedRetentionDays, since: app.decision?.decidedAt };
      case "cancelled":
        return { days: call.approvedRetentionDays, since: app.cancelledAt };
      // A closed grant's content is kept from its closing, its reports and all; an approval whose grant never
      // closed (approved before grants closed in Amparo) keeps the date its approval gave it.
      case "closed":
        return { days: call.approvedRetentionDays, since: app.closedAt };
      case "declined":
        return { days: call.retentionDays, since: app.decision?.decidedAt };
      case "withdrawn":
        return { days: call.retentionDays, since: app.withdrawnAt };
      case "declined_by_applicant":
        return { days: call.retentionDays, since: app.declinedByApplicantAt };
      default:
        return undefined;
    }
  })();
  if (!rule) return undefined;
  // `updatedAt` only for an item that lacks its time; the final move is the last write that sets it anyway.
  return new Date(Date.parse(rule.since ?? app.updatedAt) + rule.days * Clock.dayMs());
}

/**
 * What an audit event keeps after retention: the stage history (what happened, who, when, from which stage to
 * which, and whether the decision kept its deadline) and which reviewer was assigned. Everything else goes,
 * whatever it is — a sealed note (`noteSealed`), a review's score and recommendation, a downloaded file's
 * SHA-256 (which could confirm a guessed file) — and so would any detail added later.
 */
const historyAttributes = new Set<string>([
  Dynamo.keys.partition,
  Dynamo.keys.sort,
  "type",
  "actor",
  "at",
  "from",
  "stage",
  "withinDeadline",
  "decisionDueAt",
  "reviewerId",
]);

/**
 * Deletes the content of every application whose retention period ended by `now`, call by call through each
 * call's applications index (as the draft sweep does), never a scan of the table. Safe to run at any time and
 * concurrently: every step is idempotent, and what one run leaves the next one finishes.
 * @returns how many applications were deleted.
 */
export async function sweep(now = Clock.now()): Promise<number> {
  let deleted = 0;
  let staffIds: string[] | undefined;
  for (const call of await Call.list(now)) {
    // The ledger outlives the applications: each entry goes at the end of its own period.
    await Award.sweepLedger(call.id, now);
    for (const raw of await Dynamo.queryIndex(Dynamo.IndexPartition.callApplications(call.id))) {
      const item = parseStored(Application.StoredItem, raw, "application");
      // How the money reached a grantee goes long before the rest: 30 days after the final payment.
      await Award.deletePaymentMethodIfDue(item, now);
      const due = dueAt(item, call);
      if (!due || due > now) continue;
      staffIds ??= (await User.list()).map((user) => user.id);
      if (await deleteContent(item, staffIds)) deleted++;
    }
  }
  return deleted;
}

/**
 * Deletes everything holding content about one application, the item itself last: every file of its parts
 * (the accepted copies and any upload never confirmed, every version), the access-code record, the emails it
 * caused, and in its partition every assignment, review and idempotency record, keeping its audit events
 * stripped to the stage history. The partition is cleared once more after the item is gone, for an event a
 * request already under way (a staff member's view) wrote meanwhile. The counters are not touched.
 * @returns false if the item changed since it was read (the next sweep looks again).
 */
async function deleteContent(item: Application.StoredItem, staffIds: string[]): Promise<boolean> {
  for (const key of Application.objectKeysOf(item)) await removeEveryVersion(key);
  await Dynamo.remove(Dynamo.Key.accessCode(item.tokenHash));
  const reviewerIds = await clearPartition(item.id);
  await removeEmails(
    emailKeysOf({ id: item.id, version: item.version, clockGeneration: item.clockGeneration }, reviewerIds, staffIds),
  );
  try {
    await Dynamo.remove(Dynamo.Key.application(item.id), Dynamo.when.equals("version", item.version));
  } catch (error) {
    if (Dynamo.isConditionFailure(error)) return false; // changed or deleted meanwhile
    throw error;
  }
  await clearPartition(item.id);
  return true;
}

/**
 * Deletes every item of the application's partition but the application item and its events, and strips the
 * events to their stage history. @returns the reviewers it was ever assigned to (for their emails' keys).
 */
async function clearPartition(applicationId: string): Promise<string[]> {
  const events = Dynamo.Collection.events({ application: applicationId });
  const applicationKey = Dynamo.Key.application(applicationId);
  const reviewerIds = new Set<string>();
  for (const found of await Dynamo.queryCollection(Dynamo.Collection.application(applicationId))) {
    const key = { pk: String(found[Dynamo.keys.partition]), sk: String(found[Dynamo.keys.sort]) };
    if (typeof found["reviewerId"] === "string") reviewerIds.add(found["reviewerId"]);
    if (key.sk === applicationKey.sk) continue;
    if (!key.sk.startsWith(events.skPrefix)) {
      await Dynamo.remove(key);
      continue;
    }
    const content = Object.keys(found).filter((name) => !historyAttributes.has(name));
    if (content.length === 0) continue;
    try {
      // Only an event still there: an update would otherwise create a stray item.
      await Dynamo.update(key, { remove: content }, Dynamo.when.exists(Dynamo.keys.partition));
    } catch (error) {
      if (!Dynamo.isConditionFailure(error)) throw error;
    }
  }
  return [...reviewerIds];
}

/**
 * The idempotency keys of every email an application can have caused, from what is known of it: each version's
 * applicant notice, each reviewer's assignment notice, and the notices to staff (one per account, so every
 * account is tried), the decision clock's for each of its generations. Outbox items are stored under a keyed hash of these keys and say nothing of the application
 * (their sealed recipient is removed once sent, and TTL removes them after 30 days in AWS), so this is for
 * whatever is left, an email still unsent above all. A new kind of email about an application belongs here.
 */
export function emailKeysOf(
  app: { id: string; version: number; clockGeneration?: number | undefined },
  reviewerIds: string[],
  staffIds: string[],
): string[] {
  const { id, version } = app;
  const keys = [`overdue:${id}:applicant`];
  // `due:`: a full application's due date moved by a coordinator.
  // `contact:`: the confirmation its contact address was sent, with the version that caused it.
  for (let at = 1; at <= version; at++) {
    keys.push(`submitted:${id}:${at}`, `moved:${id}:${at}`, `due:${id}:${at}`, `contact:${id}:${at}`);
    // `award:`: its coordinators told that the applicant answered the agreement.
    for (const staffId of staffIds) keys.push(`award:${id}:${at}:${staffId}`);
  }
  for (const staffId of staffIds) keys.push(`overdue:${id}:coordinators:${staffId}`);
  for (let generation = 0; generation <= (app.clockGeneration ?? 0); generation++) {
    for (const staffId of staffIds) {
      keys.push(`reminder:${id}:${generation}:${staffId}`, `escalation:${id}:${generation}:${staffId}`);
    }
  }
  for (const reviewerId of reviewerIds) {
    keys.push(`assigned:${id}:${reviewerId}`);
    for (const staffId of staffIds) keys.push(`conflict:${id}:${reviewerId}:${staffId}`);
  }
  return keys;
}

/** Deletes the outbox items of these idempotency keys (most do not exist), a few at a time. */
async function removeEmails(idempotencyKeys: string[]): Promise<void> {
  const keys = idempotencyKeys.map((key) => Dynamo.Key.outbox(Outbox.keyHashOf(key)));
  for (let start = 0; start < keys.length; start += 25) {
    await Promise.all(keys.slice(start, start + 25).map((key) => Dynamo.remove(key)));
  }
}
