import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import type * as Application from "../application/index.js";
import * as Call from "../call/index.js";
import { digitalEmergency } from "../seed/calls.js";
import { allowedMoves, plan, type Actor, type Move } from "../stage/plan.js";
import { Counter } from "./counters.js";
import type { Cell, MonthReport, QuarterReport } from "./schema.js";
import { boundsOf, due, monthsOfQuarter } from "./snapshot.js";
import { make, stored as served, type SnapshotStore } from "./store.js";

/**
 * The report cannot be differenced: random histories of submissions, decisions, agreements, payments, overdue
 * marks, grants' reports falling due, call edits and reads at random times (period boundaries included), through
 * the real `plan` (the counters each move writes) and the real snapshot code, with an in-memory store that keeps
 * a conditional put's meaning. Every read is checked against the truth and against every earlier read.
 */

const dayMs = 24 * 60 * 60 * 1000;
const countries = ["GT", "MX", "CO", "HN", "PE"];
/** The seed's target groups (the test call lists the same). */
const groups = ["women", "lgbtqia", "land-environment", "indigenous", "journalists"];
const coordinator: Actor = { kind: "coordinator", userId: "u-1" };
const applicant: Actor = { kind: "applicant" };
const system: Actor = { kind: "system" };

/** The emergency fund with a country list and required target groups, so both breakdown relations are tried. */
function callWith(accepted: string[]): Call.Info {
  const base = Call.Info.parse(digitalEmergency);
  return {
    ...base,
    id: "property-fund",
    eligibility: {
      ...base.eligibility,
      questions: base.eligibility.questions.map((question) =>
        question.id === "country"
          ? { ...question, countries: accepted }
          : question.id === "target-groups"
            ? { ...question, required: true }
            : question,
      ),
    },
  };
}

const start = Date.UTC(2026, 0, 1);
const span = Date.UTC(2026, 8, 1) - start;
/** Month starts and the instants a day after them (when the month before becomes due), and a millisecond around. */
const boundaries = Array.from({ length: 9 }, (_, month) => Date.UTC(2026, month, 1)).flatMap((at) =>
  [at, at + dayMs].flatMap((edge) => [edge - 1, edge, edge + 1]),
);
const instant = fc.oneof(
  fc.integer({ min: 0, max: span - 1 }).map((offset) => start + offset),
  fc.constantFrom(...boundaries),
);

const Event = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant("submit" as const),
      at: instant,
      country: fc.nat(10),
      groups: fc.uniqueArray(fc.constantFrom(...groups), { minLength: 1, maxLength: 2 }),
      amount: fc.integer({ min: 1, max: 10_000 }),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant("decide" as const),
      at: instant,
      pick: fc.nat(),
      approve: fc.boolean(),
      amount: fc.integer({ min: 1, max: 10_000 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("overdue" as const), at: instant, pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("edit" as const),
      at: instant,
      accepted: fc.uniqueArray(fc.constantFrom(...countries), { minLength: 1, maxLength: 5 }),
    }),
  },
  // After the award: an approved grant's agreement sent and accepted; a payment of an agreed or active grant.
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("agree" as const), at: instant, pick: fc.nat() }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("pay" as const),
      at: instant,
      pick: fc.nat(),
      amount: fc.integer({ min: 1, max: 10_000 }),
      final: fc.boolean(),
    }),
  },
  // A grant's report whose due date passes, received by then or not: counted once, as its due step counts it.
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant("reportDue" as const), at: instant, onTime: fc.boolean() }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("read" as const), at: instant }) },
  // The schedule that makes the due snapshots, run at random times too (a read before it shows less, never other).
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("sweep" as const), at: instant }) },
);

type Event = typeof Event extends fc.Arbitrary<infer T> ? T : never;

/** Checks everything a reader sees; keeps the smallest number of contributors of any shown sum or median. */
const figures = {
  histories: 0,
  reads: 0,
  shownCells: 0,
  hiddenCells: 0,
  withheld: 0,
  minContributors: Infinity,
  /** Agreed and paid sums shown: the histories reach them, not only their withheld side. */
  awardSums: 0,
  /** Reports on time or late shown as a number, and as `<5`: both sides of their protection are reached. */
  reportsShown: 0,
  reportsHidden: 0,
};

