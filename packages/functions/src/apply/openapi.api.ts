import { document } from "../openapi.js";
import { createArea } from "../shared/app.js";

/**
 * The whole API's description (every audience's, as API Gateway joins them), served by the applicants' app.
 * It is built from the API areas themselves, not from this app, and only when asked for.
 *
 * The areas are imported statically, not with `import()`: the function is one esbuild file either way, so a
 * dynamic import saves no bytes, and it makes esbuild wrap every module it reaches in a lazy initializer. The
 * secret module's top-level await makes those initializers async, and core's import cycles (application and
 * its drafts and budget file, review) then wait on each other: the bundle never finished loading.
 * `npm run bench` (bench/bundles.ts) loads each bundle as Lambda does and measures what evaluating the areas
 * costs a cold start.
 */
export const openApiDescription = createArea();

openApiDescription.get("/api/v1/openapi.json", (c) => c.json(document()));
