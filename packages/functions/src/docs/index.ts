import { handle } from "hono/aws-lambda";
import { staffLocales } from "@amparo/core/i18n";
import { createApp } from "../shared/app.js";
import { openApiDescription } from "./openapi.api.js";

/**
 * The API's description, for the people who build on it: its own function, so that no audience's function
 * carries a 170 KB document its users never ask for. It reads nothing and holds no grant: only its own logs.
 */
export const app = createApp({ languages: staffLocales });

app.route("/", openApiDescription);

export const handler = handle(app);
