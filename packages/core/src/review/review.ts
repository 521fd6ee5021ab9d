import { z } from "zod";
import * as Application from "../application/index.js";
import * as Audit from "../audit/index.js";
import * as Call from "../call/index.js";
import * as Clock from "../clock/index.js";
import * as Crypto from "../crypto/index.js";
import * as Dynamo from "../dynamo/index.js";
import {
  ConflictDeclaredError,
  ConflictError,
  DeclareConflictFirstError,
  ForbiddenError,
  NotFoundError,
  UnprocessableError,
  type FieldError,
} from "../error/index.js";
import * as Outbox from "../outbox/index.js";
// The leaf modules of stage, not its index: stage's transition reads access rules from here.
import { allowedMoves } from "../stage/plan.js";
import * as Stage from "../stage/stages.js";
import * as User from "../user/index.js";
import { parseStored } from "../util/stored.js";

/**
 * Where staff API clients download an application's budget file: through the staff app, never a link
 * straight into the bucket, so every download is checked and recorded. The staff pages have their own
 * route (`/staff/applications/<id>/budget-file`), authorised by the session cookie instead.
 */
export const budgetFileUrl = (applicationId: string) => `/api/v1/review/applications/${applicationId}/budget-file`;

/** Where staff API clients download one of a full application's documents, as the budget file. */
export const documentUrl = (applicationId: string, documentId: string) =>
  `/api/v1/review/applications/${applicationId}/documents/${documentId}`;

/** Where a reviewer stands with one application. */
export const Status = z.enum(["conflict_check", "pending", "done", "conflicted"]);
export type Status = z.infer<typeof Status>;

/** A reviewer's assignment to one application. */
export const Assignment = z.object({
  applicationId: z.string(),
  callId: z.string(),
  reviewerId: z.string(),
  status: Status,
  assignedAt: z.string(),
  declaredAt: z.string().optional(),
});
export type Assignment = z.infer<typeof Assignment>;

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

const parseAssignment = (item: Record<string, unknown>) => parseStored(Assignment, item, "assignment");
const notFound = () => new NotFoundError("application.not_found");
const isCoordinating = (user: User.Info, callId: string) =>
  (user.roles.includes("coordinator") || user.roles.includes("admin")) && User.worksOn(user, callId);

/** What a staff member may do with one application. */
export type Access =
  | { kind: "coordinator" }
  | { kind: "reviewer"; assignment: Assignment }
  | { kind: "undeclared"; assignment: Assignment }
  | { kind: "conflicted"; assignment: Assignment }
  | { kind: "none" };

async function assignmentOf(applicationId: string, reviewerId: string): Promise<Assignment | undefined> {
  const found = await Dynamo.get(Dynamo.Key.assignment(applicationId, reviewerId));
  return found ? parseAssignment(found) : undefined;
}

/** How `user` stands with `app`: coordinators of its call see everything; reviewers only once assigned. */
export async function access(user: User.Info, app: Pick<Application.Info, "id" | "callId" | "stage">): Promise<Access> {
  const coordinating = isCoordinating(user, app.callId);
  const reviewing = user.roles.includes("reviewer") && User.worksOn(user, app.callId);
  const assignment = coordinating || reviewing ? await assignmentOf(app.id, user.id) : undefined;
  // A declared conflict binds whoever declared it, whatever other role they also hold on the call.
  if (assignment?.status === "conflicted") return { kind: "conflicted", assignment };
  if (coordinating) return { kind: "coordinator" };
  // A withdrawn application is no longer anyone's to review.
  if (!reviewing || !assignment || app.stage === "withdrawn") return { kind: "none" };
  if (assignment.status === "conflict_check") return { kind: "undeclared", assignment };
  return { kind: "reviewer", assignment };
}

/**
 * The application, if `user` may read its content: a 404 when they may not know it exists, a 403 until an
 * assigned reviewer has declared no conflict (and after a declared conflict).
 */
