import type { LocalizedText, MessageKey, MessageParams } from "../i18n/index.js";

/** What went wrong, in terms a client can act on; the HTTP layer maps each kind to one status. */
export type Kind =
  | "input" // malformed or wrongly typed: 400
  | "unauthenticated" // 401
  | "forbidden" // 403
  | "not_found" // 404
  | "conflict" // 409
  | "precondition_failed" // 412
  | "too_large" // 413
  | "unprocessable" // well-formed but not acceptable: 422
  | "precondition_required" // a write that must name the version it was made on, and did not: 428
  | "rate_limited"; // 429

/** One problem with one part of the input, named by its path (`answers.country`). */
export interface FieldError {
  path: string;
  message: MessageKey;
  params?: MessageParams;
  /** Staff-written words (an eligibility rule's reason) shown instead of the catalog message. */
  text?: LocalizedText;
}

export interface VisibleErrorOptions {
  kind: Kind;
  /** Stable, machine-readable: the problem's `code` and the last part of its `type`. */
  code: string;
  /** The catalog key of the problem's `detail`. */
  message: MessageKey;
  params?: MessageParams;
  /** Each problem with one part of the input. */
  errors?: FieldError[];
  /** What caused it (kept for the logs' stack, never shown). */
  cause?: unknown;
}

/**
 * An error the user may see. Its message is a catalog key, so it is shown in the reader's language; it never
 * carries personal data, because it may be logged. Code that needs to tell one error from another uses a
 * named subclass below and `instanceof`, never the code string.
 */
export class VisibleError extends Error {
  override readonly name: string = "VisibleError";
  readonly kind: Kind;
  readonly code: string;
  readonly messageKey: MessageKey;
  readonly params: MessageParams;
  readonly errors: FieldError[];

