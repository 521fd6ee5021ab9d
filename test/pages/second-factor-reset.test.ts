import * as Audit from "@amparo/core/audit";
import * as Auth from "@amparo/core/auth";
import * as User from "@amparo/core/user";
import { app as staffApp } from "@amparo/functions/staff/index";
import { beforeAll, describe, expect, it } from "vitest";
import { inbox } from "../support/applications.js";
import { formEntries, withValue } from "../support/page-form.js";
import { emailedToken, signIn, staffAccount, staffRequest, stepUpCode } from "../support/staff.js";

/** A staff member who lost their phone and their recovery codes gets back in through another admin. */

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

const resetPath = (account: User.Info) => `/staff/admin/users/${account.id}/reset-second-factor`;

describe("an admin resetting a staff member's second factor", () => {
  it("is offered on the account page, confirmed on its own page, and then nothing of the old factor works", async () => {
    const member = await staffAccount(["reviewer"], ["digital-emergency"]);
    const first = await signIn(member.email);
    const second = await signIn(member.email);
    const secret = first.secret!;
    expect((await staffRequest("GET", "/api/v1/review/queue", second.session)).status).toBe(200);
    const mailsBefore = (await inbox(member.email)).length;

    // From the account page to the confirmation step, then its POST form.
    const accountPage = await (await get(`/staff/admin/users/${member.id}`)).text();
    expect(accountPage).toContain(`href="${resetPath(member)}"`);
    const confirmation = await get(resetPath(member));
    expect(confirmation.status).toBe(200);
    const entries = formEntries(await confirmation.text(), resetPath(member));
    const response = await post(resetPath(member), withValue(entries, "code", await stepUpCode(admin.email)));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Second factor reset");

    // Every session has ended, by cookie and by bearer.
    for (const session of [first.session, second.session]) {
      expect((await staffRequest("GET", "/api/v1/auth/sessions", session)).status).toBe(401);
    }
    expect(await (await get("/staff", first.session)).text()).not.toContain('action="/staff/sign-out"');

    // The old authenticator's code no longer signs in: the link gives a session that can only enrol.
    const old = await staffRequest("POST", "/api/v1/auth/verify", undefined, {
      token: await emailedToken(member.email),
      totp: Auth.currentCode(secret, new Date(Date.now() + 30_000)),
    });
    expect(old.status).toBe(200);
    const signedIn = (await old.json()) as { session: string; totp: string };
    expect(signedIn.totp).toBe("required");
    expect((await staffRequest("GET", "/api/v1/review/queue", signedIn.session)).status).toBe(403);
    // ... and enrolling again gives a new secret and new recovery codes.
    const enrolled = (await (await staffRequest("POST", "/api/v1/auth/totp/enroll", signedIn.session)).json()) as {
      secret: string;
    };
    expect(enrolled.secret).not.toBe(secret);
    const confirmed = await staffRequest("POST", "/api/v1/auth/totp/confirm", signedIn.session, {
      code: Auth.currentCode(enrolled.secret),
    });
    expect(((await confirmed.json()) as { recoveryCodes: string[] }).recoveryCodes).toHaveLength(10);

    // On record, by the admin, on the member's account.
    const event = (await Audit.list({ user: member.id })).find((found) => found.type === "second_factor_reset");
    expect(event?.actor).toBe(`user:${admin.id}`);
    expect(event?.["recoveryCodes"]).toBe(10);

    // The member is told, neutrally, and only once.
    const told = (await inbox(member.email))
      .slice(mailsBefore)
      .filter((mail) => /second factor/.test(mail.body.text ?? ""));
    expect(told).toHaveLength(1);
    expect(told[0]!.subject).toBe("Your second factor was reset");
    expect(told[0]!.body.text).toContain("/staff");
  }, 120_000);

  it("takes the recovery codes away too", async () => {
    const member = await staffAccount(["coordinator"], ["digital-emergency"]);
    await signIn(member.email);
    expect(await Auth.recoveryCodesLeft(member.id)).toBe(10);
    const version = User.versionOf((await User.fromID(member.id))!);
    const reset = await staffRequest("POST", `/api/v1/admin/users/${member.id}/reset-second-factor`, adminSession, {
      version,
      code: await stepUpCode(admin.email),
    });
    expect(reset.status).toBe(200);
    expect(await reset.json()).toMatchObject({ account: { id: member.id, version: version + 1 }, sessionsEnded: 1 });
    expect(await Auth.recoveryCodesLeft(member.id)).toBe(0);
    const after = (await User.fromID(member.id))!;
    expect(after.totpSealed).toBeUndefined();
    // A second request on the same version is stale: nothing more happens.
    expect(
      (
        await staffRequest("POST", `/api/v1/admin/users/${member.id}/reset-second-factor`, adminSession, {
          version,
          code: await stepUpCode(admin.email),
        })
      ).status,
    ).toBe(409);
  }, 60_000);

  it("is refused on one's own account, on the page and over the API, and to anyone but an admin", async () => {
    expect(await (await get(`/staff/admin/users/${admin.id}`)).text()).toContain(
      "You cannot reset your own second factor here",
    );
    const version = String(User.versionOf((await User.fromID(admin.id))!));
    const page = await post(resetPath(admin), [["version", version]]);
    expect(page.status).toBe(403);
    expect(await page.text()).toContain("another admin must do it");
    const api = await staffRequest("POST", `/api/v1/admin/users/${admin.id}/reset-second-factor`, adminSession, {
      version: Number(version),
    });
    expect(api.status).toBe(403);
    expect((await User.fromID(admin.id))!.totpSealed).toBeDefined();
    expect((await staffRequest("GET", "/api/v1/auth/sessions", adminSession)).status).toBe(200);

    const coordinator = await staffAccount(["coordinator"], ["digital-emergency"]);
    const { session } = await signIn(coordinator.email);
    expect((await get(resetPath(admin), session)).status).toBe(403);
    expect(
      (await staffRequest("POST", `/api/v1/admin/users/${admin.id}/reset-second-factor`, session, { version: 0 }))
        .status,
    ).toBe(403);
  }, 60_000);
});
