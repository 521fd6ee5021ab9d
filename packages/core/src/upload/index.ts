import { createHash, randomUUID } from "node:crypto";
import type { PresignedPostOptions } from "@aws-sdk/s3-presigned-post";
import { fileTypeFromBuffer } from "file-type";
import { z } from "zod";
import type * as Call from "../call/index.js";
import * as Clock from "../clock/index.js";
import * as Storage from "../storage/index.js";
import * as Content from "./content.js";
import { checkPdf } from "./pdf.js";

export type FileType = Call.Info["budgetFile"]["types"][number];

/** How long a presigned upload form stays usable. */
export const uploadMinutes = 15;

/** Where and how a client uploads a file straight to S3: post `fields`, then the file, as multipart/form-data. */
export const PresignedUpload = z.object({
  url: z.string(),
  fields: z.record(z.string(), z.string()),
  expiresAt: z.string(),
});
export type PresignedUpload = z.infer<typeof PresignedUpload>;

/**
 * A presigned S3 POST whose policy fixes the object key, the content type and a size range, so the
 * browser sends the file straight to S3. S3 enforces the policy; the local stand-in does not, which is
 * one reason `accept` checks every object again afterwards. The form stays usable until it expires, so
 * what it wrote is never served from its key (see `accept`).
 */
export async function presign(input: {
  key: string;
  contentType: FileType;
  maxBytes: number;
  /** Where S3 sends the browser after a form upload (pages); API clients get S3's 204 instead. */
  redirectTo?: string;
}): Promise<PresignedUpload> {
  const fields: Record<string, string> = { "Content-Type": input.contentType };
  const conditions: NonNullable<PresignedPostOptions["Conditions"]> = [
    ["content-length-range", 1, input.maxBytes],
    ["eq", "$Content-Type", input.contentType],
  ];
  if (input.redirectTo) {
    fields["success_action_redirect"] = input.redirectTo;
    conditions.push(["eq", "$success_action_redirect", input.redirectTo]);
  }
  // Loaded here, not with this module: only the pages and routes that hand out an upload form need it.
  const { createPresignedPost } = await import("@aws-sdk/s3-presigned-post");
  const post = await createPresignedPost(await Storage.s3(), {
    Bucket: Storage.bucketName(),
    Key: input.key,
    Fields: fields,
    Conditions: conditions,
    Expires: uploadMinutes * 60,
  });
  return { url: post.url, fields: post.fields, expiresAt: Clock.fromNow(uploadMinutes * 60_000).toISOString() };
}

/** Something staff should know before opening an accepted file; never what the file says. */
export const Warning = z.object({
  /** `csv_formula`: cells a spreadsheet would run as formulas. */
  code: z.enum(["csv_formula"]),
  /** How many such cells. */
  cells: z.number().int().positive(),
  /** The first of them, spreadsheet style (`B2`). */
  first: z.string(),
});
export type Warning = z.infer<typeof Warning>;

/** Why a file was refused; each has its own message (`error.upload_<reason>`). */
export type Refusal =
  | "missing"
  | "too_large"
  | "wrong_type"
  | "empty"
  | "zip_bomb"
  | "pdf_script"
  | "pdf_launch"
  | "pdf_embedded"
  | "pdf_action"
  | "unchecked";

export type Verdict =
  | { ok: true; key: string; size: number; sha256: string; contentType: FileType; warnings: Warning[] }
  | { ok: false; reason: Refusal };

/**
 * A fresh key for one upload form. It names nothing (no application id): S3 appends the key to the address
 * it sends the browser back to, which stays in the browser's history.
 */
export function newUploadKey(): string {
  return `${uploadPrefix}${randomUUID()}`;
}

/** Where upload forms write: anything here is untrusted until `accept` copies it out. */
export const uploadPrefix = "uploads/";
/** Where accepted files are copied to; no upload form can write here. */
export const acceptedPrefix = "accepted/";

/**
 * Where accepted files live. No upload form can write here: a presigned POST's policy fixes its exact key,
 * and every form's key is under `uploads/`.
 */
const newAcceptedKey = () => `${acceptedPrefix}${randomUUID()}`;

/** Magic bytes (via file-type) of each allowed type; CSV has none and is checked as text instead. */
const detectedAs: Record<Exclude<FileType, "text/csv">, string> = {
  "application/pdf": "application/pdf",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.oasis.opendocument.spreadsheet": "application/vnd.oasis.opendocument.spreadsheet",
};

/** The extension of each type, as its bytes were found to be: what a downloaded file is named with. */
export const extensionOf: Record<FileType, string> = {
  "text/csv": "csv",
  "application/pdf": "pdf",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
  "application/vnd.oasis.opendocument.spreadsheet": "ods",
};

/** A CSV is UTF-8 text without control characters (other than tabs and line ends) that has rows. */
function decodeCsv(bytes: Uint8Array): string | undefined {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  // Binary bytes are exactly what this looks for.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) return undefined;
  return /[,;\t]/.test(text.split(/\r?\n/, 1)[0] ?? "") ? text : undefined;
}

