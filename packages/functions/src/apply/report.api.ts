import * as Application from "@amparo/core/application";
import * as Award from "@amparo/core/award";
import * as Call from "@amparo/core/call";
import * as Stage from "@amparo/core/stage";
import * as Upload from "@amparo/core/upload";
import { createRoute, z } from "@hono/zod-openapi";
import { bearerToken, createArea, type AppContext } from "../shared/app.js";
import { body, IdParam, json, problems } from "../shared/openapi.js";

/**
 * The grant's reports over the JSON API, for the applicant: one report as it stands, its text saved as a draft,
 * its documents uploaded as the full application's are, and sending it (with the answer, when more was asked).
 */
const bearer = [{ applicantToken: [] }];

const applicant = (c: AppContext, id: string) => Application.authorize(id, bearerToken(c));

const ReportParams = IdParam.extend({
  reportId: z.string().openapi({ param: { name: "reportId", in: "path" } }),
});
const DocumentParams = ReportParams.extend({
  documentId: z.string().openapi({ param: { name: "documentId", in: "path" } }),
});

const notOpen =
  "A report that is sent (and not asked for more), accepted, or of a grant that is not running (held, cancelled, " +
  "closed) cannot be changed: 409, and nothing changes. No report by that id, or no agreement yet: 404.";

// Every schema below is a core schema: the description cannot drift from what the code validates and returns.
const getReport = createRoute({
  method: "get",
  path: "/api/v1/applications/{id}/reports/{reportId}",
  operationId: "getReport",
  tags: ["Applications"],
  summary: "One of the grant's reports: what it asks, what it holds, its due date, status and questions",
  description:
    "Once the agreement is accepted; 404 before, or for a report the call does not ask for. `open` says whether " +
    "it may be written now; `rounds` holds every question a coordinator asked about it and the answer sent.",
  security: bearer,
  request: { params: ReportParams },
  responses: { 200: json(z.object(Award.ReportView.shape).openapi("ReportView"), "The report"), ...problems(404) },
});

const putReport = createRoute({
  method: "put",
  path: "/api/v1/applications/{id}/reports/{reportId}",
  operationId: "saveReport",
  tags: ["Applications"],
  summary: "Saves a report's fields as a draft (even over a limit) and counts their words",
  description:
    "As the full application: words counted in the application's language and stored, a field far longer in " +
    `characters than its word limit could need is a 422, an unknown field a 400. ${notOpen}`,
  security: bearer,
  request: {
    params: ReportParams,
    body: body(z.object(Application.TextsInput.shape).openapi("ReportFields")),
  },
  responses: {
    200: json(z.object(Application.WordReport.shape).openapi("WordReport"), "Saved, with word counts"),
    ...problems(400, 404, 409, 413, 422),
  },
});

const startReportUpload = createRoute({
  method: "post",
  path: "/api/v1/applications/{id}/reports/{reportId}/documents/{documentId}/upload",
  operationId: "startReportUpload",
  tags: ["Applications"],
  summary: "A presigned S3 POST for one of a report's documents",
  description:
    "As a full application's document upload, with the report's document rules (its types and size). An " +
    `unknown document: 404. ${notOpen}`,
  security: bearer,
  request: { params: DocumentParams, body: body(z.object(Application.UploadInput.shape).openapi("UploadRequest")) },
  responses: {
    200: json(z.object(Upload.PresignedUpload.shape).openapi("Upload"), "Where and how to upload"),
    ...problems(400, 404, 409, 422),
  },
});

const ReportFile = Award.ReportView.shape.files.valueType;

const confirmReportUpload = createRoute({
  method: "post",
  path: "/api/v1/applications/{id}/reports/{reportId}/documents/{documentId}/confirm",
  operationId: "confirmReportUpload",
  tags: ["Applications"],
  summary: "Checks a report's uploaded document itself and accepts it, or deletes it",
  description:
    "As a full application's document confirmation: the stored object is checked (present, within the size " +
    "limit, magic bytes of an allowed type, no active content); a file that fails is deleted and answered with " +
    `422. ${notOpen}`,
  security: bearer,
  request: { params: DocumentParams },
  responses: {
    200: json(z.object(ReportFile.shape).openapi("ReportFile"), "Accepted: the file as checked"),
    ...problems(404, 409, 422),
  },
});

const submitReport = createRoute({
  method: "post",
  path: "/api/v1/applications/{id}/reports/{reportId}/submit",
  operationId: "submitReport",
  tags: ["Applications"],
  summary: "Sends a report for the fund's team to read; with the answer, when they asked for more",
  description:
    "Anything missing or over a limit (fields, required documents, an answer over " +
    `${Award.reportMessageMax} characters) is a 422 listing all of it. The answer is kept only when a ` +
    "coordinator asked for more; it may be left out. A report already sent and not asked for more, or " +
    "accepted, is a 409; so is a grant that is not running.",
  security: bearer,
  request: {
    params: ReportParams,
    // Optional: without a JSON body there is nothing to answer.
    body: { ...body(z.object(Award.SendReportInput.shape).openapi("ReportSend")), required: false },
  },
  responses: {
    200: json(
      z.object({ stage: Stage.Stage, version: z.number().int() }).openapi("ReportSent"),
      "Sent: the grant's stage now",
    ),
    ...problems(400, 404, 409, 422),
  },
});

/** The applicant's reports over the JSON API. */
export const grantReportApi = createArea();

grantReportApi.openapi(getReport, async (c) => {
  const { id, reportId } = c.req.valid("param");
  const application = await applicant(c, id);
  return c.json(await viewOf(application, reportId), 200);
});

grantReportApi.openapi(putReport, async (c) => {
  const { id, reportId } = c.req.valid("param");
  const application = await applicant(c, id);
  return c.json(await Award.saveReport(application, reportId, c.req.valid("json")), 200);
});

grantReportApi.openapi(startReportUpload, async (c) => {
  const { id, reportId, documentId } = c.req.valid("param");
  const application = await applicant(c, id);
  return c.json(await Award.startReportUpload(application, reportId, documentId, c.req.valid("json")), 200);
});

grantReportApi.openapi(confirmReportUpload, async (c) => {
  const { id, reportId, documentId } = c.req.valid("param");
  const application = await applicant(c, id);
  const { fileName, contentType, size } = await Award.confirmReportUpload(application, reportId, documentId);
  return c.json({ fileName, contentType, size }, 200);
});

grantReportApi.openapi(submitReport, async (c) => {
  const { id, reportId } = c.req.valid("param");
  const application = await applicant(c, id);
  const { stage, version } = await Award.sendReport(application, reportId, c.req.valid("json"));
  return c.json({ stage, version }, 200);
});

async function viewOf(application: Application.Info, reportId: string) {
  return Award.reportView(application, await Call.forApplication(application), reportId);
}
