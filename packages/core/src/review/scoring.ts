// Reviews: a reviewer's scores on the round's rubric, recommendation and sealed comment, and the means that
// lists and views show of them.
import { z } from "zod";
import * as Audit from "../audit/index.js";
import * as Call from "../call/index.js";
import * as Clock from "../clock/index.js";
import * as Crypto from "../crypto/index.js";
import * as Dynamo from "../dynamo/index.js";
import { ConflictError, ForbiddenError, UnprocessableError, type FieldError } from "../error/index.js";
import * as Stage from "../stage/stages.js";
import type * as User from "../user/index.js";
import { parseStored } from "../util/stored.js";
import { readable } from "./access.js";

export const Recommendation = z.enum(["fund", "maybe", "decline"]);

/**
 * The round a review belongs to: the concept note (on the call's rubric), or a grant call's full application
 * (on its second rubric, once the full application is sent).
 */
export const Round = z.enum(["concept", "full"]);
export type Round = z.infer<typeof Round>;

/** One reviewer's review, its comment opened. */
export const Review = z.object({
  reviewerId: z.string(),
  /** Absent on concept-note reviews (and on every review stored before there were rounds). */
  round: Round.optional(),
  scores: z.record(z.string(), z.number()),
  recommendation: Recommendation,
  comment: z.string(),
  weightedScore: z.number(),
  updatedAt: z.string(),
});
export type Review = z.infer<typeof Review>;

/** A review as stored: the comment sealed. */
const StoredReview = Review.omit({ comment: true }).extend({ commentSealed: z.string() });

export const ScoreInput = z.object({
  scores: z.record(z.string(), z.unknown()),
  recommendation: Recommendation,
  comment: z.string().trim().max(10_000).default(""),
  /** Which round is scored: `full` on the full application's rubric, once it is sent. */
  round: Round.default("concept"),
});

export const ScoreResult = z.object({ weightedScore: z.number() });

/** The rubric's weighted mean of 1-5 scores, to two decimals (a call's, or its full application's). */
export function weightedScore(call: Pick<Call.Info, "rubric">, scores: Record<string, number>): number {
  let total = 0;
  let weights = 0;
  for (const criterion of call.rubric.criteria) {
    total += (scores[criterion.id] ?? 0) * criterion.weight;
    weights += criterion.weight;
  }
  return Math.round((total / weights) * 100) / 100;
}

/**
 * An assigned reviewer who declared no conflict scores every rubric criterion 1-5, recommends and comments
 * (the comment is encrypted). They can change it until the decision.
 */
export async function score(actor: User.Info, applicationId: string, input: z.input<typeof ScoreInput>) {
  const { scores, recommendation, comment, round } = ScoreInput.parse(input);
  const { app, access: granted } = await readable(actor, applicationId);
  if (granted.kind !== "reviewer") throw new ForbiddenError("review.not_reviewer");
  if (Stage.isFinal(app.stage)) throw new ConflictError("review.decided", "error.already_decided");
  const call = await Call.forApplication(app);
  // The full application is scored once it is sent, and from then on only it: the concept round is over.
  const fullSent = app.fullApplication?.submittedAt !== undefined;
  if (round === "full" && (!call.fullApplication || !fullSent)) {
    throw new ConflictError("review.round_not_open", "error.round_not_open");
  }
  if (round === "concept" && fullSent) throw new ConflictError("review.round_closed", "error.round_closed");
  const rubric = round === "full" ? call.fullApplication!.rubric : call.rubric;
  const criteria = new Map(rubric.criteria.map((criterion) => [criterion.id, criterion]));
  const problems: FieldError[] = [];
  for (const [id, value] of Object.entries(scores)) {
    const criterion = criteria.get(id);
    if (!criterion) problems.push({ path: `scores.${id}`, message: "review.unknown_criterion" });
    else if (typeof value !== "number" || !Number.isInteger(value) || value < criterion.min || value > criterion.max) {
      problems.push({
        path: `scores.${id}`,
        message: "review.score_range",
        params: { min: criterion.min, max: criterion.max },
      });
    }
  }
  for (const id of criteria.keys()) {
    if (!(id in scores)) problems.push({ path: `scores.${id}`, message: "review.score_missing" });
  }
  if (problems.length > 0) throw new UnprocessableError("review.invalid_scores", "error.invalid_scores", problems);

  const typed = scores as Record<string, number>;
  const weighted = weightedScore({ rubric }, typed);
  const now = Clock.iso();
  await Dynamo.transact([
    Dynamo.tx.put({
      ...(round === "full" ? Dynamo.Key.fullReview(app.id, actor.id) : Dynamo.Key.review(app.id, actor.id)),
      ...(round === "full" ? { round } : {}),
      reviewerId: actor.id,
      scores: typed,
      recommendation,
      weightedScore: weighted,
      commentSealed: await Crypto.seal(comment, { purpose: "review", applicationId: app.id }),
      updatedAt: now,
    }),
    Dynamo.tx.update(
      Dynamo.Key.assignment(app.id, actor.id),
      { set: { status: "done" } },
      Dynamo.when.oneOf("status", ["pending", "done"]),
    ),
    Audit.put({ application: app.id }, "scored", `user:${actor.id}`, now, {
      weightedScore: weighted,
      recommendation,
      ...(round === "full" ? { round } : {}),
    }),
  ]);
  return { weightedScore: weighted };
}

/** The round a review belongs to (concept-note reviews carry none). */
export const roundOf = (review: Pick<Review, "round">): Round => review.round ?? "concept";

/** Every review of an application, of both rounds, comments decrypted. */
export async function reviews(applicationId: string): Promise<Review[]> {
  const items = await Dynamo.queryCollection(Dynamo.Collection.reviews(applicationId));
  const found: Review[] = [];
  for (const item of items) {
    const { commentSealed, ...stored } = parseStored(StoredReview, item, "review");
    const comment = parseStored(
      z.string(),
      await Crypto.open(commentSealed, { purpose: "review", applicationId }),
      "review comment",
    );
    found.push({ ...stored, comment });
  }
  return found;
}

/** The mean weighted score of an application's reviews, or null before any. */
export function meanScore(list: Pick<Review, "weightedScore">[]): number | null {
  if (list.length === 0) return null;
  return Math.round((list.reduce((sum, review) => sum + review.weightedScore, 0) / list.length) * 100) / 100;
}

/**
 * The weighted scores of an application's reviews of one round (the concept note's by default), read without
 * opening their sealed comments.
 */
export async function reviewScores(applicationId: string, round: "concept" | "full" = "concept"): Promise<number[]> {
  const items = await Dynamo.queryCollection(Dynamo.Collection.reviews(applicationId));
  return items
    .map((item) => parseStored(z.object({ weightedScore: z.number(), round: z.string().optional() }), item, "review"))
    .filter((review) => (review.round ?? "concept") === round)
    .map((review) => review.weightedScore);
}
