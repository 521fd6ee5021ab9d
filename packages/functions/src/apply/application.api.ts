import * as Application from "@amparo/core/application";
import * as Stage from "@amparo/core/stage";
import * as Upload from "@amparo/core/upload";
import { createRoute, z } from "@hono/zod-openapi";
import { bearerToken, createArea, showsSecret, type AppContext } from "../shared/app.js";
import { body, IdParam as Id, json, problems } from "../shared/openapi.js";
import { sourceAddress } from "../shared/source.js";

const bearer = [{ applicantToken: [] }];

/** The application `id`, if the request's bearer token is its access code. */
const applicant = (c: AppContext, id: string) => Application.authorize(id, bearerToken(c));

// Every schema below is a core schema: the description cannot drift from what the code validates and returns.
const createApplication = createRoute({
  method: "post",
  path: "/api/v1/applications",
  operationId: "createApplication",
  tags: ["Applications"],
  summary: "Starts an application; returns the access code once",
  description:
    "Checks the eligibility answers again on the server: ineligible answers are a 422 with every reason, and " +
    "nothing is stored. The access code (`token`) opens the application from then on; only its hash is kept, " +
    "so it cannot be shown again. A contact address is optional: it is sent one neutral email with a link to " +
    "confirm it (`POST /api/v1/contact/confirm`), at most one in 30 days whatever the number of applications " +
    "naming it, and nothing else until it is confirmed. Starting applications is limited per call and per " +
    "source (a keyed hash of the connecting address, an IPv6 address by its /64, kept only for the hour it " +
    "counts in): settings `LIMIT_CALL_PER_HOUR` and `LIMIT_SOURCE_PER_HOUR`, over a sliding hour. Past " +
    "either: 429 with `Retry-After` (seconds), and nothing stored.",
  request: { body: body(z.object(Application.CreateInput.shape).openapi("NewApplicationRequest")) },
  responses: {
    201: json(
      z.object(Application.Created.shape).openapi("NewApplication"),
      "Started; keep the token, it is not shown again",
    ),
    ...problems(400, 404, 409, 413, 422, 429),
  },
});

const getApplication = createRoute({
  method: "get",
  path: "/api/v1/applications/{id}",
  operationId: "getApplication",
  tags: ["Applications"],
  summary: "The application, as its applicant sees it",
  description:
    "Needs the application's access code as the bearer token. Another application's code, a wrong code or " +
    "none all answer the same 404.",
  security: bearer,
  request: { params: Id },
  responses: {
    200: json(z.object(Application.View.shape).openapi("Application"), "The application"),
    ...problems(404),
  },
});

const putConceptNote = createRoute({
  method: "put",
  path: "/api/v1/applications/{id}/concept-note",
  operationId: "saveConceptNote",
  tags: ["Applications"],
  summary: "Saves the concept note draft (even over a limit) and counts its words",
  description:
    "Words are counted in the application's language, also in scripts without spaces (Thai, Lao, Khmer, " +
    "Burmese), and invisible characters or no-break spaces between words do not join them. The counts are " +
    "stored with the note, and are what the submission check reads. A field far longer in characters than " +
    "its word limit could need is a 422 naming the field, and nothing is saved. Only while the application " +
    "is a draft or more information was asked for; otherwise 409.",
  security: bearer,
  request: { params: Id, body: body(z.object(Application.ConceptNoteInput.shape).openapi("ConceptNote")) },
  responses: {
    200: json(z.object(Application.WordReport.shape).openapi("WordReport"), "Saved, with word counts"),
    ...problems(400, 404, 409, 413, 422),
  },
});

const putFunding = createRoute({
  method: "put",
  path: "/api/v1/applications/{id}/funding",
  operationId: "setFunding",
  tags: ["Applications"],
  summary: "Sets the amount asked for, checked against the call's funding rules",
  description:
    "A 422 names each broken rule: below the minimum, above the maximum, above the call's ratio to the " +
    "annual budget, more months than allowed. `annualBudget` is needed only by a call with a ratio rule " +
    "(`maxRatioToAnnualBudget` not null); there it may be left out when the call's eligibility quiz asked for " +
    "it (the quiz answer is used), and is otherwise a 422 naming it. Other calls do not need it.",
  security: bearer,
  request: { params: Id, body: body(z.object(Application.FundingInput.shape).openapi("Funding")) },
  responses: {
    200: json(z.object(Application.FundingSaved.shape), "Saved"),
    ...problems(400, 404, 409, 422),
  },
});

