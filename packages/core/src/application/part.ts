// What an application is made of: parts (the concept note, the budget file, the full application's fields and
// documents), each some text fields with word limits and some files with allowed types. A part is declared once
// (`Part`, or `declarePart` for a new one); one save writes any part's text (`savePartTexts`), one upload flow any
// part's files (`startPartUpload`, `confirmPartUpload`), one check says what keeps it from being sent
// (`partProblems`). Adding a part is a declaration, as docs/how-to.md shows.
import { z } from "zod";
import * as Call from "../call/index.js";
import * as Clock from "../clock/index.js";
import * as Dynamo from "../dynamo/index.js";
import {
  ApplicationChangedError,
  InvalidInputError,
  NotFoundError,
  StageConflictError,
  UnprocessableError,
  type FieldError,
} from "../error/index.js";
import type { LocalizedText, MessageKey } from "../i18n/index.js";
import type { Stage } from "../stage/stages.js";
import * as Upload from "../upload/index.js";
import * as Words from "../words/index.js";
import { emptyPart, storedPart, type AcceptedFile, type PartContent } from "./part-stored.js";
import { sealContent, type Info } from "./record.js";

/** A text field a part asks for, with its label and help: its words are counted in the application's language. */
export type TextField = z.infer<typeof Call.ConceptNoteField>;

/** A file a part asks for: the types its bytes may be and how large it may be. */
export interface FileSlot {
  id: string;
  /** How the slot is named on screen and in problems; a part with one file may leave it to the part's own words. */
  label?: LocalizedText;
  help?: LocalizedText | undefined;
  required: boolean;
  types: readonly Upload.FileType[];
  maxBytes: number;
}

export type { AcceptedFile, PartContent, PendingFile } from "./part-stored.js";

/**
 * One part of an application, declared: what it asks (from the call the application was started under), how
 * its problems are named (as the API has always named them), when it may be written, and where it is kept.
 */
export interface Part {
  /** Names its refusals: `<name>.unknown_field`, `<name>.too_long`. */
  readonly name: string;
  readonly messages: {
    /** A field the call does not ask for. */
    unknownField: MessageKey;
    /** The problem's title when a field is longer in characters than its word limit allows. */
    tooLong: MessageKey;
    /** A required file that is missing, at sending. */
    fileMissing: MessageKey;
  };
  /** Where each problem points: a field's and a file's path. */
  readonly paths: { text: (fieldId: string) => string; file: (slotId: string) => string };
  fields(call: Call.Info): readonly TextField[];
  files(call: Call.Info): readonly FileSlot[];
  /** Refuses (409, saying why) unless the applicant may write this part now. */
  requireWritable(call: Call.Info, app: Info): void;
  /** What the part holds now. */
  read(app: Info): PartContent;
  /**
   * Writes the part's new content on condition that the application is still at `app.version` and the part
   * still writable (409 otherwise); bumps the version.
   */
  write(app: Info, next: PartContent): Promise<void>;
}

/** What a new part declares: what it asks and when it may be written. Where it is kept is common to all. */
export interface PartDeclaration {
  readonly name: string;
  readonly messages: Part["messages"];
  fields(call: Call.Info): readonly TextField[];
  files(call: Call.Info): readonly FileSlot[];
  /** The stages in which the applicant may write it; a write is conditional on the stage still being one of them. */
  readonly writableIn: readonly Stage[];
}

/**
 * A part from its declaration, kept in the application's common place for parts (`parts.<name>`: its text and
 * file names sealed with the content, its word counts and file keys in the clear, its files deleted with the
 * application by both sweeps). Its problems point at `fields.<id>` and `files.<id>`.
 */
export function declarePart(declaration: PartDeclaration): Part {
  const { name, writableIn } = declaration;
  return {
    name,
    messages: declaration.messages,
    paths: { text: (id) => `fields.${id}`, file: (id) => `files.${id}` },
    fields: (call) => declaration.fields(call),
    files: (call) => declaration.files(call),
    requireWritable(_call, app) {
      if (!writableIn.includes(app.stage)) {
        throw new StageConflictError("application.not_editable", "error.not_editable");
      }
    },
    read: (app) => app.parts?.[name] ?? emptyPart(),
    async write(app, next) {
      const parts = { ...app.parts, [name]: next };
      try {
        await Dynamo.update(
          Dynamo.Key.application(app.id),
          {
            set: {
              parts: Object.fromEntries(Object.entries(parts).map(([key, content]) => [key, storedPart(content)])),
              sealed: await sealContent({ ...app, parts }),
              version: app.version + 1,
              updatedAt: Clock.iso(),
            },
          },
          Dynamo.when.all(Dynamo.when.equals("version", app.version), Dynamo.when.oneOf("stage", writableIn)),
        );
      } catch (error) {
        if (Dynamo.isConditionFailure(error)) throw new ApplicationChangedError(error);
        throw error;
      }
    },
  };
}

