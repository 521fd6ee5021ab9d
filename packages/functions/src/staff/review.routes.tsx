import * as Call from "@amparo/core/call";
import {
  ApplicationChangedError,
  ConflictDeclaredError,
  ConflictError,
  DeclareConflictFirstError,
  ForbiddenError,
  VisibleError,
  type FieldError,
} from "@amparo/core/error";
import { notWholeError, parseTypedNumber, readTypedNumber } from "@amparo/core/form";
import { formatDate, t } from "@amparo/core/i18n";
import * as Review from "@amparo/core/review";
import * as Stage from "@amparo/core/stage";
import * as User from "@amparo/core/user";
import { createArea, type AppContext } from "../shared/app.js";
import { pageErrors, readForm, type ShownOnPage } from "../shared/forms.js";
import { html, pageOf } from "../shared/pages.js";
import { CancelConfirmPage } from "./award-confirm.pages.js";
import { CloseConfirmPage } from "./report.pages.js";
import { loadAward } from "./award-section.js";
import { downloadResponse } from "./download-response.js";
import { endOfDay } from "./full-application.pages.js";
import { type Reviewer } from "./review-actions.js";
import { ApplicationPage } from "./review-application.pages.js";
import { ConfirmPage } from "./review-confirm.pages.js";
import { ConflictPage } from "./review-conflict.pages.js";
import { ListPage } from "./review-list.pages.js";
import { signedIn, staff } from "./session.js";

/** Review refusals shown on the application's page: bad input, a broken rule, a stale version or move. */
const shown: ShownOnPage = { kinds: ["input", "unprocessable", "conflict"], schema: true };

/** The declaration form with what may be seen before it: the same as `GET /api/v1/review/applications/{id}/conflict`. */
async function conflictPage(c: AppContext, user: User.Info, id: string, status: 400 | 403) {
  const { callId, identity } = await Review.beforeDeclaration(user, id);
  const call = await Call.get(callId);
  return html(c, ConflictPage({ page: pageOf(c), user, id, identity, call }), status);
}

/** The application's page for the signed-in staff member, or the conflict declaration that must come first. */
export async function renderApplication(
  c: AppContext,
  id: string,
  extra: { notice?: string; errors?: FieldError[]; changed?: boolean; typed?: Record<string, string> } = {},
  status: 200 | 403 | 409 | 422 = 200,
) {
  const session = await signedIn(c);
  if ("redirect" in session) return c.redirect(session.redirect, 303);
  const { user } = session;
  if (!["reviewer", "coordinator", "admin"].some((role) => user.roles.includes(role as User.Role))) {
    throw new ForbiddenError("auth.role");
  }
  let view: Review.StaffView;
  try {
    view = await Review.view(user, id);
  } catch (error) {
    if (error instanceof DeclareConflictFirstError) {
      // The call, the name or organisation and country given, and nothing else, before the declaration.
      return conflictPage(c, user, id, 403);
    }
    if (error instanceof ConflictDeclaredError) {
      return html(c, ConflictPage({ page: pageOf(c), user, id, declared: true }), 403);
    }
    throw error;
  }
  const call = await Call.forApplication(view);
  const everyone = await User.list();
  const emails = new Map(everyone.map((account) => [account.id, account.email]));
  let reviewers: Reviewer[] = [];
  if (view.allowedMoves) {
    const candidates = everyone.filter(
      (account) => account.roles.includes("reviewer") && account.callIds.includes(call.id),
    );
    const open = await Review.workload(candidates.map((account) => account.id));
    reviewers = candidates.map((account) => ({
      id: account.id,
      email: account.email,
      open: open.get(account.id) ?? 0,
    }));
  }
  const award = await loadAward(user, view);
  return html(c, ApplicationPage({ page: pageOf(c), user, call, view, emails, reviewers, award, ...extra }), status);
}

/** Review pages: a call's applications, one application, and the reviewer's and coordinator's forms on it. */
export const reviewRoutes = createArea();

reviewRoutes.get("/staff/applications", async (c) => {
  const session = await signedIn(c);
  if ("redirect" in session) return c.redirect(session.redirect, 303);
  // The list's own address without a call (a bulk form's address, visited): the calls to choose from.
  if (!c.req.query("callId")) return c.redirect("/staff", 303);
  const call = await Call.get(c.req.query("callId") ?? "");
  // Filter, sort and page come from links and a GET form; `TableQuery` falls back to defaults on bad values.
  const table = await Review.coordinatorTable(session.user, call.id, c.req.query());
  return html(c, ListPage({ page: pageOf(c), user: session.user, call, table }));
});

