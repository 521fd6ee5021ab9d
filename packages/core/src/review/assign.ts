// Putting reviewers on an application and their declarations of a conflict of interest, which come before
// they may read anything of it.
import { z } from "zod";
import * as Application from "../application/index.js";
import * as Audit from "../audit/index.js";
import * as Call from "../call/index.js";
import * as Clock from "../clock/index.js";
import * as Dynamo from "../dynamo/index.js";
import { ConflictDeclaredError, ConflictError, UnprocessableError, type FieldError } from "../error/index.js";
import * as Outbox from "../outbox/index.js";
import * as Stage from "../stage/stages.js";
import * as User from "../user/index.js";
import {
  access,
  assignmentOf,
  assignments,
  assignmentsOf,
  coordinated,
  notFound,
  Status,
  type Assignment,
} from "./access.js";

/**
 * What an assigned reviewer sees before declaring a conflict of interest: the application's call
 * and the name or organisation and country the applicant gave (each absent when not given), nothing else. The
 * declaration page and `GET /api/v1/review/applications/{id}/conflict` both show exactly this.
 */
export const BeforeDeclaration = z.object({
  applicationId: z.string(),
  callId: z.string(),
  identity: Application.Identity.extend({ countryFromQuiz: z.literal(true).optional() }),
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
  return {
    applicationId: app.id,
    callId: app.callId,
    identity: Application.staffIdentity(app, await Call.forApplication(app)),
  };
}

/** The identity alone, of what `beforeDeclaration` gives. */
export async function identityForDeclaration(
  user: User.Info,
  applicationId: string,
): Promise<Application.StaffIdentity> {
  return (await beforeDeclaration(user, applicationId)).identity;
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
            "mail.staff_conflict_body",
          )
        : []),
    ]);
  } catch (error) {
    if (Dynamo.isConditionFailure(error)) throw new ConflictError("review.already_declared", "error.already_declared");
    throw error;
  }
  return { review: status };
}
