import { createRoute, z } from "@hono/zod-openapi";
import * as Report from "@amparo/core/report";
import { staffLocaleOf } from "@amparo/core/i18n";
import type { AppContext } from "../shared/app.js";
import { json, problems } from "../shared/openapi.js";
// The session check only: `staff/session.ts` loads sessions and accounts, nothing that decrypts (the import
// graph test holds this).
import { bearer, createStaffApi, staff } from "../staff/session.js";

// Core schemas: the description cannot drift from what the code returns.
const CallReport = z.object(Report.CallReport.shape).openapi("PipelineCallReport");
const Pipeline = z.object({ ...Report.Pipeline.shape, calls: z.array(CallReport) }).openapi("Pipeline");
// `callId` (one call; omitted: every call the reader works on) and `year` (default: the current one).
const Query = z.object(Report.PipelineQuery.shape);

const description =
  "Per call the reader works on (funders, coordinators; admins: every call), the frozen figures of the closed " +
  "periods of one calendar year: `months[]` (first submissions, decisions, approvals, declines, decisions " +
  "within the deadline, overdue marks, the median days to decision, grants activated by their first payment, " +
  "`reports` of grants due, received on time and late (each report counted once, in the month its due date " +
  "passed: on time and late add up to due), amounts requested, approved, agreed and paid, each counted in the " +
  "month it happened; a month frozen before grants activated, reports, agreed and paid were counted reads those " +
  "`withheld`) and `quarters[]` (first submissions by country and by target group, every category the call " +
  "accepted listed). A period is computed once, at least a day after it ends, and every read serves that copy; " +
  'the current period shows nothing. Each cell is `n | "<5" | "withheld"`: counts of 0 to 4 read `<5`, others ' +
  "are rounded to the nearest 5; a sum or median with fewer than 5 contributors is withheld, shown sums are " +
  "rounded to 1,000; a further cell is withheld wherever the `<5` cells' known sum would prove one of them " +
  "non-zero. Nothing spans periods. Nothing about any single application. A call that does not exist or is not " +
  "the reader's: 404.";

const getPipeline = createRoute({
  method: "get",
  path: "/api/v1/reports/pipeline",
  operationId: "getPipelineReport",
  tags: ["Reports"],
  summary: "The funders' pipeline report: frozen months of flows and amounts, quarters of breakdowns",
  description,
  security: bearer,
  request: { query: Query },
  responses: { 200: json(Pipeline, "The report"), ...problems(400, 401, 403, 404) },
});

const getPipelineCsv = createRoute({
  method: "get",
  path: "/api/v1/reports/pipeline.csv",
  operationId: "getPipelineReportCsv",
  tags: ["Reports"],
  summary: "The same report as CSV, one figure a row, as an attachment",
  description:
    "The figures of `GET /api/v1/reports/pipeline` (same query, same access) as one table: call, title, " +
    "section, key, value. UTF-8 with a byte order mark; cells a spreadsheet would run as a formula (starting " +
    "with `=`, `+`, `-`, `@`, tab or carriage return) start with `'`. The column names are in the reader's " +
    "language; the file name carries the call and the year.",
  security: bearer,
  request: { query: Query },
  responses: {
    200: { description: "The report as CSV", content: { "text/csv": { schema: z.string() } } },
    ...problems(400, 401, 403, 404),
  },
});

async function report(c: AppContext, query: z.infer<typeof Query>) {
  const { user } = await staff(c, { roles: Report.readers });
  return Report.pipeline(user, query);
}

/** The pipeline report over the JSON API, and as CSV. */
export const reportApi = createStaffApi();

reportApi.openapi(getPipeline, async (c) => c.json(await report(c, c.req.valid("query")), 200));

reportApi.openapi(getPipelineCsv, async (c) => {
  const query = c.req.valid("query");
  const pipeline = await report(c, query);
  return c.body(Report.pipelineCsv(pipeline, staffLocaleOf(c.get("language") ?? "en")), 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${Report.pipelineCsvName(pipeline, query.callId)}"`,
    "X-Content-Type-Options": "nosniff",
  });
});
