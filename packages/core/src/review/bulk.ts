import { z } from "zod";
import * as Application from "../application/index.js";
import {
  ApplicationChangedError,
  ConflictDeclaredError,
  ConflictError,
  ForbiddenError,
  ImpossibleMoveError,
  NotFoundError,
  UnprocessableError,
} from "../error/index.js";
// A cycle (stage reads review's access rules), harmless as both are used only when called. Imported statically:
// a dynamic import() would make esbuild wrap modules in lazy initializers that, with the secret module's
// top-level await, never finish loading in the deployed bundle (test/infra/bundle-loads.test.ts).
import * as Stage from "../stage/index.js";
import * as User from "../user/index.js";

/**
 * A coordinator shortlists many applications of one call at once from the list, or declines the rest
 * with one note. Each item is its own conditional move (`Stage.transition`, at the version the coordinator's
 * list showed), answered per item with a `reason` when not moved (`BulkReason`): none stops the others.
 */

export const BulkItem = z.object({ id: z.string().min(1).max(64), version: z.number().int().positive() });

export const BulkInput = z.object({ callId: z.string().min(1).max(64), items: z.array(BulkItem).min(1).max(100) });
export type BulkInput = z.input<typeof BulkInput>;

export const BulkDeclineInput = BulkInput.extend({ note: z.string().trim().min(1).max(4_000) });
export type BulkDeclineInput = z.input<typeof BulkDeclineInput>;

/**
 * Why an item was not moved: `stale` (changed since the list was read: read it again), `not_allowed` (a move the
 * call does not allow from its stage, or whose rules it breaks), `conflicted` (the coordinator's own declared
 * conflict), `not_found` (not the call's, or not known to them).
 */
export const BulkReason = z.enum(["stale", "not_allowed", "conflicted", "not_found"]);
export type BulkReason = z.infer<typeof BulkReason>;

export const BulkResultItem = z.object({
  id: z.string(),
  status: z.union([z.literal(200), z.literal(403), z.literal(404), z.literal(409)]),
  /** Present on every item not moved (`status` other than 200). */
  reason: BulkReason.optional(),
});
export type BulkResultItem = z.infer<typeof BulkResultItem>;

export const BulkResult = z.object({ results: z.array(BulkResultItem) });
export type BulkResult = z.infer<typeof BulkResult>;

const coordinates = (user: User.Info, callId: string) =>
  (user.roles.includes("coordinator") || user.roles.includes("admin")) && User.worksOn(user, callId);

/** The answer for an item whose move failed, or undefined for an error that is not the item's (thrown on). */
function refused(id: string, error: unknown): BulkResultItem | undefined {
  if (error instanceof NotFoundError) return { id, status: 404, reason: "not_found" };
  if (error instanceof ConflictDeclaredError) return { id, status: 403, reason: "conflicted" };
  if (error instanceof ApplicationChangedError) return { id, status: 409, reason: "stale" };
  // Decided or withdrawn, a stage the call does not allow from here, or a rule of the move broken.
  if (error instanceof ImpossibleMoveError || error instanceof ConflictError || error instanceof UnprocessableError) {
    return { id, status: 409, reason: "not_allowed" };
  }
  return undefined;
}

async function each(
  user: User.Info,
  callId: string,
  items: z.infer<typeof BulkItem>[],
  move: (id: string, version: number) => Promise<unknown>,
): Promise<BulkResult> {
  if (!coordinates(user, callId)) throw new ForbiddenError("review.not_coordinator");
  const results: BulkResultItem[] = [];
  // One after another: each is a small transaction, and a list of a hundred stays well within a request.
  for (const { id, version } of items) {
    try {
      const app = await Application.fromID(id);
      if (!app || app.callId !== callId) throw new NotFoundError("application.not_found");
      // The same gate as one move (`Stage.transition` goes through `coordinated`).
      await move(id, version);
      results.push({ id, status: 200 });
    } catch (error) {
      const result = refused(id, error);
      if (!result) throw error;
      results.push(result);
    }
  }
  return { results };
}

/** Shortlists each application at its version; in a call with a second stage, each applicant is invited. */
export async function shortlistMany(
  user: User.Info,
  callId: string,
  items: z.input<typeof BulkItem>[],
): Promise<BulkResult> {
  const parsed = BulkInput.parse({ callId, items });
  return each(user, parsed.callId, parsed.items, (id, version) =>
    Stage.transition(user, id, { to: "shortlisted", version }),
  );
}

/** Declines each application at its version, every one with the same note (kept sealed in its audit event). */
export async function declineMany(
  user: User.Info,
  callId: string,
  items: z.input<typeof BulkItem>[],
  note: string,
): Promise<BulkResult> {
  const parsed = BulkDeclineInput.parse({ callId, items, note });
  return each(user, parsed.callId, parsed.items, (id, version) =>
    Stage.transition(user, id, { to: "declined", version, note: parsed.note }),
  );
}
