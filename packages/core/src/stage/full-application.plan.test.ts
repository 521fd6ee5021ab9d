import { describe, expect, it } from "vitest";
import type * as Application from "../application/index.js";
import * as Call from "../call/index.js";
import {
  FullApplicationNotOpenError,
  FullApplicationPastDueError,
  ImpossibleMoveError,
  UnprocessableError,
} from "../error/index.js";
import { conceptNotes2026 } from "../seed/calls.js";
import * as Clock from "../decision-clock/times.js";
import { allowedMoves, plan, type Actor, type Move } from "./plan.js";

// Pure: a grant call's second stage as `plan` decides it, without a table.
const grant = Call.Info.parse(conceptNotes2026);
const { fullApplication: _full, ...withoutFull } = grant;
/** The same grant call with no second stage: it must behave as a one-stage call always has. */
const singleStage = Call.Info.parse({ ...withoutFull, stages: grant.stages.filter((s) => s !== "full_submitted") });
const day = 86_400_000;
const now = new Date("2026-11-10T12:00:00.000Z");
const applicant: Actor = { kind: "applicant" };
const coordinator: Actor = { kind: "coordinator", userId: "u-1" };

const document = (name: string): Application.Info["budgetFile"] & object => ({
  key: `accepted/${name}`,
  fileName: `${name}.pdf`,
  contentType: "application/pdf",
  size: 1_000,
  sha256: "0".repeat(64),
});

/** A grant application in review, its first clock running (generation 1, reminded already). */
function inReview(changes: Partial<Application.Info> = {}): Application.Info {
  return {
    id: "b".repeat(26),
    callId: grant.id,
    stage: "in_review",
    version: 7,
    language: "es",
    createdAt: "2026-10-01T10:00:00.000Z",
    updatedAt: "2026-10-01T10:00:00.000Z",
    submittedAt: "2026-10-02T10:00:00.000Z",
    decisionDueAt: "2026-12-01T10:00:00.000Z",
    reminderAt: "2026-10-20T10:00:00.000Z",
    remindedAt: "2026-10-20T10:00:01.000Z",
    escalationAt: "2026-11-16T10:00:00.000Z",
    clockGeneration: 1,
    answers: {},
    contact: { email: "defender@example.org" },
    conceptNote: {},
    funding: { amount: 20_000, annualBudget: 50_000, months: 12 },
    ...changes,
  };
}

/** Shortlisted and invited on 1 November, due on 1 December, with everything the call asks for written and uploaded. */
const writing = (changes: Partial<NonNullable<Application.Info["fullApplication"]>> = {}, app = {}) =>
  inReview({
    stage: "shortlisted",
    fullApplication: {
      invitedAt: "2026-11-01T12:00:00.000Z",
      dueAt: "2026-12-01T12:00:00.000Z",
      fields: { context: "Contexto.", activities: "Actividades.", risks: "Riesgos." },
      wordCounts: { context: 1, activities: 1, risks: 1, sustainability: 0 },
      documents: { "detailed-budget": document("budget"), "work-plan": document("plan") },
      ...changes,
    },
    ...app,
  });

const planFor = (app: Application.Info, actor: Actor, move: Move, at = now, call = grant) =>
  plan({ app, call, actor, move, now: at, dayMs: day });

const emails = (result: ReturnType<typeof plan>) =>
  result.after.flatMap((step) => (step.kind === "send_email" ? [step.email] : []));

describe("a shortlisting in a grant call with a full application", () => {
  it("invites the applicant: the due date from the call's days, a neutral email with that date, the first clock stopped", () => {
    const result = planFor(inReview(), coordinator, { kind: "move", to: "shortlisted", version: 7 });
    expect(result.to).toBe("shortlisted");
    expect(result.update.set["fullApplication"]).toEqual({
      invitedAt: now.toISOString(),
      dueAt: new Date(now.getTime() + 30 * day).toISOString(),
      invitedDueAt: new Date(now.getTime() + 30 * day).toISOString(),
      documents: {},
    });
    expect(emails(result)).toEqual([
      {
        to: "applicant",
        subject: "mail.neutral_subject",
        body: "mail.applicant_invited_body",
        idempotencyKey: `moved:${"b".repeat(26)}:8`,
        params: { date: "2026-12-10T12:00:00.000Z" },
      },
    ]);
    expect(result.after).toContainEqual({ kind: "stop_clock", applicationId: "b".repeat(26), generation: 1 });
    // Shortlisting is no event the report counts (it publishes no stock of stages).
    expect(result.counters).toBeUndefined();
  });

  it("keeps what was written when shortlisted again, with the later of the two due dates", () => {
    const again = writing({ dueAt: "2027-02-01T12:00:00.000Z" }, { stage: "in_review" });
    const result = planFor(again, coordinator, { kind: "move", to: "shortlisted", version: 7 });
    expect(result.update.set["fullApplication"]).toMatchObject({
      invitedAt: "2026-11-01T12:00:00.000Z",
      dueAt: "2027-02-01T12:00:00.000Z",
      wordCounts: { context: 1, activities: 1, risks: 1, sustainability: 0 },
    });
  });

  it("changes nothing for a grant call without one: no invitation, no email, the clock stopped as before", () => {
    const result = planFor(inReview(), coordinator, { kind: "move", to: "shortlisted", version: 7 }, now, singleStage);
    expect(result.update.set).toEqual({});
    expect(emails(result)).toEqual([]);
    expect(result.after).toEqual([{ kind: "stop_clock", applicationId: "b".repeat(26), generation: 1 }]);
    expect(allowedMoves(singleStage, "shortlisted", "applicant")).toEqual(["withdrawn"]);
  });
});

