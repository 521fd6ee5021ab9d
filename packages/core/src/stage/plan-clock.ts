// The decision clock's moves, planned: reminding, escalating and marking an undecided application overdue. Each
// writes a once-only mark and its emails, never a new stage. Pure, like `plan`, which dispatches to them.
import { ImpossibleMoveError } from "../error/index.js";
import type { MessageKey } from "../i18n/index.js";
import { Counter } from "../report/counters.js";
import * as DecisionClock from "../decision-clock/times.js";
import { countedAt, email, optional } from "./plan-parts.js";
import type { Plan, Planning } from "./plan-types.js";

/**
 * The reminder time or the escalation time has passed without a decision: the reviewers who have not scored and
 * the coordinators are reminded, or the coordinators and admins are warned before the date slips.
 */
export function planReminderOrEscalation({ app, call, actor, at, base }: Planning, kind: "remind" | "escalate"): Plan {
  const reminding = kind === "remind";
  const dueAt = reminding ? app.reminderAt : app.escalationAt;
  const mark = reminding ? "remindedAt" : "escalatedAt";
  if (
    actor.kind !== "system" ||
    !DecisionClock.runs(app.stage, call.kind) ||
    app[mark] !== undefined ||
    !dueAt ||
    at < dueAt
  ) {
    throw new ImpossibleMoveError(app.stage, kind);
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
    // One email per person and key.
    after: reminding
      ? [email("reviewers", body, key, params), email("coordinators", body, key, params)]
      : [email("coordinators", body, key, params), email("admins", body, key, params)],
  };
}

/** The promised decision date has passed without a decision: the application is marked overdue. */
export function planOverdue({ app, call, actor, at, base }: Planning): Plan {
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
        ? [email("applicant", "mail.applicant_late_body", `${overdueKey}:applicant`, { date: app.decisionDueAt })]
        : []),
      email("coordinators", "mail.staff_overdue_body", `${overdueKey}:coordinators`, {
        applicationId: app.id,
        call: call.title,
        date: app.decisionDueAt,
      }),
    ],
  };
}
