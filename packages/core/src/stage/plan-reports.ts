// The grant's reports, planned: the applicant sending one, a coordinator accepting it, asking for more or giving a
// later due date, and each report's clock reminding the applicant and counting it at its due date. Pure, like
// `plan`, which dispatches to them. The stage follows from where the reports stand (`restingStage`).
import * as Application from "../application/index.js";
import type * as Call from "../call/index.js";
import { reportClockHorizonDays } from "../decision-clock/times.js";
import {
  ApplicationChangedError,
  ConflictError,
  ImpossibleMoveError,
  NotFoundError,
  UnprocessableError,
} from "../error/index.js";
import { Counter } from "../report/counters.js";
import { auditActor, countedAt, email, optional } from "./plan-parts.js";
import type { AfterCommit, Move, Plan, Planning } from "./plan-types.js";
import { reportingStages, runningGrantStages, type Stage } from "./stages.js";

type ReportMove = Extract<
  Move,
  { kind: "submit_report" | "accept_report" | "ask_report" | "extend_report" | "report_remind" | "report_due" }
>;
type States = Record<string, Application.ReportState>;

/** Longest question or answer about a report, in characters: a message, not a second report. */
export const reportMessageMax = 4000;

/**
 * Where a grant rests given its reports: `reported` while a sent one waits for a coordinator, or once all are
 * accepted (ready to close); `report_due` while one is owed (reminded, late, or asked for more); otherwise
 * running as before (`active` once paid, where the call uses it). A held grant stays held.
 */
export function restingStage(app: Application.Info, call: Call.Info, states: States): Stage {
  if (app.stage === "suspended") return "suspended";
  const uses = (stage: Stage) => call.stages.includes(stage);
  const list = Object.values(states);
  if (uses("reported") && list.some((state) => state.sentAt && !state.acceptedAt && !state.moreAskedAt)) {
    return "reported";
  }
  const owed = (state: Application.ReportState) =>
    !state.acceptedAt && (state.moreAskedAt !== undefined || (!state.sentAt && (state.remindedAt ?? state.lateAt)));
  if (uses("report_due") && list.some(owed)) return "report_due";
  if (uses("reported") && list.length > 0 && list.every((state) => state.acceptedAt)) return "reported";
  return (app.payment?.count ?? 0) > 0 && uses("active") ? "active" : "agreed";
}

/** Whether every report the call asks for is accepted: a grant closes only then (vacuously, with none). */
export const allReportsAccepted = (app: Pick<Application.Info, "reports">, call: Pick<Call.Info, "award">): boolean =>
  (call.award?.reports ?? []).every((spec) => app.reports?.[spec.id]?.acceptedAt !== undefined);

/** Whether a report due at `dueAt` may have its clock now: within eleven months (`reportClockHorizonDays`). */
const withinHorizon = (dueAt: string, now: Date, dayMs: number) =>
  Date.parse(dueAt) - now.getTime() < reportClockHorizonDays * dayMs;

/**
 * The reports of a grant agreed at `now`: each one's dates, and a clock (generation 1) for those due within
 * eleven months; the rest get theirs from the reconciler or when an earlier report's clock ends.
 */
export function reportsAtAgreement({ app, call, now, dayMs }: Planning): { reports: States; after: AfterCommit[] } {
  const reports: States = {};
  const after: AfterCommit[] = [];
  for (const spec of call.award?.reports ?? []) {
    const state = Application.dueFrom(spec, now.getTime(), dayMs);
    const starts = withinHorizon(state.dueAt, now, dayMs);
    reports[spec.id] = starts ? { ...state, clockGeneration: 1 } : state;
    if (starts) after.push({ kind: "start_clock", applicationId: app.id, generation: 1, reportId: spec.id });
  }
  return { reports, after };
}

