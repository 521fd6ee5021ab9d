// One application as staff see it (content, reviews, assignments, events, the decision clock), cut to what
// the viewer's access allows, and recorded as viewed.
import { z } from "zod";
import * as Application from "../application/index.js";
import * as Audit from "../audit/index.js";
import * as Call from "../call/index.js";
// The leaf modules of stage, not its index: stage's transition reads access rules from this folder.
import { allowedMoves } from "../stage/plan.js";
import * as Stage from "../stage/stages.js";
import type * as User from "../user/index.js";
import { Assignment, assignments, readable, Status } from "./access.js";
import { meanScore, Review, reviews, roundOf, type Round } from "./scoring.js";

/**
 * Where staff API clients download an application's budget file: through the staff app, never a link
 * straight into the bucket, so every download is checked and recorded. The staff pages have their own
 * route (`/staff/applications/<id>/budget-file`), authorised by the session cookie instead.
 */
export const budgetFileUrl = (applicationId: string) => `/api/v1/review/applications/${applicationId}/budget-file`;

/** Where staff API clients download one of a full application's documents, as the budget file. */
export const documentUrl = (applicationId: string, documentId: string) =>
  `/api/v1/review/applications/${applicationId}/documents/${documentId}`;

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
  /** Coordinators only, on record (`viewed`, part `eligibility`): the quiz's answers, by question id. */
  eligibility: z.record(z.string(), z.union([z.string(), z.array(z.string()), z.boolean(), z.number()])).optional(),
  allowedMoves: z.array(Stage.Stage).optional(),
  events: z.array(StaffEvent).optional(),
  /** The decision clock, once submitted: when it is due and what it has done so far. */
  clock: DecisionClock.optional(),
  /**
   * Coordinators only, on record (`viewed`, part `more_info`): every question asked for more information, with
   * when it was asked, and the applicant's answer with when it was sent; oldest first. Absent when none was asked.
   */
  moreInfo: z.array(Application.MoreInfoRound).optional(),
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
  // Coordinators also see the eligibility answers, opened on record as a part of their own.
  if (coordinator) await Audit.recordViews(user.id, [app.id], "eligibility");
  // The questions asked and the answers given, too, once there are any.
  const moreInfo = coordinator ? Application.conversation(app) : [];
  if (moreInfo.length > 0) await Audit.recordViews(user.id, [app.id], "more_info");
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
      ? {
          assignments: await assignments(app.id),
          allowedMoves: allowedMoves(call, app.stage, "coordinator", app),
          events,
          eligibility: app.answers,
          ...(moreInfo.length > 0 ? { moreInfo } : {}),
        }
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
