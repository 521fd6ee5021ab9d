import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as Account from "@amparo/core/account";
import * as Application from "@amparo/core/application";
import * as Audit from "@amparo/core/audit";
import * as Award from "@amparo/core/award";
import * as Clock from "@amparo/core/clock";
import * as Dynamo from "@amparo/core/dynamo";
import { ApplicationChangedError, ConflictError } from "@amparo/core/error";
import * as Retention from "@amparo/core/retention";
import type * as User from "@amparo/core/user";
import { submittedEmergency } from "../support/clock.js";
import { uniqueEmail } from "../support/applications.js";
import { moveAs, reviewAndApprove, sendAndAcceptAgreement } from "../support/award.js";
import { everyItem } from "../support/http.js";

// The award's writes against the real stand-ins: the ledger in the move's transaction, the payment method's own
// schedule (the retention sweep handed a later `now`, or the process clock moved), and cancellation.
const DAY_MS = 86_400_000;
const fresh = async (id: string) => (await Application.fromID(id))!;
let coordinator: User.Info;

beforeAll(async () => {
  coordinator = (await Account.create({
    email: `award-${Date.now()}@example.org`,
    roles: ["coordinator"],
    callIds: ["digital-emergency"],
  }))!;
});

afterEach(() => Clock.reset());

/** An emergency grant approved for 1,500, its agreement accepted, and how the money reaches them given. */
async function agreedGrant() {
  const submitted = await submittedEmergency(uniqueEmail());
  await reviewAndApprove(coordinator, submitted.id, 1_500);
  await sendAndAcceptAgreement(coordinator, submitted.id, {
    name: "Lucía Fernández",
    method: {
      kind: "bank_transfer",
      accountHolder: "Lucía Fernández",
      bankName: "Banco Popular del Sur",
      account: "CO44 5555 0101 2020 3030",
      bankCountry: "CO",
    },
  });
  return fresh(submitted.id);
}

const pay = async (id: string, extra: Partial<Award.PaymentInput> = {}) =>
  Award.recordPayment(coordinator, id, {
    version: (await fresh(id)).version,
    amount: 500,
    paidOn: Clock.iso().slice(0, 10),
    reference: "TRF-778812 acct ending 3030",
    final: false,
    ...extra,
  });

const methodItem = (id: string) => Dynamo.get(Dynamo.Key.paymentMethod(id));

