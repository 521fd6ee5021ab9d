// How a part's content is kept on the application item when the part declares no place of its own: structure in
// the clear (word counts, where each file's checked copy is), what the applicant wrote or named sealed with the
// rest of the content. A leaf module, so the record can build its schemas from it.
import { z } from "zod";
import * as Call from "../call/index.js";
import * as Upload from "../upload/index.js";

/** An accepted file: checked once, copied where no upload form can write, its hash kept (sealed with the name). */
export interface AcceptedFile {
  key: string;
  fileName: string;
  contentType: Upload.FileType;
  size: number;
  sha256: string;
  warnings?: Upload.Warning[];
}

/** An upload started for a file and not confirmed yet. */
export interface PendingFile {
  key: string;
  contentType: Upload.FileType;
  expiresAt: string;
  fileName: string;
}

/** What a part holds on one application, decrypted. */
export interface PartContent {
  /** Field id -> text. */
  texts: Record<string, string>;
  /** Words per field, counted when the text was saved (absent on items saved before counts were kept). */
  wordCounts?: Record<string, number>;
  /** File id -> the accepted file. */
  files: Record<string, AcceptedFile>;
  /** File id -> an upload started and not confirmed. */
  pending: Record<string, PendingFile>;
}

/** An accepted file in the clear: where it is, its type and size; never its name or hash. */
export const StoredFile = z.object({
  key: z.string(),
  contentType: Call.BudgetFileType,
  size: z.number().int(),
  warnings: z.array(Upload.Warning).optional(),
});

/** An upload in progress in the clear: never the name it was given. */
export const StoredPending = z.object({ key: z.string(), contentType: Call.BudgetFileType, expiresAt: z.string() });

/** The clear part: counts (numbers, not text) and object keys, types and sizes; never a name, a hash or text. */
export const StoredPart = z.object({
  wordCounts: z.record(z.string(), z.number().int().nonnegative()).optional(),
  files: z.record(z.string(), StoredFile),
  pending: z.record(z.string(), StoredPending).optional(),
});
export type StoredPart = z.infer<typeof StoredPart>;

/** The sealed part: the text, and each file's name and hash. */
export const SealedPart = z.object({
  texts: z.record(z.string(), z.string()),
  fileNames: z.record(z.string(), z.string()),
  fileSha256: z.record(z.string(), z.string()),
  pendingNames: z.record(z.string(), z.string()),
});
export type SealedPart = z.infer<typeof SealedPart>;

export const mapValues = <T, U>(record: Record<string, T>, change: (value: T, id: string) => U): Record<string, U> =>
  Object.fromEntries(Object.entries(record).map(([id, value]) => [id, change(value, id)]));

/** Accepted files as kept in the clear. */
export const storedFiles = (files: Record<string, AcceptedFile>) =>
  mapValues(files, ({ key, contentType, size, warnings }) => ({
    key,
    contentType,
    size,
    ...(warnings ? { warnings } : {}),
  }));

/** Uploads in progress as kept in the clear. */
export const storedPendings = (pending: Record<string, PendingFile>) =>
  mapValues(pending, ({ key, contentType, expiresAt }) => ({ key, contentType, expiresAt }));

/** Accepted files from their clear half and their sealed names and hashes. */
export const openFiles = (
  files: Record<string, z.infer<typeof StoredFile>>,
  names: Record<string, string> | undefined,
  sha256: Record<string, string> | undefined,
): Record<string, AcceptedFile> =>
  mapValues(files, (file, id) => ({ ...file, fileName: names?.[id] ?? id, sha256: sha256?.[id] ?? "" }));

/** Uploads in progress from their clear half and their sealed names. */
export const openPendings = (
  pending: Record<string, z.infer<typeof StoredPending>>,
  names: Record<string, string> | undefined,
): Record<string, PendingFile> => mapValues(pending, (upload, id) => ({ ...upload, fileName: names?.[id] ?? id }));

export const emptyPart = (): PartContent => ({ texts: {}, files: {}, pending: {} });

export function storedPart(content: PartContent): StoredPart {
  return {
    ...(content.wordCounts ? { wordCounts: content.wordCounts } : {}),
    files: storedFiles(content.files),
    ...(Object.keys(content.pending).length > 0 ? { pending: storedPendings(content.pending) } : {}),
  };
}

export function sealedPart(content: PartContent): SealedPart {
  return {
    texts: content.texts,
    fileNames: mapValues(content.files, (file) => file.fileName),
    fileSha256: mapValues(content.files, (file) => file.sha256),
    pendingNames: mapValues(content.pending, (pending) => pending.fileName),
  };
}

/** A part's content from its two halves. */
export function openPart(stored: StoredPart, sealed: SealedPart | undefined): PartContent {
  return {
    texts: sealed?.texts ?? {},
    ...(stored.wordCounts ? { wordCounts: stored.wordCounts } : {}),
    files: mapValues(stored.files, (file, id) => ({
      ...file,
      fileName: sealed?.fileNames[id] ?? id,
      sha256: sealed?.fileSha256[id] ?? "",
    })),
    pending: mapValues(stored.pending ?? {}, (pending, id) => ({
      ...pending,
      fileName: sealed?.pendingNames[id] ?? id,
    })),
  };
}

/** Every S3 object a part holds: accepted copies and uploads never confirmed (the sweeps delete them). */
export function partObjectKeys(stored: StoredPart): string[] {
  return [...Object.values(stored.files), ...Object.values(stored.pending ?? {})].map((file) => file.key);
}