describe("the applicant sending the full application", () => {
  it("moves to full_submitted and starts the second clock on the full application's own days", () => {
    const result = planFor(writing(), applicant, { kind: "submit_full" });
    expect(result.to).toBe("full_submitted");
    expect(result.update.expect).toEqual({ version: 7, stage: "shortlisted" });
    expect(result.update.set).toMatchObject({
      fullApplication: { submittedAt: now.toISOString(), dueAt: "2026-12-01T12:00:00.000Z" },
      reminderAt: new Date(now.getTime() + 20 * day).toISOString(),
      escalationAt: new Date(now.getTime() + 35 * day).toISOString(),
      decisionDueAt: new Date(now.getTime() + 45 * day).toISOString(),
      clockGeneration: 2,
    });
    // The first clock's marks go, so the second reminds and escalates afresh.
    expect(result.update.remove).toEqual(["remindedAt", "escalatedAt"]);
    expect(result.after).toContainEqual({ kind: "start_clock", applicationId: "b".repeat(26), generation: 2 });
    expect(emails(result).map((email) => [email.body, email.idempotencyKey])).toEqual([
      ["mail.update_body", `submitted:${"b".repeat(26)}:8`],
    ]);
    expect(result.counters).toBeUndefined();
    expect(result.event).toMatchObject({ type: "full_submitted", actor: "applicant" });
    expect(Clock.runs("full_submitted", "grant")).toBe(true);
  });

  it("lists every missing field and document at once, and plans nothing", () => {
    const app = writing({ fields: { context: "Contexto." }, wordCounts: { context: 1 }, documents: {} });
    const error = (() => {
      try {
        planFor(app, applicant, { kind: "submit_full" });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(UnprocessableError);
    expect((error as UnprocessableError).errors.map((problem) => problem.path)).toEqual([
      "fields.activities",
      "fields.risks",
      "documents.detailed-budget",
      "documents.work-plan",
    ]);
  });

  it("refuses after the due date, and for a call without one, an application not invited, or one already sent", () => {
    expect(() => planFor(writing(), applicant, { kind: "submit_full" }, new Date("2026-12-01T12:00:01.000Z"))).toThrow(
      FullApplicationPastDueError,
    );
    expect(() => planFor(writing(), applicant, { kind: "submit_full" }, now, singleStage)).toThrow(
      FullApplicationNotOpenError,
    );
    expect(() => planFor(inReview(), applicant, { kind: "submit_full" })).toThrow(FullApplicationNotOpenError);
    const sent = writing({ submittedAt: "2026-11-09T00:00:00.000Z" }, { stage: "full_submitted" });
    expect(() => planFor(sent, applicant, { kind: "submit_full" })).toThrow(FullApplicationNotOpenError);
    expect(() => planFor(writing(), coordinator, { kind: "submit_full" })).toThrow(ImpossibleMoveError);
  });
});

describe("a late concept round, then a full application", () => {
  it("gives the full application's promise its own overdue mark and emails, counting the application once", () => {
    const lateFirst = writing({}, { overdueAt: "2026-11-05T12:00:00.000Z" });
    const sent = planFor(lateFirst, applicant, { kind: "submit_full" });
    expect(sent.update.set["conceptOverdueAt"]).toBe("2026-11-05T12:00:00.000Z");
    expect(sent.update.remove).toContain("overdueAt");

    // The second clock's promise passes undecided: it is marked late again, with emails of its own.
    const inRoundTwo: Application.Info = {
      ...lateFirst,
      stage: "full_submitted",
      version: 8,
      overdueAt: undefined,
      conceptOverdueAt: "2026-11-05T12:00:00.000Z",
      decisionDueAt: "2026-12-20T12:00:00.000Z",
      clockGeneration: 2,
    };
    const late = planFor(inRoundTwo, { kind: "system" }, { kind: "overdue" }, new Date("2026-12-21T12:00:00.000Z"));
    expect(late.update.set).toEqual({ overdueAt: "2026-12-21T12:00:00.000Z" });
    expect(emails(late).map((email) => email.idempotencyKey)).toEqual([
      `overdue:${"b".repeat(26)}:full:applicant`,
      `overdue:${"b".repeat(26)}:full:coordinators`,
    ]);
    expect(late.counters?.add ?? {}).toEqual({});

    // An application on time in its first round is counted when its second promise is missed.
    const onTime = planFor(
      { ...inRoundTwo, conceptOverdueAt: undefined },
      { kind: "system" },
      { kind: "overdue" },
      new Date("2026-12-21T12:00:00.000Z"),
    );
    expect(onTime.counters?.add).toEqual({ overdue: 1 });
  });
});

describe("after the full application is sent", () => {
  const sent = () =>
    writing(
      { submittedAt: "2026-11-09T00:00:00.000Z" },
      { stage: "full_submitted", clockGeneration: 2, decisionDueAt: "2026-12-24T00:00:00.000Z" },
    );

  it("lets the coordinator approve or decline, counting the decision and stopping the second clock", () => {
    expect(allowedMoves(grant, "full_submitted")).toEqual(["approved", "declined"]);
    const result = planFor(sent(), coordinator, { kind: "move", to: "approved", version: 7, amount: 20_000 });
    expect(result.counters?.add).toMatchObject({
      "decided:approved": 1,
      decidedWithinDeadline: 1,
    });
    expect(result.after).toContainEqual({ kind: "stop_clock", applicationId: "b".repeat(26), generation: 2 });
  });

  it("lets the applicant withdraw", () => {
    const result = planFor(sent(), applicant, { kind: "withdraw" });
    expect(result.counters).toBeUndefined();
  });
});

describe("a coordinator extending the due date", () => {
  it("moves it later, even once passed, with an audit event and a neutral email giving the new date", () => {
    const late = new Date("2026-12-03T00:00:00.000Z");
    const result = planFor(writing(), coordinator, { kind: "extend_due", dueAt: "2026-12-15T00:00:00.000Z" }, late);
    expect(result.to).toBe("shortlisted");
    expect(result.version).toBe(8);
    expect(result.update.set["fullApplication"]).toMatchObject({ dueAt: "2026-12-15T00:00:00.000Z" });
    expect(result.event).toMatchObject({
      type: "due_extended",
      actor: "user:u-1",
      detail: { from: "2026-12-01T12:00:00.000Z", dueAt: "2026-12-15T00:00:00.000Z" },
    });
    expect(emails(result)).toEqual([
      expect.objectContaining({
        to: "applicant",
        subject: "mail.neutral_subject",
        body: "mail.applicant_due_changed_body",
        params: { date: "2026-12-15T00:00:00.000Z" },
      }),
    ]);
    expect(result.counters).toBeUndefined();
  });

  it("goes at most the call's days beyond the invitation's own date, and tells the applicant once a day", () => {
    const late = new Date("2026-12-03T00:00:00.000Z");
    // Invited on 1 November for 30 days: due 1 December, so 31 December at the latest.
    expect(() =>
      planFor(writing(), coordinator, { kind: "extend_due", dueAt: "9999-12-31T23:59:59.999Z" }, late),
    ).toThrow(UnprocessableError);
    expect(() =>
      planFor(writing(), coordinator, { kind: "extend_due", dueAt: "2026-12-31T12:00:01.000Z" }, late),
    ).toThrow(UnprocessableError);
    const told = planFor(writing(), coordinator, { kind: "extend_due", dueAt: "2026-12-31T12:00:00.000Z" }, late);
    expect(told.update.set["fullApplication"]).toMatchObject({ dueNoticeAt: late.toISOString() });
    expect(emails(told)).toHaveLength(1);
    const noticed = { dueAt: "2026-12-10T00:00:00.000Z", dueNoticeAt: late.toISOString() };
    const sameDay = new Date(late.getTime() + day - 1);
    const quiet = planFor(
      writing(noticed),
      coordinator,
      { kind: "extend_due", dueAt: "2026-12-11T00:00:00.000Z" },
      sameDay,
    );
    expect(emails(quiet)).toEqual([]);
    expect(quiet.event.detail).toMatchObject({ applicantTold: false });
    const nextDay = new Date(late.getTime() + day);
    expect(
      emails(
        planFor(writing(noticed), coordinator, { kind: "extend_due", dueAt: "2026-12-11T00:00:00.000Z" }, nextDay),
      ),
    ).toHaveLength(1);
  });

  it("refuses a date not later than the current one or now, a full application already sent, and the applicant", () => {
    expect(() => planFor(writing(), coordinator, { kind: "extend_due", dueAt: "2026-11-30T00:00:00.000Z" })).toThrow(
      UnprocessableError,
    );
    const sent = writing({ submittedAt: "2026-11-09T00:00:00.000Z" }, { stage: "full_submitted" });
    expect(() => planFor(sent, coordinator, { kind: "extend_due", dueAt: "2027-01-01T00:00:00.000Z" })).toThrow(
      FullApplicationNotOpenError,
    );
    expect(() => planFor(writing(), applicant, { kind: "extend_due", dueAt: "2027-01-01T00:00:00.000Z" })).toThrow(
      ImpossibleMoveError,
    );
  });
});
