import { createRoute, z } from "@hono/zod-openapi";
// Until the lead re-exports these from `@amparo/core/report` (Engineer A's index.ts), by path.
import * as Report from "@amparo/core/report";
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
  "Per call the reader works on (funders, coordinators; admins: every call) and per calendar year of " +
  "submission, from counters only: applications by stage, submissions and decisions by month, decisions " +
  "within the promised deadline and their share, overdue, the median days to a decision, amounts requested " +
  "and approved, failed eligibility rules, and submissions by country and by target group. In the " +
  "breakdowns a cell under 5 reads `<5`, more cells read `<5` where the others and the totals would give a " +
  "hidden one away (a breakdown that cannot be protected is empty), and shown counts are rounded to the " +
  "nearest 5. Breakdowns exist only per calendar year; `breakdownsAsOf` is the last day they include. " +
  "Nothing about any single application. A call that does not exist or is not the reader's: 404.";

const getPipeline = createRoute({
  method: "get",
  path: "/api/v1/reports/pipeline",
  operationId: "getPipelineReport",
  tags: ["Reports"],
  summary: "The funders' pipeline report: stages, deadlines, amounts and small-group-safe breakdowns",
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
  return c.body(Report.pipelineCsv(pipeline, c.get("language") ?? "en"), 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${Report.pipelineCsvName(pipeline, query.callId)}"`,
    "X-Content-Type-Options": "nosniff",
  });
});
