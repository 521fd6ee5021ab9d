import * as Audit from "@amparo/core/audit";
import { formatDateTime } from "@amparo/core/i18n";
import * as User from "@amparo/core/user";
import { app as staffApp } from "@amparo/functions/staff/index";
import { beforeAll, describe, expect, it } from "vitest";
import { applicantRequest, inbox, startApplication } from "../support/applications.js";
import { formEntries, withValue } from "../support/page-form.js";
import { signIn, staffAccount, staffRequest, stepUpCode } from "../support/staff.js";

let admin: User.Info;
let adminSession = "";

beforeAll(async () => {
  admin = await staffAccount(["admin"], []);
  adminSession = (await signIn(admin.email)).session;
}, 60_000);

const get = (path: string, session = adminSession) =>
  staffApp.request(path, { headers: { Cookie: `staff_session=${session}` } });

const post = (path: string, entries: [string, string][], session = adminSession) =>
  staffApp.request(path, {
    method: "POST",
    headers: {
      Cookie: `staff_session=${session}`,
      "Content-Type": "application/x-www-form-urlencoded",
      "Sec-Fetch-Site": "same-origin",
    },
    body: new URLSearchParams(entries).toString(),
  });

const accountPath = (account: User.Info) => `/staff/admin/users/${account.id}`;
const form = async (path: string, action = path) => formEntries(await (await get(path)).text(), action);
const without = (entries: [string, string][], name: string, value: string) =>
  entries.filter(([key, found]) => !(key === name && found === value));

describe("an admin editing a staff account", () => {
  it("changes roles, calls and language, and records who changed what without the address", async () => {
    const account = await staffAccount(["reviewer"], ["digital-emergency"]);
    const path = accountPath(account);
    let entries = await form(path);
    entries = [...entries, ["roles", "coordinator"], ["callIds", "concept-notes-2026"]];
    entries = withValue(entries, "language", "pt");
    // Giving the coordinator role asks for a fresh code.
    expect((await post(path, entries)).status).toBe(403);
    const response = await post(path, withValue(entries, "code", await stepUpCode(admin.email)));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Changes saved.");
    const after = (await User.fromID(account.id))!;
    expect([...after.roles].sort()).toEqual(["coordinator", "reviewer"]);
    expect([...after.callIds].sort()).toEqual(["concept-notes-2026", "digital-emergency"]);
    expect(after.language).toBe("pt");
    const event = (await Audit.list({ user: account.id })).find((found) => found.type === "account_edited");
    expect(event?.actor).toBe(`user:${admin.id}`);
    expect(event?.["changed"]).toMatchObject({ language: { to: "pt" }, roles: { to: ["reviewer", "coordinator"] } });
    expect(JSON.stringify(event)).not.toContain(account.email);
  });

  it("answers a form opened before someone else's change with 409 in words, and changes nothing", async () => {
    const account = await staffAccount(["reviewer"], ["digital-emergency"]);
    const path = accountPath(account);
    const stale = await form(path);
    expect((await post(path, withValue(stale, "language", "es"))).status).toBe(200);
    const response = await post(path, withValue(stale, "language", "pt"));
    expect(response.status).toBe(409);
    expect(await response.text()).toContain("Someone changed this account after you opened this page");
    expect((await User.fromID(account.id))!.language).toBe("es");
  });

  it("refuses to let an admin deactivate themselves or drop their own admin role", async () => {
    const path = accountPath(admin);
    // Its own account page has no deactivate button, and says why; a post made anyway is refused.
    expect(await (await get(path)).text()).toContain("You cannot deactivate your own account");
    const version = String(User.versionOf((await User.fromID(admin.id))!));
    const deactivate = await post(`${path}/deactivate`, [["version", version]]);
    expect(deactivate.status).toBe(403);
    expect(await deactivate.text()).toContain("You cannot deactivate your own account");
    const dropped = await post(path, without(await form(path), "roles", "admin").concat([["roles", "reviewer"]]));
    expect(dropped.status).toBe(403);
    const after = (await User.fromID(admin.id))!;
    expect(after.roles).toEqual(["admin"]);
    expect(after.deactivatedAt).toBeUndefined();
  });
});