/* ------------------------------------ text ------------------------------------ */

/**
 * Longest any field may be sent, in characters, before the call is known: a whole note's worth. The real cap is
 * per field, from its word limit and the application's language (`Words.maxChars`), checked on save.
 */
export const TextsInput = z.object({ fields: z.record(z.string(), z.string().max(Words.maxNoteChars)) });
export type TextsInput = z.input<typeof TextsInput>;

/** Word counts per field, and whether the part's text could be sent as it is. */
export const WordReport = z.object({
  fields: z.record(z.string(), z.object({ words: z.number().int(), maxWords: z.number().int(), ok: z.boolean() })),
  complete: z.boolean(),
});
export type WordReport = z.infer<typeof WordReport>;

function reportOf(fields: readonly TextField[], content: Pick<PartContent, "texts" | "wordCounts">, language: string) {
  const report: WordReport = { fields: {}, complete: true };
  for (const field of fields) {
    const words = content.wordCounts?.[field.id] ?? Words.count(content.texts[field.id] ?? "", language);
    const ok = words <= field.maxWords;
    report.fields[field.id] = { words, maxWords: field.maxWords, ok };
    if (!ok || (field.required && words === 0)) report.complete = false;
  }
  return report;
}

/**
 * Word counts per field of a part, and whether it could be sent: from the counts stored when it was saved, so
 * pages and the sending check read them instead of segmenting the text again (a field without one is counted).
 */
export function partWordReport(part: Part, call: Call.Info, app: Info): WordReport {
  return reportOf(part.fields(call), part.read(app), app.language);
}

/**
 * Saves a part's text as a draft, over a word limit or not, with its word counts. Refused, and nothing stored:
 * the part not writable now (409), unknown fields (400), and a field longer in characters than honest text within
 * its word limit could be (422, `Words.maxChars`): text that only a trick could make count as few words.
 */
export async function savePartTexts(part: Part, call: Call.Info, app: Info, input: TextsInput): Promise<WordReport> {
  const { fields: sent } = TextsInput.parse(input);
  part.requireWritable(call, app);
  const fields = part.fields(call);
  const known = new Set(fields.map((field) => field.id));
  const unknown = Object.keys(sent).filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new InvalidInputError(
      `${part.name}.unknown_field`,
      unknown.map((id) => ({ path: `fields.${id}`, message: part.messages.unknownField })),
    );
  }
  const tooLong: FieldError[] = fields.flatMap((field) => {
    const max = Words.maxChars(field.maxWords, app.language);
    const text = sent[field.id];
    return text !== undefined && text.length > max
      ? [{ path: `fields.${field.id}`, message: "note.too_many_characters", params: { field: field.label, max } }]
      : [];
  });
  if (tooLong.length > 0) throw new UnprocessableError(`${part.name}.too_long`, part.messages.tooLong, tooLong);
  const before = part.read(app);
  const texts = { ...before.texts, ...sent };
  const wordCounts = Object.fromEntries(
    fields.map((field) => [field.id, Words.count(texts[field.id] ?? "", app.language)]),
  );
  await part.write(app, { ...before, texts, wordCounts });
  return reportOf(fields, { texts, wordCounts }, app.language);
}

/* ------------------------------------ files ------------------------------------ */

export const UploadInput = z.object({
  fileName: z
    .string()
    .trim()
    .min(1)
    .max(200)
    // Control characters are exactly what this refuses.
    // eslint-disable-next-line no-control-regex
    .refine((name) => !/[\u0000-\u001f/\\]/.test(name), "no path separators or control characters"),
  contentType: z.string().min(1).max(200),
  size: z.number().int().positive(),
});

/** Longest base name kept for a download, in characters. */
const maxBaseName = 100;

/**
 * The name a file is kept and downloaded under: the applicant's base name with anything but letters, digits,
 * spaces, `-` and `_` made `_`, and the extension of the type its bytes were found to be, whatever extension the
 * applicant typed (`budget.exe` holding a PDF is `budget.pdf`).
 */
export function downloadName(fileName: string, contentType: Upload.FileType): string {
  const dot = fileName.lastIndexOf(".");
  const base = (dot > 0 ? fileName.slice(0, dot) : fileName)
    .normalize("NFC")
    .replace(/[^\p{L}\p{N} _-]/gu, "_")
    .trim()
    .slice(0, maxBaseName);
  return `${/[\p{L}\p{N}]/u.test(base) ? base : "budget"}.${Upload.extensionOf[contentType]}`;
}

function slotOf(part: Part, call: Call.Info, slotId: string): FileSlot {
  const slot = part.files(call).find((candidate) => candidate.id === slotId);
  if (!slot) throw new NotFoundError("document.not_found");
  return slot;
}

