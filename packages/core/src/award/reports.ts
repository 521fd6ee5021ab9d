// A grant's reports as people meet them: the applicant writes one (its fields and documents, a part like any
// other), sends it, and answers a coordinator who asks for more; a coordinator reads it (audited), accepts it,
// asks for more or gives a later due date. Every stage move goes through `stage/` (`plan-reports.ts`).
import { z } from "zod";
import * as Application from "../application/index.js";
import * as Audit from "../audit/index.js";
import * as Call from "../call/index.js";
import * as Clock from "../clock/index.js";
import { NotFoundError } from "../error/index.js";
import { LocalizedText } from "../i18n/index.js";
import * as Review from "../review/access.js";
import { commit } from "../stage/commit.js";
import { plan } from "../stage/plan.js";
import { reportMessageMax } from "../stage/plan-reports.js";
import * as Upload from "../upload/index.js";
import type * as User from "../user/index.js";

export { reportMessageMax } from "../stage/plan-reports.js";

export const ReportStatus = z.enum(["upcoming", "due", "late", "more_asked", "sent", "accepted"]);

/** One report's dates and where it stands: what the grant page lists, for the applicant and for staff. */
export const ReportSummary = z.object({
  id: z.string(),
  title: LocalizedText,
  dueAt: z.string(),
  status: ReportStatus,
  sentAt: z.string().optional(),
  acceptedAt: z.string().optional(),
  lateAt: z.string().optional(),
});
export type ReportSummary = z.infer<typeof ReportSummary>;

const Field = z.object({ id: z.string(), label: LocalizedText, help: LocalizedText.optional(), maxWords: z.number() });
const DocumentSlot = z.object({
  id: z.string(),
  label: LocalizedText,
  help: LocalizedText.optional(),
  required: z.boolean(),
  types: z.array(z.string()),
  maxBytes: z.number().int(),
});
const FileShown = z.object({ fileName: z.string(), contentType: z.string(), size: z.number().int() });
const Round = z.object({
  question: z.string(),
  askedAt: z.string(),
  answer: z.string().optional(),
  answeredAt: z.string().optional(),
});

/** One report with what it asks and what it holds: its fields, documents, word counts and conversation. */
export const ReportView = ReportSummary.extend({
  /** Whether the applicant may write it now. */
  open: z.boolean(),
  fields: z.array(Field),
  documents: z.array(DocumentSlot),
  texts: z.record(z.string(), z.string()),
  files: z.record(z.string(), FileShown),
  words: Application.WordReport,
  /** Every round of "more, please" and its answer, oldest first; the last is open while `status` is `more_asked`. */
  rounds: z.array(Round),
});
export type ReportView = z.infer<typeof ReportView>;

/** The grant's reports, soonest due first; none before the agreement. */
export function reportSummaries(app: Application.Info, call: Call.Info, now = Clock.now()): ReportSummary[] {
  const states = Application.reportStates(app, call);
  return (call.award?.reports ?? [])
    .filter((spec) => states[spec.id])
    .map((spec) => {
      const state = states[spec.id]!;
      return {
        id: spec.id,
        title: spec.title,
        dueAt: state.dueAt,
        status: Application.reportStatus(state, now),
        ...(state.sentAt ? { sentAt: state.sentAt } : {}),
        ...(state.acceptedAt ? { acceptedAt: state.acceptedAt } : {}),
        ...(state.lateAt ? { lateAt: state.lateAt } : {}),
      };
    })
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}

/** One report in full, or 404 when the grant owes no report by that id (or is not agreed yet). */
export function reportView(app: Application.Info, call: Call.Info, reportId: string, now = Clock.now()): ReportView {
  const spec = Application.reportSpec(call, reportId);
  const summary = reportSummaries(app, call, now).find((report) => report.id === reportId);
  if (!spec || !summary) throw new NotFoundError("grant_report.not_found");
  const part = Application.reportPart(reportId);
  const content = part.read(app);
  return {
    ...summary,
    open: isWritable(part, call, app),
    fields: spec.fields.map(({ id, label, help, maxWords }) => ({ id, label, ...(help ? { help } : {}), maxWords })),
    documents: spec.documents.map(({ id, label, help, required, types, maxBytes }) => ({
      id,
      label,
      ...(help ? { help } : {}),
      required,
      types: [...types],
      maxBytes,
    })),
    texts: content.texts,
    files: Object.fromEntries(
      Object.entries(content.files).map(([id, file]) => [
        id,
        { fileName: file.fileName, contentType: file.contentType, size: file.size },
      ]),
    ),
    words: Application.partWordReport(part, call, app),
    rounds: app.reportRounds?.[reportId] ?? [],
  };
}

function isWritable(part: Application.Part, call: Call.Info, app: Application.Info): boolean {
  try {
    part.requireWritable(call, app);
    return true;
  } catch {
    return false;
  }
}

const partOf = async (app: Application.Info, reportId: string) => {
  const call = await Call.forApplication(app);
  if (!Application.reportSpec(call, reportId)) throw new NotFoundError("grant_report.not_found");
  return { call, part: Application.reportPart(reportId) };
};

/** Saves a report's text as a draft, with its word counts (`savePartTexts`). */
export async function saveReport(app: Application.Info, reportId: string, input: unknown) {
  const { call, part } = await partOf(app, reportId);
  return Application.savePartTexts(part, call, app, Application.TextsInput.parse(input));
}

