import * as Call from "@amparo/core/call";
import * as Review from "@amparo/core/review";
import * as Stage from "@amparo/core/stage";
import { createRoute, z } from "@hono/zod-openapi";
import { body, IdParam as Id, json, problems } from "../shared/openapi.js";
import { bearer, createStaffApi, staff } from "./session.js";

const QueueItem = z.object({
  applicationId: z.string(),
  callId: z.string(),
  stage: Call.Stage,
  decisionDueAt: z.string().nullable(),
  review: Review.Status,
});

const queue = createRoute({
  method: "get",
  path: "/api/v1/review/queue",
  tags: ["Review"],
  summary: "The reviewer's queue, soonest decision deadline first",
  security: bearer,
  responses: { 200: json(z.object({ items: z.array(QueueItem) }), "The queue"), ...problems(401, 403) },
});

const listApplications = createRoute({
  method: "get",
  path: "/api/v1/review/applications",
  tags: ["Review"],
  summary: "A call's applications with review counts and mean scores (coordinators)",
  security: bearer,
  request: { query: z.object({ callId: z.string(), stage: Call.Stage.optional() }) },
  responses: {
    200: json(
      z.object({
        items: z.array(
          z.object({
            id: z.string(),
            stage: Call.Stage,
            version: z.number(),
            decisionDueAt: z.string().nullable(),
            reviews: z.number(),
            meanScore: z.number().nullable(),
          }),
        ),
      }),
      "The applications",
    ),
    ...problems(400, 401, 403),
  },
});

const getApplication = createRoute({
  method: "get",
  path: "/api/v1/review/applications/{id}",
  tags: ["Review"],
  summary: "The concept note, funding and budget file link, never contact details",
  security: bearer,
  request: { params: Id },
  responses: { 200: json(z.record(z.string(), z.unknown()), "The application"), ...problems(401, 403, 404) },
});

const declareConflict = createRoute({
  method: "post",
  path: "/api/v1/review/applications/{id}/conflict",
  tags: ["Review"],
  summary: "Declares a conflict of interest, or none, before any content is shown",
  security: bearer,
  request: { params: Id, body: body(z.object(Review.DeclareInput.shape)) },
  responses: { 200: json(z.object({ review: Review.Status }), "Declared"), ...problems(400, 401, 403, 404, 409) },
});

const score = createRoute({
  method: "put",
  path: "/api/v1/review/applications/{id}/score",
  tags: ["Review"],
  summary: "Scores each rubric criterion 1-5, with a recommendation and a comment",
  security: bearer,
  request: {
    params: Id,
    body: body(
      z.object({
        scores: z.record(z.string(), z.unknown()),
        recommendation: z.enum(["fund", "maybe", "decline"]),
        comment: z.string().optional(),
      }),
    ),
  },
  responses: { 200: json(z.object({ weightedScore: z.number() }), "Saved"), ...problems(400, 401, 403, 404, 409, 422) },
});

const assign = createRoute({
  method: "post",
  path: "/api/v1/review/applications/{id}/assign",
  tags: ["Review"],
  summary: "Assigns reviewers (coordinators)",
  security: bearer,
  request: { params: Id, body: body(z.object(Review.AssignInput.shape)) },
  responses: {
    200: json(z.object({ assigned: z.array(z.string()) }), "Assigned"),
    ...problems(400, 401, 403, 404, 409, 422),
  },
});

const transition = createRoute({
  method: "post",
  path: "/api/v1/review/applications/{id}/transition",
  tags: ["Review"],
  summary: "Moves the application on, or decides (coordinators); a stale version or impossible move is 409",
  security: bearer,
  request: { params: Id, body: body(z.object(Stage.TransitionInput.shape)) },
  responses: {
    200: json(z.object({ stage: Call.Stage, version: z.number() }), "Moved"),
    ...problems(400, 401, 403, 404, 409, 422),
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
