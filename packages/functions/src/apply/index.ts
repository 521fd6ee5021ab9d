import { handle } from "hono/aws-lambda";
import { locales } from "@amparo/core/i18n";
import { createApp } from "../shared/app.js";
import { formAddresses } from "../shared/form-addresses.js";
import { applicationApi } from "./application.api.js";
import { applicationPartRoutes } from "./application-parts.routes.js";
import { applicationRoutes } from "./application.routes.js";
import { assetRoutes } from "./assets.routes.js";
import { awardApi } from "./award.api.js";
import { awardRoutes } from "./award.routes.js";
import { callsApi } from "./calls.api.js";
import { contactApi } from "./contact.api.js";
import { contactRoutes } from "./contact.routes.js";
import { fullApplicationApi } from "./full-application.api.js";
import { fullApplicationRoutes } from "./full-application.routes.js";
import { moreInfoApi } from "./more-info.api.js";
import { moreInfoRoutes } from "./more-info.routes.js";
import { quizRoutes } from "./quiz.routes.js";
import { grantReportApi } from "./report.api.js";
import { reportRoutes } from "./report.routes.js";

/** The applicants' app: public pages and the calls and applications API. */
export const app = createApp({ languages: locales });

app.route("/", assetRoutes);
// The applicant's own pages first: their fixed paths (/apply/my, /apply/resume) must win over /apply/:callId.
app.route("/", applicationRoutes);
app.route("/", applicationPartRoutes);
app.route("/", contactRoutes);
app.route("/", fullApplicationRoutes);
app.route("/", moreInfoRoutes);
app.route("/", awardRoutes);
app.route("/", reportRoutes);
app.route("/", quizRoutes);
app.route("/", callsApi);
app.route("/", applicationApi);
app.route("/", fullApplicationApi);
app.route("/", moreInfoApi);
app.route("/", awardApi);
app.route("/", grantReportApi);
app.route("/", contactApi);
/** The applicant forms' own addresses, each with the page its form is on (`formAddresses`). */
export const formPages: Record<string, (id: string) => string> = { "/apply/my/sign-out": () => "/apply/my" };
app.route("/", formAddresses(formPages));

export const handler = handle(app);
