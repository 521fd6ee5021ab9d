import { withPrefix } from "./counters.js";
import { Counter } from "./counters.js";
import type { Cell, MonthReport, QuarterReport } from "./schema.js";

// What a reader may see of one closed period, computed once from its counters. Pure: counts in, cells out.
// The rules (`<5`, rounding, `withheld` sums, medians and complements) and why no two reports can be subtracted
// to single anyone out: docs/decisions/report-snapshots.md

/** Counts under this read `<5`; sums and medians need this many contributors. */
export const threshold = 5;

/** A period is snapshotted this long after it ends, once nothing dated inside it can still be committing. */
export const settleMs = 24 * 60 * 60 * 1000;

/** Rounds a shown count to the nearest 5 (a whole number of 5 or more never ends in .5: no ties). */
export const roundToFive = (count: number): number => Math.round(count / 5) * 5;

/** Rounds a shown sum to the nearest 1,000 of its currency. */
export const roundToThousand = (sum: number): number => Math.round(sum / 1000) * 1000;

/** A count as shown, before any complement is withheld. */
export const countCell = (count: number): Cell => (count < threshold ? "<5" : roundToFive(count));

/** What a reader can know of a cell's true value from what it shows: an interval. */
export interface Range {
  lo: number;
  hi: number;
}

/** The values a shown cell could hide: `<5` is 0..4; a rounded n is n-2..n+2 (never under 5); withheld, anything. */
export function rangeOf(cell: Cell): Range {
  if (cell === "<5") return { lo: 0, hi: threshold - 1 };
  if (cell === "withheld") return { lo: 0, hi: Infinity };
  return { lo: Math.max(threshold, cell - 2), hi: cell + 2 };
}

/* ---------- periods ---------- */

/** The months of a year, `YYYY-01` to `YYYY-12`. */
export const monthsOf = (year: number): string[] =>
  Array.from({ length: 12 }, (_, index) => `${year}-${String(index + 1).padStart(2, "0")}`);

/** The quarters of a year, `YYYY-Q1` to `YYYY-Q4`. */
export const quartersOf = (year: number): string[] => [1, 2, 3, 4].map((q) => `${year}-Q${q}`);

/** The three months of a quarter. */
export function monthsOfQuarter(quarter: string): string[] {
  const year = Number(quarter.slice(0, 4));
  const first = (Number(quarter.slice(6)) - 1) * 3;
  return monthsOf(year).slice(first, first + 3);
}

/** Where a month or a quarter starts and ends (the first instant after it), in UTC. */
export function boundsOf(period: string): { start: Date; end: Date } {
  const year = Number(period.slice(0, 4));
  const [first, count] = period.includes("Q")
    ? [(Number(period.slice(6)) - 1) * 3, 3]
    : [Number(period.slice(5, 7)) - 1, 1];
  return { start: new Date(Date.UTC(year, first, 1)), end: new Date(Date.UTC(year, first + count, 1)) };
}

/** When a period's snapshot may first be made: a day after it ends. */
export const dueAt = (period: string): Date => new Date(boundsOf(period).end.getTime() + settleMs);

/** Whether a period's snapshot may be made at `now`: a day after it ended. Before that it shows nothing. */
export const due = (period: string, now: Date): boolean => now.getTime() >= dueAt(period).getTime();

/** How often the schedule makes the snapshots that are due (infra/report-snapshots.ts). */
export const snapshotEveryMinutes = 60;

/**
 * The first quarter of `year` still to be frozen at `now`, and when its breakdowns will be shown: by the end of
 * the schedule's first run after it becomes due. None once the year's last quarter is due.
 */
export function nextQuarter(year: number, now: Date): { quarter: string; by: Date } | undefined {
  const quarter = quartersOf(year).find((candidate) => !due(candidate, now));
  if (quarter === undefined) return undefined;
  return { quarter, by: new Date(dueAt(quarter).getTime() + snapshotEveryMinutes * 60 * 1000) };
}

/* ---------- figures ---------- */

/** The median of a histogram of whole days (keys) to counts; null when it is empty. */
export function medianOf(histogram: Record<string, number>): number | null {
  const bins = Object.entries(histogram)
    .map(([days, count]) => [Number(days), count] as const)
    .filter(([days, count]) => Number.isFinite(days) && count > 0)
    .sort(([a], [b]) => a - b);
  const total = bins.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0) return null;
  const at = (rank: number) => {
    let seen = 0;
    for (const [days, count] of bins) {
      seen += count;
      if (rank < seen) return days;
    }
    return bins.at(-1)![0];
  };
  return total % 2 === 1 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
}

