import { createHash } from "node:crypto";
import * as Auth from "@amparo/core/auth";
import * as Clock from "@amparo/core/clock";
import * as Dynamo from "@amparo/core/dynamo";
import { describe, expect, it } from "vitest";
import { inbox } from "../support/applications.js";
import { everyItem } from "../support/http.js";
import { emailedToken, signIn, staffAccount, staffRequest } from "../support/staff.js";

const verify = (body: unknown) => staffRequest("POST", "/api/v1/auth/verify", undefined, body);

describe("magic links", () => {
  it("always answer 202, and email a link only to a known address, with no content in it", async () => {
    const reviewer = await staffAccount(["reviewer"], ["digital-emergency"]);
    const unknown = `nobody-${Date.now()}@staff.example.org`;
    const known = await staffRequest("POST", "/api/v1/auth/magic-link", undefined, { email: reviewer.email });
    const stranger = await staffRequest("POST", "/api/v1/auth/magic-link", undefined, { email: unknown });
    expect([known.status, stranger.status]).toEqual([202, 202]);
    expect(await known.text()).toBe(await stranger.text());
    expect(await inbox(unknown)).toEqual([]);
    const [mail] = await inbox(reviewer.email);
    // A staff email says what it is (an applicant's never does).
    expect(mail!.subject).toBe("Sign-in link");
    expect(mail!.body.text).toMatch(/\/staff\/sign-in\/link\?token=[A-Za-z0-9_-]{43}/);
    // Stored only as a hash: the token itself is nowhere in the table.
    const token = /token=([A-Za-z0-9_-]{43})/.exec(mail!.body.text!)![1]!;
    expect(JSON.stringify(await everyItem())).not.toContain(token);
    expect(JSON.stringify(await everyItem())).toContain(createHash("sha256").update(token).digest("hex"));
  });

  it("work once: a used, expired or forged token is 401", async () => {
    const reviewer = await staffAccount(["reviewer"], ["digital-emergency"]);
    const token = await emailedToken(reviewer.email);
    const first = await verify({ token });
    expect(first.status).toBe(200);
    // Reviewers need a second factor too: a first sign-in gives a session that can only enrol.
    expect(await first.json()).toMatchObject({
      totp: "required",
      user: { email: reviewer.email, roles: ["reviewer"] },
    });
    expect(first.headers.get("set-cookie")).toMatch(/staff_session=.*HttpOnly.*SameSite=Strict/);
    expect((await verify({ token })).status).toBe(401);

    const expiring = await emailedToken(reviewer.email);
    await Dynamo.update(Dynamo.Key.signInLink(createHash("sha256").update(expiring).digest("hex")), {
      set: { validUntil: new Date(Date.now() - 1000).toISOString() },
    });
    expect((await verify({ token: expiring })).status).toBe(401);
    expect((await verify({ token: "A".repeat(43) })).status).toBe(401);
    expect((await verify({ token: "../../etc" })).status).toBe(401);
    const malformed = await staffRequest("POST", "/api/v1/auth/verify", undefined, { totp: 5 });
    expect(malformed.status).toBe(400);
  });

  it("past the per-address limit still answer 202 but email nothing more, counted under a keyed hash, never the address", async () => {
    const reviewer = await staffAccount(["reviewer"], ["digital-emergency"]);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < Auth.linksPerAddress + 2; attempt++) {
      statuses.push(
        (await staffRequest("POST", "/api/v1/auth/magic-link", undefined, { email: reviewer.email })).status,
      );
    }
    expect(statuses).toEqual(Array(Auth.linksPerAddress + 2).fill(202));
    expect(await inbox(reviewer.email)).toHaveLength(Auth.linksPerAddress);
    const rateItems = (await everyItem()).filter((item) => String(item["pk"]).startsWith(Dynamo.rateWindowPrefix));
    expect(rateItems.length).toBeGreaterThan(0);
    expect(JSON.stringify(rateItems)).not.toContain(reviewer.email);
  });
});

