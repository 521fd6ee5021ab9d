import { VisibleError, type Kind } from "@amparo/core/error";
import { pick, t, type Locale, type MessageKey } from "@amparo/core/i18n";
import { HTTPException } from "hono/http-exception";
import { z } from "@hono/zod-openapi";

/** RFC 9457 problem details, as every error answer of the API carries them. */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi("Problem");
export type Problem = z.infer<typeof Problem>;

export const statusOf: Record<Kind, 400 | 401 | 403 | 404 | 409 | 412 | 413 | 422 | 428 | 429> = {
  input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  too_large: 413,
  unprocessable: 422,
  precondition_required: 428,
  rate_limited: 429,
};

const validationMessage: Partial<Record<z.core.$ZodIssue["code"], MessageKey>> = {
  invalid_type: "validation.invalid_type",
  too_small: "validation.too_small",
  too_big: "validation.too_big",
  invalid_value: "validation.invalid_value",
  invalid_format: "validation.invalid_format",
  unrecognized_keys: "validation.unrecognized_keys",
};

function issuePath(path: PropertyKey[]): string {
  return path.map(String).join(".");
}

/**
 * Turns anything thrown into the problem a client is shown, in the reader's language, or undefined when
 * the error is not the client's doing (the caller logs it and answers an opaque 500).
 */
export function toProblem(error: unknown, locale: Locale): Problem | undefined {
  if (error instanceof VisibleError) {
    const status = statusOf[error.kind];
    return {
      type: `urn:amparo:problem:${error.code}`,
      title: t(locale, `problem.${error.kind}`),
      status,
      detail: t(locale, error.messageKey, error.params),
      code: error.code,
      ...(error.errors.length > 0
        ? {
            errors: error.errors.map((item) => ({
              path: item.path,
              message: item.text ? pick(item.text, locale) : t(locale, item.message, item.params),
            })),
          }
        : {}),
    };
  }
  if (error instanceof z.ZodError) {
    return {
      type: "urn:amparo:problem:invalid_input",
      title: t(locale, "problem.input"),
      status: 400,
      detail: t(locale, "error.invalid_input"),
      code: "invalid_input",
      errors: error.issues.flatMap((issue) => {
        const key = validationMessage[issue.code] ?? "validation.invalid";
        if (issue.code === "invalid_type" && issue.input === undefined) {
          return [{ path: issuePath(issue.path), message: t(locale, "validation.required") }];
        }
        if (issue.code === "unrecognized_keys") {
          return issue.keys.map((name) => ({ path: issuePath([...issue.path, name]), message: t(locale, key) }));
        }
        const expected = issue.code === "invalid_type" ? issue.expected : "";
        return [{ path: issuePath(issue.path), message: t(locale, key, { expected }) }];
      }),
    };
  }
  if (error instanceof HTTPException && error.status < 500) {
    // Hono's own refusals: unreadable JSON, a body that is not JSON at all, and the like.
    const code =
      error.status === 415
        ? "unsupported_media_type"
        : error.message.startsWith("Malformed")
          ? "malformed_body"
          : `http_${error.status}`;
    const detail: MessageKey =
      code === "unsupported_media_type"
        ? "error.unsupported_media_type"
        : code === "malformed_body"
          ? "error.malformed_json"
          : "error.invalid_input";
    return {
      type: `urn:amparo:problem:${code}`,
      title: t(
        locale,
        error.status === 404 ? "problem.not_found" : error.status === 403 ? "problem.forbidden" : "problem.input",
      ),
      status: error.status,
      detail: t(locale, error.status === 403 ? "error.forbidden" : detail),
      code,
    };
  }
  return undefined;
}

/** The answer for an error that is ours: it says nothing about what failed. */
export function internalProblem(locale: Locale): Problem {
  return {
    type: "urn:amparo:problem:internal",
    title: t(locale, "problem.internal"),
    status: 500,
    detail: t(locale, "error.internal"),
    code: "internal",
  };
}