export async function readable(user: User.Info, applicationId: string, need: "read" | "coordinate" = "read") {
  const app = await Application.fromID(applicationId);
  if (!app || app.stage === "draft") throw notFound();
  const granted = await access(user, app);
  if (granted.kind === "none") throw notFound();
  // A declared conflict binds every action on it, a coordinator's included.
  if (granted.kind === "conflicted") throw new ConflictDeclaredError();
  if (need === "coordinate" && granted.kind !== "coordinator") throw notFound();
  if (granted.kind === "undeclared") throw new DeclareConflictFirstError();
  return { app, access: granted };
}

/**
 * The one gate of every coordinator action on an application (assign, move, decide, extend, bulk moves): the
 * reading gate, narrowed to its call's coordinators. 404 to anyone else, 403 after their own declared conflict.
 */
export async function coordinated(user: User.Info, applicationId: string): Promise<Application.Info> {
  return (await readable(user, applicationId, "coordinate")).app;
}

/**
 * What an assigned reviewer sees before declaring a conflict of interest: the application's call
 * and the name or organisation and country the applicant gave (each absent when not given), nothing else. The
 * declaration page and `GET /api/v1/review/applications/{id}/conflict` both show exactly this.
 */
export const BeforeDeclaration = z.object({
  applicationId: z.string(),
  callId: z.string(),
  identity: Application.Identity,
});
export type BeforeDeclaration = z.infer<typeof BeforeDeclaration>;

/**
 * What an assigned reviewer sees before declaring, opened on record (`viewed`, as any reading).
 * Only to the reviewer assigned and yet to declare: not assigned is a 404 as for the application; a declared
 * conflict a 403 (not even the name again); a declaration of no conflict a 409, as declaring twice is.
 */
export async function beforeDeclaration(user: User.Info, applicationId: string): Promise<BeforeDeclaration> {
  const app = await Application.fromID(applicationId);
  if (!app || app.stage === "draft") throw notFound();
  const granted = await access(user, app);
  if (granted.kind === "none") throw notFound();
  if (granted.kind === "conflicted") throw new ConflictDeclaredError();
  if (granted.kind !== "undeclared") throw new ConflictError("review.already_declared", "error.already_declared");
  await Audit.recordViews(user.id, [app.id]);
  return { applicationId: app.id, callId: app.callId, identity: app.identity ?? {} };
}

/** The identity alone, of what `beforeDeclaration` gives. */
export async function identityForDeclaration(user: User.Info, applicationId: string): Promise<Application.Identity> {
  return (await beforeDeclaration(user, applicationId)).identity;
}

/** Every assignment of one application. */
export async function assignments(applicationId: string): Promise<Assignment[]> {
  return (await Dynamo.queryCollection(Dynamo.Collection.assignments(applicationId))).map(parseAssignment);
}

/** A reviewer's assignments, soonest decision deadline first. */
async function assignmentsOf(reviewerId: string): Promise<(Assignment & { dueKey: string })[]> {
  const items = await Dynamo.queryIndex(Dynamo.IndexPartition.reviewerAssignments(reviewerId));
  return items.map((item) => ({ ...parseAssignment(item), dueKey: String(item[Dynamo.keys.gsi1.sort]) }));
}

/** How many open assignments (not yet scored, not conflicted) each reviewer has: their workload. */
export async function workload(reviewerIds: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const id of reviewerIds) {
    const open = (await assignmentsOf(id)).filter(
      (item) => item.status === "conflict_check" || item.status === "pending",
    );
    counts.set(id, open.length);
  }
  return counts;
}

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

export const AssignInput = z.object({ reviewerIds: z.array(z.string().min(1).max(64)).min(1).max(20) });

/**
 * Assigns reviewers who work on the application's call; each must first declare any conflict of interest.
 * Assigning someone already assigned changes nothing.
 */
