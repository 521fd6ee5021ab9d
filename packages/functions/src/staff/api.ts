import * as Auth from "@amparo/core/auth";
import * as Call from "@amparo/core/call";
import { VisibleError } from "@amparo/core/error";
import * as Review from "@amparo/core/review";
import * as Stage from "@amparo/core/stage";
import * as User from "@amparo/core/user";
import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { Env } from "../shared/app.js";
import { body, json, problems } from "../shared/openapi.js";
import { rememberSession, staff } from "./session.js";

const bearer = [{ staffSession: [] }];
const Id = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" } }) });
const UserInfo = z.object({ id: z.string(), email: z.string(), roles: z.array(User.Role) });
const publicUser = (user: User.Info) => ({ id: user.id, email: user.email, roles: user.roles });

const magicLink = createRoute({
  method: "post",
  path: "/api/v1/auth/magic-link",
  tags: ["Staff sign-in"],
  summary: "Emails a one-time sign-in link; always 202, whether or not the address is known",
  request: { body: body(z.object({ email: z.string() })) },
  responses: { 202: json(z.object({}), "Accepted"), ...problems(400, 429) },
});

const verify = createRoute({
  method: "post",
  path: "/api/v1/auth/verify",
  tags: ["Staff sign-in"],
  summary: "Signs in with the link's token (and a TOTP code once enrolled)",
  request: { body: body(z.object({ token: z.string(), totp: z.string().optional() })) },
  responses: {
    200: json(
      z.object({ session: z.string(), user: UserInfo, totp: z.enum(["not_required", "required", "enrolled"]) }),
      "Signed in",
    ),
    ...problems(400, 401),
  },
});

const enroll = createRoute({
  method: "post",
  path: "/api/v1/auth/totp/enroll",
  tags: ["Staff sign-in"],
  summary: "Starts TOTP enrolment",
  security: bearer,
  responses: {
    200: json(z.object({ secret: z.string(), uri: z.string(), qrSvg: z.string() }), "The new secret"),
    ...problems(401, 409),
  },
});

const confirmTotp = createRoute({
  method: "post",
  path: "/api/v1/auth/totp/confirm",
  tags: ["Staff sign-in"],
  summary: "Confirms enrolment with a code; answers a full session",
  security: bearer,
  request: { body: body(z.object({ code: z.string() })) },
  responses: { 200: json(z.object({ session: z.string() }), "Enrolled"), ...problems(400, 401, 409, 422) },
});

const signOut = createRoute({
  method: "post",
  path: "/api/v1/auth/sign-out",
  tags: ["Staff sign-in"],
  summary: "Ends the session",
  security: bearer,
  responses: { 204: { description: "Signed out" }, ...problems(401) },
});

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

const putCall = createRoute({
  method: "put",
  path: "/api/v1/admin/calls/{callId}",
  tags: ["Admin"],
  summary: "Creates or replaces a call's configuration",
  security: bearer,
  request: {
    params: z.object({ callId: z.string().openapi({ param: { name: "callId", in: "path" } }) }),
    body: body(z.record(z.string(), z.unknown())),
  },
  responses: { 200: json(z.object({ id: z.string() }), "Saved"), ...problems(400, 401, 403) },
});

const createUser = createRoute({
  method: "post",
  path: "/api/v1/admin/users",
  tags: ["Admin"],
  summary: "Creates a staff account",
  security: bearer,
  request: { body: body(z.object(User.CreateInput.shape)) },
  responses: { 201: json(z.object({ id: z.string() }), "Created"), ...problems(400, 401, 403, 409) },
});

/** The staff JSON API: sign-in, review, admin. */
export function mountStaffApi(app: OpenAPIHono<Env>) {
  app.openAPIRegistry.registerComponent("securitySchemes", "staffSession", {
    type: "http",
    scheme: "bearer",
    description: "The session from POST /api/v1/auth/verify",
  });

  app.openapi(magicLink, async (c) => {
    await Auth.requestLink({ email: c.req.valid("json").email, locale: c.get("language") });
    return c.json({}, 202);
  });

  app.openapi(verify, async (c) => {
    const result = await Auth.verify(c.req.valid("json"));
    rememberSession(c, result.session);
    return c.json({ session: result.session, user: publicUser(result.user), totp: result.totp }, 200);
  });

  app.openapi(enroll, async (c) => {
    const { user } = await staff(c, { allowEnrol: true });
    return c.json(await Auth.enrol(user), 200);
  });

  app.openapi(confirmTotp, async (c) => {
    const { user, token } = await staff(c, { allowEnrol: true });
    const result = await Auth.confirm(user, c.req.valid("json").code, token);
    rememberSession(c, result.session);
    return c.json(result, 200);
  });

  app.openapi(signOut, async (c) => {
    const { token } = await staff(c, { allowEnrol: true });
    await Auth.signOut(token);
    return c.body(null, 204);
  });

  app.openapi(queue, async (c) => {
    const { user } = await staff(c, { roles: ["reviewer"] });
    return c.json({ items: await Review.queue(user) }, 200);
  });

  app.openapi(listApplications, async (c) => {
    const { user } = await staff(c, { roles: ["coordinator", "admin"] });
    const { callId, stage } = c.req.valid("query");
    return c.json({ items: await Review.listForCoordinator(user, callId, stage) }, 200);
  });

  app.openapi(getApplication, async (c) => {
    const { user } = await staff(c, { roles: ["reviewer", "coordinator", "admin"] });
    return c.json(await Review.view(user, c.req.valid("param").id), 200);
  });

  app.openapi(declareConflict, async (c) => {
    const { user } = await staff(c, { roles: ["reviewer"] });
    return c.json(await Review.declare(user, c.req.valid("param").id, c.req.valid("json")), 200);
  });

  app.openapi(score, async (c) => {
    const { user } = await staff(c, { roles: ["reviewer"] });
    return c.json(await Review.score(user, c.req.valid("param").id, c.req.valid("json")), 200);
  });

  app.openapi(assign, async (c) => {
    const { user } = await staff(c, { roles: ["coordinator", "admin"] });
    return c.json(await Review.assign(user, c.req.valid("param").id, c.req.valid("json")), 200);
  });

  app.openapi(transition, async (c) => {
    const { user } = await staff(c, { roles: ["coordinator", "admin"] });
    return c.json(await Stage.transition(user, c.req.valid("param").id, c.req.valid("json")), 200);
  });

  app.openapi(putCall, async (c) => {
    await staff(c, { roles: ["admin"] });
    const callId = c.req.valid("param").callId;
    const config = c.req.valid("json");
    if (config["id"] !== undefined && config["id"] !== callId) {
      throw new VisibleError("input", "admin.id_mismatch", "error.invalid_input", {}, [
        { path: "id", message: "validation.invalid_value" },
      ]);
    }
    const saved = await Call.put(Call.Info.parse({ ...config, id: callId }));
    return c.json({ id: saved.id }, 200);
  });

  app.openapi(createUser, async (c) => {
    const { user } = await staff(c, { roles: ["admin"] });
    const created = await User.create({ ...c.req.valid("json"), createdBy: user.id });
    if (!created) throw new VisibleError("conflict", "user.exists", "staff.admin.user.exists");
    return c.json({ id: created.id }, 201);
  });
}
