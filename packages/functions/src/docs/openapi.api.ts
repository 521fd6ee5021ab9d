import * as Config from "@amparo/core/config";
import { createArea } from "../shared/app.js";
import description from "./openapi.json" with { type: "json" };

/**
 * The whole API's description (every audience's, as API Gateway joins them), as `npm run openapi` generated it
 * from the API areas (`../openapi.ts`). Served from the file, not generated on each cold start: generating
 * means loading every audience's API modules and walking every schema, which made this function's cold start
 * over three times a bare handler's. `test/api/openapi.test.ts` fails while the file and the code disagree.
 */
export const openApiDescription = createArea();

openApiDescription.get("/api/v1/openapi.json", (c) =>
  c.json({ ...description, servers: [{ url: Config.get().PUBLIC_URL, description: "This deployment" }] }),
);
