import type * as Application from "@amparo/core/application";
import type { Context } from "hono";

/** `filename*` needs every byte outside RFC 5987's attr-char percent-encoded, `'()*` included. */
const encodeFileName = (name: string) =>
  encodeURIComponent(name).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * An uploaded file (a budget file or a full-application document) as a download: the checked bytes, always an
 * attachment under the name with the detected type's extension, that type as `Content-Type` (never sniffed), and
 * never cached. Served by the Lambda in AWS, whose response is limited to 6 MB (see docs/security.md).
 */
export function downloadResponse(c: Context, file: Application.BudgetFileBytes): Response {
  return c.body(new Uint8Array(file.bytes), 200, {
    "Content-Type": file.contentType === "text/csv" ? "text/csv; charset=utf-8" : file.contentType,
    "Content-Disposition": `attachment; filename*=UTF-8''${encodeFileName(file.fileName)}`,
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
  });
}
