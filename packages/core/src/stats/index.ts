import { GetCommand } from "@aws-sdk/lib-dynamodb";
import * as Dynamo from "../dynamo/index.js";

const key = (callId: string) => ({
  [Dynamo.keys.partition]: `CALL#${callId}`,
  [Dynamo.keys.sort]: "STATS#applications",
});

/**
 * The Update of a call's anonymous counters (applications per stage, decisions, amounts), for the caller
 * to add to the same transaction as the change: reports read these, never the applications.
 */
export function update(callId: string, deltas: Record<string, number>) {
  const names: Record<string, string> = {};
  const values: Record<string, number> = {};
  const adds = Object.entries(deltas).map(([name, delta], index) => {
    names[`#c${index}`] = name;
    values[`:c${index}`] = delta;
    return `#c${index} :c${index}`;
  });
  return {
    Update: {
      TableName: Dynamo.tableName(),
      Key: key(callId),
      UpdateExpression: `ADD ${adds.join(", ")}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** A call's counters. */
export async function of(callId: string): Promise<Record<string, number>> {
  const result = await Dynamo.documentClient().send(
    new GetCommand({ TableName: Dynamo.tableName(), Key: key(callId), ConsistentRead: true }),
  );
  return Object.fromEntries(
    Object.entries(result.Item ?? {}).filter((entry): entry is [string, number] => typeof entry[1] === "number"),
  );
}
