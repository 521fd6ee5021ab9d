import { createHash } from "node:crypto";
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, NoSuchKey, NotFound } from "@aws-sdk/client-s3";
import { createPresignedPost } from "@aws-sdk/s3-presigned-post";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { fileTypeFromBuffer } from "file-type";
import { z } from "zod";
import type * as Call from "../call/index.js";
import * as Storage from "../storage/index.js";

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
 * one reason `inspect` checks every object again afterwards.
 */
export async function presign(input: {
  key: string;
  contentType: FileType;
  maxBytes: number;
  /** Where S3 sends the browser after a form upload (pages); API clients get S3's 204 instead. */
  redirectTo?: string;
}): Promise<PresignedUpload> {
  const fields: Record<string, string> = { "Content-Type": input.contentType };
  const conditions: NonNullable<Parameters<typeof createPresignedPost>[1]["Conditions"]> = [
    ["content-length-range", 1, input.maxBytes],
    ["eq", "$Content-Type", input.contentType],
  ];
  if (input.redirectTo) {
    fields["success_action_redirect"] = input.redirectTo;
    conditions.push(["eq", "$success_action_redirect", input.redirectTo]);
  }
  const post = await createPresignedPost(Storage.s3(), {
    Bucket: Storage.bucketName(),
    Key: input.key,
    Fields: fields,
    Conditions: conditions,
    Expires: uploadMinutes * 60,
  });
  return { url: post.url, fields: post.fields, expiresAt: new Date(Date.now() + uploadMinutes * 60_000).toISOString() };
}

export type Verdict =
  { ok: true; size: number; sha256: string } | { ok: false; reason: "missing" | "too_large" | "wrong_type" | "empty" };

/** Magic bytes (via file-type) of each allowed type; CSV has none and is checked as text instead. */
const detectedAs: Record<Exclude<FileType, "text/csv">, string> = {
  "application/pdf": "application/pdf",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.oasis.opendocument.spreadsheet": "application/vnd.oasis.opendocument.spreadsheet",
};

/** A CSV is UTF-8 text without control characters (other than tabs and line ends) that has rows. */
function looksLikeCsv(bytes: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  // Binary bytes are exactly what this looks for.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) return false;
  return /[,;\t]/.test(text.split(/\r?\n/, 1)[0] ?? "");
}

/**
 * Checks an uploaded object itself, never what the client claimed: present, no larger than allowed, and
 * bytes that really are the declared type. What fails is deleted at once.
 */
export async function inspect(key: string, contentType: FileType, maxBytes: number): Promise<Verdict> {
  const s3 = Storage.s3();
  const Bucket = Storage.bucketName();
  let size: number;
  try {
    const head = await s3.send(new HeadObjectCommand({ Bucket, Key: key }));
    size = head.ContentLength ?? 0;
  } catch (error) {
    if (error instanceof NotFound || error instanceof NoSuchKey) {
      return { ok: false, reason: "missing" };
    }
    throw error;
  }
  const reject = async (reason: "too_large" | "wrong_type" | "empty"): Promise<Verdict> => {
    await remove(key);
    return { ok: false, reason };
  };
  if (size === 0) return reject("empty");
  if (size > maxBytes) return reject("too_large");

  const object = await s3.send(new GetObjectCommand({ Bucket, Key: key }));
  const bytes = await object.Body!.transformToByteArray();
  if (bytes.length > maxBytes) return reject("too_large");
  const matches =
    contentType === "text/csv"
      ? (await fileTypeFromBuffer(bytes)) === undefined && looksLikeCsv(bytes)
      : (await fileTypeFromBuffer(bytes))?.mime === detectedAs[contentType];
  if (!matches) return reject("wrong_type");
  return { ok: true, size: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") };
}

/** Deletes an uploaded object (a rejected upload, or a budget replaced by a newer one). */
export async function remove(key: string): Promise<void> {
  await Storage.s3().send(new DeleteObjectCommand({ Bucket: Storage.bucketName(), Key: key }));
}

/** How long a staff download link works. */
export const downloadMinutes = 5;

/** A short-lived link to download an uploaded file, as an attachment under its own name. */
export async function downloadUrl(key: string, fileName: string): Promise<string> {
  const safeName = fileName.replace(/[^\p{L}\p{N}._ -]/gu, "_");
  return getSignedUrl(
    Storage.s3(),
    new GetObjectCommand({
      Bucket: Storage.bucketName(),
      Key: key,
      ResponseContentDisposition: `attachment; filename*=UTF-8''${encodeURIComponent(safeName)}`,
    }),
    { expiresIn: downloadMinutes * 60 },
  );
}
