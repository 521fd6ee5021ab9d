// The SDK's DynamoDB client, loaded on first use, and the table it reads and writes.
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import * as Config from "../config/index.js";

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

/** The SDK if it has been loaded yet (nothing can have thrown one of its errors before). */
export function loadedSdk(): Sdk | undefined {
  return sdk;
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

export type Item = Record<string, unknown>;

/** The document client and lib-dynamodb's commands, for one call. */
export async function session() {
  const client = await documentClient();
  return { client, commands: (await loadSdk()).document };
}
