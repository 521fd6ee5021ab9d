import { beforeAll, describe, expect, it } from "vitest";
import * as Audit from "@amparo/core/audit";
import type * as Award from "@amparo/core/award";
import * as Clock from "@amparo/core/clock";
import type * as User from "@amparo/core/user";
import {
  assignReviewer,
  moveAs,
  reviewAndApprove,
  sendAndAcceptAgreement,
  submittedOverApi,
} from "../support/award.js";
import { signIn, staffAccount, staffRequest } from "../support/staff.js";

type Session = { session: string; user: User.Info };
type Problem = { status: number; errors?: { path: string; message: string }[] };
let coordinator: Session;
let otherCoordinator: Session;
let reviewer: Session;

const api = (id: string, part: string, as: Session | null = coordinator, method = "GET", body?: unknown) =>
  staffRequest(method, `/api/v1/review/applications/${id}${part}`, as?.session, body);

async function version(id: string): Promise<number> {
  return ((await (await api(id, "")).json()) as { version: number }).version;
}

/** An emergency application asking for EUR 3,000, submitted, with a reviewer assigned who declared no conflict. */
async function submitted(): Promise<string> {
  const { id } = await submittedOverApi({ asked: 3_000 });
  await assignReviewer(coordinator.user, reviewer.user, id);
  return id;
}

/** The same, approved for EUR 3,000, its agreement accepted, and how the money reaches the applicant given. */
async function agreed(): Promise<string> {
  const id = await submitted();
  await reviewAndApprove(coordinator.user, id, 3_000);
  await sendAndAcceptAgreement(coordinator.user, id, {
    name: "Ana Lima",
    method: { kind: "intermediary", organisation: "Red de Apoyo", contact: "Through Marta, who knows of this grant." },
  });
  return id;
}

const today = () => Clock.iso().slice(0, 10);

beforeAll(async () => {
  coordinator = await signIn((await staffAccount(["coordinator"], ["digital-emergency"])).email);
  otherCoordinator = await signIn((await staffAccount(["coordinator"], ["concept-notes-2026"])).email);
  reviewer = await signIn((await staffAccount(["reviewer"], ["digital-emergency"])).email);
}, 90_000);

describe("POST /api/v1/review/applications/{id}/payments", () => {
  it("records a payment: 201 with the stage (now active), the version and its number", async () => {
    const id = await agreed();
    const before = await version(id);
    const response = await api(id, "/payments", coordinator, "POST", {
      version: before,
      amount: 1_000,
      paidOn: today(),
      reference: "TX-1",
      final: false,
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ stage: "active", version: before + 1, number: 1 });
    const second = await api(id, "/payments", coordinator, "POST", {
      version: before + 1,
      amount: 500,
      paidOn: today(),
      reference: "TX-2",
    });
    expect(((await second.json()) as { number: number }).number).toBe(2);
  });

  it("answers 422 naming each broken rule, 409 for a stale version or after the final payment, 400 for bad types", async () => {
    const id = await agreed();
    const current = await version(id);
    const tomorrow = new Date(Clock.nowMs() + 86_400_000).toISOString().slice(0, 10);
    const refused = await api(id, "/payments", coordinator, "POST", {
      version: current,
      amount: 5_000,
      paidOn: tomorrow,
      reference: " ",
    });
    expect(refused.status).toBe(422);
    const problem = (await refused.json()) as Problem;
    expect(problem.errors?.map((error) => error.path).sort()).toEqual(["amount", "paidOn", "reference"]);
    expect((await api(id, "/payments", coordinator, "POST", { version: current, amount: "lots" })).status).toBe(400);
    const stale = await api(id, "/payments", coordinator, "POST", {
      version: current - 1,
      amount: 100,
      paidOn: today(),
      reference: "TX-1",
    });
    expect(stale.status).toBe(409);
    const final = await api(id, "/payments", coordinator, "POST", {
      version: current,
      amount: 3_000,
      paidOn: today(),
      reference: "TX-END",
      final: true,
    });
    expect(final.status).toBe(201);
    const after = await api(id, "/payments", coordinator, "POST", {
      version: current + 1,
      amount: 1,
      paidOn: today(),
      reference: "TX-MORE",
    });
    expect(after.status).toBe(409);
  });

  it("is 409 before the agreement, 403 for a reviewer, 404 for another call's coordinator, 401 without a session", async () => {
    const id = await submitted();
    const body = { version: await version(id), amount: 100, paidOn: today(), reference: "TX-1" };
    expect((await api(id, "/payments", coordinator, "POST", body)).status).toBe(409);
    expect((await api(id, "/payments", reviewer, "POST", body)).status).toBe(403);
    expect((await api(id, "/payments", otherCoordinator, "POST", body)).status).toBe(404);
    expect((await api(id, "/payments", null, "POST", body)).status).toBe(401);
  });
});

describe("GET /api/v1/review/applications/{id}/award", () => {
  it("gives coordinators the grant with the payments' references, and whether the method was given", async () => {
    const id = await agreed();
    await api(id, "/payments", coordinator, "POST", {
      version: await version(id),
      amount: 1_000,
      paidOn: today(),
      reference: "TX-REF",
    });
    const response = await api(id, "/award");
    expect(response.status).toBe(200);
    const award = (await response.json()) as Award.AwardView;
    expect(award).toMatchObject({ stage: "active", amount: 3_000, currency: "EUR", paid: 1_000, signedOutside: false });
    expect(award.payments).toMatchObject([
      { number: 1, amount: 1_000, paidOn: today(), reference: "TX-REF", final: false },
    ]);
    expect(award.paymentMethod).toMatchObject({ given: true, open: true });
    expect(JSON.stringify(award)).not.toContain("Red de Apoyo");
  });

  it("is 404 for the application's reviewer, another call's coordinator, and before an approval", async () => {
    const id = await agreed();
    expect((await api(id, "/award", reviewer)).status).toBe(404);
    expect((await api(id, "/award", otherCoordinator)).status).toBe(404);
    expect((await api(await submitted(), "/award")).status).toBe(404);
    expect((await api(id, "/award", null)).status).toBe(401);
  });
});

describe("GET /api/v1/review/applications/{id}/payment-method", () => {
  it("opens it for a coordinator, never cached, and records the opening first", async () => {
    const id = await agreed();
    const response = await api(id, "/payment-method");
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(await response.json()).toMatchObject({
      kind: "intermediary",
      organisation: "Red de Apoyo",
      givenAt: expect.any(String),
    });
    const events = await Audit.list({ application: id });
    expect(events.filter((event) => event.type === "payment_method_opened")).toMatchObject([
      { actor: `user:${coordinator.user.id}` },
    ]);
  });

  it("is 404 for the application's reviewer (nothing recorded), and once cancelled", async () => {
    const id = await agreed();
    expect((await api(id, "/payment-method", reviewer)).status).toBe(404);
    expect((await Audit.list({ application: id })).some((event) => event.type === "payment_method_opened")).toBe(false);
    await moveAs(coordinator.user, id, "cancelled", { note: "Fraud suspected." });
    expect((await api(id, "/payment-method")).status).toBe(404);
    expect((await api(id, "/award")).status).toBe(200);
  });
});
