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
import * as Retention from "../retention/index.js";
import { conceptNotes2026, digitalEmergency } from "../seed/calls.js";
import { allowedMoves, plan, type Actor, type Move } from "./plan.js";
import { Stage } from "./stages.js";

// Pure: no table, no keys, no clock. Every rule of every actor's moves is decided here.
const emergency = Call.Info.parse(digitalEmergency);
const grant = Call.Info.parse(conceptNotes2026);
const now = new Date("2026-11-10T12:00:00.000Z");
const applicant: Actor = { kind: "applicant" };
const coordinator: Actor = { kind: "coordinator", userId: "u-1" };
const system: Actor = { kind: "system" };

/** Who a move's emails go to, in order (what runs after commit also starts and stops the clock). */
const recipients = (result: ReturnType<typeof plan>) =>
  result.after.flatMap((step) => (step.kind === "send_email" ? [step.email.to] : []));

/** What the application item holds after a move, as the retention sweep reads it. */
const retained = (result: ReturnType<typeof plan>) =>
  ({ stage: result.to, updatedAt: result.at, ...result.update.set }) as Retention.Retained;

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
  it("lets the applicant submit or withdraw a draft, only withdraw while it waits, and only turn an award down", () => {
    expect(allowedMoves(emergency, "draft", "applicant")).toEqual(["submitted", "withdrawn"]);
    expect(allowedMoves(emergency, "more_info", "applicant")).toEqual(["submitted", "withdrawn"]);
    expect(allowedMoves(emergency, "in_review", "applicant")).toEqual(["withdrawn"]);
    expect(allowedMoves(emergency, "approved", "applicant")).toEqual(["declined_by_applicant"]);
    expect(allowedMoves(emergency, "declined", "applicant")).toEqual([]);
  });

  it("narrows a coordinator's moves to the stages the call uses", () => {
    expect(allowedMoves(grant, "in_review")).toEqual(["shortlisted", "more_info", "approved", "declined"]);
    // The emergency fund has no shortlist: it goes straight from review to a decision.
    expect(allowedMoves(emergency, "in_review")).toEqual(["more_info", "approved", "declined"]);
    expect(allowedMoves(emergency, "draft")).toEqual([]);
  });

  it("never lets the decision clock change a stage", () => {
    for (const stage of Stage.options) expect(allowedMoves(grant, stage, "system")).toEqual([]);
  });
});

