// The application as stored and as the domain sees it: the record's schemas and types, and the sealing of
// its content. Every other module of the folder reads and writes applications through these.
import { z } from "zod";
import * as Call from "../call/index.js";
import * as Contact from "../contact/index.js";
import * as Country from "../country/index.js";
import * as Crypto from "../crypto/index.js";
import { canonicalLocale, defaultLocale, isReviewed, Locale } from "../i18n/index.js";
import { decisionStages, Stage } from "../stage/stages.js";
import * as Upload from "../upload/index.js";
import { parseStored } from "../util/stored.js";
import {
  objectKeys,
  openFull,
  SealedFullApplication,
  sealedFull,
  StoredFullApplication,
  type FullApplicationInfo,
} from "./full-stored.js";
import { PaymentState, ReportState, StoredAgreement, type Agreement } from "./award-stored.js";
import { openPart, partObjectKeys, SealedPart, sealedPart, StoredPart, type PartContent } from "./part-stored.js";

/**
 * What the applicant asks for. The annual budget is there when given or taken from the quiz; a call only needs it
 * for a ratio rule (`needsAnnualBudget`), so an emergency request has none.
 */
export const Funding = z.object({
  amount: z.number().int().positive(),
  annualBudget: z.number().int().nonnegative().optional(),
  months: z.number().int().positive(),
});
export type Funding = z.infer<typeof Funding>;

/**
 * What a client sends for the funding: the annual budget may be left out when no rule of the call needs it, or
 * when the call's quiz asked for it (`funding.annualBudgetQuestion`): the quiz answer is then used.
 */
export const FundingInput = Funding;
export type FundingInput = z.input<typeof FundingInput>;

export const BudgetFile = z.object({
  key: z.string(),
  fileName: z.string(),
  contentType: Call.BudgetFileType,
  size: z.number().int(),
  sha256: z.string(),
  /** What staff should know before opening it (formula cells in a CSV); absent when nothing. */
  warnings: z.array(Upload.Warning).optional(),
});
export type BudgetFile = z.infer<typeof BudgetFile>;

/** A coordinator's decision: the outcome, the amount granted (approvals) and when. */
export const Decision = z.object({
  outcome: z.enum(decisionStages),
  amount: z.number().int().positive().optional(),
  decidedAt: z.string(),
});
export type Decision = z.infer<typeof Decision>;

/**
 * One round of a request for more information: the coordinator's question and when it was asked, then the
 * applicant's answer and when it was sent (with the resubmission). Rounds are kept, oldest first.
 */
export const MoreInfoRound = z.object({
  question: z.string(),
  askedAt: z.string(),
  answer: z.string().optional(),
  answeredAt: z.string().optional(),
});
export type MoreInfoRound = z.infer<typeof MoreInfoRound>;

/**
 * Who the applicant is, as they choose to be known to reviewers, so that a reviewer can recognise a conflict
 * of interest before reading anything else. Both optional; sealed with the content.
 */
export const Identity = z.object({
  /** A name or an organisation's name, as reviewers should know it. */
  name: z.string().trim().min(1).max(200).optional(),
  country: Country.Code.optional(),
});
export type Identity = z.infer<typeof Identity>;

/** The stages a grant can be suspended from, and so resume to. */
export const SuspendedFrom = z.enum(["agreed", "active", "report_due", "reported"]);
export type SuspendedFrom = z.infer<typeof SuspendedFrom>;

