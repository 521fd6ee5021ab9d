// A coordinator's moves, planned: moving an application on or deciding it (with the invitation a shortlisting
// writes), and giving a shortlisted applicant a later due date. Pure, like `plan`, which dispatches to them.
import type * as Application from "../application/index.js";
import { conversation, dueNoticeDue, invitationDueAt, latestDueAt, requireInvited } from "../application/index.js";
import { storedFull, type FullApplicationInfo } from "../application/full-stored.js";
import type * as Call from "../call/index.js";
import { ApplicationChangedError, ImpossibleMoveError, UnprocessableError, type FieldError } from "../error/index.js";
import { formatDate, Locale, type LocalizedText } from "../i18n/index.js";
import { Counter, type Change } from "../report/counters.js";
import * as DecisionClock from "../decision-clock/times.js";
import { auditActor, countedAt, email, optional, stopClock } from "./plan-parts.js";
import type { Move, Plan, Planning } from "./plan-types.js";
import { isDecision, type Stage } from "./stages.js";

type CoordinatorMove = Extract<Move, { kind: "move" }>;

/** Whole days of the decision clock (`dayMs`) from `from` to `to`: 0 on the day of submission. */
const wholeDays = (from: string, to: string, dayMs: number) =>
  Math.max(0, Math.floor((Date.parse(to) - Date.parse(from)) / dayMs));

/** The applicant reads their pages after a decision or a question; other moves show them nothing new. */
const tellsApplicant = (to: Stage) => isDecision(to) || to === "more_info";

/** The invitation a shortlisting writes: a fresh one, or the one already written to with the later due date. */
function invite(
  app: Application.Info,
  spec: NonNullable<Call.Info["fullApplication"]>,
  now: Date,
  dayMs: number,
): FullApplicationInfo {
  const dueAt = new Date(now.getTime() + spec.days * dayMs).toISOString();
  const earlier = app.fullApplication && !app.fullApplication.submittedAt ? app.fullApplication : undefined;
  if (!earlier) return { invitedAt: now.toISOString(), dueAt, invitedDueAt: dueAt, fields: {}, documents: {} };
  // Invited again: extensions are bounded from the later of the two invitations' own dates.
  const invitedDueAt = invitationDueAt(earlier, spec, dayMs);
  return {
    ...earlier,
    dueAt: earlier.dueAt > dueAt ? earlier.dueAt : dueAt,
    invitedDueAt: invitedDueAt > dueAt ? invitedDueAt : dueAt,
  };
}

/**
 * The rules a coordinator's move may break (a 422 names each): a message the applicant would not be shown, an
 * approval without an amount or above what was requested or the call's maximum, a decline without a note (for
 * staff), a request for more information without its question (the message to the applicant).
 */
function moveProblems(app: Application.Info, call: Call.Info, move: CoordinatorMove): FieldError[] {
  const { to, note, amount, messageToApplicant } = move;
  const problems: FieldError[] = [];
  if (messageToApplicant && !tellsApplicant(to)) {
    problems.push({ path: "messageToApplicant", message: "decision.message_not_sent" });
  }
  if (to === "approved") {
    const requested = app.funding?.amount ?? 0;
    if (amount === undefined) problems.push({ path: "amount", message: "decision.amount_missing" });
    else if (amount > requested)
      problems.push({ path: "amount", message: "decision.above_requested", params: { max: requested } });
    else if (amount > call.funding.max)
      problems.push({ path: "amount", message: "decision.above_call", params: { max: call.funding.max } });
  }
  if (to === "declined" && !note) problems.push({ path: "note", message: "decision.note_missing" });
  if (to === "more_info" && !messageToApplicant) {
    problems.push({ path: "messageToApplicant", message: "decision.question_missing" });
  }
  return problems;
}

/**
 * The sealed content a move changes: a new round of questions (the message is its question, kept with the earlier
 * rounds, an old item's open request among them), the amount granted, the message that goes with a decision.
 */
function movedContent(app: Application.Info, move: CoordinatorMove, at: string): NonNullable<Plan["content"]> {
  const { to, amount, messageToApplicant } = move;
  const asks = to === "more_info";
  return {
    ...(asks ? { moreInfo: [...conversation(app), { question: messageToApplicant!, askedAt: at }] } : {}),
    ...(asks && app.moreInfoRequest ? { moreInfoRequest: null } : {}),
    ...(to === "approved" ? { approvedAmount: amount! } : {}),
    // Each decision or request replaces the last message: an old one would read as part of the new news.
    ...(messageToApplicant && !asks
      ? { messageToApplicant }
      : tellsApplicant(to) && app.messageToApplicant
        ? { messageToApplicant: null }
        : {}),
  };
}

/** The counters a decision changes: the outcome, the amount granted, the days it took, and whether in time. */
function decisionCounters(
  { app, call, at, dayMs }: Planning,
  to: Stage,
  amount: number | undefined,
): Change | undefined {
  const decided = isDecision(to);
  const withinDeadline = decided && app.decisionDueAt !== undefined && at <= app.decisionDueAt;
  return countedAt(at, {
    ...(to === "approved"
      ? { [Counter.approved(call.funding.currency)]: amount!, [Counter.approvedBy(call.funding.currency)]: 1 }
      : {}),
    ...(decided ? { [Counter.decided(to)]: 1 } : {}),
    ...(decided && app.submittedAt ? { [Counter.daysToDecision(wholeDays(app.submittedAt, at, dayMs))]: 1 } : {}),
    ...(withinDeadline ? { [Counter.decidedWithinDeadline]: 1 } : {}),
  });
}

