import { createHash } from "node:crypto";
import * as Dynamo from "../dynamo/index.js";

/** Which of a call's counter shards the changes caused by one application go to: the same one every time. */
export function shardOf(applicationId: string): number {
  return createHash("sha256").update(applicationId).digest()[0]! % Dynamo.counterShards;
}

/**
 * The Update of a call's anonymous counters (applications per stage, decisions, amounts), for the caller
 * to add to the same transaction as the change: reports read these, never the applications. Every
 * application of a call changes them, so they are spread over a few shards (summed on read) and a surge of
 * submissions does not queue on one item.
 */
export function update(callId: string, applicationId: string, deltas: Record<string, number>) {
  return Dynamo.tx.update(Dynamo.Key.applicationCounters(callId, shardOf(applicationId)), { add: deltas });
}

/** A call's counters, summed over their shards. */
export async function of(callId: string): Promise<Record<string, number>> {
  const totals: Record<string, number> = {};
  for (const shard of await Dynamo.queryCollection(Dynamo.Collection.applicationCounters(callId))) {
    for (const [name, value] of Object.entries(Dynamo.withoutKeys(shard))) {
      if (typeof value === "number") totals[name] = (totals[name] ?? 0) + value;
    }
  }
  return totals;
}