/** What is encrypted before it reaches DynamoDB: everything an applicant wrote or could be known by. */
const Sealed = z.object({
  answers: z.record(z.string(), z.union([z.string(), z.array(z.string()), z.boolean(), z.number()])),
  contact: z.object({ email: z.email() }).optional(),
  conceptNote: z.record(z.string(), z.string()),
  budgetFileName: z.string().optional(),
  budgetFileSha256: z.string().optional(),
  pendingFileName: z.string().optional(),
  /** What a coordinator asked for, on items written before `moreInfo` kept every round (read as its open one). */
  moreInfoRequest: z.string().optional(),
  /** Every request for more information and its answer, oldest first. */
  moreInfo: z.array(MoreInfoRound).optional(),
  /** A coordinator's short message to the applicant with a decision or a request (shown on their status page). */
  messageToApplicant: z.string().optional(),
  /** Amounts say much about an organisation: sealed too (report counters carry what reports need). */
  funding: z.lazy(() => Funding).optional(),
  approvedAmount: z.number().int().positive().optional(),
  /** The name or organisation and country given for reviewers' conflict checks. */
  identity: Identity.optional(),
  /** The full application's text and its documents' names and hashes. */
  fullApplication: SealedFullApplication.optional(),
  /** Each declared part's text and its files' names and hashes (`part-stored.ts`). */
  parts: z.record(z.string(), SealedPart).optional(),
  /** The name the applicant typed to accept the grant's agreement. */
  agreementName: z.string().optional(),
  /** Each report's conversation: what a coordinator asked for more of, and the answer sent with the report. */
  reportRounds: z.record(z.string(), z.array(MoreInfoRound)).optional(),
});
type Sealed = z.infer<typeof Sealed>;

/** An application as the domain sees it, decrypted. */
export interface Info {
  id: string;
  callId: string;
  /** The call's version it was made under (`Call.forApplication`); absent on applications made before versions. */
  callVersion?: number;
  stage: Stage;
  version: number;
  /** The language the applicant writes in (word counts follow it). */
  language: string;
  /** The language they read the pages in when they started: emails go in it (`emailLocale`). */
  interfaceLanguage?: Locale;
  createdAt: string;
  updatedAt: string;
  submittedAt?: string;
  decisionDueAt?: string;
  withdrawnAt?: string;
  decision?: Decision;
  /** When the decision clock marked it overdue (the decision came later than promised). */
  overdueAt?: string;
  /** A late concept round's overdue mark, kept when the full application started a second promise. */
  conceptOverdueAt?: string;
  /** The decision clock (`decision-clock/`): when to remind reviewers and to escalate. */
  reminderAt?: string;
  escalationAt?: string;
  /** When the clock reminded and escalated (each once). */
  remindedAt?: string;
  escalatedAt?: string;
  /** When it was sent back for more information: the clock stands still until the applicant resubmits. */
  pausedAt?: string;
  /** The clock's generation: its execution is named `<id>-<generation>`; a new clock gets the next one. */
  clockGeneration?: number;
  funding?: Funding;
  budgetFile?: BudgetFile;
  pendingUpload?: { key: string; contentType: Upload.FileType; expiresAt: string; fileName: string };
  answers: Sealed["answers"];
  contact?: { email: string };
  /** What was found for the contact address when it was given (see `Contact.Check`); absent on older items. */
  contactCheck?: Contact.Check;
  conceptNote: Record<string, string>;
  /** Words per concept-note field, counted when the note was saved (absent on items saved before they were). */
  wordCounts?: Record<string, number>;
  /** An open request kept before `moreInfo` existed: read as its one unanswered round (`more-info.ts`). */
  moreInfoRequest?: string;
  /** Every request for more information and its answer, oldest first (`more-info.ts`). */
  moreInfo?: MoreInfoRound[];
  /** A coordinator's message to the applicant, with the last decision or request for more information. */
  messageToApplicant?: string;
  /** The name or organisation and country the applicant gave for reviewers' conflict checks. */
  identity?: Identity;
  /** A grant call's second stage, from the shortlisting that invites it (`full-application.ts`). */
  fullApplication?: FullApplicationInfo;
  /** The content of the parts kept in the common place (`part.ts`, `keptOnApplication`), by part name. */
  parts?: Record<string, PartContent>;
  /** After an approval (`award/`): when the agreement went to the applicant. */
  agreementSentAt?: string;
  /** The accepted agreement, with the name typed to accept it. */
  agreement?: Agreement;
  /** When the applicant turned the award or its agreement down. */
  declinedByApplicantAt?: string;
  /** The stage a suspended grant returns to when a coordinator resumes it. */
  suspendedFrom?: SuspendedFrom;
  cancelledAt?: string;
  /** When a coordinator closed the grant, its reports all accepted: retention counts from here. */
  closedAt?: string;
  /** Where each of the grant's reports stands, by report id (`ReportState`). */
  reports?: Record<string, ReportState>;
  /** Each report's rounds of "more, please" and their answers, by report id (sealed). */
  reportRounds?: Record<string, MoreInfoRound[]>;
  /** The grant's payments and its payment method, as far as the item says (counts and dates). */
  payment?: PaymentState;
}

