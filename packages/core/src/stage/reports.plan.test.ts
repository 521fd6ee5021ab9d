import { describe, expect, it } from "vitest";
import type * as Application from "../application/index.js";
import * as Call from "../call/index.js";
import { executionName, reportClockHorizonDays } from "../decision-clock/times.js";
import {
  ApplicationChangedError,
  ConflictError,
  ImpossibleMoveError,
  NotFoundError,
  UnprocessableError,
  type VisibleError,
} from "../error/index.js";
import * as Retention from "../retention/index.js";
import { conceptNotes2026, digitalEmergency } from "../seed/calls.js";
import { allowedMoves, plan, type Actor, type Move } from "./plan.js";
import type { AfterCommit, Plan } from "./plan-types.js";

// The grant's reports, pure: no table, no keys, no clock. The grant call asks for an interim report (183 days
// after the agreement) and a final one (395 days); the emergency fund for one final report (150 days).
const grant = Call.Info.parse(conceptNotes2026);
const emergency = Call.Info.parse(digitalEmergency);
const dayMs = 86_400_000;
const agreedAt = "2026-06-01T12:00:00.000Z";
const agreedMs = Date.parse(agreedAt);
const day = (days: number) => new Date(agreedMs + days * dayMs);
const iso = (days: number) => day(days).toISOString();
const applicant: Actor = { kind: "applicant" };
const coordinator: Actor = { kind: "coordinator", userId: "u-1" };
const system: Actor = { kind: "system" };
const id = "r".repeat(26);

/** Where a report stands when nothing happened to it yet: its dates from the agreement, its clock started. */
const fresh = (dueDays: number, remindDays = 14, clock = true): Application.ReportState => ({
  dueAt: iso(dueDays),
  remindAt: iso(dueDays - remindDays),
  ...(clock ? { clockGeneration: 1 } : {}),
});

const statement: Application.PartContent["files"][string] = {
  key: "uploads/report/statement",
  fileName: "statement.csv",
  contentType: "text/csv",
  size: 120,
  sha256: "a".repeat(64),
};

/** A report's content as the applicant left it: the required narrative written, the statement uploaded. */
const written = (
  texts: Record<string, string> = { progress: "We trained forty people." },
  withFile = true,
): Application.PartContent => ({
  texts,
  files: withFile ? { "financial-statement": statement } : {},
  pending: {},
});

/** A grant of the grant call, agreed on 1 June 2026 and paid once: its interim report's clock running. */
function running(changes: Partial<Application.Info> = {}, call = grant): Application.Info {
  const final = call === grant ? fresh(395, 14, false) : fresh(150, 7);
  return {
    id,
    callId: call.id,
    stage: "active",
    version: 12,
    language: "en",
    createdAt: "2026-01-10T10:00:00.000Z",
    updatedAt: agreedAt,
    submittedAt: "2026-01-20T10:00:00.000Z",
    answers: {},
    contact: { email: "org@example.org" },
    conceptNote: {},
    decision: { outcome: "approved", amount: 20_000, decidedAt: "2026-05-01T10:00:00.000Z" },
    agreement: { agreedAt, endsAt: iso(365) },
    payment: { count: 1, lastMonth: "2026-06" },
    reports: call === grant ? { interim: fresh(183), final } : { final },
    ...changes,
  };
}

const planAt = (now: Date, app: Application.Info, actor: Actor, move: Move, call = grant): Plan =>
  plan({ app, call, actor, move, now, dayMs });
const reportsOf = (planned: Plan) => planned.update.set["reports"] as Record<string, Application.ReportState>;
/** The application as a plan leaves it (what the next move reads). */
const after = (app: Application.Info, planned: Plan): Application.Info => ({
  ...app,
  ...(planned.update.set as Partial<Application.Info>),
  ...(planned.content?.reportRounds ? { reportRounds: planned.content.reportRounds } : {}),
  stage: planned.to,
  version: planned.version,
});
const clocks = (planned: Plan) =>
  planned.after.flatMap((step: AfterCommit) =>
    step.kind === "send_email"
      ? []
      : [`${step.kind} ${executionName(step.applicationId, step.generation, step.reportId)}`],
  );
