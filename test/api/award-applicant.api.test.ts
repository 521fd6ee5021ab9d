import * as Application from "@amparo/core/application";
import * as Award from "@amparo/core/award";
import * as Clock from "@amparo/core/clock";
import type * as User from "@amparo/core/user";
import { beforeAll, describe, expect, it } from "vitest";
import { applicantRequest } from "../support/applications.js";
import { moveAs, submittedOverApi } from "../support/award.js";
import { staffAccount } from "../support/staff.js";

const EMERGENCY = "digital-emergency";
let coordinator: User.Info;

beforeAll(async () => {
  coordinator = await staffAccount(["coordinator"], [EMERGENCY]);
});

/** An emergency application, sent (not yet decided). */
async function sent() {
  const made = await submittedOverApi();
  await moveAs(coordinator, made.id, "in_review");
  return made;
}

const isProblem = (response: Response) =>
  expect(response.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);

describe("the award over the applicant API", () => {
  it("is 404 before an approval, then the grant without references once approved", async () => {
    const { id, token } = await sent();
    const before = await applicantRequest("GET", `/api/v1/applications/${id}/award`, token);
    expect(before.status).toBe(404);
    isProblem(before);
    await moveAs(coordinator, id, "approved", { amount: 1_500 });
    const view = (await (await applicantRequest("GET", `/api/v1/applications/${id}/award`, token)).json()) as {
      stage: string;
      amount: number;
      currency: string;
      reports: { dueDays: number; dueAt?: string }[];
      paymentMethod: { given: boolean; open: boolean };
    };
    expect(view).toMatchObject({ stage: "approved", amount: 1_500, currency: "EUR" });
    expect(view.reports[0]).toMatchObject({ dueDays: 150 });
    expect(view.reports[0]!.dueAt).toBeUndefined();
    expect(view.paymentMethod).toMatchObject({ given: false, open: false });
    // Another application's code answers the same 404 as none.
    const other = await sent();
    expect((await applicantRequest("GET", `/api/v1/applications/${id}/award`, other.token)).status).toBe(404);
  });

  it("answers the agreement: bad bodies are 400, an empty name 422, acceptance is idempotent", async () => {
    const { id, token } = await sent();
    await moveAs(coordinator, id, "approved", { amount: 1_500 });
    const path = `/api/v1/applications/${id}/agreement`;
    // Not sent yet: nothing to accept.
    expect((await applicantRequest("POST", path, token, { decision: "accept", name: "Ana" })).status).toBe(409);
    await moveAs(coordinator, id, "agreement_sent");
    for (const bad of [{ decision: "maybe" }, { decision: "accept" }, {}, { decision: "accept", name: 7 }]) {
      const refused = await applicantRequest("POST", path, token, bad);
      expect(refused.status).toBe(400);
      isProblem(refused);
    }
    const empty = await applicantRequest("POST", path, token, { decision: "accept", name: " " });
    expect(empty.status).toBe(422);
    expect(((await empty.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(["name"]);
    const accepted = await applicantRequest("POST", path, token, { decision: "accept", name: "Ana María Pérez" });
    expect(await accepted.json()).toEqual({ stage: "agreed" });
    expect(await (await applicantRequest("POST", path, token, { decision: "accept", name: "Ana" })).json()).toEqual({
      stage: "agreed",
    });
    // Accepted: no turning it down any more.
    expect((await applicantRequest("POST", path, token, { decision: "decline" })).status).toBe(409);
    const view = (await (await applicantRequest("GET", `/api/v1/applications/${id}/award`, token)).json()) as {
      agreedAt?: string;
      reports: { dueAt?: string }[];
    };
    expect(view.agreedAt).toBeTruthy();
    expect(view.reports[0]!.dueAt).toBeTruthy();
  });

  it("gives the payment method once agreed, never returns it, and refuses it after the final payment", async () => {
    const { id, token } = await sent();
    await moveAs(coordinator, id, "approved", { amount: 1_500 });
    const path = `/api/v1/applications/${id}/payment-method`;
    const method = {
      kind: "bank_transfer",
      accountHolder: "Cooperativa Sol Naciente",
      bankName: "Banco Rural",
      account: "GT82TRAJ01020000001210029690",
      bankCountry: "GT",
    };
    expect((await applicantRequest("PUT", path, token, method)).status).toBe(409);
    await moveAs(coordinator, id, "agreement_sent");
    await applicantRequest("POST", `/api/v1/applications/${id}/agreement`, token, { decision: "accept", name: "Ana" });
    for (const bad of [{ kind: "bank_transfer" }, { kind: "carrier_pigeon" }, { ...method, bankCountry: "XX" }, []]) {
      const refused = await applicantRequest("PUT", path, token, bad);
      expect(refused.status).toBe(400);
      isProblem(refused);
    }
    const given = await applicantRequest("PUT", path, token, method);
    expect(given.status).toBe(200);
    const answer = await given.text();
    expect(Object.keys(JSON.parse(answer) as object).sort()).toEqual(["givenAt", "version"]);
    expect(answer).not.toContain(method.account);
    const award = await (await applicantRequest("GET", `/api/v1/applications/${id}/award`, token)).text();
    expect(award).not.toContain(method.account);
    expect(JSON.parse(award)).toMatchObject({ paymentMethod: { given: true, open: true } });

    const { version } = (await Application.fromID(id))!;
    const paidOn = Clock.iso().slice(0, 10);
    await Award.recordPayment(coordinator, id, { version, amount: 1_500, paidOn, reference: "REF-77", final: true });
    const paid = await (await applicantRequest("GET", `/api/v1/applications/${id}/award`, token)).text();
    expect(paid).not.toContain("REF-77");
    expect(JSON.parse(paid)).toMatchObject({
      stage: "active",
      paid: 1_500,
      payments: [{ amount: 1_500, final: true }],
    });
    const closed = await applicantRequest("PUT", path, token, method);
    expect(closed.status).toBe(409);
    isProblem(closed);
  });
});
