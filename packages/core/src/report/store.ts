import * as Call from "../call/index.js";
import * as Clock from "../clock/index.js";
import * as Country from "../country/index.js";
import * as Dynamo from "../dynamo/index.js";
import { breakdownQuestions, ofMonth } from "./counters.js";
import { MonthReport, QuarterReport } from "./schema.js";
import {
  boundsOf,
  due,
  monthSnapshot,
  monthsOf,
  monthsOfQuarter,
  quarterSnapshot,
  quartersOf,
  type Categories,
} from "./snapshot.js";

/**
 * The frozen snapshots of a call's closed periods: made once, by a scheduled job (`snapshotDue`), at least a day
 * after the period ends, from its counters, with a conditional put that only the first writer wins; never
 * changed. Reads (`stored`) only serve them and never compute anything, so the report's function needs no write
 * permission, and two reads of the same period, at any two times, are identical. A period whose snapshot is not
 * made yet shows nothing.
 */

type Period = { period: string; kind: "month" | "quarter"; figures: unknown };

/**
 * Where snapshots, counters and call versions are read and written: DynamoDB, through core's helpers. A
 * parameter so that the report's property test can replay thousands of histories in memory through the same
 * code; everything else uses `dynamoStore`.
 */
export interface SnapshotStore {
  /** The stored snapshots of one call and year. */
  snapshots(callId: string, year: number): Promise<Record<string, unknown>[]>;
  /** Stores a snapshot only if none is stored for its period; whether it did. */
  putIfNew(callId: string, item: Record<string, unknown>): Promise<boolean>;
  /** The stored snapshot of one period (read after losing the race to store it). */
  snapshot(callId: string, period: string): Promise<Record<string, unknown> | undefined>;
  /** One month's counters of a call, summed over shards. */
  counters(callId: string, month: string): Promise<Record<string, number>>;
  /** Every saved version of a call, oldest first. */
  versions(callId: string): Promise<Record<string, unknown>[]>;
}

export const dynamoStore: SnapshotStore = {
  snapshots: (callId, year) => Dynamo.queryCollection(Dynamo.Collection.reportSnapshots(callId, year)),
  putIfNew: (callId, item) =>
    Dynamo.putIfNew({ ...item, ...Dynamo.Key.reportSnapshot(callId, String(item["period"])) }),
  snapshot: (callId, period) => Dynamo.get(Dynamo.Key.reportSnapshot(callId, period), { consistent: true }),
  counters: ofMonth,
  versions: (callId) => Dynamo.queryCollection(Dynamo.Collection.callVersions(callId)),
};

const Stored = {
  month: (item: Record<string, unknown>) => MonthReport.parse(item["figures"]),
  quarter: (item: Record<string, unknown>) => QuarterReport.parse(item["figures"]),
};

/** One saved version of the call, with when it became current. */
interface Version {
  config: Call.Info;
  savedAt: string;
}

async function versionsOf(store: SnapshotStore, call: Call.Stored): Promise<Version[]> {
  const items = await store.versions(call.id);
  const versions = items.flatMap((item) => {
    const parsed = Call.Info.safeParse(item["config"]);
    return parsed.success && typeof item["savedAt"] === "string"
      ? [{ config: parsed.data, savedAt: item["savedAt"] }]
      : [];
  });
  // A call saved before versions existed: its one configuration, live since always.
  return versions.length > 0 ? versions : [{ config: call, savedAt: "" }];
}

/** The versions live at some time during [start, end): each is live from its save until the next one's. */
function liveDuring(versions: Version[], start: Date, end: Date): Version[] {
  const from = start.toISOString();
  const to = end.toISOString();
  return versions.filter((version, index) => version.savedAt < to && (versions[index + 1]?.savedAt ?? "9999") > from);
}

/**
 * Every country and target group any version live during the period accepted: the country question's list
 * (every country when it has none), less what its eligibility rules refuse; the target-group question's
 * options. A question counts as required only if every one of those versions required it.
 */
