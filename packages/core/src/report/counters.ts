import { createHash, randomInt } from "node:crypto";
import * as Clock from "../clock/index.js";
import * as Dynamo from "../dynamo/index.js";
import type { Decision } from "../stage/stages.js";

// The one vocabulary of report counters, and the only code that reads or writes them: anonymous numbers per call and
// calendar month (UTC) of the event counted, written only by `stage` and the eligibility check (`Eligibility.count`).
// Why counted by the event's month, and read only through snapshots: docs/decisions/report-snapshots.md

/** The counters' names, each built here so writers and readers cannot drift apart. */
export const Counter = {
  /** First submissions. */
  submitted: "submitted",
  decided: (outcome: Decision) => `decided:${outcome}`,
  /** Decisions made by the application's `decisionDueAt`. */
  decidedWithinDeadline: "decidedWithinDeadline",
  /** Applications the decision clock marked overdue. */
  overdue: "overdue",
  /** Decisions made this many whole days (of the decision clock) after the submission they answer. */
  daysToDecision: (days: number) => `days:${days}`,
  /** Sum of the amounts requested at first submission, in a currency. */
  requested: (currency: string) => `requested:${currency}`,
  /** How many first submissions the requested sum in a currency adds up (a sum needs 5 to be shown). */
  requestedBy: (currency: string) => `requestedBy:${currency}`,
  /** Sum of the amounts granted, in a currency, in the month of the approval. */
  approved: (currency: string) => `approved:${currency}`,
  /** How many approvals the approved sum in a currency adds up. */
  approvedBy: (currency: string) => `approvedBy:${currency}`,
  /** Sum of the amounts granted, in a currency, in the month their agreement was accepted or recorded. */
  agreed: (currency: string) => `agreed:${currency}`,
  /** How many agreements the agreed sum in a currency adds up. */
  agreedBy: (currency: string) => `agreedBy:${currency}`,
  /** Sum of the payments recorded in the month, in a currency. */
  paid: (currency: string) => `paid:${currency}`,
  /** How many grants the month's paid sum adds up (a grant paid twice in a month counts once). */
  paidBy: (currency: string) => `paidBy:${currency}`,
  /** Grants that became active (their first payment was recorded) in the month. */
  activated: "activated",
  /**
   * Grants' reports whose due date came in the month, and of them those received by it and those not: each
   * report counted once, when its due date passes (the report clock's due step), so the three add up.
   */
  reportsDue: "reports:due",
  reportsOnTime: "reports:onTime",
  reportsLate: "reports:late",
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
  /** The month the move happens in, `YYYY-MM`. */
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

/**
 * One month's counters of a call (its application counters, not the quiz's), summed over shards: at most
 * `counterShards` items, whatever the number of applications. Read once, when the month's snapshot is made.
 */
export async function ofMonth(callId: string, month: string): Promise<Record<string, number>> {
  const totals: Record<string, number> = {};
  const items = await Dynamo.getMany(
    Array.from({ length: Dynamo.counterShards }, (_, shard) => Dynamo.Key.reportCounters(callId, month, shard)),
  );
  for (const item of items) {
    for (const [name, value] of Object.entries(Dynamo.withoutKeys(item))) {
      if (typeof value === "number") totals[name] = (totals[name] ?? 0) + value;
    }
  }
  return totals;
}

/** The counters whose names start with `prefix`, under the rest of their name. */
export function withPrefix(totals: Record<string, number>, prefix: string): Record<string, number> {
  const found: Record<string, number> = {};
  for (const [name, value] of Object.entries(totals)) {
    if (name.startsWith(prefix)) found[name.slice(prefix.length)] = value;
  }
  return found;
}
