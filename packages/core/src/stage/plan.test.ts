import { describe, expect, it } from "vitest";
import type * as Application from "../application/index.js";
import * as Call from "../call/index.js";
import {
  ApplicationChangedError,
  CallClosedError,
  ImpossibleMoveError,
  StageConflictError,
  UnprocessableError,
} from "../error/index.js";
import { conceptNotes2026, digitalEmergency } from "../seed/calls.js";
import { allowedMoves, plan, type Actor, type Move } from "./plan.js";

// Pure: no table, no keys, no clock. Every rule of every actor's moves is decided here.
const emergency = Call.Info.parse(digitalEmergency);
const grant = Call.Info.parse(conceptNotes2026);
const now = new Date("2026-11-10T12:00:00.000Z");
const applicant: Actor = { kind: "applicant" };
const coordinator: Actor = { kind: "coordinator", userId: "u-1" };
const system: Actor = { kind: "system" };

/** An emergency application that could be submitted as it is. */
function draft(changes: Partial<Application.Info> = {}): Application.Info {
  return {
    id: "a".repeat(26),
    callId: emergency.id,
    stage: "draft",
    version: 4,
    language: "es",
    createdAt: "2026-11-09T10:00:00.000Z",
    updatedAt: "2026-11-09T10:00:00.000Z",
    answers: {},
    contact: { email: "defender@example.org" },
    conceptNote: { situation: "Nos atacaron.", need: "Equipos nuevos.", timeline: "Dos meses." },
    funding: { amount: 4_000, annualBudget: 20_000, months: 3 },
    ...changes,
  };
}

/** The same application after submission, waiting for a decision due on 24 November. */
const submitted = (changes: Partial<Application.Info> = {}) =>
  draft({
    stage: "in_review",
    submittedAt: "2026-11-10T12:00:00.000Z",
    decisionDueAt: "2026-11-24T12:00:00.000Z",
    ...changes,
  });

const planFor = (app: Application.Info, actor: Actor, move: Move, at = now, call = emergency) =>
  plan({ app, call, actor, move, now: at });

describe("the moves each actor may make", () => {
  it("lets the applicant submit or withdraw a draft, and only withdraw while it waits for a decision", () => {
    expect(allowedMoves(emergency, "draft", "applicant")).toEqual(["submitted", "withdrawn"]);
    expect(allowedMoves(emergency, "more_info", "applicant")).toEqual(["submitted", "withdrawn"]);
    expect(allowedMoves(emergency, "in_review", "applicant")).toEqual(["withdrawn"]);
    expect(allowedMoves(emergency, "approved", "applicant")).toEqual([]);
  });

  it("narrows a coordinator's moves to the stages the call uses", () => {
    expect(allowedMoves(grant, "in_review")).toEqual(["shortlisted", "more_info", "approved", "declined"]);
    // The emergency fund has no shortlist: it goes straight from review to a decision.
    expect(allowedMoves(emergency, "in_review")).toEqual(["more_info", "approved", "declined"]);
    expect(allowedMoves(emergency, "draft")).toEqual([]);
  });

  it("never lets the decision clock change a stage", () => {
    for (const stage of Call.Stage.options) expect(allowedMoves(grant, stage, "system")).toEqual([]);
  });
});

