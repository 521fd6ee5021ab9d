// The moves after an approval, planned: the applicant accepting the agreement or turning the award down, a
// coordinator sending the agreement, recording one signed outside Amparo, suspending, resuming or cancelling a
// grant, and recording a payment. Pure, like `plan`, which dispatches to them.
import type * as Application from "../application/index.js";
import type * as Call from "../call/index.js";
import {
  ApplicationChangedError,
  ConflictError,
  ImpossibleMoveError,
  UnprocessableError,
  type FieldError,
} from "../error/index.js";
import { Counter, monthOf } from "../report/counters.js";
import { auditActor, countedAt, email, optional } from "./plan-parts.js";
import { allReportsAccepted, reportsAtAgreement, reportsAtClosing } from "./plan-reports.js";
import type { ActorKind, Move, Plan, Planning } from "./plan-types.js";
import type { Stage } from "./stages.js";

type CoordinatorMove = Extract<Move, { kind: "move" }>;

/** Days after the final payment is recorded before how the money reached the grantee is deleted. */
export const methodKeptDays = 30;

/** The stages from which a grant can be paid: a tranche may follow a report, sent or still owed. */
export const payableStages: readonly Stage[] = ["agreed", "active", "report_due", "reported"];

/**
 * The award's rules beyond the moves table: only a call whose agreement is signed outside Amparo lets a
 * coordinator record it as agreed (otherwise the applicant accepts it); a suspended grant resumes only to the
 * stage it was suspended from (when the application is known).
 */
export function awardAllows(
  call: Pick<Call.Info, "award">,
  from: Stage,
  to: Stage,
  actor: ActorKind,
  app?: Pick<Application.Info, "suspendedFrom" | "reports">,
): boolean {
  if (actor !== "coordinator") return true;
  if (from === "suspended") return to === "cancelled" || !app?.suspendedFrom || to === app.suspendedFrom;
  if (to === "agreed") return call.award?.agreement === "outside";
  if (to === "closed") return app !== undefined && allReportsAccepted(app, call);
  return true;
}

const requireAward = (call: Call.Info, stage: Stage, to: string) => {
  if (!call.award) throw new ImpossibleMoveError(stage, to);
  return call.award;
};

/**
 * The accepted (or recorded) agreement: the grant's period runs from now for the call's `periodDays`, and its
 * reports fall due from now (their clocks started for those due within eleven months).
 */
function agreementOf(planning: Planning, extra: Partial<Application.Agreement>) {
  const { app, call, now, dayMs, at } = planning;
  const award = requireAward(call, app.stage, "agreed");
  const endsAt = new Date(now.getTime() + award.periodDays * dayMs).toISOString();
  const agreement: Application.Agreement = {
    agreedAt: at,
    endsAt,
    ...(app.callVersion ? { termsVersion: app.callVersion } : {}),
    ...extra,
  };
  const { name: _name, ...stored } = agreement;
  return { agreement, stored, ...reportsAtAgreement(planning) };
}

/** The counters an agreement changes: the amount agreed, in the month it was agreed. */
const agreedCounters = ({ app, call, at }: Planning) =>
  countedAt(
    at,
    app.decision?.amount !== undefined
      ? { [Counter.agreed(call.funding.currency)]: app.decision.amount, [Counter.agreedBy(call.funding.currency)]: 1 }
      : {},
  );

/** Staff may be told which application and call changed, never what is in it. */
const staffNotice = ({ app, call, version }: Planning) =>
  email("coordinators", "mail.staff_award_body", `award:${app.id}:${version}`, {
    applicationId: app.id,
    call: call.title,
  });

/** The applicant is told there is something to read, neutrally, as with every move they should know of. */
const applicantNotice = ({ app, version }: Planning) =>
  app.contact ? [email("applicant", "mail.update_body", `moved:${app.id}:${version}`)] : [];

/** The rules a coordinator's award move may break: suspending or cancelling a grant needs a note for staff. */
function awardMoveProblems(move: CoordinatorMove): FieldError[] {
  if ((move.to === "suspended" || move.to === "cancelled") && !move.note) {
    return [{ path: "note", message: "decision.note_missing" }];
  }
  return [];
}

