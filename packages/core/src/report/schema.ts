import { z } from "zod";

/**
 * The shapes of the funders' pipeline report (API.md "Reports"). Every figure is a frozen snapshot of one
 * closed period of one call: months for flows and amounts, quarters for breakdowns. A snapshot holds only what
 * a reader may see (raw counts never leave `snapshot.ts`), so serving it can reveal nothing more.
 */

/**
 * A figure as shown: a count of at least 5 rounded to the nearest 5 (a sum: to the nearest 1,000), `<5` for a
 * count of 0 to 4, or `withheld` where showing it could single someone out. `withheld` says nothing about the
 * value: it may be 0.
 */
export const Cell = z.union([z.number().int().nonnegative(), z.literal("<5"), z.literal("withheld")]);
export type Cell = z.infer<typeof Cell>;

/** A month (`YYYY-MM`, UTC). */
export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
/** A quarter (`YYYY-Q1` to `YYYY-Q4`, UTC). */
export const Quarter = z.string().regex(/^\d{4}-Q[1-4]$/);

/**
 * A figure added after some months were frozen: a snapshot made before it lacks it and reads `withheld` (which
 * says nothing, not even 0). Never filled in from the counters, nor the stored copy rewritten: a published
 * month must read the same at any two times.
 */
const Afterwards = Cell.default("withheld");

/** One closed month of one call: what happened in it (events counted in the month they happened). */
export const MonthReport = z.object({
  month: Month,
  /** First submissions made in the month. */
  submitted: Cell,
  /** Decisions made in the month, and of them approvals and declines. */
  decided: Cell,
  approved: Cell,
  declined: Cell,
  /** Decisions made in the month by their application's promised date. */
  decidedWithinDeadline: Cell,
  /** Applications the decision clock marked late in the month. */
  overdue: Cell,
  /** The median whole days from submission to decision of the month's decisions; 5 decisions at least. */
  medianDaysToDecision: z.union([z.number().nonnegative(), z.literal("withheld")]),
  /** Grants whose first payment was recorded in the month (they became active). */
  grantsActivated: Afterwards,
  /**
   * Grants' reports whose due date came in the month, and of them those received by it and those not (each
   * report counted once, so on time and late add up to due). A month frozen before they were counted lacks the
   * whole object.
   */
  reports: z
    .object({ due: Afterwards, onTime: Afterwards, late: Afterwards })
    .default({ due: "withheld", onTime: "withheld", late: "withheld" }),
  /**
   * Requested at the month's first submissions, granted by the month's approvals, agreed by the month's accepted
   * or recorded agreements, paid by the month's payments (each sum: 5 contributors at least).
   */
  amounts: z.object({
    requested: Cell,
    approved: Cell,
    agreed: Afterwards,
    paid: Afterwards,
    currency: z.string(),
  }),
});
export type MonthReport = z.infer<typeof MonthReport>;

/** One closed quarter of one call: its first submissions by country and by target group, every category listed. */
export const QuarterReport = z.object({
  quarter: Quarter,
  breakdowns: z.object({
    country: z.record(z.string(), Cell),
    targetGroup: z.record(z.string(), Cell),
  }),
});
export type QuarterReport = z.infer<typeof QuarterReport>;

/** One call's closed periods of one year as a reader sees them; nothing spans periods. */
export const CallReport = z.object({
  callId: z.string(),
  title: z.string(),
  /** The call's currency now; each month's amounts name their own. */
  currency: z.string(),
  months: z.array(MonthReport),
  quarters: z.array(QuarterReport),
});
export type CallReport = z.infer<typeof CallReport>;

/** `GET /api/v1/reports/pipeline`. */
export const Pipeline = z.object({
  generatedAt: z.string(),
  year: z.number().int(),
  calls: z.array(CallReport),
});
export type Pipeline = z.infer<typeof Pipeline>;

/** The report's query: an optional call, and a calendar year (default the current one). */
export const PipelineQuery = z.object({
  callId: z.string().min(1).max(64).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
