// zod as the functions are bundled with it (an esbuild alias of `zod`, see `bundling` in infra/app-function.ts):
// zod's own entry (node_modules/zod/index.js and v4/classic/external.js) less one line, the `locales` namespace.
// `@hono/zod-openapi` imports `{ z }`, a namespace object, so esbuild keeps all of it, and `z.locales` holds the
// error messages of some fifty languages, about 260 KB minified, in every function. No code here uses them:
// zod's messages never reach a person (core turns every issue into its own words, in en, es or pt), and zod
// registers English by itself on the first schema. Paths are zod's files, hoisted to the repository root.
import * as z from "./zod-external.mjs";
export * from "./zod-external.mjs";
export { z, z as default };
