import * as Application from "../application/index.js";
import * as Call from "../call/index.js";
import * as Clock from "../clock/index.js";
import * as Dynamo from "../dynamo/index.js";
import { logger } from "../log/index.js";
import { runningGrantStages } from "../stage/stages.js";
import { parseStored } from "../util/stored.js";
import * as Executions from "./executions.js";
import { order } from "./steps.js";
import { executionName, reportClockHorizonDays, runs } from "./times.js";

// The reconciler: keeps one clock running for every application that needs one, and for every report of a running
// grant due within eleven months, whatever stopped it (or kept it from starting).

/** Whether an application needs its clock running: waiting for a decision, not paused, something still due. */
function needsClock(item: Application.StoredItem, call: Call.Info): boolean {
  return (
    item.submittedAt !== undefined &&
    runs(item.stage, call.kind) &&
    !item.pausedAt &&
    order.some(({ at, mark }) => item[at] !== undefined && item[mark as keyof Application.StoredItem] === undefined)
  );
}

/**
 * Makes sure one application's clock runs. Its execution is running: nothing. It never started (a start that
 * failed after the submission, or the local runtime restarted): started under the same name, so two of these
 * at once start one. It ended while something is still due (a failure, an abort): a new generation, claimed
 * with a conditional write so that of two reconcilers one starts it. @returns whether it started one.
 */
async function ensureRunning(item: Application.StoredItem): Promise<boolean> {
  const generation = item.clockGeneration ?? 0;
  if (generation > 0) {
    const name = executionName(item.id, generation);
    const found = await Executions.describe(name);
    if (found?.status === "RUNNING") return false;
    if (!found) return (await Executions.start(name, { applicationId: item.id, generation })) === "started";
  }
  const next = generation + 1;
  try {
    await Dynamo.update(
      Dynamo.Key.application(item.id),
      { set: { clockGeneration: next } },
      Dynamo.when.all(
        Dynamo.when.equals("version", item.version),
        generation > 0 ? Dynamo.when.equals("clockGeneration", generation) : Dynamo.when.missing("clockGeneration"),
      ),
    );
  } catch (error) {
    if (Dynamo.isConditionFailure(error)) return false; // changed meanwhile: another reconciler, or a move
    throw error;
  }
  logger.info("decision clock restarted", { generation: next });
  return (
    (await Executions.start(executionName(item.id, next), { applicationId: item.id, generation: next })) === "started"
  );
}

/**
 * The reports of a running grant whose clocks should run: not counted yet, and started already or due within
 * eleven months (`reportClockHorizonDays`).
 */
function reportsNeedingClocks(item: Application.StoredItem, call: Call.Info, now: Date) {
  if (!runningGrantStages.includes(item.stage)) return [];
  const horizon = reportClockHorizonDays * Clock.dayMs();
  return Object.entries(Application.reportStates(item, call)).filter(
    ([, state]) => !state.countedAt && (state.clockGeneration || Date.parse(state.dueAt) - now.getTime() < horizon),
  );
}

/**
 * Makes sure one report's clock runs, as `ensureRunning` does a decision's: a new generation is claimed by
 * writing the grant's reports (all of them, as every report move does) on condition of the version read, which
 * it moves on, so two reconcilers, or a reconciler and a move, never both claim.
 */
async function ensureReportRunning(item: Application.StoredItem, call: Call.Info, reportId: string): Promise<boolean> {
  const states = Application.reportStates(item, call);
  const generation = states[reportId]!.clockGeneration ?? 0;
  if (generation > 0) {
    const name = executionName(item.id, generation, reportId);
    const found = await Executions.describe(name);
    if (found?.status === "RUNNING") return false;
    if (!found) return (await Executions.start(name, { applicationId: item.id, generation, reportId })) === "started";
  }
  const next = generation + 1;
  try {
    await Dynamo.update(
      Dynamo.Key.application(item.id),
      {
        set: {
          reports: { ...states, [reportId]: { ...states[reportId], clockGeneration: next } },
          version: item.version + 1,
        },
      },
      Dynamo.when.equals("version", item.version),
    );
  } catch (error) {
    if (Dynamo.isConditionFailure(error)) return false;
    throw error;
  }
  logger.info("report clock started", { generation: next });
  const name = executionName(item.id, next, reportId);
  return (await Executions.start(name, { applicationId: item.id, generation: next, reportId })) === "started";
}

/**
 * Finds the submitted, undecided applications whose clock is not running, and starts it. Safe to run at any
 * time and concurrently with itself (one execution per name). Runs on a schedule in AWS; locally at start and
 * every (scaled) minute. @returns how many applications need a clock, and how many clocks it started.
 */
export async function reconcile(now = Clock.now()): Promise<{ checked: number; started: number }> {
  if (!Executions.engine()) return { checked: 0, started: 0 };
  let checked = 0;
  let started = 0;
  for (const call of await Call.list()) {
    for (const raw of await Dynamo.queryIndex(Dynamo.IndexPartition.callApplications(call.id))) {
      const item = parseStored(Application.StoredItem, raw, "application");
      const reports = reportsNeedingClocks(item, call, now);
      if (!needsClock(item, call) && reports.length === 0) continue;
      checked++;
      try {
        if (needsClock(item, call) && (await ensureRunning(item))) started++;
        // One claim per item and run: a claim moves the version, so the next report waits for the next run.
        for (const [reportId] of reports) {
          if (await ensureReportRunning(item, call, reportId)) {
            started++;
            break;
          }
        }
      } catch (error) {
        // One application's trouble must not keep the others' clocks from starting; the next run tries again.
        logger.error("decision clock not reconciled", { error: error instanceof Error ? error.name : "Error" });
      }
    }
  }
  return { checked, started };
}
