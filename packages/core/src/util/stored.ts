import type { z } from "zod";

/** A stored item that no longer matches its schema: our fault, never the client's, so never a 4xx. */
export class CorruptItemError extends Error {
  override readonly name = "CorruptItemError";
}

/**
 * Parses what was read from the table. A mismatch is an internal error (an opaque 500, logged without
 * content), not a validation problem of the request that happened to read it.
 */
export function parseStored<Schema extends z.ZodType>(schema: Schema, value: unknown, what: string): z.output<Schema> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new CorruptItemError(`stored ${what} does not match its schema at ${result.error.issues[0]?.path.join(".")}`);
  }
  return result.data;
}
