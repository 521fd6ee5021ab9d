import * as Application from "../application/index.js";
import * as Audit from "../audit/index.js";
import * as Ledger from "../award/ledger.js";
import * as Contact from "../contact/index.js";
import * as Dynamo from "../dynamo/index.js";
import { ApplicationChangedError } from "../error/index.js";
import { logger } from "../log/index.js";
import * as Outbox from "../outbox/index.js";
import * as Counters from "../report/counters.js";
// access.ts, not the folder index: the index also exports bulk moves, which import this folder back.
import * as Review from "../review/access.js";
import * as User from "../user/index.js";
import * as Executions from "../decision-clock/executions.js";
import { executionName } from "../decision-clock/times.js";
import type { AfterCommit, Plan, Recipient } from "./plan.js";

type TransactItem = ReturnType<typeof Dynamo.tx.put>;

/**
 * Writes a plan in one DynamoDB transaction: the application's update (only if it is still at the version and
 * stage the plan was made from), its audit event, the report counters of the month the move happens in,
 * and any `extra` items the caller's move needs (an idempotency record). Of two moves at once one wins and the other gets `ApplicationChangedError` (409);
 * a transaction cancelled only by a concurrent one is retried (`Dynamo.transact`). The emails the move causes
 * (`plan.after`) are outbox items in the same transaction: saved with the change or not at all.
 */
export async function commit(
  app: Application.Info,
  plan: Plan,
  extra: TransactItem[] = [],
): Promise<{ stage: Application.Info["stage"]; version: number }> {
  const set: Record<string, unknown> = {
    ...plan.update.set,
    stage: plan.to,
    version: plan.version,
    updatedAt: plan.at,
  };
  if (plan.content) {
    const { moreInfo, moreInfoRequest, approvedAmount, messageToApplicant, parts, agreement, reportRounds } =
      plan.content;
    const { moreInfoRequest: previous, messageToApplicant: previousMessage, parts: previousParts, ...rest } = app;
    const next: Application.Info = {
      ...rest,
      ...(moreInfo ? { moreInfo } : {}),
      ...(moreInfoRequest === null || !previous ? {} : { moreInfoRequest: previous }),
      ...(messageToApplicant === null ? {} : { messageToApplicant: messageToApplicant ?? previousMessage }),
      ...((parts ?? previousParts) ? { parts: parts ?? previousParts } : {}),
      ...(approvedAmount !== undefined
        ? { decision: { outcome: "approved", amount: approvedAmount, decidedAt: plan.at } }
        : {}),
      ...(agreement ? { agreement } : {}),
      ...(reportRounds ? { reportRounds } : {}),
    };
    set["sealed"] = await Application.sealContent(next);
  }
  // Mail to the applicant goes out only to a confirmed address; otherwise its owner is asked to confirm it.
  const mailsApplicant = plan.after.some((step) => step.kind === "send_email" && step.email.to === "applicant");
  const contact = mailsApplicant ? await contactGate(app, plan.version) : undefined;
  if (contact?.check) set["contactCheck"] = contact.check;
  const detail = {
    ...plan.event.detail,
    ...(plan.event.note ? { noteSealed: await Application.sealNote(app.id, plan.event.note) } : {}),
  };
  const items: TransactItem[] = [
    Dynamo.tx.update(
      Dynamo.Key.application(app.id),
      { set, remove: plan.update.remove },
      Dynamo.when.all(
        Dynamo.when.equals("version", plan.update.expect.version),
        Dynamo.when.equals("stage", plan.update.expect.stage),
        ...(plan.update.expect.missing ?? []).map((name) => Dynamo.when.missing(name)),
      ),
    ),
    ...(plan.earlier ?? []).map((event) =>
      Audit.put({ application: app.id }, event.type, event.actor, event.at, event.detail),
    ),
    Audit.put({ application: app.id }, plan.event.type, plan.event.actor, plan.at, detail),
    ...(plan.counters && Object.keys(plan.counters.add).length > 0
      ? [Counters.update(app.callId, app.id, plan.counters)]
      : []),
    ...(await outboxItems(app, plan, contact?.allowed ?? false)),
    ...(contact?.items ?? []),
    ...(await awardItems(app, plan)),
    ...extra,
  ];
  try {
    await Dynamo.transact(items);
  } catch (error) {
    if (Dynamo.isConditionFailure(error)) throw new ApplicationChangedError(error);
    throw error;
  }
  for (const step of plan.after) await runClockStep(step);
  return { stage: plan.to, version: plan.version };
}

/**
 * What a move after the award writes beyond the application: a payment into the call's ledger; for a grant that
 * ends, its payment method deleted and its ledger kept for the retention period from now.
 */
