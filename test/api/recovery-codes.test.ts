import { createHash } from "node:crypto";
import * as Auth from "@amparo/core/auth";
import * as Clock from "@amparo/core/clock";
import * as Dynamo from "@amparo/core/dynamo";
import * as User from "@amparo/core/user";
import { app as staffApp } from "@amparo/functions/staff/index";
import { describe, expect, it } from "vitest";
import { everyItem } from "../support/http.js";
import { emailedToken, staffAccount, staffRequest, unusedCode } from "../support/staff.js";

const verify = (body: unknown) => staffRequest("POST", "/api/v1/auth/verify", undefined, body);
const codePattern = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/;

/** A new quarter hour for the per-address link limit (this file's table only): forgets every rate-limit window. */
async function nextQuarterHour() {
  for (const item of await everyItem()) {
    if (String(item["pk"]).startsWith(Dynamo.rateWindowPrefix)) {
      await Dynamo.remove({ pk: String(item["pk"]), sk: String(item["sk"]) });
    }
  }
}

/** A fresh sign-in link, however many this test already asked for. */
async function link(email: string) {
  await nextQuarterHour();
  return emailedToken(email);
}

/** Enrols a new account through the API, as a person would, and keeps what confirmation answered. */
async function enrolled(roles: User.Role[] = ["reviewer"]) {
  const account = await staffAccount(roles, ["digital-emergency"]);
  const first = (await (await verify({ token: await link(account.email) })).json()) as { session: string };
  const { secret } = (await (await staffRequest("POST", "/api/v1/auth/totp/enroll", first.session)).json()) as {
    secret: string;
  };
  const confirmed = await staffRequest("POST", "/api/v1/auth/totp/confirm", first.session, {
    code: Auth.currentCode(secret),
  });
  expect(confirmed.status).toBe(200);
  const body = (await confirmed.json()) as { session: string; recoveryCodes: string[] };
  return { account, secret, session: body.session, codes: body.recoveryCodes };
}

function trail(userId: string, items: Record<string, unknown>[]) {
  const events = Dynamo.Collection.events({ user: userId });
  return items.filter((item) => item["pk"] === events.pk && String(item["sk"]).startsWith(events.skPrefix));
}

