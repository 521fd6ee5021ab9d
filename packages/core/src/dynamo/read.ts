// Reading: items by key, a partition's collection, and the second index's partitions (all, or newest first).
import { setTimeout as sleep } from "node:timers/promises";
import { session, tableName, type Item } from "./client.js";
import { keyCondition, Placeholders, when, type Condition } from "./expression.js";
import { attributes, type Key as ItemKey } from "./keys.js";
import { backoff } from "./retry.js";

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
