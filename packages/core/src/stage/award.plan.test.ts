import { describe, expect, it } from "vitest";
import type * as Application from "../application/index.js";
import * as Call from "../call/index.js";
import {
  ApplicationChangedError,
  ConflictError,
  ImpossibleMoveError,
  UnprocessableError,
  type VisibleError,
} from "../error/index.js";
import * as Retention from "../retention/index.js";
import { digitalEmergency } from "../seed/calls.js";
import { allowedMoves, plan, type Actor, type Move } from "./plan.js";

// The moves after an approval, pure: no table, no keys, no clock.
const emergency = Call.Info.parse(digitalEmergency);
const outside = Call.Info.parse({ ...digitalEmergency, award: { ...digitalEmergency.award, agreement: "outside" } });
const now = new Date("2026-12-01T12:00:00.000Z");
const dayMs = 86_400_000;
const applicant: Actor = { kind: "applicant" };
const coordinator: Actor = { kind: "coordinator", userId: "u-1" };

/** An emergency grant approved for 3,000 on 20 November. */
function approved(changes: Partial<Application.Info> = {}): Application.Info {
  return {
    id: "g".repeat(26),
    callId: emergency.id,
    stage: "approved",
    version: 9,
    language: "es",
    createdAt: "2026-11-01T10:00:00.000Z",
    updatedAt: "2026-11-20T10:00:00.000Z",
    submittedAt: "2026-11-02T10:00:00.000Z",
    answers: {},
    contact: { email: "defender@example.org" },
    conceptNote: {},
    funding: { amount: 4_000, months: 3 },
    decision: { outcome: "approved", amount: 3_000, decidedAt: "2026-11-20T10:00:00.000Z" },
    ...changes,
  };
}

const planFor = (app: Application.Info, actor: Actor, move: Move, call = emergency) =>
  plan({ app, call, actor, move, now, dayMs });
const move = (to: Application.Info["stage"], extra: Partial<Extract<Move, { kind: "move" }>> = {}): Move => ({
  kind: "move",
  to,
  version: 9,
  ...extra,
});
const payment = (extra: Partial<Extract<Move, { kind: "record_payment" }>> = {}): Move => ({
  kind: "record_payment",
  version: 9,
  amount: 1_000,
  paidOn: "2026-12-01",
  reference: "TRX-1",
  final: false,
  paidSoFar: 0,
  ...extra,
});
const problemPaths = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UnprocessableError);
    return (error as VisibleError).errors.map((problem) => problem.path);
  }
  throw new Error("no problem raised");
};