describe("recovery codes", () => {
  it("are given once, ten of them, when enrolment is confirmed, and stored only as keyed hashes", async () => {
    const { account, codes } = await enrolled();
    expect(codes).toHaveLength(Auth.recoveryCodeCount);
    expect(codes).toHaveLength(10);
    for (const code of codes) expect(code).toMatch(codePattern);
    expect(new Set(codes).size).toBe(10);

    const items = await everyItem();
    const table = JSON.stringify(items);
    for (const code of codes) {
      const bare = code.replace(/-/g, "");
      expect(table).not.toContain(code);
      expect(table).not.toContain(bare);
      // Not a plain hash either: without the HMAC key a copy of the table cannot test a guess.
      expect(table).not.toContain(createHash("sha256").update(bare).digest("hex"));
      expect(table).not.toContain(createHash("sha256").update(code).digest("hex"));
    }
    const stored = items.filter(
      (item) => item["pk"] === `USER#${account.id}` && String(item["sk"]).startsWith("RECOVERY#"),
    );
    expect(stored).toHaveLength(10);
  });

  it("sign in once each in place of the TOTP code, typed any way, and say how many are left", async () => {
    const { account, codes } = await enrolled();
    // Lower case, spaces instead of dashes: read off paper and typed on a phone.
    const typed = codes[0]!.toLowerCase().replace(/-/g, " ");
    const first = await verify({ token: await link(account.email), recoveryCode: typed });
    expect(first.status).toBe(200);
    const body = (await first.json()) as { session: string; totp: string; recoveryCodesLeft: number };
    expect(body).toMatchObject({ totp: "enrolled", recoveryCodesLeft: 9 });
    expect((await staffRequest("GET", "/api/v1/review/queue", body.session)).status).toBe(200);

    const again = await verify({ token: await link(account.email), recoveryCode: codes[0] });
    expect(again.status).toBe(401);
    const other = await verify({ token: await link(account.email), recoveryCode: codes[1] });
    expect(((await other.json()) as { recoveryCodesLeft: number }).recoveryCodesLeft).toBe(8);

    const events = trail(account.id, await everyItem()).filter((item) => item["type"] === "recovery_code_used");
    expect(events).toHaveLength(2);
    expect(events.every((event) => event["actor"] === `user:${account.id}`)).toBe(true);
  });

  it("work once when the same code is sent twice at the same moment: one wins, the other is refused", async () => {
    const { account, codes } = await enrolled();
    const tokens = [await link(account.email), await link(account.email)];
    const answers = await Promise.all(tokens.map((token) => verify({ token, recoveryCode: codes[2] })));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 401]);
    const used = trail(account.id, await everyItem()).filter((item) => item["type"] === "recovery_code_used");
    expect(used).toHaveLength(1);
  });

  it("count wrong codes towards the same lock as wrong TOTP codes, which a good recovery code does not lift", async () => {
    const { account, codes, secret } = await enrolled();
    const older = await link(account.email);
    for (let attempt = 0; attempt < Auth.totpFailuresToLock; attempt++) {
      const wrong = await verify({ token: await link(account.email), recoveryCode: "AAAA-BBBB-CCCC-DDDD" });
      expect(wrong.status).toBe(401);
    }
    const locked = (await User.fromID(account.id))!;
    expect(locked.totpLockedAt).toBeDefined();
    // A good code on a link from before the lock is refused, like a good TOTP code, and stays unused.
    expect((await verify({ token: older, recoveryCode: codes[3] })).status).toBe(401);
    expect((await verify({ token: older, totp: unusedCode(secret, locked.totpLastStep) })).status).toBe(401);
    // A link asked for after the lock lifts it; the same code then works, once.
    const after = await verify({ token: await link(account.email), recoveryCode: codes[3] });
    expect(after.status).toBe(200);
    expect((await User.fromID(account.id))!.totpFailures).toBe(0);
    // Garbage of any length is refused the same way, and counted.
    const garbage = await verify({ token: await link(account.email), recoveryCode: "x" });
    expect(garbage.status).toBe(401);
    expect((await User.fromID(account.id))!.totpFailures).toBe(1);
  });

  it("can be replaced with new ones on a fresh code from the session; the old ones then stop working", async () => {
    const { account, codes, secret, session } = await enrolled();
    const valid = [-1, 0, 1].map((step) => Auth.currentCode(secret, new Date(Date.now() + step * 30_000)));
    const wrong = ["000000", "111111", "222222", "333333"].find((code) => !valid.includes(code))!;
    const refused = await staffRequest("POST", "/api/v1/auth/recovery-codes", session, { code: wrong });
    expect(refused.status).toBe(422);
    const current = (await User.fromID(account.id))!;
    const made = await staffRequest("POST", "/api/v1/auth/recovery-codes", session, {
      code: unusedCode(secret, current.totpLastStep),
    });
    expect(made.status).toBe(200);
    const { recoveryCodes } = (await made.json()) as { recoveryCodes: string[] };
    expect(recoveryCodes).toHaveLength(10);
    expect(recoveryCodes.filter((code) => codes.includes(code))).toEqual([]);

    expect((await verify({ token: await link(account.email), recoveryCode: codes[4] })).status).toBe(401);
    expect((await verify({ token: await link(account.email), recoveryCode: recoveryCodes[0] })).status).toBe(200);
    const replaced = trail(account.id, await everyItem()).filter((item) => item["type"] === "recovery_codes_replaced");
    expect(replaced).toHaveLength(1);
  });

  it("can be replaced on an unused recovery code too, which is then used up", async () => {
    const { codes, session } = await enrolled();
    const made = await staffRequest("POST", "/api/v1/auth/recovery-codes", session, { code: codes[0] });
    expect(made.status).toBe(200);
    const again = await staffRequest("POST", "/api/v1/auth/recovery-codes", session, { code: codes[0] });
    expect(again.status).toBe(422);
  });

  it("end the session after three wrong codes, with an audit event, and never lock the owner's second factor", async () => {
    const { account, secret, session } = await enrolled();
    const valid = [-1, 0, 1].map((step) => Auth.currentCode(secret, new Date(Clock.nowMs() + step * 30_000)));
    const wrong = ["000000", "111111", "222222", "333333"].find((code) => !valid.includes(code))!;
    const answers = [];
    for (let attempt = 0; attempt < Auth.stepUpFailuresToEnd; attempt++) {
      answers.push((await staffRequest("POST", "/api/v1/auth/recovery-codes", session, { code: wrong })).status);
    }
    expect(answers).toEqual([422, 422, 401]);
    expect((await staffRequest("GET", "/api/v1/auth/sessions", session)).status).toBe(401);
    const owner = (await User.fromID(account.id))!;
    expect(owner.totpLockedAt).toBeUndefined();
    expect(owner.totpFailures ?? 0).toBe(0);
    const ended = trail(account.id, await everyItem()).filter((item) => item["type"] === "session_ended_wrong_codes");
    expect(ended).toHaveLength(1);
    // The owner signs in as before: their second factor was never locked by the stolen session's guesses.
    const token = await link(account.email);
    expect((await verify({ token, totp: unusedCode(secret, owner.totpLastStep) })).status).toBe(200);
  });

  it("are shown on the enrolment page's answer, uncompressed, with what they are for, and a code field folds out at sign-in", async () => {
    const account = await staffAccount(["coordinator"], ["digital-emergency"]);
    const first = (await (await verify({ token: await link(account.email) })).json()) as { session: string };
    const cookie = `staff_session=${first.session}`;
    const form = await staffApp.request("/staff/totp", { headers: { Cookie: cookie } });
    const key = /<code>([A-Z2-7 ]+)<\/code>/.exec(await form.text())![1]!.replace(/\s/g, "");
    const answer = await staffApp.request("/staff/totp", {
      method: "POST",
      headers: {
        Cookie: cookie,
        "Content-Type": "application/x-www-form-urlencoded",
        "Sec-Fetch-Site": "same-origin",
        "Accept-Encoding": "gzip",
      },
      body: new URLSearchParams({ code: Auth.currentCode(key) }).toString(),
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-encoding")).toBeNull();
    const page = await answer.text();
    expect(page).toContain("Each code works only once.");
    expect(page).toContain("Keep them somewhere safe");
    expect(page).toContain("If you lose your phone or your authenticator app");
    expect(page.match(/<li><code>[0-9A-Z-]{19}<\/code><\/li>/g)).toHaveLength(10);

    const linkPage = await (await staffApp.request(`/staff/sign-in/link?token=${"x".repeat(43)}`)).text();
    expect(linkPage).toMatch(/<summary>Use a recovery code<\/summary>/);
    expect(linkPage).toContain('name="recoveryCode"');
  });
});