function stateOf({ app, call, dayMs }: Planning, reportId: string): { states: States; state: Application.ReportState } {
  const states = Application.reportStates(app, call, dayMs);
  const state = states[reportId];
  if (!state) throw new NotFoundError("grant_report.not_found");
  return { states, state };
}

// Keyed as the award's other notices are (`moved:`, `award:` and the version), so the retention sweep that
// deletes an application's unsent emails finds these too.
const applicantNotice = ({ app, version }: Planning) =>
  app.contact ? [email("applicant", "mail.update_body", `moved:${app.id}:${version}`)] : [];

/** What every report move writes: the reports (the whole map), the stage they leave the grant in. */
function reportPlan(planning: Planning, states: States, rest: Omit<Plan, keyof Planning["base"] | "to" | "update">) {
  const { app, call, base } = planning;
  return {
    ...base,
    to: restingStage(app, call, states),
    update: { set: { reports: states }, remove: [], expect: base.expect },
    ...rest,
  };
}

/** The applicant sends a report (again, with their answer, when more was asked): a coordinator reads it next. */
function planSubmitReport(planning: Planning, move: Extract<Move, { kind: "submit_report" }>): Plan {
  const { app, call, actor, at } = planning;
  if (actor.kind !== "applicant" || !reportingStages.includes(app.stage)) {
    throw new ImpossibleMoveError(app.stage, "reported");
  }
  const { states, state } = stateOf(planning, move.reportId);
  if (!Application.reportOpen(state)) throw new ConflictError("grant_report.not_open", "error.report_not_open");
  const part = Application.reportPart(move.reportId);
  const problems = Application.partProblems(part, call, app);
  const answer = move.answer?.trim() ?? "";
  if (state.moreAskedAt && answer.length > reportMessageMax) {
    problems.push({ path: "answer", message: "grant_report.answer_too_long", params: { max: reportMessageMax } });
  }
  if (problems.length > 0) throw new UnprocessableError("grant_report.incomplete", "error.report_incomplete", problems);
  const { moreAskedAt: _asked, ...rest } = state;
  const next = { ...states, [move.reportId]: { ...rest, sentAt: at, firstSentAt: state.firstSentAt ?? at } };
  const rounds = app.reportRounds?.[move.reportId] ?? [];
  const open = rounds.at(-1);
  const answered =
    state.moreAskedAt && open && !open.answeredAt
      ? [...rounds.slice(0, -1), { ...open, ...(answer ? { answer } : {}), answeredAt: at }]
      : undefined;
  return reportPlan(planning, next, {
    ...(answered ? { content: { reportRounds: { ...app.reportRounds, [move.reportId]: answered } } } : {}),
    event: { type: "report_sent", actor: "applicant", detail: { from: app.stage, report: move.reportId } },
    after: [
      email("coordinators", "mail.staff_report_body", `award:${app.id}:${planning.version}`, {
        applicationId: app.id,
        call: call.title,
      }),
    ],
  });
}

/** A coordinator's report move: at the version they read, on a report that was sent and is not yet accepted. */
function coordinatorReport(planning: Planning, move: Extract<Move, { version: number; reportId: string }>) {
  const { app, actor } = planning;
  if (actor.kind !== "coordinator" || !runningGrantStages.includes(app.stage)) {
    throw new ImpossibleMoveError(app.stage, move.kind);
  }
  if (move.version !== app.version) throw new ApplicationChangedError();
  const found = stateOf(planning, move.reportId);
  if (found.state.acceptedAt) throw new ConflictError("grant_report.accepted", "error.report_accepted");
  return { ...found, actor: auditActor(actor) };
}

function planAcceptReport(planning: Planning, move: Extract<Move, { kind: "accept_report" }>): Plan {
  const { app, at } = planning;
  const { states, state, actor } = coordinatorReport(planning, move);
  if (!state.sentAt || state.moreAskedAt) throw new ConflictError("grant_report.not_sent", "error.report_not_sent");
  return reportPlan(
    planning,
    { ...states, [move.reportId]: { ...state, acceptedAt: at } },
    {
      event: { type: "report_accepted", actor, detail: { from: app.stage, report: move.reportId } },
      after: applicantNotice(planning),
    },
  );
}

