import * as Call from "@amparo/core/call";
import * as Clock from "@amparo/core/clock";
import { ForbiddenError, InvalidInputError } from "@amparo/core/error";
import { pipeline, pipelineCsv, pipelineCsvName, PipelineQuery, readers } from "@amparo/core/report";
import * as User from "@amparo/core/user";
import { staffLocaleOf } from "@amparo/core/i18n";
import { createArea, type AppContext } from "../shared/app.js";
import { html, pageOf } from "../shared/pages.js";
// The session check only: `staff/session.ts` loads sessions and accounts, nothing that decrypts.
import { signedIn } from "../staff/session.js";
import { ReportsPage } from "./reports.pages.js";
import { pipelineWorkbook, pipelineXlsxName, xlsxType } from "./workbook.js";

/**
 * The report pages, under `/staff/reports` so the staff session cookie (scoped to `/staff`) reaches them, but
 * answered by the report app (the route table's longest prefix), which loads nothing that decrypts.
 */
export const reportPages = createArea();

/** The signed-in reader, or where to send someone who is not signed in; a 403 for other roles. */
async function reader(c: AppContext): Promise<User.Info | { redirect: string }> {
  const session = await signedIn(c);
  if ("redirect" in session) return session;
  if (!readers.some((role) => session.user.roles.includes(role))) throw new ForbiddenError("auth.role");
  return session.user;
}

/** The filters from the address: an empty call (the form's "all calls") means every call. */
function queryOf(c: AppContext) {
  const parsed = PipelineQuery.safeParse({
    callId: c.req.query("callId") || undefined,
    year: c.req.query("year") || undefined,
  });
  if (!parsed.success) {
    throw new InvalidInputError(
      "report.bad_query",
      parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: "validation.invalid" })),
    );
  }
  return parsed.data;
}

/** The calls this person may report on, for the filter and for titles and labels in the reader's language. */
async function callsOf(user: User.Info, now: Date): Promise<Call.Info[]> {
  return (await Call.list(now)).filter((call) => User.worksOn(user, call.id));
}

reportPages.get("/staff/reports", async (c) => {
  const user = await reader(c);
  if ("redirect" in user) return c.redirect(user.redirect, 303);
  const query = queryOf(c);
  const now = Clock.now();
  const report = await pipeline(user, query, now);
  const calls = await callsOf(user, now);
  return html(
    c,
    ReportsPage({
      page: pageOf(c),
      user,
      report,
      calls,
      query: { callId: query.callId, year: report.year },
      now,
    }),
  );
});

// The CSV link of the page: the same figures as the API's pipeline.csv, with the cookie instead of a bearer.
reportPages.get("/staff/reports/pipeline.csv", async (c) => {
  const user = await reader(c);
  if ("redirect" in user) return c.redirect(user.redirect, 303);
  const query = queryOf(c);
  const report = await pipeline(user, query, Clock.now());
  return c.body(pipelineCsv(report, staffLocaleOf(c.get("language"))), 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${pipelineCsvName(report, query.callId)}"`,
  });
});

// The page's download for people: the page's figures, names and words as a spreadsheet, in the reader's language.
reportPages.get("/staff/reports/pipeline.xlsx", async (c) => {
  const user = await reader(c);
  if ("redirect" in user) return c.redirect(user.redirect, 303);
  const query = queryOf(c);
  const now = Clock.now();
  const report = await pipeline(user, query, now);
  const workbook = await pipelineWorkbook(pageOf(c), report, await callsOf(user, now));
  return c.body(workbook, 200, {
    "Content-Type": xlsxType,
    "Content-Disposition": `attachment; filename="${pipelineXlsxName(report, query.callId)}"`,
    "X-Content-Type-Options": "nosniff",
  });
});
