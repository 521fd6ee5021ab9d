import { randomUUID } from "node:crypto";
import { z } from "zod";
import * as Dynamo from "../dynamo/index.js";
import { parseStored } from "../util/stored.js";

/** Who did something: an applicant (no identity kept), the platform itself, or a staff account. */
export type Actor = "applicant" | "system" | `user:${string}`;

/** An audit event: what happened, who did it, when, and details that are never content (notes are sealed). */
export const Event = z.looseObject({
  type: z.string(),
  /** `applicant`, `system` or `user:<id>` (see `Actor`). */
  actor: z.string().regex(/^(applicant|system|user:.+)$/),
  at: z.string(),
});
export type Event = z.infer<typeof Event>;

/**
 * The Put of an audit event about `subject` (an application or a staff account), for the caller to add to the
 * same transaction as the change it records: the change and its record succeed or fail together.
 */
export function put(
  subject: Dynamo.Subject,
  type: string,
  actor: Actor,
  at: string,
  detail: Record<string, unknown> = {},
) {
  return Dynamo.tx.put({
    ...Dynamo.Key.event(subject, at, randomUUID().slice(0, 8)),
    ...detail,
    type,
    actor,
    at,
  });
}

/** Records an event that goes with no other write (a staff member reading content, a download). */
export async function record(
  subject: Dynamo.Subject,
  type: string,
  actor: Actor,
  detail: Record<string, unknown> = {},
): Promise<void> {
  await Dynamo.transact([put(subject, type, actor, new Date().toISOString(), detail)]);
}

/** Every event about `subject`, oldest first. */
export async function list(subject: Dynamo.Subject): Promise<Event[]> {
  const items = await Dynamo.queryCollection(Dynamo.Collection.events(subject));
  return items.map((item) => parseStored(Event, Dynamo.withoutKeys(item), "audit event"));
}
