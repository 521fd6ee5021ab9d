import { handle } from "hono/aws-lambda";
import { staffLocales } from "@amparo/core/i18n";
import { createApp } from "../shared/app.js";
import { formAddresses } from "../shared/form-addresses.js";
import { accountRoutes } from "./account.routes.js";
import { adminApi } from "./admin.api.js";
import { adminRoutes } from "./admin.routes.js";
import { bulkRoutes } from "./bulk.routes.js";
import { callEditorRoutes } from "./call-editor.routes.js";
import { awardStaffApi } from "./award.api.js";
import { awardRoutes } from "./award.routes.js";
import { fullApplicationStaffApi } from "./full-application.api.js";
import { reportStaffApi } from "./report.api.js";
import { reportRoutes } from "./report.routes.js";
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
export const app = createApp({ pageError: staffErrorPage, languages: staffLocales });

/** The staff forms' own addresses, each with the page its form is on (`formAddresses`). */
export const formPages: Record<string, (id: string) => string> = {
  "/staff/sign-in/request": () => "/staff",
  "/staff/sign-in": () => "/staff",
  "/staff/sign-out": () => "/staff",
  "/staff/sessions/end": () => "/staff/sessions",
  "/staff/sessions/end-others": () => "/staff/sessions",
  "/staff/recovery-codes": () => "/staff/sessions",
  "/staff/applications/:id/due": (id) => `/staff/applications/${id}`,
  "/staff/applications/:id/conflict": (id) => `/staff/applications/${id}`,
  "/staff/applications/:id/score": (id) => `/staff/applications/${id}`,
  "/staff/applications/:id/assign": (id) => `/staff/applications/${id}`,
  "/staff/applications/:id/transition": (id) => `/staff/applications/${id}`,
  "/staff/applications/:id/payments": (id) => `/staff/applications/${id}`,
  "/staff/applications/:id/payment-method": (id) => `/staff/applications/${id}`,
  "/staff/applications/:id/reports/:reportId": (id) => `/staff/applications/${id}`,
  "/staff/applications/:id/reports/:reportId/decision": (id) => `/staff/applications/${id}`,
  "/staff/applications/:id/reports/:reportId/due": (id) => `/staff/applications/${id}`,
  "/staff/applications/:id/close": (id) => `/staff/applications/${id}`,
  "/staff/applications/shortlist": () => "/staff/applications",
  "/staff/applications/decline": () => "/staff/applications",
  "/staff/admin/users": () => "/staff/admin",
  "/staff/admin/users/:id/deactivate": (id) => `/staff/admin/users/${id}`,
  "/staff/admin/users/:id/reactivate": (id) => `/staff/admin/users/${id}`,
};

// First: `/staff/applications/:id` would take `/staff/applications/shortlist` for an application.
app.route("/", formAddresses(formPages));
app.route("/", homeRoutes);
app.route("/", signInRoutes);
app.route("/", sessionRoutes);
app.route("/", reviewRoutes);
app.route("/", awardRoutes);
app.route("/", reportRoutes);
app.route("/", bulkRoutes);
app.route("/", adminRoutes);
app.route("/", callEditorRoutes);
app.route("/", accountRoutes);
app.route("/", signInApi);
app.route("/", reviewApi);
app.route("/", fullApplicationStaffApi);
app.route("/", awardStaffApi);
app.route("/", reportStaffApi);
app.route("/", adminApi);

export const handler = handle(app);
