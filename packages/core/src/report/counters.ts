import { createHash, randomInt } from "node:crypto";
import * as Call from "../call/index.js";
import * as Clock from "../clock/index.js";
import * as Dynamo from "../dynamo/index.js";
import { Stage, type Decision } from "../stage/stages.js";
import type { Figures, MonthFigures } from "./schema.js";

/**
 * The one vocabulary of report counters, and the only code that writes or reads them. Counters are anonymous
 * numbers kept per call and calendar month of submission (`YYYY-MM`, UTC): an application is counted in the
 * month it was first submitted, and every later move of it changes that month's counters, so a year's figures
 * are always about the applications submitted in that year. Quiz attempts, which are no application, are
 * counted in the month of the attempt. Reports read these items (a bounded number per call and year), never
 * applications, so their cost does not grow with the number of applications.
 *
 * They are written only by `stage` (a move's plan names its changes, `commit` writes them in the move's
 * transaction) and by the eligibility check (`Eligibility.count`).
 */

/** The counters' names, each built here so writers and readers cannot drift apart. */
export const Counter = {
  /** Applications now in a stage: a move takes one out of the stage it leaves and into the one it enters. */
  stage: (stage: Stage) => `stage:${stage}`,
  /** First submissions. */
  submitted: "submitted",
  decided: (outcome: Decision) => `decided:${outcome}`,
  /** Decisions made by the application's `decisionDueAt`. */
  decidedWithinDeadline: "decidedWithinDeadline",
  /** Applications the decision clock marked overdue. */
  overdue: "overdue",
  /** Decisions made this many whole days (of the decision clock) after the first submission. */
  daysToDecision: (days: number) => `days:${days}`,
  /** Sum of the amounts requested at first submission, in a currency. */
  requested: (currency: string) => `requested:${currency}`,
  /** Sum of the amounts granted, in a currency. */
  approved: (currency: string) => `approved:${currency}`,
  /** First submissions by the applicant's country (the answer to the quiz question `country`). */
  country: (code: string) => `country:${code}`,
  /** First submissions naming a target group (the quiz question `target-groups`; one may name several). */
  targetGroup: (group: string) => `group:${group}`,
  quizAttempts: "quiz:attempts",
  quizEligible: "quiz:eligible",
  quizIneligible: "quiz:ineligible",
  /** Quiz attempts that failed a rule. */
  quizRule: (ruleId: string) => `quiz:rule:${ruleId}`,
} as const;

/**
 * The eligibility questions whose answers the breakdowns count. Calls are data: a call that asks neither
 * simply has no breakdowns.
 */
export const breakdownQuestions = { country: "country", targetGroups: "target-groups" } as const;

/** A change to one month's counters of the application's call. */
export interface Change {
  /** The month of the application's first submission, `YYYY-MM`. */
  month: string;
  add: Record<string, number>;
}

/** The calendar month (UTC) of an ISO 8601 time: `2026-11-10T12:00:00.000Z` is `2026-11`. */
export function monthOf(at: string): string {
  return new Date(at).toISOString().slice(0, 7);
}

/** The breakdown counters of a first submission, from its (checked) eligibility answers. */
export function breakdowns(answers: Record<string, unknown>): Record<string, number> {
  const add: Record<string, number> = {};
  const country = answers[breakdownQuestions.country];
  if (typeof country === "string" && country !== "") add[Counter.country(country)] = 1;
  const groups = answers[breakdownQuestions.targetGroups];
  if (Array.isArray(groups)) {
    for (const group of new Set(groups)) if (typeof group === "string") add[Counter.targetGroup(group)] = 1;
  }
  return add;
}

/** Which of a month's counter shards the changes caused by one application go to: the same one every time. */
export function shardOf(applicationId: string): number {
  return createHash("sha256").update(applicationId).digest()[0]! % Dynamo.counterShards;
}

/**
 * The Update of the counters `change` names, for the caller to add to the same transaction as the move that
 * causes it. Every application of a call changes them, so each month's are spread over a few shards (summed on
 * read) and a surge of submissions does not queue on one item.
 */
export function update(callId: string, applicationId: string, change: Change) {
  return Dynamo.tx.update(Dynamo.Key.reportCounters(callId, change.month, shardOf(applicationId)), {
    set: { month: change.month },
    add: change.add,
  });
}

/**
 * Counts a quiz attempt in the month it was made: whether it was eligible, and each rule it failed. Nothing
 * about the person: no answers, no finer time, no identifier; so the shard is picked at random.
 */
