import { z } from "zod";
import * as Call from "../call/index.js";
import * as Clock from "../clock/index.js";
import * as Dynamo from "../dynamo/index.js";
import {
  ApplicationChangedError,
  FullApplicationNotOpenError,
  FullApplicationPastDueError,
  type FieldError,
} from "../error/index.js";
import * as Upload from "../upload/index.js";
import { storedFull, type Document, type FullApplicationInfo } from "./full-stored.js";
import {
  confirmPartUpload,
  partProblems,
  partWordReport,
  savePartTexts,
  startPartUpload,
  TextsInput,
  type Part,
  type UploadInput,
  type WordReport,
} from "./part.js";
import { sealContent, type Info } from "./record.js";

/**
 * A grant call's second stage: once a coordinator shortlists an application of a call with a
 * `fullApplication`, its applicant is invited (`stage/plan-coordinator.ts` sets `invitedAt` and `dueAt`) to write the
 * full application's fields and upload its documents, then send it (`Stage.submitFull`). Until then and only
 * until the due date, every change here is a conditional write on the version read and the stage
 * `shortlisted`, so nothing can change once it is sent, decided or withdrawn.
 */
export {
  FullApplicationView,
  fullApplicationView,
  PublicDocument,
  publicDocument,
  type Document,
  type FullApplicationInfo,
  type PendingDocument,
} from "./full-stored.js";

/** Where a full application stands for its applicant. */
export type FullApplicationState = "none" | "writing" | "past_due" | "submitted";

/**
 * `none` before an invitation (and once an invitation ends unanswered: declined or withdrawn while writing);
 * `writing` until the due date; `past_due` after it, unsent; `submitted` once sent.
 */
export function fullApplicationState(
  app: Pick<Info, "stage" | "fullApplication">,
  now = Clock.now(),
): FullApplicationState {
  const full = app.fullApplication;
  if (!full) return "none";
  if (full.submittedAt) return "submitted";
  if (app.stage !== "shortlisted") return "none";
  return now.getTime() > Date.parse(full.dueAt) ? "past_due" : "writing";
}

/**
 * The full application open for writing, or the 409 that says why not: the call has none, the application
 * was not invited, it was already sent, or its due date has passed.
 */
export function requireWriting(
  call: Call.Info,
  app: Pick<Info, "stage" | "fullApplication">,
  now = Clock.now(),
): { spec: Call.FullApplication; full: FullApplicationInfo } {
  const open = requireInvited(call, app);
  if (now.getTime() > Date.parse(open.full.dueAt)) throw new FullApplicationPastDueError();
  return open;
}

/**
 * The full application of a shortlisted application still unsent, due date aside (a coordinator may extend
 * it after it passed); otherwise the 409 that says why not.
 */
export function requireInvited(
  call: Call.Info,
  app: Pick<Info, "stage" | "fullApplication">,
): { spec: Call.FullApplication; full: FullApplicationInfo } {
  const spec = call.fullApplication;
  if (!spec) throw new FullApplicationNotOpenError("no_full_application");
  const full = app.fullApplication;
  if (full?.submittedAt || app.stage === "full_submitted") throw new FullApplicationNotOpenError("submitted");
  if (!full || app.stage !== "shortlisted") throw new FullApplicationNotOpenError("not_invited");
  return { spec, full };
}

/**
 * The due date the invitation itself set, before any extension: kept on the invitation, or for one written before
 * it was kept, its time plus the call's days.
 */
export function invitationDueAt(
  full: Pick<FullApplicationInfo, "invitedAt" | "invitedDueAt">,
  spec: Pick<Call.FullApplication, "days">,
  dayMs = Clock.dayMs(),
): string {
  return full.invitedDueAt ?? new Date(Date.parse(full.invitedAt) + spec.days * dayMs).toISOString();
}

/** The latest due date a coordinator may extend to: the call's days beyond the invitation's own date. */
export function latestDueAt(
  full: Pick<FullApplicationInfo, "invitedAt" | "invitedDueAt">,
  spec: Pick<Call.FullApplication, "days">,
  dayMs = Clock.dayMs(),
): string {
  return new Date(Date.parse(invitationDueAt(full, spec, dayMs)) + spec.days * dayMs).toISOString();
}