const emails = (planned: Plan) => planned.after.flatMap((step) => (step.kind === "send_email" ? [step.email] : []));
const problemPaths = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UnprocessableError);
    return (error as VisibleError).errors.map((problem) => problem.path);
  }
  throw new Error("no problem raised");
};

describe("the reports' clocks at the agreement", () => {
  it("starts only the interim report's clock, and the interim's due date starts the final's", () => {
    const sent = running({ stage: "agreement_sent", agreement: undefined, reports: undefined, payment: undefined });
    const accepted = planAt(day(0), sent, applicant, { kind: "accept_agreement", name: "Ana" });
    expect(accepted.to).toBe("agreed");
    // The final report, 395 days away, is beyond the horizon a Step Functions execution may wait.
    expect(395).toBeGreaterThan(reportClockHorizonDays);
    expect(reportsOf(accepted)).toEqual({ interim: fresh(183), final: fresh(395, 14, false) });
    expect(clocks(accepted)).toEqual([`start_clock ${id}-report-interim-1`]);

    const agreed = after(sent, accepted);
    const due = planAt(day(183), agreed, system, { kind: "report_due", reportId: "interim" });
    expect(reportsOf(due)["final"]).toEqual({ ...fresh(395), clockGeneration: 1 });
    expect(clocks(due)).toEqual([`start_clock ${id}-report-final-1`]);
  });
});

describe("sending a report", () => {
  it("leaves the grant `reported` for a coordinator, told without the report's content", () => {
    const app = running({ parts: { "report-interim": written() } });
    const now = day(170);
    const sent = planAt(now, app, applicant, { kind: "submit_report", reportId: "interim" });
    expect(sent.to).toBe("reported");
    expect(reportsOf(sent)["interim"]).toEqual({
      ...fresh(183),
      sentAt: now.toISOString(),
      firstSentAt: now.toISOString(),
    });
    expect(reportsOf(sent)["final"]).toEqual(fresh(395, 14, false));
    expect(sent.event).toMatchObject({ type: "report_sent", actor: "applicant", detail: { report: "interim" } });
    expect(emails(sent)).toMatchObject([{ to: "coordinators", body: "mail.staff_report_body" }]);
    expect(JSON.stringify(sent)).not.toContain("forty");
    expect(JSON.stringify(sent)).not.toContain("statement.csv");
  });

  it("refuses (422) a report without its required narrative or financial statement, naming each", () => {
    const now = day(170);
    const submit: Move = { kind: "submit_report", reportId: "interim" };
    expect(problemPaths(() => planAt(now, running(), applicant, submit))).toEqual([
      "fields.progress",
      "files.financial-statement",
    ]);
    const noFile = running({ parts: { "report-interim": written(undefined, false) } });
    expect(problemPaths(() => planAt(now, noFile, applicant, submit))).toEqual(["files.financial-statement"]);
    const noText = running({ parts: { "report-interim": written({ changes: "None." }) } });
    expect(problemPaths(() => planAt(now, noText, applicant, submit))).toEqual(["fields.progress"]);
  });

  it("refuses a report sent already, one the call does not ask for, a coordinator sending and a held grant", () => {
    const now = day(170);
    const parts = { "report-interim": written() };
    const sent = running({ stage: "reported", parts, reports: { interim: { ...fresh(183), sentAt: iso(160) } } });
    expect(() => planAt(now, sent, applicant, { kind: "submit_report", reportId: "interim" })).toThrow(ConflictError);
    expect(() => planAt(now, running({ parts }), applicant, { kind: "submit_report", reportId: "midterm" })).toThrow(
      NotFoundError,
    );
    const submit: Move = { kind: "submit_report", reportId: "interim" };
    expect(() => planAt(now, running({ parts }), coordinator, submit)).toThrow(ImpossibleMoveError);
    const held = running({ parts, stage: "suspended", suspendedFrom: "active" });
    expect(() => planAt(now, held, applicant, submit)).toThrow(ImpossibleMoveError);
  });
});

