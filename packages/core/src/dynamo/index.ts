import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, paginateQuery, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import * as Config from "../config/index.js";

/**
 * The single table: generic keys so every domain shares one table (pk/sk for items, gsi1 for the second
 * access pattern each domain needs). The infrastructure and the local runtime both build the table from these.
 */
export const keys = {
  partition: "pk",
  sort: "sk",
  gsi1: { name: "gsi1", partition: "gsi1pk", sort: "gsi1sk" },
  /** Epoch seconds; DynamoDB's TTL deletes the item after it (DynamoDB Local never does: filter on read). */
  ttl: "expiresAt",
} as const;

let client: DynamoDBDocumentClient | undefined;

/** The document client, pointed at DynamoDB Local when an endpoint is configured. */
export function documentClient(): DynamoDBDocumentClient {
  if (!client) {
    const config = Config.get();
    const base = new DynamoDBClient({
      region: config.AWS_REGION,
      ...(config.DYNAMODB_ENDPOINT
        ? { endpoint: config.DYNAMODB_ENDPOINT, credentials: { accessKeyId: "local", secretAccessKey: "local" } }
        : {}),
    });
    client = DynamoDBDocumentClient.from(base, {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    });
  }
  return client;
}

/** Every item a query finds, across pages (the SDK's paginator follows LastEvaluatedKey). */
export async function queryAll(input: Omit<QueryCommandInput, "TableName" | "ExclusiveStartKey">) {
  const items: Record<string, unknown>[] = [];
  for await (const page of paginateQuery({ client: documentClient() }, { TableName: tableName(), ...input })) {
    items.push(...(page.Items ?? []));
  }
  return items;
}

/** The table every domain reads and writes. */
export function tableName(): string {
  return Config.get().TABLE_NAME;
}

/** Drops the cached client (tests and the local runtime change endpoints after start). */
export function reset(): void {
  client?.destroy();
  client = undefined;
}