/** The stored item: structure in the clear, content sealed. */
export const StoredItem = z.object({
  id: z.string(),
  callId: z.string(),
  callVersion: z.number().int().positive().optional(),
  stage: Stage,
  version: z.number().int(),
  language: z.string(),
  /** Absent on applications made before it was kept: their emails follow the writing language, as then. */
  interfaceLanguage: Locale.optional(),
  tokenHash: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  submittedAt: z.string().optional(),
  decisionDueAt: z.string().optional(),
  withdrawnAt: z.string().optional(),
  /** The amount granted is sealed with the content (`approvedAmount`), not kept here. */
  decision: Decision.omit({ amount: true }).optional(),
  overdueAt: z.string().optional(),
  conceptOverdueAt: z.string().optional(),
  reminderAt: z.string().optional(),
  escalationAt: z.string().optional(),
  remindedAt: z.string().optional(),
  escalatedAt: z.string().optional(),
  pausedAt: z.string().optional(),
  clockGeneration: z.number().int().positive().optional(),
  /** Its name and hash are sealed (`budgetFileName`, `budgetFileSha256`): a hash can confirm a guessed file. */
  // (`sha256` here only on items stored before it was sealed.)
  budgetFile: BudgetFile.omit({ fileName: true }).partial({ sha256: true }).optional(),
  pendingUpload: z.object({ key: z.string(), contentType: Call.BudgetFileType, expiresAt: z.string() }).optional(),
  /** Words per concept-note field, counted on save: numbers, not content, so in the clear. */
  wordCounts: z.record(z.string(), z.number().int().nonnegative()).optional(),
  /**
   * Whether a confirmation went to the contact address (not the address: that is sealed). Items without it
   * were made before addresses were confirmed, and count as confirmed once submitted (`Contact.mayEmail`).
   */
  contactCheck: Contact.Check.optional(),
  /** The full application's structure (dates, word counts, documents' keys); its text and names are sealed. */
  fullApplication: StoredFullApplication.optional(),
  /** Each declared part's structure (word counts, files' keys); its text and names are sealed. */
  parts: z.record(z.string(), StoredPart).optional(),
  agreementSentAt: z.string().optional(),
  /** The agreement's dates; the name typed to accept it is sealed (`agreementName`). */
  agreement: StoredAgreement.optional(),
  declinedByApplicantAt: z.string().optional(),
  suspendedFrom: SuspendedFrom.optional(),
  cancelledAt: z.string().optional(),
  closedAt: z.string().optional(),
  reports: z.record(z.string(), ReportState).optional(),
  payment: PaymentState.optional(),
  sealed: z.string(),
});
export type StoredItem = z.infer<typeof StoredItem>;

const sealContext = (id: string) => ({ purpose: "application", applicationId: id });

/** The application an item holds, its content opened. */
export async function unseal(item: StoredItem): Promise<Info> {
  const sealed = parseStored(Sealed, await Crypto.open(item.sealed, sealContext(item.id)), "application content");
  const {
    tokenHash: _tokenHash,
    sealed: _sealed,
    budgetFile,
    pendingUpload,
    decision,
    fullApplication,
    parts,
    agreement,
    ...structure
  } = item;
  return {
    ...structure,
    ...(decision
      ? { decision: { ...decision, ...(sealed.approvedAmount !== undefined ? { amount: sealed.approvedAmount } : {}) } }
      : {}),
    ...(sealed.funding ? { funding: sealed.funding } : {}),
    ...(budgetFile
      ? {
          budgetFile: {
            ...budgetFile,
            fileName: sealed.budgetFileName ?? "budget",
            // Items stored before the hash was sealed still carry it in the clear.
            sha256: sealed.budgetFileSha256 ?? budgetFile.sha256 ?? "",
          },
        }
      : {}),
    ...(pendingUpload ? { pendingUpload: { ...pendingUpload, fileName: sealed.pendingFileName ?? "budget" } } : {}),
    answers: sealed.answers,
    ...(sealed.contact ? { contact: sealed.contact } : {}),
    conceptNote: sealed.conceptNote,
    ...(sealed.moreInfoRequest ? { moreInfoRequest: sealed.moreInfoRequest } : {}),
    ...(sealed.moreInfo ? { moreInfo: sealed.moreInfo } : {}),
    ...(sealed.reportRounds ? { reportRounds: sealed.reportRounds } : {}),
    ...(sealed.messageToApplicant ? { messageToApplicant: sealed.messageToApplicant } : {}),
    ...(sealed.identity ? { identity: sealed.identity } : {}),
    ...(fullApplication ? { fullApplication: openFull(fullApplication, sealed.fullApplication) } : {}),
    ...(agreement
      ? { agreement: { ...agreement, ...(sealed.agreementName ? { name: sealed.agreementName } : {}) } }
      : {}),
    ...(parts
      ? {
          parts: Object.fromEntries(
            Object.entries(parts).map(([name, stored]) => [name, openPart(stored, sealed.parts?.[name])]),
          ),
        }
      : {}),
  };
}