describe("a coordinator reading a sent report", () => {
  const sentFinal = (changes: Partial<Application.ReportState> = {}) =>
    running(
      { stage: "reported", version: 14, reports: { final: { ...fresh(150, 7), sentAt: iso(140), ...changes } } },
      emergency,
    );

  const byCoordinator = (days: number, app: Application.Info, move: Move) =>
    planAt(day(days), app, coordinator, move, emergency);
  const accept = (version: number): Move => ({ kind: "accept_report", reportId: "final", version });
  const ask = (question: string, version = 14): Move => ({ kind: "ask_report", reportId: "final", version, question });

  it("accepts the only report: the grant stays `reported`, and may close only then", () => {
    const app = sentFinal({ firstSentAt: iso(140) });
    expect(allowedMoves(emergency, "reported", "coordinator", app)).not.toContain("closed");
    expect(() => byCoordinator(141, app, { kind: "move", to: "closed", version: 14 })).toThrow(ImpossibleMoveError);
    const accepted = byCoordinator(141, app, accept(14));
    expect(accepted.to).toBe("reported");
    expect(reportsOf(accepted)["final"]?.acceptedAt).toBe(iso(141));
    expect(accepted.event).toMatchObject({ type: "report_accepted", actor: "user:u-1" });
    expect(emails(accepted)).toMatchObject([{ to: "applicant", body: "mail.update_body" }]);
    expect(allowedMoves(emergency, "reported", "coordinator", after(app, accepted))).toContain("closed");
    // Accepting twice, or at a version not read, is refused.
    expect(() => byCoordinator(142, after(app, accepted), accept(15))).toThrow(ConflictError);
    expect(() => byCoordinator(141, app, accept(13))).toThrow(ApplicationChangedError);
  });

  it("does not let a grant with a report still owed close", () => {
    expect(allowedMoves(grant, "active", "coordinator", running())).not.toContain("closed");
    const interimOnly = running({
      stage: "reported",
      reports: { interim: { ...fresh(183), sentAt: iso(170), acceptedAt: iso(171) }, final: fresh(395, 14, false) },
    });
    expect(allowedMoves(grant, "reported", "coordinator", interimOnly)).not.toContain("closed");
  });

  it("asks for more: the report is owed again with the question, and the resubmission answers it", () => {
    const app = sentFinal({ firstSentAt: iso(140) });
    expect(problemPaths(() => byCoordinator(141, app, ask("  ")))).toEqual(["question"]);
    const asked = byCoordinator(141, app, ask(" Which costs changed? "));
    expect(asked.to).toBe("report_due");
    expect(reportsOf(asked)["final"]?.moreAskedAt).toBe(iso(141));
    expect(asked.content?.reportRounds).toEqual({ final: [{ question: "Which costs changed?", askedAt: iso(141) }] });
    expect(asked.event).toMatchObject({ type: "report_more_asked", actor: "user:u-1" });
    // The applicant is told there is something to read, never the question.
    expect(emails(asked)).toMatchObject([{ to: "applicant", body: "mail.update_body" }]);
    expect(JSON.stringify([asked.after, asked.event])).not.toContain("costs");

    const reopened = { ...after(app, asked), parts: { "report-final": written({ narrative: "Travel cost more." }) } };
    const resubmit: Move = { kind: "submit_report", reportId: "final", answer: " Travel, as explained. " };
    const answered = planAt(day(145), reopened, applicant, resubmit, emergency);
    expect(answered.to).toBe("reported");
    expect(answered.content?.reportRounds).toEqual({
      final: [
        { question: "Which costs changed?", askedAt: iso(141), answer: "Travel, as explained.", answeredAt: iso(145) },
      ],
    });
    const state = reportsOf(answered)["final"]!;
    expect(state.moreAskedAt).toBeUndefined();
    expect(state).toMatchObject({ sentAt: iso(145), firstSentAt: iso(140) });

    // A second question adds a round after the first.
    const again = byCoordinator(146, after(reopened, answered), ask("And the rent?", answered.version));
    expect(again.content?.reportRounds?.["final"]).toHaveLength(2);
    expect(again.content?.reportRounds?.["final"]?.[1]).toEqual({ question: "And the rent?", askedAt: iso(146) });
  });
});

