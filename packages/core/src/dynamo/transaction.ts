// Transactions: their parts, and writing them all or nothing, tried again when another transaction got in the way.
import type { TransactWriteCommandInput } from "@aws-sdk/lib-dynamodb";
import { setTimeout as sleep } from "node:timers/promises";
import { session, type Item } from "./client.js";
import { isConditionFailure, isTransactionConflict } from "./conditions.js";
import { when, type Changes, type Condition } from "./expression.js";
import { attributes, type Key as ItemKey } from "./keys.js";
import { backoff, BusyError, transactionAttempts } from "./retry.js";
import { deleteInput, putInput, updateInput } from "./write.js";

type TransactItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

/** The parts of a transaction; each succeeds only if all do. */
export const tx = {
  put: (item: Item, condition?: Condition): TransactItem => ({ Put: putInput(item, condition) }),
  /** A put that fails (cancelling the transaction) if an item with the same key exists. */
  putIfNew: (item: Item): TransactItem => ({ Put: putInput(item, when.missing(attributes.partition)) }),
  update: (key: ItemKey, changes: Changes, condition?: Condition): TransactItem => ({
    Update: updateInput(key, changes, condition),
  }),
  delete: (key: ItemKey, condition?: Condition): TransactItem => ({ Delete: deleteInput(key, condition) }),
};

/**
 * Writes `items` in one transaction: all or nothing. DynamoDB cancels a transaction that touches an item
 * another transaction is writing (`TransactionConflict`); that is not the caller's fault, so it is tried
 * again with jittered backoff, and only a failed condition reaches the caller (`isConditionFailure`).
 * DynamoDB Local runs transactions one at a time and never conflicts, so tests inject conflicts.
 */
export async function transact(items: TransactItem[]): Promise<void> {
  const { client, commands } = await session();
  for (let attempt = 1; ; attempt++) {
    try {
      await client.send(new commands.TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (error) {
      if (!isTransactionConflict(error) || isConditionFailure(error)) throw error;
      if (attempt >= transactionAttempts) throw new BusyError(error);
      await sleep(backoff(attempt));
    }
  }
}
