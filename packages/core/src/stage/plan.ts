import type * as Call from "../call/index.js";
import * as Clock from "../clock/index.js";
import type * as Application from "../application/index.js";
import { planSubmit, planSubmitFull, planWithdraw } from "./plan-applicant.js";
import { awardAllows, planAcceptAgreement, planAwardMove, planDeclineAward, planPayment } from "./plan-award.js";
import { planOverdue, planReminderOrEscalation } from "./plan-clock.js";
import { planCoordinatorMove, planExtendDue } from "./plan-coordinator.js";
import { planReportMove } from "./plan-reports.js";
import type { ActorKind, Plan, PlanInput, Planning } from "./plan-types.js";
import { awardStages, type Stage } from "./stages.js";

export type { Actor, ActorKind, AfterCommit, Move, Plan, PlanInput, PlannedEmail, Recipient } from "./plan-types.js";

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
    // Accepting the agreement (`accept_agreement`) or turning the award down (`decline_award`).
    approved: ["declined_by_applicant"],
    agreement_sent: ["agreed", "declined_by_applicant"],
  },
  coordinator: {
    submitted: ["in_review", "more_info", "declined"],
    in_review: ["shortlisted", "more_info", "approved", "declined"],
    shortlisted: ["more_info", "approved", "declined"],
    more_info: ["declined"],
    // The full application is decided on; asking for more would send the applicant back to the concept note.
    full_submitted: ["approved", "declined"],
    // After the award (`plan-award.ts`): recording an agreement signed outside Amparo, suspending, resuming to
    // where the grant was, cancelling. A grant becomes active by a payment (`record_payment`), not by a move.
    approved: ["agreement_sent", "agreed", "cancelled"],
    agreement_sent: ["agreed", "cancelled"],
    // Closing a grant once every report is accepted (`awardAllows`); a grant whose reports are all accepted
    // rests in `reported`, one with none to give may close from where it runs.
    agreed: ["suspended", "cancelled", "closed"],
    active: ["suspended", "cancelled", "closed"],
    report_due: ["suspended", "cancelled"],
    reported: ["suspended", "cancelled", "closed"],
    suspended: ["agreed", "active", "report_due", "reported", "cancelled"],
  },
  system: {},
};

/**
 * Moves a coordinator makes by way of another stage, in one step: shortlisting a fresh application passes through
 * review, so nobody has to move it there first. Each stage passed through is recorded as its own move.
 */
export const passesThrough: Partial<Record<Stage, Partial<Record<Stage, Stage>>>> = {
  submitted: { shortlisted: "in_review" },
};

type MovesCall = Pick<Call.Info, "stages" | "award">;

type MovesApp = Pick<Application.Info, "suspendedFrom" | "reports">;

const directMoves = (call: MovesCall, from: Stage, actor: ActorKind, app?: MovesApp) =>
  (moves[actor][from] ?? []).filter(
    (stage) => call.stages.includes(stage) && awardAllows(call, from, stage, actor, app),
  );

/** The stage a move from `from` to `to` passes through, when the call allows it only that way. */
export function passedThrough(
  call: MovesCall,
  from: Stage,
  to: Stage,
  actor: ActorKind = "coordinator",
): Stage | undefined {
  const via = passesThrough[from]?.[to];
  if (!via || actor !== "coordinator" || directMoves(call, from, actor).includes(to)) return undefined;
  return directMoves(call, from, actor).includes(via) && directMoves(call, via, actor).includes(to) ? via : undefined;
}

/**
 * The stages `actor` may move an application of `call` to from `from`, directly or passing through another;
 * given the application, a suspended grant resumes only to where it was.
 */
export function allowedMoves(call: MovesCall, from: Stage, actor: ActorKind = "coordinator", app?: MovesApp): Stage[] {
  const through = (Object.keys(passesThrough[from] ?? {}) as Stage[]).filter((to) =>
    passedThrough(call, from, to, actor),
  );
  return [...directMoves(call, from, actor, app), ...through];
}

/**
 * One plan of two moves made as one: the first's condition and earlier event, the second's result, both moves'
 * changes and counters, in one transaction.
 */
function joined(first: Plan, second: Plan): Plan {
  const add = { ...first.counters?.add };
  for (const [name, value] of Object.entries(second.counters?.add ?? {})) add[name] = (add[name] ?? 0) + value;
  const counters = first.counters ?? second.counters;
  return {
    ...second,
    from: first.from,
    update: {
      set: { ...first.update.set, ...second.update.set },
      remove: [...first.update.remove, ...second.update.remove],
      expect: first.update.expect,
    },
    // A millisecond earlier, so the history lists the stage passed through first.
    earlier: [
      ...(first.earlier ?? []),
      { ...first.event, at: new Date(Date.parse(first.at) - 1).toISOString() },
      ...(second.earlier ?? []),
    ],
    ...(counters ? { counters: { month: counters.month, add } } : {}),
    after: [...first.after, ...second.after],
  };
}

/**
 * What `actor` moving `app` writes: the application's update, its audit event, the counters, and the emails
 * it causes. Pure: it reads nothing and writes nothing, so every rule is testable without a database. A move
 * the actor may not make is a 409; a move whose details break a rule is a 422 naming each. Each kind of move is
 * planned by its own function: the applicant's in `plan-applicant.ts`, a coordinator's in `plan-coordinator.ts`,
 * the decision clock's in `plan-clock.ts`.
 */
export function plan({ app, call, actor, move, now, dayMs = Clock.dayMs() }: PlanInput): Plan {
  const at = now.toISOString();
  const version = app.version + 1;
  const planning: Planning = {
    app,
    call,
    actor,
    now,
    dayMs,
    at,
    version,
    base: { from: app.stage, at, version, expect: { version: app.version, stage: app.stage } },
    allowed: (to) => allowedMoves(call, app.stage, actor.kind, app).includes(to),
  };
  // No TTL (`expiresAt`) on a withdrawn or declined application: the retention sweep deletes it with everything
  // else about it, and a TTL deletion first would leave that rest unfindable (see packages/core/src/retention).

  switch (move.kind) {
    case "submit":
      return planSubmit(planning);
    case "withdraw":
      return planWithdraw(planning);
    case "submit_full":
      return planSubmitFull(planning);
    case "move": {
      if ((awardStages as readonly Stage[]).includes(move.to)) return planAwardMove(planning, move);
      const via = passedThrough(call, app.stage, move.to, actor.kind);
      if (!via) return planCoordinatorMove(planning, move);
      const first = planCoordinatorMove(planning, { kind: "move", to: via, version: move.version });
      const moved = { ...app, stage: via, version: first.version };
      return joined(first, plan({ app: moved, call, actor, move: { ...move, version: first.version }, now, dayMs }));
    }
    case "extend_due":
      return planExtendDue(planning, move);
    case "remind":
    case "escalate":
      return planReminderOrEscalation(planning, move.kind);
    case "overdue":
      return planOverdue(planning);
    case "accept_agreement":
      return planAcceptAgreement(planning, move);
    case "decline_award":
      return planDeclineAward(planning);
    case "record_payment":
      return planPayment(planning, move);
    case "submit_report":
    case "accept_report":
    case "ask_report":
    case "extend_report":
    case "report_remind":
    case "report_due":
      return planReportMove(planning, move);
  }
}
