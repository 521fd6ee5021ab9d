import { z } from "zod";
import * as Application from "../application/index.js";
import * as Audit from "../audit/index.js";
import * as Call from "../call/index.js";
import * as Clock from "../clock/index.js";
import * as Dynamo from "../dynamo/index.js";
import { Stage } from "../stage/stages.js";
import type * as User from "../user/index.js";
import { daysLeft, listForCoordinator, type ListItem } from "./lists.js";

/** Rows on one page of the coordinators' table. */
export const tablePageSize = 25;

/** The columns the table sorts by: only attributes kept in the clear, so sorting opens nothing. */
export const TableSort = z.enum(["due", "stage", "reviews", "score"]);
export type TableSort = z.infer<typeof TableSort>;

/**
 * What the table was asked for (a page's query string). Anything unknown or malformed falls back to the
 * default instead of refusing: a hand-edited or stale link still shows the list.
 */
export const TableQuery = z.object({
  stage: Stage.exclude(["draft"]).optional().catch(undefined),
  sort: TableSort.catch("due"),
  order: z.enum(["asc", "desc"]).catch("asc"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type TableQuery = z.infer<typeof TableQuery>;

/** One row of the coordinators' table: the list's clear attributes, and the few sealed ones it shows. */
export interface TableRow extends ListItem {
  /** Reviewers assigned and not taken off by a declared conflict; `reviews` is how many of them are done. */
  assigned: number;
  /**
   * Whole days until the decision is due, rounded up (1 = due within a day); negative when it is overdue,
   * by that many days (at least 1). Null once decided or withdrawn, or before a deadline exists.
   */
  daysLeft: number | null;
  /** Sealed: opened only for the rows of the page shown. Null for the viewer's own conflicts and when none. */
  amountRequested: number | null;
  /** Sealed, opened like the amount (the same sealed content, so no further opening): the amount granted, once approved. */
  amountApproved: number | null;
  /** Sealed, opened like the amount: the name or organisation the applicant gave for conflict checks. */
  name: string | null;
  /** Sealed, opened like the amount: the country the applicant gave (ISO 3166-1 code), or the quiz's answer. */
  country: string | null;
  /** The country is the eligibility quiz's answer: none was given on "About you". */
  countryFromQuiz?: true;
}

/** One page of the table, with what is needed to link to the others. */
export interface TablePage {
  rows: TableRow[];
  /** The query as applied: defaults filled in, the page clamped to the last one. */
  query: TableQuery;
  total: number;
  pages: number;
}

/** How many reviewers are assigned to an application and not taken off it by a declared conflict. */
async function assignedCount(applicationId: string): Promise<number> {
  const items = await Dynamo.queryCollection(Dynamo.Collection.assignments(applicationId));
  return items.filter((item) => item["status"] !== "conflicted").length;
}

type Ranked = Omit<TableRow, "amountRequested" | "amountApproved" | "name" | "country">;

/** Compares two values with `null` always last, whichever the direction. */
function compareNullsLast(a: number | null, b: number | null, direction: 1 | -1): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return (a - b) * direction;
}

const stageOrder = (stage: Stage) => Stage.options.indexOf(stage);

function comparator(sort: TableSort, direction: 1 | -1) {
  const due = (row: Ranked) => (row.daysLeft === null || !row.decisionDueAt ? null : Date.parse(row.decisionDueAt));
  const byDue = (a: Ranked, b: Ranked) => compareNullsLast(due(a), due(b), 1);
  return (a: Ranked, b: Ranked): number => {
    let order = 0;
    if (sort === "due") order = compareNullsLast(due(a), due(b), direction);
    if (sort === "stage") order = (stageOrder(a.stage) - stageOrder(b.stage)) * direction;
    if (sort === "reviews") order = (a.reviews - b.reviews || a.assigned - b.assigned) * direction;
    if (sort === "score") order = compareNullsLast(a.meanScore, b.meanScore, direction);
    // Ties: the most urgent first, then a fixed order so a row never moves between pages.
    return order || byDue(a, b) || a.id.localeCompare(b.id);
  };
}

/**
 * One page of a call's applications for a coordinator: filtered, sorted and cut into pages on attributes kept
 * in the clear (stage, decision deadline, review counts, mean score), and only then the sealed fields of the
 * page's rows opened (the amounts requested and approved, the name or organisation and country given) — never those of
 * applications on other pages — and recorded as viewed, one event per row opened.
 */
export async function coordinatorTable(
  user: User.Info,
  callId: string,
  input: Record<string, unknown> = {},
  now = Clock.nowMs(),
): Promise<TablePage> {
  const asked = TableQuery.parse(input);
  const items = await listForCoordinator(user, callId, asked.stage);
  const ranked: Ranked[] = await Promise.all(
    items.map(async (item) => ({
      ...item,
      assigned: await assignedCount(item.id),
      daysLeft: daysLeft(item, now),
    })),
  );
  ranked.sort(comparator(asked.sort, asked.order === "asc" ? 1 : -1));
  const pages = Math.max(1, Math.ceil(ranked.length / tablePageSize));
  const page = Math.min(asked.page, pages);
  const shown = ranked.slice((page - 1) * tablePageSize, page * tablePageSize);
  const rows = await Promise.all(
    shown.map(async (row): Promise<TableRow> => {
      // A declared conflict binds: nothing of it is opened for the one who declared it.
      const app = row.conflicted ? undefined : await Application.fromID(row.id);
      const identity = app ? Application.staffIdentity(app, await Call.forApplication(app)) : {};
      return {
        ...row,
        amountRequested: app?.funding?.amount ?? null,
        amountApproved: app?.stage === "approved" ? (app.decision?.amount ?? null) : null,
        name: identity.name ?? null,
        country: identity.country ?? null,
        ...(identity.countryFromQuiz ? { countryFromQuiz: true as const } : {}),
      };
    }),
  );
  // The opened rows are on record before the page is shown; a page whose record fails is not shown.
  await Audit.recordViews(
    user.id,
    rows.filter((row) => !row.conflicted).map((row) => row.id),
  );
  return { rows, query: { ...asked, page }, total: ranked.length, pages };
}
