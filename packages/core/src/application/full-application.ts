import { z } from "zod";
import * as Call from "../call/index.js";
import * as Clock from "../clock/index.js";
import * as Dynamo from "../dynamo/index.js";
import {
  ApplicationChangedError,
  FullApplicationNotOpenError,
  FullApplicationPastDueError,
  InvalidInputError,
  NotFoundError,
  UnprocessableError,
  type FieldError,
} from "../error/index.js";
import * as Upload from "../upload/index.js";
import * as Words from "../words/index.js";
import { storedFull, type Document, type FullApplicationInfo } from "./full-stored.js";
import { downloadName, UploadInput } from "./budget-upload.js";
import type { WordReport } from "./editing.js";
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

/* ------------------------------------- fields ------------------------------------- */

/** The full application's fields, as the concept note's: a whole note's worth of characters at most per field. */
export const FullApplicationInput = z.object({ fields: z.record(z.string(), z.string().max(Words.maxNoteChars)) });
export type FullApplicationInput = z.input<typeof FullApplicationInput>;

/** Word counts per field of the call's full application, and whether its fields could be sent as they are. */
export function fullWordReport(call: Call.Info, app: Pick<Info, "language" | "fullApplication">): WordReport {
  const fields: WordReport["fields"] = {};
  let complete = call.fullApplication !== undefined;
  for (const field of call.fullApplication?.fields ?? []) {
    const text = app.fullApplication?.fields[field.id] ?? "";
    const words = app.fullApplication?.wordCounts?.[field.id] ?? Words.count(text, app.language);
    const ok = words <= field.maxWords;
    fields[field.id] = { words, maxWords: field.maxWords, ok };
    if (!ok || (field.required && words === 0)) complete = false;
  }
  return { fields, complete };
}

/**
 * Saves the full application's fields as a draft, over a word limit or not, with their word counts. Refused,
 * and nothing stored: no full application to write (409, `requireWriting`), unknown fields (400), and a field
 * longer in characters than honest text within its word limit could be (422, `Words.maxChars`).
 */
export async function saveFullApplication(app: Info, input: FullApplicationInput): Promise<WordReport> {
  const { fields } = FullApplicationInput.parse(input);
  const call = await Call.forApplication(app);
  const { spec, full } = requireWriting(call, app);
  const known = new Set(spec.fields.map((field) => field.id));
  const unknown = Object.keys(fields).filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new InvalidInputError(
      "full_application.unknown_field",
      unknown.map((id) => ({ path: `fields.${id}`, message: "full.unknown_field" })),
    );
  }
  const tooLong: FieldError[] = [];
  for (const field of spec.fields) {
    const max = Words.maxChars(field.maxWords, app.language);
    const text = fields[field.id];
    if (text !== undefined && text.length > max) {
      tooLong.push({
        path: `fields.${field.id}`,
        message: "note.too_many_characters",
        params: { field: field.label, max },
      });
    }
  }
  if (tooLong.length > 0) throw new UnprocessableError("full_application.too_long", "error.full_too_long", tooLong);
  const merged = { ...full.fields, ...fields };
  const wordCounts = Object.fromEntries(
    spec.fields.map((field) => [field.id, Words.count(merged[field.id] ?? "", app.language)]),
  );
  const next: FullApplicationInfo = { ...full, fields: merged, wordCounts };
  await saveFull(app, next);
  return fullWordReport(call, { language: app.language, fullApplication: next });
}

/* ----------------------------------- documents ----------------------------------- */

function documentSpec(spec: Call.FullApplication, documentId: string): Call.FullApplicationDocument {
  const found = spec.documents.find((document) => document.id === documentId);
  if (!found) throw new NotFoundError("document.not_found");
  return found;
}

/**
 * Prepares a presigned upload of one of the full application's documents straight to S3, after checking the
 * declared type and size against that document's rules: exactly as the budget file (`startBudgetUpload`). An
 * unknown document is a 404; no full application to write, a 409.
 */
