// How the money can reach a grantee: a bank transfer, a trusted intermediary organisation, or another way they
// describe. Sealed in an item of its own (never on the application's content, never in an email, list, export
// or report), opened only by the call's coordinators (each opening an audit event), and deleted 30 days after the
// final payment, or when the grant is cancelled or closed, whichever comes first.
import { z } from "zod";
import * as Application from "../application/index.js";
import * as Audit from "../audit/index.js";
import * as Call from "../call/index.js";
import * as Clock from "../clock/index.js";
import * as Country from "../country/index.js";
import * as Crypto from "../crypto/index.js";
import * as Dynamo from "../dynamo/index.js";
import { ApplicationChangedError, NotFoundError, StageConflictError, UnprocessableError } from "../error/index.js";
import * as Review from "../review/access.js";
import type * as User from "../user/index.js";
import { parseStored } from "../util/stored.js";

const text = (max: number) => z.string().trim().min(1).max(max);

/** What the applicant gives, by the way they chose; every field is sealed. */
export const PaymentMethodInput = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("bank_transfer"),
    accountHolder: text(200),
    bankName: text(200),
    /** An IBAN or an account number, as the bank writes it. */
    account: text(100),
    /** A SWIFT/BIC code, a branch or routing number: whatever the bank needs besides the account. */
    routing: z.string().trim().max(100).optional(),
    bankCountry: Country.Code,
  }),
  z.object({
    kind: z.literal("intermediary"),
    organisation: text(200),
    /** How the fund reaches the organisation, and who there knows of this grant. */
    contact: text(500),
    notes: z.string().trim().max(1000).optional(),
  }),
  z.object({ kind: z.literal("other"), description: text(2000) }),
]);
export type PaymentMethodInput = z.infer<typeof PaymentMethodInput>;

/** What a coordinator opens: the method, and when it was given. */
export type PaymentMethod = PaymentMethodInput & { givenAt: string };

/** Where the applicant's method stands: dates only, never what was given. */
export const MethodStatus = z.object({
  given: z.boolean(),
  givenAt: z.string().optional(),
  /** When it will be deleted (after the final payment). */
  deleteAt: z.string().optional(),
  deletedAt: z.string().optional(),
  /** Whether the applicant may give (or replace) it now. */
  open: z.boolean(),
});
export type MethodStatus = z.infer<typeof MethodStatus>;

const sealContext = (applicationId: string) => ({ purpose: "payment_method", applicationId });

/** The stages in which the applicant gives how the money may reach them. */
const givenIn = ["agreed", "active", "report_due", "reported"] as const;

export function status(app: Application.Info): MethodStatus {
  const state = app.payment;
  const given = Boolean(state?.methodGivenAt && !state.methodDeletedAt);
  return {
    given,
    ...(state?.methodGivenAt ? { givenAt: state.methodGivenAt } : {}),
    ...(state?.methodDeleteAt && given ? { deleteAt: state.methodDeleteAt } : {}),
    ...(state?.methodDeletedAt ? { deletedAt: state.methodDeletedAt } : {}),
    open: (givenIn as readonly string[]).includes(app.stage) && !state?.finalAt && !state?.methodDeletedAt,
  };
}

/**
 * The applicant gives (or replaces) how the money may reach them, once the agreement is accepted and until the
 * final payment: a 409 outside that, a 422 for a way the call does not offer. Sealed; the application's version
 * moves on, in one conditional transaction with its audit event (which says only that it was given).
 */
export async function give(app: Application.Info, input: unknown): Promise<{ givenAt: string; version: number }> {
  const method = PaymentMethodInput.parse(input);
  if (!status(app).open) throw new StageConflictError("payment_method.closed", "error.payment_method_closed");
  const call = await Call.forApplication(app);
  if (!call.award?.paymentMethods.includes(method.kind)) {
    throw new UnprocessableError("payment_method.not_offered", "error.invalid_input", [
      { path: "kind", message: "payment_method.not_offered" },
    ]);
  }
  const at = Clock.iso();
  const version = app.version + 1;
  try {
    await Dynamo.transact([
      Dynamo.tx.put({
        ...Dynamo.Key.paymentMethod(app.id),
        givenAt: at,
        sealed: await Crypto.seal(method, sealContext(app.id)),
      }),
      Dynamo.tx.update(
        Dynamo.Key.application(app.id),
        { set: { payment: { ...(app.payment ?? { count: 0 }), methodGivenAt: at }, version, updatedAt: at } },
        Dynamo.when.all(Dynamo.when.equals("version", app.version), Dynamo.when.oneOf("stage", givenIn)),
      ),
      Audit.put({ application: app.id }, "payment_method_given", "applicant", at, {
        replaced: Boolean(app.payment?.methodGivenAt),
      }),
    ]);
  } catch (error) {
    if (Dynamo.isConditionFailure(error)) throw new ApplicationChangedError(error);
    throw error;
  }
  return { givenAt: at, version };
}

const StoredMethod = z.object({ givenAt: z.string(), sealed: z.string() });

/**
 * A coordinator of the application's call opens how the money may reach the grantee: the opening is recorded
 * (and listed under their account for admins) before anything is shown. 404 when there is none (never given, or
 * deleted); reviewers and everyone else get the reading gate's 404.
 */
export async function openForStaff(actor: User.Info, applicationId: string): Promise<PaymentMethod> {
  const app = await Review.coordinated(actor, applicationId);
  const item = await Dynamo.get(Dynamo.Key.paymentMethod(app.id), { consistent: true });
  if (!item || !status(app).given) throw new NotFoundError("payment_method.none");
  const stored = parseStored(StoredMethod, item, "payment method");
  await Audit.record({ application: app.id }, "payment_method_opened", `user:${actor.id}`);
  const method = PaymentMethodInput.parse(await Crypto.open(stored.sealed, sealContext(app.id)));
  return { ...method, givenAt: stored.givenAt };
}

/**
 * Deletes the method of an application whose deletion time has come (30 days after the final payment), with
 * a system audit event. The application's version does not move, so no coordinator's open form goes stale; the
 * write is conditional on the version read. @returns whether it deleted it now.
 */
export async function deleteIfDue(item: Application.StoredItem, now = Clock.now()): Promise<boolean> {
  const state = item.payment;
  if (!state?.methodDeleteAt || state.methodDeletedAt || Date.parse(state.methodDeleteAt) > now.getTime()) {
    return false;
  }
  const at = now.toISOString();
  const { methodDeleteAt: _due, ...kept } = state;
  try {
    await Dynamo.transact([
      Dynamo.tx.delete(Dynamo.Key.paymentMethod(item.id)),
      Dynamo.tx.update(
        Dynamo.Key.application(item.id),
        { set: { payment: { ...kept, methodDeletedAt: at } } },
        Dynamo.when.equals("version", item.version),
      ),
      Audit.put({ application: item.id }, "payment_method_deleted", "system", at, {}),
    ]);
  } catch (error) {
    if (Dynamo.isConditionFailure(error)) return false; // changed meanwhile: the next sweep looks again
    throw error;
  }
  return true;
}