export async function assign(actor: User.Info, applicationId: string, input: z.input<typeof AssignInput>) {
  const { reviewerIds } = AssignInput.parse(input);
  const app = await coordinated(actor, applicationId);
  if (Stage.isFinal(app.stage)) throw new ConflictError("review.decided", "error.already_decided");
  const users = await User.many(reviewerIds);
  const problems: FieldError[] = reviewerIds
    .filter((id) => {
      const user = users.get(id);
      return !user || !user.roles.includes("reviewer") || !User.worksOn(user, app.callId);
    })
    .map((id) => ({ path: `reviewerIds.${reviewerIds.indexOf(id)}`, message: "review.not_a_reviewer" }));
  if (problems.length > 0) throw new UnprocessableError("review.bad_reviewers", "error.invalid_input", problems);

  const existing = new Set((await assignments(app.id)).map((item) => item.reviewerId));
  const now = Clock.iso();
  const fresh = [...new Set(reviewerIds)].filter((id) => !existing.has(id));
  for (const reviewerId of fresh) {
    const assignment: Assignment = {
      applicationId: app.id,
      callId: app.callId,
      reviewerId,
      status: "conflict_check",
      assignedAt: now,
    };
    try {
      await Dynamo.transact([
        Dynamo.tx.putIfNew({
          ...Dynamo.Key.assignment(app.id, reviewerId),
          ...Dynamo.Index.reviewerAssignment(reviewerId, app.decisionDueAt, app.id),
          ...assignment,
        }),
        Audit.put({ application: app.id }, "assigned", `user:${actor.id}`, now, { reviewerId }),
        // The reviewer's notice is saved with the assignment and sent off the request path.
        await Outbox.item(`assigned:${app.id}:${reviewerId}`, {
          to: users.get(reviewerId)!.email,
          locale: User.localeOf(users.get(reviewerId)!),
          body: "mail.staff_update_body",
        }),
      ]);
    } catch (error) {
      if (Dynamo.isConditionFailure(error)) continue; // assigned meanwhile
      throw error;
    }
  }
  return { assigned: (await assignments(app.id)).map((item) => item.reviewerId) };
}

export const AssignResult = z.object({ assigned: z.array(z.string()) });

export const DeclareInput = z.object({ conflict: z.boolean(), note: z.string().trim().max(2_000).optional() });
export const DeclareResult = z.object({ review: Status });

/**
 * An assigned reviewer declares a conflict of interest, or none, before seeing any content. A conflict
 * takes them off the application and tells its coordinators. The declaration cannot be changed.
 */
export async function declare(actor: User.Info, applicationId: string, input: z.input<typeof DeclareInput>) {
  const { conflict, note } = DeclareInput.parse(input);
  const app = await Application.fromID(applicationId);
  if (!app || app.stage === "draft") throw notFound();
  const assignment = actor.roles.includes("reviewer") ? await assignmentOf(app.id, actor.id) : undefined;
  if (!assignment) throw notFound();
  if (assignment.status !== "conflict_check")
    throw new ConflictError("review.already_declared", "error.already_declared");
  const status: Status = conflict ? "conflicted" : "pending";
  const now = Clock.iso();
  try {
    await Dynamo.transact([
      Dynamo.tx.update(
        Dynamo.Key.assignment(app.id, actor.id),
        { set: { status, declaredAt: now } },
        Dynamo.when.equals("status", "conflict_check"),
      ),
      Audit.put(
        { application: app.id },
        conflict ? "conflict_declared" : "no_conflict_declared",
        `user:${actor.id}`,
        now,
        {
          ...(conflict && note ? { noteSealed: await Application.sealNote(app.id, note) } : {}),
        },
      ),
      // A conflict tells the call's coordinators, in the same transaction (sent off the request path).
      ...(conflict
        ? await Outbox.toStaff(
            await User.coordinatorsOf(app.callId),
            `conflict:${app.id}:${actor.id}`,
            "mail.staff_update_body",
          )
        : []),
    ]);
  } catch (error) {
    if (Dynamo.isConditionFailure(error)) throw new ConflictError("review.already_declared", "error.already_declared");
    throw error;
  }
  return { review: status };
}

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

