// Writing one item or many, and the command inputs (item or key, update, condition) that transactions share.
import { setTimeout as sleep } from "node:timers/promises";
import { session, tableName, type Item } from "./client.js";
import { isConditionFailure } from "./conditions.js";
import { Placeholders, updateExpression, when, type Changes, type Condition } from "./expression.js";
import { attributes, type Key as ItemKey } from "./keys.js";
import { backoff, BusyError, transactionAttempts } from "./retry.js";

export function putInput(item: Item, condition?: Condition) {
  const p = new Placeholders();
  const expression = condition?.(p);
  return {
    TableName: tableName(),
    Item: item,
    ...(expression ? { ConditionExpression: expression } : {}),
    ...p.attributes(),
  };
}

export function updateInput(key: ItemKey, changes: Changes, condition?: Condition) {
  const p = new Placeholders();
  const update = updateExpression(changes, p);
  if (!update) throw new Error("an update must change something");
  const expression = condition?.(p);
  return {
    TableName: tableName(),
    Key: key,
    UpdateExpression: update,
    ...(expression ? { ConditionExpression: expression } : {}),
    ...p.attributes(),
  };
}

export function deleteInput(key: ItemKey, condition?: Condition) {
  const p = new Placeholders();
  const expression = condition?.(p);
  return {
    TableName: tableName(),
    Key: key,
    ...(expression ? { ConditionExpression: expression } : {}),
    ...p.attributes(),
  };
}

/** Writes one item; with a condition, throws a condition failure (see `isConditionFailure`) when it does not hold. */
export async function put(item: Item, condition?: Condition): Promise<void> {
  const { client, commands } = await session();
  await client.send(new commands.PutCommand(putInput(item, condition)));
}

/** Writes one item if none with its key exists. @returns false when one did. */
export async function putIfNew(item: Item): Promise<boolean> {
  try {
    await put(item, when.missing(attributes.partition));
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** How many items one BatchWriteItem request may carry (DynamoDB's limit). */
export const batchWriteSize = 25;

/**
 * Writes many items, unconditionally (each a plain put, so writing one again is harmless), `batchWriteSize` to a
 * request. DynamoDB may leave some unprocessed under load: those are sent again with backoff, and if some are
 * still left the call fails (`BusyError`), so a caller never goes on believing they were written.
 */
export async function putMany(items: Item[]): Promise<void> {
  const { client, commands } = await session();
  for (let start = 0; start < items.length; start += batchWriteSize) {
    let pending: { PutRequest: { Item: Item } }[] = items
      .slice(start, start + batchWriteSize)
      .map((item) => ({ PutRequest: { Item: item } }));
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > transactionAttempts) throw new BusyError("batch write left items unprocessed");
      if (attempt > 1) await sleep(backoff(attempt - 1));
      const result: { UnprocessedItems?: Record<string, { PutRequest?: { Item?: Item } }[]> } = await client.send(
        new commands.BatchWriteCommand({ RequestItems: { [tableName()]: pending } }),
      );
      pending = (result.UnprocessedItems?.[tableName()] ?? []).flatMap((request) =>
        request.PutRequest?.Item ? [{ PutRequest: { Item: request.PutRequest.Item } }] : [],
      );
    }
  }
}

/** Changes one item; with a condition, throws a condition failure when it does not hold. @returns the item after. */
export async function update(key: ItemKey, changes: Changes, condition?: Condition): Promise<Item> {
  const { client, commands } = await session();
  const result = await client.send(
    new commands.UpdateCommand({ ...updateInput(key, changes, condition), ReturnValues: "ALL_NEW" }),
  );
  return result.Attributes ?? {};
}

/** Deletes one item; with a condition, throws a condition failure when it does not hold. @returns the item before. */
export async function remove(key: ItemKey, condition?: Condition): Promise<Item | undefined> {
  const { client, commands } = await session();
  const result = await client.send(
    new commands.DeleteCommand({ ...deleteInput(key, condition), ReturnValues: "ALL_OLD" }),
  );
  return result.Attributes;
}

/**
 * Deletes the items under partition keys starting with `prefix` whose TTL attribute has passed: what DynamoDB's
 * TTL does in AWS, for the local runtime, where DynamoDB Local never expires anything. A scan: local use only.
 * @returns how many were deleted.
 */
export async function removeExpired(prefix: string, nowSeconds: number): Promise<number> {
  const { client, commands } = await session();
  let removed = 0;
  let cursor: Record<string, unknown> | undefined;
  do {
    const page: { Items?: Item[]; LastEvaluatedKey?: Record<string, unknown> } = await client.send(
      new commands.ScanCommand({
        TableName: tableName(),
        FilterExpression: "begins_with(#pk, :prefix) AND #ttl < :now",
        ExpressionAttributeNames: { "#pk": attributes.partition, "#ttl": attributes.ttl },
        ExpressionAttributeValues: { ":prefix": prefix, ":now": nowSeconds },
        ...(cursor ? { ExclusiveStartKey: cursor } : {}),
      }),
    );
    for (const item of page.Items ?? []) {
      await remove({ pk: String(item[attributes.partition]), sk: String(item[attributes.sort]) });
      removed++;
    }
    cursor = page.LastEvaluatedKey;
  } while (cursor);
  return removed;
}
