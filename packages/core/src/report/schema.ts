import { z } from "zod";
import { Stage } from "../stage/stages.js";

/**
 * The shapes of the funders' pipeline report (API.md "Reports"). Raw `Figures` are what the counters hold for
 * one call and one calendar year of submissions, unsuppressed: they never leave core. `Pipeline` is what a
 * reader gets: small cells hidden, breakdown counts rounded, nothing about any single application.
 */

/** One calendar month of submissions (`YYYY-MM`), counted by when the applications were submitted. */
export const MonthFigures = z.object({
  month: z.string().regex(/^\d{4}-\d{2}$/),
  submitted: z.number().int().nonnegative(),
  decided: z.number().int().nonnegative(),
  decidedWithinDeadline: z.number().int().nonnegative(),
  overdue: z.number().int().nonnegative(),
});
export type MonthFigures = z.infer<typeof MonthFigures>;

/** What the counters of one call hold for the applications submitted in one calendar year. Never shown as is. */
export const Figures = z.object({
  callId: z.string(),
  year: z.number().int(),
  /** Applications by their current stage. */
  stages: z.partialRecord(Stage, z.number().int()),
  months: z.array(MonthFigures),
  decisions: z.object({ approved: z.number().int(), declined: z.number().int() }),
  decidedWithinDeadline: z.number().int(),
  overdue: z.number().int(),
  /** Decisions by whole days from submission to decision. */
  daysToDecision: z.record(z.string(), z.number().int()),
  amounts: z.object({ requested: z.number(), approved: z.number(), currency: z.string() }),
  /** Quiz attempts that failed each rule's question, in the year of the attempt. */
  ineligibleByRule: z.record(z.string(), z.number().int()),
  /** Submissions by the applicant's country and by target group (a submission may name several groups). */
  breakdowns: z.object({
    country: z.record(z.string(), z.number().int()),
    targetGroup: z.record(z.string(), z.number().int()),
  }),
});
export type Figures = z.infer<typeof Figures>;

/** A breakdown cell as shown: a count rounded to the nearest 5, or `<5` for a hidden one. */
export const ShownCell = z.union([z.number().int(), z.literal("<5")]);

/** One call's figures as a reader sees them. */
export const CallReport = z.object({
  callId: z.string(),
  title: z.string(),
  stages: z.partialRecord(Stage, z.number().int()),
  months: z.array(MonthFigures),
  decisions: z.object({ approved: z.number().int(), declined: z.number().int() }),
  decidedWithinDeadline: z.object({ count: z.number().int(), share: z.number().nullable() }),
  overdue: z.number().int(),
  medianDaysToDecision: z.number().nullable(),
  amounts: z.object({ requested: z.number(), approved: z.number(), currency: z.string() }),
  ineligibleByRule: z.record(z.string(), z.number().int()),
  breakdowns: z.object({
    country: z.record(z.string(), ShownCell),
    targetGroup: z.record(z.string(), ShownCell),
  }),
});
export type CallReport = z.infer<typeof CallReport>;

/** `GET /api/v1/reports/pipeline`. */
export const Pipeline = z.object({
  generatedAt: z.string(),
  year: z.number().int(),
  /** Breakdowns are as of the end of this day: the last full month for the current year. */
  breakdownsAsOf: z.string(),
  calls: z.array(CallReport),
});
export type Pipeline = z.infer<typeof Pipeline>;

/** The report's query: an optional call, and a calendar year (default the current one). */
export const PipelineQuery = z.object({
  callId: z.string().min(1).max(64).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