reviewRoutes.get("/staff/applications/:id", (c) => renderApplication(c, c.req.param("id")));

// The budget file through this app, by the session cookie: the same access as the page, recorded each time.
reviewRoutes.get("/staff/applications/:id/budget-file", async (c) => {
  const session = await signedIn(c);
  if ("redirect" in session) return c.redirect(session.redirect, 303);
  if (!["reviewer", "coordinator", "admin"].some((role) => session.user.roles.includes(role as User.Role))) {
    throw new ForbiddenError("auth.role");
  }
  return downloadResponse(c, await Review.downloadBudgetFile(session.user, c.req.param("id")));
});

// A full application's document, as the budget file: the same access as the page, recorded each time.
reviewRoutes.get("/staff/applications/:id/documents/:documentId", async (c) => {
  const session = await signedIn(c);
  if ("redirect" in session) return c.redirect(session.redirect, 303);
  if (!["reviewer", "coordinator", "admin"].some((role) => session.user.roles.includes(role as User.Role))) {
    throw new ForbiddenError("auth.role");
  }
  const { id, documentId } = c.req.param();
  return downloadResponse(c, await Review.downloadDocument(session.user, id, documentId));
});

/**
 * The coordinator extends one application's full-application due date, to the end of the chosen day
 * (UTC). Said in words on the page; a date that is not later, or nothing to extend, is shown on the form.
 */
reviewRoutes.post("/staff/applications/:id/due", async (c) => {
  const { user } = await staff(c, { roles: ["coordinator", "admin"] });
  const { text } = await readForm(c);
  const id = c.req.param("id");
  const date = text("dueAt");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(endOfDay(date)))) {
    return renderApplication(c, id, { errors: [{ path: "dueAt", message: "staff.due.invalid" }] }, 422);
  }
  try {
    const { dueAt } = await Stage.extendDue(user, id, { dueAt: endOfDay(date) });
    const notice = t(c.get("language"), "staff.due.done", { date: formatDate(c.get("language"), dueAt) });
    return renderApplication(c, id, { notice });
  } catch (error) {
    if (error instanceof ApplicationChangedError) return renderApplication(c, id, { changed: true }, 409);
    const errors = pageErrors(error, shown);
    if (!errors) throw error;
    // Whatever the refusal names, it is about the one date on the form.
    const placed = errors.map((item) => ({ ...item, path: "dueAt" }));
    const status = error instanceof VisibleError && error.kind === "conflict" ? 409 : 422;
    return renderApplication(c, id, { errors: placed }, status);
  }
});

reviewRoutes.post("/staff/applications/:id/conflict", async (c) => {
  const { user } = await staff(c, { roles: ["reviewer"] });
  const { text } = await readForm(c);
  const choice = text("conflict");
  if (choice !== "yes" && choice !== "no") {
    return conflictPage(c, user, c.req.param("id"), 400);
  }
  const note = text("note");
  await Review.declare(user, c.req.param("id"), { conflict: choice === "yes", ...(note ? { note } : {}) });
  return c.redirect(`/staff/applications/${c.req.param("id")}`, 303);
});

reviewRoutes.post("/staff/applications/:id/score", async (c) => {
  const { user } = await staff(c, { roles: ["reviewer"] });
  const id = c.req.param("id");
  const { text } = await readForm(c);
  const view = await Review.view(user, id);
  const call = await Call.forApplication(view);
  // The form says which round it scores; the full application's is on its own rubric.
  const round = text("round") === "full" ? "full" : "concept";
  const rubric = round === "full" && call.fullApplication ? call.fullApplication.rubric : call.rubric;
  const scores = Object.fromEntries(
    rubric.criteria.map((criterion) => [criterion.id, parseTypedNumber(text(`score-${criterion.id}`)) ?? null]),
  );
  const recommendation = text("recommendation");
  try {
    const { weightedScore } = await Review.score(user, id, {
      scores: Object.fromEntries(Object.entries(scores).filter(([, value]) => value !== null)),
      recommendation: recommendation as "fund",
      comment: text("comment"),
      round,
    });
    return renderApplication(c, id, { notice: t(c.get("language"), "staff.score.saved", { score: weightedScore }) });
  } catch (error) {
    const errors = pageErrors(error, shown);
    if (!errors) throw error;
    return renderApplication(c, id, { errors }, 422);
  }
});

