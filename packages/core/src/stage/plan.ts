import type * as Application from "../application/index.js";
import {
  dueNoticeDue,
  fullApplicationProblems,
  invitationDueAt,
  latestDueAt,
  requireInvited,
  requireWriting,
  submissionProblems,
} from "../application/index.js";
import { storedFull, type FullApplicationInfo } from "../application/full-stored.js";
import type * as Audit from "../audit/index.js";
import * as Call from "../call/index.js";
import * as Clock from "../clock/index.js";
import {
  ApplicationChangedError,
  CallClosedError,
  ImpossibleMoveError,
  StageConflictError,
  UnprocessableError,
  type FieldError,
} from "../error/index.js";
import { formatDate, Locale, type LocalizedText, type MessageKey } from "../i18n/index.js";
import { breakdowns, Counter, monthOf, type Change } from "../report/counters.js";
import * as DecisionClock from "../decision-clock/times.js";
import { editableStages, isDecision, type Stage } from "./stages.js";

/** Who moves an application: its applicant, a coordinator of its call, or the platform's decision clock. */
export type Actor = { kind: "applicant" } | { kind: "coordinator"; userId: string } | { kind: "system" };
export type ActorKind = Actor["kind"];

/** What an actor asks for. */
export type Move =
  /** The applicant sends the application (again, after more information was asked for). */
  | { kind: "submit" }
  /** The applicant withdraws it before a decision. */
  | { kind: "withdraw" }
  /** A coordinator moves it on or decides, at the version they read. */
  | { kind: "move"; to: Stage; version: number; note?: string; amount?: number; messageToApplicant?: string }
  /** The decision clock finds the reminder time passed without a decision: reviewers and coordinators are reminded. */
  | { kind: "remind" }
  /** The decision clock finds the escalation time passed without a decision: coordinators and admins are warned. */
  | { kind: "escalate" }
  /** The decision clock finds the promised date passed without a decision. */
  | { kind: "overdue" }
  /** The applicant sends the full application a shortlisting invited (a grant call's second stage). */
  | { kind: "submit_full" }
  /** A coordinator gives a shortlisted applicant until a later date to send their full application. */
  | { kind: "extend_due"; dueAt: string };

/**
 * Where each actor may move an application from each stage, before the call's own list of stages narrows it.
 * The system (the decision clock) never changes the stage: it marks an application overdue, from the
 * stages that wait for a decision.
 */
export const moves: Record<ActorKind, Partial<Record<Stage, readonly Stage[]>>> = {
  applicant: {
    draft: ["submitted", "withdrawn"],
    more_info: ["submitted", "withdrawn"],
    submitted: ["withdrawn"],
    in_review: ["withdrawn"],
    // Sending the full application (`submit_full`) only where the call has one.
    shortlisted: ["full_submitted", "withdrawn"],
    full_submitted: ["withdrawn"],
  },
  coordinator: {
    submitted: ["in_review", "more_info", "declined"],
    in_review: ["shortlisted", "more_info", "approved", "declined"],
    shortlisted: ["more_info", "approved", "declined"],
    more_info: ["declined"],
    // The full application is decided on; asking for more would send the applicant back to the concept note.
    full_submitted: ["approved", "declined"],
  },
  system: {},
};

/** The stages `actor` may move an application of `call` to from `from`. */
export function allowedMoves(call: Pick<Call.Info, "stages">, from: Stage, actor: ActorKind = "coordinator"): Stage[] {
  return (moves[actor][from] ?? []).filter((stage) => call.stages.includes(stage));
}

/**
 * Who an email caused by a move goes to; addresses are looked up when the move is committed. `reviewers` are
 * the assigned reviewers who have not scored yet; `admins` every admin account.
 */
export type Recipient = "applicant" | "coordinators" | "reviewers" | "admins";

/** An email a move causes: neutral subject, no application content, sent once per idempotency key. */
export interface PlannedEmail {
  to: Recipient;
  subject: MessageKey;
  body: MessageKey;
  idempotencyKey: string;
  /** Values for the body: never content (the application's id and call for staff, a date for the applicant). */
  params?: Record<string, string | number | LocalizedText>;
}