describe("a coordinator shortlisting a fresh application", () => {
  const fresh = (changes: Partial<Application.Info> = {}) =>
    submitted({ callId: grant.id, stage: "submitted", ...changes });
  const shortlist = (version = 4): Move => ({ kind: "move", to: "shortlisted", version });

  it("may shortlist from submitted, passing through review, where the call has both", () => {
    expect(allowedMoves(grant, "submitted")).toEqual(["in_review", "more_info", "declined", "shortlisted"]);
    const noReview = Call.Info.parse({ ...conceptNotes2026, stages: grant.stages.filter((s) => s !== "in_review") });
    expect(allowedMoves(noReview, "submitted")).not.toContain("shortlisted");
    expect(allowedMoves(emergency, "submitted")).not.toContain("shortlisted");
  });

  it("plans both moves as one: one condition, the review then the shortlist in the history, two versions on", () => {
    const result = planFor(fresh(), coordinator, shortlist(), now, grant);
    expect(result).toMatchObject({ from: "submitted", to: "shortlisted", version: 6 });
    expect(result.update.expect).toEqual({ version: 4, stage: "submitted" });
    expect(result.earlier).toEqual([
      {
        type: "moved",
        actor: "user:u-1",
        detail: { from: "submitted", stage: "in_review" },
        at: new Date(now.getTime() - 1).toISOString(),
      },
    ]);
    expect(result.event).toMatchObject({ type: "moved", detail: { from: "in_review", stage: "shortlisted" } });
    // The shortlist's own consequences: the full application's invitation and its email, the first clock stopped.
    expect(result.update.set["fullApplication"]).toMatchObject({ invitedAt: now.toISOString() });
    expect(recipients(result)).toEqual(["applicant"]);
  });

  it("refuses it from a stale version, and from a stage that cannot reach the shortlist", () => {
    expect(() => planFor(fresh(), coordinator, shortlist(3), now, grant)).toThrow(ApplicationChangedError);
    expect(() => planFor(fresh({ stage: "more_info" }), coordinator, shortlist(), now, grant)).toThrow(
      ImpossibleMoveError,
    );
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
      // The decision clock's times (the call's reminderDays 5 and escalationDays 10), and its first generation.
      reminderAt: "2026-11-15T12:00:00.000Z",
      escalationAt: "2026-11-20T12:00:00.000Z",
      clockGeneration: 1,
    });
    expect(result.event).toEqual({
      type: "submitted",
      actor: "applicant",
      detail: { from: "draft", stage: "submitted" },
    });
    // Counted in the month of submission, with who applies (no answers given: no breakdowns).
    expect(result.counters).toEqual({
      month: "2026-11",
      add: { submitted: 1, "requested:EUR": 4_000, "requestedBy:EUR": 1 },
    });
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
      // Once committed, the decision clock starts.
      { kind: "start_clock", applicationId: "a".repeat(26), generation: 1 },
    ]);
  });

  it("emails no one when the applicant left no address", () => {
    expect(planFor(draft({ contact: undefined }), applicant, { kind: "submit" }).after).toEqual([
      { kind: "start_clock", applicationId: "a".repeat(26), generation: 1 },
    ]);
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

  it("resubmits after more information: keeps the first dates, counts no second submission, keeps the request", () => {
    const asked = submitted({
      stage: "more_info",
      pausedAt: "2026-11-12T09:00:00.000Z",
      moreInfoRequest: "¿Cuántos equipos?",
      parts: { more_info_answer: { texts: { answer: "Tres." }, files: {}, pending: {} } },
    });
    const result = planFor(asked, applicant, { kind: "submit" }, new Date("2026-11-15T08:00:00.000Z"));
    expect(result.event.type).toBe("resubmitted");
    expect(result.update.set).toMatchObject({ submittedAt: "2026-11-10T12:00:00.000Z", clockGeneration: 1 });
    // The answer's part is emptied (the only part: the clear half goes), for the next question to start afresh.
    expect(result.update.remove).toEqual(["pausedAt", "parts"]);
    // No stock of stages is counted: a resubmission is no event the report counts.
    expect(result.counters).toBeUndefined();
    // An item written before rounds were kept: its open request becomes the first round, answered now.
    expect(result.content).toEqual({
      moreInfo: [
        {
          question: "¿Cuántos equipos?",
          askedAt: "2026-11-12T09:00:00.000Z",
          answer: "Tres.",
          answeredAt: "2026-11-15T08:00:00.000Z",
        },
      ],
      moreInfoRequest: null,
      parts: {},
    });
  });

  it("refuses to resubmit without an answer to the open question, naming the answer's field", () => {
    const round = { question: "¿Cuántos equipos?", askedAt: "2026-11-12T09:00:00.000Z" };
    const asked = submitted({ stage: "more_info", moreInfo: [round] });
    const error = catchError(() => planFor(asked, applicant, { kind: "submit" }));
    expect(error).toBeInstanceOf(UnprocessableError);
    expect((error as UnprocessableError).errors).toEqual([
      expect.objectContaining({ path: "fields.answer", message: "submit.field_missing" }),
    ]);
  });

  it("answers the open round and keeps the earlier ones, and other parts, as they were", () => {
    const first = {
      question: "¿Cuántos?",
      askedAt: "2026-11-11T09:00:00.000Z",
      answer: "Tres.",
      answeredAt: "2026-11-12T09:00:00.000Z",
    };
    const second = { question: "¿Para quién?", askedAt: "2026-11-13T09:00:00.000Z" };
    const evidence = { texts: { statement: "Nos atacaron." }, files: {}, pending: {} };
    const asked = submitted({
      stage: "more_info",
      moreInfo: [first, second],
      messageToApplicant: "Un mensaje anterior.",
      parts: { evidence, more_info_answer: { texts: { answer: "Para tres periodistas." }, files: {}, pending: {} } },
    });
    const result = planFor(asked, applicant, { kind: "submit" });
    expect(result.content).toEqual({
      moreInfo: [first, { ...second, answer: "Para tres periodistas.", answeredAt: now.toISOString() }],
      messageToApplicant: null,
      parts: { evidence },
    });
    expect(result.update.set["parts"]).toEqual({ evidence: { files: {} } });
    expect(result.update.remove).not.toContain("parts");
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
      // No TTL on the item: the retention sweep deletes the content, the call's retention period later.
      expect(result.update.set).toEqual({ withdrawnAt: now.toISOString() });
      expect(Retention.dueAt(retained(result), emergency)).toEqual(new Date(now.getTime() + 180 * 86_400_000));
      expect(result.counters).toBeUndefined();
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
  const move = (
    to: Application.Info["stage"],
    extra: { note?: string; amount?: number; messageToApplicant?: string } = {},
  ) => ({ kind: "move", to, version: 4, ...extra }) as const;

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
      month: "2026-11",
      add: {
        "approved:EUR": 3_500,
        "approvedBy:EUR": 1,
        "decided:approved": 1,
        // Decided on the day of submission: 0 whole days.
        "days:0": 1,
        decidedWithinDeadline: 1,
      },
    });
    expect(recipients(result)).toEqual(["applicant"]);
  });

  it("counts a decision after the deadline as late", () => {
    const late = new Date("2026-11-25T09:00:00.000Z");
    const result = planFor(submitted(), coordinator, move("approved", { amount: 3_500 }), late);
    expect(result.event.detail["withinDeadline"]).toBe(false);
    expect(result.counters!.add["decidedWithinDeadline"]).toBeUndefined();
    // 14 days and 21 hours after submission: in the 14-day bucket of the histogram.
    expect(result.counters!.add["days:14"]).toBe(1);
  });

  it("declines with a note kept for staff, and keeps the content only for the retention period", () => {
    const result = planFor(submitted(), coordinator, move("declined", { note: "Fuera del alcance." }));
    expect(result.update.set).toEqual({ decision: { outcome: "declined", decidedAt: now.toISOString() } });
    expect(Retention.dueAt(retained(result), emergency)).toEqual(new Date(now.getTime() + 180 * 86_400_000));
    expect(result.event.note).toBe("Fuera del alcance.");
    expect(result.counters).toEqual({
      month: "2026-11",
      add: { "decided:declined": 1, "days:0": 1, decidedWithinDeadline: 1 },
    });
  });

  it("asks for more information: the message is the question, a new round sealed with the application", () => {
    const result = planFor(
      submitted(),
      coordinator,
      move("more_info", { note: "Parece caro.", messageToApplicant: "¿Cuántos equipos?" }),
    );
    expect(result.content).toEqual({ moreInfo: [{ question: "¿Cuántos equipos?", askedAt: now.toISOString() }] });
    // The note is for staff, as with every move: kept (sealed) in the history, never shown to the applicant.
    expect(result.event.note).toBe("Parece caro.");
    expect(result.after).toHaveLength(1);
    expect(result.after[0]).toMatchObject({ kind: "send_email", email: { body: "mail.update_body" } });
  });

  it("asks again after an answer: the earlier round stays, the new one follows it", () => {
    const first = {
      question: "¿Cuántos?",
      askedAt: "2026-11-09T09:00:00.000Z",
      answer: "Tres.",
      answeredAt: "2026-11-10T09:00:00.000Z",
    };
    const result = planFor(
      submitted({ moreInfo: [first] }),
      coordinator,
      move("more_info", { messageToApplicant: "¿Para quién?" }),
    );
    expect(result.content?.moreInfo).toEqual([first, { question: "¿Para quién?", askedAt: now.toISOString() }]);
  });

  it("refuses to ask for more information without the question, even with a note", () => {
    const error = catchError(() => planFor(submitted(), coordinator, move("more_info", { note: "¿Cuántos equipos?" })));
    expect((error as UnprocessableError).errors).toEqual([
      { path: "messageToApplicant", message: "decision.question_missing" },
    ]);
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
    expect(result.counters).toEqual({ month: "2026-11", add: { overdue: 1 } });
    expect(recipients(result)).toEqual(["applicant", "coordinators"]);
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

describe("the decision clock's times", () => {
  const clocked = (changes: Partial<Application.Info> = {}) =>
    submitted({
      reminderAt: "2026-11-15T12:00:00.000Z",
      escalationAt: "2026-11-20T12:00:00.000Z",
      clockGeneration: 1,
      ...changes,
    });

  it("sets every time at submission from the call's days, a day lasting what TIME_SCALE makes it", () => {
    // TIME_SCALE=1440: a day of the call's settings lasts a minute.
    const result = plan({
      app: draft(),
      call: emergency,
      actor: applicant,
      move: { kind: "submit" },
      now,
      dayMs: 60_000,
    });
    expect(result.update.set).toMatchObject({
      reminderAt: "2026-11-10T12:05:00.000Z",
      escalationAt: "2026-11-10T12:10:00.000Z",
      decisionDueAt: "2026-11-10T12:14:00.000Z",
      clockGeneration: 1,
    });
  });

  it("pauses when more information is asked for: the time is recorded and the running clock stopped", () => {
    const ask = { kind: "move", to: "more_info", version: 4, messageToApplicant: "¿Cuántos?" } as const;
    const result = planFor(clocked(), coordinator, ask);
    expect(result.update.set).toEqual({ pausedAt: now.toISOString() });
    expect(result.after).toContainEqual({ kind: "stop_clock", applicationId: "a".repeat(26), generation: 1 });
  });

  it("moves every time later by the time spent waiting on the applicant, and starts a new clock", () => {
    const paused = clocked({ stage: "more_info", pausedAt: "2026-11-11T12:00:00.000Z" });
    const fiveDaysLater = new Date("2026-11-16T12:00:00.000Z");
    const result = planFor(paused, applicant, { kind: "submit" }, fiveDaysLater);
    expect(result.update.set).toEqual({
      submittedAt: "2026-11-10T12:00:00.000Z",
      reminderAt: "2026-11-20T12:00:00.000Z",
      escalationAt: "2026-11-25T12:00:00.000Z",
      decisionDueAt: "2026-11-29T12:00:00.000Z",
      clockGeneration: 2,
    });
    expect(result.update.remove).toEqual(["pausedAt"]);
    expect(result.after).toContainEqual({ kind: "start_clock", applicationId: "a".repeat(26), generation: 2 });
  });

  it("stops the clock on a decision, a withdrawal, and a grant call's shortlist, and not on a move that keeps it running", () => {
    const decided = planFor(clocked(), coordinator, { kind: "move", to: "approved", version: 4, amount: 1_000 });
    const withdrawn = planFor(clocked(), applicant, { kind: "withdraw" });
    const grantApp = clocked({ callId: grant.id });
    const shortlisted = planFor(grantApp, coordinator, { kind: "move", to: "shortlisted", version: 4 }, now, grant);
    const stop = { kind: "stop_clock", applicationId: "a".repeat(26), generation: 1 };
    for (const result of [decided, withdrawn, shortlisted]) expect(result.after).toContainEqual(stop);
    const reviewed = planFor(clocked({ stage: "submitted" }), coordinator, {
      kind: "move",
      to: "in_review",
      version: 4,
    });
    expect(reviewed.after).toEqual([]);
  });
});

describe("the decision clock reminding and escalating", () => {
  const id = "a".repeat(26);
  const clocked = (changes: Partial<Application.Info> = {}) =>
    submitted({
      reminderAt: "2026-11-15T12:00:00.000Z",
      escalationAt: "2026-11-20T12:00:00.000Z",
      clockGeneration: 2,
      ...changes,
    });
  const atReminder = new Date("2026-11-15T12:00:00.000Z");
  const atEscalation = new Date("2026-11-20T12:00:00.000Z");
  const staffParams = { applicationId: id, call: emergency.title, date: "2026-11-24T12:00:00.000Z" };

  it("reminds the reviewers who have not scored and the coordinators once, at the reminder time", () => {
    const result = planFor(clocked(), system, { kind: "remind" }, atReminder);
    expect(result.to).toBe("in_review");
    // Once only (the mark must still be missing), and without a new version: a coordinator's page stays current.
    expect(result.version).toBe(4);
    expect(result.update).toEqual({
      set: { remindedAt: atReminder.toISOString() },
      remove: [],
      expect: { version: 4, stage: "in_review", missing: ["remindedAt"] },
    });
    expect(result.event).toEqual({
      type: "reminded",
      actor: "system",
      detail: { stage: "in_review", decisionDueAt: "2026-11-24T12:00:00.000Z" },
    });
    expect(result.counters).toBeUndefined();
    const email = { subject: "mail.neutral_subject", body: "mail.staff_reminder_body", params: staffParams };
    expect(result.after).toEqual([
      { kind: "send_email", email: { to: "reviewers", idempotencyKey: `reminder:${id}:2`, ...email } },
      { kind: "send_email", email: { to: "coordinators", idempotencyKey: `reminder:${id}:2`, ...email } },
    ]);
  });

  it("escalates to the coordinators and admins once, at the escalation time", () => {
    const result = planFor(
      clocked({ remindedAt: atReminder.toISOString() }),
      system,
      { kind: "escalate" },
      atEscalation,
    );
    expect(result.update.set).toEqual({ escalatedAt: atEscalation.toISOString() });
    expect(result.update.expect.missing).toEqual(["escalatedAt"]);
    expect(result.event.type).toBe("escalated");
    expect(recipients(result)).toEqual(["coordinators", "admins"]);
    for (const step of result.after) {
      expect(step).toMatchObject({
        email: { body: "mail.staff_escalation_body", idempotencyKey: `escalation:${id}:2`, params: staffParams },
      });
    }
  });

  it("does nothing before its time, a second time, once decided, while waiting on the applicant, or after a grant's shortlist", () => {
    const refused = [
      () => planFor(clocked(), system, { kind: "remind" }, now),
      () => planFor(clocked(), system, { kind: "escalate" }, atReminder),
      () => planFor(clocked({ remindedAt: atReminder.toISOString() }), system, { kind: "remind" }, atEscalation),
      () => planFor(clocked({ escalatedAt: atEscalation.toISOString() }), system, { kind: "escalate" }, atEscalation),
      () => planFor(clocked({ stage: "approved" }), system, { kind: "remind" }, atEscalation),
      () => planFor(clocked({ stage: "withdrawn" }), system, { kind: "escalate" }, atEscalation),
      () => planFor(clocked({ stage: "more_info" }), system, { kind: "remind" }, atEscalation),
      () => planFor(clocked({ stage: "shortlisted" }), system, { kind: "escalate" }, atEscalation, grant),
      () => planFor(clocked({ stage: "shortlisted" }), system, { kind: "overdue" }, new Date("2026-12-01"), grant),
      () => planFor(clocked(), coordinator, { kind: "remind" }, atEscalation),
    ];
    for (const attempt of refused) expect(attempt).toThrow(ImpossibleMoveError);
  });

  it("tells the applicant neutrally that the answer is late, and the coordinators which application it is", () => {
    const late = new Date("2026-11-24T12:00:01.000Z");
    const result = planFor(clocked(), system, { kind: "overdue" }, late);
    expect(result.after).toEqual([
      {
        kind: "send_email",
        email: {
          to: "applicant",
          subject: "mail.neutral_subject",
          body: "mail.applicant_late_body",
          idempotencyKey: `overdue:${id}:applicant`,
          params: { date: "2026-11-24T12:00:00.000Z" },
        },
      },
      {
        kind: "send_email",
        email: {
          to: "coordinators",
          subject: "mail.neutral_subject",
          body: "mail.staff_overdue_body",
          idempotencyKey: `overdue:${id}:coordinators`,
          params: staffParams,
        },
      },
    ]);
  });
});

describe("the report counters a move writes", () => {
  const decide = (to: "approved" | "declined", version = 4) =>
    ({ kind: "move", to, version, ...(to === "approved" ? { amount: 1_000 } : { note: "No." }) }) as const;

  it("counts a first submission once in its month, with its country and each target group it names", () => {
    const app = draft({ answers: { country: "MX", "target-groups": ["women", "lgbtqia"], "under-attack": true } });
    const result = planFor(app, applicant, { kind: "submit" }, new Date("2026-12-31T23:59:59.000Z"));
    expect(result.counters).toEqual({
      month: "2026-12",
      add: {
        submitted: 1,
        "requested:EUR": 4_000,
        "requestedBy:EUR": 1,
        "country:MX": 1,
        "group:women": 1,
        "group:lgbtqia": 1,
      },
    });
  });

  it("counts nothing for a resubmission: no second submission, country or amount, and no stock of stages", () => {
    const asked = submitted({ stage: "more_info", answers: { country: "MX", "target-groups": ["women"] } });
    const result = planFor(asked, applicant, { kind: "submit" }, new Date("2027-01-05T10:00:00.000Z"));
    expect(result.counters).toBeUndefined();
  });

  it("counts every later event in the month it happens, never in the month of the first submission", () => {
    const lastYear = submitted({ submittedAt: "2025-12-31T23:00:00.000Z", decisionDueAt: "2026-01-14T23:00:00.000Z" });
    const january = new Date("2026-01-20T08:00:00.000Z");
    const declined = planFor(lastYear, coordinator, decide("declined"), january);
    expect(declined.counters).toEqual({ month: "2026-01", add: { "decided:declined": 1, "days:19": 1 } });
    const overdue = planFor(lastYear, system, { kind: "overdue" }, january);
    expect(overdue.counters).toEqual({ month: "2026-01", add: { overdue: 1 } });
    const withdrawn = planFor(lastYear, applicant, { kind: "withdraw" }, january);
    expect(withdrawn.counters).toBeUndefined();
    const ask = { kind: "move", to: "more_info", version: 4, messageToApplicant: "?" } as const;
    const moved = planFor(lastYear, coordinator, ask, january);
    expect(moved.counters).toBeUndefined();
  });

  it("buckets the days to a decision in whole days of the decision clock", () => {
    // With days of one second (TIME_SCALE 86400), 90.5 seconds after submission is day 90.
    const at = new Date(Date.parse("2026-11-10T12:00:00.000Z") + 90_500);
    const app = submitted({ decisionDueAt: "2026-11-10T12:00:14.000Z" });
    const result = plan({ app, call: emergency, actor: coordinator, move: decide("approved"), now: at, dayMs: 1_000 });
    expect(result.counters!.add["days:90"]).toBe(1);
    expect(result.counters!.add["decidedWithinDeadline"]).toBeUndefined();
  });

  it("counts a decision on an application waiting on its applicant, by its own outcome", () => {
    const asked = submitted({ stage: "more_info" });
    const result = planFor(asked, coordinator, decide("declined"), new Date("2026-11-12T12:00:00.000Z"));
    expect(result.counters).toEqual({
      month: "2026-11",
      add: {
        "decided:declined": 1,
        "days:2": 1,
        decidedWithinDeadline: 1,
      },
    });
  });

  it("counts nothing for reminders and escalations", () => {
    const due = submitted({ reminderAt: "2026-11-15T12:00:00.000Z", escalationAt: "2026-11-20T12:00:00.000Z" });
    const later = new Date("2026-11-21T00:00:00.000Z");
    expect(planFor(due, system, { kind: "remind" }, later).counters).toBeUndefined();
    expect(planFor(due, system, { kind: "escalate" }, later).counters).toBeUndefined();
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
