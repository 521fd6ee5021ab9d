import { randomUUID } from "node:crypto";
import * as Dynamo from "../dynamo/index.js";

/** Who did something: an applicant (no identity kept), the platform itself, or a staff account. */
export type Actor = "applicant" | "system" | `user:${string}`;

export interface Event {
  type: string;
  actor: Actor;
  at: string;
  [detail: string]: unknown;
}

/**
 * The Put of an audit event about `subject` (`APP#<id>` or `USER#<id>`), for the caller to add to the same
 * transaction as the change it records: the change and its record succeed or fail together.
 */
export function put(subject: string, type: string, actor: Actor, at: string, detail: Record<string, unknown> = {}) {
  return {
    Put: {
      TableName: Dynamo.tableName(),
      Item: {
        [Dynamo.keys.partition]: subject,
        [Dynamo.keys.sort]: `EVENT#${at}#${randomUUID().slice(0, 8)}`,
        ...detail,
        type,
        actor,
        at,
      },
    },
  };
}

/** Every event about `subject`, oldest first. */
export async function list(subject: string): Promise<Event[]> {
  const items = await Dynamo.queryAll({
    KeyConditionExpression: "#pk = :subject AND begins_with(#sk, :event)",
    ExpressionAttributeNames: { "#pk": Dynamo.keys.partition, "#sk": Dynamo.keys.sort },
    ExpressionAttributeValues: { ":subject": subject, ":event": "EVENT#" },
    ConsistentRead: true,
  });
  const events: Event[] = items.map(
    ({ [Dynamo.keys.partition]: _pk, [Dynamo.keys.sort]: _sk, ...event }) => event as Event,
  );
  return events;
}