/**
 * What ending a grant writes besides its stage: how the money reached the grantee is deleted now (in the move's
 * transaction), and the ledger is kept for the call's approved-retention period from today.
 */
function ending({ app, call, now, dayMs, at }: Planning) {
  const state = app.payment;
  const method = state?.methodGivenAt && !state.methodDeletedAt;
  const { methodDeleteAt: _due, ...kept } = state ?? { count: 0 };
  return {
    set: method ? { payment: { ...kept, methodDeletedAt: at } } : {},
    ends: { keepLedgerUntil: new Date(now.getTime() + call.approvedRetentionDays * dayMs).toISOString() },
  };
}

/**
 * A coordinator moves a grant on after its approval: sends the agreement, records one signed outside Amparo,
 * suspends, resumes or cancels it. The applicant is told neutrally of each but a resumption.
 */
export function planAwardMove(planning: Planning, move: CoordinatorMove): Plan {
  const { app, call, actor, at, base, allowed } = planning;
  if (actor.kind !== "coordinator") throw new ImpossibleMoveError(app.stage, move.to);
  if (move.version !== app.version) throw new ApplicationChangedError();
  const { to, note, messageToApplicant } = move;
  if (!allowed(to) || !awardAllows(call, app.stage, to, actor.kind, app)) throw new ImpossibleMoveError(app.stage, to);
  requireAward(call, app.stage, to);
  const problems = awardMoveProblems(move);
  if (problems.length > 0) throw new UnprocessableError("stage.invalid", "error.invalid_move", problems);

  const resumes = app.stage === "suspended" && to !== "cancelled";
  const recorded = to === "agreed" && !resumes ? agreementOf(planning, { signedOutside: true }) : undefined;
  const ended = to === "cancelled" || to === "closed" ? ending(planning) : undefined;
  const closing = to === "closed" ? reportsAtClosing(planning) : undefined;
  const set: Record<string, unknown> = {
    ...(to === "agreement_sent" ? { agreementSentAt: at } : {}),
    ...(recorded ? { agreement: recorded.stored } : {}),
    ...(recorded && Object.keys(recorded.reports).length > 0 ? { reports: recorded.reports } : {}),
    ...(to === "suspended" ? { suspendedFrom: app.stage as Application.SuspendedFrom } : {}),
    ...(to === "cancelled" ? { cancelledAt: at } : {}),
    ...(to === "closed" ? { closedAt: at } : {}),
    ...ended?.set,
    ...closing?.set,
  };
  const content = {
    ...(recorded ? { agreement: recorded.agreement } : {}),
    ...(messageToApplicant
      ? { messageToApplicant }
      : app.messageToApplicant && !resumes
        ? { messageToApplicant: null }
        : {}),
  };
  return {
    ...base,
    to,
    update: {
      set,
      remove: app.suspendedFrom && to !== "suspended" ? ["suspendedFrom"] : [],
      expect: base.expect,
    },
    ...(Object.keys(content).length > 0 ? { content } : {}),
    ...optional("ends", ended?.ends),
    event: {
      type: recorded ? "agreement_recorded" : "moved",
      actor: auditActor(actor),
      detail: { from: app.stage, stage: to },
      ...(note ? { note } : {}),
    },
    ...optional("counters", recorded ? agreedCounters(planning) : closing ? countedAt(at, closing.add) : undefined),
    after: [...(resumes ? [] : applicantNotice(planning)), ...(recorded?.after ?? []), ...(closing?.after ?? [])],
  };
}

/** The applicant accepts the agreement by typing their name: the grant's period starts now. */
export function planAcceptAgreement(planning: Planning, move: Extract<Move, { kind: "accept_agreement" }>): Plan {
  const { app, call, actor, base, allowed } = planning;
  if (actor.kind !== "applicant" || app.stage !== "agreement_sent" || !allowed("agreed")) {
    throw new ImpossibleMoveError(app.stage, "agreed");
  }
  if (requireAward(call, app.stage, "agreed").agreement !== "in_amparo") {
    throw new ConflictError("agreement.signed_outside", "error.agreement_outside");
  }
  const name = move.name.trim();
  if (name.length === 0) {
    throw new UnprocessableError("agreement.invalid", "error.invalid_input", [
      { path: "name", message: "agreement.name_missing" },
    ]);
  }
  const { agreement, stored, reports, after } = agreementOf(planning, { name });
  return {
    ...base,
    to: "agreed",
    update: {
      set: { agreement: stored, ...(Object.keys(reports).length > 0 ? { reports } : {}) },
      remove: [],
      expect: base.expect,
    },
    content: { agreement },
    event: { type: "agreement_accepted", actor: "applicant", detail: { from: app.stage, stage: "agreed" } },
    ...optional("counters", agreedCounters(planning)),
    after: [staffNotice(planning), ...after],
  };
}

