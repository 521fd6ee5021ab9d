import { handle } from "hono/aws-lambda";
import { createApp } from "../shared/app.js";
import { accountRoutes } from "./account.routes.js";
import { adminApi } from "./admin.api.js";
import { adminRoutes } from "./admin.routes.js";
import { bulkRoutes } from "./bulk.routes.js";
import { callEditorRoutes } from "./call-editor.routes.js";
import { fullApplicationStaffApi } from "./full-application.api.js";
import { homeRoutes } from "./home.routes.js";
import { reviewApi } from "./review.api.js";
import { staffErrorPage } from "./refusal.js";
import { reviewRoutes } from "./review.routes.js";
import { sessionRoutes } from "./sessions.routes.js";
import { signInApi } from "./sign-in.api.js";
import { signInRoutes } from "./sign-in.routes.js";

/**
 * The staff app: sign-in, review, coordination, administration. Its own function, so only it holds the
 * permissions staff work needs.
 */
export const app = createApp({ pageError: staffErrorPage });

app.route("/", homeRoutes);
app.route("/", signInRoutes);
app.route("/", sessionRoutes);
app.route("/", reviewRoutes);
app.route("/", bulkRoutes);
app.route("/", adminRoutes);
app.route("/", callEditorRoutes);
app.route("/", accountRoutes);
app.route("/", signInApi);
app.route("/", reviewApi);
app.route("/", fullApplicationStaffApi);
app.route("/", adminApi);

export const handler = handle(app);