const putIdentity = createRoute({
  method: "put",
  path: "/api/v1/applications/{id}/identity",
  operationId: "setIdentity",
  tags: ["Applications"],
  summary: "Sets how reviewers should know the applicant (optional name or organisation, and country)",
  description:
    "Both parts are optional and sealed with the application; what is sent replaces what was given before " +
    "(an empty or missing `name` clears it). An assigned reviewer sees them before anything else, to declare " +
    "any conflict of interest. `country` is an ISO 3166-1 alpha-2 code. Only while the application is a " +
    "draft or more information was asked for; otherwise 409.",
  security: bearer,
  request: { params: Id, body: body(z.object(Application.IdentityInput.shape).openapi("Identity")) },
  responses: {
    200: json(z.object(Application.IdentitySaved.shape).openapi("IdentitySaved"), "Saved"),
    ...problems(400, 404, 409),
  },
});

const startUpload = createRoute({
  method: "post",
  path: "/api/v1/applications/{id}/budget-file/upload",
  operationId: "startBudgetUpload",
  tags: ["Applications"],
  summary: "A presigned S3 POST for the budget file (post fields, then file, as multipart/form-data)",
  description:
    "The declared type and size are checked against the call's rules first (422). The form fixes the " +
    "object's key, type and size range; confirm the upload afterwards.",
  security: bearer,
  request: { params: Id, body: body(z.object(Application.UploadInput.shape).openapi("UploadRequest")) },
  responses: {
    200: json(z.object(Upload.PresignedUpload.shape).openapi("Upload"), "Where and how to upload"),
    ...problems(400, 404, 409, 422),
  },
});

const confirmUpload = createRoute({
  method: "post",
  path: "/api/v1/applications/{id}/budget-file/confirm",
  operationId: "confirmBudgetUpload",
  tags: ["Applications"],
  summary: "Checks the uploaded object itself and accepts it, or deletes it",
  description:
    "Checks the stored object, never what the client claimed: present, within the size limit, and magic " +
    "bytes of an allowed type. A file that fails is deleted and answered with 422.",
  security: bearer,
  request: { params: Id },
  responses: {
    200: json(
      z.object(Application.ConfirmedUpload.shape).openapi("ConfirmedUpload"),
      "Accepted: the file is present, within the size limit and of an allowed type",
    ),
    ...problems(404, 409, 422),
  },
});

const submitApplication = createRoute({
  method: "post",
  path: "/api/v1/applications/{id}/submit",
  operationId: "submitApplication",
  tags: ["Applications"],
  summary: "Submits; again (or with the same Idempotency-Key) answers the same and changes nothing",
  description:
    "Anything missing or over a limit is a 422 listing all of it. Submitting again answers the submission " +
    "and sends no second email; a repeat with the same `Idempotency-Key` answers exactly what the first " +
    "request answered, even after the application has moved on.",
  security: bearer,
  request: {
    params: Id,
    headers: z.object({ "idempotency-key": Stage.SubmitOptions.shape.idempotencyKey }),
  },
  responses: {
    200: json(z.object(Application.Submission.shape).openapi("Submission"), "Submitted"),
    ...problems(400, 404, 409, 422, 429),
  },
});

const withdrawApplication = createRoute({
  method: "post",
  path: "/api/v1/applications/{id}/withdraw",
  operationId: "withdrawApplication",
  tags: ["Applications"],
  summary: "Withdraws before a decision",
  description:
    "After a decision: 409. Withdrawing again answers the same. The content is deleted after the call's " +
    "retention period.",
  security: bearer,
  request: { params: Id },
  responses: {
    200: json(z.object(Stage.Withdrawal.shape), "Withdrawn"),
    ...problems(404, 409, 429),
  },
});

/** The applicant's JSON API: every route but creation needs the application's access code. */
export const applicationApi = createArea();

applicationApi.openAPIRegistry.registerComponent("securitySchemes", "applicantToken", {
  type: "http",
  scheme: "bearer",
  description: "The access code returned once by POST /api/v1/applications",
});

applicationApi.openapi(createApplication, async (c) => {
  const created = await Application.create(c.req.valid("json"), sourceAddress(c));
  showsSecret(c);
  return c.json(created, 201);
});

applicationApi.openapi(getApplication, async (c) => {
  const application = await applicant(c, c.req.valid("param").id);
  return c.json(await Application.viewWithContact(application), 200);
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

applicationApi.openapi(putIdentity, async (c) => {
  const application = await applicant(c, c.req.valid("param").id);
  const identity = await Application.setIdentity(application, c.req.valid("json"));
  return c.json(identity ? { identity } : {}, 200);
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
