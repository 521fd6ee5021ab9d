import { handle } from "hono/aws-lambda";
import { staffLocales } from "@amparo/core/i18n";
import { createApp } from "../shared/app.js";
import { staffErrorPage } from "../staff/refusal.js";
import { reportApi } from "./pipeline.api.js";
import { reportPages } from "./reports.routes.js";

/**
 * The reports app (funders, coordinators). Its function reads counters only, never application content, and
 * imports nothing that decrypts or reads uploads (test/api/report-imports.test.ts).
 */
// A refusal or a missing page under /staff/reports shows in the staff frame, like the staff app's.
export const app = createApp({ pageError: staffErrorPage, languages: staffLocales });

app.route("/", reportApi);
app.route("/", reportPages);

export const handler = handle(app);