/** An audit event as coordinators see it: a sealed note opened. */
export const StaffEvent = Audit.Event.extend({ note: z.string().optional() });

/**
 * The decision clock of an application, as staff see it: the due time, the reminder and escalation times, and
 * when each happened (`remindedAt`, `escalatedAt`, `overdueAt`); `pausedAt` while it waits on the applicant.
 */
export const DecisionClock = z.object({
  decisionDueAt: z.string(),
  reminderAt: z.string().optional(),
  escalationAt: z.string().optional(),
  remindedAt: z.string().optional(),
  escalatedAt: z.string().optional(),
  pausedAt: z.string().optional(),
  overdueAt: z.string().optional(),
});
export type DecisionClock = z.infer<typeof DecisionClock>;

const clockTimes = ["reminderAt", "escalationAt", "remindedAt", "escalatedAt", "pausedAt", "overdueAt"] as const;

/** The clock from the application's stored times; an item written before a time existed simply lacks it. */
function clockOf(app: Application.Info): DecisionClock | undefined {
  if (!app.decisionDueAt) return undefined;
  const clock: DecisionClock = { decisionDueAt: app.decisionDueAt };
  for (const name of clockTimes) {
    const value = app[name];
    if (value !== undefined) clock[name] = value;
  }
  return clock;
}

/** A full application's document as staff see it: `url` is the staff API route that serves its checked copy. */
export const StaffDocument = Application.PublicDocument.extend({ url: z.string() });

/**
 * The full application as staff see it. Coordinators see it from the invitation on (what is written
 * so far); reviewers once it is sent.
 */
export const StaffFullApplication = z.object({
  invitedAt: z.string(),
  dueAt: z.string(),
  submittedAt: z.string().optional(),
  fields: z.record(z.string(), z.string()),
  documents: z.record(z.string(), StaffDocument),
});
export type StaffFullApplication = z.infer<typeof StaffFullApplication>;

/** One round's reviews the viewer may see (as `reviews`), and their mean weighted score (as `meanScore`). */
export const RoundScores = z.object({ reviews: z.array(Review), meanScore: z.number().nullable() });
export type RoundScores = z.infer<typeof RoundScores>;

/** An application as staff see it: never the applicant's contact details. */
export const StaffView = z.object({
  id: z.string(),
  callId: z.string(),
  /** The call's version the application was made under: its rubric and fields are that version's. */
  callVersion: z.number().int().positive().optional(),
  stage: Stage.Stage,
  version: z.number().int(),
  language: z.string(),
  submittedAt: z.string().optional(),
  decisionDueAt: z.string().optional(),
  decision: Application.Decision.optional(),
  conceptNote: z.object({ fields: z.record(z.string(), z.string()) }),
  funding: Application.Funding.optional(),
  /** `url`: the staff API route that serves the checked copy; `warnings`: what to know before opening it. */
  budgetFile: Application.BudgetFile.omit({ key: true }).extend({ url: z.string() }).optional(),
  /** The viewer's own review status, when they are its reviewer. */
  review: Status.optional(),
  /** Reviews the viewer may see: all for coordinators; for a reviewer, only once their own is saved. */
  reviews: z.array(Review),
  meanScore: z.number().nullable(),
  /** Coordinators only. */
  assignments: z.array(Assignment).optional(),
  allowedMoves: z.array(Stage.Stage).optional(),
  events: z.array(StaffEvent).optional(),
  /** The decision clock, once submitted: when it is due and what it has done so far. */
  clock: DecisionClock.optional(),
  /** The full application, in a call with a second stage, once invited (`StaffFullApplication`). */
  fullApplication: StaffFullApplication.optional(),
  /**
   * In a call with a second stage: each round's reviews and mean, with the visibility of `reviews`
   * per round (a reviewer sees a round's other reviews once their own of that round is saved). `reviews` and
   * `meanScore` above are the concept round's.
   */
  rounds: z.object({ concept: RoundScores, full: RoundScores }).optional(),
});
export type StaffView = z.infer<typeof StaffView>;