/**
 * What the move causes beyond the application: its emails, written as outbox items in the move's transaction,
 * and the decision clock started or stopped after it (`decision-clock/executions.ts`; a clock that fails to start is started by
 * the reconciler, `DecisionClock.reconcile`).
 */
export type AfterCommit =
  | { kind: "send_email"; email: PlannedEmail }
  | { kind: "start_clock"; applicationId: string; generation: number }
  | { kind: "stop_clock"; applicationId: string; generation: number };

/** Everything one move writes, decided without reading or writing anything. */
export interface Plan {
  from: Stage;
  to: Stage;
  at: string;
  /** The application's new version; the write is conditional on the old one (`expect`). */
  version: number;
  /** The application item's change, written only if it is still at `expect`. */
  update: {
    set: Record<string, unknown>;
    remove: string[];
    /** The version and stage it was read at, and attributes that must still be missing (once-only marks). */
    expect: { version: number; stage: Stage; missing?: string[] };
  };
  /**
   * Sealed content that changes: the request shown to the applicant when more information is asked for
   * (`null` clears it), and the amount granted.
   */
  content?: { moreInfoRequest?: string | null; approvedAmount?: number; messageToApplicant?: string | null };
  /** The audit event, in the same transaction; a staff note in it is sealed when committed. */
  event: { type: string; actor: Audit.Actor; detail: Record<string, unknown>; note?: string };
  /**
   * Changes to the call's anonymous counters of the month the move happens in (reports count events when they
   * happen, never applications); none when the move changes no counter.
   */
  counters?: Change;
  after: AfterCommit[];
}

export interface PlanInput {
  app: Application.Info;
  call: Call.Info;
  actor: Actor;
  move: Move;
  now: Date;
  /** How long a day of the call's settings lasts (`Clock.dayMs`: `TIME_SCALE` divides it). */
  dayMs?: number;
}

function auditActor(actor: Actor): Audit.Actor {
  return actor.kind === "coordinator" ? `user:${actor.userId}` : actor.kind;
}

const email = (
  to: Recipient,
  body: MessageKey,
  idempotencyKey: string,
  params?: PlannedEmail["params"],
): AfterCommit => ({
  kind: "send_email",
  email: { to, subject: "mail.neutral_subject", body, idempotencyKey, ...(params ? { params } : {}) },
});

/** Stops the application's running clock, if it has one. */
const stopClock = (app: Application.Info): AfterCommit[] =>
  app.clockGeneration ? [{ kind: "stop_clock", applicationId: app.id, generation: app.clockGeneration }] : [];

/** Whole days of the decision clock (`dayMs`) from `from` to `to`: 0 on the day of submission. */
const wholeDays = (from: string, to: string, dayMs: number) =>
  Math.max(0, Math.floor((Date.parse(to) - Date.parse(from)) / dayMs));

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

/** `{ [name]: value }`, or nothing when there is no value (the plan's optional fields stay absent). */
const optional = <K extends string, V>(name: K, value: V | undefined) =>
  (value === undefined ? {} : { [name]: value }) as Partial<Record<K, V>>;

/**
 * The counters of the month a move happens in (`at`): an event is counted once, when it happens, so a closed
 * month's counters never change and no count follows an application through its stages.
 */
const countedAt = (at: string, add: Record<string, number>): Change | undefined =>
  Object.keys(add).length > 0 ? { month: monthOf(at), add } : undefined;

/**
 * What `actor` moving `app` writes: the application's update, its audit event, the counters, and the emails
 * it causes. Pure: it reads nothing and writes nothing, so every rule is testable without a database. A move
 * the actor may not make is a 409; a move whose details break a rule is a 422 naming each.
 */
