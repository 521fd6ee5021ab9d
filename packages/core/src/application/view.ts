// What the applicant sees of their application: never a storage key or anything staff wrote.
import { z } from "zod";
import * as Contact from "../contact/index.js";
import { Stage } from "../stage/stages.js";
import { FullApplicationView, fullApplicationView } from "./full-stored.js";
import { conversation, draftAnswer, MoreInfoView, openQuestion } from "./more-info.js";
import { BudgetFile, Decision, Funding, Identity, type Info } from "./record.js";

/** A budget file as anyone outside storage sees it: never its storage key. */
export const PublicBudgetFile = BudgetFile.omit({ key: true });

/** What confirming an upload answers: the file as accepted. */
export const ConfirmedUpload = z.object({ budgetFile: PublicBudgetFile });

export const View = z.object({
  id: z.string(),
  callId: z.string(),
  stage: Stage,
  version: z.number().int(),
  language: z.string(),
  conceptNote: z.object({
    fields: z.record(z.string(), z.string()),
    /** Words per field, as counted when the note was last saved (the counts every page and check uses). */
    words: z.record(z.string(), z.number().int()).optional(),
  }),
  funding: Funding.optional(),
  budgetFile: PublicBudgetFile.optional(),
  submittedAt: z.string().optional(),
  decisionDueAt: z.string().optional(),
  decision: Decision.pick({ outcome: true, amount: true }).optional(),
  /** The open question while more information is asked for (the last of `moreInfo.rounds`). */
  moreInfoRequest: z.string().optional(),
  /** Every request for more information and its answer, oldest first, and the answer written so far. */
  moreInfo: MoreInfoView.optional(),
  /** A coordinator's message with the decision. */
  messageToApplicant: z.string().optional(),
  /** The name or organisation and country given for reviewers (what they see before declaring conflicts). */
  identity: Identity.optional(),
  /** Once shortlisted in a call with a second stage, the full application (`full-application.ts`). */
  fullApplication: FullApplicationView.optional(),
  /**
   * With a contact address: whether it is confirmed, or a confirmation was sent for this application or, in
   * the last 30 days, for another; nothing but that email goes to it until it is confirmed.
   */
  contact: z.object({ status: Contact.Status }).optional(),
});
export type View = z.infer<typeof View>;

/** A budget file without its storage key. */
export function publicBudgetFile({ key: _key, ...file }: BudgetFile): Omit<BudgetFile, "key"> {
  return file;
}

/** What the applicant sees of their application: never the storage key or anything staff wrote. */
export function view(app: Info): View {
  return {
    id: app.id,
    callId: app.callId,
    stage: app.stage,
    version: app.version,
    language: app.language,
    conceptNote: { fields: app.conceptNote, ...(app.wordCounts ? { words: app.wordCounts } : {}) },
    ...(app.funding ? { funding: app.funding } : {}),
    ...(app.budgetFile ? { budgetFile: publicBudgetFile(app.budgetFile) } : {}),
    ...(app.submittedAt ? { submittedAt: app.submittedAt } : {}),
    ...(app.decisionDueAt ? { decisionDueAt: app.decisionDueAt } : {}),
    ...(app.decision
      ? {
          decision: {
            outcome: app.decision.outcome,
            ...(app.decision.amount !== undefined ? { amount: app.decision.amount } : {}),
          },
        }
      : {}),
    ...moreInfoOf(app),
    ...(app.messageToApplicant ? { messageToApplicant: app.messageToApplicant } : {}),
    ...(app.identity ? { identity: app.identity } : {}),
    ...(app.fullApplication ? { fullApplication: fullApplicationView(app.fullApplication) } : {}),
  };
}

/** The open question (as `moreInfoRequest`, as before rounds were kept) and every round, with the draft answer. */
function moreInfoOf(app: Info): Pick<View, "moreInfoRequest" | "moreInfo"> {
  const rounds = conversation(app);
  if (rounds.length === 0) return {};
  const open = openQuestion(app);
  const draft = open ? draftAnswer(app) : "";
  return {
    ...(open ? { moreInfoRequest: open.question } : {}),
    moreInfo: { rounds, ...(draft ? { draftAnswer: draft } : {}) },
  };
}

/** The applicant's view with what they should know of their contact address (`Contact.status`). */
export async function viewWithContact(app: Info): Promise<View> {
  const status = await Contact.status(app);
  return { ...view(app), ...(status ? { contact: { status } } : {}) };
}
