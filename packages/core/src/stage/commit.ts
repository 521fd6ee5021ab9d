import * as Application from "../application/index.js";
import * as Audit from "../audit/index.js";
import * as Dynamo from "../dynamo/index.js";
import { ApplicationChangedError } from "../error/index.js";
import { Locale } from "../i18n/index.js";
import * as Mail from "../mail/index.js";
import * as Stats from "../stats/index.js";
import * as User from "../user/index.js";
import type { PlannedEmail, Plan } from "./plan.js";

type TransactItem = ReturnType<typeof Dynamo.tx.put>;

/**
 * Writes a plan in one DynamoDB transaction: the application's update (only if it is still at the version and
 * stage the plan was made from), its audit event, the counters, and any `extra` items the caller's move needs
 * (an idempotency record). Of two moves at once one wins and the other gets `ApplicationChangedError` (409);
 * a transaction cancelled only by a concurrent one is retried (`Dynamo.transact`). Then runs what comes after.
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
    const { moreInfoRequest: _previous, ...rest } = app;
    const next: Application.Info =
      plan.content.moreInfoRequest === undefined ? rest : { ...rest, moreInfoRequest: plan.content.moreInfoRequest };
    set["sealed"] = await Application.sealContent(next);
  }
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
      ),
    ),
    Audit.put({ application: app.id }, plan.event.type, plan.event.actor, plan.at, detail),
    ...(Object.keys(plan.counters).length > 0 ? [Stats.update(app.callId, app.id, plan.counters)] : []),
    ...extra,
  ];
  try {
    await Dynamo.transact(items);
  } catch (error) {
    if (Dynamo.isConditionFailure(error)) throw new ApplicationChangedError(error);
    throw error;
  }
  for (const step of plan.after) {
    if (step.kind === "send_email") await deliver(app, step.email);
  }
  return { stage: plan.to, version: plan.version };
}

/** Sends a move's email to whoever it is for, once per idempotency key, in the application's language. */
async function deliver(app: Application.Info, email: PlannedEmail): Promise<void> {
  if (email.to === "applicant") {
    if (!app.contact) return;
    await Mail.send({
      to: app.contact.email,
      locale: Locale.safeParse(app.language).data ?? "en",
      subject: email.subject,
      body: email.body,
      idempotencyKey: email.idempotencyKey,
    });
    return;
  }
  await Mail.sendToStaff(await User.coordinatorsOf(app.callId), {
    subject: email.subject,
    body: email.body,
    idempotencyKey: email.idempotencyKey,
  });
}