export function categoriesOf(configs: Call.Info[]): Categories {
  const countries = new Set<string>();
  const groups = new Set<string>();
  let countryRequired = configs.length > 0;
  let groupRequired = configs.length > 0;
  let asksCountry = false;
  let asksGroups = false;
  for (const config of configs) {
    const question = (id: string) => config.eligibility.questions.find((candidate) => candidate.id === id);
    const rules = (id: string) => config.eligibility.rules.filter((rule) => rule.questionId === id);
    const country = question(breakdownQuestions.country);
    if (country) {
      asksCountry = true;
      let accepted = country.countries ?? (country.type === "country" ? Country.codes : []);
      if (country.options) accepted = country.options.map((option) => option.value);
      for (const rule of rules(country.id)) {
        if (rule.test === "in") accepted = accepted.filter((code) => rule.values.includes(code));
        if (rule.test === "not_in") accepted = accepted.filter((code) => !rule.values.includes(code));
      }
      for (const code of accepted) countries.add(code);
      countryRequired &&= country.required;
    } else countryRequired = false;
    const group = question(breakdownQuestions.targetGroups);
    if (group) {
      asksGroups = true;
      for (const option of group.options ?? []) groups.add(option.value);
      groupRequired &&= group.required;
    } else groupRequired = false;
  }
  return {
    country: { values: asksCountry ? [...countries].sort() : [], required: countryRequired },
    targetGroup: { values: asksGroups ? [...groups].sort() : [], required: groupRequired },
  };
}

/** Stores a period's snapshot unless one is there; either way answers the one that is stored. */
async function keep(store: SnapshotStore, callId: string, snapshot: Period): Promise<Record<string, unknown>> {
  const item = { ...snapshot, madeAt: Clock.iso() };
  if (await store.putIfNew(callId, item)) return item;
  const stored = await store.snapshot(callId, snapshot.period);
  if (!stored) throw new Error("a report snapshot vanished after its conditional put failed");
  return stored;
}

/**
 * Makes the missing snapshots of one call's due periods of `year` (months, then quarters: a quarter is
 * protected against its months as published). Years before the call's first version get none. Answers how
 * many it made.
 */
export async function make(call: Call.Stored, year: number, now = Clock.now(), store = dynamoStore): Promise<number> {
  const stored = new Map<string, Record<string, unknown>>();
  for (const item of await store.snapshots(call.id, year)) {
    if (typeof item["period"] === "string") stored.set(item["period"], item);
  }
  const dueMonths = monthsOf(year).filter((month) => due(month, now));
  const dueQuarters = quartersOf(year).filter((quarter) => due(quarter, now));
  if ([...dueMonths, ...dueQuarters].every((period) => stored.has(period))) return 0;

  const versions = await versionsOf(store, call);
  // Years before the call's first save get nothing: nothing could happen in them.
  if (versions[0]!.savedAt.slice(0, 4) > String(year)) return 0;
  let made = 0;
  for (const month of dueMonths) {
    if (stored.has(month)) continue;
    const figures = monthSnapshot(month, await store.counters(call.id, month), call.funding.currency);
    stored.set(month, await keep(store, call.id, { period: month, kind: "month", figures }));
    made++;
  }
  for (const quarter of dueQuarters) {
    if (stored.has(quarter)) continue;
    const months = monthsOfQuarter(quarter);
    const raw = await Promise.all(months.map((month) => store.counters(call.id, month)));
    // What readers are shown of the quarter's months, which the breakdowns must not contradict.
    const submitted = months.map((month) => Stored.month(stored.get(month)!).submitted);
    const { start, end } = boundsOf(quarter);
    const categories = categoriesOf(liveDuring(versions, start, end).map((version) => version.config));
    const figures = quarterSnapshot(quarter, raw, submitted, categories);
    stored.set(quarter, await keep(store, call.id, { period: quarter, kind: "quarter", figures }));
    made++;
  }
  return made;
}

/**
 * What a reader is served of one call's `year`: its stored snapshots, months then quarters in order, each only
 * once due (a snapshot is never made earlier). One Query of at most 16 items, whatever the number of
 * applications; nothing is computed.
 */
export async function stored(
  callId: string,
  year: number,
  now = Clock.now(),
  store = dynamoStore,
): Promise<{ months: MonthReport[]; quarters: QuarterReport[] }> {
  const found = new Map<string, Record<string, unknown>>();
  for (const item of await store.snapshots(callId, year)) {
    if (typeof item["period"] === "string" && due(item["period"], now)) found.set(item["period"], item);
  }
  return {
    months: monthsOf(year).flatMap((month) => (found.has(month) ? [Stored.month(found.get(month)!)] : [])),
    quarters: quartersOf(year).flatMap((quarter) => (found.has(quarter) ? [Stored.quarter(found.get(quarter)!)] : [])),
  };
}

/**
 * Makes every call's missing snapshots of the periods that became due (this year's and, in its first days, last
 * year's): what the schedule runs (hourly in AWS, at start and every hour locally). Idempotent: a snapshot that
 * exists is never made again. Answers how many it made.
 */
export async function snapshotDue(now = Clock.now(), store = dynamoStore): Promise<number> {
  let made = 0;
  for (const call of await Call.list(now)) {
    const current = await Call.get(call.id);
    for (const year of [now.getUTCFullYear() - 1, now.getUTCFullYear()]) made += await make(current, year, now, store);
  }
  return made;
}
