import * as Award from "@amparo/core/award";
import * as Stage from "@amparo/core/stage";
import type * as User from "@amparo/core/user";
import { createRoute, z } from "@hono/zod-openapi";
import { body, fileDownload, IdParam, json, problems } from "../shared/openapi.js";
import { downloadResponse } from "./download-response.js";
import { bearer, createStaffApi, staff } from "./session.js";

/** The `{reportId}` path parameter beside the application's `{id}`. */
const ReportParams = IdParam.extend({
  reportId: z.string().openapi({ param: { name: "reportId", in: "path" } }),
});

/** A report as its coordinator reads it, with the application's version every answer to it must name. */
const StaffReport = z
  .object({ ...Award.ReportView.shape, version: z.number().int() })
  .openapi("StaffReport", { description: "A grant's report as a coordinator reads it (`ReportView`) and a `version`" });

const [accept, more] = Award.ReportDecisionInput.options;
const ReportDecision = z
  .discriminatedUnion("decision", [z.object(accept.shape), z.object(more.shape)])
  .openapi("ReportDecision");

const Moved = z.object({ stage: Stage.Stage, version: z.number().int() }).openapi("ReportDecided");

// Every route: reviewers and other calls' coordinators get 404, as for the grant itself.
const anyStaff: { roles: User.Role[] } = { roles: ["reviewer", "coordinator", "admin"] };

const openReport = createRoute({
  method: "get",
  path: "/api/v1/review/applications/{id}/reports/{reportId}",
  operationId: "openGrantReport",
  tags: ["Review"],
  summary: "Opens one of a grant's reports: its fields, documents and questions (coordinators; recorded)",
  description:
    "What the grantee wrote under each of the report's fields, the documents they gave (names and sizes; " +
    "`GET .../documents/{documentId}` for the bytes), the word counts, the rounds of questions and answers, " +
    "its dates and where it stands, with the application's `version` that a decision or a new due date must " +
    "name. Each opening is an audit event (`report_opened`, listed with who opened what) written before " +
    "anything is answered; `Cache-Control: no-store`. Not a coordinator of the call, no agreement yet, or no " +
    "report by that id: 404.",
  security: bearer,
  request: { params: ReportParams },
  responses: { 200: json(StaffReport, "The report"), ...problems(401, 403, 404) },
});

const decideReport = createRoute({
  method: "post",
  path: "/api/v1/review/applications/{id}/reports/{reportId}/decision",
  operationId: "decideGrantReport",
  tags: ["Review"],
  summary: "Accepts a sent report, or asks the grantee for more in it (coordinators)",
  description:
    "At the `version` read (409 when stale). Only a report that was sent and waits for a coordinator (409 " +
    "otherwise: not sent, more already asked, or accepted), while the grant runs. `accept` accepts it; `more` " +
    "reopens it with the `question` (not empty, at most 4,000 characters: 422 otherwise), which the grantee " +
    "answers when sending it again. The grant's stage follows from where its reports stand (`reported` once " +
    "every report is accepted, ready to close). The grantee is told neutrally; an audit event " +
    "(`report_accepted` or `report_more_asked`).",
  security: bearer,
  request: { params: ReportParams, body: body(ReportDecision) },
  responses: { 200: json(Moved, "Decided"), ...problems(400, 401, 403, 404, 409, 422) },
});

const extendReport = createRoute({
  method: "put",
  path: "/api/v1/review/applications/{id}/reports/{reportId}/due",
  operationId: "extendGrantReportDue",
  tags: ["Review"],
  summary: "Gives a report a later due date (coordinators)",
  description:
    "At the `version` read (409 when stale). `dueAt` a date-time with its offset, or a day (`YYYY-MM-DD`, its " +
    "end in UTC), later than now (422 otherwise). Any report not yet accepted, while the grant runs (409 " +
    "otherwise). The reminder goes again before the new date and a late mark is lifted; a report already " +
    "counted late at its first due date stays counted so. The grantee is told neutrally; an audit event " +
    "(`report_extended`).",
  security: bearer,
  request: {
    params: ReportParams,
    body: body(z.object(Award.ReportDueInput.shape).openapi("ReportDue")),
  },
  responses: {
    200: json(z.object({ ...Moved.shape, dueAt: z.string() }).openapi("ReportDueExtended"), "Extended"),
    ...problems(400, 401, 403, 404, 409, 422),
  },
});

const downloadReportDocument = createRoute({
  method: "get",
  path: "/api/v1/review/applications/{id}/reports/{reportId}/documents/{documentId}",
  operationId: "downloadGrantReportDocument",
  tags: ["Review"],
  summary: "Downloads one of a report's documents: the checked bytes, as an attachment (coordinators; recorded)",
  description:
    "As a full application's document: the copy checked at confirmation, under its detected type, as an " +
    "attachment, never cached. Each download is an audit event (`report_document_downloaded`). Not a " +
    "coordinator of the call, or no such document: 404.",
  security: bearer,
  request: {
    params: ReportParams.extend({
      documentId: z.string().openapi({ param: { name: "documentId", in: "path" } }),
    }),
  },
  responses: { 200: fileDownload, ...problems(401, 403, 404) },
});

/** The coordinators' side of a grant's reports over the JSON API: read one, decide on it, move its due date. */
export const reportStaffApi = createStaffApi();

reportStaffApi.openapi(openReport, async (c) => {
  const { user } = await staff(c, anyStaff);
  const { id, reportId } = c.req.valid("param");
  const { app, view } = await Award.openReport(user, id, reportId);
  c.header("Cache-Control", "no-store");
  return c.json({ ...view, version: app.version }, 200);
});

reportStaffApi.openapi(decideReport, async (c) => {
  const { user } = await staff(c, anyStaff);
  const { id, reportId } = c.req.valid("param");
  const { stage, version } = await Award.decideReport(user, id, reportId, c.req.valid("json"));
  return c.json({ stage, version }, 200);
});

reportStaffApi.openapi(extendReport, async (c) => {
  const { user } = await staff(c, anyStaff);
  const { id, reportId } = c.req.valid("param");
  const { stage, version, dueAt } = await Award.extendReport(user, id, reportId, c.req.valid("json"));
  return c.json({ stage, version, dueAt }, 200);
});

reportStaffApi.openapi(downloadReportDocument, async (c) => {
  const { user } = await staff(c, anyStaff);
  const { id, reportId, documentId } = c.req.valid("param");
  return downloadResponse(c, await Award.downloadReportDocument(user, id, reportId, documentId));
});