/** A coordinator moves the application on or decides it, at the version they read. */
export function planCoordinatorMove(planning: Planning, move: CoordinatorMove): Plan {
  const { app, call, actor, now, dayMs, at, version, base, allowed } = planning;
  if (actor.kind !== "coordinator") throw new ImpossibleMoveError(app.stage, move.to);
  if (move.version !== app.version) throw new ApplicationChangedError();
  const { to, note, amount } = move;
  if (!allowed(to)) throw new ImpossibleMoveError(app.stage, to);
  const problems = moveProblems(app, call, move);
  if (problems.length > 0) throw new UnprocessableError("stage.invalid", "error.invalid_move", problems);

  const content = movedContent(app, move, at);
  const decided = isDecision(to);
  // The amount granted is sealed with the content; the decision in the clear is only its outcome and time.
  const decision = decided ? { outcome: to, decidedAt: at } : undefined;
  // Asking for more information pauses the clock (it stops, and the times move on resubmission); a decision,
  // or a grant call's shortlist (which ends the concept-note clock), ends it.
  const clockEnds = DecisionClock.runs(app.stage, call.kind) && !DecisionClock.runs(to, call.kind);
  // Shortlisting in a call with a second stage invites the full application, due `days` from now. An
  // application shortlisted again (after more information) keeps what it wrote and the later due date.
  const invitation =
    to === "shortlisted" && call.fullApplication ? invite(app, call.fullApplication, now, dayMs) : undefined;
  return {
    ...base,
    to,
    update: {
      set: {
        ...(decision ? { decision } : {}),
        ...(to === "more_info" ? { pausedAt: at } : {}),
        ...(invitation ? { fullApplication: storedFull(invitation) } : {}),
      },
      remove: [],
      expect: base.expect,
    },
    ...(Object.keys(content).length > 0 ? { content } : {}),
    event: {
      type: decided ? "decided" : "moved",
      actor: auditActor(actor),
      detail: {
        from: app.stage,
        stage: to,
        ...(decided ? { withinDeadline: !app.decisionDueAt || at <= app.decisionDueAt } : {}),
      },
      // A note is for staff, whatever the move: what the applicant reads is the message, sealed with the content.
      ...(note ? { note } : {}),
    },
    ...optional("counters", decisionCounters(planning, to, amount)),
    after: [
      ...(app.contact && (decided || to === "more_info")
        ? [email("applicant", "mail.update_body", `moved:${app.id}:${version}`)]
        : []),
      // The invitation says only that there is something to do, and by when.
      ...(app.contact && invitation
        ? [email("applicant", "mail.applicant_invited_body", `moved:${app.id}:${version}`, { date: invitation.dueAt })]
        : []),
      ...(clockEnds ? stopClock(app) : []),
    ],
  };
}

/**
 * Checks a new due date for a full application (a 422 otherwise): later than both the current one and now, and
 * at most the call's full-application days beyond the invitation's own date: never "forever".
 */
function requireDueAtAllowed(
  dueAt: string,
  full: FullApplicationInfo,
  spec: NonNullable<Call.Info["fullApplication"]>,
  now: Date,
  dayMs: number,
): void {
  const floor = Math.max(Date.parse(full.dueAt), now.getTime());
  if (!(Date.parse(dueAt) > floor)) {
    throw new UnprocessableError("full_application.due_not_later", "error.invalid_input", [
      { path: "dueAt", message: "staff.due.not_later" },
    ]);
  }
  const latest = latestDueAt(full, spec, dayMs);
  if (Date.parse(dueAt) > Date.parse(latest)) {
    const date = Object.fromEntries(Locale.options.map((locale) => [locale, formatDate(locale, latest)]));
    throw new UnprocessableError("full_application.due_too_late", "error.invalid_input", [
      {
        path: "dueAt",
        message: "staff.due.too_late",
        params: { days: spec.days, date: date as LocalizedText },
      },
    ]);
  }
}

/** A coordinator gives a shortlisted applicant until a later date to send their full application. */
export function planExtendDue(
  { app, call, actor, now, dayMs, at, version, base }: Planning,
  move: Extract<Move, { kind: "extend_due" }>,
): Plan {
  if (actor.kind !== "coordinator") throw new ImpossibleMoveError(app.stage, "extend_due");
  // Sent, decided or never invited: there is no due date to move (409). One already passed may be.
  const { spec, full } = requireInvited(call, app);
  requireDueAtAllowed(move.dueAt, full, spec, now, dayMs);
  const dueAt = new Date(move.dueAt).toISOString();
  // One email a day at most, however many extensions: the marker is written with the move, under its version.
  const notify = app.contact !== undefined && dueNoticeDue(full, now, dayMs);
  const extended = { ...full, dueAt, invitedDueAt: invitationDueAt(full, spec, dayMs) };
  return {
    ...base,
    to: app.stage,
    update: {
      set: { fullApplication: storedFull(notify ? { ...extended, dueNoticeAt: at } : extended) },
      remove: [],
      expect: base.expect,
    },
    event: {
      type: "due_extended",
      actor: auditActor(actor),
      detail: { stage: app.stage, from: full.dueAt, dueAt, applicantTold: notify },
    },
    after: notify
      ? [email("applicant", "mail.applicant_due_changed_body", `due:${app.id}:${version}`, { date: dueAt })]
      : [],
  };
}
