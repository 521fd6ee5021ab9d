import { z } from "zod";

/** Every stage an application can be in; a call chooses which it uses (`Call.Info.stages`). */
export const Stage = z.enum([
  "draft",
  "submitted",
  "in_review",
  "more_info",
  "shortlisted",
  // A shortlisted organisation's full application, sent (a grant call with a second stage, `fullApplication`).
  "full_submitted",
  "approved",
  "declined",
  "withdrawn",
  // After the award (`award/`): the agreement sent, accepted (or signed outside), the grant paid in part or whole,
  // and the ways it can stop: the applicant turning it down, a coordinator suspending or cancelling it.
  "agreement_sent",
  "agreed",
  "active",
  "declined_by_applicant",
  "suspended",
  "cancelled",
  // Reports after the award (`stage/plan-reports.ts`): one is due (its reminder went, or it is late, or more was
  // asked), one was sent and waits for a coordinator, and the grant closed once every report was accepted.
  "report_due",
  "reported",
  "closed",
]);
export type Stage = z.infer<typeof Stage>;

/** Stages every call needs: an application must be able to start, be submitted, be decided and be withdrawn. */
export const requiredStages: readonly Stage[] = ["draft", "submitted", "approved", "declined", "withdrawn"];

/** Stages in which the applicant may still edit. */
export const editableStages: readonly Stage[] = ["draft", "more_info"];

/** The decisions. */
export const decisionStages = ["approved", "declined"] as const;
export type Decision = (typeof decisionStages)[number];

/** The stages of a grant's life after its approval: a call uses those it lists. */
export const awardStages = [
  "agreement_sent",
  "agreed",
  "active",
  "declined_by_applicant",
  "suspended",
  "cancelled",
  "report_due",
  "reported",
  "closed",
] as const satisfies readonly Stage[];
export type AwardStage = (typeof awardStages)[number];

/** Stages in which a grant runs: agreed, paid in part or whole, reporting, or held by a coordinator. */
export const runningGrantStages: readonly Stage[] = ["agreed", "active", "report_due", "reported", "suspended"];

/** Stages in which a grant's reports may be written and sent: running, and not held by a coordinator. */
export const reportingStages: readonly Stage[] = ["agreed", "active", "report_due", "reported"];

/**
 * Stages after which the review is over: decided (and whatever the award goes through after an approval) or
 * withdrawn. No reviewer scores, and no decision changes, any more.
 */
export const finalStages: readonly Stage[] = ["approved", "declined", "withdrawn", ...awardStages];

/**
 * Stages in which an application waits for a decision, so the decision clock runs (`clock.ts`: not while a
 * grant call's shortlisted write their full application; again, its second generation, once it is sent).
 */
export const awaitingDecisionStages: readonly Stage[] = ["submitted", "in_review", "shortlisted", "full_submitted"];

export const isDecision = (stage: Stage): stage is Decision => stage === "approved" || stage === "declined";
export const isFinal = (stage: Stage) => finalStages.includes(stage);
export const isEditable = (stage: Stage) => editableStages.includes(stage);