/** What a cell says about the true count (independent of the code under test). */
function range(cell: Cell): [number, number] {
  if (cell === "<5") return [0, 4];
  if (cell === "withheld") return [0, Infinity];
  return [Math.max(5, cell - 2), cell + 2];
}

const thousands = (value: number) => Math.round(value / 1000) * 1000;

const sum = (ranges: [number, number][]): [number, number] => [
  ranges.reduce((total, [lo]) => total + lo, 0),
  ranges.reduce((total, [, hi]) => total + hi, 0),
];
const fits = (...ranges: [number, number][]) =>
  Math.max(...ranges.map(([lo]) => lo)) <= Math.min(...ranges.map(([, hi]) => hi));

/** Whether `cell` being 0 fits a month's published figures (decisions = approvals + declines, within <= decisions). */
function monthAllowsZero(month: MonthReport, field: keyof MonthReport): boolean {
  const decided = range(month.decided);
  const within = range(month.decidedWithinDeadline);
  const floor: [number, number] = [within[0], Infinity];
  if (field === "approved") return fits(decided, range(month.declined), floor);
  if (field === "declined") return fits(decided, range(month.approved), floor);
  if (field === "decided")
    return [month.approved, month.declined, month.decidedWithinDeadline].every((cell) => range(cell)[0] === 0);
  return true;
}

/** Whether a report cell being 0 fits the month's published reports (due = on time + late, exactly). */
function reportsAllowZero(month: MonthReport, field: keyof MonthReport["reports"]): boolean {
  const { due, onTime, late } = month.reports;
  if (field === "onTime") return fits(range(due), range(late));
  if (field === "late") return fits(range(due), range(onTime));
  return range(onTime)[0] === 0 && range(late)[0] === 0;
}

/**
 * Whether a quarter's `<5` cell being 0 fits everything published about the quarter: its months' submissions
 * add up to its total; each submission names one country (the cells add up to it) and at least one group
 * (each group's cell is at most it, their sum at least it).
 */
function quarterAllowsZero(
  quarter: QuarterReport,
  months: MonthReport[],
  zero: { month: number } | { country: string } | { group: string },
): boolean {
  const monthRanges = months.map((month, index) =>
    "month" in zero && zero.month === index ? ([0, 0] as [number, number]) : range(month.submitted),
  );
  const countryRanges = Object.entries(quarter.breakdowns.country).map(([key, cell]) =>
    "country" in zero && zero.country === key ? ([0, 0] as [number, number]) : range(cell),
  );
  const groupRanges = Object.entries(quarter.breakdowns.targetGroup).map(([key, cell]) =>
    "group" in zero && zero.group === key ? ([0, 0] as [number, number]) : range(cell),
  );
  const total = sum(monthRanges);
  const byCountry = sum(countryRanges);
  const byGroup: [number, number] = [Math.max(0, ...groupRanges.map(([lo]) => lo)), sum(groupRanges)[1]];
  return fits(total, byCountry, byGroup);
}

interface Truth {
  submitted: number;
  requestedBy: number;
  approvedBy: number;
  decided: number;
  agreed: number;
  agreedBy: number;
  paid: number;
  /** The grants paid in the month, each once however many payments. */
  paidGrants: Set<number>;
  activated: number;
  reports: { due: number; onTime: number; late: number };
}

const noTruth = (): Truth => ({
  submitted: 0,
  requestedBy: 0,
  approvedBy: 0,
  decided: 0,
  agreed: 0,
  agreedBy: 0,
  paid: 0,
  paidGrants: new Set(),
  activated: 0,
  reports: { due: 0, onTime: 0, late: 0 },
});

