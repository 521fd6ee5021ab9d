import type * as Call from "../call/index.js";
import * as Clock from "../clock/index.js";
import { awaitingDecisionStages, type Stage } from "../stage/stages.js";

/**
 * The decision clock's arithmetic, pure: when an application is to be reminded, escalated and decided, how
 * those times move when the clock is paused, and the name of the clock's execution. The state machine and
 * its steps are beside it; the moves the clock makes are planned in `stage/plan-clock.ts`.
 */

/** The clock's three times, as stored on the application (ISO 8601, UTC). */
export interface Times {
  reminderAt: string;
  escalationAt: string;
  decisionDueAt: string;
}

const later = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

/** The times of a clock started at `from`, from the call's `reminderDays`, `escalationDays` and `decisionDays`. */
export function timesFrom(
  call: Pick<Call.Info, "reminderDays" | "escalationDays" | "decisionDays">,
  from: string,
  day = Clock.dayMs(),
): Times {
  return {
    reminderAt: later(from, call.reminderDays * day),
    escalationAt: later(from, call.escalationDays * day),
    decisionDueAt: later(from, call.decisionDays * day),
  };
}

/** The same times, `ms` later: time spent waiting on the applicant does not count against the fund. */
export function shifted(times: Times, ms: number): Times {
  return {
    reminderAt: later(times.reminderAt, ms),
    escalationAt: later(times.escalationAt, ms),
    decisionDueAt: later(times.decisionDueAt, ms),
  };
}

/**
 * Whether the clock runs for an application in `stage` of a call of `kind`: while it waits for a decision,
 * except that in a grant call shortlisting ends the concept-note clock (the full application is another step).
 * Waiting on the applicant (`more_info`) is not waiting for a decision: the clock is paused.
 */
export function runs(stage: Stage, kind: Call.Kind): boolean {
  return awaitingDecisionStages.includes(stage) && !(kind === "grant" && stage === "shortlisted");
}

/**
 * The name of a clock's execution: one per application (and report) and generation, so starting the same clock
 * twice is harmless (Step Functions keeps one execution per name), and a restarted clock, or a report's clock
 * after its due date was extended, gets a fresh name.
 */
export const executionName = (applicationId: string, generation: number, reportId?: string) =>
  reportId ? `${applicationId}-report-${reportId}-${generation}` : `${applicationId}-${generation}`;

/**
 * How far ahead a report's clock may start: eleven months, so no execution outlives Step Functions' one-year
 * limit. A report due later gets its clock when the one before it ends, or from the reconciler.
 */
export const reportClockHorizonDays = 334;