export async function startDocumentUpload(
  app: Info,
  documentId: string,
  input: z.input<typeof UploadInput>,
  redirectTo?: string,
): Promise<Upload.PresignedUpload> {
  const { fileName, contentType, size } = UploadInput.parse(input);
  const call = await Call.forApplication(app);
  const { spec, full } = requireWriting(call, app);
  const rules = documentSpec(spec, documentId);
  const problems: FieldError[] = [];
  const type = Call.BudgetFileType.safeParse(contentType);
  if (!type.success || !rules.types.includes(type.data)) {
    problems.push({ path: "contentType", message: "upload.type_not_allowed" });
  }
  if (size > rules.maxBytes)
    problems.push({ path: "size", message: "upload.too_large", params: { max: rules.maxBytes } });
  if (problems.length > 0 || !type.success) {
    throw new UnprocessableError("upload.not_allowed", "error.upload_not_allowed", problems);
  }
  const key = Upload.newUploadKey();
  const presigned = await Upload.presign({
    key,
    contentType: type.data,
    maxBytes: rules.maxBytes,
    ...(redirectTo ? { redirectTo } : {}),
  });
  const earlier = full.pendingUploads?.[documentId];
  await saveFull(app, {
    ...full,
    pendingUploads: {
      ...full.pendingUploads,
      [documentId]: { key, contentType: type.data, expiresAt: presigned.expiresAt, fileName },
    },
  });
  // An earlier upload of this document never confirmed is not wanted any more.
  if (earlier) await Upload.remove(earlier.key);
  return presigned;
}

/**
 * Accepts the uploaded document as the budget file is accepted (`confirmBudgetUpload`): copied where no upload
 * form can write, checked once (present, real size, magic bytes, no active content) and hashed. A file that
 * fails is deleted and answered with 422 naming why; one that passes replaces the document's earlier file.
 */
export async function confirmDocumentUpload(app: Info, documentId: string): Promise<Document> {
  const call = await Call.forApplication(app);
  const { spec, full } = requireWriting(call, app);
  const rules = documentSpec(spec, documentId);
  const pending = full.pendingUploads?.[documentId];
  if (!pending) throw new UnprocessableError("upload.nothing_pending", "error.upload_nothing_pending");
  const { [documentId]: _done, ...stillPending } = full.pendingUploads ?? {};
  const verdict = await Upload.accept(pending.key, pending.contentType, rules.maxBytes);
  if (!verdict.ok) {
    await saveFull(app, { ...full, pendingUploads: stillPending });
    throw new UnprocessableError(`upload.${verdict.reason}`, `error.upload_${verdict.reason}`, [], {
      max: rules.maxBytes,
    });
  }
  const file: Document = {
    key: verdict.key,
    fileName: downloadName(pending.fileName, verdict.contentType),
    contentType: verdict.contentType,
    size: verdict.size,
    sha256: verdict.sha256,
    ...(verdict.warnings.length > 0 ? { warnings: verdict.warnings } : {}),
  };
  try {
    await saveFull(app, {
      ...full,
      documents: { ...full.documents, [documentId]: file },
      pendingUploads: stillPending,
    });
  } catch (error) {
    // Not kept (changed meanwhile): the checked copy would be reachable from nothing.
    await Upload.remove(verdict.key);
    throw error;
  }
  const replaced = full.documents[documentId];
  if (replaced) await Upload.remove(replaced.key);
  return file;
}

/* ------------------------------------- sending ------------------------------------- */

/** Everything that keeps the full application from being sent, all at once: fields missing or too long, documents missing. */
export function fullApplicationProblems(
  call: Call.Info,
  app: Pick<Info, "language" | "fullApplication">,
): FieldError[] {
  const spec = call.fullApplication;
  if (!spec) return [];
  const problems: FieldError[] = [];
  const words = fullWordReport(call, app);
  for (const field of spec.fields) {
    const report = words.fields[field.id]!;
    if (field.required && report.words === 0) {
      problems.push({ path: `fields.${field.id}`, message: "submit.field_missing", params: { field: field.label } });
    } else if (!report.ok) {
      problems.push({
        path: `fields.${field.id}`,
        message: "submit.field_too_long",
        params: { field: field.label, words: report.words, max: report.maxWords },
      });
    }
  }
  for (const document of spec.documents) {
    if (document.required && !app.fullApplication?.documents[document.id]) {
      problems.push({
        path: `documents.${document.id}`,
        message: "submit.document_missing",
        params: { document: document.label },
      });
    }
  }
  return problems;
}

/** What sending the full application answers: the same every time it is asked again. */
export const FullSubmission = z.object({ submittedAt: z.string() });
export type FullSubmission = z.infer<typeof FullSubmission>;
