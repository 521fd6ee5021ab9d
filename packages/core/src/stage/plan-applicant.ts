// The applicant's moves, planned: submitting (again, after more information was asked for), withdrawing, and
// sending the full application a shortlisting invited. Pure, like `plan`, which dispatches to them.
import type * as Application from "../application/index.js";
import {
  conversation,
  draftAnswer,
  fullApplicationProblems,
  moreInfoAnswerPart,
  openQuestion,
  requireWriting,
  submissionProblems,
} from "../application/index.js";
import { storedFull } from "../application/full-stored.js";
import { storedPart } from "../application/part-stored.js";
import * as Call from "../call/index.js";
import { CallClosedError, ImpossibleMoveError, StageConflictError, UnprocessableError } from "../error/index.js";
import { breakdowns, Counter, monthOf, type Change } from "../report/counters.js";
import * as DecisionClock from "../decision-clock/times.js";
import { email, stopClock } from "./plan-parts.js";
import type { Plan, Planning } from "./plan-types.js";
import { editableStages } from "./stages.js";

/**
 * The decision clock's times at a submission. They are set once, at the first submission; time spent waiting on
 * the applicant since a coordinator asked for more (`pausedAt`) is not the fund's: every time moves later by it.
 */
function submissionTimes(
  app: Application.Info,
  call: Call.Info,
  submittedAt: string,
  now: Date,
  dayMs: number,
): DecisionClock.Times {
  const initial = DecisionClock.timesFrom(call, submittedAt, dayMs);
  const stored: DecisionClock.Times = {
    reminderAt: app.reminderAt ?? initial.reminderAt,
    escalationAt: app.escalationAt ?? initial.escalationAt,
    decisionDueAt: app.decisionDueAt ?? initial.decisionDueAt,
  };
  const paused = app.pausedAt ? Math.max(0, now.getTime() - Date.parse(app.pausedAt)) : 0;
  return DecisionClock.shifted(stored, paused);
}

/**
 * The counters of a first submission. Counters count submissions, not creations: a draft was never counted, so
 * nothing leaves it. Who applies (country, target groups) and how much they ask for are counted once, here.
 */
const firstSubmissionCounters = (app: Application.Info, call: Call.Info, at: string): Change => ({
  month: monthOf(at),
  add: {
    [Counter.submitted]: 1,
    [Counter.requested(call.funding.currency)]: app.funding!.amount,
    [Counter.requestedBy(call.funding.currency)]: 1,
    ...breakdowns(app.answers),
  },
});

/**
 * What a resubmission does to the conversation: the answer written moves into the open round, with the time it
 * was sent, and the answer's part is emptied for the next question; every earlier round stays. An old item's
 * open request becomes a round of its own. The message that came with the question no longer shows.
 */
function answered(app: Application.Info, at: string): Pick<Plan, "content"> {
  const open = openQuestion(app);
  const rounds = conversation(app);
  const { [moreInfoAnswerPart.name]: _sent, ...otherParts } = app.parts ?? {};
  const hadAnswer = app.parts?.[moreInfoAnswerPart.name] !== undefined;
  const content: NonNullable<Plan["content"]> = {
    ...(open ? { moreInfo: [...rounds.slice(0, -1), { ...open, answer: draftAnswer(app), answeredAt: at }] } : {}),
    ...(app.moreInfoRequest ? { moreInfoRequest: null } : {}),
    ...(app.messageToApplicant ? { messageToApplicant: null } : {}),
    ...(hadAnswer ? { parts: otherParts } : {}),
  };
  return Object.keys(content).length > 0 ? { content } : {};
}

/** The parts kept in the clear once the answer's part is emptied: set what remains, or remove them all. */
function clearParts(app: Application.Info): { set: Record<string, unknown>; remove: string[] } {
  if (app.parts?.[moreInfoAnswerPart.name] === undefined) return { set: {}, remove: [] };
  const { [moreInfoAnswerPart.name]: _sent, ...rest } = app.parts;
  const stored = Object.fromEntries(Object.entries(rest).map(([name, content]) => [name, storedPart(content)]));
  return Object.keys(stored).length > 0 ? { set: { parts: stored }, remove: [] } : { set: {}, remove: ["parts"] };
}

/** The applicant sends the application, first from a draft or again after more information was asked for. */
export function planSubmit({ app, call, actor, now, dayMs, at, version, base, allowed }: Planning): Plan {
  if (actor.kind !== "applicant" || !editableStages.includes(app.stage) || !allowed("submitted")) {
    throw new StageConflictError("application.not_editable", "error.not_editable");
  }
  const first = app.stage === "draft";
  if (first && Call.status(call, now) !== "open") throw new CallClosedError();
  const problems = submissionProblems(call, app);
  if (problems.length > 0) throw new UnprocessableError("submit.incomplete", "error.submit_incomplete", problems);
  const submittedAt = app.submittedAt ?? at;
  const times = submissionTimes(app, call, submittedAt, now, dayMs);
  // A new clock after every submission: the one stopped when more was asked for does not come back.
  const generation = (app.clockGeneration ?? 0) + 1;
  const parts = clearParts(app);
  return {
    ...base,
    to: "submitted",
    update: {
      set: { submittedAt, ...times, clockGeneration: generation, ...parts.set },
      remove: [...(app.pausedAt ? ["pausedAt"] : []), ...parts.remove],
      expect: base.expect,
    },
    ...answered(app, at),
    event: {
      type: first ? "submitted" : "resubmitted",
      actor: "applicant",
      detail: { from: app.stage, stage: "submitted" },
    },
    ...(first ? { counters: firstSubmissionCounters(app, call, at) } : {}),
    after: [
      ...(app.contact ? [email("applicant", "mail.update_body", `submitted:${app.id}:${version}`)] : []),
      { kind: "start_clock", applicationId: app.id, generation },
    ],
  };
}

/** The applicant withdraws the application before a decision. */
export function planWithdraw({ app, actor, at, base, allowed }: Planning): Plan {
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

/** The applicant sends the full application a shortlisting invited (a grant call's second stage). */
export function planSubmitFull({ app, call, actor, now, dayMs, at, version, base, allowed }: Planning): Plan {
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