  constructor(options: VisibleErrorOptions) {
    super(options.code, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = options.kind;
    this.code = options.code;
    this.messageKey = options.message;
    this.params = options.params ?? {};
    this.errors = options.errors ?? [];
  }
}

/** Input that is malformed or of the wrong type (400), each problem named by its path. */
export class InvalidInputError extends VisibleError {
  override readonly name = "InvalidInputError";
  constructor(code: string, errors: FieldError[], message: MessageKey = "error.invalid_input") {
    super({ kind: "input", code, message, errors });
  }
}

/** Well-formed input that breaks a rule (422), each broken rule named by its path. */
export class UnprocessableError extends VisibleError {
  override readonly name = "UnprocessableError";
  constructor(code: string, message: MessageKey, errors: FieldError[] = [], params: MessageParams = {}) {
    super({ kind: "unprocessable", code, message, errors, params });
  }
}

/** The thing asked for does not exist, or the asker may not know it does. */
export class NotFoundError extends VisibleError {
  override readonly name = "NotFoundError";
  constructor(code = "not_found") {
    super({ kind: "not_found", code, message: "error.not_found" });
  }
}

/** No session, an expired one, or a sign-in link or code that does not work (401). */
export class UnauthenticatedError extends VisibleError {
  override readonly name = "UnauthenticatedError";
  constructor(code: string) {
    super({ kind: "unauthenticated", code, message: "error.unauthenticated" });
  }
}

/** Signed in, but this role or session may not do this (403). */
export class ForbiddenError extends VisibleError {
  override readonly name = "ForbiddenError";
  constructor(code: string, message: MessageKey = "error.forbidden") {
    super({ kind: "forbidden", code, message });
  }
}

/** Someone else changed the application since it was read (another tab, a coordinator): 409. */
export class ApplicationChangedError extends VisibleError {
  override readonly name = "ApplicationChangedError";
  constructor(cause?: unknown) {
    super({ kind: "conflict", code: "application.changed", message: "error.application_changed", cause });
  }
}

/** Someone saved the call since the admin opened it: their save would silently undo the other's (409). */
export class CallChangedError extends VisibleError {
  override readonly name = "CallChangedError";
  constructor(cause?: unknown) {
    super({ kind: "conflict", code: "call.changed", message: "error.call_changed", cause });
  }
}

/** The request does not fit the current state of what it changes (already enrolled, already declared): 409. */
export class ConflictError extends VisibleError {
  override readonly name: string = "ConflictError";
  constructor(code: string, message: MessageKey, params: MessageParams = {}) {
    super({ kind: "conflict", code, message, params });
  }
}

/** The application's stage does not allow this (editing after submission, withdrawing after a decision): 409. */
export class StageConflictError extends ConflictError {
  override readonly name: string = "StageConflictError";
}

/** Applications can be started, or first submitted, only while their call is open: 409. */
export class CallClosedError extends StageConflictError {
  override readonly name = "CallClosedError";
  constructor() {
    super("call.closed", "error.call_closed");
  }
}

/** A move the call does not allow from the application's current stage, for this actor: 409. */
export class ImpossibleMoveError extends VisibleError {
  override readonly name = "ImpossibleMoveError";
  constructor(from: string, to: string) {
    super({ kind: "conflict", code: "stage.impossible", message: "error.impossible_move", params: { from, to } });
  }
}

/** An assigned reviewer has not yet declared whether they have a conflict of interest: 403 until then. */
export class DeclareConflictFirstError extends VisibleError {
  override readonly name = "DeclareConflictFirstError";
  constructor() {
    super({ kind: "forbidden", code: "review.declare_first", message: "error.declare_first" });
  }
}

/** The reviewer declared a conflict of interest on this application: its content stays closed to them. */
export class ConflictDeclaredError extends VisibleError {
  override readonly name = "ConflictDeclaredError";
  constructor() {
    super({ kind: "forbidden", code: "review.conflicted", message: "error.conflicted" });
  }
}

/** A TOTP code that is wrong, expired or already used, where the user can simply try again: 422. */
export class InvalidTotpError extends VisibleError {
  override readonly name = "InvalidTotpError";
  constructor() {
    super({
      kind: "unprocessable",
      code: "auth.totp_invalid",
      message: "error.totp_invalid",
      errors: [{ path: "code", message: "error.totp_invalid" }],
    });
  }
}

/**
 * A security action without a fresh second-factor code (403): a stolen session alone must not grant roles,
 * deactivate accounts, reset second factors, make recovery codes or shorten what a call keeps.
 */
export class StepUpRequiredError extends VisibleError {
  override readonly name = "StepUpRequiredError";
  constructor() {
    super({
      kind: "forbidden",
      code: "auth.step_up_required",
      message: "error.step_up_required",
      errors: [{ path: "code", message: "error.step_up_required" }],
    });
  }
}

/** A write that must name the version it was made on (`If-Match`, a form's version) named none: 428. */
export class PreconditionRequiredError extends VisibleError {
  override readonly name = "PreconditionRequiredError";
  constructor(code: string, message: MessageKey = "error.version_required") {
    super({ kind: "precondition_required", code, message });
  }
}

/** A write conditional on something being there (`If-Match: *`) found nothing: 412. */
export class PreconditionFailedError extends VisibleError {
  override readonly name = "PreconditionFailedError";
  constructor(code: string, message: MessageKey = "error.precondition_failed") {
    super({ kind: "precondition_failed", code, message });
  }
}

/** Too many requests of one kind in a window: 429, with when to try again. */
export class RateLimitedError extends VisibleError {
  override readonly name = "RateLimitedError";
  constructor(seconds: number, code = "rate_limited") {
    super({ kind: "rate_limited", code, message: "error.rate_limited", params: { seconds } });
  }
}

/**
 * No full application can be written or sent now: the call has none (`no_full_application`), the application
 * was not shortlisted (`not_invited`), or it was already sent (`submitted`): 409.
 */
export class FullApplicationNotOpenError extends ConflictError {
  override readonly name = "FullApplicationNotOpenError";
  constructor(reason: "no_full_application" | "not_invited" | "submitted") {
    super(`full_application.${reason}`, `error.full_${reason}`);
  }
}

/** The full application's due date has passed: it can no longer be changed or sent (a coordinator may extend it): 409. */
export class FullApplicationPastDueError extends ConflictError {
  override readonly name = "FullApplicationPastDueError";
  constructor() {
    super("full_application.past_due", "error.full_past_due");
  }
}
