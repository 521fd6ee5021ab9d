import * as Application from "@amparo/core/application";
import * as Stage from "@amparo/core/stage";
import * as Upload from "@amparo/core/upload";
import { createRoute, z } from "@hono/zod-openapi";
import { bearerToken, createArea, type AppContext } from "../shared/app.js";
import { body, IdParam, json, problems } from "../shared/openapi.js";

/**
 * The full application of a grant call's second stage, over the JSON API. Every route needs the
 * application's access code; every refusal (not invited, already sent, a call without one, past the due date:
 * 409) changes nothing.
 */
const bearer = [{ applicantToken: [] }];

const applicant = (c: AppContext, id: string) => Application.authorize(id, bearerToken(c));

const DocumentParams = IdParam.extend({
  documentId: z.string().openapi({ param: { name: "documentId", in: "path" } }),
});

const notOpen =
  "Not invited (the application was not shortlisted in a call with a full application), already sent, or past " +
  "the due date: 409, and nothing changes.";

// Every schema below is a core schema: the description cannot drift from what the code validates and returns.
const putFullApplication = createRoute({
  method: "put",
  path: "/api/v1/applications/{id}/full-application",
  operationId: "saveFullApplication",
  tags: ["Applications"],
  summary: "Saves the full application's fields (even over a limit) and counts their words",
  description:
    "As the concept note: words counted in the application's language and stored, a field far longer in " +
    `characters than its word limit could need is a 422, an unknown field a 400. ${notOpen}`,
  security: bearer,
  request: {
    params: IdParam,
    body: body(z.object(Application.FullApplicationInput.shape).openapi("FullApplicationFields")),
  },
  responses: {
    200: json(z.object(Application.WordReport.shape).openapi("WordReport"), "Saved, with word counts"),
    ...problems(400, 404, 409, 413, 422),
  },
});

const startDocumentUpload = createRoute({
  method: "post",
  path: "/api/v1/applications/{id}/documents/{documentId}/upload",
  operationId: "startDocumentUpload",
  tags: ["Applications"],
  summary: "A presigned S3 POST for one of the full application's documents",
  description:
    "As the budget file's upload, with the document's own rules (its types and size). An unknown document: " +
    `404. ${notOpen}`,
  security: bearer,
  request: { params: DocumentParams, body: body(z.object(Application.UploadInput.shape).openapi("UploadRequest")) },
  responses: {
    200: json(z.object(Upload.PresignedUpload.shape).openapi("Upload"), "Where and how to upload"),
    ...problems(400, 404, 409, 422),
  },
});

const confirmDocumentUpload = createRoute({
  method: "post",
  path: "/api/v1/applications/{id}/documents/{documentId}/confirm",
  operationId: "confirmDocumentUpload",
  tags: ["Applications"],
  summary: "Checks the uploaded document itself and accepts it, or deletes it",
  description:
    "As the budget file's confirmation: the stored object is checked (present, within the size limit, magic " +
    `bytes of an allowed type, no active content); a file that fails is deleted and answered with 422. ${notOpen}`,
  security: bearer,
  request: { params: DocumentParams },
  responses: {
    200: json(
      z.object({ document: Application.PublicDocument }).openapi("ConfirmedDocument"),
      "Accepted: the document as checked",
    ),
    ...problems(404, 409, 422),
  },
});

const submitFullApplication = createRoute({
  method: "post",
  path: "/api/v1/applications/{id}/full-application/submit",
  operationId: "submitFullApplication",
  tags: ["Applications"],
  summary: "Sends the full application; again (or with the same Idempotency-Key) answers the same",
  description:
    "Anything missing or over a limit (fields, required documents) is a 422 listing all of it. Past the due " +
    "date, or with no full application to send: 409. Sending again answers the first answer and sends no " +
    "second email; a repeat with the same `Idempotency-Key` answers exactly what the first request answered.",
  security: bearer,
  request: {
    params: IdParam,
    headers: z.object({ "idempotency-key": Stage.SubmitOptions.shape.idempotencyKey }),
  },
  responses: {
    200: json(z.object(Application.FullSubmission.shape).openapi("FullSubmission"), "Sent"),
    ...problems(400, 404, 409, 422, 429),
  },
});

/** The applicant's full application over the JSON API. */
export const fullApplicationApi = createArea();

fullApplicationApi.openapi(putFullApplication, async (c) => {
  const application = await applicant(c, c.req.valid("param").id);
  return c.json(await Application.saveFullApplication(application, c.req.valid("json")), 200);
});

fullApplicationApi.openapi(startDocumentUpload, async (c) => {
  const { id, documentId } = c.req.valid("param");
  const application = await applicant(c, id);
  return c.json(await Application.startDocumentUpload(application, documentId, c.req.valid("json")), 200);
});

fullApplicationApi.openapi(confirmDocumentUpload, async (c) => {
  const { id, documentId } = c.req.valid("param");
  const application = await applicant(c, id);
  const document = Application.publicDocument(await Application.confirmDocumentUpload(application, documentId));
  return c.json({ document }, 200);
});

fullApplicationApi.openapi(submitFullApplication, async (c) => {
  const application = await applicant(c, c.req.valid("param").id);
  const idempotencyKey = c.req.valid("header")["idempotency-key"];
  return c.json(await Stage.submitFull(application, { idempotencyKey }), 200);
});
