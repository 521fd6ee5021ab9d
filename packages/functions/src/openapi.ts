import { app as apply } from "./apply/index.js";
import { app as report } from "./report/index.js";
import { app as staff } from "./staff/index.js";

const info = {
  title: "Amparo API",
  version: "1",
  description:
    "Calls, eligibility, applications, staff sign-in, review and administration for human-rights defenders' funds. " +
    "Errors are RFC 9457 problem details.",
};

type Document = ReturnType<typeof apply.getOpenAPI31Document>;

/**
 * The whole API in one description. Each audience's app describes its own routes (they run as separate
 * functions); this joins them, as API Gateway joins the routes.
 */
export function document(): Document {
  const parts = [apply, staff, report].map((app) => app.getOpenAPI31Document({ openapi: "3.1.0", info }));
  const merged: Document = { openapi: "3.1.0", info, paths: {}, components: { schemas: {}, securitySchemes: {} } };
  for (const part of parts) {
    Object.assign(merged.paths!, part.paths);
    Object.assign(merged.components!.schemas!, part.components?.schemas);
    Object.assign(merged.components!.securitySchemes!, part.components?.securitySchemes);
  }
  return merged;
}
