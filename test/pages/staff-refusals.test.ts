import { appFor } from "@amparo/core/routes";
import type * as User from "@amparo/core/user";
import { app as apply } from "@amparo/functions/apply/index";
import { app as docs } from "@amparo/functions/docs/index";
import { app as report } from "@amparo/functions/report/index";
import { app as staffApp } from "@amparo/functions/staff/index";
import { beforeAll, describe, expect, it } from "vitest";
import { applicantRequest, startApplication } from "../support/applications.js";
import { signIn, staffAccount, staffRequest } from "../support/staff.js";

type Role = "reviewer" | "coordinator" | "funder" | "admin";
const roles: Role[] = ["admin", "coordinator", "reviewer", "funder"];
const apps = { apply, staff: staffApp, report, docs };
const sessions = {} as Record<Role, string>;
const accounts = {} as Record<Role, User.Info>;
let applicationId = "";

/** A page as a browser with the staff cookie gets it: answered by whichever app the route table names. */
function open(path: string, session?: string, lang?: string) {
  const url = lang ? `${path}${path.includes("?") ? "&" : "?"}lang=${lang}` : path;
  return apps[appFor(new URL(url, "http://x").pathname)].request(url, {
    headers: session ? { Cookie: `staff_session=${session}` } : {},
  });
}

/** Whether a page is in the staff frame: no quick exit (applicants' pages have one), and a sign-out form. */
function staffFramed(html: string, signedIn = true) {
  return !html.includes('class="exit"') && html.includes('action="/staff/sign-out"') === signedIn;
}

const links = (html: string) =>
  [...html.matchAll(/href="(\/staff[^"]*)"/g)].map((match) => match[1]!.replace(/&amp;/g, "&"));

beforeAll(async () => {
  for (const role of roles) {
    accounts[role] = await staffAccount([role], role === "admin" ? [] : ["digital-emergency"]);
    sessions[role] = (await signIn(accounts[role].email)).session;
  }
  const { id, token } = await startApplication("digital-emergency");
  applicationId = id;
  await applicantRequest("PUT", `/api/v1/applications/${id}/concept-note`, token, {
    fields: { situation: "Our office was raided.", need: "Two new phones." },
  });
  await applicantRequest("PUT", `/api/v1/applications/${id}/funding`, token, {
    amount: 1_000,
    annualBudget: 0,
    months: 2,
  });
  expect((await applicantRequest("POST", `/api/v1/applications/${id}/submit`, token)).status).toBe(200);
  const assigned = await staffRequest("POST", `/api/v1/review/applications/${id}/assign`, sessions.coordinator, {
    reviewerIds: [accounts.reviewer.id],
  });
  expect(assigned.status).toBe(200);
}, 120_000);

describe("staff pages, for each role", () => {
  it.each(roles)("every link on the %s's home opens a working staff page", async (role) => {
    const home = await (await open("/staff", sessions[role])).text();
    const found = [...new Set(links(home))];
    expect(found).toContain("/staff/sessions");
    for (const href of found) {
      const answer = await open(href, sessions[role]);
      // Every link leads somewhere that works: a page (a reviewer's conflict declaration answers 403 on
      // purpose, in the staff frame), or a redirect to another staff page.
      if (answer.status === 303) {
        expect(answer.headers.get("location"), href).toMatch(/^\/staff/);
        continue;
      }
      expect(answer.status === 200 || (role === "reviewer" && answer.status === 403), `${href}: ${answer.status}`).toBe(
        true,
      );
      expect(staffFramed(await answer.text()), href).toBe(true);
    }
  });

  it.each(roles)("every staff page path answers the %s with a staff page, never an applicant one", async (role) => {
    const paths = [
      "/staff",
      "/staff/sessions",
      "/staff/totp",
      "/staff/admin",
      "/staff/applications?callId=digital-emergency",
      `/staff/applications/${applicationId}`,
      "/staff/applications",
      "/staff/reports",
      "/staff/no-such-page",
    ];
    for (const path of paths) {
      const answer = await open(path, sessions[role]);
      if (answer.status === 303) {
        expect(answer.headers.get("location"), path).toMatch(/^\/staff/);
        continue;
      }
      expect([200, 403, 404], path).toContain(answer.status);
      const html = await answer.text();
      expect(staffFramed(html), `${path} (${answer.status})`).toBe(true);
      if (answer.status === 403 && !html.includes("Conflict of interest")) {
        expect(html, path).toContain("What you can do");
      }
    }
  });
});

describe("a refusal on a staff page", () => {
  it("tells a funder who opens an application what a funder can do, with the reports' link", async () => {
    const answer = await open(`/staff/applications/${applicationId}`, sessions.funder);
    expect(answer.status).toBe(403);
    const html = await answer.text();
    expect(staffFramed(html)).toBe(true);
    expect(html).toContain("As a funder, you read the pipeline reports");
    expect(links(html)).toContain("/staff/reports");
    expect(links(html)).not.toContain("/staff/admin");
  });

  it("tells a reviewer who opens the reports (the report app) what a reviewer can do, with the queue's link", async () => {
    const answer = await open("/staff/reports", sessions.reviewer);
    expect(answer.status).toBe(403);
    const html = await answer.text();
    expect(staffFramed(html)).toBe(true);
    expect(html).toContain("As a reviewer, you declare conflicts of interest");
    expect(html).toContain('<a href="/staff">Your review queue</a>');
  });

  it("tells a coordinator who opens administration which calls' applications are theirs", async () => {
    const answer = await open("/staff/admin", sessions.coordinator);
    expect(answer.status).toBe(403);
    const html = await answer.text();
    expect(staffFramed(html)).toBe(true);
    expect(html).toContain("As a coordinator, you assign reviewers");
    expect(links(html)).toContain("/staff/applications?callId=digital-emergency");
    expect(links(html)).toContain("/staff/reports");
  });

  it("speaks the reader's language", async () => {
    const answer = await open("/staff/admin", sessions.funder, "es");
    const html = await answer.text();
    expect(answer.status).toBe(403);
    expect(html).toContain("Lo que puede hacer");
    expect(html).toContain("Como financiador/a");
  });

  it("shows a missing staff page in the staff frame too, with the admin's pages", async () => {
    const answer = await open("/staff/no-such-page", sessions.admin);
    expect(answer.status).toBe(404);
    const html = await answer.text();
    expect(staffFramed(html)).toBe(true);
    expect(links(html)).toEqual(expect.arrayContaining(["/staff/admin", "/staff/reports", "/staff/sessions"]));
  });

  it("asks someone with no session to sign in, in the staff frame", async () => {
    const answer = await staffApp.request("/staff/admin");
    expect(answer.status).toBe(401);
    const html = await answer.text();
    expect(staffFramed(html, false)).toBe(true);
    expect(html).toContain('<a href="/staff">Staff sign-in</a>');
  });

  it("leaves applicants' error pages as they were, quick exit and all", async () => {
    const answer = await apply.request("/apply/no-such-call");
    expect(answer.status).toBe(404);
    expect(await answer.text()).toContain('class="exit"');
  });
});