/**
 * How a breakdown's cells relate to the total they break down, as a reader knows it:
 * - `exact`: every counted item is in exactly one cell (a required single answer): the cells add up to it;
 * - `cover`: every item is in at least one cell (a required multiple answer): each cell is at most the total,
 *   and their sum at least it;
 * - `part`: an optional answer: each cell is at most the total (`exact` without the bound from above for one,
 *   `cover` without it for the other; both read as `part`).
 */
export type Relation = "exact" | "cover" | "part";

interface Breakdown {
  relation: Relation;
  /** The true counts, every listed category present (zeros too). */
  cells: Record<string, number>;
}

/**
 * What the cells of a breakdown, as shown, say about its total (`ranges`: its cells but any taken as 0). A
 * breakdown that lists no category says nothing.
 */
function totalRange(relation: Relation, ranges: Range[], listed: boolean): Range {
  if (!listed) return { lo: 0, hi: Infinity };
  const sumLo = ranges.reduce((sum, range) => sum + range.lo, 0);
  const sumHi = ranges.reduce((sum, range) => sum + range.hi, 0);
  const maxLo = ranges.reduce((max, range) => Math.max(max, range.lo), 0);
  if (relation === "exact") return { lo: sumLo, hi: sumHi };
  if (relation === "cover") return { lo: maxLo, hi: sumHi };
  return { lo: maxLo, hi: Infinity };
}

const meet = (ranges: Range[]) => ({
  lo: Math.max(...ranges.map((range) => range.lo)),
  hi: Math.min(...ranges.map((range) => range.hi)),
});
const empty = (range: Range) => range.lo > range.hi;

/**
 * Shows the breakdowns of one total: counts as cells, then complements withheld until, for every `<5` cell
 * (of the breakdowns and of the frozen `parts` the total is the sum of), the cell being 0 fits every shown
 * figure. `parts` are figures already published (a quarter's months' submissions, a month's decisions):
 * they cannot change, so only breakdown cells are withheld. `floor`: a further lower bound on the total.
 */
export function protect(parts: Cell[], breakdowns: Breakdown[], floor = 0): Record<string, Cell>[] {
  const shown = breakdowns.map((breakdown) =>
    Object.fromEntries(Object.entries(breakdown.cells).map(([key, count]) => [key, countCell(count)])),
  );
  const partRanges = parts.map(rangeOf);
  const partsTotal = (without?: number): Range => ({
    lo: Math.max(
      floor,
      partRanges.reduce((sum, range, index) => sum + (index === without ? 0 : range.lo), 0),
    ),
    hi: partRanges.reduce((sum, range, index) => sum + (index === without ? 0 : range.hi), 0),
  });
  const totalOf = (index: number, without?: string) =>
    totalRange(
      breakdowns[index]!.relation,
      Object.entries(shown[index]!)
        .filter(([key]) => key !== without)
        .map(([, cell]) => rangeOf(cell)),
      Object.keys(shown[index]!).length > 0,
    );

  /** Withholds one more cell of a breakdown: its smallest shown one (ties by key), else a `<5` one but `spare`. */
  const withholdIn = (index: number, spare?: string): boolean => {
    const cells = breakdowns[index]!.cells;
    const candidates = (kind: (cell: Cell) => boolean) =>
      Object.keys(shown[index]!)
        .filter((key) => key !== spare && kind(shown[index]![key]!))
        .sort((a, b) => cells[a]! - cells[b]! || a.localeCompare(b));
    const [key] = [...candidates((cell) => typeof cell === "number"), ...candidates((cell) => cell === "<5")];
    if (key === undefined) return false;
    shown[index]![key] = "withheld";
    return true;
  };

  const limit = breakdowns.reduce((sum, breakdown) => sum + Object.keys(breakdown.cells).length, 0) + 1;
  for (let round = 0; round < limit; round++) {
    let changed = false;
    // A breakdown's `<5` cell that cannot be 0 with every other figure in its range: withhold within it.
    for (let index = 0; index < breakdowns.length && !changed; index++) {
      for (const [key, cell] of Object.entries(shown[index]!)) {
        if (cell !== "<5") continue;
        const ranges = [
          partsTotal(),
          ...breakdowns.map((_, other) => (other === index ? totalOf(index, key) : totalOf(other))),
        ];
        if (empty(meet(ranges))) {
          changed = withholdIn(index, key) || ((shown[index]![key] = "withheld"), true);
          break;
        }
      }
    }
    // A published part that reads `<5` but the breakdowns prove non-zero: withhold where they bind.
    for (let part = 0; part < parts.length && !changed; part++) {
      if (parts[part] !== "<5") continue;
      const own = partsTotal(part);
      const totals = breakdowns.map((_, index) => totalOf(index));
      if (!empty(meet([own, ...totals]))) continue;
      for (let index = 0; index < breakdowns.length; index++) {
        const others = meet([own, ...totals.filter((_, other) => other !== index)]);
        if (totals[index]!.lo > others.hi && withholdIn(index)) changed = true;
      }
      if (!changed) for (let index = 0; index < breakdowns.length; index++) changed = withholdIn(index) || changed;
    }
    if (!changed) break;
  }
  return shown;
}

