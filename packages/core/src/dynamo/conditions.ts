// Why a write failed: a condition that did not hold, or a transaction another one was writing over, read from
// the SDK's errors.
import type { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { loadedSdk } from "./client.js";

/** Why each part of a cancelled transaction was cancelled (`None` for the parts that were fine). */
function cancellationReasons(error: TransactionCanceledException): string[] {
  if (error.CancellationReasons) return error.CancellationReasons.map((reason) => reason.Code ?? "None");
  // Some endpoints give the reasons only in the message: "... reasons [ConditionalCheckFailed, None]".
  const listed = /\[([^\]]*)\]\s*$/.exec(error.message)?.[1];
  return listed ? listed.split(",").map((reason) => reason.trim()) : [];
}

/** True when a write failed because its condition (or one in its transaction) did not hold. */
export function isConditionFailure(error: unknown): boolean {
  const sdk = loadedSdk();
  // Before the SDK is loaded nothing can have thrown one of its errors.
  if (!sdk) return false;
  const { ConditionalCheckFailedException, TransactionCanceledException } = sdk.dynamodb;
  if (error instanceof ConditionalCheckFailedException) return true;
  return error instanceof TransactionCanceledException && cancellationReasons(error).includes("ConditionalCheckFailed");
}

/** Which parts of a cancelled transaction failed their condition, by position (none for any other error). */
export function failedConditions(error: unknown): number[] {
  const sdk = loadedSdk();
  if (!sdk || !(error instanceof sdk.dynamodb.TransactionCanceledException)) return [];
  return cancellationReasons(error).flatMap((reason, index) => (reason === "ConditionalCheckFailed" ? [index] : []));
}

/** True when a transaction was cancelled because another one was writing the same items at that moment. */
export function isTransactionConflict(error: unknown): boolean {
  const sdk = loadedSdk();
  if (!sdk) return false;
  const { TransactionCanceledException } = sdk.dynamodb;
  return error instanceof TransactionCanceledException && cancellationReasons(error).includes("TransactionConflict");
}