/** The applicant turns the award (or its agreement) down: nothing is paid, and its coordinators are told. */
export function planDeclineAward(planning: Planning): Plan {
  const { app, actor, at, base, allowed } = planning;
  if (actor.kind !== "applicant" || !allowed("declined_by_applicant")) {
    throw new ImpossibleMoveError(app.stage, "declined_by_applicant");
  }
  return {
    ...base,
    to: "declined_by_applicant",
    update: { set: { declinedByApplicantAt: at }, remove: [], expect: base.expect },
    event: {
      type: "award_declined",
      actor: "applicant",
      detail: { from: app.stage, stage: "declined_by_applicant" },
    },
    after: [staffNotice(planning)],
  };
}

/** Whether `paidOn` (a date, `YYYY-MM-DD`) is a real day no later than today. */
const isPastDate = (paidOn: string, at: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(paidOn) && !Number.isNaN(Date.parse(paidOn)) && paidOn <= at.slice(0, 10);

/**
 * A coordinator records a payment: the grant becomes active (where the call uses that stage), and a payment
 * recorded as final schedules how the money reached the grantee for deletion, `methodKeptDays` later. Payments
 * never add up to more than was approved, and none follows the final one.
 */
export function planPayment(planning: Planning, move: Extract<Move, { kind: "record_payment" }>): Plan {
  const { app, call, actor, now, dayMs, at, base } = planning;
  if (actor.kind !== "coordinator" || !payableStages.includes(app.stage)) {
    throw new ImpossibleMoveError(app.stage, "payment");
  }
  if (move.version !== app.version) throw new ApplicationChangedError();
  const state = app.payment ?? { count: 0 };
  if (state.finalAt) throw new ConflictError("payment.after_final", "error.payment_after_final");
  const approved = app.decision?.amount ?? 0;
  const remaining = Math.max(0, approved - move.paidSoFar);
  const problems: FieldError[] = [];
  if (move.amount > remaining) {
    problems.push({ path: "amount", message: "payment.above_approved", params: { max: remaining } });
  }
  if (!isPastDate(move.paidOn, at)) problems.push({ path: "paidOn", message: "payment.date_invalid" });
  if (move.reference.trim().length === 0) problems.push({ path: "reference", message: "payment.reference_missing" });
  if (problems.length > 0) throw new UnprocessableError("payment.invalid", "error.invalid_input", problems);

  // The first payment makes an agreed grant active; where reports stand says the rest.
  const to: Stage = app.stage === "agreed" && call.stages.includes("active") ? "active" : app.stage;
  const month = monthOf(at);
  const method = state.methodGivenAt && !state.methodDeletedAt;
  const next: Application.PaymentState = {
    ...state,
    count: state.count + 1,
    lastMonth: month,
    ...(move.final ? { finalAt: at } : {}),
    ...(move.final && method ? { methodDeleteAt: new Date(now.getTime() + methodKeptDays * dayMs).toISOString() } : {}),
  };
  const currency = call.funding.currency;
  return {
    ...base,
    to,
    update: { set: { payment: next }, remove: [], expect: base.expect },
    payment: {
      number: next.count,
      amount: move.amount,
      currency,
      paidOn: move.paidOn,
      reference: move.reference.trim(),
      final: move.final,
    },
    event: {
      type: "payment_recorded",
      actor: auditActor(actor),
      detail: { from: app.stage, stage: to, number: next.count, final: move.final },
    },
    ...optional(
      "counters",
      countedAt(at, {
        [Counter.paid(currency)]: move.amount,
        ...(state.lastMonth !== month ? { [Counter.paidBy(currency)]: 1 } : {}),
        ...(state.count === 0 ? { [Counter.activated]: 1 } : {}),
      }),
    ),
    after: applicantNotice(planning),
  };
}
