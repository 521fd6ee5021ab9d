import type { z } from "zod";
import * as Call from "../call/index.js";
import * as Upload from "../upload/index.js";
import { requireEditable, saveEdit } from "./editing.js";
import { confirmPartUpload, downloadName, startPartUpload, type Part, type UploadInput } from "./part.js";
import { sealContent, type BudgetFile, type Info } from "./record.js";

// The budget file: one file, in the types and size the call allows, written while the application is editable.

/** The slot's id: the budget file is the part's one file. */
const slot = "budget";
const inSlot = <T>(value: T | undefined): Record<string, T> => (value ? { [slot]: value } : {});

export const budgetFilePart: Part = {
  name: "budget_file",
  messages: {
    unknownField: "application.unknown_field",
    tooLong: "error.note_too_long",
    fileMissing: "submit.budget_missing",
  },
  paths: { text: () => "budgetFile", file: () => "budgetFile" },
  fields: () => [],
  files: (call) => [{ id: slot, ...call.budgetFile }],
  requireWritable: (_call, app) => requireEditable(app),
  read: (app) => ({ texts: {}, files: inSlot(app.budgetFile), pending: inSlot(app.pendingUpload) }),
  async write(app, next) {
    const budgetFile = next.files[slot];
    const pendingUpload = next.pending[slot];
    const { budgetFile: _file, pendingUpload: _pending, ...rest } = app;
    const updated: Info = {
      ...rest,
      ...(budgetFile ? { budgetFile } : {}),
      ...(pendingUpload ? { pendingUpload } : {}),
    };
    // In the clear: where the objects are, their type and size; the names and the hash are sealed.
    const set: Record<string, unknown> = { sealed: await sealContent(updated) };
    const remove: string[] = [];
    if (budgetFile) {
      const { fileName: _fileName, sha256: _sha256, ...stored } = budgetFile;
      set["budgetFile"] = stored;
    } else remove.push("budgetFile");
    if (pendingUpload) {
      const { fileName: _fileName, ...stored } = pendingUpload;
      set["pendingUpload"] = stored;
    } else remove.push("pendingUpload");
    await saveEdit(app, { set, remove });
  },
};

/** Prepares a presigned upload of the budget file straight to S3 (`startPartUpload`). */
export async function startBudgetUpload(
  app: Info,
  input: z.input<typeof UploadInput>,
  redirectTo?: string,
): Promise<Upload.PresignedUpload> {
  requireEditable(app);
  return startPartUpload(budgetFilePart, await Call.forApplication(app), app, slot, input, redirectTo);
}

/** Accepts the uploaded budget file, checked once and hashed (`confirmPartUpload`). */
export async function confirmBudgetUpload(app: Info): Promise<BudgetFile> {
  requireEditable(app);
  return confirmPartUpload(budgetFilePart, await Call.forApplication(app), app, slot);
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