/** Whether an extension now may email the applicant: none yet, or the last one at least a day ago. */
export function dueNoticeDue(
  full: Pick<FullApplicationInfo, "dueNoticeAt">,
  now: Date,
  dayMs = Clock.dayMs(),
): boolean {
  return full.dueNoticeAt === undefined || now.getTime() - Date.parse(full.dueNoticeAt) >= dayMs;
}

/**
 * Writes the full application if the application is still at `app.version` and shortlisted: the conditional
 * write that keeps two tabs (or a coordinator's move) from overwriting each other. Bumps the version.
 */
async function saveFull(app: Info, full: FullApplicationInfo): Promise<number> {
  try {
    await Dynamo.update(
      Dynamo.Key.application(app.id),
      {
        set: {
          fullApplication: storedFull(full),
          sealed: await sealContent({ ...app, fullApplication: full }),
          version: app.version + 1,
          updatedAt: Clock.iso(),
        },
      },
      Dynamo.when.all(Dynamo.when.equals("version", app.version), Dynamo.when.equals("stage", "shortlisted")),
    );
  } catch (error) {
    if (Dynamo.isConditionFailure(error)) throw new ApplicationChangedError(error);
    throw error;
  }
  return app.version + 1;
}

/* ------------------------------------- the part ------------------------------------- */

/** The full application: the call's fields and documents, written while it is invited and not past due. */
export const fullApplicationPart: Part = {
  name: "full_application",
  messages: {
    unknownField: "full.unknown_field",
    tooLong: "error.full_too_long",
    fileMissing: "submit.document_missing",
  },
  paths: { text: (id) => `fields.${id}`, file: (id) => `documents.${id}` },
  fields: (call) => call.fullApplication?.fields ?? [],
  files: (call) => call.fullApplication?.documents ?? [],
  requireWritable: (call, app) => void requireWriting(call, app),
  read: (app) => {
    const full = app.fullApplication;
    return {
      texts: full?.fields ?? {},
      ...(full?.wordCounts ? { wordCounts: full.wordCounts } : {}),
      files: full?.documents ?? {},
      pending: full?.pendingUploads ?? {},
    };
  },
  async write(app, next) {
    await saveFull(app, {
      ...app.fullApplication!,
      fields: next.texts,
      ...(next.wordCounts ? { wordCounts: next.wordCounts } : {}),
      documents: next.files,
      pendingUploads: next.pending,
    });
  },
};

/** The full application's fields, as the concept note's: a whole note's worth of characters at most per field. */
export const FullApplicationInput = TextsInput;
export type FullApplicationInput = TextsInput;

/** Word counts per field of the call's full application, and whether its fields could be sent as they are. */
export function fullWordReport(call: Call.Info, app: Info): WordReport {
  const report = partWordReport(fullApplicationPart, call, app);
  return call.fullApplication ? report : { ...report, complete: false };
}

/** Saves the full application's fields as a draft, with their word counts (`savePartTexts`). */
export async function saveFullApplication(app: Info, input: FullApplicationInput): Promise<WordReport> {
  return savePartTexts(fullApplicationPart, await Call.forApplication(app), app, input);
}

/** Prepares a presigned upload of one of the full application's documents (`startPartUpload`). */
export async function startDocumentUpload(
  app: Info,
  documentId: string,
  input: z.input<typeof UploadInput>,
  redirectTo?: string,
): Promise<Upload.PresignedUpload> {
  return startPartUpload(fullApplicationPart, await Call.forApplication(app), app, documentId, input, redirectTo);
}

/** Accepts one uploaded document, checked once and hashed (`confirmPartUpload`). */
export async function confirmDocumentUpload(app: Info, documentId: string): Promise<Document> {
  return confirmPartUpload(fullApplicationPart, await Call.forApplication(app), app, documentId);
}

/* ------------------------------------- sending ------------------------------------- */

/** Everything that keeps the full application from being sent, all at once: fields missing or too long, documents missing. */
export function fullApplicationProblems(call: Call.Info, app: Info): FieldError[] {
  return call.fullApplication ? partProblems(fullApplicationPart, call, app) : [];
}

/** What sending the full application answers: the same every time it is asked again. */
export const FullSubmission = z.object({ submittedAt: z.string() });
export type FullSubmission = z.infer<typeof FullSubmission>;