/** What `user` may see of an application (404 or 403 as `readable` decides). */
export async function view(user: User.Info, applicationId: string): Promise<StaffView> {
  const { app, access: granted } = await readable(user, applicationId);
  // Who read an applicant's words is on record, so a leak can be traced to an account.
  await Audit.recordViews(user.id, [app.id]);
  const call = await Call.forApplication(app);
  const coordinator = granted.kind === "coordinator";
  const both = await reviews(app.id);
  // Each round's reviews the viewer may see: all for coordinators; for a reviewer, once their own is saved.
  const roundScores = (round: Round): RoundScores & { own: boolean } => {
    const list = both.filter((review) => roundOf(review) === round);
    const own = list.some((review) => review.reviewerId === user.id);
    return { reviews: coordinator || own ? list : [], meanScore: coordinator || own ? meanScore(list) : null, own };
  };
  const concept = roundScores("concept");
  const all = both.filter((review) => roundOf(review) === "concept");
  const own = concept.own;
  const visible = concept.reviews;
  const full = call.fullApplication ? roundScores("full") : undefined;
  const staffFull =
    app.fullApplication && (coordinator || app.fullApplication.submittedAt) ? app.fullApplication : undefined;
  const events = coordinator
    ? await Promise.all(
        (await Audit.list({ application: app.id })).map(async ({ noteSealed, ...event }) => ({
          ...event,
          ...(typeof noteSealed === "string" ? { note: await Application.openNote(app.id, noteSealed) } : {}),
        })),
      )
    : undefined;
  const clock = clockOf(app);
  return {
    id: app.id,
    callId: app.callId,
    ...(app.callVersion !== undefined ? { callVersion: app.callVersion } : {}),
    stage: app.stage,
    version: app.version,
    language: app.language,
    ...(app.submittedAt ? { submittedAt: app.submittedAt } : {}),
    ...(app.decisionDueAt ? { decisionDueAt: app.decisionDueAt } : {}),
    ...(app.decision ? { decision: app.decision } : {}),
    conceptNote: { fields: app.conceptNote },
    ...(app.funding ? { funding: app.funding } : {}),
    ...(app.budgetFile
      ? {
          budgetFile: {
            ...Application.publicBudgetFile(app.budgetFile),
            url: budgetFileUrl(app.id),
          },
        }
      : {}),
    ...(granted.kind === "reviewer" ? { review: granted.assignment.status } : {}),
    reviews: visible,
    meanScore: coordinator || own ? meanScore(all) : null,
    ...(coordinator
      ? { assignments: await assignments(app.id), allowedMoves: allowedMoves(call, app.stage), events }
      : {}),
    ...(clock ? { clock } : {}),
    ...(staffFull
      ? {
          fullApplication: {
            invitedAt: staffFull.invitedAt,
            dueAt: staffFull.dueAt,
            ...(staffFull.submittedAt ? { submittedAt: staffFull.submittedAt } : {}),
            fields: staffFull.fields,
            documents: Object.fromEntries(
              Object.entries(staffFull.documents).map(([id, file]) => [
                id,
                { ...Application.publicDocument(file), url: documentUrl(app.id, id) },
              ]),
            ),
          },
        }
      : {}),
    ...(full
      ? {
          rounds: {
            concept: { reviews: concept.reviews, meanScore: concept.meanScore },
            full: { reviews: full.reviews, meanScore: full.meanScore },
          },
        }
      : {}),
  };
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
