import { createArea } from "../shared/app.js";

/**
 * The whole API's description (every audience's, as API Gateway joins them), served by the applicants' app.
 * It is built from the API areas themselves, not from this app, and loaded only when asked for, so this app
 * starts without the staff API's code.
 */
export const openApiDescription = createArea();

openApiDescription.get("/api/v1/openapi.json", async (c) => c.json((await import("../openapi.js")).document()));
