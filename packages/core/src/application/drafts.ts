import * as Call from "../call/index.js";
import * as Clock from "../clock/index.js";
import * as Dynamo from "../dynamo/index.js";
// The objects module alone: the retention module itself reads applications, so importing it here would loop.
import { removeEveryVersion } from "../retention/objects.js";
import { parseStored } from "../util/stored.js";
import { objectKeysOf, StoredItem } from "./record.js";

const DAY_MS = 86_400_000;

/**
 * Deletes drafts nobody has touched for their call's `draftRetentionDays`, with everything stored about them:
 * the item, its events, its access code and its uploads. Run on a schedule: DynamoDB Local never applies TTL
 * and TTL in AWS is lazy, and TTL could not remove the uploads anyway. A draft edited while the sweep runs
 * survives: its item is deleted only if it is still the draft, at the version, that the sweep read.
 * @returns how many drafts were deleted.
 */
export async function sweepAbandonedDrafts(now = Clock.now()): Promise<number> {
  let deleted = 0;
  for (const call of await Call.list(now)) {
    const cutoff = new Date(now.getTime() - call.draftRetentionDays * DAY_MS).toISOString();
    for (const raw of await Dynamo.queryIndex(Dynamo.IndexPartition.callApplications(call.id))) {
      const item = parseStored(StoredItem, raw, "application");
      if (item.stage !== "draft" || item.updatedAt >= cutoff) continue;
      if (await deleteDraft(item)) deleted++;
    }
  }
  return deleted;
}

async function deleteDraft(item: StoredItem): Promise<boolean> {
  try {
    await Dynamo.remove(
      Dynamo.Key.application(item.id),
      Dynamo.when.all(Dynamo.when.equals("stage", "draft"), Dynamo.when.equals("version", item.version)),
    );
  } catch (error) {
    if (Dynamo.isConditionFailure(error)) return false; // edited or submitted meanwhile: it stays
    throw error;
  }
  // The item is gone, so nothing can reach the rest any more; remove it too.
  await Dynamo.remove(Dynamo.Key.accessCode(item.tokenHash));
  for (const rest of await Dynamo.queryCollection(Dynamo.Collection.application(item.id))) {
    await Dynamo.remove({ pk: String(rest[Dynamo.keys.partition]), sk: String(rest[Dynamo.keys.sort]) });
  }
  // Every version, as the retention sweep does: in a versioned bucket a plain delete keeps the bytes.
  for (const key of objectKeysOf(item)) await removeEveryVersion(key);
  return true;
}
