// The lists staff work from: a reviewer's queue and a coordinator's list of a call's applications, soonest
// decision first, with what each row may show.
import { z } from "zod";
import * as Application from "../application/index.js";
import * as Audit from "../audit/index.js";
import * as Clock from "../clock/index.js";
import { ForbiddenError } from "../error/index.js";
import * as Stage from "../stage/stages.js";
import type * as User from "../user/index.js";
import { assignmentsOf, isCoordinating, Status } from "./access.js";
import { meanScore, reviewScores, Round } from "./scoring.js";

/** One application in a reviewer's queue. */
export const QueueItem = z.object({
  applicationId: z.string(),
  callId: z.string(),
  stage: Stage.Stage,
  decisionDueAt: z.string().nullable(),
  review: Status,
  /**
   * The name or organisation the applicant gave, for recognising a conflict: only once the reviewer declared no
   * conflict (until then it is on the declaration page alone); null when none was given, before the declaration
   * and after a declared conflict. Each one shown is on record (`viewed`).
   */
  name: z.string().nullable().optional(),
  /** Whole days until the decision is due, negative when overdue (as the coordinators' table counts them). */
  daysLeft: z.number().int().nullable().optional(),
});
export type QueueItem = z.infer<typeof QueueItem>;

/** Where a reviewer may see who the applicant says they are: once they declared no conflict. */
const seesIdentity = (status: Status) => status === "pending" || status === "done";

/**
 * A reviewer's queue, soonest decision deadline first; decided and withdrawn applications drop out. Only the
 * rows the reviewer declared no conflict on are opened (for the name), and those are recorded as viewed before
 * the queue is given: if the record fails, so does the queue.
 */
export async function queue(reviewer: User.Info): Promise<QueueItem[]> {
  const mine = await assignmentsOf(reviewer.id);
  const items: QueueItem[] = [];
  const opened: string[] = [];
  for (const assignment of mine.sort((a, b) => a.dueKey.localeCompare(b.dueKey))) {
    // Opened (decrypted) only where the name may be shown; the other rows need nothing sealed.
    const opening = seesIdentity(assignment.status) ? await Application.fromID(assignment.applicationId) : undefined;
    const app = opening ?? (await Application.summaryOf(assignment.applicationId));
    if (!app || Stage.isFinal(app.stage)) continue;
    if (opening) opened.push(app.id);
    items.push({
      applicationId: app.id,
      callId: app.callId,
      stage: app.stage,
      decisionDueAt: app.decisionDueAt ?? null,
      review: assignment.status,
      name: opening ? (opening.identity?.name ?? null) : null,
      daysLeft: daysLeft({ stage: app.stage, decisionDueAt: app.decisionDueAt ?? null }),
    });
  }
  await Audit.recordViews(reviewer.id, opened);
  return items;
}

/** One application in a coordinator's list. */
export const ListItem = z.object({
  id: z.string(),
  stage: Stage.Stage,
  version: z.number().int(),
  decisionDueAt: z.string().nullable(),
  reviews: z.number().int(),
  /** Null before any review, and for the viewer's own conflicts: scores are part of what they may not see. */
  meanScore: z.number().nullable(),
  /** The viewer declared a conflict of interest on it: they may neither read nor move it. */
  conflicted: z.boolean(),
  /** The decision clock marked it overdue and it is still undecided. */
  overdue: z.boolean(),
  /**
   * The round `reviews` and `meanScore` count: `full` once the full application was sent (its own
   * reviews on the second rubric), `concept` before.
   */
  round: Round.optional(),
});
export type ListItem = z.infer<typeof ListItem>;

/** A coordinator's list of a call's applications with review counts and mean scores. */
export async function listForCoordinator(user: User.Info, callId: string, stage?: Stage.Stage): Promise<ListItem[]> {
  if (!isCoordinating(user, callId)) throw new ForbiddenError("review.not_coordinator");
  const summaries = await Application.listForCall(callId, stage);
  const conflicted = new Set(
    (await assignmentsOf(user.id)).filter((item) => item.status === "conflicted").map((item) => item.applicationId),
  );
  return Promise.all(
    summaries.map(async (summary) => {
      // Scores only: the list needs no review comment, so none is opened.
      const list = (await reviewScores(summary.id, summary.round)).map((weightedScore) => ({ weightedScore }));
      const mine = conflicted.has(summary.id);
      return {
        id: summary.id,
        stage: summary.stage,
        version: summary.version,
        decisionDueAt: summary.decisionDueAt ?? null,
        reviews: list.length,
        meanScore: mine ? null : meanScore(list),
        conflicted: mine,
        overdue: summary.overdue,
        round: summary.round,
      };
    }),
  );
}

const day = 86_400_000;

/** Days left as the table shows them; see `TableRow.daysLeft`. */
export function daysLeft(item: Pick<ListItem, "stage" | "decisionDueAt">, now = Clock.nowMs()): number | null {
  if (!item.decisionDueAt || Stage.isFinal(item.stage)) return null;
  const left = (Date.parse(item.decisionDueAt) - now) / day;
  return left > 0 ? Math.ceil(left) : -Math.max(1, Math.floor(-left));
}
