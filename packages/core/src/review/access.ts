// Who may do what with an application: the assignments as stored, and the one gate every staff reading and
// coordinator action goes through (404 to whoever may not know it exists, 403 after a declared conflict).
import { z } from "zod";
import * as Application from "../application/index.js";
import * as Dynamo from "../dynamo/index.js";
import { ConflictDeclaredError, DeclareConflictFirstError, NotFoundError } from "../error/index.js";
import * as User from "../user/index.js";
import { parseStored } from "../util/stored.js";

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

const parseAssignment = (item: Record<string, unknown>) => parseStored(Assignment, item, "assignment");
export const notFound = () => new NotFoundError("application.not_found");
export const isCoordinating = (user: User.Info, callId: string) =>
  (user.roles.includes("coordinator") || user.roles.includes("admin")) && User.worksOn(user, callId);

/** What a staff member may do with one application. */
export type Access =
  | { kind: "coordinator" }
  | { kind: "reviewer"; assignment: Assignment }
  | { kind: "undeclared"; assignment: Assignment }
  | { kind: "conflicted"; assignment: Assignment }
  | { kind: "none" };

export async function assignmentOf(applicationId: string, reviewerId: string): Promise<Assignment | undefined> {
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

/** Every assignment of one application. */
export async function assignments(applicationId: string): Promise<Assignment[]> {
  return (await Dynamo.queryCollection(Dynamo.Collection.assignments(applicationId))).map(parseAssignment);
}

/** A reviewer's assignments, soonest decision deadline first. */
export async function assignmentsOf(reviewerId: string): Promise<(Assignment & { dueKey: string })[]> {
  const items = await Dynamo.queryIndex(Dynamo.IndexPartition.reviewerAssignments(reviewerId));
  return items.map((item) => ({ ...parseAssignment(item), dueKey: String(item[Dynamo.keys.gsi1.sort]) }));
}