const isMissing = (error: unknown, { NotFound, NoSuchKey }: Storage.Sdk) =>
  error instanceof NotFound || error instanceof NoSuchKey || (error as { name?: string }).name === "NoSuchKey";

/**
 * Accepts an uploaded object, or refuses it. The object is first copied to a key no upload form can
 * write (`accepted/...`) and the upload is deleted, so whatever the form sends later is never read; then
 * the copy's own bytes are checked once (size, magic bytes, content) and hashed. What passes is served
 * from that copy only; what fails is deleted. S3's versioning is not relied on (the local stand-in has
 * none): if the upload changed between any earlier look and the copy, the copy is what is checked.
 */
export async function accept(uploadKey: string, contentType: FileType, maxBytes: number): Promise<Verdict> {
  const sdk = await Storage.sdk();
  const s3 = await Storage.s3();
  const Bucket = Storage.bucketName();
  const key = newAcceptedKey();
  try {
    await s3.send(
      new sdk.CopyObjectCommand({
        Bucket,
        Key: key,
        CopySource: `${Bucket}/${uploadKey}`,
        // What S3 would answer for the copy, should anything ever serve it directly: never inline.
        MetadataDirective: "REPLACE",
        ContentType: contentType,
        ContentDisposition: "attachment",
      }),
    );
  } catch (error) {
    if (isMissing(error, sdk)) return { ok: false, reason: "missing" };
    throw error;
  }
  await remove(uploadKey);
  const verdict = await inspect(key, contentType, maxBytes);
  if (!verdict.ok) await remove(key);
  return verdict;
}

/** Checks the object at `key` itself, never what the client claimed. Deletes nothing. */
async function inspect(key: string, contentType: FileType, maxBytes: number): Promise<Verdict> {
  const sdk = await Storage.sdk();
  const s3 = await Storage.s3();
  const Bucket = Storage.bucketName();
  let size: number;
  try {
    const head = await s3.send(new sdk.HeadObjectCommand({ Bucket, Key: key }));
    size = head.ContentLength ?? 0;
  } catch (error) {
    if (isMissing(error, sdk)) return { ok: false, reason: "missing" };
    throw error;
  }
  if (size === 0) return { ok: false, reason: "empty" };
  if (size > maxBytes) return { ok: false, reason: "too_large" };

  const object = await s3.send(new sdk.GetObjectCommand({ Bucket, Key: key }));
  const bytes = Buffer.from(await object.Body!.transformToByteArray());
  if (bytes.length === 0) return { ok: false, reason: "empty" };
  if (bytes.length > maxBytes) return { ok: false, reason: "too_large" };

  const warnings: Warning[] = [];
  if (contentType === "text/csv") {
    const text = (await fileTypeFromBuffer(bytes)) === undefined ? decodeCsv(bytes) : undefined;
    if (text === undefined) return { ok: false, reason: "wrong_type" };
    const formulas = Content.csvFormulaCells(text);
    if (formulas) warnings.push({ code: "csv_formula", ...formulas });
  } else {
    // Archives are measured from their directory before anything (file-type included) expands them.
    if (contentType !== "application/pdf") {
      const zip = await Content.checkZip(bytes);
      if (zip === "bomb") return { ok: false, reason: "zip_bomb" };
      if (zip === "unreadable") return { ok: false, reason: "wrong_type" };
    }
    if ((await fileTypeFromBuffer(bytes))?.mime !== detectedAs[contentType]) return { ok: false, reason: "wrong_type" };
    if (contentType === "application/pdf") {
      const pdf = await checkPdf(bytes);
      if (pdf === "unchecked") return { ok: false, reason: "unchecked" };
      if (pdf !== "ok") return { ok: false, reason: `pdf_${pdf}` };
    }
  }
  return { ok: true, key, size: bytes.length, sha256: sha256(bytes), contentType, warnings };
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** Deletes an object (an upload once copied, a refused file, a budget replaced by a newer one). */
export async function remove(key: string): Promise<void> {
  const { DeleteObjectCommand } = await Storage.sdk();
  await (await Storage.s3()).send(new DeleteObjectCommand({ Bucket: Storage.bucketName(), Key: key }));
}

/** The stored object's bytes were not those accepted: nobody's mistake that a client could correct. */
export class TamperedError extends Error {
  override readonly name = "TamperedError";
}

/**
 * The bytes of an accepted file, for a download through the app. They are hashed again and must be the
 * bytes accepted: an accepted key is never writable by a form, so a difference means someone with access
 * to the bucket changed it, and nothing is served.
 */
export async function read(key: string, expectedSha256: string): Promise<Buffer> {
  const { GetObjectCommand } = await Storage.sdk();
  const object = await (await Storage.s3()).send(new GetObjectCommand({ Bucket: Storage.bucketName(), Key: key }));
  const bytes = Buffer.from(await object.Body!.transformToByteArray());
  if (sha256(bytes) !== expectedSha256) throw new TamperedError("stored file differs from the accepted one");
  return bytes;
}
