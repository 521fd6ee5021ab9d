import { InvalidInputError, VisibleError, type FieldError, type Kind } from "@amparo/core/error";
import type { Context } from "hono";
import { ZodError } from "zod";

/** Form values kept as sent: one string, or several when a field (checkboxes) is sent more than once. */
export type FormValues = Record<string, string | string[]>;

/** A posted page form, read once. Only text counts: a field sent as a file is no answer. */
export interface Form {
  /** Whether the field was sent at all (a hidden marker such as `_edit`). */
  has(name: string): boolean;
  /** The field's first value, trimmed; "" when it is missing or not text. */
  text(name: string): string;
  /** Every text value of the field (checkboxes), in the order sent. */
  list(name: string): string[];
  /** The named fields as sent, untrimmed; a field is left out when it is missing or any of its values is a file. */
  values(names: readonly string[]): FormValues;
}

/** Reads a page's form post (urlencoded or multipart). */
export async function readForm(c: Context): Promise<Form> {
  let body: Awaited<ReturnType<typeof c.req.parseBody>>;
  try {
    body = await c.req.parseBody({ all: true });
  } catch (error) {
    // A body that does not parse as the form it claims to be (multipart without its boundaries) is the
    // sender's mistake, not ours: a 400, like malformed JSON on the API.
    if (error instanceof TypeError) throw new InvalidInputError("malformed_body", []);
    throw error;
  }
  const all = (name: string): unknown[] => {
    const value = body[name];
    return Array.isArray(value) ? value : value === undefined ? [] : [value];
  };
  return {
    has: (name) => body[name] !== undefined,
    text: (name) => {
      const first = all(name)[0];
      return typeof first === "string" ? first.trim() : "";
    },
    list: (name) => all(name).filter((item): item is string => typeof item === "string"),
    values: (names) => {
      const values: FormValues = {};
      for (const name of names) {
        const value = body[name];
        if (typeof value === "string" || (Array.isArray(value) && value.every((item) => typeof item === "string"))) {
          values[name] = value as string | string[];
        }
      }
      return values;
    },
  };
}

/** One value of `FormValues`: the first when the field was sent more than once, "" when it was not sent. */
export const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

/** Input that did not match its schema, as page errors: each issue's field, marked "invalid". */
export function schemaErrors(error: ZodError): FieldError[] {
  return error.issues.map((issue) => ({ path: issue.path.join("."), message: "validation.invalid" }));
}

/** Which refusals a page shows on itself, next to the fields, rather than on the error page. */
export interface ShownOnPage {
  /** Kinds of `VisibleError` (a broken rule, a bad file, a stale version). */
  kinds: readonly Kind[];
  /** Input that did not match its schema (a `ZodError`), each issue as "invalid". */
  schema?: boolean;
}

/**
 * Turns an expected refusal into the errors a page shows; undefined for anything else, which the caller
 * throws on to the one error path. A refusal without field errors becomes one error with its own message.
 */
export function pageErrors(error: unknown, shown: ShownOnPage): FieldError[] | undefined {
  if (shown.schema && error instanceof ZodError) return schemaErrors(error);
  if (error instanceof VisibleError && shown.kinds.includes(error.kind)) {
    return error.errors.length > 0 ? error.errors : [{ path: "", message: error.messageKey, params: error.params }];
  }
  return undefined;
}