/** Whether a sum or a median over `contributors` may be shown next to its count cell. */
const enough = (contributors: number, count: Cell) => contributors >= threshold && typeof count === "number";

/**
 * A sum no count is published beside (agreements, payments): shown with 5 contributors. That 5 or more grants
 * were agreed or paid bounds no published count from below, so it can prove no `<5` cell non-zero.
 */
const sumOf = (sum: number, contributors: number): Cell =>
  contributors >= threshold ? roundToThousand(sum) : "withheld";

/**
 * One closed month's figures from its counters (summed over shards): counts, the approvals and declines that
 * make up the decisions, and the reports on time and late that make up those due, protected as breakdowns;
 * sums and the median only with 5 contributors.
 */
export function monthSnapshot(month: string, raw: Record<string, number>, currency: string): MonthReport {
  const count = (name: string) => raw[name] ?? 0;
  const approvedCount = count(Counter.decided("approved"));
  const declinedCount = count(Counter.decided("declined"));
  const decided = countCell(approvedCount + declinedCount);
  const decidedWithinDeadline = countCell(count(Counter.decidedWithinDeadline));
  // Decisions within the deadline are some of the decisions: a shown one bounds them from below.
  const [outcomes] = protect(
    [decided],
    [{ relation: "exact", cells: { approved: approvedCount, declined: declinedCount } }],
    rangeOf(decidedWithinDeadline).lo,
  );
  const reportsDue = countCell(count(Counter.reportsDue));
  // Every due report is on time or late, so the two add up to it exactly: protected as approvals and declines.
  const [received] = protect(
    [reportsDue],
    [{ relation: "exact", cells: { onTime: count(Counter.reportsOnTime), late: count(Counter.reportsLate) } }],
  );
  const submitted = countCell(count(Counter.submitted));
  const days = withPrefix(raw, "days:");
  const decisionsTimed = Object.values(days).reduce((sum, value) => sum + value, 0);
  const median = medianOf(days);
  return {
    month,
    submitted,
    decided,
    approved: outcomes!["approved"]!,
    declined: outcomes!["declined"]!,
    decidedWithinDeadline,
    overdue: countCell(count(Counter.overdue)),
    medianDaysToDecision: enough(decisionsTimed, decided) && median !== null ? median : "withheld",
    grantsActivated: countCell(count(Counter.activated)),
    reports: { due: reportsDue, onTime: received!["onTime"]!, late: received!["late"]! },
    amounts: {
      requested: enough(count(Counter.requestedBy(currency)), submitted)
        ? roundToThousand(count(Counter.requested(currency)))
        : "withheld",
      approved: enough(count(Counter.approvedBy(currency)), outcomes!["approved"]!)
        ? roundToThousand(count(Counter.approved(currency)))
        : "withheld",
      agreed: sumOf(count(Counter.agreed(currency)), count(Counter.agreedBy(currency))),
      paid: sumOf(count(Counter.paid(currency)), count(Counter.paidBy(currency))),
      currency,
    },
  };
}

/** The categories a quarter's breakdowns list, and whether their questions were required throughout. */
export interface Categories {
  country: { values: string[]; required: boolean };
  targetGroup: { values: string[]; required: boolean };
}

/**
 * One closed quarter's breakdowns from its three months' counters: every listed category (counts of any other
 * are left out), protected against the months' published submissions, which they break down.
 */
export function quarterSnapshot(
  quarter: string,
  months: Record<string, number>[],
  submitted: Cell[],
  categories: Categories,
): QuarterReport {
  const cellsOf = (values: string[], name: (value: string) => string) =>
    Object.fromEntries(
      values.map((value) => [value, months.reduce((sum, month) => sum + (month[name(value)] ?? 0), 0)]),
    );
  const [country, targetGroup] = protect(submitted, [
    {
      relation: categories.country.required ? "exact" : "part",
      cells: cellsOf(categories.country.values, Counter.country),
    },
    {
      relation: categories.targetGroup.required ? "cover" : "part",
      cells: cellsOf(categories.targetGroup.values, Counter.targetGroup),
    },
  ]);
  return { quarter, breakdowns: { country: country!, targetGroup: targetGroup! } };
}
