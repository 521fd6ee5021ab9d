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
 * Issue 13: a coordinator shortlists many applications of one call at once from the list, or declines the rest
 * with one note. Each item is its own conditional move (`Stage.transition`, at the version the coordinator's
 * list showed): a stale version or a move the call does not allow answers 409 for that item, an application
 * that is not the call's (or not known to them) 404, and neither stops the others.
 */

export const BulkItem = z.object({ id: z.string().min(1).max(64), version: z.number().int().positive() });

export const BulkInput = z.object({ callId: z.string().min(1).max(64), items: z.array(BulkItem).min(1).max(100) });
export type BulkInput = z.input<typeof BulkInput>;

export const BulkDeclineInput = BulkInput.extend({ note: z.string().trim().min(1).max(4_000) });
export type BulkDeclineInput = z.input<typeof BulkDeclineInput>;

export const BulkResult = z.object({
  results: z.array(z.object({ id: z.string(), status: z.union([z.literal(200), z.literal(404), z.literal(409)]) })),
});
export type BulkResult = z.infer<typeof BulkResult>;

type Status = BulkResult["results"][number]["status"];

const coordinates = (user: User.Info, callId: string) =>
  (user.roles.includes("coordinator") || user.roles.includes("admin")) && User.worksOn(user, callId);

async function each(
  user: User.Info,
  callId: string,
  items: z.infer<typeof BulkItem>[],
  move: (id: string, version: number) => Promise<unknown>,
): Promise<BulkResult> {
  if (!coordinates(user, callId)) throw new ForbiddenError("review.not_coordinator");
  const results: BulkResult["results"] = [];
  // One after another: each is a small transaction, and a list of a hundred stays well within a request.
  for (const { id, version } of items) {
    let status: Status = 200;
    try {
      const app = await Application.fromID(id);
      if (!app || app.callId !== callId) throw new NotFoundError("application.not_found");
      await move(id, version);
    } catch (error) {
      if (error instanceof NotFoundError) status = 404;
      else if (
        error instanceof ApplicationChangedError ||
        error instanceof ImpossibleMoveError ||
        error instanceof ConflictError ||
        // Their own declared conflict: they may not move it, and the list already says so.
        error instanceof ConflictDeclaredError ||
        error instanceof UnprocessableError
      )
        status = 409;
      else throw error;
    }
    results.push({ id, status });
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
