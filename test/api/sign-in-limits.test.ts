import * as Auth from "@amparo/core/auth";
import * as Clock from "@amparo/core/clock";
import * as Dynamo from "@amparo/core/dynamo";
import * as User from "@amparo/core/user";
import { describe, expect, it } from "vitest";
import { deliverOutbox, inbox, sesStore } from "../support/applications.js";
import { everyItem } from "../support/http.js";
import { emailedToken, signIn, staffAccount, staffRequest, unusedCode } from "../support/staff.js";

const requestLink = (email: string) => staffRequest("POST", "/api/v1/auth/magic-link", undefined, { email });
const verify = (body: unknown) => staffRequest("POST", "/api/v1/auth/verify", undefined, body);
const madeUp = () => `nobody-${crypto.randomUUID().slice(0, 8)}@staff.example.org`;

/** A new quarter hour for the per-address limit (this file's table only): forgets every rate-limit window. */
async function nextQuarterHour() {
  for (const item of await everyItem()) {
    if (String(item["pk"]).startsWith(Dynamo.rateWindowPrefix)) {
      await Dynamo.remove({ pk: String(item["pk"]), sk: String(item["sk"]) });
    }
  }
}

/** A code that is wrong for this secret at any accepted step. */
function wrongCode(secret: string): string {
  const valid = [-1, 0, 1].map((step) => Auth.currentCode(secret, Clock.fromNow(step * 30_000)));
  return ["000000", "111111", "222222", "333333"].find((code) => !valid.includes(code))!;
}

describe("sign-in under a flood", () => {
  it("lets a real staff member sign in after 100 link requests for made-up addresses, which email nothing", async () => {
    const addresses = Array.from({ length: 100 }, madeUp);
    const statuses = [];
    for (const address of addresses) statuses.push((await requestLink(address)).status);
    expect(statuses).toEqual(Array(100).fill(202));

    const reviewer = await staffAccount(["reviewer"], ["digital-emergency"]);
    const { session } = await signIn(reviewer.email);
    expect((await staffRequest("GET", "/api/v1/review/queue", session)).status).toBe(200);
    for (const address of addresses.slice(0, 10)) expect(await sesStore(address)).toEqual([]);
  }, 60_000);

  it("answers 10 requests for a real address with 202 each, and a link still signs that person in", async () => {
    const reviewer = await staffAccount(["reviewer"], ["digital-emergency"]);
    const statuses = [];
    for (let request = 0; request < 10; request++) statuses.push((await requestLink(reviewer.email)).status);
    expect(statuses).toEqual(Array(10).fill(202));
    // Only the limit's worth were emailed, and each of them works.
    const mails = await inbox(reviewer.email);
    expect(mails).toHaveLength(Auth.linksPerAddress);
    const token = /token=([A-Za-z0-9_-]{43})/.exec(mails[0]!.body.text!)![1]!;
    const signedIn = await verify({ token });
    expect(signedIn.status).toBe(200);
    expect(((await signedIn.json()) as { user: { email: string } }).user.email).toBe(reviewer.email);
  });

  it("does the same work for a known and an unknown address: a link and an outbox item each, only one ever sent", async () => {
    const reviewer = await staffAccount(["reviewer"], ["digital-emergency"]);
    const stranger = madeUp();
    await deliverOutbox();
    const kinds = async (request: () => Promise<unknown>) => {
      const before = new Set((await everyItem()).map((item) => `${item["pk"]}|${item["sk"]}`));
      await request();
      return (await everyItem())
        .filter((item) => !before.has(`${item["pk"]}|${item["sk"]}`))
        .map((item) => String(item["pk"]).split("#")[0])
        .sort();
    };
    const known = await kinds(() => requestLink(reviewer.email));
    const unknown = await kinds(() => requestLink(stranger));
    expect(known).toEqual(["LINK", "OUTBOX", "RATE"]);
    expect(unknown).toEqual(known);
    expect(await deliverOutbox()).toEqual({ unfinished: 0 });
    expect(await sesStore(reviewer.email)).toHaveLength(1);
    expect(await sesStore(stranger)).toEqual([]);
  });
});

describe("the second factor", () => {
  it("is required of every staff role, reviewers and funders too", async () => {
    expect(User.rolesNeedingTotp.sort()).toEqual(["admin", "coordinator", "funder", "reviewer"]);
    for (const roles of [["reviewer"], ["funder"]] as User.Role[][]) {
      const account = await staffAccount(roles, ["digital-emergency"]);
      const verified = await verify({ token: await emailedToken(account.email) });
      expect(((await verified.json()) as { totp: string }).totp).toBe("required");
      const { session } = (await (await verify({ token: await emailedToken(account.email) })).json()) as {
        session: string;
      };
      // The session can only enrol: the review queue is closed to it.
      expect((await staffRequest("GET", "/api/v1/review/queue", session)).status).toBe(403);
    }
  });

  it("locks after repeated wrong codes, even against the right code on an older link; the next emailed link unlocks it", async () => {
    const reviewer = await staffAccount(["reviewer"], ["digital-emergency"]);
    const { secret } = await signIn(reviewer.email);
    const link = async () => {
      await nextQuarterHour();
      return emailedToken(reviewer.email);
    };

    const older = await link();
    for (let attempt = 0; attempt < Auth.totpFailuresToLock; attempt++) {
      expect((await verify({ token: await link(), totp: wrongCode(secret!) })).status).toBe(401);
    }
    const locked = (await User.fromID(reviewer.id))!;
    expect(locked.totpLockedAt).toBeDefined();
    const right = unusedCode(secret!, locked.totpLastStep);
    expect((await verify({ token: older, totp: right })).status).toBe(401);

    // A link asked for after the lock lifts it, but still needs a valid code.
    expect((await verify({ token: await link(), totp: wrongCode(secret!) })).status).toBe(401);
    const unlocked = (await User.fromID(reviewer.id))!;
    expect(unlocked.totpLockedAt).toBeUndefined();
    expect(unlocked.totpFailures).toBe(1);
    const signedIn = await verify({ token: await link(), totp: unusedCode(secret!, unlocked.totpLastStep) });
    expect(signedIn.status).toBe(200);
    expect((await User.fromID(reviewer.id))!.totpFailures).toBe(0);
  });
});