reviewRoutes.post("/staff/applications/:id/assign", async (c) => {
  const { user } = await staff(c, { roles: ["coordinator", "admin"] });
  const { list } = await readForm(c);
  const id = c.req.param("id");
  const reviewerIds = list("reviewerIds");
  // Nobody ticked is a slip of the hand, answered in words on the form rather than as invalid input.
  if (reviewerIds.length === 0) {
    return renderApplication(c, id, { errors: [{ path: "reviewerIds", message: "staff.assign.nobody" }] }, 422);
  }
  try {
    await Review.assign(user, id, { reviewerIds });
  } catch (error) {
    // Decided meanwhile by someone else (the page offered the form): say so, and show it as it is now.
    if (error instanceof ConflictError) return renderApplication(c, id, { changed: true }, 409);
    const errors = pageErrors(error, shown);
    if (!errors) throw error;
    return renderApplication(c, id, { errors }, 422);
  }
  return c.redirect(`/staff/applications/${id}`, 303);
});

/**
 * The coordinator's move. A decision goes through a confirmation page first: the form posts here, the move is
 * checked without writing anything and repeated on that page, whose "Confirm" posts here again with
 * `confirm=yes` and the same version. Other moves are made at once.
 */
reviewRoutes.post("/staff/applications/:id/transition", async (c) => {
  const { user } = await staff(c, { roles: ["coordinator", "admin"] });
  const { text } = await readForm(c);
  const id = c.req.param("id");
  const to = text("to") as Stage.Stage;
  const typedAmount = text("amount") ? readTypedNumber(text("amount")) : undefined;
  // A figure typed but not readable as whole units is said so, rather than taken as no amount at all.
  if (typedAmount && typedAmount.kind !== "whole") {
    const error: FieldError =
      typedAmount.kind === "fraction"
        ? notWholeError("amount", typedAmount.value)
        : { path: "amount", message: "eligibility.expected_number" };
    const typed = { to, note: text("note"), messageToApplicant: text("messageToApplicant"), amount: text("amount") };
    return renderApplication(c, id, { errors: [error], typed }, 422);
  }
  const amount = typedAmount?.value;
  const input = {
    to,
    version: Number(text("version")),
    ...(text("note") ? { note: text("note") } : {}),
    ...(amount !== undefined ? { amount } : {}),
    ...(text("messageToApplicant") ? { messageToApplicant: text("messageToApplicant") } : {}),
  };
  try {
    if (Stage.Stage.safeParse(to).success && Stage.isDecision(to) && text("confirm") !== "yes") {
      await Stage.transition(user, id, input, { dryRun: true });
      // Only the call is needed (its title and currency): no content is shown, so no "viewed" event either.
      const call = await Call.forApplication((await Review.readable(user, id)).app);
      return html(c, ConfirmPage({ page: pageOf(c), user, call, id, decision: { ...input, to } }));
    }
    // Cancelling a grant deletes how the money reaches the grantee at once: confirmed first, as a decision is.
    if (to === "cancelled" && text("confirm") !== "yes") {
      await Stage.transition(user, id, input, { dryRun: true });
      const call = await Call.forApplication((await Review.readable(user, id)).app);
      return html(c, CancelConfirmPage({ page: pageOf(c), user, call, id, move: input }));
    }
    // Closing ends the grant as a cancellation does: the move form's choice is confirmed on the same page.
    if (to === "closed" && text("confirm") !== "yes") {
      await Stage.transition(user, id, input, { dryRun: true });
      const call = await Call.forApplication((await Review.readable(user, id)).app);
      return html(c, CloseConfirmPage({ page: pageOf(c), user, call, id, version: input.version }));
    }
    const moved = await Stage.transition(user, id, input);
    const stageName = t(c.get("language"), `staff.stage.${moved.stage}`);
    return renderApplication(c, id, { notice: t(c.get("language"), "staff.move.done", { stage: stageName }) });
  } catch (error) {
    // Someone else moved it meanwhile: say so in words and show it as it is now, with a fresh form.
    if (error instanceof ApplicationChangedError) return renderApplication(c, id, { changed: true }, 409);
    const errors = pageErrors(error, shown);
    if (!errors) throw error;
    // What was typed comes back in the form, so a forgotten question does not cost the note written with it.
    const typed = { to, note: text("note"), messageToApplicant: text("messageToApplicant") };
    const status = error instanceof VisibleError && error.kind === "conflict" ? 409 : 422;
    return renderApplication(c, id, { errors, typed }, status);
  }
});
