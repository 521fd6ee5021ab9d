import { z } from "zod";
import * as Application from "../application/index.js";
import * as Call from "../call/index.js";
import { NotFoundError, VisibleError, type FieldError } from "../error/index.js";
import * as Mail from "../mail/index.js";
import { Locale } from "../i18n/index.js";
import * as User from "../user/index.js";

type Stage = Call.Stage;

/**
 * Where a coordinator may move an application from each stage, before the call's own list of stages
 * narrows it. `submitted` comes from the applicant; `withdrawn` only from the applicant.
 */
const moves: Record<Stage, Stage[]> = {
  draft: [],
  submitted: ["in_review", "more_info", "declined"],
  in_review: ["shortlisted", "more_info", "approved", "declined"],
  shortlisted: ["more_info", "approved", "declined"],
  more_info: ["declined"],
  approved: [],
  declined: [],
  withdrawn: [],
};

/** The stages this call lets a coordinator move an application to from `from`. */
export function allowedMoves(call: Call.Info, from: Stage): Stage[] {
  return moves[from].filter((stage) => call.stages.includes(stage));
}

export const TransitionInput = z.object({
  to: Call.Stage,
  version: z.number().int().positive(),
  note: z.string().trim().max(4_000).optional(),
  amount: z.number().int().positive().optional(),
});
export type TransitionInput = z.input<typeof TransitionInput>;

const DAY_SECONDS = 86_400;

/**
 * A coordinator moves an application on: a stage the call does not allow from here, or a stale `version`,
 * is a 409. `approved` needs an amount no higher than requested and the call's maximum; `declined` needs a
 * note. The applicant is told, neutrally, when the decision is made or more is asked of them.
 */
export async function transition(actor: User.Info, applicationId: string, input: TransitionInput) {
  const { to, version, note, amount } = TransitionInput.parse(input);
  const app = await Application.fromID(applicationId);
  if (
    !app ||
    !User.worksOn(actor, app.callId) ||
    !(actor.roles.includes("coordinator") || actor.roles.includes("admin"))
  ) {
    throw new NotFoundError("application.not_found");
  }
  const call = await Call.get(app.callId);
  if (version !== app.version) throw new VisibleError("conflict", "application.changed", "error.application_changed");
  if (!allowedMoves(call, app.stage).includes(to)) {
    throw new VisibleError("conflict", "stage.impossible", "error.impossible_move", { from: app.stage, to });
  }
  const problems: FieldError[] = [];
  if (to === "approved") {
    const requested = app.funding?.amount ?? 0;
    if (amount === undefined) problems.push({ path: "amount", message: "decision.amount_missing" });
    else if (amount > requested)
      problems.push({ path: "amount", message: "decision.above_requested", params: { max: requested } });
    else if (amount > call.funding.max)
      problems.push({ path: "amount", message: "decision.above_call", params: { max: call.funding.max } });
  }
  if ((to === "declined" || to === "more_info") && !note)
    problems.push({ path: "note", message: "decision.note_missing" });
  if (problems.length > 0) throw new VisibleError("unprocessable", "stage.invalid", "error.invalid_move", {}, problems);

  const decided = to === "approved" || to === "declined";
  const now = new Date();
  const result = await Application.moveStage(app, {
    to,
    actor: `user:${actor.id}`,
    ...(note && to !== "more_info" ? { note } : {}),
    ...(to === "more_info" ? { moreInfoRequest: note! } : {}),
    ...(decided
      ? { decision: { outcome: to, ...(to === "approved" ? { amount: amount! } : {}), decidedAt: now.toISOString() } }
      : {}),
    ...(decided ? { detail: { withinDeadline: !app.decisionDueAt || now.toISOString() <= app.decisionDueAt } } : {}),
    ...(to === "declined" ? { expiresAt: Math.floor(now.getTime() / 1000) + call.retentionDays * DAY_SECONDS } : {}),
    stats: {
      [`stage:${app.stage}`]: -1,
      [`stage:${to}`]: 1,
      ...(to === "approved" ? { [`approved:${call.funding.currency}`]: amount! } : {}),
      ...(decided && app.decisionDueAt && now.toISOString() <= app.decisionDueAt ? { decidedWithinDeadline: 1 } : {}),
    },
  });
  if (app.contact && (decided || to === "more_info")) {
    await Mail.send({
      to: app.contact.email,
      locale: Locale.safeParse(app.language).data ?? "en",
      subject: "mail.neutral_subject",
      body: "mail.update_body",
      idempotencyKey: `moved:${app.id}:${result.version}`,
    });
  }
  return result;
}
