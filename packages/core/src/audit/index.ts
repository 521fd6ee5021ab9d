import { createHash, randomUUID } from "node:crypto";
import { z } from "zod";
import * as Clock from "../clock/index.js";
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
  const unique = randomUUID().slice(0, 8);
  const staffId = actor.startsWith("user:") ? actor.slice("user:".length) : undefined;
  return Dynamo.tx.put({
    ...Dynamo.Key.event(subject, at, unique),
    // A staff member opening an application or its file is also listed under their account, for admins.
    ...("application" in subject && staffId && isAccess(type)
      ? Dynamo.Index.staffAccess(staffId, at, subject.application, unique)
      : {}),
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
  await Dynamo.transact([put(subject, type, actor, Clock.iso(), detail)]);
}

/* ---------- views of content, one per person, application and window ---------- */

/** The fixed windows views are counted in: all views of one application by one person in one window are one event. */
export const viewWindowMs = 5 * 60_000;

/**
 * The `viewed` event of `userId` opening `applicationId`'s content or identity at `nowMs`, keyed by the window it
 * falls in: its key and every attribute follow from (application, person, window) alone, so writing it again in
 * the same window is an idempotent put, and the history holds one row per window instead of one per page load.
 * `at` is the window's start.
 */
export function viewed(
  applicationId: string,
  userId: string,
  nowMs = Clock.nowMs(),
  part?: ViewedPart,
): Record<string, unknown> {
  const at = new Date(Math.floor(nowMs / viewWindowMs) * viewWindowMs).toISOString();
  const key = `${applicationId}#${userId}#${at}${part ? `#${part}` : ""}`;
  const unique = createHash("sha256").update(key).digest("hex").slice(0, 8);
  return {
    ...Dynamo.Key.event({ application: applicationId }, at, unique),
    ...Dynamo.Index.staffAccess(userId, at, applicationId, unique),
    type: "viewed",
    actor: `user:${userId}`,
    at,
    ...(part ? { part } : {}),
  };
}

/**
 * A part opened beyond the content and identity every view opens (coordinators): the eligibility answers, and the
 * questions asked for more information with the applicant's answers.
 */
export type ViewedPart = "eligibility" | "more_info";

/**
 * Records that `userId` opened the content or identity of each of `applicationIds` (a page, or a list's rows),
 * before any of it is shown: in batches of 25 with retries of what DynamoDB leaves unprocessed. It throws when
 * they cannot all be written, and the caller then shows nothing.
 */
export async function recordViews(userId: string, applicationIds: readonly string[], part?: ViewedPart): Promise<void> {
  const nowMs = Clock.nowMs();
  await Dynamo.putMany([...new Set(applicationIds)].map((id) => viewed(id, userId, nowMs, part)));
}

/** Every event about `subject`, oldest first. */
export async function list(subject: Dynamo.Subject): Promise<Event[]> {
  const items = await Dynamo.queryCollection(Dynamo.Collection.events(subject));
  return items.map((item) => parseStored(Event, Dynamo.withoutKeys(item), "audit event"));
}

/* ---------- who opened what ---------- */

/** The events that record a staff member opening an application's content or downloading its file. */
export const accessTypes = [
  "viewed",
  "budget_file_downloaded",
  "document_downloaded",
  "payment_method_opened",
  "report_opened",
  "report_document_downloaded",
] as const;
export type AccessType = (typeof accessTypes)[number];
const isAccess = (type: string): type is AccessType => (accessTypes as readonly string[]).includes(type);

/** One opening: who, what, when. */
export interface Access {
  type: AccessType;
  userId: string;
  applicationId: string;
  at: string;
  /** Where it stands in the list: the next page starts after it. */
  cursor: string;
}

/** What a cursor looks like (`at#applicationId#unique`); anything else is not one. */
export const accessCursor = z.string().regex(/^[0-9T:.Z-]{10,40}#[A-Za-z0-9-]{1,80}#[0-9a-f]{8}$/);

/** Openings per page of an admin's list. */
export const accessPageSize = 50;

/** How long a whole application id is (`Application`'s ids: 26 base32 characters); anything shorter is a prefix. */
const applicationIdLength = 26;

/**
 * An admin's filter of the openings: a staff account, an application (its whole id, or the start of it, such as
 * the 8 characters staff pages show, in any case), and where the page starts (all optional).
 */
export const AccessQuery = z.object({
  user: z.union([z.literal(""), z.uuid()]).default(""),
  application: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{0,80}$/)
    .toLowerCase()
    .default(""),
  before: z.union([z.literal(""), accessCursor]).default(""),
});

/**
 * Openings newest first, `limit` at a time from after `before`: of one application (its own events, when
 * `applicationId` is a whole id), or of the staff accounts `userIds` (each account's index, merged), narrowed to
 * the applications whose id starts with `applicationId` when it is shorter. Openings recorded before the index
 * existed appear only in a whole application id's list.
 */
export async function access(options: {
  userIds: string[];
  applicationId?: string;
  before?: string;
  limit: number;
}): Promise<{ items: Access[]; next?: string }> {
  const { before, limit } = options;
  let found: Access[];
  const prefix =
    options.applicationId !== undefined && options.applicationId.length < applicationIdLength
      ? Dynamo.KeyPrefix.application(options.applicationId)
      : undefined;
  if (options.applicationId !== undefined && !prefix) {
    const applicationId = options.applicationId;
    const items = await Dynamo.queryCollection(Dynamo.Collection.events({ application: applicationId }));
    found = items.flatMap((item) => {
      const type = String(item["type"]);
      const actor = String(item["actor"]);
      if (!isAccess(type) || !actor.startsWith("user:")) return [];
      const at = String(item["at"]);
      const unique = String(item[Dynamo.keys.sort]).split("#").at(-1) ?? "";
      return [
        { type, userId: actor.slice("user:".length), applicationId, at, cursor: `${at}#${applicationId}#${unique}` },
      ];
    });
    found = found.filter((item) => options.userIds.includes(item.userId));
  } else {
    const pages = await Promise.all(
      options.userIds.map((userId) =>
        Dynamo.queryIndexNewest(Dynamo.IndexPartition.staffAccess(userId), {
          limit: limit + 1,
          ...(before ? { before } : {}),
          ...(prefix ? { filter: Dynamo.when.beginsWith(prefix.attribute, prefix.prefix) } : {}),
        }),
      ),
    );
    found = pages.flat().flatMap((item) => {
      const type = String(item["type"]);
      const cursor = String(item[Dynamo.keys.gsi1.sort]);
      const applicationId = cursor.split("#")[1] ?? "";
      if (!isAccess(type)) return [];
      return [
        { type, userId: String(item["actor"]).slice("user:".length), applicationId, at: String(item["at"]), cursor },
      ];
    });
  }
  const page = found
    .filter((item) => before === undefined || item.cursor < before)
    .sort((a, b) => b.cursor.localeCompare(a.cursor))
    .slice(0, limit + 1);
  const items = page.slice(0, limit);
  return page.length > limit ? { items, next: items.at(-1)!.cursor } : { items };
}
