import type { z } from "zod";

/**
 * Wraps a core function so its input is parsed by `schema` before `impl` sees it, and keeps the schema
 * reachable (`fn.schema`) so the HTTP layer can derive its own validation from it.
 */
export function fn<Schema extends z.ZodType, Result>(schema: Schema, impl: (input: z.output<Schema>) => Result) {
  const wrapped = (input: z.input<Schema>) => impl(schema.parse(input));
  wrapped.schema = schema;
  return wrapped;
}
