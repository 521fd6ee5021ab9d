import * as Application from "../application/index.js";
import * as Audit from "../audit/index.js";
import * as Dynamo from "../dynamo/index.js";
import { ApplicationChangedError } from "../error/index.js";
import { Locale } from "../i18n/index.js";
import * as Outbox from "../outbox/index.js";
import * as Stats from "../stats/index.js";
import * as User from "../user/index.js";
import type { Plan } from "./plan.js";

type TransactItem = ReturnType<typeof Dynamo.tx.put>;

/**
 * Writes a plan in one DynamoDB transaction: the application's update (only if it is still at the version and
 * stage the plan was made from), its audit event, the counters, and any `extra` items the caller's move needs
 * (an idempotency record). Of two moves at once one wins and the other gets `ApplicationChangedError` (409);
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
    const { moreInfoRequest, approvedAmount } = plan.content;
    const { moreInfoRequest: previous, ...rest } = app;
    const next: Application.Info = {
      ...rest,
      ...(moreInfoRequest === null ? {} : { moreInfoRequest: moreInfoRequest ?? previous }),
      ...(approvedAmount !== undefined
        ? { decision: { outcome: "approved", amount: approvedAmount, decidedAt: plan.at } }
        : {}),
    };
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
    ...(await outboxItems(app, plan)),
    ...extra,
  ];
  try {
    await Dynamo.transact(items);
  } catch (error) {
    if (Dynamo.isConditionFailure(error)) throw new ApplicationChangedError(error);
    throw error;
  }
  return { stage: plan.to, version: plan.version };
}

/**
 * The move's emails as outbox items, written in the move's transaction: to the applicant (if they gave an
 * address) in the application's language, or to each of the call's coordinators. They are sent after commit,
 * off the request path, once per idempotency key.
 */
async function outboxItems(app: Application.Info, plan: Plan): Promise<TransactItem[]> {
  const items: TransactItem[] = [];
  for (const step of plan.after) {
    if (step.kind !== "send_email") continue;
    const { email } = step;
    if (email.to === "applicant") {
      if (!app.contact) continue;
      const locale = Locale.safeParse(app.language).data ?? "en";
      items.push(await Outbox.item(email.idempotencyKey, { to: app.contact.email, locale, body: email.body }));
    } else {
      items.push(...(await Outbox.toStaff(await User.coordinatorsOf(app.callId), email.idempotencyKey, email.body)));
    }
  }
  return items;
}
