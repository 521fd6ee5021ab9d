// The pieces several moves' plans are built from: the audit actor, an email, stopping the clock, and the counters
// of the month a move happens in.
import type * as Application from "../application/index.js";
import type * as Audit from "../audit/index.js";
import type { MessageKey } from "../i18n/index.js";
import { monthOf, type Change } from "../report/counters.js";
import type { Actor, AfterCommit, PlannedEmail, Recipient } from "./plan-types.js";

export function auditActor(actor: Actor): Audit.Actor {
  return actor.kind === "coordinator" ? `user:${actor.userId}` : actor.kind;
}

export const email = (
  to: Recipient,
  body: MessageKey,
  idempotencyKey: string,
  params?: PlannedEmail["params"],
): AfterCommit => ({
  kind: "send_email",
  email: { to, subject: "mail.neutral_subject", body, idempotencyKey, ...(params ? { params } : {}) },
});

/** Stops the application's running clock, if it has one. */
export const stopClock = (app: Application.Info): AfterCommit[] =>
  app.clockGeneration ? [{ kind: "stop_clock", applicationId: app.id, generation: app.clockGeneration }] : [];

/** `{ [name]: value }`, or nothing when there is no value (the plan's optional fields stay absent). */
export const optional = <K extends string, V>(name: K, value: V | undefined) =>
  (value === undefined ? {} : { [name]: value }) as Partial<Record<K, V>>;

/**
 * The counters of the month a move happens in (`at`): an event is counted once, when it happens, so a closed
 * month's counters never change and no count follows an application through its stages.
 */
export const countedAt = (at: string, add: Record<string, number>): Change | undefined =>
  Object.keys(add).length > 0 ? { month: monthOf(at), add } : undefined;
