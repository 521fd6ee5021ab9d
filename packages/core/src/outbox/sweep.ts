// The sweep: retries what the stream's sender did not send, on a schedule (AWS) or an interval (locally).
import * as Clock from "../clock/index.js";
import * as Dynamo from "../dynamo/index.js";
import { logger } from "../log/index.js";
import { parseStored } from "../util/stored.js";
import { claimSeconds, deliver } from "./send.js";
import { errorKind, Stored } from "./stored.js";

/** The items not finished yet (pending or being sent), from the index. */
async function unfinished(): Promise<{ keyHash: string; stored: Stored }[]> {
  const items = await Dynamo.queryIndex(Dynamo.IndexPartition.outboxDue);
  return items.map((found) => ({
    keyHash: String(found[Dynamo.keys.partition]).slice(Dynamo.outboxPrefix.length),
    stored: parseStored(Stored, Dynamo.withoutKeys(found), "outbox item"),
  }));
}

/**
 * Retries what the stream did not send: items whose next attempt is due, and items whose claim went stale.
 * Runs on a schedule (AWS) or an interval (locally). @returns how many it tried and how many are left unfinished.
 */
export async function sweep(options: { now?: Date } = {}): Promise<{ attempted: number; unfinished: number }> {
  const now = options.now ?? Clock.now();
  // Staleness is the clock's time since the claim, whatever `now` says: a caller that moves `now` ahead to make
  // backoffs due (the tests do) must not take over a claim whose sender is still talking to SES, which would
  // send the email twice.
  const staleBefore = new Date(Clock.nowMs() - claimSeconds * 1000).toISOString();
  let attempted = 0;
  for (const { keyHash, stored } of await unfinished()) {
    const due =
      (stored.status === "pending" && stored.nextAttemptAt <= now.toISOString()) ||
      (stored.status === "sending" && (stored.claimedAt ?? "") <= staleBefore);
    if (!due) continue;
    attempted++;
    try {
      await deliver(keyHash, { now });
    } catch (error) {
      logger.error("outbox item not handled", { error: errorKind(error) });
    }
  }
  return { attempted, unfinished: (await unfinished()).length };
}
