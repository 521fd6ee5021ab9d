// After the award: the agreement the applicant accepts (or turns down), how the money reaches them
// (`payment-method.ts`), and the payments a coordinator records (`ledger.ts`). Every stage move goes through
// `stage/` (plan, commit, audit, counters); this module reads what the moves need and says what each person sees.
import { z } from "zod";
import * as Application from "../application/index.js";
import * as Call from "../call/index.js";
import * as Clock from "../clock/index.js";
import { ApplicationChangedError, ForbiddenError } from "../error/index.js";
import { LocalizedText } from "../i18n/index.js";
import * as Review from "../review/access.js";
import { commit } from "../stage/commit.js";
import { plan } from "../stage/plan.js";
import { Stage } from "../stage/stages.js";
import type * as User from "../user/index.js";
import * as Ledger from "./ledger.js";
import * as PaymentMethod from "./payment-method.js";
import { ReportStatus } from "./reports.js";

export { grantHashOf } from "./ledger.js";
export {
  deleteIfDue as deletePaymentMethodIfDue,
  give as givePaymentMethod,
  MethodStatus,
  openForStaff as openPaymentMethod,
  PaymentMethodInput,
  status as paymentMethodStatus,
  type PaymentMethod,
} from "./payment-method.js";
export { methodKeptDays, payableStages } from "../stage/plan-award.js";
export { sweep as sweepLedger } from "./ledger.js";
export * from "./reports.js";

/** What the applicant sends to answer the agreement: accept it by typing their name, or turn it down. */
export const AgreementAnswer = z.discriminatedUnion("decision", [
  z.object({ decision: z.literal("accept"), name: z.string().max(200) }),
  z.object({ decision: z.literal("decline") }),
]);
export type AgreementAnswer = z.infer<typeof AgreementAnswer>;

/**
 * The applicant accepts the agreement or turns the award down (from `approved` or `agreement_sent`). The same
 * answer again answers the same and changes nothing; a move the stage does not allow is a 409.
 */
export async function answerAgreement(app: Application.Info, input: unknown): Promise<{ stage: Stage }> {
  const answer = AgreementAnswer.parse(input);
  const done: Stage = answer.decision === "accept" ? "agreed" : "declined_by_applicant";
  if (app.stage === done) return { stage: done };
  const call = await Call.forApplication(app);
  const move =
    answer.decision === "accept"
      ? ({ kind: "accept_agreement", name: answer.name } as const)
      : ({ kind: "decline_award" } as const);
  try {
    await commit(app, plan({ app, call, actor: { kind: "applicant" }, move, now: Clock.now() }));
  } catch (error) {
    // The same answer from another tab a moment ago answers the same.
    if (error instanceof ApplicationChangedError && (await Application.fromID(app.id))?.stage === done) {
      return { stage: done };
    }
    throw error;
  }
  return { stage: done };
}

/** A payment as a coordinator records it. */
export const PaymentInput = z.object({
  version: z.number().int().positive(),
  amount: z.number().int().positive().max(1_000_000_000),
  /** The day the money was sent, `YYYY-MM-DD`, no later than today. */
  paidOn: z.string().max(10),
  /** The bank's or intermediary's reference; sealed. Never the account details. */
  reference: z.string().max(200),
  final: z.boolean().default(false),
});
export type PaymentInput = z.input<typeof PaymentInput>;

/**
 * A coordinator of the call records a payment at the version they read: the grant becomes active, the ledger
 * gains an entry (with its reference sealed), and the applicant is told neutrally. 409 when stale, not yet
 * agreed, suspended, or after the final payment; 422 above what remains of the grant or for a date to come.
 */
export async function recordPayment(
  actor: User.Info,
  applicationId: string,
  input: PaymentInput,
): Promise<{ stage: Stage; version: number; number: number }> {
  const { version, amount, paidOn, reference, final } = PaymentInput.parse(input);
  const app = await Review.coordinated(actor, applicationId);
  const call = await Call.forApplication(app);
  const paidSoFar = Ledger.paidSum(await Ledger.payments(app.callId, app.id));
  const move = plan({
    app,
    call,
    actor: { kind: "coordinator", userId: actor.id },
    move: { kind: "record_payment", version, amount, paidOn, reference, final, paidSoFar },
    now: Clock.now(),
  });
  const result = await commit(app, move);
  return { ...result, number: move.payment!.number };
}