describe("the applicant submitting", () => {
  it("moves a complete draft to submitted with its deadline, counters, audit event and one email", () => {
    const result = planFor(draft(), applicant, { kind: "submit" });
    expect(result.from).toBe("draft");
    expect(result.to).toBe("submitted");
    expect(result.version).toBe(5);
    expect(result.update.expect).toEqual({ version: 4, stage: "draft" });
    expect(result.update.set).toEqual({
      submittedAt: "2026-11-10T12:00:00.000Z",
      decisionDueAt: "2026-11-24T12:00:00.000Z",
    });
    expect(result.event).toEqual({
      type: "submitted",
      actor: "applicant",
      detail: { from: "draft", stage: "submitted" },
    });
    expect(result.counters).toEqual({ "stage:submitted": 1, submitted: 1, "requested:EUR": 4_000 });
    expect(result.after).toEqual([
      {
        kind: "send_email",
        email: {
          to: "applicant",
          subject: "mail.neutral_subject",
          body: "mail.update_body",
          idempotencyKey: `submitted:${"a".repeat(26)}:5`,
        },
      },
    ]);
  });

  it("emails no one when the applicant left no address", () => {
    expect(planFor(draft({ contact: undefined }), applicant, { kind: "submit" }).after).toEqual([]);
  });

  it("lists everything missing at once and plans nothing", () => {
    const incomplete = draft({ conceptNote: { situation: "" }, funding: undefined });
    const error = catchError(() => planFor(incomplete, applicant, { kind: "submit" }));
    expect(error).toBeInstanceOf(UnprocessableError);
    expect((error as UnprocessableError).errors.map((problem) => problem.path)).toEqual([
      "conceptNote.situation",
      "conceptNote.need",
      "funding",
    ]);
  });

  it("refuses a first submission once the call has closed", () => {
    const afterClosing = new Date("2027-04-01T00:00:00.000Z");
    const grantDraft = draft({
      callId: grant.id,
      conceptNote: Object.fromEntries(grant.conceptNote.fields.map((field) => [field.id, "Texto."])),
      funding: { amount: 20_000, annualBudget: 30_000, months: 12 },
      budgetFile: { key: "k", fileName: "b.pdf", contentType: "application/pdf", size: 10, sha256: "0" },
    });
    expect(() => planFor(grantDraft, applicant, { kind: "submit" }, afterClosing, grant)).toThrow(CallClosedError);
  });

  it("resubmits after more information: keeps the first dates, counts no second submission, clears the request", () => {
    const asked = submitted({ stage: "more_info", moreInfoRequest: "¿Cuántos equipos?" });
    const result = planFor(asked, applicant, { kind: "submit" }, new Date("2026-11-15T08:00:00.000Z"));
    expect(result.event.type).toBe("resubmitted");
    expect(result.update.set).toEqual({
      submittedAt: "2026-11-10T12:00:00.000Z",
      decisionDueAt: "2026-11-24T12:00:00.000Z",
    });
    expect(result.counters).toEqual({ "stage:more_info": -1, "stage:submitted": 1 });
    expect(result.content).toEqual({ moreInfoRequest: null });
  });

  it("refuses to submit what is no longer editable", () => {
    expect(() => planFor(submitted(), applicant, { kind: "submit" })).toThrow(StageConflictError);
  });
});

describe("the applicant withdrawing", () => {
  it("withdraws before a decision and keeps the content only for the call's retention period", () => {
    for (const stage of ["draft", "submitted", "in_review", "more_info"] as const) {
      const result = planFor(submitted({ stage }), applicant, { kind: "withdraw" });
      expect(result.to).toBe("withdrawn");
      expect(result.update.set).toEqual({
        withdrawnAt: now.toISOString(),
        expiresAt: Math.floor(now.getTime() / 1000) + 180 * 86_400,
      });
      expect(result.counters).toEqual(stage === "draft" ? {} : { [`stage:${stage}`]: -1, "stage:withdrawn": 1 });
      expect(result.after).toEqual([]);
    }
  });

  it("refuses after a decision", () => {
    for (const stage of ["approved", "declined"] as const) {
      expect(() => planFor(submitted({ stage }), applicant, { kind: "withdraw" })).toThrow(StageConflictError);
    }
  });
});

