// The shapes of planning a stage move: who moves, what they ask for, and the plan of everything it writes. A module
// of its own so the dispatcher (`plan.ts`) and each move's planner share them without importing each other.
import type * as Application from "../application/index.js";
import type * as Audit from "../audit/index.js";
import type * as Call from "../call/index.js";
import type { LocalizedText, MessageKey } from "../i18n/index.js";
import type { Change } from "../report/counters.js";
import type { Stage } from "./stages.js";

/** Who moves an application: its applicant, a coordinator of its call, or the platform's clock (a decision's, a report's). */
export type Actor = { kind: "applicant" } | { kind: "coordinator"; userId: string } | { kind: "system" };
export type ActorKind = Actor["kind"];

/** What an actor asks for. */
export type Move =
  /** The applicant sends the application (again, after more information was asked for). */
  | { kind: "submit" }
  /** The applicant withdraws it before a decision. */
  | { kind: "withdraw" }
  /**
   * A coordinator moves it on or decides, at the version they read: `note` is for staff only; what the applicant
   * reads (a decision's message, or the question a move to `more_info` asks) is `messageToApplicant`.
   */
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
  | { kind: "extend_due"; dueAt: string }
  /** The applicant accepts the grant's agreement by typing their name. */
  | { kind: "accept_agreement"; name: string }
  /** The applicant turns down the award, or its agreement. */
  | { kind: "decline_award" }
  /**
   * A coordinator records a payment (made on `paidOn`, a date), at the version they read: `paidSoFar` is what
   * the grant's ledger already holds, read with the application.
   */
  | {
      kind: "record_payment";
      version: number;
      amount: number;
      paidOn: string;
      reference: string;
      final: boolean;
      paidSoFar: number;
    }
  /** The applicant sends one of the grant's reports, with their answer when a coordinator asked for more. */
  | { kind: "submit_report"; reportId: string; answer?: string }
  /** A coordinator accepts a sent report, at the version they read. */
  | { kind: "accept_report"; reportId: string; version: number }
  /** A coordinator asks for more in a sent report: it opens again for the applicant, with the question. */
  | { kind: "ask_report"; reportId: string; version: number; question: string }
  /** A coordinator gives a report a later due date: its clock starts again, under a new name. */
  | { kind: "extend_report"; reportId: string; version: number; dueAt: string }
  /** A report's clock finds its reminder time passed, the report unsent: the applicant is reminded. */
  | { kind: "report_remind"; reportId: string }
  /** A report's clock finds its due date passed: counted on time or late, and coordinators told when late. */
  | { kind: "report_due"; reportId: string };

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
  | { kind: "start_clock"; applicationId: string; generation: number; reportId?: string }
  | { kind: "stop_clock"; applicationId: string; generation: number; reportId?: string };

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
   * Sealed content that changes: the rounds of questions and answers (`moreInfo`, the whole list as it becomes),
   * an open request kept before rounds were (`null` clears it), the amount granted, the message to the applicant,
   * and the parts when one is emptied (the answer, once sent with a resubmission, moves into its round).
   */
  content?: {
    moreInfo?: Application.MoreInfoRound[];
    moreInfoRequest?: null;
    approvedAmount?: number;
    messageToApplicant?: string | null;
    parts?: Record<string, Application.PartContent>;
    /** The accepted agreement, with the name typed to accept it. */
    agreement?: Application.Agreement;
    /** Each report's rounds of questions and answers, the whole map as it becomes. */
    reportRounds?: Record<string, Application.MoreInfoRound[]>;
  };
  /** A payment to add to the call's ledger, in the move's transaction (`award/ledger.ts`). */
  payment?: { number: number; amount: number; currency: string; paidOn: string; reference: string; final: boolean };
  /**
   * A grant that ends here (cancelled): its payment method is deleted in the move's transaction, and each of its
   * ledger entries is kept until `keepLedgerUntil` (the call's approved-retention period from now).
   */
  ends?: { keepLedgerUntil: string };
  /** The audit event, in the same transaction; a staff note in it is sealed when committed. */
  event: { type: string; actor: Audit.Actor; detail: Record<string, unknown>; note?: string };
  /** The events of the stages a move passed through on the way (`passesThrough`), each at its own time. */
  earlier?: { type: string; actor: Audit.Actor; detail: Record<string, unknown>; at: string }[];
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

/**
 * One move being planned, as the dispatcher (`plan`) hands it to the move's own planner: its input with the
 * length of a day settled, the move's time (`at`) and the application's next version, what every plan starts
 * from (`base`: the stage and version it was read at), and whether the actor may move it to a stage from here.
 */
export interface Planning {
  app: Application.Info;
  call: Call.Info;
  actor: Actor;
  now: Date;
  dayMs: number;
  at: string;
  version: number;
  base: { from: Stage; at: string; version: number; expect: { version: number; stage: Stage } };
  allowed: (to: Stage) => boolean;
}
