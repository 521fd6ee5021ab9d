import * as Session from "@amparo/core/session";
import * as User from "@amparo/core/user";
import { beforeAll, describe, expect, it } from "vitest";
import { signIn, staffAccount } from "../support/staff.js";
import { describeFinding, prepare, type Fuzzer } from "./fuzzer.js";

/** Fixed, so a failure here is the same failure on every machine; the bench runs many more with another seed. */
const seed = 20_260_812;
const runs = 400;

let fuzzer: Fuzzer;

beforeAll(async () => {
  fuzzer = await prepare({
    staffAccount,
    signIn: async (email) => {
      try {
        return (await signIn(email)).session;
      } catch {
        // The emailed link is the sign-in tests' subject; the fuzzer only needs a session. While email delivery
        // is reworked (the outbox), a link may not have arrived yet: start the session in core instead.
        return Session.start((await User.fromEmail(email))!, "full");
      }
    },
  });
}, 90_000);

describe("fuzzing every route from the contract and the page forms", () => {
  it("finds every API operation of the published description and the forms of the applicant and staff pages", () => {
    const api = fuzzer.targets.filter((target) => target.kind === "api");
    const forms = fuzzer.targets.flatMap((target) => (target.kind === "page" ? [target.form] : []));
    expect(api.length).toBeGreaterThan(20);
    const posted = forms.filter((form) => form.method === "POST").map((form) => form.template);
    // A sample of what a person can fill in, applicant side and staff side.
    expect(posted).toEqual(
      expect.arrayContaining([
        "/apply/{callId}/eligibility",
        "/apply/{callId}/start",
        "/apply/resume",
        "/apply/my/funding",
        "/apply/my/concept-note",
        "/staff/sign-in/request",
        "/staff/applications/{id}/score",
        "/staff/applications/{id}/transition",
        "/staff/admin/users",
      ]),
    );
  });

  it(
    "answers hostile, malformed and boundary requests from every kind of caller without a 5xx, with a problem " +
      "or an error page for each refusal, and changes nothing stored when it refuses",
    async () => {
      const totals = await fuzzer.run({ runs, seed });
      expect(totals.sent).toBe(runs);
      // The requests must reach past the first gate often enough to mean something: some accepted, most refused.
      const count = (from: number, to: number) =>
        Object.entries(totals.byStatus)
          .filter(([status]) => Number(status) >= from && Number(status) < to)
          .reduce((sum, [, n]) => sum + n, 0);
      expect(count(200, 400)).toBeGreaterThan(runs / 20);
      expect(count(400, 500)).toBeGreaterThan(runs / 2);
      expect(totals.findings.map(describeFinding)).toEqual([]);
    },
    120_000,
  );
});
