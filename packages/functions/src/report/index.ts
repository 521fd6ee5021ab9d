import { handle } from "hono/aws-lambda";
import { createApp } from "../shared/app.js";
import { reportApi } from "./pipeline.api.js";
import { reportPages } from "./reports.routes.js";

/**
 * The reports app (funders, coordinators). Its function reads counters only, never application content, and
 * imports nothing that decrypts or reads uploads (test/api/report-imports.test.ts).
 */
export const app = createApp();

app.route("/", reportApi);
app.route("/", reportPages);

export const handler = handle(app);
