import { GetCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import * as Application from "../application/index.js";
import * as Audit from "../audit/index.js";
import * as Call from "../call/index.js";
import * as Crypto from "../crypto/index.js";
import * as Dynamo from "../dynamo/index.js";
import { NotFoundError, VisibleError, type FieldError } from "../error/index.js";
import * as Mail from "../mail/index.js";
import * as Stage from "../stage/index.js";
import * as Upload from "../upload/index.js";
import * as User from "../user/index.js";
import { parseStored } from "../util/stored.js";

/** Where a reviewer stands with one application. */
export const Status = z.enum(["conflict_check", "pending", "done", "conflicted"]);
export type Status = z.infer<typeof Status>;

export interface Assignment {
  applicationId: string;
  callId: string;
  reviewerId: string;
  status: Status;
  assignedAt: string;
}

export interface Review {
  reviewerId: string;
  scores: Record<string, number>;
  recommendation: "fund" | "maybe" | "decline";
  comment: string;
  weightedScore: number;
  updatedAt: string;
}

const assignmentKey = (applicationId: string, reviewerId: string) => ({
  [Dynamo.keys.partition]: `APP#${applicationId}`,
  [Dynamo.keys.sort]: `ASSIGN#${reviewerId}`,
});
const reviewKey = (applicationId: string, reviewerId: string) => ({
  [Dynamo.keys.partition]: `APP#${applicationId}`,
  [Dynamo.keys.sort]: `REVIEW#${reviewerId}`,
});
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
  const result = await Dynamo.documentClient().send(
    new GetCommand({
      TableName: Dynamo.tableName(),
      Key: assignmentKey(applicationId, reviewerId),
      ConsistentRead: true,
    }),
  );
  return result.Item ? (result.Item as unknown as Assignment) : undefined;
}

/** How `user` stands with `app`: coordinators of its call see everything; reviewers only once assigned. */
export async function access(user: User.Info, app: Pick<Application.Info, "id" | "callId">): Promise<Access> {
  if (isCoordinating(user, app.callId)) return { kind: "coordinator" };
  if (!user.roles.includes("reviewer") || !User.worksOn(user, app.callId)) return { kind: "none" };
  const assignment = await assignmentOf(app.id, user.id);
  if (!assignment) return { kind: "none" };
  if (assignment.status === "conflict_check") return { kind: "undeclared", assignment };
  if (assignment.status === "conflicted") return { kind: "conflicted", assignment };
  return { kind: "reviewer", assignment };
}

/**
 * The application, if `user` may read its content: a 404 when they may not know it exists, a 403 until an
 * assigned reviewer has declared no conflict (and after a declared conflict).
 */
export async function readable(user: User.Info, applicationId: string) {
  const app = await Application.fromID(applicationId);
  if (!app || app.stage === "draft") throw notFound();
  const granted = await access(user, app);
  if (granted.kind === "none") throw notFound();
  if (granted.kind === "undeclared") {
    throw new VisibleError("forbidden", "review.declare_first", "error.declare_first");
  }
  if (granted.kind === "conflicted") throw new VisibleError("forbidden", "review.conflicted", "error.conflicted");
  return { app, access: granted };
}

/** Every assignment of one application. */
export async function assignments(applicationId: string): Promise<Assignment[]> {
  return (await Dynamo.queryAll({
    KeyConditionExpression: "#pk = :pk AND begins_with(#sk, :assign)",
    ExpressionAttributeNames: { "#pk": Dynamo.keys.partition, "#sk": Dynamo.keys.sort },
    ExpressionAttributeValues: { ":pk": `APP#${applicationId}`, ":assign": "ASSIGN#" },
    ConsistentRead: true,
  })) as unknown as Assignment[];
}

