import * as Review from "@amparo/core/review";
import * as Stage from "@amparo/core/stage";
import { createRoute, z } from "@hono/zod-openapi";
import { body, fileDownload, IdParam as Id, json, problems } from "../shared/openapi.js";
import { downloadResponse } from "./download-response.js";
import { bearer, createStaffApi, staff } from "./session.js";

// Every schema below is a core schema: the description cannot drift from what the code validates and returns.
const QueueItem = z.object(Review.QueueItem.shape).openapi("QueueItem");
const ListItem = z.object(Review.ListItem.shape).openapi("CoordinatorListItem");
const StaffView = z.object(Review.StaffView.shape).openapi("StaffApplication");
const Transition = z.object(Stage.TransitionInput.shape).openapi("Transition");
const BeforeDeclaration = z.object(Review.BeforeDeclaration.shape).openapi("ConflictCheck");

const queue = createRoute({
  method: "get",
  path: "/api/v1/review/queue",
  operationId: "getReviewQueue",
  tags: ["Review"],
  summary: "The reviewer's queue, soonest decision deadline first",
  description:
    "Every application assigned to the signed-in reviewer that still waits for a decision, with where the " +
    "reviewer stands on it: `conflict_check` until they declare whether they have a conflict of interest. The " +
    "`name` the applicant gave is given only once the reviewer declared no conflict (before that it is on the " +
    "declaration alone), and each one given is recorded first (`viewed`, one event per application, person and " +
    "5-minute window); when the record cannot be written the queue is not given (429, try again).",
  security: bearer,
  responses: { 200: json(z.object({ items: z.array(QueueItem) }), "The queue"), ...problems(401, 403, 429) },
});

const listApplications = createRoute({
  method: "get",
  path: "/api/v1/review/applications",
  operationId: "listApplicationsForCoordinator",
  tags: ["Review"],
  summary: "A call's applications with review counts and mean scores (coordinators)",
  description:
    "A call's submitted applications, optionally in one stage, soonest decision deadline first. Each carries " +
    "its `version`, which a transition must name. Nothing decrypted: no content, no contact details.",
  security: bearer,
  request: { query: z.object({ callId: z.string(), stage: Stage.Stage.optional() }) },
  responses: {
    200: json(z.object({ items: z.array(ListItem) }), "The applications"),
    ...problems(400, 401, 403),
  },
});

const getApplication = createRoute({
  method: "get",
  path: "/api/v1/review/applications/{id}",
  operationId: "getStaffApplication",
  tags: ["Review"],
  summary: "The concept note, funding and budget file link, never contact details",
  description:
    "Reviewers see an application once assigned and after declaring no conflict of interest (403 until " +
    "then); they see other reviews only after saving their own. Coordinators also see assignments, the " +
    "moves they may make and the audit trail. Each reading is recorded first (`viewed`: one event per " +
    "application, person and 5-minute window, however many readings); when the record cannot be written, " +
    "nothing is shown (429, try again).",
  security: bearer,
  request: { params: Id },
  responses: { 200: json(StaffView, "The application"), ...problems(401, 403, 404, 429) },
});

const beforeDeclaration = createRoute({
  method: "get",
  path: "/api/v1/review/applications/{id}/conflict",
  operationId: "getConflictCheck",
  tags: ["Review"],
  summary: "What an assigned reviewer may see before declaring: the call, and who the applicant says they are",
  description:
    "Only for the assigned reviewer who has not declared yet, and exactly what the declaration page shows: the " +
    "application's call and the name or organisation and country the applicant gave (each left out when not " +
    "given), so that a conflict of interest can be recognised; nothing of the content. Each opening is " +
    "recorded first (`viewed`, as a reading of the application; 429 when the record cannot be written). 404 " +
    "when not assigned, 403 after declaring a conflict (not even this is shown again), 409 after declaring none " +
    "(read the application instead).",
  security: bearer,
  request: { params: Id },
  responses: {
    200: json(BeforeDeclaration, "What may be seen before declaring"),
    ...problems(401, 403, 404, 409, 429),
  },
});

const declareConflict = createRoute({
  method: "post",
  path: "/api/v1/review/applications/{id}/conflict",
  operationId: "declareConflict",
  tags: ["Review"],
  summary: "Declares a conflict of interest, or none, before any content is shown",
  description:
    "Once only. A declared conflict takes the reviewer off the application and tells its coordinators; the " +
    "optional note is kept sealed for them.",
  security: bearer,
  request: { params: Id, body: body(z.object(Review.DeclareInput.shape).openapi("ConflictDeclaration")) },
  responses: {
    200: json(z.object(Review.DeclareResult.shape), "Declared"),
    ...problems(400, 401, 403, 404, 409),
  },
});

const score = createRoute({
  method: "put",
  path: "/api/v1/review/applications/{id}/score",
  operationId: "scoreApplication",
  tags: ["Review"],
  summary: "Scores each rubric criterion 1-5, with a recommendation and a comment",
  description:
    "Every criterion of the call's rubric must be scored within its range; the answer is the rubric's " +
    "weighted mean. The comment is sealed. A review can be changed until the decision. `round` (default " +
    "`concept`): `full` scores a grant call's full application on its second rubric, once it is sent (409 " +
    "before); from then on the concept round is closed (409).",
  security: bearer,
  request: { params: Id, body: body(z.object(Review.ScoreInput.shape).openapi("Scores")) },
  responses: {
    200: json(z.object(Review.ScoreResult.shape), "Saved"),
    ...problems(400, 401, 403, 404, 409, 422),
  },
});

