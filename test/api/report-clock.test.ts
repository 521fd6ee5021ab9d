import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Application from "@amparo/core/application";
import * as Audit from "@amparo/core/audit";
import * as Award from "@amparo/core/award";
import * as Call from "@amparo/core/call";
import * as DecisionClock from "@amparo/core/decision-clock";
import * as Config from "@amparo/core/config";
import type { Locale, MessageKey } from "@amparo/core/i18n";
import * as Mail from "@amparo/core/mail";
import { Counter, counters } from "@amparo/core/report";
import * as Retention from "@amparo/core/retention";
import * as Stage from "@amparo/core/stage";
import type * as User from "@amparo/core/user";
import { startDecisionClock, type LocalDecisionClock } from "../../packages/local/src/decision-clock.js";
import { inbox, uniqueEmail } from "../support/applications.js";
import { approvedEmergency, moveAs, sendAndAcceptAgreement } from "../support/award.js";
import { eventually, scaleDays, staff } from "../support/clock.js";

// A day of the call's settings lasts 40 ms: the emergency fund's final report, due 150 days after the agreement and
// reminded 7 days before, is reminded 5.7 seconds after it and due at 6 seconds.
const DAY = 40;
scaleDays(DAY);
// An applicant's address takes a few emails a day; that day is a real one, and these grants' months pass in seconds.
Config.set({ LIMIT_APPLICANT_MAIL_PER_DAY: 20 });

let decisionClock: LocalDecisionClock;
let coordinator: User.Info;

beforeAll(async () => {
  decisionClock = await startDecisionClock({ reconcile: false });
  coordinator = await staff("coordinator");
});
afterAll(() => decisionClock.stop());

const execution = (id: string, generation: number) =>
  decisionClock.runner.executions.get(DecisionClock.executionName(id, generation, "final"));
const events = async (id: string) => (await Audit.list({ application: id })).map((event) => event.type);
const year = () => new Date().getUTCFullYear();
const reportCounts = async () => {
  const all = await counters("digital-emergency", year());
  return [Counter.reportsDue, Counter.reportsOnTime, Counter.reportsLate].map((name) => all[name] ?? 0);
};

/** The plain text of `body` about application `id` as it reaches someone reading `locale`. */
const rendered = (body: MessageKey, id: string, call: Call.Info, locale: Locale) =>
  Mail.render({ locale, body, params: { applicationId: id, call: call.title } }).body.trim();

/** An emergency grant agreed now by an applicant with a confirmed address; its report clock started. */
async function agreedGrant() {
  const contact = uniqueEmail();
  const { id } = await approvedEmergency(coordinator, 1_500, { contact });
  await sendAndAcceptAgreement(coordinator, id, { name: "Rosa" });
  return { id, contact, app: (await Application.fromID(id))! };
}

async function writeAndSend(id: string, answer?: string) {
  const app = (await Application.fromID(id))!;
  await Award.saveReport(app, "final", { fields: { narrative: "We replaced the seized phones." } });
  await Award.sendReport((await Application.fromID(id))!, "final", answer ? { answer } : {});
}