/** A payment in a call's ledger as its coordinators list it: the grant's application while it is kept. */
export type LedgerRow = Omit<Ledger.CallPayment, "grantHash"> & { applicationId?: string };

/**
 * A call's ledger for its coordinators: every payment, soonest first, with the totals paid per currency. The
 * grant is named by its application while that is kept (the ledger outlives it); references stay on each grant's
 * own page, since people paste account fragments into them.
 */
export async function callLedger(
  actor: User.Info,
  callId: string,
): Promise<{ rows: LedgerRow[]; totals: Record<string, number> }> {
  if (!Review.isCoordinating(actor, callId)) throw new ForbiddenError("review.not_coordinator");
  const grants = new Map((await Application.listForCall(callId)).map((app) => [Ledger.grantHashOf(app.id), app.id]));
  const totals: Record<string, number> = {};
  const rows = (await Ledger.ofCall(callId)).map(({ grantHash, ...payment }) => {
    totals[payment.currency] = (totals[payment.currency] ?? 0) + payment.amount;
    const applicationId = grants.get(grantHash);
    return { ...payment, ...(applicationId ? { applicationId } : {}) };
  });
  return { rows, totals };
}

/** A report the grant will owe, with its due date once the agreement has started the grant's period. */
export const ReportDue = z.object({
  id: z.string(),
  title: LocalizedText,
  dueDays: z.number().int(),
  dueAt: z.string().optional(),
  /** Where it stands, once the grant is agreed (`reports.ts`). */
  status: ReportStatus.optional(),
});
export type ReportDue = z.infer<typeof ReportDue>;

/** One payment as it is shown: the reference only to coordinators. */
export const Payment = z.object({
  number: z.number().int(),
  amount: z.number().int(),
  currency: z.string(),
  /** The day the money was sent, `YYYY-MM-DD`. */
  paidOn: z.string(),
  recordedAt: z.string(),
  final: z.boolean(),
  reference: z.string().optional(),
});

/** What an applicant (or a coordinator) sees of an award: terms, amount, period, reports, payments. */
export const View = z.object({
  stage: Stage,
  agreement: z.enum(["in_amparo", "outside"]),
  terms: LocalizedText,
  amount: z.number().int().optional(),
  currency: z.string(),
  periodDays: z.number().int(),
  agreedAt: z.string().optional(),
  endsAt: z.string().optional(),
  signedOutside: z.boolean(),
  reports: z.array(ReportDue),
  payments: z.array(Payment),
  paid: z.number().int(),
  paymentMethod: PaymentMethod.MethodStatus,
  paymentMethods: z.array(Call.PaymentMethodKind),
});
export type AwardView = z.infer<typeof View>;

/** The stages in which there is an award to show. */
export const awardShownIn: readonly Stage[] = [
  "approved",
  "agreement_sent",
  "agreed",
  "active",
  "suspended",
  "cancelled",
  "declined_by_applicant",
  "report_due",
  "reported",
  "closed",
];

/**
 * The award as its applicant sees it (payments without their references), or as a coordinator does (with
 * them); undefined before an approval or where the call has no award settings.
 */
export async function view(
  app: Application.Info,
  { references = false }: { references?: boolean } = {},
): Promise<AwardView | undefined> {
  if (!awardShownIn.includes(app.stage)) return undefined;
  const call = await Call.forApplication(app);
  const award = call.award;
  if (!award) return undefined;
  const payments = await Ledger.payments(app.callId, app.id, { references });
  const agreedAt = app.agreement?.agreedAt;
  const states = Application.reportStates(app, call);
  return {
    stage: app.stage,
    agreement: award.agreement,
    terms: award.terms,
    ...(app.decision?.amount !== undefined ? { amount: app.decision.amount } : {}),
    currency: call.funding.currency,
    periodDays: award.periodDays,
    ...(agreedAt ? { agreedAt, endsAt: app.agreement!.endsAt } : {}),
    signedOutside: app.agreement?.signedOutside ?? false,
    reports: award.reports.map(({ id, title, dueDays }) => {
      const state = states[id];
      return {
        id,
        title,
        dueDays,
        ...(state ? { dueAt: state.dueAt, status: Application.reportStatus(state) } : {}),
      };
    }),
    payments,
    paid: Ledger.paidSum(payments),
    paymentMethod: PaymentMethod.status(app),
    paymentMethods: [...award.paymentMethods],
  };
}