async function replay(events: Event[]) {
  figures.histories++;
  const sorted = [...events].sort((a, b) => a.at - b.at);
  // The call: created before everything, edited at random.
  const versions: { config: Call.Info; savedAt: string }[] = [
    { config: callWith(countries.slice(0, 3)), savedAt: new Date(start - dayMs).toISOString() },
  ];
  // The test's own check that every version is a valid call (an invalid one would be skipped by the report).
  for (const version of versions) expect(Call.Info.safeParse(version.config).success).toBe(true);
  const counters = new Map<string, Record<string, number>>();
  const stored = new Map<string, Record<string, unknown>>();
  const truth = new Map<string, Truth>();
  const truthOf = (month: string) => {
    if (!truth.has(month)) truth.set(month, noTruth());
    return truth.get(month)!;
  };
  const store: SnapshotStore = {
    snapshots: async (_, year) => [...stored.values()].filter((item) => String(item["period"]).startsWith(`${year}-`)),
    putIfNew: async (_, item) => {
      if (stored.has(String(item["period"]))) return false;
      stored.set(String(item["period"]), structuredClone(item));
      return true;
    },
    snapshot: async (_, period) => stored.get(period),
    counters: async (_, month) => ({ ...counters.get(month) }),
    versions: async () => versions.map((version) => ({ ...version })),
  };
  const apps: Application.Info[] = [];
  /** What each grant has been paid so far (the ledger, which `plan` is given as `paidSoFar`). */
  const paidSoFar = new Map<number, number>();
  const seen = new Map<string, unknown>();

  const commit = (index: number, move: Move, actor: Actor, at: number) => {
    const app = apps[index]!;
    const call = versions.at(-1)!.config;
    const result = plan({ app, call: { ...call }, actor, move, now: new Date(at), dayMs });
    if (result.counters) {
      const month = counters.get(result.counters.month) ?? {};
      for (const [name, value] of Object.entries(result.counters.add)) month[name] = (month[name] ?? 0) + value;
      counters.set(result.counters.month, month);
    }
    const amount = result.content?.approvedAmount;
    apps[index] = {
      ...app,
      ...(result.update.set as Partial<Application.Info>),
      // The amount granted is sealed with the content; reading the application back gives it with the decision.
      ...(amount !== undefined ? { decision: { outcome: "approved", decidedAt: result.at, amount } } : {}),
      stage: result.to,
      version: result.version,
    };
    return result;
  };

  const sweep = async (at: number) => {
    await make({ ...versions.at(-1)!.config, version: versions.length }, 2026, new Date(at), store);
  };

  const read = async (at: number) => {
    figures.reads++;
    const now = new Date(at);
    const report = await served("property-fund", 2026, now, store);
    for (const month of report.months) {
      // Nothing before it is due; every re-read the same as the first.
      expect(due(month.month, now)).toBe(true);
      if (seen.has(month.month)) expect(month).toEqual(seen.get(month.month));
      seen.set(month.month, month);
      const real = truth.get(month.month) ?? noTruth();
      for (const field of [
        "submitted",
        "decided",
        "approved",
        "declined",
        "decidedWithinDeadline",
        "overdue",
        "grantsActivated",
      ] as const) {
        const cell = month[field];
        if (cell === "<5") {
          figures.hiddenCells++;
          expect(monthAllowsZero(month, field), `${month.month} ${field}`).toBe(true);
        } else if (cell === "withheld") figures.withheld++;
        else figures.shownCells++;
      }
      const shown = (cell: Cell | number, contributors: number) => {
        if (cell === "withheld" || cell === "<5") return;
        figures.minContributors = Math.min(figures.minContributors, contributors);
        expect(contributors).toBeGreaterThanOrEqual(5);
      };
      shown(month.amounts.requested, real.requestedBy);
      shown(month.amounts.approved, real.approvedBy);
      shown(month.medianDaysToDecision, real.decided);
      shown(month.amounts.agreed, real.agreedBy);
      shown(month.amounts.paid, real.paidGrants.size);
      // A shown sum is the true one rounded to 1,000: nothing finer to subtract.
      for (const [cell, total] of [
        [month.amounts.agreed, real.agreed],
        [month.amounts.paid, real.paid],
      ] as const) {
        if (typeof cell !== "number") continue;
        figures.awardSums++;
        expect(cell).toBe(thousands(total));
      }
      for (const field of ["due", "onTime", "late"] as const) {
        const cell = month.reports[field];
        if (cell === "<5") {
          figures.reportsHidden++;
          expect(reportsAllowZero(month, field), `${month.month} reports.${field}`).toBe(true);
        } else if (typeof cell === "number") figures.reportsShown++;
      }
      for (const [cell, count] of [
        [month.submitted, real.submitted],
        [month.grantsActivated, real.activated],
        [month.reports.due, real.reports.due],
        [month.reports.onTime, real.reports.onTime],
        [month.reports.late, real.reports.late],
      ] as const) {
        expect(range(cell)[0] <= count && count <= range(cell)[1], `${month.month} ${count}`).toBe(true);
      }
    }
    for (const quarter of report.quarters) {
      expect(due(quarter.quarter, now)).toBe(true);
      if (seen.has(quarter.quarter)) expect(quarter).toEqual(seen.get(quarter.quarter));
      seen.set(quarter.quarter, quarter);
      const months = monthsOfQuarter(quarter.quarter).map((name) =>
        report.months.find((month) => month.month === name)!,
      );
      months.forEach((month, index) => {
        if (month.submitted === "<5") expect(quarterAllowsZero(quarter, months, { month: index })).toBe(true);
      });
      for (const [key, cell] of Object.entries(quarter.breakdowns.country)) {
        if (cell === "<5")
          expect(quarterAllowsZero(quarter, months, { country: key }), `${quarter.quarter} ${key}`).toBe(true);
      }
      for (const [key, cell] of Object.entries(quarter.breakdowns.targetGroup)) {
        if (cell === "<5")
          expect(quarterAllowsZero(quarter, months, { group: key }), `${quarter.quarter} ${key}`).toBe(true);
      }
      // Every category some version live in the quarter accepted is listed, none other.
      const { start: from, end: to } = boundsOf(quarter.quarter);
      const live = versions.filter(
        (version, index) =>
          version.savedAt < to.toISOString() && (versions[index + 1]?.savedAt ?? "9999") > from.toISOString(),
      );
      const accepted = new Set(
        live.flatMap((version) => version.config.eligibility.questions.find((q) => q.id === "country")!.countries!),
      );
      expect(Object.keys(quarter.breakdowns.country).sort()).toEqual([...accepted].sort());
      expect(Object.keys(quarter.breakdowns.targetGroup).sort()).toEqual([...groups].sort());
    }
  };

  for (const event of sorted) {
    const month = new Date(event.at).toISOString().slice(0, 7);
    switch (event.kind) {
      case "submit": {
        const accepted = versions.at(-1)!.config.eligibility.questions.find((q) => q.id === "country")!.countries!;
        const app: Application.Info = {
          id: `app-${apps.length}`.padEnd(26, "0"),
          callId: "property-fund",
          stage: "draft",
          version: 1,
          language: "es",
          createdAt: new Date(event.at).toISOString(),
          updatedAt: new Date(event.at).toISOString(),
          answers: { country: accepted[event.country % accepted.length]!, "target-groups": event.groups },
          conceptNote: { situation: "Nos atacaron.", need: "Equipos nuevos.", timeline: "Dos meses." },
          funding: { amount: event.amount, annualBudget: 20_000, months: 3 },
        };
        apps.push(app);
        commit(apps.length - 1, { kind: "submit" }, applicant, event.at);
        truthOf(month).submitted++;
        truthOf(month).requestedBy++;
        break;
      }
      case "decide": {
        const open = apps.flatMap((app, index) => (["submitted", "in_review"].includes(app.stage) ? [index] : []));
        if (open.length === 0) break;
        const index = open[event.pick % open.length]!;
        const call = versions.at(-1)!.config;
        const to = event.approve ? "approved" : "declined";
        if (!allowedMoves(call, apps[index]!.stage).includes(to)) {
          commit(index, { kind: "move", to: "in_review", version: apps[index]!.version }, coordinator, event.at);
        }
        commit(
          index,
          {
            kind: "move",
            to,
            version: apps[index]!.version,
            note: "Revisado.",
            ...(to === "approved" ? { amount: Math.min(event.amount, apps[index]!.funding!.amount) } : {}),
          },
          coordinator,
          event.at,
        );
        truthOf(month).decided++;
        if (to === "approved") truthOf(month).approvedBy++;
        break;
      }
      case "agree": {
        const approved = apps.flatMap((app, index) => (app.stage === "approved" ? [index] : []));
        if (approved.length === 0) break;
        const index = approved[event.pick % approved.length]!;
        const send = { kind: "move", to: "agreement_sent", version: apps[index]!.version } as const;
        commit(index, send, coordinator, event.at);
        commit(index, { kind: "accept_agreement", name: "Ana" }, applicant, event.at);
        truthOf(month).agreed += apps[index]!.decision!.amount!;
        truthOf(month).agreedBy++;
        break;
      }
      case "pay": {
        const payable = apps.flatMap((app, index) =>
          ["agreed", "active"].includes(app.stage) && !app.payment?.finalAt ? [index] : [],
        );
        if (payable.length === 0) break;
        const index = payable[event.pick % payable.length]!;
        const app = apps[index]!;
        const remaining = app.decision!.amount! - (paidSoFar.get(index) ?? 0);
        if (remaining === 0) break;
        const amount = Math.min(event.amount, remaining);
        const paidOn = new Date(event.at).toISOString().slice(0, 10);
        const move = {
          kind: "record_payment",
          version: app.version,
          amount,
          paidOn,
          reference: "TRF",
          final: event.final,
          paidSoFar: paidSoFar.get(index) ?? 0,
        } as const;
        commit(index, move, coordinator, event.at);
        paidSoFar.set(index, (paidSoFar.get(index) ?? 0) + amount);
        truthOf(month).paid += amount;
        truthOf(month).paidGrants.add(index);
        if (!app.payment?.count) truthOf(month).activated++;
        break;
      }
      case "overdue": {
        const late = apps.flatMap((app, index) =>
          ["submitted", "in_review"].includes(app.stage) &&
          !app.overdueAt &&
          app.decisionDueAt &&
          new Date(event.at).toISOString() > app.decisionDueAt
            ? [index]
            : [],
        );
        if (late.length > 0) commit(late[event.pick % late.length]!, { kind: "overdue" }, system, event.at);
        break;
      }
      case "reportDue": {
        const received = event.onTime ? Counter.reportsOnTime : Counter.reportsLate;
        const counted = counters.get(month) ?? {};
        for (const name of [Counter.reportsDue, received]) counted[name] = (counted[name] ?? 0) + 1;
        counters.set(month, counted);
        truthOf(month).reports.due++;
        truthOf(month).reports[event.onTime ? "onTime" : "late"]++;
        break;
      }
      case "edit":
        versions.push({ config: callWith(event.accepted), savedAt: new Date(event.at).toISOString() });
        expect(Call.Info.safeParse(versions.at(-1)!.config).success).toBe(true);
        break;
      case "read":
        await read(event.at);
        break;
      case "sweep":
        await sweep(event.at);
        break;
    }
  }
  // And once everything is due and swept: every period of the history, still as first read.
  await sweep(Date.UTC(2027, 0, 2, 0, 0, 0, 1));
  await read(Date.UTC(2027, 0, 2, 0, 0, 0, 1));
  expect(seen.size).toBe(16);
  await read(Date.UTC(2027, 5, 1));
  // The counters of every month add up to what happened in it: the snapshot's source counts events, not cohorts.
  for (const [month, real] of truth) {
    const counted = (name: string) => counters.get(month)?.[name] ?? 0;
    expect(counted(Counter.submitted)).toBe(real.submitted);
    // A grant paid twice in a month is one grant paid; one is activated once, by its first payment.
    expect(counted(Counter.paidBy("EUR"))).toBe(real.paidGrants.size);
    expect(counted(Counter.activated)).toBe(real.activated);
  }
}

