import { z } from "zod";
import * as Call from "../call/index.js";
import * as Upload from "../upload/index.js";
import {
  mapValues,
  openFiles,
  openPendings,
  storedFiles,
  storedPendings,
  StoredFile,
  StoredPending,
  type AcceptedFile,
  type PendingFile,
} from "./part-stored.js";

/**
 * How a full application (a grant call's second stage) is kept on the application item: its structure in the
 * clear (`fullApplication`: dates, word counts, where each document's checked copy is), what the applicant wrote
 * or named sealed with the rest of the content. A leaf module, free of the application's index, because the
 * index's schemas are built from these when it loads, and `stage/plan-coordinator.ts` writes the clear part.
 */

/** A document as the domain sees it: an accepted file of a part (key, name, type, size, hash, warnings). */
export type Document = AcceptedFile;

/** An upload started for one document and not confirmed yet. */
export type PendingDocument = PendingFile;

/** The full application, decrypted. */
export interface FullApplicationInfo {
  /** When the coordinator's shortlisting invited it. */
  invitedAt: string;
  /** The last moment it may be sent (a coordinator may move it later). */
  dueAt: string;
  /**
   * The due date the invitation set, before any extension: extensions go at most the call's `days` beyond it.
   * Absent on invitations written before it was kept (then: `invitedAt` plus the call's `days`).
   */
  invitedDueAt?: string;
  /** When the applicant was last emailed about an extension: at most one such email a day. */
  dueNoticeAt?: string;
  submittedAt?: string;
  /** Field id -> text. */
  fields: Record<string, string>;
  /** Words per field, counted when the fields were saved. */
  wordCounts?: Record<string, number>;
  /** Document id -> the accepted, checked file. */
  documents: Record<string, Document>;
  /** Document id -> an upload started and not confirmed. */
  pendingUploads?: Record<string, PendingDocument>;
}

/** The clear part, the item's `fullApplication` attribute: times, counts (numbers, not text) and object keys. */
export const StoredFullApplication = z.object({
  invitedAt: z.string(),
  dueAt: z.string(),
  invitedDueAt: z.string().optional(),
  dueNoticeAt: z.string().optional(),
  submittedAt: z.string().optional(),
  wordCounts: z.record(z.string(), z.number().int().nonnegative()).optional(),
  documents: z.record(z.string(), StoredFile),
  pendingUploads: z.record(z.string(), StoredPending).optional(),
});
export type StoredFullApplication = z.infer<typeof StoredFullApplication>;

/** The sealed part, inside the application's `sealed`: the text, and each document's name and hash. */
export const SealedFullApplication = z.object({
  fields: z.record(z.string(), z.string()),
  documentNames: z.record(z.string(), z.string()),
  documentSha256: z.record(z.string(), z.string()),
  pendingNames: z.record(z.string(), z.string()),
});
export type SealedFullApplication = z.infer<typeof SealedFullApplication>;

/** The clear part of a full application, as written to the item. */
export function storedFull(full: FullApplicationInfo): StoredFullApplication {
  return {
    invitedAt: full.invitedAt,
    dueAt: full.dueAt,
    ...(full.invitedDueAt ? { invitedDueAt: full.invitedDueAt } : {}),
    ...(full.dueNoticeAt ? { dueNoticeAt: full.dueNoticeAt } : {}),
    ...(full.submittedAt ? { submittedAt: full.submittedAt } : {}),
    ...(full.wordCounts ? { wordCounts: full.wordCounts } : {}),
    documents: storedFiles(full.documents),
    ...(full.pendingUploads && Object.keys(full.pendingUploads).length > 0
      ? { pendingUploads: storedPendings(full.pendingUploads) }
      : {}),
  };
}

/** The sealed part of a full application. */
export function sealedFull(full: FullApplicationInfo): SealedFullApplication {
  return {
    fields: full.fields,
    documentNames: mapValues(full.documents, (file) => file.fileName),
    documentSha256: mapValues(full.documents, (file) => file.sha256),
    pendingNames: mapValues(full.pendingUploads ?? {}, (pending) => pending.fileName),
  };
}

/** The full application from its two parts (an invitation not written to yet has no sealed part). */
export function openFull(
  stored: StoredFullApplication,
  sealed: SealedFullApplication | undefined,
): FullApplicationInfo {
  return {
    invitedAt: stored.invitedAt,
    dueAt: stored.dueAt,
    ...(stored.invitedDueAt ? { invitedDueAt: stored.invitedDueAt } : {}),
    ...(stored.dueNoticeAt ? { dueNoticeAt: stored.dueNoticeAt } : {}),
    ...(stored.submittedAt ? { submittedAt: stored.submittedAt } : {}),
    ...(stored.wordCounts ? { wordCounts: stored.wordCounts } : {}),
    fields: sealed?.fields ?? {},
    documents: openFiles(stored.documents, sealed?.documentNames, sealed?.documentSha256),
    ...(stored.pendingUploads ? { pendingUploads: openPendings(stored.pendingUploads, sealed?.pendingNames) } : {}),
  };
}

/** Every S3 object a full application holds: accepted copies and uploads never confirmed (retention deletes them). */
export function objectKeys(stored: StoredFullApplication | undefined): string[] {
  if (!stored) return [];
  return [
    ...Object.values(stored.documents).map((file) => file.key),
    ...Object.values(stored.pendingUploads ?? {}).map((pending) => pending.key),
  ];
}

/** A document as the applicant and staff see it: never its storage key. */
export const PublicDocument = z.object({
  fileName: z.string(),
  contentType: Call.BudgetFileType,
  size: z.number().int(),
  sha256: z.string(),
  warnings: z.array(Upload.Warning).optional(),
});

/** What the applicant sees of their full application (`GET /api/v1/applications/{id}`). */
export const FullApplicationView = z.object({
  invitedAt: z.string(),
  dueAt: z.string(),
  submittedAt: z.string().optional(),
  fields: z.record(z.string(), z.string()),
  /** Words per field, as counted when the fields were last saved. */
  words: z.record(z.string(), z.number().int()).optional(),
  documents: z.record(z.string(), PublicDocument),
});
export type FullApplicationView = z.infer<typeof FullApplicationView>;

/** A document without its storage key. */
export const publicDocument = ({ key: _key, ...file }: Document): z.infer<typeof PublicDocument> => file;

export function fullApplicationView(full: FullApplicationInfo): FullApplicationView {
  return {
    invitedAt: full.invitedAt,
    dueAt: full.dueAt,
    ...(full.submittedAt ? { submittedAt: full.submittedAt } : {}),
    fields: full.fields,
    ...(full.wordCounts ? { words: full.wordCounts } : {}),
    documents: mapValues(full.documents, publicDocument),
  };
}
