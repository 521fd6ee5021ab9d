import * as Audit from "@amparo/core/audit";
import * as Dynamo from "@amparo/core/dynamo";
import * as Account from "@amparo/core/account";
import * as User from "@amparo/core/user";
import { beforeAll, describe, expect, it } from "vitest";
import { inbox } from "../support/applications.js";
import { signIn, staffAccount, staffRequest, stepUpCode } from "../support/staff.js";

let admin: User.Info;
let session = "";
let other: User.Info;

beforeAll(async () => {
  admin = await staffAccount(["admin"], []);
  session = (await signIn(admin.email)).session;
  // Another active admin, who must hear of every grant made by the first.
  other = await staffAccount(["admin"], []);
}, 60_000);

const users = "/api/v1/admin/users";
const address = (what: string) => `${what}-${Math.random().toString(36).slice(2, 10)}@staff.example.org`;
const noticesTo = async (email: string) =>
  (await inbox(email)).filter((mail) => (mail.body.text ?? "").includes("/staff/admin/users/"));

describe("a security action from a signed-in session", () => {
  it("creating an admin needs a fresh code: without one 403 that says so and no account; with one 201 and the other admins told", async () => {
    const email = address("new-admin");
    const refused = await staffRequest("POST", users, session, { email, roles: ["admin"] });
    expect(refused.status).toBe(403);
    const problem = (await refused.json()) as { code: string; detail: string };
    expect(problem.code).toBe("auth.step_up_required");
    expect(problem.detail).toMatch(/code/);
    expect(await User.fromEmail(email)).toBeUndefined();

    const before = (await noticesTo(other.email)).length;
    const created = await staffRequest("POST", users, session, {
      email,
      roles: ["admin"],
      code: await stepUpCode(admin.email),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const notices = (await noticesTo(other.email)).slice(before);
    expect(notices).toHaveLength(1);
    // Neutral: a link to the account's page, never the address given or the roles.
    expect(notices[0]!.body.text).toContain(`/staff/admin/users/${id}`);
    expect(notices[0]!.body.text).not.toContain(email);
    expect(notices[0]!.subject).not.toMatch(/admin/i);
    // The one who acted is not told of their own change; a reviewer made without a code tells nobody.
    expect((await noticesTo(admin.email)).length).toBe(0);
    const reviewer = await staffRequest("POST", users, session, { email: address("reviewer"), roles: ["reviewer"] });
    expect(reviewer.status).toBe(201);
    expect((await noticesTo(other.email)).length).toBe(before + 1);
  }, 60_000);

  it("raising, deactivating, reactivating and resetting a second factor each need a code", async () => {
    const account = await staffAccount(["reviewer"], ["digital-emergency"]);
    const raise = { roles: ["coordinator"], callIds: ["digital-emergency"], language: "en", version: 0 };
    expect((await staffRequest("PATCH", `${users}/${account.id}`, session, raise)).status).toBe(403);
    expect((await staffRequest("POST", `${users}/${account.id}/deactivate`, session, { version: 0 })).status).toBe(403);
    expect(
      (await staffRequest("POST", `${users}/${account.id}/reset-second-factor`, session, { version: 0 })).status,
    ).toBe(403);
    const unchanged = (await User.fromID(account.id))!;
    expect([unchanged.roles, User.versionOf(unchanged), unchanged.deactivatedAt]).toEqual([["reviewer"], 0, undefined]);

    const before = (await noticesTo(other.email)).length;
    const raised = await staffRequest("PATCH", `${users}/${account.id}`, session, {
      ...raise,
      code: await stepUpCode(admin.email),
    });
    expect(raised.status).toBe(200);
    const steps = [
      ["deactivate", 1],
      ["reactivate", 2],
      ["reset-second-factor", 3],
    ] as const;
    for (const [action, version] of steps) {
      const done = await staffRequest("POST", `${users}/${account.id}/${action}`, session, {
        version,
        code: await stepUpCode(admin.email),
      });
      expect(done.status).toBe(200);
    }
    // The role change, the deactivation and the reset: one notice each to the other admin.
    expect((await noticesTo(other.email)).length).toBe(before + 3);
  }, 60_000);

  it("three wrong codes end the session that sent them, with an audit event, and lock nothing", async () => {
    const second = await staffAccount(["admin"], []);
    const own = (await signIn(second.email)).session;
    const statuses = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const answer = await staffRequest("POST", users, own, { email: address("x"), roles: ["admin"], code: "000000" });
      statuses.push(answer.status);
    }
    expect(statuses).toEqual([422, 422, 401]);
    expect((await staffRequest("GET", "/api/v1/auth/sessions", own)).status).toBe(401);
    expect((await User.fromID(second.id))!.totpLockedAt).toBeUndefined();
    const types = (await Audit.list({ user: second.id })).map((event) => event.type);
    expect(types).toContain("session_ended_wrong_codes");
  }, 60_000);
});

describe("sessions follow the account", () => {
  it("a role removed is removed from every open session at once, and a deactivated account's sessions end", async () => {
    const second = await staffAccount(["admin"], []);
    const [first, again] = [(await signIn(second.email)).session, (await signIn(second.email)).session];
    for (const open of [first, again])
      expect((await staffRequest("GET", "/api/v1/admin/access", open)).status).toBe(200);
    const demoted = await staffRequest("PATCH", `${users}/${second.id}`, session, {
      roles: ["reviewer"],
      callIds: [],
      language: "en",
      version: 0,
    });
    expect(demoted.status).toBe(200);
    for (const open of [first, again])
      expect((await staffRequest("GET", "/api/v1/admin/access", open)).status).toBe(403);

    const deactivated = await staffRequest("POST", `${users}/${second.id}/deactivate`, session, {
      version: 1,
      code: await stepUpCode(admin.email),
    });
    expect(deactivated.status).toBe(200);
    for (const open of [first, again])
      expect((await staffRequest("GET", "/api/v1/auth/sessions", open)).status).toBe(401);
  }, 60_000);
});

describe("the fund always keeps an admin", () => {
  /** Makes `keep` the only active admins of this file's table (through core: the platform, not a request). */
  async function onlyAdmins(keep: User.Info[]) {
    for (const account of await User.list()) {
      if (User.isActiveAdmin(account) && !keep.some((kept) => kept.id === account.id)) {
        await Account.setActive(
          account.id,
          false,
          { version: User.versionOf(account) },
          {
            id: "test",
            stepUp: async () => {},
          },
        );
      }
    }
  }

  it("refuses, with 409, two admins demoting each other at the same moment: one wins, one admin is left", async () => {
    const [a, b] = [await staffAccount(["admin"], []), await staffAccount(["admin"], [])];
    const [sessionA, sessionB] = [(await signIn(a.email)).session, (await signIn(b.email)).session];
    await onlyAdmins([a, b]);
    const demote = (by: string, target: User.Info) =>
      staffRequest("PATCH", `${users}/${target.id}`, by, {
        roles: ["reviewer"],
        callIds: [],
        language: "en",
        version: 0,
      });
    const answers = await Promise.all([demote(sessionA, b), demote(sessionB, a)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    const refused = answers.find((answer) => answer.status === 409)!;
    const problem = (await refused.json()) as { code: string; detail: string };
    expect(problem.code).toBe("user.last_admin");
    expect(problem.detail).toMatch(/no active admin/);
    const left = (await User.list()).filter(User.isActiveAdmin);
    expect(left).toHaveLength(1);
    expect(await Account.activeAdminCount()).toBe(1);
  }, 60_000);

  it("refuses deactivating each other at the same moment, and counts the admins once on a table without the count", async () => {
    const [a, b] = [await staffAccount(["admin"], []), await staffAccount(["admin"], [])];
    const [sessionA, sessionB] = [(await signIn(a.email)).session, (await signIn(b.email)).session];
    await onlyAdmins([a, b]);
    // A table from before the count: the first change counts the active admins, then holds the line.
    await Dynamo.remove(Dynamo.Key.adminCount());
    const deactivate = async (by: string, byEmail: string, target: User.Info) =>
      staffRequest("POST", `${users}/${target.id}/deactivate`, by, {
        version: User.versionOf((await User.fromID(target.id))!),
        code: await stepUpCode(byEmail),
      });
    const answers = await Promise.all([deactivate(sessionA, a.email, b), deactivate(sessionB, b.email, a)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    expect((await User.list()).filter(User.isActiveAdmin)).toHaveLength(1);
    expect(await Account.activeAdminCount()).toBe(1);
  }, 60_000);
});