describe("a deactivated account", () => {
  it("is signed out at once, asks for a link like an unknown address and is sent nothing, until reactivated", async () => {
    const account = await staffAccount(["reviewer"], ["digital-emergency"]);
    const { session } = await signIn(account.email);
    expect((await get("/staff", session)).status).toBe(200);
    const mailsBefore = (await inbox(account.email)).length;
    const path = accountPath(account);

    const code = async () => stepUpCode(admin.email);
    const response = await post(
      `${path}/deactivate`,
      withValue(await form(path, `${path}/deactivate`), "code", await code()),
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Account deactivated");
    expect((await staffRequest("GET", "/api/v1/auth/sessions", session)).status).toBe(401);
    expect(await (await get("/staff", session)).text()).not.toContain('action="/staff/sign-out"');

    const unknown = `nobody-${Date.now()}@staff.example.org`;
    const asked = await staffRequest("POST", "/api/v1/auth/magic-link", undefined, { email: account.email });
    const stranger = await staffRequest("POST", "/api/v1/auth/magic-link", undefined, { email: unknown });
    expect([asked.status, stranger.status]).toEqual([202, 202]);
    expect(await asked.text()).toBe(await stranger.text());
    expect(await inbox(account.email)).toHaveLength(mailsBefore);
    expect((await Audit.list({ user: account.id })).map((event) => event.type)).toContain("deactivated");

    const reactivated = await post(
      `${path}/reactivate`,
      withValue(await form(path, `${path}/reactivate`), "code", await code()),
    );
    expect(reactivated.status).toBe(200);
    expect((await User.fromID(account.id))!.deactivatedAt).toBeUndefined();
    expect((await signIn(account.email)).session).toMatch(/^[A-Za-z0-9_-]{43}$/);
  }, 60_000);
});

describe("who opened what", () => {
  it("lists a reviewer's opening of an application, filterable by staff member and by application", async () => {
    const coordinator = await staffAccount(["coordinator"], ["digital-emergency"]);
    const reviewer = await staffAccount(["reviewer"], ["digital-emergency"]);
    const coordinatorSession = (await signIn(coordinator.email)).session;
    const reviewerSession = (await signIn(reviewer.email)).session;
    const { id, token } = await startApplication("digital-emergency");
    await applicantRequest("PUT", `/api/v1/applications/${id}/concept-note`, token, {
      fields: { situation: "Our office was raided.", need: "Two new phones." },
    });
    await applicantRequest("PUT", `/api/v1/applications/${id}/funding`, token, {
      amount: 1_000,
      annualBudget: 0,
      months: 2,
    });
    expect((await applicantRequest("POST", `/api/v1/applications/${id}/submit`, token)).status).toBe(200);
    const assigned = await staffRequest("POST", `/api/v1/review/applications/${id}/assign`, coordinatorSession, {
      reviewerIds: [reviewer.id],
    });
    expect(assigned.status).toBe(200);
    const declared = await staffRequest("POST", `/api/v1/review/applications/${id}/conflict`, reviewerSession, {
      conflict: false,
    });
    expect(declared.status).toBe(200);
    expect((await get(`/staff/applications/${id}`, reviewerSession)).status).toBe(200);

    const row = `<a href="/staff/applications/${id}">${id.slice(0, 8)}</a>`;
    const byReviewer = await (await get(`/staff/admin/access?user=${reviewer.id}`)).text();
    expect(byReviewer).toContain(reviewer.email);
    expect(byReviewer).toContain("Opened the application");
    expect(byReviewer).toContain(row);
    const byApplication = await (await get(`/staff/admin/access?application=${id}`)).text();
    expect(byApplication).toContain(row);
    expect(byApplication).toContain(reviewer.email);
    // When, as every page gives a time: the date in words and the minute in UTC, saying so (never "12/6/26").
    const opened = /<time datetime="([^"]+)">([^<]+)<\/time>/.exec(byApplication)!;
    expect(opened[2]).toBe(formatDateTime("en", opened[1]!));
    expect(opened[2]).toMatch(/^[A-Z][a-z]+ \d{1,2}, \d{4}, \d{2}:\d{2} UTC$/);
    const byCoordinator = await (await get(`/staff/admin/access?user=${coordinator.id}`)).text();
    expect(byCoordinator).not.toContain(row);
    // The same over the admin API.
    const api = await staffRequest("GET", `/api/v1/admin/access?application=${id}`, adminSession);
    expect(api.status).toBe(200);
    expect(((await api.json()) as { items: unknown[] }).items).toContainEqual(
      expect.objectContaining({ type: "viewed", userId: reviewer.id, email: reviewer.email, applicationId: id }),
    );
    // Only admins see it.
    expect((await get("/staff/admin/access", reviewerSession)).status).toBe(403);
    expect((await get("/staff/admin/access?user=not-an-id")).status).toBe(400);
  }, 90_000);
});