describe("the award's moves", () => {
  it("lets a coordinator send the agreement, and the applicant accept it or turn the award down", () => {
    expect(allowedMoves(emergency, "approved")).toEqual(["agreement_sent", "cancelled"]);
    expect(allowedMoves(outside, "approved")).toEqual(["agreement_sent", "agreed", "cancelled"]);
    expect(allowedMoves(emergency, "agreement_sent", "applicant")).toEqual(["agreed", "declined_by_applicant"]);
    expect(allowedMoves(emergency, "agreed")).toEqual(["suspended", "cancelled"]);
    expect(allowedMoves(emergency, "suspended", "coordinator", { suspendedFrom: "active" })).toEqual([
      "active",
      "cancelled",
    ]);
  });

  it("sends the agreement with a neutral email, and starts the grant's period when the applicant accepts", () => {
    const sent = planFor(approved(), coordinator, move("agreement_sent"));
    expect(sent.to).toBe("agreement_sent");
    expect(sent.update.set["agreementSentAt"]).toBe(now.toISOString());
    expect(sent.after).toMatchObject([{ kind: "send_email", email: { to: "applicant", body: "mail.update_body" } }]);

    const app = approved({ stage: "agreement_sent", version: 10, callVersion: 3 });
    const accepted = planFor(app, applicant, { kind: "accept_agreement", name: "  Ana Pérez " });
    expect(accepted.to).toBe("agreed");
    const endsAt = new Date(now.getTime() + 120 * dayMs).toISOString();
    // The name is sealed with the content; the item keeps only dates.
    expect(accepted.update.set["agreement"]).toEqual({ agreedAt: now.toISOString(), endsAt, termsVersion: 3 });
    expect(accepted.content?.agreement?.name).toBe("Ana Pérez");
    expect(accepted.counters?.add).toEqual({ "agreed:EUR": 3_000, "agreedBy:EUR": 1 });
    // Its final report falls due 150 days from now, reminded 7 days before, its clock started (well within a year).
    const dueAt = new Date(now.getTime() + 150 * dayMs).toISOString();
    const remindAt = new Date(now.getTime() + 143 * dayMs).toISOString();
    expect(accepted.update.set["reports"]).toEqual({ final: { dueAt, remindAt, clockGeneration: 1 } });
    expect(accepted.after).toMatchObject([
      { email: { to: "coordinators", body: "mail.staff_award_body" } },
      { kind: "start_clock", applicationId: app.id, generation: 1, reportId: "final" },
    ]);
    expect(JSON.stringify(accepted.after)).not.toContain("Ana");
  });

  it("refuses an empty name, a coordinator accepting for the applicant, and accepting an outside agreement", () => {
    const app = approved({ stage: "agreement_sent" });
    expect(problemPaths(() => planFor(app, applicant, { kind: "accept_agreement", name: "   " }))).toEqual(["name"]);
    expect(() => planFor(app, coordinator, move("agreed"))).toThrow(ImpossibleMoveError);
    expect(() => planFor(app, applicant, { kind: "accept_agreement", name: "Ana" }, outside)).toThrow(ConflictError);
    // Outside Amparo the coordinator records it, and the period starts then.
    const recorded = planFor(app, coordinator, move("agreed"), outside);
    expect(recorded.update.set["agreement"]).toMatchObject({ signedOutside: true, agreedAt: now.toISOString() });
    expect(recorded.event.type).toBe("agreement_recorded");
  });

  it("lets the applicant turn down the award or the agreement, and not once it is agreed", () => {
    for (const stage of ["approved", "agreement_sent"] as const) {
      const declined = planFor(approved({ stage }), applicant, { kind: "decline_award" });
      expect(declined.to).toBe("declined_by_applicant");
      expect(declined.event.type).toBe("award_declined");
    }
    expect(() => planFor(approved({ stage: "agreed" }), applicant, { kind: "decline_award" })).toThrow(
      ImpossibleMoveError,
    );
    // Turned down: its content goes after the call's shorter period, counted from the answer.
    const declined = planFor(approved(), applicant, { kind: "decline_award" });
    const retained = { stage: declined.to, updatedAt: declined.at, ...declined.update.set } as Retention.Retained;
    expect(Retention.dueAt(retained, emergency)?.toISOString()).toBe(
      new Date(now.getTime() + emergency.retentionDays * dayMs).toISOString(),
    );
  });
});

