import * as Audit from "@amparo/core/audit";
import * as User from "@amparo/core/user";
import { beforeAll, describe, expect, it } from "vitest";
import { inbox } from "../support/applications.js";
import { signIn, staffAccount, staffRequest, stepUpCode } from "../support/staff.js";

let admin: User.Info;
let session = "";

beforeAll(async () => {
  admin = await staffAccount(["admin"], []);
  session = (await signIn(admin.email)).session;
}, 60_000);

const users = "/api/v1/admin/users";
type Account = { id: string; roles: string[]; callIds: string[]; language: string; active: boolean; version: number };

describe("staff accounts over the admin API", () => {
  it("email a new member once, neutrally, with where to sign in and nothing else", async () => {
    const email = `new-member-${Date.now()}@staff.example.org`;
    const created = await staffRequest("POST", users, session, {
      email,
      roles: ["reviewer"],
      callIds: ["digital-emergency"],
      language: "es",
    });
    expect(created.status).toBe(201);
    const mails = await inbox(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe("Su cuenta del equipo");
    const text = mails[0]!.body.text ?? "";
    expect(text).toContain("/staff");
    // That an account exists and where to sign in: not the roles, the calls, or who made it.
    expect(text).not.toMatch(/evaluador|digital-emergency|Fondo|@/i);
    expect(text).not.toContain(admin.email);
  });

  it("are edited on the version last read, a stale one answering 409 in words and changing nothing", async () => {
    const account = await staffAccount(["reviewer"], ["digital-emergency"]);
    const edited = await staffRequest("PATCH", `${users}/${account.id}`, session, {
      roles: ["reviewer", "funder"],
      callIds: ["digital-emergency", "concept-notes-2026"],
      language: "es",
      version: 0,
    });
    expect(edited.status).toBe(200);
    const body = (await edited.json()) as Account;
    expect(body).toMatchObject({ roles: ["reviewer", "funder"], language: "es", active: true, version: 1 });
    const stale = await staffRequest("PATCH", `${users}/${account.id}`, session, {
      roles: ["reviewer"],
      callIds: [],
      language: "pt",
      version: 0,
    });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { detail?: string; title?: string }).detail ?? "").toMatch(/changed this account/);
    expect((await User.fromID(account.id))!.language).toBe("es");
    const events = await Audit.list({ user: account.id });
    expect(events.filter((event) => event.type === "account_edited")).toHaveLength(1);
    expect(JSON.stringify(events)).not.toContain(account.email);
  });

  it("refuse an admin removing their own admin role or deactivating themselves", async () => {
    const version = User.versionOf((await User.fromID(admin.id))!);
    const dropped = await staffRequest("PATCH", `${users}/${admin.id}`, session, {
      roles: ["coordinator"],
      callIds: [],
      language: "en",
      version,
    });
    expect(dropped.status).toBe(403);
    expect((await staffRequest("POST", `${users}/${admin.id}/deactivate`, session, { version })).status).toBe(403);
    expect((await User.fromID(admin.id))!).toMatchObject({ roles: ["admin"] });
    expect((await User.fromID(admin.id))!.deactivatedAt).toBeUndefined();
  });

  it("when deactivated, lose their sessions at once and get no sign-in link, like an unknown address", async () => {
    const account = await staffAccount(["coordinator"], ["digital-emergency"]);
    const own = (await signIn(account.email)).session;
    const before = (await inbox(account.email)).length;
    const deactivated = await staffRequest("POST", `${users}/${account.id}/deactivate`, session, {
      version: 0,
      code: await stepUpCode(admin.email),
    });
    expect(deactivated.status).toBe(200);
    expect(((await deactivated.json()) as Account).active).toBe(false);
    expect((await staffRequest("GET", "/api/v1/auth/sessions", own)).status).toBe(401);
    const asked = await staffRequest("POST", "/api/v1/auth/magic-link", undefined, { email: account.email });
    const stranger = await staffRequest("POST", "/api/v1/auth/magic-link", undefined, {
      email: `nobody-${Date.now()}@staff.example.org`,
    });
    expect([asked.status, stranger.status]).toEqual([202, 202]);
    expect(await asked.text()).toBe(await stranger.text());
    expect(await inbox(account.email)).toHaveLength(before);

    const reactivated = await staffRequest("POST", `${users}/${account.id}/reactivate`, session, {
      version: 1,
      code: await stepUpCode(admin.email),
    });
    expect(reactivated.status).toBe(200);
    expect((await signIn(account.email)).session).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const types = (await Audit.list({ user: account.id })).map((event) => event.type);
    expect(types).toEqual(expect.arrayContaining(["deactivated", "reactivated"]));
  }, 60_000);

  it("answer 404 for an account that does not exist", async () => {
    const missing = await staffRequest("POST", `${users}/00000000-0000-4000-8000-000000000000/reactivate`, session, {
      version: 0,
    });
    expect(missing.status).toBe(404);
  });
});