/** Every S3 object an application holds, accepted copies and uploads never confirmed: what the sweeps delete. */
export function objectKeysOf(item: StoredItem): string[] {
  return [
    ...[item.budgetFile?.key, item.pendingUpload?.key].filter((key) => key !== undefined),
    ...objectKeys(item.fullApplication),
    ...Object.values(item.parts ?? {}).flatMap(partObjectKeys),
  ];
}

/** The application's content, sealed, as it is stored: for a change that rewrites it (`stage.commit`). */
export function sealContent(app: Info): Promise<string> {
  return Crypto.seal(sealedOf(app), sealContext(app.id));
}

function sealedOf(app: Info): Sealed {
  return {
    answers: app.answers,
    ...(app.contact ? { contact: app.contact } : {}),
    conceptNote: app.conceptNote,
    ...(app.budgetFile ? { budgetFileName: app.budgetFile.fileName, budgetFileSha256: app.budgetFile.sha256 } : {}),
    ...(app.pendingUpload ? { pendingFileName: app.pendingUpload.fileName } : {}),
    ...(app.moreInfoRequest ? { moreInfoRequest: app.moreInfoRequest } : {}),
    ...(app.moreInfo && app.moreInfo.length > 0 ? { moreInfo: app.moreInfo } : {}),
    ...(app.messageToApplicant ? { messageToApplicant: app.messageToApplicant } : {}),
    ...(app.funding ? { funding: app.funding } : {}),
    ...(app.decision?.amount !== undefined ? { approvedAmount: app.decision.amount } : {}),
    ...(app.identity && (app.identity.name || app.identity.country) ? { identity: app.identity } : {}),
    ...(app.fullApplication ? { fullApplication: sealedFull(app.fullApplication) } : {}),
    ...(app.parts
      ? {
          parts: Object.fromEntries(Object.entries(app.parts).map(([name, content]) => [name, sealedPart(content)])),
        }
      : {}),
    ...(app.agreement?.name ? { agreementName: app.agreement.name } : {}),
    ...(app.reportRounds && Object.keys(app.reportRounds).length > 0 ? { reportRounds: app.reportRounds } : {}),
  };
}

/** Seals a staff note kept with an audit event (a decline's reason, a conflict's explanation). */
export function sealNote(applicationId: string, note: string): Promise<string> {
  return Crypto.seal(note, { purpose: "note", applicationId });
}

/** Opens a staff note sealed with an event. */
export async function openNote(applicationId: string, sealed: string): Promise<string> {
  return parseStored(z.string(), await Crypto.open(sealed, { purpose: "note", applicationId }), "note");
}

/**
 * The language the applicant's emails go in: the one they read the pages in when they started, else (made before
 * that was kept) their writing language where it is a reviewed interface language, else English: an application
 * made before a drafted language was offered never gets its emails in it unasked.
 */
export function emailLocale(app: Pick<Info, "interfaceLanguage" | "language">): Locale {
  if (app.interfaceLanguage) return app.interfaceLanguage;
  const written = canonicalLocale(app.language);
  return written && isReviewed(written) ? written : defaultLocale;
}
