// A grant's reports after the award: each one a part of the application like the concept note (its narrative
// fields and financial documents, sealed with the content), and where each stands, in the clear (`ReportState`:
// dates only). The moves that send, accept, ask about, extend and count them are planned in
// `stage/plan-reports.ts`; what applicants and coordinators read and do is in `award/reports.ts`.
import type * as Call from "../call/index.js";
import * as Clock from "../clock/index.js";
import { StageConflictError } from "../error/index.js";
import { reportingStages } from "../stage/stages.js";
import type { ReportState } from "./award-stored.js";
import { declarePart, type Part } from "./part.js";
import type { Info } from "./record.js";

/** The name a report's content is kept under among the application's parts. */
export const reportPartName = (reportId: string) => `report-${reportId}`;

/** The call's settings for one of its reports, if it has one by that id. */
export const reportSpec = (call: Pick<Call.Info, "award">, reportId: string): Call.AwardReport | undefined =>
  call.award?.reports.find((report) => report.id === reportId);

/**
 * Where each of the call's reports stands for this grant: as stored, or, for a grant agreed before reports were
 * kept, as its agreement sets them (due `dueDays` after it, reminded `remindDays` before that). None before an
 * agreement.
 */
export function reportStates(
  app: Pick<Info, "agreement" | "reports">,
  call: Pick<Call.Info, "award">,
  dayMs = Clock.dayMs(),
): Record<string, ReportState> {
  const agreedAt = app.agreement?.agreedAt;
  if (!agreedAt) return {};
  return Object.fromEntries(
    (call.award?.reports ?? []).map((spec) => [
      spec.id,
      app.reports?.[spec.id] ?? dueFrom(spec, Date.parse(agreedAt), dayMs),
    ]),
  );
}

/** A report's dates from the grant's start: due `dueDays` later, its reminder `remindDays` before that. */
export function dueFrom(spec: Call.AwardReport, startMs: number, dayMs = Clock.dayMs()): ReportState {
  const due = startMs + spec.dueDays * dayMs;
  return {
    dueAt: new Date(due).toISOString(),
    remindAt: new Date(Math.max(startMs, due - spec.remindDays * dayMs)).toISOString(),
  };
}

/** Where a report stands for the person writing it, and for the coordinator reading it. */
export type ReportStatus = "upcoming" | "due" | "late" | "more_asked" | "sent" | "accepted";

export function reportStatus(state: ReportState, now = Clock.now()): ReportStatus {
  if (state.acceptedAt) return "accepted";
  if (state.moreAskedAt) return "more_asked";
  if (state.sentAt) return "sent";
  if (state.lateAt || now.getTime() > Date.parse(state.dueAt)) return "late";
  return state.remindedAt || now.getTime() >= Date.parse(state.remindAt) ? "due" : "upcoming";
}

/** Whether the applicant may write the report now: unsent, or sent and asked for more; never once accepted. */
export const reportOpen = (state: ReportState | undefined): state is ReportState =>
  state !== undefined && !state.acceptedAt && (!state.sentAt || state.moreAskedAt !== undefined);

/**
 * One report as a part: the fields and documents its call asks for, written while the grant runs (not held by
 * a coordinator) and the report is open (`reportOpen`); every write is conditional on the version read.
 */
export function reportPart(reportId: string): Part {
  const declared = declarePart({
    name: reportPartName(reportId),
    messages: {
      unknownField: "grant_report.unknown_field",
      tooLong: "error.report_too_long",
      fileMissing: "submit.document_missing",
    },
    fields: (call) => reportSpec(call, reportId)?.fields ?? [],
    files: (call) => reportSpec(call, reportId)?.documents ?? [],
    writableIn: reportingStages,
  });
  return {
    ...declared,
    requireWritable(call, app) {
      declared.requireWritable(call, app);
      if (!reportOpen(reportStates(app, call)[reportId])) {
        throw new StageConflictError("grant_report.not_open", "error.report_not_open");
      }
    },
  };
}