export function plan({ app, call, actor, move, now, dayMs = Clock.dayMs() }: PlanInput): Plan {
  const at = now.toISOString();
  const version = app.version + 1;
  const base = {
    from: app.stage,
    at,
    version,
    expect: { version: app.version, stage: app.stage },
  };
  const allowed = (to: Stage) => allowedMoves(call, app.stage, actor.kind).includes(to);
  // No TTL (`expiresAt`) on a withdrawn or declined application: the retention sweep deletes it with everything
  // else about it, and a TTL deletion first would leave that rest unfindable (see packages/core/src/retention).

  switch (move.kind) {
    case "submit": {
      if (actor.kind !== "applicant" || !editableStages.includes(app.stage) || !allowed("submitted")) {
        throw new StageConflictError("application.not_editable", "error.not_editable");
      }
      const first = app.stage === "draft";
      if (first && Call.status(call, now) !== "open") throw new CallClosedError();
      const problems = submissionProblems(call, app);
      if (problems.length > 0) throw new UnprocessableError("submit.incomplete", "error.submit_incomplete", problems);
      const submittedAt = app.submittedAt ?? at;
      // The clock's times are set once, at the first submission. Time spent waiting on the applicant since a
      // coordinator asked for more (`pausedAt`) is not the fund's: every time moves later by it.
      const initial = DecisionClock.timesFrom(call, submittedAt, dayMs);
      const stored: DecisionClock.Times = {
        reminderAt: app.reminderAt ?? initial.reminderAt,
        escalationAt: app.escalationAt ?? initial.escalationAt,
        decisionDueAt: app.decisionDueAt ?? initial.decisionDueAt,
      };
      const paused = app.pausedAt ? Math.max(0, now.getTime() - Date.parse(app.pausedAt)) : 0;
      const times = DecisionClock.shifted(stored, paused);
      // A new clock after every submission: the one stopped when more was asked for does not come back.
      const generation = (app.clockGeneration ?? 0) + 1;
      return {
        ...base,
        to: "submitted",
        update: {
          set: { submittedAt, ...times, clockGeneration: generation },
          remove: app.pausedAt ? ["pausedAt"] : [],
          expect: base.expect,
        },
        // A request for more information (and its message) is answered by resubmitting: it no longer shows.
        ...(app.moreInfoRequest || app.messageToApplicant
          ? {
              content: {
                ...(app.moreInfoRequest ? { moreInfoRequest: null } : {}),
                ...(app.messageToApplicant ? { messageToApplicant: null } : {}),
              },
            }
          : {}),
        event: {
          type: first ? "submitted" : "resubmitted",
          actor: "applicant",
          detail: { from: app.stage, stage: "submitted" },
        },
        // Counters count submissions, not creations: a draft was never counted, so nothing leaves it. Who
        // applies (country, target groups) and how much they ask for are counted once, at the first submission.
        ...(first
          ? {
              counters: {
                month: monthOf(at),
                add: {
                  [Counter.submitted]: 1,
                  [Counter.requested(call.funding.currency)]: app.funding!.amount,
                  [Counter.requestedBy(call.funding.currency)]: 1,
                  ...breakdowns(app.answers),
                },
              },
            }
          : {}),
        after: [
          ...(app.contact ? [email("applicant", "mail.update_body", `submitted:${app.id}:${version}`)] : []),
          { kind: "start_clock", applicationId: app.id, generation },
        ],
      };
    }

    case "withdraw": {
      if (actor.kind !== "applicant" || !allowed("withdrawn")) {
        throw new StageConflictError("application.decided", "error.already_decided");
      }
      return {
        ...base,
        to: "withdrawn",
        update: { set: { withdrawnAt: at }, remove: [], expect: base.expect },
        event: { type: "withdrawn", actor: "applicant", detail: { from: app.stage, stage: "withdrawn" } },
        // Reports publish no stock of stages: a withdrawal changes no counter.
        // Withdrawal ends the waiting: nothing is due to anyone any more.
        after: stopClock(app),
      };
    }

    case "move": {
      if (actor.kind !== "coordinator") throw new ImpossibleMoveError(app.stage, move.to);
      if (move.version !== app.version) throw new ApplicationChangedError();
      const { to, note, amount, messageToApplicant } = move;
      if (!allowed(to)) throw new ImpossibleMoveError(app.stage, to);
      const problems: FieldError[] = [];
      // The applicant reads the status page after a decision or a request; other moves show them nothing new.
      const tellsApplicant = isDecision(to) || to === "more_info";
      if (messageToApplicant && !tellsApplicant) {
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
      if ((to === "declined" || to === "more_info") && !note) {
        problems.push({ path: "note", message: "decision.note_missing" });
      }
      if (problems.length > 0) throw new UnprocessableError("stage.invalid", "error.invalid_move", problems);

      const content: NonNullable<Plan["content"]> = {
        ...(to === "more_info" ? { moreInfoRequest: note! } : {}),
        ...(to === "approved" ? { approvedAmount: amount! } : {}),
        // Each decision or request replaces the last message: an old one would read as part of the new news.
        ...(messageToApplicant
          ? { messageToApplicant }
          : tellsApplicant && app.messageToApplicant
            ? { messageToApplicant: null }
            : {}),
      };
      const decided = isDecision(to);
      const withinDeadline = decided && app.decisionDueAt !== undefined && at <= app.decisionDueAt;
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
          // What the applicant is asked is kept sealed with the application, not in the staff trail.
          ...(note && to !== "more_info" ? { note } : {}),
        },
        ...optional(
          "counters",
          countedAt(at, {
            ...(to === "approved"
              ? { [Counter.approved(call.funding.currency)]: amount!, [Counter.approvedBy(call.funding.currency)]: 1 }
              : {}),
            ...(decided ? { [Counter.decided(to)]: 1 } : {}),
            ...(decided && app.submittedAt
              ? { [Counter.daysToDecision(wholeDays(app.submittedAt, at, dayMs))]: 1 }
              : {}),
            ...(withinDeadline ? { [Counter.decidedWithinDeadline]: 1 } : {}),
          }),
        ),
        after: [
          ...(app.contact && (decided || to === "more_info")
            ? [email("applicant", "mail.update_body", `moved:${app.id}:${version}`)]
            : []),
          // The invitation says only that there is something to do, and by when.
          ...(app.contact && invitation
            ? [
                email("applicant", "mail.applicant_invited_body", `moved:${app.id}:${version}`, {
                  date: invitation.dueAt,
                }),
              ]
            : []),
          ...(clockEnds ? stopClock(app) : []),
        ],
      };
    }

    case "submit_full": {
      if (actor.kind !== "applicant") throw new ImpossibleMoveError(app.stage, "full_submitted");
      // No full application to send (409 naming why), or past its due date (409).
      const { spec, full } = requireWriting(call, app, now);
      if (!allowed("full_submitted")) throw new ImpossibleMoveError(app.stage, "full_submitted");
      const problems = fullApplicationProblems(call, app);
      if (problems.length > 0) {
        throw new UnprocessableError("full_application.incomplete", "error.full_incomplete", problems);
      }
      // The second generation of the decision clock, on the full application's own days: a new promise, so its
      // marks start afresh. A late first round stays on record (`conceptOverdueAt`, its audit event, the counter,
      // which counts an application once) while the new promise can itself be marked late.
      const times = DecisionClock.timesFrom(spec, at, dayMs);
      const generation = (app.clockGeneration ?? 0) + 1;
      return {
        ...base,
        to: "full_submitted",
        update: {
          set: {
            fullApplication: storedFull({ ...full, submittedAt: at }),
            ...times,
            clockGeneration: generation,
            ...(app.overdueAt ? { conceptOverdueAt: app.overdueAt } : {}),
          },
          remove: [
            "remindedAt",
            "escalatedAt",
            ...(app.pausedAt ? ["pausedAt"] : []),
            ...(app.overdueAt ? ["overdueAt"] : []),
          ],
          expect: base.expect,
        },
        event: { type: "full_submitted", actor: "applicant", detail: { from: app.stage, stage: "full_submitted" } },
        after: [
          ...(app.contact ? [email("applicant", "mail.update_body", `submitted:${app.id}:${version}`)] : []),
          { kind: "start_clock", applicationId: app.id, generation },
        ],
      };
    }

    case "extend_due": {
      if (actor.kind !== "coordinator") throw new ImpossibleMoveError(app.stage, "extend_due");
      // Sent, decided or never invited: there is no due date to move (409). One already passed may be.
      const { spec, full } = requireInvited(call, app);
      const floor = Math.max(Date.parse(full.dueAt), now.getTime());
      if (!(Date.parse(move.dueAt) > floor)) {
        throw new UnprocessableError("full_application.due_not_later", "error.invalid_input", [
          { path: "dueAt", message: "staff.due.not_later" },
        ]);
      }
      // At most the call's full-application days beyond the invitation's own date: never "forever".
      const latest = latestDueAt(full, spec, dayMs);
      if (Date.parse(move.dueAt) > Date.parse(latest)) {
        const date = Object.fromEntries(Locale.options.map((locale) => [locale, formatDate(locale, latest)]));
        throw new UnprocessableError("full_application.due_too_late", "error.invalid_input", [
          {
            path: "dueAt",
            message: "staff.due.too_late",
            params: { days: spec.days, date: date as LocalizedText },
          },
        ]);
      }
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

    case "remind":
    case "escalate": {
      const reminding = move.kind === "remind";
      const dueAt = reminding ? app.reminderAt : app.escalationAt;
      const mark = reminding ? "remindedAt" : "escalatedAt";
      if (
        actor.kind !== "system" ||
        !DecisionClock.runs(app.stage, call.kind) ||
        app[mark] !== undefined ||
        !dueAt ||
        at < dueAt
      ) {
        throw new ImpossibleMoveError(app.stage, move.kind);
      }
      // Staff may be told which application and call, never what is in it.
      const params = {
        applicationId: app.id,
        call: call.title,
        ...(app.decisionDueAt ? { date: app.decisionDueAt } : {}),
      };
      const key = `${reminding ? "reminder" : "escalation"}:${app.id}:${app.clockGeneration ?? 0}`;
      const body: MessageKey = reminding ? "mail.staff_reminder_body" : "mail.staff_escalation_body";
      return {
        ...base,
        // A mark changes nothing anyone edits, so it keeps the version: a coordinator's page read before it
        // stays current. The mark itself is the condition that makes it once-only.
        version: app.version,
        to: app.stage,
        update: { set: { [mark]: at }, remove: [], expect: { ...base.expect, missing: [mark] } },
        event: {
          type: reminding ? "reminded" : "escalated",
          actor: "system",
          detail: { stage: app.stage, ...(app.decisionDueAt ? { decisionDueAt: app.decisionDueAt } : {}) },
        },
        // One email per person and key: the reviewers who have not scored and the coordinators are reminded;
        // coordinators and admins are warned before the date slips.
        after: reminding
          ? [email("reviewers", body, key, params), email("coordinators", body, key, params)]
          : [email("coordinators", body, key, params), email("admins", body, key, params)],
      };
    }

    case "overdue": {
      const overdueKey = app.stage === "full_submitted" ? `overdue:${app.id}:full` : `overdue:${app.id}`;
      if (
        actor.kind !== "system" ||
        !DecisionClock.runs(app.stage, call.kind) ||
        app.overdueAt !== undefined ||
        !app.decisionDueAt ||
        at <= app.decisionDueAt
      ) {
        throw new ImpossibleMoveError(app.stage, "overdue");
      }
      return {
        ...base,
        to: app.stage,
        update: { set: { overdueAt: at }, remove: [], expect: base.expect },
        event: { type: "overdue", actor: "system", detail: { stage: app.stage, decisionDueAt: app.decisionDueAt } },
        // The report counts late applications: one late in both rounds is counted once.
        ...optional("counters", countedAt(at, app.conceptOverdueAt ? {} : { [Counter.overdue]: 1 })),
        // The applicant is told, neutrally, that the answer is late and when it was expected; staff which one.
        // The full application's promise is a second one, with emails of its own.
        after: [
          ...(app.contact
            ? [
                email("applicant", "mail.applicant_late_body", `${overdueKey}:applicant`, {
                  date: app.decisionDueAt,
                }),
              ]
            : []),
          email("coordinators", "mail.staff_overdue_body", `${overdueKey}:coordinators`, {
            applicationId: app.id,
            call: call.title,
            date: app.decisionDueAt,
          }),
        ],
      };
    }
  }
}
