import * as Application from "@amparo/core/application";
import * as Stage from "@amparo/core/stage";
import { createRoute, z } from "@hono/zod-openapi";
import { bearerToken, createArea, type AppContext } from "../shared/app.js";
import { body, IdParam as Id, json, problems } from "../shared/openapi.js";

const bearer = [{ applicantToken: [] }];

/** The application `id`, if the request's bearer token is its access code. */
const applicant = (c: AppContext, id: string) => Application.authorize(id, bearerToken(c));

const createApplication = createRoute({
  method: "post",
  path: "/api/v1/applications",
  tags: ["Applications"],
  summary: "Starts an application; returns the access code once",
  request: {
    body: body(
      z.object({
        callId: z.string(),
        language: z.string(),
        eligibility: z.object({ answers: z.record(z.string(), z.unknown()) }),
        contact: z.object({ email: z.string() }).optional(),
      }),
    ),
  },
  responses: {
    201: json(
      z.object({ id: z.string(), token: z.string(), stage: Application.Stage }).openapi("NewApplication"),
      "Started; keep the token, it is not shown again",
    ),
    ...problems(400, 404, 409, 413, 422),
  },
});

const getApplication = createRoute({
  method: "get",
  path: "/api/v1/applications/{id}",
  tags: ["Applications"],
  summary: "The application, as its applicant sees it",
  security: bearer,
  request: { params: Id },
  responses: {
    200: json(z.object(Application.View.shape).openapi("Application"), "The application"),
    ...problems(404),
  },
});

const WordReport = z
  .object({
    fields: z.record(z.string(), z.object({ words: z.number(), maxWords: z.number(), ok: z.boolean() })),
    complete: z.boolean(),
  })
  .openapi("WordReport");

const putConceptNote = createRoute({
  method: "put",
  path: "/api/v1/applications/{id}/concept-note",
  tags: ["Applications"],
  summary: "Saves the concept note draft (even over a limit) and counts its words",
  security: bearer,
  request: { params: Id, body: body(z.object({ fields: z.record(z.string(), z.string()) })) },
  responses: { 200: json(WordReport, "Saved, with word counts"), ...problems(400, 404, 409, 413) },
});

const putFunding = createRoute({
  method: "put",
  path: "/api/v1/applications/{id}/funding",
  tags: ["Applications"],
  summary: "Sets the amount asked for, checked against the call's funding rules",
  security: bearer,
  request: { params: Id, body: body(z.object(Application.Funding.shape).openapi("Funding")) },
  responses: { 200: json(z.object({ ok: z.literal(true) }), "Saved"), ...problems(400, 404, 409, 422) },
});

const startUpload = createRoute({
  method: "post",
  path: "/api/v1/applications/{id}/budget-file/upload",
  tags: ["Applications"],
  summary: "A presigned S3 POST for the budget file (post fields, then file, as multipart/form-data)",
  security: bearer,
  request: { params: Id, body: body(z.object(Application.UploadInput.shape)) },
  responses: {
    200: json(
      z.object({ url: z.string(), fields: z.record(z.string(), z.string()), expiresAt: z.string() }).openapi("Upload"),
      "Where and how to upload",
    ),
    ...problems(400, 404, 409, 422),
  },
});

const confirmUpload = createRoute({
  method: "post",
  path: "/api/v1/applications/{id}/budget-file/confirm",
  tags: ["Applications"],
  summary: "Checks the uploaded object itself and accepts it, or deletes it",
  security: bearer,
  request: { params: Id },
  responses: {
    200: json(
      z.object({ budgetFile: Application.BudgetFile.omit({ key: true }) }),
      "Accepted: the file is present, within the size limit and of an allowed type",
    ),
    ...problems(404, 409, 422),
  },
});

const submitApplication = createRoute({
  method: "post",
  path: "/api/v1/applications/{id}/submit",
  tags: ["Applications"],
  summary: "Submits; again (or with the same Idempotency-Key) answers the same and changes nothing",
  security: bearer,
  request: {
    params: Id,
    headers: z.object({ "idempotency-key": z.string().max(200).optional() }),
  },
  responses: {
    200: json(
      z.object({ stage: Application.Stage, submittedAt: z.string(), decisionDueAt: z.string() }).openapi("Submission"),
      "Submitted",
    ),
    ...problems(404, 409, 422),
  },
});

const withdrawApplication = createRoute({
  method: "post",
  path: "/api/v1/applications/{id}/withdraw",
  tags: ["Applications"],
  summary: "Withdraws before a decision",
  security: bearer,
  request: { params: Id },
  responses: { 200: json(z.object({ stage: Application.Stage }), "Withdrawn"), ...problems(404, 409) },
});

/** The applicant's JSON API: every route but creation needs the application's access code. */
export const applicationApi = createArea();

applicationApi.openAPIRegistry.registerComponent("securitySchemes", "applicantToken", {
  type: "http",
  scheme: "bearer",
  description: "The access code returned once by POST /api/v1/applications",
});

applicationApi.openapi(createApplication, async (c) => {
  const created = await Application.create(c.req.valid("json"));
  return c.json(created, 201);
});

applicationApi.openapi(getApplication, async (c) => {
  const application = await applicant(c, c.req.valid("param").id);
  return c.json(Application.view(application), 200);
});

applicationApi.openapi(putConceptNote, async (c) => {
  const application = await applicant(c, c.req.valid("param").id);
  return c.json(await Application.saveConceptNote(application, c.req.valid("json")), 200);
});

applicationApi.openapi(putFunding, async (c) => {
  const application = await applicant(c, c.req.valid("param").id);
  await Application.setFunding(application, c.req.valid("json"));
  return c.json({ ok: true as const }, 200);
});

applicationApi.openapi(startUpload, async (c) => {
  const application = await applicant(c, c.req.valid("param").id);
  return c.json(await Application.startBudgetUpload(application, c.req.valid("json")), 200);
});

applicationApi.openapi(confirmUpload, async (c) => {
  const application = await applicant(c, c.req.valid("param").id);
  const budgetFile = Application.publicBudgetFile(await Application.confirmBudgetUpload(application));
  return c.json({ budgetFile }, 200);
});

applicationApi.openapi(submitApplication, async (c) => {
  const application = await applicant(c, c.req.valid("param").id);
  const idempotencyKey = c.req.valid("header")["idempotency-key"];
  return c.json(await Stage.submit(application, { idempotencyKey }), 200);
});

applicationApi.openapi(withdrawApplication, async (c) => {
  const application = await applicant(c, c.req.valid("param").id);
  return c.json(await Stage.withdraw(application), 200);
});
