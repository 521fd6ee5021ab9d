import type * as Application from "../application/index.js";
import { submissionProblems } from "../application/index.js";
import type * as Audit from "../audit/index.js";
import * as Call from "../call/index.js";
import {
  ApplicationChangedError,
  CallClosedError,
  ImpossibleMoveError,
  StageConflictError,
  UnprocessableError,
  type FieldError,
} from "../error/index.js";
import type { MessageKey } from "../i18n/index.js";
import { awaitingDecisionStages, editableStages, isDecision, isFinal, type Stage } from "./stages.js";

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
  | { kind: "move"; to: Stage; version: number; note?: string; amount?: number }
  /** The decision clock finds the promised date passed without a decision. */
  | { kind: "overdue" };

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
    shortlisted: ["withdrawn"],
  },
  coordinator: {
    submitted: ["in_review", "more_info", "declined"],
    in_review: ["shortlisted", "more_info", "approved", "declined"],
    shortlisted: ["more_info", "approved", "declined"],
    more_info: ["declined"],
  },
  system: {},
};

/** The stages `actor` may move an application of `call` to from `from`. */
export function allowedMoves(call: Pick<Call.Info, "stages">, from: Stage, actor: ActorKind = "coordinator"): Stage[] {
  return (moves[actor][from] ?? []).filter((stage) => call.stages.includes(stage));
}

/** Who an email caused by a move goes to; addresses are looked up only when it is sent. */
export type Recipient = "applicant" | "coordinators";

/** An email a move causes: neutral subject, no application content, sent once per idempotency key. */
export interface PlannedEmail {
  to: Recipient;
  subject: MessageKey;
  body: MessageKey;
  idempotencyKey: string;
}

/** What the move causes beyond the application: its emails, written as outbox items in the move's transaction. */
export type AfterCommit = { kind: "send_email"; email: PlannedEmail };

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
    expect: { version: number; stage: Stage };
  };
  /**
   * Sealed content that changes: the request shown to the applicant when more information is asked for
   * (`null` clears it), and the amount granted.
   */
  content?: { moreInfoRequest?: string | null; approvedAmount?: number };
  /** The audit event, in the same transaction; a staff note in it is sealed when committed. */
  event: { type: string; actor: Audit.Actor; detail: Record<string, unknown>; note?: string };
  /** Changes to the call's anonymous counters (reports read these, never applications). */
  counters: Record<string, number>;
  after: AfterCommit[];
}

export interface PlanInput {
  app: Application.Info;
  call: Call.Info;
  actor: Actor;
  move: Move;
  now: Date;
}

const DAY_MS = 86_400_000;
const DAY_SECONDS = 86_400;

function auditActor(actor: Actor): Audit.Actor {
  return actor.kind === "coordinator" ? `user:${actor.userId}` : actor.kind;
}

const email = (to: Recipient, body: MessageKey, idempotencyKey: string): AfterCommit => ({
  kind: "send_email",
  email: { to, subject: "mail.neutral_subject", body, idempotencyKey },
});

/**
 * What `actor` moving `app` writes: the application's update, its audit event, the counters, and the emails
 * it causes. Pure: it reads nothing and writes nothing, so every rule is testable without a database. A move
 * the actor may not make is a 409; a move whose details break a rule is a 422 naming each.
 */
export function plan({ app, call, actor, move, now }: PlanInput): Plan {
  const at = now.toISOString();
  const version = app.version + 1;
  const base = {
    from: app.stage,
    at,
    version,
    expect: { version: app.version, stage: app.stage },
  };
  const allowed = (to: Stage) => allowedMoves(call, app.stage, actor.kind).includes(to);
  const retainUntil = Math.floor(now.getTime() / 1000) + call.retentionDays * DAY_SECONDS;

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
      const decisionDueAt = app.decisionDueAt ?? new Date(now.getTime() + call.decisionDays * DAY_MS).toISOString();
      return {
        ...base,
        to: "submitted",
        update: { set: { submittedAt, decisionDueAt }, remove: [], expect: base.expect },
        // A request for more information is answered by resubmitting: it no longer shows.
        ...(app.moreInfoRequest ? { content: { moreInfoRequest: null } } : {}),
        event: {
          type: first ? "submitted" : "resubmitted",
          actor: "applicant",
          detail: { from: app.stage, stage: "submitted" },
        },
        // Counters count submissions, not creations: a draft was never counted, so nothing leaves it.
        counters: first
          ? { "stage:submitted": 1, submitted: 1, [`requested:${call.funding.currency}`]: app.funding!.amount }
          : { [`stage:${app.stage}`]: -1, "stage:submitted": 1 },
        after: app.contact ? [email("applicant", "mail.update_body", `submitted:${app.id}:${version}`)] : [],
      };
    }

    case "withdraw": {
      if (actor.kind !== "applicant" || !allowed("withdrawn")) {
        throw new StageConflictError("application.decided", "error.already_decided");
      }
      return {
        ...base,
        to: "withdrawn",
        update: { set: { withdrawnAt: at, expiresAt: retainUntil }, remove: [], expect: base.expect },
        event: { type: "withdrawn", actor: "applicant", detail: { from: app.stage, stage: "withdrawn" } },
        // A draft withdrawn was never counted, so it counts nothing now either.
        counters: app.stage === "draft" ? {} : { [`stage:${app.stage}`]: -1, "stage:withdrawn": 1 },
        after: [],
      };
    }

    case "move": {
      if (actor.kind !== "coordinator") throw new ImpossibleMoveError(app.stage, move.to);
      if (move.version !== app.version) throw new ApplicationChangedError();
      const { to, note, amount } = move;
      if (!allowed(to)) throw new ImpossibleMoveError(app.stage, to);
      const problems: FieldError[] = [];
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

      const decided = isDecision(to);
      const withinDeadline = decided && app.decisionDueAt !== undefined && at <= app.decisionDueAt;
      // The amount granted is sealed with the content; the decision in the clear is only its outcome and time.
      const decision = decided ? { outcome: to, decidedAt: at } : undefined;
      return {
        ...base,
        to,
        update: {
          set: { ...(decision ? { decision } : {}), ...(to === "declined" ? { expiresAt: retainUntil } : {}) },
          remove: [],
          expect: base.expect,
        },
        ...(to === "more_info" ? { content: { moreInfoRequest: note! } } : {}),
        ...(to === "approved" ? { content: { approvedAmount: amount! } } : {}),
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
        counters: {
          [`stage:${app.stage}`]: -1,
          [`stage:${to}`]: 1,
          ...(to === "approved" ? { [`approved:${call.funding.currency}`]: amount! } : {}),
          ...(withinDeadline ? { decidedWithinDeadline: 1 } : {}),
        },
        after:
          app.contact && (decided || to === "more_info")
            ? [email("applicant", "mail.update_body", `moved:${app.id}:${version}`)]
            : [],
      };
    }

    case "overdue": {
      if (
        actor.kind !== "system" ||
        !awaitingDecisionStages.includes(app.stage) ||
        isFinal(app.stage) ||
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
        counters: { overdue: 1 },
        after: [
          ...(app.contact ? [email("applicant", "mail.update_body", `overdue:${app.id}:applicant`)] : []),
          email("coordinators", "mail.staff_update_body", `overdue:${app.id}:coordinators`),
        ],
      };
    }
  }
}