/** A reviewer's assignments, soonest decision deadline first. */
async function assignmentsOf(reviewerId: string): Promise<(Assignment & { dueKey: string })[]> {
  const items = await Dynamo.queryAll({
    IndexName: Dynamo.keys.gsi1.name,
    KeyConditionExpression: "#pk = :reviewer",
    ExpressionAttributeNames: { "#pk": Dynamo.keys.gsi1.partition },
    ExpressionAttributeValues: { ":reviewer": `REVIEWER#${reviewerId}` },
  });
  const found = items.map((item) => ({
    ...(item as unknown as Assignment),
    dueKey: String(item[Dynamo.keys.gsi1.sort]),
  }));
  return found;
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

export interface QueueItem {
  applicationId: string;
  callId: string;
  stage: Call.Stage;
  decisionDueAt: string | null;
  review: Status;
}

/** A reviewer's queue, soonest decision deadline first; decided and withdrawn applications drop out. */
export async function queue(reviewer: User.Info): Promise<QueueItem[]> {
  const mine = await assignmentsOf(reviewer.id);
  const items: QueueItem[] = [];
  for (const assignment of mine.sort((a, b) => a.dueKey.localeCompare(b.dueKey))) {
    const app = await Application.fromID(assignment.applicationId);
    if (!app || Application.finalStages.includes(app.stage)) continue;
    items.push({
      applicationId: app.id,
      callId: app.callId,
      stage: app.stage,
      decisionDueAt: app.decisionDueAt ?? null,
      review: assignment.status,
    });
  }
  return items;
}

export const AssignInput = z.object({ reviewerIds: z.array(z.string().min(1).max(64)).min(1).max(20) });

/**
 * Assigns reviewers who work on the application's call; each must first declare any conflict of interest.
 * Assigning someone already assigned changes nothing.
 */
export async function assign(actor: User.Info, applicationId: string, input: z.input<typeof AssignInput>) {
  const { reviewerIds } = AssignInput.parse(input);
  const app = await Application.fromID(applicationId);
  if (!app || app.stage === "draft" || !isCoordinating(actor, app.callId)) throw notFound();
  if (Application.finalStages.includes(app.stage)) {
    throw new VisibleError("conflict", "review.decided", "error.already_decided");
  }
  const users = await User.many(reviewerIds);
  const problems: FieldError[] = reviewerIds
    .filter((id) => {
      const user = users.get(id);
      return !user || !user.roles.includes("reviewer") || !User.worksOn(user, app.callId);
    })
    .map((id) => ({ path: `reviewerIds.${reviewerIds.indexOf(id)}`, message: "review.not_a_reviewer" }));
  if (problems.length > 0)
    throw new VisibleError("unprocessable", "review.bad_reviewers", "error.invalid_input", {}, problems);

  const existing = new Set((await assignments(app.id)).map((item) => item.reviewerId));
  const now = new Date().toISOString();
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
      await Dynamo.documentClient().send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: Dynamo.tableName(),
                Item: {
                  ...assignmentKey(app.id, reviewerId),
                  ...assignment,
                  [Dynamo.keys.gsi1.partition]: `REVIEWER#${reviewerId}`,
                  [Dynamo.keys.gsi1.sort]: `${app.decisionDueAt ?? "9999"}#${app.id}`,
                },
                ConditionExpression: "attribute_not_exists(#pk)",
                ExpressionAttributeNames: { "#pk": Dynamo.keys.partition },
              },
            },
            Audit.put(`APP#${app.id}`, "assigned", `user:${actor.id}`, now, { reviewerId }),
          ],
        }),
      );
    } catch (error) {
      if (error instanceof Error && error.name === "TransactionCanceledException") continue; // assigned meanwhile
      throw error;
    }
    const reviewer = users.get(reviewerId)!;
    await Mail.send({
      to: reviewer.email,
      locale: "en",
      subject: "mail.neutral_subject",
      body: "mail.staff_update_body",
      idempotencyKey: `assigned:${app.id}:${reviewerId}`,
    });
  }
  return { assigned: (await assignments(app.id)).map((item) => item.reviewerId) };
}

