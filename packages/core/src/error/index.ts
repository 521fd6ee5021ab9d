import type { LocalizedText, MessageKey, MessageParams } from "../i18n/index.js";

/** What went wrong, in terms a client can act on; the HTTP layer maps each kind to one status. */
export type Kind =
  | "input" // malformed or wrongly typed: 400
  | "unauthenticated" // 401
  | "forbidden" // 403
  | "not_found" // 404
  | "conflict" // 409
  | "too_large" // 413
  | "unprocessable" // well-formed but not acceptable: 422
  | "rate_limited"; // 429

/** One problem with one part of the input, named by its path (`answers.country`). */
export interface FieldError {
  path: string;
  message: MessageKey;
  params?: MessageParams;
  /** Staff-written words (an eligibility rule's reason) shown instead of the catalog message. */
  text?: LocalizedText;
}

/**
 * An error the user may see. Its message is a catalog key, so it is shown in the reader's language; it never
 * carries personal data, because it may be logged.
 */
export class VisibleError extends Error {
  override readonly name = "VisibleError";
  constructor(
    readonly kind: Kind,
    readonly code: string,
    readonly messageKey: MessageKey,
    readonly params: MessageParams = {},
    readonly errors: FieldError[] = [],
  ) {
    super(code);
  }
}

/** The thing asked for does not exist, or the asker may not know it does. */
export class NotFoundError extends VisibleError {
  constructor(code = "not_found") {
    super("not_found", code, "error.not_found");
  }
}
