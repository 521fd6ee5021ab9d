import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Application from "@amparo/core/application";
import * as Audit from "@amparo/core/audit";
import * as DecisionClock from "@amparo/core/decision-clock";
import { ApplicationChangedError } from "@amparo/core/error";
import * as Review from "@amparo/core/review";
import * as Stage from "@amparo/core/stage";
import type * as User from "@amparo/core/user";
import { startDecisionClock, type LocalDecisionClock } from "../../packages/local/src/decision-clock.js";
import { uniqueEmail } from "../support/applications.js";
import { eventually, received, scaleDays, staff, submittedEmergency, until } from "../support/clock.js";

// A day of the call's settings lasts half a second here: the emergency fund's reminder (day 5), escalation
// (day 10) and decision date (day 14) come 2.5, 5 and 7 seconds after a submission.
const DAY = 500;
scaleDays(DAY);

let decisionClock: LocalDecisionClock;
let coordinator: User.Info;
const admin = "admin@amparo.local";

beforeAll(async () => {
  // The clock runs in process on the same definition and handlers as in AWS; the moves start and stop it.
  decisionClock = await startDecisionClock({ reconcile: false });
  coordinator = await staff("coordinator");
});
afterAll(() => decisionClock.stop());

const clockOf = (app: Application.Info) => DecisionClock.executionName(app.id, app.clockGeneration!);
const ended = (name: string) => decisionClock.runner.executions.get(name)!.ended;
const eventTypes = async (id: string) => (await Audit.list({ application: id })).map((event) => event.type);

describe.concurrent("the decision clock, with days lasting half a second", () => {
  it("reminds, escalates and marks overdue an undecided application, each once and in that order", async () => {
    const email = uniqueEmail();
    const app = await submittedEmergency(email);
    // One reviewer still to score, one out of it by a declared conflict.
    const [waiting, conflicted] = [await staff("reviewer"), await staff("reviewer")];
    await Review.assign(coordinator, app.id, { reviewerIds: [waiting.id, conflicted.id] });
    await Review.declare(conflicted, app.id, { conflict: true, note: "I know them." });

    await ended(clockOf(app));

    const after = (await Application.fromID(app.id))!;
    expect(after.remindedAt! >= after.reminderAt!).toBe(true);
    expect(after.escalatedAt! >= after.escalationAt!).toBe(true);
    expect(after.overdueAt! > after.decisionDueAt!).toBe(true);
    expect(decisionClock.runner.executions.get(clockOf(app))!.status).toBe("SUCCEEDED");
    const clockEvents = (await eventTypes(app.id)).filter((type) =>
      ["reminded", "escalated", "overdue"].includes(type),
    );
    expect(clockEvents).toEqual(["reminded", "escalated", "overdue"]);

    // The applicant: the acknowledgement, then the neutral late notice, in Spanish.
    expect(await received(email, after, "es")).toEqual(["acknowledgement_or_update", "late_applicant"]);
    // The coordinators: a reminder, an escalation, and the overdue notice.
    expect(await received(coordinator.email, after, "en")).toEqual(["reminder", "escalation", "overdue_staff"]);
    // The reviewer still to score is reminded; the one who declared a conflict is not.
    expect(await received(waiting.email, after, "en")).toEqual(["reminder"]);
    expect(await received(conflicted.email, after, "en")).toEqual([]);
    // The admins are warned when it escalates.
    expect(await received(admin, after, "en")).toEqual(["escalation"]);
  });

  it("sends only the acknowledgement and the decision when the decision comes on day 3", async () => {
    const email = uniqueEmail();
    const app = await submittedEmergency(email);

    await until(app.submittedAt!, 3 * DAY);
    await Stage.transition(coordinator, app.id, { to: "declined", version: app.version, note: "Out of scope." });
    // The decision stops the clock; nothing else arrives, even well past the decision date.
    expect(decisionClock.runner.executions.get(clockOf(app))!.status).toBe("ABORTED");
    await until(app.decisionDueAt!, DAY);

    const after = (await Application.fromID(app.id))!;
    expect([after.remindedAt, after.escalatedAt, after.overdueAt]).toEqual([undefined, undefined, undefined]);
    expect(await received(email, after, "es")).toEqual(["acknowledgement_or_update", "acknowledgement_or_update"]);
    expect(await received(coordinator.email, after, "en")).toEqual([]);
    expect(await received(admin, after, "en")).toEqual([]);
  });

  it("moves every time later by the five days spent waiting on the applicant, and follows the new times", async () => {
    const email = uniqueEmail();
    const app = await submittedEmergency(email);

    await until(app.submittedAt!, DAY);
    await Stage.transition(coordinator, app.id, {
      to: "more_info",
      version: app.version,
      messageToApplicant: "¿Cuántos?",
    });
    const paused = (await Application.fromID(app.id))!;
    expect(decisionClock.runner.executions.get(clockOf(app))!.status).toBe("ABORTED");

    await until(paused.pausedAt!, 5 * DAY);
    await Application.saveMoreInfoAnswer(paused, { fields: { answer: "Tres." } });
    await Stage.submit((await Application.fromID(app.id))!);
    const resumed = (await Application.fromID(app.id))!;
    const waited = Date.parse(resumed.updatedAt) - Date.parse(paused.pausedAt!);
    // At least the five days waited (how much longer depends on the machine's load, so no upper bound).
    expect(waited).toBeGreaterThanOrEqual(5 * DAY);
    for (const time of ["decisionDueAt", "reminderAt", "escalationAt"] as const) {
      expect(Date.parse(resumed[time]!) - Date.parse(app[time]!)).toBe(waited);
    }
    expect(resumed.pausedAt).toBeUndefined();
    // A new clock on the new times: the old reminder time passed while paused, and nobody was reminded then.
    expect(resumed.clockGeneration).toBe(2);
    expect(decisionClock.runner.executions.get(clockOf(resumed))!.status).toBe("RUNNING");
    const reminded = await eventually(async () => (await Application.fromID(app.id))!.remindedAt);
    expect(reminded >= resumed.reminderAt!).toBe(true);
    // The reminder came; the escalation, then the overdue notice, follow at their own new times (on a slow machine
    // they may have come too), each once and in that order.
    const kinds = await received(coordinator.email, resumed, "en");
    expect(kinds[0]).toBe("reminder");
    expect(kinds.slice(1)).toEqual(["escalation", "overdue_staff"].slice(0, kinds.length - 1));
    if (kinds.includes("escalation")) {
      expect((await Application.fromID(app.id))!.escalatedAt! >= resumed.escalationAt!).toBe(true);
    }
    // Decided, so the clock stops: its escalation or overdue step may move the version between the read and the
    // decision on a slow machine, and the decision is then made at the version it has.
    for (let attempt = 1; ; attempt++) {
      const current = (await Application.fromID(app.id))!;
      try {
        await Stage.transition(coordinator, app.id, { to: "declined", version: current.version, note: "Done." });
        break;
      } catch (error) {
        if (!(error instanceof ApplicationChangedError) || attempt === 3) throw error;
      }
    }
  });

  it("stops the clock when the applicant withdraws", async () => {
    const email = uniqueEmail();
    const app = await submittedEmergency(email);
    await until(app.submittedAt!, DAY);
    await Stage.withdraw(app);
    expect(decisionClock.runner.executions.get(clockOf(app))!.status).toBe("ABORTED");
    await until(app.reminderAt!, DAY);
    const after = (await Application.fromID(app.id))!;
    expect(after.remindedAt).toBeUndefined();
    expect(await received(coordinator.email, after, "en")).toEqual([]);
  });
});
