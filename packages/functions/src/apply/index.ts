import { handle } from "hono/aws-lambda";
import { createApp } from "../shared/app.js";
import { applicationApi } from "./application.api.js";
import { applicationPartRoutes } from "./application-parts.routes.js";
import { applicationRoutes } from "./application.routes.js";
import { assetRoutes } from "./assets.routes.js";
import { callsApi } from "./calls.api.js";
import { contactApi } from "./contact.api.js";
import { contactRoutes } from "./contact.routes.js";
import { fullApplicationApi } from "./full-application.api.js";
import { fullApplicationRoutes } from "./full-application.routes.js";
import { quizRoutes } from "./quiz.routes.js";

/** The applicants' app: public pages and the calls and applications API. */
export const app = createApp();

app.route("/", assetRoutes);
// The applicant's own pages first: their fixed paths (/apply/my, /apply/resume) must win over /apply/:callId.
app.route("/", applicationRoutes);
app.route("/", applicationPartRoutes);
app.route("/", contactRoutes);
app.route("/", fullApplicationRoutes);
app.route("/", quizRoutes);
app.route("/", callsApi);
app.route("/", applicationApi);
app.route("/", fullApplicationApi);
app.route("/", contactApi);

export const handler = handle(app);
