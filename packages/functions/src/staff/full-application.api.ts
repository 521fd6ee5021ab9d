import * as Review from "@amparo/core/review";
import * as Stage from "@amparo/core/stage";
import { createRoute, z } from "@hono/zod-openapi";
import { body, fileDownload, IdParam, json, problems } from "../shared/openapi.js";
import { downloadResponse } from "./download-response.js";
import { bearer, createStaffApi, staff } from "./session.js";

/**
 * Staff's side of a grant call's second stage over the JSON API: shortlisting many at once (each
 * shortlisting invites its applicant where the call has a full application), declining many with one note,
 * extending one applicant's due date, and downloading the full application's documents.
 */
const BulkResult = z.object(Review.BulkResult.shape).openapi("BulkResult");

const shortlist = createRoute({
  method: "post",
  path: "/api/v1/review/shortlist",
  operationId: "shortlistApplications",
  tags: ["Review"],
  summary: "Shortlists many applications of one call (coordinators); each item its own conditional move",
  description:
    "Each item is moved to `shortlisted` at the `version` given, as one transition would (the same access " +
    "gate; from `submitted` it passes through `in_review`), and answers on its own without stopping the others: `200`, or a `status` with its `reason`: 409 " +
    "`stale` (changed since that version was read), 409 `not_allowed` (a move the call does not allow from its " +
    "stage, or one whose rules it breaks), 403 `conflicted` (the coordinator's own declared conflict), 404 " +
    "`not_found` (not an application of the call). In a call with a full application, each one shortlisted is invited to write it (a " +
    "neutral email to the applicant, and a due date). Not a coordinator of the call: 403.",
  security: bearer,
  request: { body: body(z.object(Review.BulkInput.shape).openapi("BulkMove")) },
  responses: { 200: json(BulkResult, "Each item's answer"), ...problems(400, 401, 403) },
});

const decline = createRoute({
  method: "post",
  path: "/api/v1/review/decline",
  operationId: "declineApplications",
  tags: ["Review"],
  summary: "Declines many applications of one call with one note (coordinators); each its own conditional move",
  description:
    "As the shortlist, with the decision `declined` and the same `note` (kept sealed) on each. Each applicant " +
    "who gave an address gets the neutral update email.",
  security: bearer,
  request: { body: body(z.object(Review.BulkDeclineInput.shape).openapi("BulkDecline")) },
  responses: { 200: json(BulkResult, "Each item's answer"), ...problems(400, 401, 403) },
});

const extendDue = createRoute({
  method: "post",
  path: "/api/v1/review/applications/{id}/due",
  operationId: "extendFullApplicationDue",
  tags: ["Review"],
  summary: "Gives one shortlisted applicant until a later date to send their full application (coordinators)",
  description:
    "The new `dueAt` must be later than the current due date and than now, and at most the call's " +
    "full-application `days` beyond the date the invitation first set (422 otherwise, naming the latest date " +
    "allowed). Only while the full application is being written, even once its date has passed; sent, decided " +
    "or never invited: 409. The applicant gets a neutral email with the new date, at most one a day per " +
    "application (a later extension within the day shows on their status page only); the change is an audit " +
    "event (`due_extended`). A coordinator who declared a conflict on it: 403.",
  security: bearer,
  request: { params: IdParam, body: body(z.object(Stage.ExtendDueInput.shape).openapi("DueDate")) },
  responses: {
    200: json(z.object(Stage.DueExtended.shape).openapi("DueExtended"), "Extended"),
    ...problems(400, 401, 403, 404, 409, 422, 429),
  },
});

const downloadDocument = createRoute({
  method: "get",
  path: "/api/v1/review/applications/{id}/documents/{documentId}",
  operationId: "downloadFullApplicationDocument",
  tags: ["Review"],
  summary: "Downloads one of the full application's documents: the checked bytes, as an attachment (recorded)",
  description:
    "As the budget file's download, for whoever may read the application and its full application " +
    "(reviewers once it is sent): the copy checked at confirmation, under its detected type, as an attachment. " +
    "Each download is an audit event (`document_downloaded`). No such document: 404.",
  security: bearer,
  request: {
    params: IdParam.extend({ documentId: z.string().openapi({ param: { name: "documentId", in: "path" } }) }),
  },
  responses: {
    200: fileDownload,
    ...problems(401, 403, 404),
  },
});

/** Staff's full-application routes over the JSON API. */
export const fullApplicationStaffApi = createStaffApi();

fullApplicationStaffApi.openapi(shortlist, async (c) => {
  const { user } = await staff(c, { roles: ["coordinator", "admin"] });
  const { callId, items } = c.req.valid("json");
  return c.json(await Review.shortlistMany(user, callId, items), 200);
});

fullApplicationStaffApi.openapi(decline, async (c) => {
  const { user } = await staff(c, { roles: ["coordinator", "admin"] });
  const { callId, items, note } = c.req.valid("json");
  return c.json(await Review.declineMany(user, callId, items, note), 200);
});

fullApplicationStaffApi.openapi(extendDue, async (c) => {
  const { user } = await staff(c, { roles: ["coordinator", "admin"] });
  return c.json(await Stage.extendDue(user, c.req.valid("param").id, c.req.valid("json")), 200);
});

fullApplicationStaffApi.openapi(downloadDocument, async (c) => {
  const { user } = await staff(c, { roles: ["reviewer", "coordinator", "admin"] });
  const { id, documentId } = c.req.valid("param");
  return downloadResponse(c, await Review.downloadDocument(user, id, documentId));
});
