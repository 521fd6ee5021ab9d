import * as Call from "@amparo/core/call";
import * as Report from "@amparo/core/report";
import type * as User from "@amparo/core/user";
import { app as reportApp } from "@amparo/functions/report/index";
import { beforeAll, describe, expect, it } from "vitest";
import { startApplication } from "../support/applications.js";
import { checkAgainstContract } from "../support/contract.js";
import { signIn, staffAccount } from "../support/staff.js";

async function reportRequest(path: string, session?: string) {
  const response = await reportApp.request(path, {
    headers: session ? { Authorization: `Bearer ${session}` } : {},
  });
  return checkAgainstContract("GET", path, response);
}

const sessions: Record<string, string> = {};
const users: Record<string, User.Info> = {};

beforeAll(async () => {
  const emergency = await Call.get("digital-emergency");
  await Call.put({ ...emergency, id: "report-other-fund" });
  // A title a spreadsheet would run as a formula, in every language.
  await Call.put({
    ...emergency,
    id: "report-formula-fund",
    title: { en: '=HYPERLINK("https://evil.example")', es: "+SUM(1)", pt: "@A1" },
  });
  users["reviewer"] = await staffAccount(["reviewer"], ["digital-emergency"]);
  users["funder"] = await staffAccount(["funder"], ["digital-emergency", "report-formula-fund"]);
  users["coordinator"] = await staffAccount(["coordinator"], ["digital-emergency"]);
  users["admin"] = await staffAccount(["admin"], []);
  for (const role of Object.keys(users)) sessions[role] = (await signIn(users[role]!.email)).session;
  sessions["applicant"] = (await startApplication("digital-emergency")).token;
});

describe("who may read the pipeline report", () => {
  for (const path of ["/api/v1/reports/pipeline", "/api/v1/reports/pipeline.csv"]) {
    it(`refuses ${path} without credentials or with an applicant's code (401), to reviewers (403)`, async () => {
      expect((await reportRequest(path)).status).toBe(401);
      expect((await reportRequest(path, sessions["applicant"])).status).toBe(401);
      expect((await reportRequest(path, sessions["reviewer"])).status).toBe(403);
    });

    it(`gives ${path} to funders, coordinators and admins for their calls, 404 for any other`, async () => {
      for (const role of ["funder", "coordinator", "admin"]) {
        expect((await reportRequest(`${path}?callId=digital-emergency`, sessions[role])).status, role).toBe(200);
        expect((await reportRequest(`${path}?callId=no-such-call`, sessions[role])).status, role).toBe(404);
      }
      for (const role of ["funder", "coordinator"]) {
        expect((await reportRequest(`${path}?callId=report-other-fund`, sessions[role])).status, role).toBe(404);
      }
      expect((await reportRequest(`${path}?callId=report-other-fund`, sessions["admin"])).status).toBe(200);
    });

    it(`answers 400 to ${path} with a year that is not a year`, async () => {
      for (const year of ["abc", "99999", "2026.5"]) {
        expect((await reportRequest(`${path}?year=${year}`, sessions["funder"])).status, year).toBe(400);
      }
    });
  }

  it("lists only the calls the reader works on, for the current year by default", async () => {
    const response = await reportRequest("/api/v1/reports/pipeline", sessions["coordinator"]);
    const body = (await response.json()) as { year: number; calls: { callId: string }[] };
    expect(body.year).toBe(new Date().getUTCFullYear());
    expect(body.calls.map((call) => call.callId)).toEqual(["digital-emergency"]);
  });
});

describe("the pipeline CSV", () => {
  it("neutralises a call title that a spreadsheet would run, and names the file by call and year", async () => {
    const response = await reportRequest(
      "/api/v1/reports/pipeline.csv?callId=report-formula-fund&year=2025",
      sessions["funder"],
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe(
      'attachment; filename="pipeline-report-formula-fund-2025.csv"',
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain(`"'=HYPERLINK(""https://evil.example"")"`);
    expect(text).not.toMatch(/(^|,)"?[=+\-@]/m);
  });
});

/** The rows of a CSV made by `csv-stringify` (quoted cells, doubled quotes), header left out. */
function csvRows(text: string): string[][] {
  return text
    .replace(/^\ufeff/, "")
    .trim()
    .split("\r\n")
    .slice(1)
    .map((line) => {
      const cells: string[] = [];
      let cell = "";
      let quoted = false;
      for (let index = 0; index < line.length; index++) {
        const char = line[index]!;
        if (quoted && char === '"' && line[index + 1] === '"') {
          cell += '"';
          index++;
        } else if (char === '"') quoted = !quoted;
        else if (char === "," && !quoted) {
          cells.push(cell);
          cell = "";
        } else cell += char;
      }
      return [...cells, cell];
    });
}

describe("the report's contract", () => {
  it("gives months and quarters of cells and no figure that spans periods; the CSV says the same, no more", async () => {
    // What the schedule does: freeze this year's closed periods of the call.
    await Report.make(await Call.get("digital-emergency"), new Date().getUTCFullYear());
    const path = "/api/v1/reports/pipeline?callId=digital-emergency";
    const body = (await (await reportRequest(path, sessions["funder"])).json()) as Report.Pipeline;
    const call = body.calls[0]!;
    expect(Object.keys(call).sort()).toEqual(["callId", "currency", "months", "quarters", "title"]);
    const cells = [
      ...call.months.flatMap((month) =>
        [
          ...Report.monthFields.map((field) => month[field]),
          month.reports.due,
          month.reports.onTime,
          month.reports.late,
          month.amounts.requested,
          month.amounts.approved,
          month.amounts.agreed,
          month.amounts.paid,
        ].map((cell) => String(cell)),
      ),
      ...call.quarters.flatMap((quarter) =>
        [...Object.values(quarter.breakdowns.country), ...Object.values(quarter.breakdowns.targetGroup)].map(String),
      ),
    ];
    for (const cell of cells) expect(cell).toMatch(/^(\d+(\.5)?|<5|withheld)$/);

    const csv = await reportRequest(path.replace("pipeline?", "pipeline.csv?"), sessions["funder"]);
    const figures = csvRows(await csv.text()).filter(
      ([, , section]) => section!.startsWith("months.") || section!.startsWith("quarters."),
    );
    const expected = [
      ...call.months.flatMap((month) => [
        ...Report.monthFields.map((field) => [`months.${field}`, month.month, String(month[field])]),
        ["months.reports.due", month.month, String(month.reports.due)],
        ["months.reports.onTime", month.month, String(month.reports.onTime)],
        ["months.reports.late", month.month, String(month.reports.late)],
        ["months.amounts.requested", month.month, String(month.amounts.requested)],
        ["months.amounts.approved", month.month, String(month.amounts.approved)],
        ["months.amounts.agreed", month.month, String(month.amounts.agreed)],
        ["months.amounts.paid", month.month, String(month.amounts.paid)],
        ["months.amounts.currency", month.month, month.amounts.currency],
      ]),
      ...call.quarters.flatMap((quarter) => [
        ...Object.entries(quarter.breakdowns.country).map(([key, cell]) => [
          `quarters.country.${quarter.quarter}`,
          key,
          String(cell),
        ]),
        ...Object.entries(quarter.breakdowns.targetGroup).map(([key, cell]) => [
          `quarters.targetGroup.${quarter.quarter}`,
          key,
          String(cell),
        ]),
      ]),
    ];
    expect(figures.map(([, , section, key, value]) => [section, key, value])).toEqual(expected);
  });
});
