import * as Call from "@amparo/core/call";
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