async function awardItems(app: Application.Info, plan: Plan): Promise<TransactItem[]> {
  return [
    ...(plan.payment ? [await Ledger.entry(app.callId, app.id, plan.payment, plan.at)] : []),
    ...(plan.ends
      ? [
          Dynamo.tx.delete(Dynamo.Key.paymentMethod(app.id)),
          ...(await Ledger.keepUntil(app.callId, app.id, plan.ends.keepLedgerUntil)),
        ]
      : []),
  ];
}

/**
 * Starts or stops the decision clock once the move is saved. It never fails the move: a clock that did not
 * start is found and started by the reconciler (`DecisionClock.reconcile`), and one that did not stop ends at its
 * next step, which reads the application first. The log line names the step and the error, nothing personal.
 */
async function runClockStep(step: AfterCommit): Promise<void> {
  if (step.kind === "send_email") return;
  const name = executionName(step.applicationId, step.generation, step.reportId);
  try {
    if (step.kind === "start_clock") {
      await Executions.start(name, {
        applicationId: step.applicationId,
        generation: step.generation,
        ...(step.reportId ? { reportId: step.reportId } : {}),
      });
    } else {
      await Executions.stop(name);
    }
  } catch (error) {
    logger.warn("decision clock not changed", {
      step: step.kind,
      error: error instanceof Error ? error.name : "Error",
    });
  }
}

/**
 * The move's emails as outbox items, written in the move's transaction: to the applicant (if they gave an
 * address) in the application's language, or to each staff member of the groups named (the call's
 * coordinators, the reviewers still to score, the admins), in their own language. They are sent after commit,
 * off the request path, once per idempotency key.
 */
async function outboxItems(app: Application.Info, plan: Plan, mayEmailApplicant: boolean): Promise<TransactItem[]> {
  const items: TransactItem[] = [];
  // Staff notices under one key go once to each person, whichever groups they are in (a coordinator who is
  // also an admin): one transaction cannot write the same outbox item twice.
  const staffNotices = new Map<
    string,
    { email: Extract<AfterCommit, { kind: "send_email" }>["email"]; staff: Map<string, User.Info> }
  >();
  for (const step of plan.after) {
    if (step.kind !== "send_email") continue;
    const { email } = step;
    if (email.to === "applicant") {
      if (!app.contact || !mayEmailApplicant) continue;
      const locale = Application.emailLocale(app);
      items.push(
        await Outbox.item(email.idempotencyKey, {
          to: app.contact.email,
          locale,
          body: email.body,
          ...(email.params ? { params: email.params } : {}),
          applicant: true,
        }),
      );
    } else {
      const notice = staffNotices.get(email.idempotencyKey) ?? { email, staff: new Map<string, User.Info>() };
      for (const member of await staffOf(app, email.to)) notice.staff.set(member.id, member);
      staffNotices.set(email.idempotencyKey, notice);
    }
  }
  for (const [key, { email, staff }] of staffNotices) {
    items.push(...(await Outbox.toStaff([...staff.values()], key, email.body, undefined, email.params)));
  }
  return items;
}

/**
 * Whether the applicant may be emailed (`Contact.mayEmail`); if not, what asks them to confirm their address
 * (at most once in `Contact.resendDays`), and the check to keep on the application, so that an application
 * made before addresses were confirmed but submitted only now is not taken for one submitted before.
 */
async function contactGate(
  app: Application.Info,
  version: number,
): Promise<{ allowed: boolean; items: TransactItem[]; check?: Contact.Check } | undefined> {
  if (!app.contact) return undefined;
  if (await Contact.mayEmail(app)) return { allowed: true, items: [] };
  const asked = await Contact.ask(app.contact.email, Application.emailLocale(app), `contact:${app.id}:${version}`);
  return { allowed: false, items: asked.items, ...(app.contactCheck ? {} : { check: asked.check }) };
}

/** The staff accounts a group of recipients names, for this application. */
async function staffOf(app: Application.Info, to: Exclude<Recipient, "applicant">): Promise<User.Info[]> {
  switch (to) {
    case "coordinators":
      return User.coordinatorsOf(app.callId);
    case "admins":
      return (await User.list()).filter((user) => user.roles.includes("admin"));
    case "reviewers": {
      // Those still to score: neither done nor out of it by a declared conflict.
      const waiting = (await Review.assignments(app.id)).filter(
        (assignment) => assignment.status === "conflict_check" || assignment.status === "pending",
      );
      return [...(await User.many(waiting.map((assignment) => assignment.reviewerId))).values()];
    }
  }
}