/** Prepares a presigned upload of one of a report's documents (`startPartUpload`). */
export async function startReportUpload(
  app: Application.Info,
  reportId: string,
  documentId: string,
  input: z.input<typeof Application.UploadInput>,
  redirectTo?: string,
): Promise<Upload.PresignedUpload> {
  const { call, part } = await partOf(app, reportId);
  return Application.startPartUpload(part, call, app, documentId, input, redirectTo);
}

/** Accepts one uploaded document of a report, checked once and hashed (`confirmPartUpload`). */
export async function confirmReportUpload(app: Application.Info, reportId: string, documentId: string) {
  const { call, part } = await partOf(app, reportId);
  return Application.confirmPartUpload(part, call, app, documentId);
}

/** What sending a report carries: the answer, when a coordinator asked for more. */
export const SendReportInput = z.object({ answer: z.string().max(reportMessageMax).optional() });

/** The applicant sends a report; 422 naming what is missing, 409 when it cannot be sent now. */
export async function sendReport(app: Application.Info, reportId: string, input: unknown) {
  const { answer } = SendReportInput.parse(input ?? {});
  const { call } = await partOf(app, reportId);
  const move = { kind: "submit_report", reportId, ...(answer ? { answer } : {}) } as const;
  return commit(app, plan({ app, call, actor: { kind: "applicant" }, move, now: Clock.now() }));
}

/**
 * A coordinator opens a report: recorded (who read which report, when) in the application's history, as every
 * read of content by staff is; 404 unless they coordinate the call and the grant owes that report.
 */
export async function openReport(actor: User.Info, applicationId: string, reportId: string) {
  const app = await Review.coordinated(actor, applicationId);
  const call = await Call.forApplication(app);
  const view = reportView(app, call, reportId);
  await Audit.record({ application: app.id }, "report_opened", `user:${actor.id}`, { report: reportId });
  // A draft never sent is the grantee's own, as an unsent full application is: staff see what was sent.
  const sent = Application.reportStates(app, call)[reportId]?.firstSentAt !== undefined;
  return { app, call, view: sent ? view : { ...view, texts: {}, files: {} } };
}

/** A coordinator's answer to a sent report: accept it, or ask for more (with the question). */
export const ReportDecisionInput = z.discriminatedUnion("decision", [
  z.object({ decision: z.literal("accept"), version: z.number().int().positive() }),
  z.object({
    decision: z.literal("more"),
    version: z.number().int().positive(),
    question: z.string().max(reportMessageMax),
  }),
]);
export type ReportDecisionInput = z.input<typeof ReportDecisionInput>;

/** A later due date for a report, as a coordinator gives it. */
export const ReportDueInput = z.object({
  version: z.number().int().positive(),
  dueAt: z.iso.datetime({ offset: true }).or(z.iso.date()),
});
export type ReportDueInput = z.input<typeof ReportDueInput>;

async function coordinatorMove(
  actor: User.Info,
  applicationId: string,
  move: (app: Application.Info) => Parameters<typeof plan>[0]["move"],
) {
  const app = await Review.coordinated(actor, applicationId);
  const call = await Call.forApplication(app);
  return commit(
    app,
    plan({ app, call, actor: { kind: "coordinator", userId: actor.id }, move: move(app), now: Clock.now() }),
  );
}

/** A coordinator accepts a sent report or asks for more in it, at the version they read. */
export async function decideReport(actor: User.Info, applicationId: string, reportId: string, input: unknown) {
  const decision = ReportDecisionInput.parse(input);
  return coordinatorMove(actor, applicationId, () =>
    decision.decision === "accept"
      ? { kind: "accept_report", reportId, version: decision.version }
      : { kind: "ask_report", reportId, version: decision.version, question: decision.question },
  );
}

/** A coordinator gives a report a later due date (a day alone is its end, UTC). */
export async function extendReport(actor: User.Info, applicationId: string, reportId: string, input: unknown) {
  const { version, dueAt } = ReportDueInput.parse(input);
  const at = /^\d{4}-\d{2}-\d{2}$/.test(dueAt) ? `${dueAt}T23:59:59.000Z` : dueAt;
  const result = await coordinatorMove(actor, applicationId, () => ({
    kind: "extend_report",
    reportId,
    version,
    dueAt: at,
  }));
  return { ...result, dueAt: new Date(at).toISOString() };
}

/**
 * One of a report's documents, its checked bytes, for a coordinator of the call, as a full application's
 * document is downloaded: recorded first (`report_document_downloaded`: who, which report and document, its
 * hash). 404 when the grant owes no such report or holds no such document.
 */
export async function downloadReportDocument(
  actor: User.Info,
  applicationId: string,
  reportId: string,
  documentId: string,
): Promise<Application.BudgetFileBytes> {
  const app = await Review.coordinated(actor, applicationId);
  const call = await Call.forApplication(app);
  const file = Application.reportSpec(call, reportId)
    ? Application.reportPart(reportId).read(app).files[documentId]
    : undefined;
  if (!file) throw new NotFoundError("document.not_found");
  const bytes = await Application.readBudgetFile(file);
  await Audit.record({ application: app.id }, "report_document_downloaded", `user:${actor.id}`, {
    report: reportId,
    documentId,
    sha256: bytes.sha256,
  });
  return bytes;
}