export const DeclareInput = z.object({ conflict: z.boolean(), note: z.string().trim().max(2_000).optional() });

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
  if (assignment.status !== "conflict_check") {
    throw new VisibleError("conflict", "review.already_declared", "error.already_declared");
  }
  const status: Status = conflict ? "conflicted" : "pending";
  const now = new Date().toISOString();
  try {
    await Dynamo.documentClient().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: Dynamo.tableName(),
              Key: assignmentKey(app.id, actor.id),
              UpdateExpression: "SET #status = :status, declaredAt = :now",
              ConditionExpression: "#status = :unchecked",
              ExpressionAttributeNames: { "#status": "status" },
              ExpressionAttributeValues: { ":status": status, ":now": now, ":unchecked": "conflict_check" },
            },
          },
          Audit.put(`APP#${app.id}`, conflict ? "conflict_declared" : "no_conflict_declared", `user:${actor.id}`, now, {
            ...(conflict && note
              ? { noteSealed: await Crypto.seal(note, { purpose: "note", applicationId: app.id }) }
              : {}),
          }),
        ],
      }),
    );
  } catch (error) {
    if (error instanceof Error && error.name === "TransactionCanceledException") {
      throw new VisibleError("conflict", "review.already_declared", "error.already_declared");
    }
    throw error;
  }
  if (conflict) {
    const coordinators = (await User.list()).filter(
      (user) => user.roles.includes("coordinator") && user.callIds.includes(app.callId),
    );
    for (const coordinator of coordinators) {
      await Mail.send({
        to: coordinator.email,
        locale: "en",
        subject: "mail.neutral_subject",
        body: "mail.staff_update_body",
        idempotencyKey: `conflict:${app.id}:${actor.id}:${coordinator.id}`,
      });
    }
  }
  return { review: status };
}

export const ScoreInput = z.object({
  scores: z.record(z.string(), z.unknown()),
  recommendation: z.enum(["fund", "maybe", "decline"]),
  comment: z.string().trim().max(10_000).default(""),
});

/** The rubric's weighted mean of 1-5 scores, to two decimals. */
export function weightedScore(call: Call.Info, scores: Record<string, number>): number {
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
  const { scores, recommendation, comment } = ScoreInput.parse(input);
  const { app, access: granted } = await readable(actor, applicationId);
  if (granted.kind !== "reviewer") throw new VisibleError("forbidden", "review.not_reviewer", "error.forbidden");
  if (Application.finalStages.includes(app.stage)) {
    throw new VisibleError("conflict", "review.decided", "error.already_decided");
  }
  const call = await Call.get(app.callId);
  const criteria = new Map(call.rubric.criteria.map((criterion) => [criterion.id, criterion]));
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
  if (problems.length > 0)
    throw new VisibleError("unprocessable", "review.invalid_scores", "error.invalid_scores", {}, problems);

  const typed = scores as Record<string, number>;
  const weighted = weightedScore(call, typed);
  const now = new Date().toISOString();
  await Dynamo.documentClient().send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: Dynamo.tableName(),
            Item: {
              ...reviewKey(app.id, actor.id),
              reviewerId: actor.id,
              scores: typed,
              recommendation,
              weightedScore: weighted,
              commentSealed: await Crypto.seal(comment, { purpose: "review", applicationId: app.id }),
              updatedAt: now,
            },
          },
        },
        {
          Update: {
            TableName: Dynamo.tableName(),
            Key: assignmentKey(app.id, actor.id),
            UpdateExpression: "SET #status = :done",
            ConditionExpression: "#status IN (:pending, :done)",
            ExpressionAttributeNames: { "#status": "status" },
            ExpressionAttributeValues: { ":done": "done", ":pending": "pending" },
          },
        },
        Audit.put(`APP#${app.id}`, "scored", `user:${actor.id}`, now, { weightedScore: weighted, recommendation }),
      ],
    }),
  );
  return { weightedScore: weighted };
}