function planAskReport(planning: Planning, move: Extract<Move, { kind: "ask_report" }>): Plan {
  const { app, at } = planning;
  const { states, state, actor } = coordinatorReport(planning, move);
  if (!state.sentAt || state.moreAskedAt) throw new ConflictError("grant_report.not_sent", "error.report_not_sent");
  const question = move.question.trim();
  if (question.length === 0 || question.length > reportMessageMax) {
    throw new UnprocessableError("grant_report.invalid", "error.invalid_input", [
      { path: "question", message: "grant_report.question_invalid", params: { max: reportMessageMax } },
    ]);
  }
  const rounds = [...(app.reportRounds?.[move.reportId] ?? []), { question, askedAt: at }];
  return reportPlan(
    planning,
    { ...states, [move.reportId]: { ...state, moreAskedAt: at } },
    {
      content: { reportRounds: { ...app.reportRounds, [move.reportId]: rounds } },
      event: { type: "report_more_asked", actor, detail: { from: app.stage, report: move.reportId } },
      after: applicantNotice(planning),
    },
  );
}

/**
 * A coordinator gives a report a later due date: its reminder goes again before it, the late mark is lifted,
 * and its clock starts afresh under a new name (the old one stopped). A report counted at its first due date
 * stays counted as it was: a published month never changes.
 */
function planExtendReport(planning: Planning, move: Extract<Move, { kind: "extend_report" }>): Plan {
  const { app, call, now, dayMs, at } = planning;
  const { states, state, actor } = coordinatorReport(planning, move);
  const dueMs = Date.parse(move.dueAt);
  if (!/^\d{4}-\d{2}-\d{2}/.test(move.dueAt) || Number.isNaN(dueMs) || dueMs <= now.getTime()) {
    throw new UnprocessableError("grant_report.invalid", "error.invalid_input", [
      { path: "dueAt", message: "grant_report.due_not_later" },
    ]);
  }
  const spec = Application.reportSpec(call, move.reportId)!;
  const dueAt = new Date(dueMs).toISOString();
  const { remindedAt: _reminded, lateAt: _late, clockGeneration: old, ...kept } = state;
  const starts = withinHorizon(dueAt, now, dayMs);
  const generation = (old ?? 0) + 1;
  const next: Application.ReportState = {
    ...kept,
    dueAt,
    remindAt: new Date(Math.max(now.getTime(), dueMs - spec.remindDays * dayMs)).toISOString(),
    extendedAt: at,
    ...(starts ? { clockGeneration: generation } : old ? { clockGeneration: old } : {}),
  };
  const stop: AfterCommit[] = old
    ? [{ kind: "stop_clock", applicationId: app.id, generation: old, reportId: move.reportId }]
    : [];
  return reportPlan(
    planning,
    { ...states, [move.reportId]: next },
    {
      event: { type: "report_extended", actor, detail: { from: app.stage, report: move.reportId, dueAt } },
      after: [
        ...stop,
        ...(starts
          ? [{ kind: "start_clock" as const, applicationId: app.id, generation, reportId: move.reportId }]
          : []),
        ...applicantNotice(planning),
      ],
    },
  );
}

/** The clock reminds the applicant, neutrally, that a report is due soon: once, and only while it is unsent. */
function planReportRemind(planning: Planning, reportId: string): Plan {
  const { app, now, at } = planning;
  const { states, state } = stateOf(planning, reportId);
  const due = !state.remindedAt && !state.sentAt && !state.acceptedAt && now.getTime() >= Date.parse(state.remindAt);
  if (planning.actor.kind !== "system" || !reportingStages.includes(app.stage) || !due) {
    throw new ImpossibleMoveError(app.stage, "report_remind");
  }
  return reportPlan(
    planning,
    { ...states, [reportId]: { ...state, remindedAt: at } },
    {
      event: { type: "report_reminded", actor: "system", detail: { from: app.stage, report: reportId } },
      after: app.contact
        ? [email("applicant", "mail.report_reminder_body", `moved:${app.id}:${planning.version}`)]
        : [],
    },
  );
}