describe("the report's clock", () => {
  it("reminds the applicant neutrally once its reminder time has come, and the grant owes the report", () => {
    const remind: Move = { kind: "report_remind", reportId: "interim" };
    expect(() => planAt(day(168), running(), system, remind)).toThrow(ImpossibleMoveError);
    for (const stage of ["agreed", "active"] as const) {
      const app = running({ stage, ...(stage === "agreed" ? { payment: undefined } : {}) });
      const reminded = planAt(day(169), app, system, remind);
      expect(reminded.to).toBe("report_due");
      expect(reportsOf(reminded)["interim"]?.remindedAt).toBe(iso(169));
      expect(reminded.event).toMatchObject({ type: "report_reminded", actor: "system" });
      const [email, ...more] = emails(reminded);
      expect(more).toEqual([]);
      expect(email).toMatchObject({
        to: "applicant",
        subject: "mail.neutral_subject",
        body: "mail.report_reminder_body",
      });
      expect(email?.params).toBeUndefined();
      // Reminded once, and never once sent.
      expect(() => planAt(day(170), after(app, reminded), system, remind)).toThrow(ImpossibleMoveError);
    }
    const sent = running({ reports: { interim: { ...fresh(183), sentAt: iso(160) }, final: fresh(395, 14, false) } });
    expect(() => planAt(day(169), sent, system, remind)).toThrow(ImpossibleMoveError);
    expect(() => planAt(day(169), running(), coordinator, remind)).toThrow(ImpossibleMoveError);
  });

  it("counts a report sent by its due date as on time, once", () => {
    const app = running({
      stage: "reported",
      reports: { interim: { ...fresh(183), sentAt: iso(180), firstSentAt: iso(180) }, final: fresh(395, 14, false) },
    });
    const due: Move = { kind: "report_due", reportId: "interim" };
    expect(() => planAt(day(182), app, system, due)).toThrow(ImpossibleMoveError);
    const counted = planAt(day(183), app, system, due);
    expect(counted.to).toBe("reported");
    expect(counted.counters).toEqual({ month: "2026-12", add: { "reports:due": 1, "reports:onTime": 1 } });
    expect(reportsOf(counted)["interim"]).toMatchObject({ countedAt: iso(183) });
    expect(reportsOf(counted)["interim"]?.lateAt).toBeUndefined();
    expect(counted.event.type).toBe("report_due_on_time");
    expect(emails(counted)).toEqual([]);
    expect(() => planAt(day(184), after(app, counted), system, due)).toThrow(ImpossibleMoveError);
  });

  it("counts a report not sent by its due date as late, marks it and tells the coordinators", () => {
    const app = running({
      stage: "report_due",
      reports: { interim: { ...fresh(183), remindedAt: iso(169) }, final: fresh(395, 14, false) },
    });
    const late = planAt(day(183), app, system, { kind: "report_due", reportId: "interim" });
    expect(late.to).toBe("report_due");
    expect(late.counters?.add).toEqual({ "reports:due": 1, "reports:late": 1 });
    expect(reportsOf(late)["interim"]).toMatchObject({ countedAt: iso(183), lateAt: iso(183) });
    expect(late.event.type).toBe("report_late");
    expect(emails(late)).toMatchObject([
      { to: "coordinators", body: "mail.staff_report_late_body", params: { applicationId: id } },
    ]);

    // Sent after its due date (first sent late): still late, even though it was sent.
    const sentLate = running({
      stage: "reported",
      reports: { interim: { ...fresh(183), sentAt: iso(184), firstSentAt: iso(184) }, final: fresh(395, 14, false) },
    });
    const counted = planAt(day(185), sentLate, system, { kind: "report_due", reportId: "interim" });
    expect(counted.counters?.add).toEqual({ "reports:due": 1, "reports:late": 1 });
  });

  it("gives a report a later due date: a new clock under a new name, the old one stopped", () => {
    const app = running({
      stage: "report_due",
      reports: {
        interim: { ...fresh(183), remindedAt: iso(169), lateAt: iso(183), countedAt: iso(183) },
        final: fresh(395, 14, false),
      },
    });
    const extend = (dueAt: string, version = 12): Move => ({
      kind: "extend_report",
      reportId: "interim",
      version,
      dueAt,
    });
    expect(problemPaths(() => planAt(day(190), app, coordinator, extend(iso(189))))).toEqual(["dueAt"]);
    expect(problemPaths(() => planAt(day(190), app, coordinator, extend("soon")))).toEqual(["dueAt"]);
    expect(() => planAt(day(190), app, coordinator, extend(iso(220), 11))).toThrow(ApplicationChangedError);
    expect(() => planAt(day(190), app, applicant, extend(iso(220)))).toThrow(ImpossibleMoveError);

    const extended = planAt(day(190), app, coordinator, extend(iso(220).slice(0, 10)));
    const state = reportsOf(extended)["interim"]!;
    expect(state).toMatchObject({
      dueAt: `${iso(220).slice(0, 10)}T00:00:00.000Z`,
      extendedAt: iso(190),
      clockGeneration: 2,
      countedAt: iso(183),
    });
    expect(state.lateAt).toBeUndefined();
    expect(state.remindedAt).toBeUndefined();
    expect(clocks(extended)).toEqual([`stop_clock ${id}-report-interim-1`, `start_clock ${id}-report-interim-2`]);
    expect(extended.event).toMatchObject({ type: "report_extended", detail: { report: "interim" } });
    expect(emails(extended)).toMatchObject([{ to: "applicant", body: "mail.update_body" }]);
    // No longer late nor reminded: the grant rests where it ran.
    expect(extended.to).toBe("active");
  });
});

