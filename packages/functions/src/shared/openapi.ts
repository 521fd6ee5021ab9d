import { z } from "@hono/zod-openapi";
import * as Call from "@amparo/core/call";
import { Problem } from "./problem.js";

/** Problem answers a route may give, for its OpenAPI description. */
export const problems = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: "A problem (RFC 9457)", content: { "application/problem+json": { schema: Problem } } },
    ]),
  );

/** A JSON answer of a route. */
export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

/** A required JSON body of a route. */
export const body = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});

/** The `{id}` path parameter of a route (an application's id). */
export const IdParam = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" } }) });

/** A download's answer: the checked bytes of an uploaded file, under one of the types uploads may have. */
export const fileDownload = {
  description: "The file",
  content: Object.fromEntries(
    Call.BudgetFileType.options.map((type) => [type, { schema: z.string().openapi({ format: "binary" }) }]),
  ),
};
