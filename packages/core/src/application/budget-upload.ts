import { z } from "zod";
import * as Call from "../call/index.js";
import { UnprocessableError, type FieldError } from "../error/index.js";
import * as Upload from "../upload/index.js";
import { requireEditable, saveEdit } from "./editing.js";
import { sealContent, type BudgetFile, type Info } from "./record.js";

/* ---------------------------------- budget file ---------------------------------- */

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
 * The name a budget file is kept and downloaded under: the applicant's base name with anything but
 * letters, digits, spaces, `-` and `_` made `_`, and the extension of the type its bytes were found to
 * be, whatever extension the applicant typed (`budget.exe` holding a PDF is `budget.pdf`).
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

/**
 * Prepares a presigned upload of the budget file straight to S3, after checking the declared type and
 * size against the call's rules. The key names nothing (`uploads/<random>`); the application item keeps
 * which upload is its own (`pendingUpload`).
 */
export async function startBudgetUpload(
  app: Info,
  input: z.input<typeof UploadInput>,
  redirectTo?: string,
): Promise<Upload.PresignedUpload> {
  const { fileName, contentType, size } = UploadInput.parse(input);
  requireEditable(app);
  const call = await Call.forApplication(app);
  const problems: FieldError[] = [];
  const type = Call.BudgetFileType.safeParse(contentType);
  if (!type.success || !call.budgetFile.types.includes(type.data)) {
    problems.push({ path: "contentType", message: "upload.type_not_allowed" });
  }
  if (size > call.budgetFile.maxBytes) {
    problems.push({ path: "size", message: "upload.too_large", params: { max: call.budgetFile.maxBytes } });
  }
  if (problems.length > 0 || !type.success) {
    throw new UnprocessableError("upload.not_allowed", "error.upload_not_allowed", problems);
  }
  const key = Upload.newUploadKey();
  const presigned = await Upload.presign({
    key,
    contentType: type.data,
    maxBytes: call.budgetFile.maxBytes,
    ...(redirectTo ? { redirectTo } : {}),
  });
  const pendingUpload = { key, contentType: type.data, expiresAt: presigned.expiresAt };
  const next: Info = { ...app, pendingUpload: { ...pendingUpload, fileName } };
  await saveEdit(app, { set: { pendingUpload, sealed: await sealContent(next) } });
  // An earlier upload never confirmed is not wanted any more.
  if (app.pendingUpload) await Upload.remove(app.pendingUpload.key);
  return presigned;
}

/**
 * Accepts the uploaded budget: it is copied where no upload form can write, and the copy is checked once
 * (present, real size, magic bytes, no active content) and hashed (`Upload.accept`). A file that fails is
 * deleted and answered with 422 naming why; a file that passes replaces any earlier one. Warnings (formula
 * cells in a CSV) are kept with the file for staff.
 */
export async function confirmBudgetUpload(app: Info): Promise<BudgetFile> {
  requireEditable(app);
  const pending = app.pendingUpload;
  if (!pending) {
    throw new UnprocessableError("upload.nothing_pending", "error.upload_nothing_pending");
  }
  const call = await Call.forApplication(app);
  const verdict = await Upload.accept(pending.key, pending.contentType, call.budgetFile.maxBytes);
  if (!verdict.ok) {
    await saveEdit(app, { remove: ["pendingUpload"] });
    throw new UnprocessableError(`upload.${verdict.reason}`, `error.upload_${verdict.reason}`, [], {
      max: call.budgetFile.maxBytes,
    });
  }
  const budgetFile: BudgetFile = {
    key: verdict.key,
    fileName: downloadName(pending.fileName, verdict.contentType),
    contentType: verdict.contentType,
    size: verdict.size,
    sha256: verdict.sha256,
    ...(verdict.warnings.length > 0 ? { warnings: verdict.warnings } : {}),
  };
  const { pendingUpload: _pending, ...rest } = app;
  const next: Info = { ...rest, budgetFile };
  const { fileName: _fileName, sha256: _sha256, ...stored } = budgetFile;
  try {
    await saveEdit(app, {
      set: { budgetFile: stored, sealed: await sealContent(next) },
      remove: ["pendingUpload"],
    });
  } catch (error) {
    // Not kept (changed meanwhile): the checked copy would be reachable from nothing.
    await Upload.remove(verdict.key);
    throw error;
  }
  if (app.budgetFile) await Upload.remove(app.budgetFile.key);
  return budgetFile;
}

/** An accepted budget file's checked bytes, with the name and type to serve them under. */
export interface BudgetFileBytes {
  bytes: Buffer;
  fileName: string;
  contentType: Upload.FileType;
  sha256: string;
}

/** The application's accepted budget file, read from its accepted copy and checked against its hash. */
export async function readBudgetFile(file: BudgetFile): Promise<BudgetFileBytes> {
  return {
    bytes: await Upload.read(file.key, file.sha256),
    fileName: downloadName(file.fileName, file.contentType),
    contentType: file.contentType,
    sha256: file.sha256,
  };
}