describe("closing the grant", () => {
  it("counts the reports not counted yet as on time, stops their clocks and keeps the content from the closing", () => {
    const app = running({
      stage: "reported",
      version: 20,
      reports: {
        interim: { ...fresh(183), sentAt: iso(170), firstSentAt: iso(170), acceptedAt: iso(175), countedAt: iso(183) },
        final: { ...fresh(395), sentAt: iso(360), firstSentAt: iso(360), acceptedAt: iso(362) },
      },
    });
    expect(allowedMoves(grant, "reported", "coordinator", app)).toContain("closed");
    const closed = planAt(day(363), app, coordinator, { kind: "move", to: "closed", version: 20 });
    expect(closed.to).toBe("closed");
    expect(closed.update.set["closedAt"]).toBe(iso(363));
    expect(reportsOf(closed)["final"]?.countedAt).toBe(iso(363));
    expect(reportsOf(closed)["interim"]?.countedAt).toBe(iso(183));
    expect(closed.counters?.add).toEqual({ "reports:due": 1, "reports:onTime": 1 });
    expect(clocks(closed)).toEqual([`stop_clock ${id}-report-final-1`]);

    const retained = { stage: closed.to, updatedAt: closed.at, ...closed.update.set } as Retention.Retained;
    expect(Retention.dueAt(retained, grant)?.toISOString()).toBe(
      new Date(day(363).getTime() + grant.approvedRetentionDays * dayMs).toISOString(),
    );
    // An approval that never became a closed grant keeps the date its decision gave it.
    const approved = { ...retained, stage: "approved" as const, decision: app.decision };
    expect(Retention.dueAt(approved, grant)?.toISOString()).toBe(
      new Date(Date.parse(app.decision!.decidedAt) + grant.approvedRetentionDays * dayMs).toISOString(),
    );
    // While reports are owed or read, the grant runs and nothing is due for deletion.
    for (const stage of ["report_due", "reported"] as const) {
      expect(Retention.dueAt({ ...retained, stage }, grant)).toBeUndefined();
    }
  });

  it("closes a grant whose reports were all counted, with nothing more to count", () => {
    const app = running(
      {
        stage: "reported",
        version: 20,
        reports: { final: { ...fresh(150, 7), sentAt: iso(140), acceptedAt: iso(141), countedAt: iso(150) } },
      },
      emergency,
    );
    const closed = planAt(day(151), app, coordinator, { kind: "move", to: "closed", version: 20 }, emergency);
    expect(closed.to).toBe("closed");
    expect(closed.counters).toBeUndefined();
    expect(clocks(closed)).toEqual([]);
  });
});