/**
 * Prepares a presigned upload of one of a part's files straight to S3, after checking the declared type and size
 * against the slot's rules (422 naming each). The key names nothing (`uploads/<random>`); the application keeps
 * which upload is its own, and an earlier upload of the slot never confirmed is deleted. An unknown slot is a 404.
 */
export async function startPartUpload(
  part: Part,
  call: Call.Info,
  app: Info,
  slotId: string,
  input: z.input<typeof UploadInput>,
  redirectTo?: string,
): Promise<Upload.PresignedUpload> {
  const { fileName, contentType, size } = UploadInput.parse(input);
  part.requireWritable(call, app);
  const slot = slotOf(part, call, slotId);
  const problems: FieldError[] = [];
  const type = Call.BudgetFileType.safeParse(contentType);
  if (!type.success || !slot.types.includes(type.data)) {
    problems.push({ path: "contentType", message: "upload.type_not_allowed" });
  }
  if (size > slot.maxBytes)
    problems.push({ path: "size", message: "upload.too_large", params: { max: { bytes: slot.maxBytes } } });
  if (problems.length > 0 || !type.success) {
    throw new UnprocessableError("upload.not_allowed", "error.upload_not_allowed", problems);
  }
  const key = Upload.newUploadKey();
  const presigned = await Upload.presign({
    key,
    contentType: type.data,
    maxBytes: slot.maxBytes,
    ...(redirectTo ? { redirectTo } : {}),
  });
  const before = part.read(app);
  const pending = { key, contentType: type.data, expiresAt: presigned.expiresAt, fileName };
  await part.write(app, { ...before, pending: { ...before.pending, [slotId]: pending } });
  const earlier = before.pending[slotId];
  if (earlier) await Upload.remove(earlier.key);
  return presigned;
}

/**
 * Accepts a slot's uploaded file: it is copied where no upload form can write, and the copy is checked once
 * (present, real size, magic bytes, no active content) and hashed (`Upload.accept`). A file that fails is deleted
 * and answered with 422 naming why; one that passes replaces the slot's earlier file. Warnings (formula cells in a
 * CSV) are kept with the file for staff.
 */
export async function confirmPartUpload(part: Part, call: Call.Info, app: Info, slotId: string): Promise<AcceptedFile> {
  part.requireWritable(call, app);
  const slot = slotOf(part, call, slotId);
  const before = part.read(app);
  const pending = before.pending[slotId];
  if (!pending) throw new UnprocessableError("upload.nothing_pending", "error.upload_nothing_pending");
  const { [slotId]: _done, ...stillPending } = before.pending;
  const verdict = await Upload.accept(pending.key, pending.contentType, slot.maxBytes);
  if (!verdict.ok) {
    await part.write(app, { ...before, pending: stillPending });
    throw new UnprocessableError(`upload.${verdict.reason}`, `error.upload_${verdict.reason}`, [], {
      max: { bytes: slot.maxBytes },
    });
  }
  const file: AcceptedFile = {
    key: verdict.key,
    fileName: downloadName(pending.fileName, verdict.contentType),
    contentType: verdict.contentType,
    size: verdict.size,
    sha256: verdict.sha256,
    ...(verdict.warnings.length > 0 ? { warnings: verdict.warnings } : {}),
  };
  try {
    await part.write(app, { ...before, files: { ...before.files, [slotId]: file }, pending: stillPending });
  } catch (error) {
    // Not kept (changed meanwhile): the checked copy would be reachable from nothing.
    await Upload.remove(verdict.key);
    throw error;
  }
  const replaced = before.files[slotId];
  if (replaced) await Upload.remove(replaced.key);
  return file;
}

/* ------------------------------------ sending ------------------------------------ */

/** Everything in a part that keeps it from being sent, all at once: fields missing or too long, files missing. */
export function partProblems(part: Part, call: Call.Info, app: Info): FieldError[] {
  const words = partWordReport(part, call, app);
  const problems: FieldError[] = [];
  for (const field of part.fields(call)) {
    const report = words.fields[field.id]!;
    if (field.required && report.words === 0) {
      problems.push({
        path: part.paths.text(field.id),
        message: "submit.field_missing",
        params: { field: field.label },
      });
    } else if (!report.ok) {
      problems.push({
        path: part.paths.text(field.id),
        message: "submit.field_too_long",
        params: { field: field.label, words: report.words, max: report.maxWords },
      });
    }
  }
  const { files } = part.read(app);
  for (const slot of part.files(call)) {
    if (slot.required && !files[slot.id]) {
      problems.push({
        path: part.paths.file(slot.id),
        message: part.messages.fileMissing,
        ...(slot.label ? { params: { document: slot.label } } : {}),
      });
    }
  }
  return problems;
}
