import * as Award from "@amparo/core/award";
import * as Call from "@amparo/core/call";
import { ApplicationChangedError, VisibleError, type FieldError } from "@amparo/core/error";
import * as Review from "@amparo/core/review";
import * as Stage from "@amparo/core/stage";
import type * as User from "@amparo/core/user";
import { createArea, type AppContext } from "../shared/app.js";
import { pageErrors, readForm, type ShownOnPage } from "../shared/forms.js";
import { html, pageOf } from "../shared/pages.js";
import { downloadResponse } from "./download-response.js";
import { CloseConfirmPage, ReportPage, reportFields } from "./report.pages.js";
import { renderApplication } from "./review.routes.js";
import { staff } from "./session.js";

/** Who reaches a report: staff, of whom the call's coordinators alone are let through (404 for everyone else). */
const anyStaff: { roles: User.Role[] } = { roles: ["reviewer", "coordinator", "admin"] };

/** Report refusals: bad input and broken rules shown on the report's page, a changed report on the application's. */
const shown: ShownOnPage = { kinds: ["input", "unprocessable", "conflict"], schema: true };

/** The core names the answers' fields as the API does; the page's have their own ids (`reportFields`). */
const onPage = (errors: FieldError[]) =>
  errors.map((error) => ({
    ...error,
    path: reportFields[error.path as keyof typeof reportFields] ?? error.path,
  }));

/**
 * Opens a report (recorded before anything is shown) on its page, never cached; with the refusal of an answer and
 * what was typed in it, when it comes back to be corrected.
 */
async function showReport(
  c: AppContext,
  user: User.Info,
  extra: { errors?: FieldError[]; typed?: Record<string, string> } = {},
  status: 200 | 422 = 200,
) {
  const { id, reportId } = c.req.param() as { id: string; reportId: string };
  const { app, call, view } = await Award.openReport(user, id, reportId);
  c.header("Cache-Control", "no-store");
  const running = Stage.runningGrantStages.includes(app.stage);
  const props = { page: pageOf(c), user, call, id, version: app.version, language: app.language, running };
  return html(c, ReportPage({ ...props, report: view, ...extra }), status);
}

/**
 * An answer refused: a stale version, or a report no longer waiting for it (someone answered meanwhile), on the
 * application's page as it is now; what the coordinator must correct, on the report's page with what they typed.
 */
async function refused(c: AppContext, user: User.Info, error: unknown, typed: Record<string, string>) {
  const id = c.req.param("id")!;
  if (error instanceof ApplicationChangedError) return renderApplication(c, id, { changed: true }, 409);
  const errors = pageErrors(error, shown);
  if (!errors) throw error;
  if (error instanceof VisibleError && error.kind === "conflict") return renderApplication(c, id, { errors }, 409);
  return showReport(c, user, { errors: onPage(errors), typed }, 422);
}

/** The coordinators' side of a grant's reports on pages: reading one, answering it, and closing the grant. */
export const reportRoutes = createArea();

// Only to a POST (the button in the grant section): each reading is recorded before the report is shown.
reportRoutes.post("/staff/applications/:id/reports/:reportId", async (c) => {
  const { user } = await staff(c, anyStaff);
  return showReport(c, user);
});

/** Accepts a sent report, or asks for more in it, at the version read; then back to the grant. */
reportRoutes.post("/staff/applications/:id/reports/:reportId/decision", async (c) => {
  const { user } = await staff(c, anyStaff);
  const { text } = await readForm(c);
  const { id, reportId } = c.req.param();
  const version = Number(text("version"));
  const more = text("decision") === "more";
  try {
    await Award.decideReport(
      user,
      id,
      reportId,
      more ? { decision: "more", version, question: text("question") } : { decision: "accept", version },
    );
  } catch (error) {
    return refused(c, user, error, { question: text("question") });
  }
  return c.redirect(`/staff/applications/${id}#grant`, 303);
});

/** Gives a report a later due date (the end of the chosen day, UTC), at the version read; then back to the grant. */
reportRoutes.post("/staff/applications/:id/reports/:reportId/due", async (c) => {
  const { user } = await staff(c, anyStaff);
  const { text } = await readForm(c);
  const { id, reportId } = c.req.param();
  const dueAt = text("dueAt");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dueAt) || Number.isNaN(Date.parse(dueAt))) {
    return showReport(c, user, { errors: [{ path: reportFields.dueAt, message: "staff.due.invalid" }] }, 422);
  }
  try {
    await Award.extendReport(user, id, reportId, { version: Number(text("version")), dueAt });
  } catch (error) {
    return refused(c, user, error, { dueAt });
  }
  return c.redirect(`/staff/applications/${id}#grant`, 303);
});

// A report's document, as a full application's: the same access as the report, recorded each time.
reportRoutes.get("/staff/applications/:id/reports/:reportId/documents/:documentId", async (c) => {
  const { user } = await staff(c, anyStaff);
  const { id, reportId, documentId } = c.req.param();
  return downloadResponse(c, await Award.downloadReportDocument(user, id, reportId, documentId));
});

/**
 * Closing the grant, from its section: checked at the version read without writing anything, then confirmed on
 * a page of its own, whose button makes the move (`POST .../transition` with `to` closed and the same version).
 */
reportRoutes.post("/staff/applications/:id/close", async (c) => {
  const { user } = await staff(c, { roles: ["coordinator", "admin"] });
  const { text } = await readForm(c);
  const id = c.req.param("id");
  const version = Number(text("version"));
  try {
    await Stage.transition(user, id, { to: "closed", version }, { dryRun: true });
  } catch (error) {
    if (error instanceof ApplicationChangedError) return renderApplication(c, id, { changed: true }, 409);
    const errors = pageErrors(error, shown);
    if (!errors) throw error;
    const status = error instanceof VisibleError && error.kind === "conflict" ? 409 : 422;
    return renderApplication(c, id, { errors }, status);
  }
  // Only the call is needed (its title): no content is shown, so no "viewed" event either.
  const call = await Call.forApplication(await Review.coordinated(user, id));
  return html(c, CloseConfirmPage({ page: pageOf(c), user, call, id, version }));
});