describe("reports cannot be differenced", () => {
  it("gives identical re-reads, <5 cells that may be 0 and sums of 5 or more, over 500 random histories", async () => {
    await fc.assert(fc.asyncProperty(fc.array(Event, { minLength: 0, maxLength: 400, size: "max" }), replay), {
      numRuns: 500,
    });
    expect(figures.histories).toBeGreaterThanOrEqual(500);
    expect(figures.minContributors).toBeGreaterThanOrEqual(5);
    expect(figures.awardSums).toBeGreaterThan(0);
    expect(figures.reportsShown).toBeGreaterThan(0);
    expect(figures.reportsHidden).toBeGreaterThan(0);
    // 500 histories of up to 400 events take about half a minute on two busy cores.
  }, 180_000);
});

afterAll(() => {
  // What the run covered, printed with every run.
  console.log(
    `report property: ${figures.histories} histories, ${figures.reads} reads, ${figures.shownCells} shown counts, ` +
      `${figures.hiddenCells} <5 counts, ${figures.withheld} withheld; smallest contributor count of a shown ` +
      `sum or median: ${figures.minContributors}; agreed or paid sums shown: ${figures.awardSums}; report cells ` +
      `shown: ${figures.reportsShown}, <5: ${figures.reportsHidden}`,
  );
});
