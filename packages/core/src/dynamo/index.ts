import type { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import type { DynamoDBDocumentClient, TransactWriteCommandInput } from "@aws-sdk/lib-dynamodb";
import { setTimeout as sleep } from "node:timers/promises";
import * as Config from "../config/index.js";
import { VisibleError } from "../error/index.js";
import { keyCondition, Placeholders, updateExpression, when, type Changes, type Condition } from "./expression.js";
import { attributes, type Key as ItemKey } from "./keys.js";

export { when, type Changes, type Condition } from "./expression.js";
export {
  Collection,
  counterShards,
  Index,
  IndexPartition,
  Key,
  KeyPrefix,
  outboxPrefix,
  rateWindowPrefix,
  contactPrefix,
  contactLinkPrefix,
  type Subject,
} from "./keys.js";

/**
 * The single table's key attributes: generic names so every domain shares one table (pk/sk for items, gsi1
 * for the second access pattern each domain needs). The infrastructure and the local runtime build the table
 * from these.
 */
export const keys = attributes;

interface Sdk {
  dynamodb: typeof import("@aws-sdk/client-dynamodb");
  document: typeof import("@aws-sdk/lib-dynamodb");
}
/** The SDK once loaded: what `isConditionFailure` compares errors with. */
let sdk: Sdk | undefined;
let loading: Promise<Sdk> | undefined;

/**
 * The SDK's DynamoDB client and document layer, loaded on first use rather than when this module loads: in
 * Lambda they come from the runtime (not the bundle), and a request that never reads the table (a page, a
 * refusal) does not wait for them on a cold start (`npm run bench`).
 */
function loadSdk(): Promise<Sdk> {
  return (loading ??= Promise.all([import("@aws-sdk/client-dynamodb"), import("@aws-sdk/lib-dynamodb")]).then(
    ([dynamodb, document]) => (sdk = { dynamodb, document }),
  ));
}

let current: DynamoDBDocumentClient | undefined;

/** The document client, pointed at DynamoDB Local when an endpoint is configured. */
export async function documentClient(): Promise<DynamoDBDocumentClient> {
  const { dynamodb, document } = await loadSdk();
  if (!current) {
    const config = Config.get();
    const base = new dynamodb.DynamoDBClient({
      region: config.AWS_REGION,
      ...(config.DYNAMODB_ENDPOINT
        ? { endpoint: config.DYNAMODB_ENDPOINT, credentials: { accessKeyId: "local", secretAccessKey: "local" } }
        : {}),
    });
    current = document.DynamoDBDocumentClient.from(base, {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    });
  }
  return current;
}

/** The table every domain reads and writes. */
export function tableName(): string {
  return Config.get().TABLE_NAME;
}

/** Drops the cached client (tests and the local runtime change endpoints after start). */
export function reset(): void {
  current?.destroy();
  current = undefined;
}

type Item = Record<string, unknown>;

/** The document client and lib-dynamodb's commands, for one call. */
async function session() {
  const client = await documentClient();
  return { client, commands: (await loadSdk()).document };
}

/* ------------------------------------ reading ------------------------------------ */

/** One item by its key (strongly consistent unless asked otherwise), or undefined. */
export async function get(key: ItemKey, options: { consistent?: boolean } = {}): Promise<Item | undefined> {
  const { client, commands } = await session();
  const result = await client.send(
    new commands.GetCommand({ TableName: tableName(), Key: key, ConsistentRead: options.consistent ?? true }),
  );
  return result.Item;
}

/** Several items by key, in no particular order; missing ones are left out. */
export async function getMany(keysToRead: ItemKey[]): Promise<Item[]> {
  const { client, commands } = await session();
  const found: Item[] = [];
  for (let start = 0; start < keysToRead.length; start += 100) {
    let pending: Record<string, unknown>[] | undefined = keysToRead.slice(start, start + 100);
    // BatchGet may leave keys unprocessed under load: ask again for just those.
    for (let attempt = 0; pending && pending.length > 0 && attempt < 8; attempt++) {
      if (attempt > 0) await sleep(backoff(attempt));
      const result: { Responses?: Record<string, Item[]>; UnprocessedKeys?: Record<string, { Keys?: Item[] }> } =
        await client.send(
          new commands.BatchGetCommand({ RequestItems: { [tableName()]: { Keys: pending, ConsistentRead: true } } }),
        );
      found.push(...(result.Responses?.[tableName()] ?? []));
      pending = result.UnprocessedKeys?.[tableName()]?.Keys;
    }
  }
  return found;
}

/** Every item of one partition whose sort key starts with `skPrefix`, across pages. */
export async function queryCollection(collection: { pk: string; skPrefix: string }): Promise<Item[]> {
  const p = new Placeholders();
  const condition = keyCondition(
    { attribute: attributes.partition, value: collection.pk },
    { attribute: attributes.sort, prefix: collection.skPrefix },
    p,
  );
  return queryAll({ KeyConditionExpression: condition, ConsistentRead: true, ...p.attributes() });
}

/** Every item of one partition of the second index (eventually consistent, as GSIs are), across pages. */
export async function queryIndex(partition: string): Promise<Item[]> {
  const p = new Placeholders();
  const condition = keyCondition({ attribute: attributes.gsi1.partition, value: partition }, undefined, p);
  return queryAll({ IndexName: attributes.gsi1.name, KeyConditionExpression: condition, ...p.attributes() });
}

/**
 * The newest `limit` items of one partition of the second index whose sort key is before `before` (all, when
 * left out): one page of a list shown newest first, the last item's sort key being the next page's `before`.
 * With `filter`, only items that meet it count: DynamoDB applies a filter after reading a page, so pages are
 * read on until `limit` items met it or the partition ends.
 */
export async function queryIndexNewest(
  partition: string,
  options: { before?: string; limit: number; filter?: Condition },
): Promise<Item[]> {
  const p = new Placeholders();
  const condition = keyCondition({ attribute: attributes.gsi1.partition, value: partition }, undefined, p);
  const before = options.before === undefined ? undefined : when.lessThan(attributes.gsi1.sort, options.before)(p);
  const filter = options.filter?.(p);
  const { client, commands } = await session();
  const found: Item[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const result: { Items?: Item[]; LastEvaluatedKey?: Record<string, unknown> } = await client.send(
      new commands.QueryCommand({
        TableName: tableName(),
        IndexName: attributes.gsi1.name,
        KeyConditionExpression: before ? `${condition} AND ${before}` : condition,
        ...(filter ? { FilterExpression: filter } : {}),
        ScanIndexForward: false,
        // A filtered read takes bigger pages: `Limit` counts the items read, not those that met the filter.
        Limit: filter ? Math.max(options.limit, 200) : options.limit,
        ...(start ? { ExclusiveStartKey: start } : {}),
        ...p.attributes(),
      }),
    );
    found.push(...(result.Items ?? []));
    start = result.LastEvaluatedKey;
  } while (filter && start && found.length < options.limit);
  return found.slice(0, options.limit);
}

async function queryAll(input: {
  KeyConditionExpression: string;
  IndexName?: string;
  ConsistentRead?: boolean;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
}): Promise<Item[]> {
  const { client, commands } = await session();
  const items: Item[] = [];
  for await (const page of commands.paginateQuery({ client }, { TableName: tableName(), ...input })) {
    items.push(...(page.Items ?? []));
  }
  return items;
}

/** An item without its table keys: what a domain parses. */
export function withoutKeys(item: Item): Item {
  const {
    [attributes.partition]: _pk,
    [attributes.sort]: _sk,
    [attributes.gsi1.partition]: _gsi1pk,
    [attributes.gsi1.sort]: _gsi1sk,
    ...rest
  } = item;
  return rest;
}

/* ------------------------------- transaction parts ------------------------------- */

type TransactItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

function putInput(item: Item, condition?: Condition) {
  const p = new Placeholders();
  const expression = condition?.(p);
  return {
    TableName: tableName(),
    Item: item,
    ...(expression ? { ConditionExpression: expression } : {}),
    ...p.attributes(),
  };
}

function updateInput(key: ItemKey, changes: Changes, condition?: Condition) {
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

function deleteInput(key: ItemKey, condition?: Condition) {
  const p = new Placeholders();
  const expression = condition?.(p);
  return {
    TableName: tableName(),
    Key: key,
    ...(expression ? { ConditionExpression: expression } : {}),
    ...p.attributes(),
  };
}

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

/* ------------------------------------ writing ------------------------------------ */

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

/* ---------------------------------- transactions ---------------------------------- */

/** How many times a transaction cancelled by a concurrent one is tried, in all. */
export const transactionAttempts = 6;

/** Full-jitter exponential backoff: a random wait up to 25 ms, 50 ms, 100 ms ... capped at 800 ms. */
function backoff(attempt: number): number {
  return Math.random() * Math.min(800, 25 * 2 ** (attempt - 1));
}

/** Too many requests changed the same items at once and this one kept losing: try again shortly (429). */
export class BusyError extends VisibleError {
  override readonly name = "BusyError";
  constructor(cause: unknown) {
    super({ kind: "rate_limited", code: "busy", message: "error.busy", params: { seconds: 1 }, cause });
  }
}

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

/** Why each part of a cancelled transaction was cancelled (`None` for the parts that were fine). */
function cancellationReasons(error: TransactionCanceledException): string[] {
  if (error.CancellationReasons) return error.CancellationReasons.map((reason) => reason.Code ?? "None");
  // Some endpoints give the reasons only in the message: "... reasons [ConditionalCheckFailed, None]".
  const listed = /\[([^\]]*)\]\s*$/.exec(error.message)?.[1];
  return listed ? listed.split(",").map((reason) => reason.trim()) : [];
}

/** True when a write failed because its condition (or one in its transaction) did not hold. */
export function isConditionFailure(error: unknown): boolean {
  // Before the SDK is loaded nothing can have thrown one of its errors.
  if (!sdk) return false;
  const { ConditionalCheckFailedException, TransactionCanceledException } = sdk.dynamodb;
  if (error instanceof ConditionalCheckFailedException) return true;
  return error instanceof TransactionCanceledException && cancellationReasons(error).includes("ConditionalCheckFailed");
}

/** Which parts of a cancelled transaction failed their condition, by position (none for any other error). */
export function failedConditions(error: unknown): number[] {
  if (!sdk || !(error instanceof sdk.dynamodb.TransactionCanceledException)) return [];
  return cancellationReasons(error).flatMap((reason, index) => (reason === "ConditionalCheckFailed" ? [index] : []));
}

/** True when a transaction was cancelled because another one was writing the same items at that moment. */
export function isTransactionConflict(error: unknown): boolean {
  if (!sdk) return false;
  const { TransactionCanceledException } = sdk.dynamodb;
  return error instanceof TransactionCanceledException && cancellationReasons(error).includes("TransactionConflict");
}