/**
 * The clock reaches a report's due date: it is counted once for the funders' report, on time if it was first
 * sent by then, late otherwise (then marked late, its coordinators told). Reports due within eleven months of
 * now whose clocks wait for this one get theirs.
 */
function planReportDue(planning: Planning, reportId: string): Plan {
  const { app, call, now, dayMs, at } = planning;
  const { states, state } = stateOf(planning, reportId);
  if (planning.actor.kind !== "system" || !runningGrantStages.includes(app.stage) || state.countedAt) {
    throw new ImpossibleMoveError(app.stage, "report_due");
  }
  if (now.getTime() < Date.parse(state.dueAt)) throw new ImpossibleMoveError(app.stage, "report_due");
  const onTime = state.firstSentAt !== undefined && state.firstSentAt <= state.dueAt;
  const next: States = { ...states, [reportId]: { ...state, countedAt: at, ...(onTime ? {} : { lateAt: at }) } };
  const after: AfterCommit[] = [];
  for (const [id, other] of Object.entries(next)) {
    if (id === reportId || other.clockGeneration || other.countedAt || !withinHorizon(other.dueAt, now, dayMs))
      continue;
    next[id] = { ...other, clockGeneration: 1 };
    after.push({ kind: "start_clock", applicationId: app.id, generation: 1, reportId: id });
  }
  if (!onTime) {
    after.push(
      email("coordinators", "mail.staff_report_late_body", `award:${app.id}:${planning.version}`, {
        applicationId: app.id,
        call: call.title,
      }),
    );
  }
  return reportPlan(planning, next, {
    event: {
      type: onTime ? "report_due_on_time" : "report_late",
      actor: "system",
      detail: { from: app.stage, report: reportId },
    },
    ...optional(
      "counters",
      countedAt(at, { [Counter.reportsDue]: 1, [onTime ? Counter.reportsOnTime : Counter.reportsLate]: 1 }),
    ),
    after,
  });
}

/** Plans a report move (`plan` dispatches here). */
export function planReportMove(planning: Planning, move: ReportMove): Plan {
  switch (move.kind) {
    case "submit_report":
      return planSubmitReport(planning, move);
    case "accept_report":
      return planAcceptReport(planning, move);
    case "ask_report":
      return planAskReport(planning, move);
    case "extend_report":
      return planExtendReport(planning, move);
    case "report_remind":
      return planReportRemind(planning, move.reportId);
    case "report_due":
      return planReportDue(planning, move.reportId);
  }
}

/**
 * What closing a grant writes about its reports: those not counted yet (accepted before their due date, so sent
 * on time) are counted now, and their clocks stopped.
 */
export function reportsAtClosing({ app, call, dayMs, at }: Planning): {
  set: { reports?: States };
  add: Record<string, number>;
  after: AfterCommit[];
} {
  const states = Application.reportStates(app, call, dayMs);
  const uncounted = Object.entries(states).filter(([, state]) => !state.countedAt);
  if (uncounted.length === 0) return { set: {}, add: {}, after: [] };
  const next = { ...states };
  for (const [id, state] of uncounted) next[id] = { ...state, countedAt: at };
  return {
    set: { reports: next },
    add: { [Counter.reportsDue]: uncounted.length, [Counter.reportsOnTime]: uncounted.length },
    after: uncounted.flatMap(([id, state]) =>
      state.clockGeneration
        ? [{ kind: "stop_clock" as const, applicationId: app.id, generation: state.clockGeneration, reportId: id }]
        : [],
    ),
  };
}
