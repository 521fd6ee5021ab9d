import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import * as Application from "@amparo/core/application";
import * as Audit from "@amparo/core/audit";
import * as DecisionClock from "@amparo/core/decision-clock";
import * as Stage from "@amparo/core/stage";
import { LocalRunner, startDecisionClock } from "../../packages/local/src/decision-clock.js";
import { uniqueEmail } from "../support/applications.js";
import { eventually, received, scaleDays, submittedEmergency, until } from "../support/clock.js";

// A day of the call's settings lasts 400 ms: reminder 2 s, escalation 4 s, decision date 5.6 s after submission.
const DAY = 400;
scaleDays(DAY);
const coordinator = "coordinator@amparo.local";

const executionsOf = (runner: LocalRunner, id: string) =>
  [...runner.executions].filter(([name]) => name.startsWith(`${id}-`)).map(([name, run]) => [name, run.status]);

describe("the local decision clock across restarts and reconcilers", () => {
  it("comes back after the runtime stops mid-deadline, sending nothing twice and losing nothing", async () => {
    const email = uniqueEmail();
    const first = await startDecisionClock();
    const app = await submittedEmergency(email);
    const name = DecisionClock.executionName(app.id, 1);
    try {
      await eventually(async () => (await Application.fromID(app.id))!.remindedAt);
    } finally {
      await first.stop();
    }
    // Down while the escalation falls due: nothing runs the clock.
    await until(app.escalationAt!, DAY);
    expect((await Application.fromID(app.id))!.escalatedAt).toBeUndefined();

    // A new runtime knows no executions; its reconciler starts the clock again from the stored times.
    const second = await startDecisionClock();
    try {
      expect(executionsOf(second.runner, app.id)).toEqual([[name, "RUNNING"]]);
      await second.runner.executions.get(name)!.ended;
    } finally {
      await second.stop();
    }
    const after = (await Application.fromID(app.id))!;
    expect(after.overdueAt).toBeDefined();
    expect(await received(email, after, "es")).toEqual(["acknowledgement_or_update", "late_applicant"]);
    expect(await received(coordinator, after, "en")).toEqual(["reminder", "escalation", "overdue_staff"]);
  });

  it("starts one execution when two reconcilers run at once, for a clock never started and for one that ended", async () => {
    // Submitted while no clock runs here (as when a start fails after the submission was saved).
    DecisionClock.Executions.use(undefined);
    const app = await submittedEmergency(uniqueEmail());
    // Slow to answer, so that both reconcilers have looked before either acts: the worst interleaving.
    const runner = new (class extends LocalRunner {
      override async describe(name: string) {
        const found = await super.describe(name);
        await sleep(200);
        return found;
      }
    })();
    DecisionClock.Executions.use(runner);
    try {
      const both = await Promise.all([DecisionClock.reconcile(), DecisionClock.reconcile()]);
      expect(both.map((result) => result.started).sort()).toEqual([0, 1]);
      expect(executionsOf(runner, app.id)).toEqual([[`${app.id}-1`, "RUNNING"]]);

      // The execution ends while something is still due (aborted, as a crash would): a new generation, once.
      await runner.stop(`${app.id}-1`);
      const again = await Promise.all([DecisionClock.reconcile(), DecisionClock.reconcile()]);
      expect(again.map((result) => result.started).sort()).toEqual([0, 1]);
      expect(executionsOf(runner, app.id)).toEqual([
        [`${app.id}-1`, "ABORTED"],
        [`${app.id}-2`, "RUNNING"],
      ]);
      expect((await Application.fromID(app.id))!.clockGeneration).toBe(2);

      // The new clock reminds once, like any other.
      await eventually(async () => (await Application.fromID(app.id))!.remindedAt);
      expect((await Audit.list({ application: app.id })).filter((event) => event.type === "reminded")).toHaveLength(1);
      // Withdrawn, it needs no clock any more (and the next test's reconciler leaves it alone).
      await Stage.withdraw((await Application.fromID(app.id))!);
    } finally {
      DecisionClock.Executions.use(undefined);
      await runner.close();
    }
  });

  it("retries a failing step, then records the failure, and the reconciler starts the clock again", async () => {
    let failures = 6;
    class SesUnavailable extends Error {
      override readonly name = "SesUnavailable";
    }
    const decisionClock = await startDecisionClock({
      reconcile: false,
      retryMs: 10,
      handlers: {
        remind: async (input) => {
          if (failures-- > 0) throw new SesUnavailable("the stand-in refused");
          return (await import("@amparo/functions/decision-clock/remind")).handler(input);
        },
      },
    });
    try {
      const app = await submittedEmergency(uniqueEmail());
      const first = `${app.id}-1`;
      await decisionClock.runner.executions.get(first)!.ended;
      // Handled: the execution ends without an unhandled failure, and the failure is on the record.
      expect(decisionClock.runner.executions.get(first)!.status).toBe("SUCCEEDED");
      const failed = (await Audit.list({ application: app.id })).filter((event) => event.type === "clock_failed");
      expect(failed).toEqual([expect.objectContaining({ actor: "system", step: "remind", error: "SesUnavailable" })]);
      expect((await Application.fromID(app.id))!.remindedAt).toBeUndefined();

      // Four tries (one and three retries) failed; the next clock's reminder goes through, once.
      expect(failures).toBe(2);
      failures = 0;
      expect((await DecisionClock.reconcile()).started).toBe(1);
      await eventually(async () => (await Application.fromID(app.id))!.remindedAt);
      expect(executionsOf(decisionClock.runner, app.id)).toEqual([
        [first, "SUCCEEDED"],
        [`${app.id}-2`, "RUNNING"],
      ]);
    } finally {
      await decisionClock.stop();
    }
  });
});