export async function countAttempt(
  callId: string,
  result: { eligible: boolean; failures: readonly { ruleId: string }[] },
  now = Clock.now(),
): Promise<void> {
  const month = monthOf(now.toISOString());
  const add: Record<string, number> = {
    [Counter.quizAttempts]: 1,
    [result.eligible ? Counter.quizEligible : Counter.quizIneligible]: 1,
  };
  for (const failure of result.failures) add[Counter.quizRule(failure.ruleId)] = 1;
  await Dynamo.update(Dynamo.Key.quizCounters(callId, month, randomInt(Dynamo.counterShards)), {
    set: { month },
    add,
  });
}

/**
 * Every counter of a call for one calendar year, by month (`YYYY-MM`), summed over shards: one Query of at
 * most 12 months x 2 kinds x `counterShards` items, whatever the number of applications.
 */
export async function byMonth(callId: string, year: number): Promise<Map<string, Record<string, number>>> {
  const months = new Map<string, Record<string, number>>();
  for (const item of await Dynamo.queryCollection(Dynamo.Collection.reportCounters(callId, year))) {
    const month = item["month"];
    if (typeof month !== "string") continue;
    const totals = months.get(month) ?? {};
    for (const [name, value] of Object.entries(Dynamo.withoutKeys(item))) {
      if (typeof value === "number") totals[name] = (totals[name] ?? 0) + value;
    }
    months.set(month, totals);
  }
  return months;
}

/** Every counter of a call for one calendar year, summed over months and shards. */
export async function counters(callId: string, year: number): Promise<Record<string, number>> {
  const totals: Record<string, number> = {};
  for (const month of (await byMonth(callId, year)).values()) add(totals, month);
  return totals;
}

function add(totals: Record<string, number>, more: Record<string, number>) {
  for (const [name, value] of Object.entries(more)) totals[name] = (totals[name] ?? 0) + value;
}

/** The counters whose names start with `prefix`, under the rest of their name; zeros left out. */
function withPrefix(totals: Record<string, number>, prefix: string): Record<string, number> {
  const found: Record<string, number> = {};
  for (const [name, value] of Object.entries(totals)) {
    if (name.startsWith(prefix) && value !== 0) found[name.slice(prefix.length)] = value;
  }
  return found;
}

export interface FiguresOptions {
  /**
   * The last month (`YYYY-MM`) whose submissions the breakdowns count: the current year's breakdowns stop at
   * the last full month. Without it, every month of the year counts.
   */
  breakdownsThrough?: string;
}

/**
 * The raw, unsuppressed figures of one call for the applications submitted (and the quiz attempts made) in one
 * calendar year, from its counters alone. `months` lists all twelve months of the year; records leave zeros
 * out. Amounts are in the call's currency (the counters keep one sum per currency; if a call's currency was
 * changed, only the current one's sums are given). An unknown call is a `NotFoundError`.
 */
export async function figures(callId: string, year: number, options: FiguresOptions = {}): Promise<Figures> {
  const months = await byMonth(callId, year);
  const totals: Record<string, number> = {};
  const shownBreakdowns: Record<string, number> = {};
  for (const [month, values] of months) {
    add(totals, values);
    if (!options.breakdownsThrough || month <= options.breakdownsThrough) add(shownBreakdowns, values);
  }
  const requested = withPrefix(totals, "requested:");
  const approved = withPrefix(totals, "approved:");
  const currencies = new Set([...Object.keys(requested), ...Object.keys(approved)]);
  const currency = currencies.size === 1 ? [...currencies][0]! : (await Call.get(callId)).funding.currency;
  const count = (values: Record<string, number> | undefined, name: string) => values?.[name] ?? 0;

  const stages: Figures["stages"] = {};
  for (const stage of Stage.options) {
    const value = count(totals, Counter.stage(stage));
    if (value !== 0) stages[stage] = value;
  }
  return {
    callId,
    year,
    stages,
    months: Array.from({ length: 12 }, (_, index): MonthFigures => {
      const month = `${year}-${String(index + 1).padStart(2, "0")}`;
      const values = months.get(month);
      return {
        month,
        submitted: count(values, Counter.submitted),
        decided: count(values, Counter.decided("approved")) + count(values, Counter.decided("declined")),
        decidedWithinDeadline: count(values, Counter.decidedWithinDeadline),
        overdue: count(values, Counter.overdue),
      };
    }),
    decisions: {
      approved: count(totals, Counter.decided("approved")),
      declined: count(totals, Counter.decided("declined")),
    },
    decidedWithinDeadline: count(totals, Counter.decidedWithinDeadline),
    overdue: count(totals, Counter.overdue),
    daysToDecision: withPrefix(totals, "days:"),
    amounts: { requested: requested[currency] ?? 0, approved: approved[currency] ?? 0, currency },
    ineligibleByRule: withPrefix(totals, "quiz:rule:"),
    breakdowns: {
      country: withPrefix(shownBreakdowns, "country:"),
      targetGroup: withPrefix(shownBreakdowns, "group:"),
    },
  };
}