describe("a grant's payments and how the money reaches the grantee", () => {
  it("writes each payment to the ledger with the move, and deletes the method 30 days after the final one", async () => {
    const app = await agreedGrant();
    expect(app.stage).toBe("agreed");
    expect(app.agreement?.name).toBe("Lucía Fernández");
    expect(await methodItem(app.id)).toBeDefined();

    expect(await pay(app.id)).toMatchObject({ stage: "active", number: 1 });
    // Two coordinators at once, at the same version: one payment is written, the other is refused.
    const version = (await fresh(app.id)).version;
    const both = await Promise.allSettled([pay(app.id, { version }), pay(app.id, { version })]);
    expect(both.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(both.find((result) => result.status === "rejected")?.reason).toBeInstanceOf(ApplicationChangedError);
    await pay(app.id, { amount: 500, final: true });
    await expect(pay(app.id, { amount: 1 })).rejects.toBeInstanceOf(ConflictError);

    const view = (await Award.view(await fresh(app.id), { references: true }))!;
    expect(view.payments.map((payment) => [payment.number, payment.amount, payment.final])).toEqual([
      [1, 500, false],
      [2, 500, false],
      [3, 500, true],
    ]);
    expect(view.payments[0]!.reference).toBe("TRF-778812 acct ending 3030");
    expect(view.paid).toBe(1_500);
    // The applicant's view never carries a reference.
    expect((await Award.view(await fresh(app.id)))!.payments.every((payment) => !("reference" in payment))).toBe(true);

    // 29 days on, the method is still there; 30 days on, the sweep deletes it, and only it.
    const finalAt = (await fresh(app.id)).payment!.finalAt!;
    await Retention.sweep(new Date(Date.parse(finalAt) + 29 * DAY_MS));
    expect(await methodItem(app.id)).toBeDefined();
    Clock.set(Date.parse(finalAt) + 30 * DAY_MS + 1_000);
    await Retention.sweep();
    expect(await methodItem(app.id)).toBeUndefined();
    const after = await fresh(app.id);
    expect(after.payment?.methodDeletedAt).toBeDefined();
    expect(Award.paymentMethodStatus(after)).toMatchObject({ given: false, open: false });
    await expect(Award.openPaymentMethod(coordinator, app.id)).rejects.toMatchObject({ name: "NotFoundError" });
    expect((await Award.view(after, { references: true }))!.payments).toHaveLength(3);
    const types = (await Audit.list({ application: app.id })).map((event) => event.type);
    expect(types).toEqual(
      expect.arrayContaining([
        "agreement_accepted",
        "payment_method_given",
        "payment_recorded",
        "payment_method_deleted",
      ]),
    );
  }, 60_000);

  it("opens the method only for the call's coordinators, recording each opening", async () => {
    const app = await agreedGrant();
    const opened = await Award.openPaymentMethod(coordinator, app.id);
    expect(opened).toMatchObject({ kind: "bank_transfer", account: "CO44 5555 0101 2020 3030" });
    const reviewer = (await Account.create({
      email: `award-reviewer-${Date.now()}@example.org`,
      roles: ["reviewer"],
      callIds: ["digital-emergency"],
    }))!;
    await expect(Award.openPaymentMethod(reviewer, app.id)).rejects.toMatchObject({ name: "NotFoundError" });
    const openings = (await Audit.list({ application: app.id })).filter((e) => e.type === "payment_method_opened");
    expect(openings.map((event) => event.actor)).toEqual([`user:${coordinator.id}`]);
  }, 60_000);

  it("deletes the method at once when the grant is cancelled, and keeps the ledger for the approved period", async () => {
    const app = await agreedGrant();
    await pay(app.id);
    await moveAs(coordinator, app.id, "cancelled", { note: "The organisation closed." });
    expect(await methodItem(app.id)).toBeUndefined();
    const cancelled = await fresh(app.id);
    expect(cancelled.payment?.methodDeletedAt).toBe(cancelled.cancelledAt);
    const grant = Award.grantHashOf(app.id);
    const ledger = await Dynamo.queryCollection(Dynamo.Collection.ledger("digital-emergency", grant));
    expect(ledger).toHaveLength(1);
    const keepUntil = String(ledger[0]!["keepUntil"]);
    expect(Date.parse(keepUntil) - Date.parse(cancelled.cancelledAt!)).toBe(3650 * DAY_MS);
    // The entry names no application: only the keyed hash of the grant.
    expect(JSON.stringify(ledger[0])).not.toContain(app.id);

    await Retention.sweep(new Date(Date.parse(keepUntil) - DAY_MS));
    expect(await Dynamo.queryCollection(Dynamo.Collection.ledger("digital-emergency", grant))).toHaveLength(1);
    await Retention.sweep(new Date(Date.parse(keepUntil) + DAY_MS));
    expect(await Dynamo.queryCollection(Dynamo.Collection.ledger("digital-emergency", grant))).toHaveLength(0);
    // By then the application's content went too (the same period, from the cancellation).
    expect(await Application.fromID(app.id)).toBeUndefined();
  }, 60_000);

  it("leaves nothing about the money in the clear anywhere in the table", async () => {
    await agreedGrant().then((app) => pay(app.id));
    const table = JSON.stringify(await everyItem());
    for (const detail of ["Banco Popular", "CO44 5555", "TRF-778812", "ending 3030", "Lucía Fernández"]) {
      expect(table).not.toContain(detail);
    }
  }, 60_000);
});