describe("the second factor", () => {
  it("gives a coordinator without TOTP a session that can only enrol, then a full one after a valid code", async () => {
    const coordinator = await staffAccount(["coordinator"], ["digital-emergency"]);
    const verified = (await (await verify({ token: await emailedToken(coordinator.email) })).json()) as {
      session: string;
      totp: string;
    };
    expect(verified.totp).toBe("required");
    const limited = await staffRequest("GET", "/api/v1/review/applications?callId=digital-emergency", verified.session);
    expect(limited.status).toBe(403);

    const enrolment = (await (await staffRequest("POST", "/api/v1/auth/totp/enroll", verified.session)).json()) as {
      secret: string;
      uri: string;
      qrSvg: string;
    };
    expect(enrolment.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrolment.uri).toMatch(/^otpauth:\/\/totp\/Amparo:/);
    expect(enrolment.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    const wrong = await staffRequest("POST", "/api/v1/auth/totp/confirm", verified.session, { code: "000000" });
    expect(wrong.status).toBe(422);
    const confirmed = await staffRequest("POST", "/api/v1/auth/totp/confirm", verified.session, {
      code: Auth.currentCode(enrolment.secret),
    });
    expect(confirmed.status).toBe(200);
    const { session } = (await confirmed.json()) as { session: string };
    expect((await staffRequest("GET", "/api/v1/review/applications?callId=digital-emergency", session)).status).toBe(
      200,
    );
    // The enrol-only session is gone.
    expect((await staffRequest("POST", "/api/v1/auth/totp/enroll", verified.session)).status).toBe(401);
  });

  it("is then needed at every sign-in: missing, wrong or replayed codes are 401", async () => {
    const admin = await staffAccount(["admin"], []);
    const { secret } = await signIn(admin.email);
    const missing = await verify({ token: await emailedToken(admin.email) });
    expect(missing.status).toBe(401);
    const wrong = await verify({ token: await emailedToken(admin.email), totp: "123456" });
    expect(wrong.status).toBe(401);
    // The code used at enrolment cannot be used again; the clock moves on to the next time step.
    Clock.advance(30_000);
    const code = Auth.currentCode(secret!);
    const right = await verify({ token: await emailedToken(admin.email), totp: code });
    expect(right.status).toBe(200);
    expect(((await right.json()) as { totp: string }).totp).toBe("enrolled");
    const replayed = await verify({ token: await emailedToken(admin.email), totp: code });
    expect(replayed.status).toBe(401);
  });
});

describe("sessions", () => {
  it("end at sign-out", async () => {
    const reviewer = await staffAccount(["reviewer"], ["digital-emergency"]);
    const { session } = await signIn(reviewer.email);
    expect((await staffRequest("GET", "/api/v1/review/queue", session)).status).toBe(200);
    expect((await staffRequest("POST", "/api/v1/auth/sign-out", session)).status).toBe(204);
    expect((await staffRequest("GET", "/api/v1/review/queue", session)).status).toBe(401);
  });

  it("record every sign-in as an event on the account", async () => {
    const reviewer = await staffAccount(["reviewer"], ["digital-emergency"]);
    await signIn(reviewer.email);
    const trail = Dynamo.Collection.events({ user: reviewer.id });
    const events = (await everyItem()).filter(
      (item) => item["pk"] === trail.pk && String(item["sk"]).startsWith(trail.skPrefix),
    );
    // A first sign-in is two: the session that can only enrol, then the full one after the second factor.
    expect(events.map((event) => event["type"]).sort()).toEqual(["created", "signed_in", "signed_in"]);
    expect(
      events
        .map((event) => event["scope"])
        .filter(Boolean)
        .sort(),
    ).toEqual(["enrol", "full"]);
  });
});

describe("staff addresses at rest", () => {
  it("are found through a keyed hash, which a list of addresses cannot be matched against", async () => {
    const account = await staffAccount(["reviewer"], ["digital-emergency"]);
    const plainHash = createHash("sha256").update(account.email).digest("hex");
    const claimSort = Dynamo.Key.userEmail("any").sk;
    const claims = (await everyItem()).filter((item) => item["sk"] === claimSort && item["userId"] === account.id);
    expect(claims).toHaveLength(1);
    expect(JSON.stringify(claims)).not.toContain(plainHash);
  });
});