const assign = createRoute({
  method: "post",
  path: "/api/v1/review/applications/{id}/assign",
  operationId: "assignReviewers",
  tags: ["Review"],
  summary: "Assigns reviewers (coordinators)",
  description:
    "Each reviewer must work on the application's call. Assigning someone already assigned changes nothing; " +
    "the answer lists everyone assigned.",
  security: bearer,
  request: { params: Id, body: body(z.object(Review.AssignInput.shape).openapi("Assignment")) },
  responses: {
    200: json(z.object(Review.AssignResult.shape), "Assigned"),
    ...problems(400, 401, 403, 404, 409, 422),
  },
});

const transition = createRoute({
  method: "post",
  path: "/api/v1/review/applications/{id}/transition",
  operationId: "transitionApplication",
  tags: ["Review"],
  summary: "Moves the application on, or decides (coordinators); a stale version or impossible move is 409",
  description:
    "`to` of `approved` (with an `amount` no higher than requested) or `declined` (with a `note`) is the " +
    "decision. `note` is for staff only (sealed in the application's history, never shown to the applicant); " +
    "`messageToApplicant` is what the applicant reads: with a decision, a message; with `more_info` (where it " +
    "is required, else 422) the question they answer, kept with its answer in the application's `moreInfo`. " +
    "`shortlisted` from `submitted` passes through `in_review` in the same move (two events in the history, " +
    "the version two on).",
  security: bearer,
  request: { params: Id, body: body(Transition) },
  responses: {
    200: json(z.object(Stage.TransitionResult.shape), "Moved"),
    ...problems(400, 401, 403, 404, 409, 422, 429),
  },
});

const downloadBudgetFile = createRoute({
  method: "get",
  path: "/api/v1/review/applications/{id}/budget-file",
  operationId: "downloadBudgetFile",
  tags: ["Review"],
  summary: "Downloads the budget file: the checked bytes, as an attachment (each download is recorded)",
  description:
    "Whoever may read the application may download its file (404 or 403 as for the application; 404 when " +
    "there is none). The answer is the copy that was checked when the applicant confirmed the upload, under " +
    "the type its bytes were found to be and a name with that type's extension, as an attachment " +
    "(`Content-Disposition: attachment; filename*=UTF-8''...`, `X-Content-Type-Options: nosniff`, " +
    "`Cache-Control: no-store`). Read the application's `budgetFile.warnings` before opening it. Each " +
    "download is an audit event (`budget_file_downloaded`) on the application.",
  security: bearer,
  request: { params: Id },
  responses: {
    200: fileDownload,
    ...problems(401, 403, 404),
  },
});

/** Review over the JSON API: queues, applications, conflicts, scores, assignments and moves. */
export const reviewApi = createStaffApi();

reviewApi.openapi(queue, async (c) => {
  const { user } = await staff(c, { roles: ["reviewer"] });
  return c.json({ items: await Review.queue(user) }, 200);
});

reviewApi.openapi(listApplications, async (c) => {
  const { user } = await staff(c, { roles: ["coordinator", "admin"] });
  const { callId, stage } = c.req.valid("query");
  return c.json({ items: await Review.listForCoordinator(user, callId, stage) }, 200);
});

reviewApi.openapi(getApplication, async (c) => {
  const { user } = await staff(c, { roles: ["reviewer", "coordinator", "admin"] });
  return c.json(await Review.view(user, c.req.valid("param").id), 200);
});

reviewApi.openapi(beforeDeclaration, async (c) => {
  const { user } = await staff(c, { roles: ["reviewer"] });
  return c.json(await Review.beforeDeclaration(user, c.req.valid("param").id), 200);
});

reviewApi.openapi(declareConflict, async (c) => {
  const { user } = await staff(c, { roles: ["reviewer"] });
  return c.json(await Review.declare(user, c.req.valid("param").id, c.req.valid("json")), 200);
});

reviewApi.openapi(score, async (c) => {
  const { user } = await staff(c, { roles: ["reviewer"] });
  return c.json(await Review.score(user, c.req.valid("param").id, c.req.valid("json")), 200);
});

reviewApi.openapi(assign, async (c) => {
  const { user } = await staff(c, { roles: ["coordinator", "admin"] });
  return c.json(await Review.assign(user, c.req.valid("param").id, c.req.valid("json")), 200);
});

reviewApi.openapi(transition, async (c) => {
  const { user } = await staff(c, { roles: ["coordinator", "admin"] });
  return c.json(await Stage.transition(user, c.req.valid("param").id, c.req.valid("json")), 200);
});

reviewApi.openapi(downloadBudgetFile, async (c) => {
  const { user } = await staff(c, { roles: ["reviewer", "coordinator", "admin"] });
  // The answer is bytes, not JSON: the description lists each type it may carry.
  return downloadResponse(c, await Review.downloadBudgetFile(user, c.req.valid("param").id));
});
