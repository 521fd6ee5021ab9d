import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import * as Dynamo from "../dynamo/index.js";
import { VisibleError } from "../error/index.js";

/**
 * Counts a request against a fixed window and refuses it (429) past `limit`. One conditional ADD per
 * request, so concurrent requests cannot slip past the limit together. `key` must not contain personal data:
 * hash an address with `Crypto.hmac` first.
 */
export async function hit(key: string, limit: number, windowSeconds: number): Promise<void> {
  const now = Math.floor(Date.now() / 1000);
  const window = Math.floor(now / windowSeconds);
  try {
    await Dynamo.documentClient().send(
      new UpdateCommand({
        TableName: Dynamo.tableName(),
        Key: { [Dynamo.keys.partition]: `RATE#${key}#${window}`, [Dynamo.keys.sort]: "RATE" },
        UpdateExpression: "ADD #count :one SET #ttl = :expires",
        ConditionExpression: "attribute_not_exists(#count) OR #count < :limit",
        ExpressionAttributeNames: { "#count": "count", "#ttl": Dynamo.keys.ttl },
        ExpressionAttributeValues: { ":one": 1, ":limit": limit, ":expires": (window + 2) * windowSeconds },
      }),
    );
  } catch (error) {
    if (error instanceof Error && error.name === "ConditionalCheckFailedException") {
      throw new VisibleError("rate_limited", "rate_limited", "error.rate_limited", {
        seconds: (window + 1) * windowSeconds - now,
      });
    }
    throw error;
  }
}