describe("a grant's report clock, with days lasting 40 ms", () => {
  it("reminds the applicant, marks an unsent report late and tells the coordinators, then the grant closes", async () => {
    const before = await reportCounts();
    const { id, contact, app } = await agreedGrant();
    expect(app.stage).toBe("agreed");
    const { dueAt, remindAt } = app.reports!["final"]!;
    expect(Date.parse(dueAt) - Date.parse(app.agreement!.agreedAt)).toBe(150 * DAY);
    expect(Date.parse(dueAt) - Date.parse(remindAt)).toBe(7 * DAY);
    expect(execution(id, 1)?.status).toBe("RUNNING");

    await execution(id, 1)!.ended;
    const late = (await Application.fromID(id))!;
    expect(late.stage).toBe("report_due");
    expect(late.reports!["final"]!.remindedAt! >= remindAt).toBe(true);
    expect(late.reports!["final"]!.lateAt! >= dueAt).toBe(true);
    expect(await reportCounts()).toEqual([before[0]! + 1, before[1]!, before[2]! + 1]);
    expect(await events(id)).toEqual(expect.arrayContaining(["report_reminded", "report_late"]));

    // The applicant's reminder says nothing of a report or a grant; the coordinator's notice names the application.
    const call = await Call.forApplication(late);
    const reminder = rendered("mail.report_reminder_body", id, call, Application.emailLocale(late));
    await eventually(async () => (await inbox(contact)).some((email) => email.body.text?.trim() === reminder));
    expect(rendered("mail.report_reminder_body", id, call, "en")).not.toMatch(/report|grant|fund/i);
    const lateNotice = rendered("mail.staff_report_late_body", id, call, "en");
    await eventually(async () =>
      (await inbox(coordinator.email)).some((email) => email.body.text?.trim() === lateNotice),
    );

    // Sent late, read, accepted: the grant rests in `reported`, its reports all accepted, and closes.
    await writeAndSend(id);
    expect((await Application.fromID(id))!.stage).toBe("reported");
    const opened = await Award.openReport(coordinator, id, "final");
    expect(opened.view.texts["narrative"]).toBe("We replaced the seized phones.");
    await Award.decideReport(coordinator, id, "final", { decision: "accept", version: opened.app.version });
    const accepted = (await Application.fromID(id))!;
    expect(accepted.stage).toBe("reported");
    expect(Stage.allowedMoves(call, accepted.stage, "coordinator", accepted)).toContain("closed");
    await moveAs(coordinator, id, "closed");
    const closed = (await Application.fromID(id))!;
    expect(closed.stage).toBe("closed");
    // Retention counts from the closing; the late report was counted once, at its due date.
    expect(Retention.dueAt(closed, call)!.getTime()).toBe(
      Date.parse(closed.closedAt!) + call.approvedRetentionDays * DAY,
    );
    expect(await reportCounts()).toEqual([before[0]! + 1, before[1]!, before[2]! + 1]);
  });

  it("counts a report sent before its reminder as on time, and sends no reminder", async () => {
    const before = await reportCounts();
    const { id, contact } = await agreedGrant();
    await writeAndSend(id);
    await execution(id, 1)!.ended;
    const after = (await Application.fromID(id))!;
    expect(after.stage).toBe("reported");
    expect(after.reports!["final"]!.remindedAt).toBeUndefined();
    expect(after.reports!["final"]!.lateAt).toBeUndefined();
    expect(await reportCounts()).toEqual([before[0]! + 1, before[1]! + 1, before[2]!]);
    const call = await Call.forApplication(after);
    const reminder = rendered("mail.report_reminder_body", id, call, Application.emailLocale(after));
    expect((await inbox(contact)).some((email) => email.body.text?.trim() === reminder)).toBe(false);
  });

  it("starts a new clock, under a new name, when a coordinator gives a later due date", async () => {
    const { id, app } = await agreedGrant();
    const later = new Date(Date.parse(app.reports!["final"]!.dueAt) + 100 * DAY).toISOString();
    const { dueAt } = await Award.extendReport(coordinator, id, "final", { version: app.version, dueAt: later });
    expect(dueAt).toBe(later);
    expect(execution(id, 1)?.status).toBe("ABORTED");
    expect(execution(id, 2)?.status).toBe("RUNNING");
    const extended = (await Application.fromID(id))!;
    expect(extended.reports!["final"]).toMatchObject({ dueAt: later, clockGeneration: 2 });
    expect(await events(id)).toContain("report_extended");
    await execution(id, 2)!.ended;
    expect((await Application.fromID(id))!.reports!["final"]!.countedAt! >= later).toBe(true);
  });

  it("has the reconciler start a report's clock again, as a new generation, when it stopped early", async () => {
    const { id } = await agreedGrant();
    await DecisionClock.Executions.stop(DecisionClock.executionName(id, 1, "final"));
    expect(execution(id, 1)?.status).toBe("ABORTED");
    const { started } = await DecisionClock.reconcile();
    expect(started).toBeGreaterThanOrEqual(1);
    expect((await Application.fromID(id))!.reports!["final"]!.clockGeneration).toBe(2);
    expect(execution(id, 2)?.status).toBe("RUNNING");
    // Run again, it finds the clock running and starts nothing for this grant.
    await DecisionClock.reconcile();
    expect((await Application.fromID(id))!.reports!["final"]!.clockGeneration).toBe(2);
  });
});