describe("payments", () => {
  const agreed = (changes: Partial<Application.Info> = {}) =>
    approved({
      stage: "agreed",
      agreement: { agreedAt: "2026-11-25T10:00:00.000Z", endsAt: "2027-03-25T10:00:00.000Z" },
      ...changes,
    });

  it("makes the grant active with its first payment, counting it once in the month", () => {
    const first = planFor(agreed(), coordinator, payment());
    expect(first.to).toBe("active");
    expect(first.payment).toEqual({
      number: 1,
      amount: 1_000,
      currency: "EUR",
      paidOn: "2026-12-01",
      reference: "TRX-1",
      final: false,
    });
    expect(first.counters?.add).toEqual({ "paid:EUR": 1_000, "paidBy:EUR": 1, activated: 1 });
    // The reference is never in the event, the counters or an email.
    expect(JSON.stringify({ ...first, payment: undefined })).not.toContain("TRX-1");

    const active = agreed({ stage: "active", payment: { count: 1, lastMonth: "2026-12" } });
    const second = planFor(active, coordinator, payment({ paidSoFar: 1_000 }));
    expect(second.payment?.number).toBe(2);
    expect(second.counters?.add).toEqual({ "paid:EUR": 1_000 });
  });

  it("schedules the payment method's deletion 30 days after the final payment, and takes no payment after it", () => {
    const given = agreed({ payment: { count: 0, methodGivenAt: "2026-11-26T10:00:00.000Z" } });
    const final = planFor(given, coordinator, payment({ amount: 3_000, final: true }));
    expect(final.update.set["payment"]).toMatchObject({
      count: 1,
      finalAt: now.toISOString(),
      methodDeleteAt: new Date(now.getTime() + 30 * dayMs).toISOString(),
    });
    const paidInFull = agreed({ stage: "active", payment: { count: 1, finalAt: now.toISOString() } });
    expect(() => planFor(paidInFull, coordinator, payment())).toThrow(ConflictError);
  });

  it("refuses more than remains, a date to come or none, an empty reference, a stale version and a held grant", () => {
    expect(
      problemPaths(() =>
        planFor(
          agreed(),
          coordinator,
          payment({ amount: 2_500, paidSoFar: 1_000, paidOn: "2026-12-02", reference: " " }),
        ),
      ),
    ).toEqual(["amount", "paidOn", "reference"]);
    expect(problemPaths(() => planFor(agreed(), coordinator, payment({ paidOn: "2026-02-30x" })))).toEqual(["paidOn"]);
    expect(() => planFor(agreed(), coordinator, payment({ version: 8 }))).toThrow(ApplicationChangedError);
    expect(() => planFor(agreed({ stage: "suspended" }), coordinator, payment())).toThrow(ImpossibleMoveError);
    expect(() => planFor(agreed(), applicant, payment())).toThrow(ImpossibleMoveError);
  });
});

describe("suspending and cancelling", () => {
  const active = approved({
    stage: "active",
    agreement: { agreedAt: "2026-11-25T10:00:00.000Z", endsAt: "2027-03-25T10:00:00.000Z" },
    payment: { count: 1, lastMonth: "2026-11", methodGivenAt: "2026-11-26T10:00:00.000Z" },
  });

  it("needs a note, and resumes to where the grant was", () => {
    expect(problemPaths(() => planFor(active, coordinator, move("suspended")))).toEqual(["note"]);
    const held = planFor(active, coordinator, move("suspended", { note: "Checking a report" }));
    expect(held.update.set["suspendedFrom"]).toBe("active");
    const suspended = { ...active, stage: "suspended" as const, suspendedFrom: "active" as const };
    expect(() => planFor(suspended, coordinator, move("agreed"))).toThrow(ImpossibleMoveError);
    const resumed = planFor(suspended, coordinator, move("active"));
    expect(resumed.to).toBe("active");
    expect(resumed.update.remove).toEqual(["suspendedFrom"]);
    expect(resumed.after).toEqual([]);
  });

  it("deletes how the money reaches the grantee at once, and keeps the ledger for the approved period", () => {
    const cancelled = planFor(active, coordinator, move("cancelled", { note: "Agreement broken" }));
    expect(cancelled.update.set["payment"]).toEqual({
      count: 1,
      lastMonth: "2026-11",
      methodGivenAt: "2026-11-26T10:00:00.000Z",
      methodDeletedAt: now.toISOString(),
    });
    expect(cancelled.ends?.keepLedgerUntil).toBe(
      new Date(now.getTime() + emergency.approvedRetentionDays * dayMs).toISOString(),
    );
    const retained = { stage: cancelled.to, updatedAt: cancelled.at, ...cancelled.update.set } as Retention.Retained;
    expect(Retention.dueAt(retained, emergency)?.toISOString()).toBe(cancelled.ends?.keepLedgerUntil);
    // A running grant is never due for deletion.
    expect(Retention.dueAt({ ...retained, stage: "active" }, emergency)).toBeUndefined();
  });
});