describe("a coordinator moving and deciding", () => {
  const move = (to: Application.Info["stage"], extra: { note?: string; amount?: number } = {}) =>
    ({ kind: "move", to, version: 4, ...extra }) as const;

  it("approves within the deadline: the decision, the amount granted and a neutral email", () => {
    const result = planFor(submitted(), coordinator, move("approved", { amount: 3_500 }));
    expect(result.to).toBe("approved");
    expect(result.update.set).toEqual({ decision: { outcome: "approved", decidedAt: now.toISOString() } });
    expect(result.content).toEqual({ approvedAmount: 3_500 });
    expect(result.event).toEqual({
      type: "decided",
      actor: "user:u-1",
      detail: { from: "in_review", stage: "approved", withinDeadline: true },
    });
    expect(result.counters).toEqual({
      "stage:in_review": -1,
      "stage:approved": 1,
      "approved:EUR": 3_500,
      decidedWithinDeadline: 1,
    });
    expect(result.after.map((step) => step.email.to)).toEqual(["applicant"]);
  });

  it("counts a decision after the deadline as late", () => {
    const late = new Date("2026-11-25T09:00:00.000Z");
    const result = planFor(submitted(), coordinator, move("approved", { amount: 3_500 }), late);
    expect(result.event.detail["withinDeadline"]).toBe(false);
    expect(result.counters["decidedWithinDeadline"]).toBeUndefined();
  });

  it("declines with a note kept for staff, and keeps the content only for the retention period", () => {
    const result = planFor(submitted(), coordinator, move("declined", { note: "Fuera del alcance." }));
    expect(result.update.set).toEqual({
      decision: { outcome: "declined", decidedAt: now.toISOString() },
      expiresAt: Math.floor(now.getTime() / 1000) + 180 * 86_400,
    });
    expect(result.event.note).toBe("Fuera del alcance.");
    expect(result.counters).toEqual({ "stage:in_review": -1, "stage:declined": 1, decidedWithinDeadline: 1 });
  });

  it("asks for more information: the request goes to the applicant, sealed with the application", () => {
    const result = planFor(submitted(), coordinator, move("more_info", { note: "¿Cuántos equipos?" }));
    expect(result.content).toEqual({ moreInfoRequest: "¿Cuántos equipos?" });
    expect(result.event.note).toBeUndefined();
    expect(result.after).toHaveLength(1);
  });

  it("moves on without telling the applicant when nothing is asked of them", () => {
    const result = planFor(submitted({ stage: "submitted" }), coordinator, move("in_review"));
    expect(result.event.type).toBe("moved");
    expect(result.after).toEqual([]);
  });

  it("names every broken rule of a decision", () => {
    const overRequested = catchError(() => planFor(submitted(), coordinator, move("approved", { amount: 5_000 })));
    expect((overRequested as UnprocessableError).errors).toEqual([
      { path: "amount", message: "decision.above_requested", params: { max: 4_000 } },
    ]);
    const noAmount = catchError(() => planFor(submitted(), coordinator, move("approved")));
    expect((noAmount as UnprocessableError).errors[0]?.message).toBe("decision.amount_missing");
    const noNote = catchError(() => planFor(submitted(), coordinator, move("declined")));
    expect((noNote as UnprocessableError).errors[0]?.message).toBe("decision.note_missing");
  });

  it("refuses a move from a stale version, a move the call does not allow, and moves that are not a coordinator's", () => {
    expect(() => planFor(submitted(), coordinator, { ...move("approved", { amount: 1 }), version: 3 })).toThrow(
      ApplicationChangedError,
    );
    expect(() => planFor(submitted(), coordinator, move("shortlisted"))).toThrow(ImpossibleMoveError);
    expect(() => planFor(submitted({ stage: "submitted" }), coordinator, move("approved", { amount: 1 }))).toThrow(
      ImpossibleMoveError,
    );
    expect(() => planFor(submitted(), coordinator, move("withdrawn"))).toThrow(ImpossibleMoveError);
    expect(() => planFor(submitted(), applicant, move("approved", { amount: 1 }))).toThrow(ImpossibleMoveError);
  });
});

describe("the decision clock marking an application overdue", () => {
  const late = new Date("2026-11-24T12:00:01.000Z");

  it("marks it once the promised date has passed, counts it and tells the applicant and coordinators", () => {
    const result = planFor(submitted(), system, { kind: "overdue" }, late);
    expect(result.to).toBe("in_review");
    expect(result.update.set).toEqual({ overdueAt: late.toISOString() });
    expect(result.event).toEqual({
      type: "overdue",
      actor: "system",
      detail: { stage: "in_review", decisionDueAt: "2026-11-24T12:00:00.000Z" },
    });
    expect(result.counters).toEqual({ overdue: 1 });
    expect(result.after.map((step) => step.email.to)).toEqual(["applicant", "coordinators"]);
  });

  it("does nothing before the date, after a decision, while waiting on the applicant, or a second time", () => {
    const refused = [
      () => planFor(submitted(), system, { kind: "overdue" }, now),
      () => planFor(submitted({ stage: "approved" }), system, { kind: "overdue" }, late),
      () => planFor(submitted({ stage: "more_info" }), system, { kind: "overdue" }, late),
      () => planFor(submitted({ overdueAt: late.toISOString() }), system, { kind: "overdue" }, late),
      () => planFor(submitted(), coordinator, { kind: "overdue" }, late),
    ];
    for (const attempt of refused) expect(attempt).toThrow(ImpossibleMoveError);
  });
});

function catchError(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}