/** Every review of an application, comments decrypted. */
export async function reviews(applicationId: string): Promise<Review[]> {
  const items = await Dynamo.queryAll({
    KeyConditionExpression: "#pk = :pk AND begins_with(#sk, :review)",
    ExpressionAttributeNames: { "#pk": Dynamo.keys.partition, "#sk": Dynamo.keys.sort },
    ExpressionAttributeValues: { ":pk": `APP#${applicationId}`, ":review": "REVIEW#" },
    ConsistentRead: true,
  });
  const found: Review[] = [];
  for (const item of items) {
    found.push({
      reviewerId: String(item["reviewerId"]),
      scores: item["scores"] as Record<string, number>,
      recommendation: item["recommendation"] as Review["recommendation"],
      weightedScore: Number(item["weightedScore"]),
      comment: parseStored(
        z.string(),
        await Crypto.open(String(item["commentSealed"]), { purpose: "review", applicationId }),
        "review comment",
      ),
      updatedAt: String(item["updatedAt"]),
    });
  }
  return found;
}

/** The mean weighted score of an application's reviews, or null before any. */
export function meanScore(list: Review[]): number | null {
  if (list.length === 0) return null;
  return Math.round((list.reduce((sum, review) => sum + review.weightedScore, 0) / list.length) * 100) / 100;
}

/** An application as staff see it: never the applicant's contact details. */
export interface StaffView {
  id: string;
  callId: string;
  stage: Call.Stage;
  version: number;
  language: string;
  submittedAt?: string;
  decisionDueAt?: string;
  decision?: Application.Info["decision"];
  conceptNote: { fields: Record<string, string> };
  funding?: Application.Funding;
  budgetFile?: { fileName: string; contentType: string; size: number; sha256: string; url: string };
  /** The viewer's own review status, when they are its reviewer. */
  review?: Status;
  /** Reviews the viewer may see: all for coordinators; for a reviewer, only once their own is saved. */
  reviews: Review[];
  meanScore: number | null;
  /** Coordinators only. */
  assignments?: Assignment[];
  allowedMoves?: Call.Stage[];
  events?: (Audit.Event & { note?: string })[];
}

/** What `user` may see of an application (404 or 403 as `readable` decides). */
export async function view(user: User.Info, applicationId: string): Promise<StaffView> {
  const { app, access: granted } = await readable(user, applicationId);
  const call = await Call.get(app.callId);
  const all = await reviews(app.id);
  const own = all.find((review) => review.reviewerId === user.id);
  const visible = granted.kind === "coordinator" || own ? all : [];
  const coordinator = granted.kind === "coordinator";
  const events = coordinator
    ? await Promise.all(
        (await Audit.list(`APP#${app.id}`)).map(async ({ noteSealed, ...event }) => ({
          ...event,
          ...(typeof noteSealed === "string" ? { note: await Application.openNote(app.id, noteSealed) } : {}),
        })),
      )
    : undefined;
  return {
    id: app.id,
    callId: app.callId,
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
            url: await Upload.downloadUrl(app.budgetFile.key, app.budgetFile.fileName),
          },
        }
      : {}),
    ...(granted.kind === "reviewer" ? { review: granted.assignment.status } : {}),
    reviews: visible,
    meanScore: coordinator || own ? meanScore(all) : null,
    ...(coordinator
      ? { assignments: await assignments(app.id), allowedMoves: Stage.allowedMoves(call, app.stage), events }
      : {}),
  };
}

/** A coordinator's list of a call's applications with review counts and mean scores. */
export async function listForCoordinator(user: User.Info, callId: string, stage?: Call.Stage) {
  if (!isCoordinating(user, callId)) throw new VisibleError("forbidden", "review.not_coordinator", "error.forbidden");
  const summaries = await Application.listForCall(callId, stage);
  return Promise.all(
    summaries.map(async (summary) => {
      const list = await reviews(summary.id);
      return {
        id: summary.id,
        stage: summary.stage,
        version: summary.version,
        decisionDueAt: summary.decisionDueAt ?? null,
        reviews: list.length,
        meanScore: meanScore(list),
      };
    }),
  );
}
