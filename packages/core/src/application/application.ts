import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import * as Audit from "../audit/index.js";
import * as Call from "../call/index.js";
import * as Clock from "../clock/index.js";
import * as Contact from "../contact/index.js";
import * as Country from "../country/index.js";
import * as Crypto from "../crypto/index.js";
import * as Dynamo from "../dynamo/index.js";
import * as Eligibility from "../eligibility/index.js";
import {
  ApplicationChangedError,
  CallClosedError,
  InvalidInputError,
  NotFoundError,
  StageConflictError,
  UnprocessableError,
  type FieldError,
} from "../error/index.js";
import { Locale } from "../i18n/index.js";
import * as RateLimit from "../rate-limit/index.js";
import { decisionStages, editableStages, finalStages, isEditable, Stage } from "../stage/stages.js";
import * as Upload from "../upload/index.js";
import * as Words from "../words/index.js";
import { parseStored } from "../util/stored.js";
import {
  FullApplicationView,
  fullApplicationView,
  openFull,
  SealedFullApplication,
  sealedFull,
  StoredFullApplication,
  type FullApplicationInfo,
} from "./full-stored.js";

/* ---------------------------------- records ---------------------------------- */

export { editableStages, finalStages, Stage };

export const Funding = z.object({
  amount: z.number().int().positive(),
  annualBudget: z.number().int().nonnegative(),
  months: z.number().int().positive(),
});
export type Funding = z.infer<typeof Funding>;

/**
 * What a client sends for the funding: the annual budget may be left out when the call's quiz asked for it
 * (`funding.annualBudgetQuestion`); the quiz answer is then used, so the applicant is asked once.
 */
export const FundingInput = Funding.extend({ annualBudget: Funding.shape.annualBudget.optional() });
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
 * Who the applicant is, as they choose to be known to reviewers, so that a reviewer can recognise a conflict
 * of interest before reading anything else. Both optional; sealed with the content.
 */
export const Identity = z.object({
  /** A name or an organisation's name, as reviewers should know it. */
  name: z.string().trim().min(1).max(200).optional(),
  country: Country.Code.optional(),
});
export type Identity = z.infer<typeof Identity>;

/** What is encrypted before it reaches DynamoDB: everything an applicant wrote or could be known by. */
const Sealed = z.object({
  answers: z.record(z.string(), z.union([z.string(), z.array(z.string()), z.boolean(), z.number()])),
  contact: z.object({ email: z.email() }).optional(),
  conceptNote: z.record(z.string(), z.string()),
  budgetFileName: z.string().optional(),
  budgetFileSha256: z.string().optional(),
  pendingFileName: z.string().optional(),
  /** What a coordinator asked for when sending the application back (shown to the applicant). */
  moreInfoRequest: z.string().optional(),
  /** A coordinator's short message to the applicant with a decision or a request (shown on their status page). */
  messageToApplicant: z.string().optional(),
  /** Amounts say much about an organisation: sealed too (report counters carry what reports need). */
  funding: z.lazy(() => Funding).optional(),
  approvedAmount: z.number().int().positive().optional(),
  /** The name or organisation and country given for reviewers' conflict checks. */
  identity: Identity.optional(),
  /** The full application's text and its documents' names and hashes. */
  fullApplication: SealedFullApplication.optional(),
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
  language: string;
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
  moreInfoRequest?: string;
  /** A coordinator's message to the applicant, with the last decision or request for more information. */
  messageToApplicant?: string;
  /** The name or organisation and country the applicant gave for reviewers' conflict checks. */
  identity?: Identity;
  /** A grant call's second stage, from the shortlisting that invites it (`full-application.ts`). */
  fullApplication?: FullApplicationInfo;
}

/** The stored item: structure in the clear, content sealed. */
export const StoredItem = z.object({
  id: z.string(),
  callId: z.string(),
  callVersion: z.number().int().positive().optional(),
  stage: Stage,
  version: z.number().int(),
  language: z.string(),
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
  sealed: z.string(),
});
export type StoredItem = z.infer<typeof StoredItem>;
type Item = StoredItem;
const Item = StoredItem;

const sealContext = (id: string) => ({ purpose: "application", applicationId: id });

/* --------------------------------- access codes -------------------------------- */

// Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives.
const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** 160 random bits as 32 characters in groups of four: `7K2Q-...`. */
function newToken(): string {
  const bytes = randomBytes(20);
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out.match(/.{4}/g)!.join("-");
}

/** Reads a code the way people type it: any case, with or without dashes and spaces, O for 0, I or L for 1. */
export function normalizeToken(token: string): string {
  return token.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
}

function hashToken(token: string): string {
  return createHash("sha256").update(normalizeToken(token)).digest("hex");
}

/** A random id no one can guess: 26 base32 characters, 130 bits, lower case. */
function newId(): string {
  return Array.from(randomBytes(26))
    .map((byte) => alphabet[byte & 31])
    .join("")
    .toLowerCase();
}

/* ----------------------------------- reading ----------------------------------- */

async function readItem(id: string): Promise<Item | undefined> {
  const found = await Dynamo.get(Dynamo.Key.application(id));
  return found ? parseStored(Item, found, "application") : undefined;
}

async function unseal(item: Item): Promise<Info> {
  const sealed = parseStored(Sealed, await Crypto.open(item.sealed, sealContext(item.id)), "application content");
  const {
    tokenHash: _tokenHash,
    sealed: _sealed,
    budgetFile,
    pendingUpload,
    decision,
    fullApplication,
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
    ...(sealed.messageToApplicant ? { messageToApplicant: sealed.messageToApplicant } : {}),
    ...(sealed.identity ? { identity: sealed.identity } : {}),
    ...(fullApplication ? { fullApplication: openFull(fullApplication, sealed.fullApplication) } : {}),
  };
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
    ...(app.messageToApplicant ? { messageToApplicant: app.messageToApplicant } : {}),
    ...(app.funding ? { funding: app.funding } : {}),
    ...(app.decision?.amount !== undefined ? { approvedAmount: app.decision.amount } : {}),
    ...(app.identity && (app.identity.name || app.identity.country) ? { identity: app.identity } : {}),
    ...(app.fullApplication ? { fullApplication: sealedFull(app.fullApplication) } : {}),
  };
}

/** The application with this id, for staff whose access the caller has already checked; undefined if none. */
export async function fromID(id: string): Promise<Info | undefined> {
  if (!/^[a-z0-9]{26}$/.test(id)) return undefined;
  const item = await readItem(id);
  return item ? unseal(item) : undefined;
}

export interface Summary {
  id: string;
  callId: string;
  stage: Stage;
  version: number;
  submittedAt?: string;
  decisionDueAt?: string;
  /** The decision clock marked it overdue and it is still undecided. */
  overdue: boolean;
  /** Which round of review it is in: `full` once its full application was sent. */
  round: "concept" | "full";
}

const summarize = (item: Item): Summary => ({
  id: item.id,
  callId: item.callId,
  stage: item.stage,
  version: item.version,
  ...(item.submittedAt ? { submittedAt: item.submittedAt } : {}),
  ...(item.decisionDueAt ? { decisionDueAt: item.decisionDueAt } : {}),
  overdue: item.overdueAt !== undefined && !finalStages.includes(item.stage),
  round: item.fullApplication?.submittedAt ? "full" : "concept",
});

/** One application's structure, nothing decrypted (a list row that shows none of its content); undefined if none. */
export async function summaryOf(id: string): Promise<Summary | undefined> {
  if (!/^[a-z0-9]{26}$/.test(id)) return undefined;
  const item = await readItem(id);
  return item ? summarize(item) : undefined;
}

/**
 * A call's applications past the draft stage (optionally in one stage), soonest deadline first: their
 * structure only, nothing decrypted, for coordinators' lists.
 */
export async function listForCall(callId: string, stage?: Stage): Promise<Summary[]> {
  const found: Summary[] = [];
  const items = await Dynamo.queryIndex(Dynamo.IndexPartition.callApplications(callId));
  for (const raw of items) {
    const item = parseStored(Item, raw, "application");
    if (item.stage === "draft" || (stage && item.stage !== stage)) continue;
    found.push(summarize(item));
  }
  return found.sort((a, b) => (a.decisionDueAt ?? "9999").localeCompare(b.decisionDueAt ?? "9999"));
}

/**
 * The application `id`, if `token` is its access code. Anything else (no such id, another application's
 * code, no code) is the same 404: nobody learns whether an application exists.
 */
export async function authorize(id: string, token: string | undefined): Promise<Info> {
  if (!token || !/^[a-z0-9]{26}$/.test(id)) throw new NotFoundError("application.not_found");
  const item = await readItem(id);
  const expected = Buffer.from(item?.tokenHash ?? "0".repeat(64), "hex");
  const given = Buffer.from(hashToken(token), "hex");
  if (!item || !timingSafeEqual(expected, given)) throw new NotFoundError("application.not_found");
  return unseal(item);
}

/** The application an access code opens (pages ask for the code alone); a 404 when it opens none. */
export async function fromToken(token: string | undefined): Promise<Info> {
  if (!token || normalizeToken(token).length !== 32) throw new NotFoundError("application.not_found");
  const id = (await Dynamo.get(Dynamo.Key.accessCode(hashToken(token))))?.["applicationId"];
  if (typeof id !== "string") throw new NotFoundError("application.not_found");
  return authorize(id, token);
}

/* ----------------------------------- creating ---------------------------------- */

export const CreateInput = z.object({
  callId: z.string(),
  language: z.string().regex(/^[a-z]{2,3}$/, "a language code such as es"),
  eligibility: z.object({ answers: Eligibility.Answers }),
  contact: z.object({ email: z.email() }).optional(),
});
export type CreateInput = z.input<typeof CreateInput>;

/** A new application: its id, and its access code, shown this once. */
export const Created = z.object({ id: z.string(), token: z.string(), stage: Stage });
export type Created = z.infer<typeof Created>;

/**
 * Starts an application after checking eligibility again on the server. Returns the access code once; only
 * its hash is kept. Ineligible answers store nothing. Counted against the call's and the source's hourly
 * limits (429 past either; a refusal stores nothing else); a contact address is asked to confirm itself
 * (`Contact.ask`) in the same transaction.
 * @param source the connecting address, as the app read it (none: one shared source); only a keyed hash of it
 *   is kept, for an hour or two.
 */
export async function create(input: CreateInput, source?: string): Promise<Created> {
  const parsed = CreateInput.parse(input);
  const call = await Call.get(parsed.callId);
  if (Call.status(call) !== "open") throw new CallClosedError();
  if (!call.languages.includes(parsed.language) && !Locale.safeParse(parsed.language).success) {
    throw new UnprocessableError("application.language", "error.invalid_input", [
      { path: "language", message: "application.language_not_offered" },
    ]);
  }
  const result = Eligibility.check(call, parsed.eligibility.answers);
  if (!result.eligible) throw notEligible(result);

  await RateLimit.countCreation(call.id, source);

  const id = newId();
  const token = newToken();
  const now = Clock.iso();
  const app: Info = {
    id,
    callId: call.id,
    callVersion: call.version,
    stage: "draft",
    version: 1,
    language: parsed.language,
    createdAt: now,
    updatedAt: now,
    answers: result.answers,
    ...(parsed.contact ? { contact: { email: parsed.contact.email } } : {}),
    conceptNote: {},
  };
  const sealed = await Crypto.seal(sealedOf(app), sealContext(id));
  // Twice at most: a second try only when another application asked the same address to confirm meanwhile.
  for (let attempt = 1; ; attempt++) {
    const asked = parsed.contact
      ? await Contact.ask(parsed.contact.email, parsed.language, `contact:${id}:1`)
      : undefined;
    const item: Item = {
      id,
      callId: call.id,
      callVersion: call.version,
      stage: "draft",
      version: 1,
      language: parsed.language,
      tokenHash: hashToken(token),
      createdAt: now,
      updatedAt: now,
      ...(asked ? { contactCheck: asked.check } : {}),
      sealed,
    };
    try {
      await Dynamo.transact([
        Dynamo.tx.putIfNew({
          ...Dynamo.Key.application(id),
          ...Dynamo.Index.callApplication(call.id, now, id),
          ...item,
        }),
        Dynamo.tx.putIfNew({ ...Dynamo.Key.accessCode(item.tokenHash), applicationId: id }),
        // No counter: counters count submissions, and a draft may never become one (abandoned drafts are deleted).
        Audit.put({ application: id }, "created", "applicant", now, { stage: "draft" }),
        ...(asked?.items ?? []),
      ]);
      return { id, token, stage: "draft" };
    } catch (error) {
      if (attempt >= 2 || !asked?.items.length || !Dynamo.isConditionFailure(error)) throw error;
    }
  }
}

/** Answers that break the call's rules: a 422 with every reason. */
function notEligible(result: Eligibility.Result): UnprocessableError {
  return new UnprocessableError(
    "eligibility.not_eligible",
    "error.not_eligible",
    result.failures.map((failure) => ({
      path: `eligibility.answers.${failure.questionId}`,
      message: "error.not_eligible",
      text: failure.reason,
    })),
  );
}

/* ------------------------------------ editing ------------------------------------ */

/**
 * Writes an applicant's edit if the application is still at `app.version` and editable: the conditional
 * write that keeps two tabs from overwriting each other. Bumps the version. Exported for the application's
 * own modules (`budget-upload.ts`).
 */
export async function saveEdit(app: Info, changes: Dynamo.Changes): Promise<number> {
  try {
    await Dynamo.update(
      Dynamo.Key.application(app.id),
      {
        ...changes,
        set: { ...changes.set, version: app.version + 1, updatedAt: Clock.iso() },
      },
      Dynamo.when.all(Dynamo.when.equals("version", app.version), Dynamo.when.oneOf("stage", editableStages)),
    );
  } catch (error) {
    if (Dynamo.isConditionFailure(error)) throw new ApplicationChangedError(error);
    throw error;
  }
  return app.version + 1;
}

/** Refuses (409) a change to an application the applicant may no longer edit. */
export function requireEditable(app: Info) {
  if (!isEditable(app.stage)) throw new StageConflictError("application.not_editable", "error.not_editable");
}

/* ------------------------------- eligibility answers ------------------------------- */

/**
 * Changes a draft's eligibility answers (a mistyped annual budget, a wrong country): checked again, and
 * refused with every reason (422) if they no longer meet the call's rules, so nothing ineligible is kept.
 * Only before the first submission: the report counters count who applied from the answers sent then.
 */
export async function saveAnswers(app: Info, answers: Eligibility.Answers): Promise<void> {
  if (app.stage !== "draft") throw new StageConflictError("application.not_editable", "error.not_editable");
  const call = await Call.forApplication(app);
  const result = Eligibility.check(call, answers);
  if (!result.eligible) throw notEligible(result);
  await saveEdit(app, { set: { sealed: await sealContent({ ...app, answers: result.answers }) } });
}

/* ---------------------------------- concept note ---------------------------------- */

/**
 * Longest any field may be sent, in characters, before the call is known: a whole note's worth. The real
 * cap is per field, from its word limit and the application's language (`Words.maxChars`), checked on save.
 */
export const ConceptNoteInput = z.object({ fields: z.record(z.string(), z.string().max(Words.maxNoteChars)) });

/** Word counts per field, and whether the note could be submitted as it is. */
export const WordReport = z.object({
  fields: z.record(z.string(), z.object({ words: z.number().int(), maxWords: z.number().int(), ok: z.boolean() })),
  complete: z.boolean(),
});
export type WordReport = z.infer<typeof WordReport>;

/** Counts the words of each of the call's fields in `note`: done once, when the note is saved, and stored. */
function countWords(call: Call.Info, language: string, note: Record<string, string>): Record<string, number> {
  return Object.fromEntries(
    call.conceptNote.fields.map((field) => [field.id, Words.count(note[field.id] ?? "", language)]),
  );
}

/**
 * Word counts per field, and whether the note could be submitted: from the counts stored when the note was
 * saved, so pages and the submission check read them instead of segmenting the text again. A field with no
 * stored count (an item saved before counts were stored, or text not saved) is counted here.
 */
export function wordReport(call: Call.Info, app: Pick<Info, "language" | "conceptNote" | "wordCounts">): WordReport {
  const fields: WordReport["fields"] = {};
  let complete = true;
  for (const field of call.conceptNote.fields) {
    const words = app.wordCounts?.[field.id] ?? Words.count(app.conceptNote[field.id] ?? "", app.language);
    const ok = words <= field.maxWords;
    fields[field.id] = { words, maxWords: field.maxWords, ok };
    if (!ok || (field.required && words === 0)) complete = false;
  }
  return { fields, complete };
}

/**
 * Saves the concept note draft, over a word limit or not, with its word counts. Refused, and nothing stored:
 * unknown fields (400), and a field longer in characters than any honest text within its word limit could
 * be (422, `Words.maxChars`): text that only a trick could make count as few words.
 */
export async function saveConceptNote(app: Info, input: z.input<typeof ConceptNoteInput>): Promise<WordReport> {
  const { fields } = ConceptNoteInput.parse(input);
  requireEditable(app);
  const call = await Call.forApplication(app);
  const known = new Set(call.conceptNote.fields.map((field) => field.id));
  const unknown = Object.keys(fields).filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new InvalidInputError(
      "concept_note.unknown_field",
      unknown.map((id) => ({ path: `fields.${id}`, message: "application.unknown_field" })),
    );
  }
  const tooLong: FieldError[] = [];
  for (const field of call.conceptNote.fields) {
    const max = Words.maxChars(field.maxWords, app.language);
    const text = fields[field.id];
    if (text !== undefined && text.length > max) {
      tooLong.push({
        path: `fields.${field.id}`,
        message: "note.too_many_characters",
        params: { field: field.label, max },
      });
    }
  }
  if (tooLong.length > 0) throw new UnprocessableError("concept_note.too_long", "error.note_too_long", tooLong);
  const conceptNote = { ...app.conceptNote, ...fields };
  const wordCounts = countWords(call, app.language, conceptNote);
  const next: Info = { ...app, conceptNote, wordCounts };
  await saveEdit(app, { set: { sealed: await sealContent(next), wordCounts } });
  return wordReport(call, next);
}

/* ------------------------------------ funding ------------------------------------ */

/** Every funding rule the request breaks, each named. */
export function fundingProblems(call: Call.Info, funding: Funding): FieldError[] {
  const rules = call.funding;
  const problems: FieldError[] = [];
  const money = { currency: rules.currency };
  if (funding.amount < rules.min) {
    problems.push({ path: "amount", message: "funding.below_min", params: { ...money, min: rules.min } });
  }
  if (funding.amount > rules.max) {
    problems.push({ path: "amount", message: "funding.above_max", params: { ...money, max: rules.max } });
  }
  if (rules.maxRatioToAnnualBudget !== null && funding.amount > rules.maxRatioToAnnualBudget * funding.annualBudget) {
    problems.push({
      path: "amount",
      message: "funding.above_ratio",
      params: { ratio: rules.maxRatioToAnnualBudget, limit: rules.maxRatioToAnnualBudget * funding.annualBudget },
    });
  }
  if (funding.months > rules.maxMonths) {
    problems.push({ path: "months", message: "funding.too_many_months", params: { max: rules.maxMonths } });
  }
  return problems;
}

/** What saving the funding answers: every rule is met. */
export const FundingSaved = z.object({ ok: z.literal(true) });

/** The annual budget the applicant gave in the call's quiz, when the call asks it there. */
export function annualBudgetFromAnswers(call: Call.Info, app: Pick<Info, "answers">): number | undefined {
  const question = call.funding.annualBudgetQuestion;
  const answer = question === undefined ? undefined : app.answers[question];
  return typeof answer === "number" ? answer : undefined;
}

/**
 * Stores what the applicant asks for, if it meets every funding rule; otherwise names each broken rule. The
 * annual budget defaults to the quiz's answer; with neither, it is a missing field (400).
 */
export async function setFunding(app: Info, input: FundingInput): Promise<void> {
  const parsed = FundingInput.parse(input);
  requireEditable(app);
  const call = await Call.forApplication(app);
  const annualBudget = parsed.annualBudget ?? annualBudgetFromAnswers(call, app);
  if (annualBudget === undefined) {
    throw new InvalidInputError("funding.annual_budget_missing", [
      { path: "annualBudget", message: "funding.annual_budget_missing" },
    ]);
  }
  const funding: Funding = { ...parsed, annualBudget };
  const problems = fundingProblems(call, funding);
  if (problems.length > 0) {
    throw new UnprocessableError("funding.rules_broken", "error.funding_rules", problems);
  }
  await saveEdit(app, { set: { sealed: await sealContent({ ...app, funding }) } });
}

/* ------------------------------------ identity ------------------------------------ */

/**
 * What the applicant sends about who they are: each part optional; an empty name (or none) clears it. The name
 * is at most 200 characters once trimmed; the country an ISO 3166-1 code of the quiz's list.
 */
export const IdentityInput = z.object({
  name: z.string().trim().max(200).optional(),
  country: Country.Code.optional(),
});
export type IdentityInput = z.input<typeof IdentityInput>;

/** Stores (sealed) how the applicant wants reviewers to know them, replacing what was given before. */
export async function setIdentity(app: Info, input: IdentityInput): Promise<Identity | undefined> {
  const parsed = IdentityInput.parse(input);
  requireEditable(app);
  const identity: Identity = {
    ...(parsed.name ? { name: parsed.name } : {}),
    ...(parsed.country ? { country: parsed.country } : {}),
  };
  const given = identity.name || identity.country ? identity : undefined;
  const { identity: _before, ...rest } = app;
  await saveEdit(app, { set: { sealed: await sealContent({ ...rest, ...(given ? { identity: given } : {}) }) } });
  return given;
}

/** What saving the identity answers: what is kept now (nothing, when both were left empty). */
export const IdentitySaved = z.object({ identity: Identity.optional() });

/* ---------------------------------- budget file ---------------------------------- */

// In its own module (upload, confirmation, download name, reading the accepted copy), exported from the folder's index.

/* ------------------------------------- submit ------------------------------------- */

/** Everything that keeps the application from being submitted, all at once. */
export function submissionProblems(call: Call.Info, app: Info): FieldError[] {
  const problems: FieldError[] = [];
  const words = wordReport(call, app);
  for (const field of call.conceptNote.fields) {
    const report = words.fields[field.id]!;
    if (field.required && report.words === 0) {
      problems.push({
        path: `conceptNote.${field.id}`,
        message: "submit.field_missing",
        params: { field: field.label },
      });
    } else if (!report.ok) {
      problems.push({
        path: `conceptNote.${field.id}`,
        message: "submit.field_too_long",
        params: { field: field.label, words: report.words, max: report.maxWords },
      });
    }
  }
  if (!app.funding) problems.push({ path: "funding", message: "submit.funding_missing" });
  else
    problems.push(
      ...fundingProblems(call, app.funding).map((problem) => ({ ...problem, path: `funding.${problem.path}` })),
    );
  if (call.budgetFile.required && !app.budgetFile)
    problems.push({ path: "budgetFile", message: "submit.budget_missing" });
  return problems;
}

/** What a submission answers: the same every time it is asked again. */
export const Submission = z.object({
  stage: Stage,
  submittedAt: z.string(),
  decisionDueAt: z.string(),
});
export type Submission = z.infer<typeof Submission>;

/** The submission's answer, if the application has already been submitted and not sent back for changes. */
export function submissionOf(app: Pick<Info, "stage" | "submittedAt" | "decisionDueAt">): Submission | undefined {
  if (isEditable(app.stage) || !app.submittedAt || !app.decisionDueAt) return undefined;
  return { stage: app.stage, submittedAt: app.submittedAt, decisionDueAt: app.decisionDueAt };
}

/** Seals a staff note kept with an audit event (a decline's reason, a conflict's explanation). */
export function sealNote(applicationId: string, note: string): Promise<string> {
  return Crypto.seal(note, { purpose: "note", applicationId });
}

/** Opens a staff note sealed with an event. */
export async function openNote(applicationId: string, sealed: string): Promise<string> {
  return parseStored(z.string(), await Crypto.open(sealed, { purpose: "note", applicationId }), "note");
}

/* ------------------------------------- views ------------------------------------- */

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
  moreInfoRequest: z.string().optional(),
  /** A coordinator's message with the decision or the request for more information. */
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
    ...(app.stage === "more_info" && app.moreInfoRequest ? { moreInfoRequest: app.moreInfoRequest } : {}),
    ...(app.messageToApplicant ? { messageToApplicant: app.messageToApplicant } : {}),
    ...(app.identity ? { identity: app.identity } : {}),
    ...(app.fullApplication ? { fullApplication: fullApplicationView(app.fullApplication) } : {}),
  };
}

/** The applicant's view with what they should know of their contact address (`Contact.status`). */
export async function viewWithContact(app: Info): Promise<View> {
  const status = await Contact.status(app);
  return { ...view(app), ...(status ? { contact: { status } } : {}) };
}

/* -------------------------------- full application -------------------------------- */

// A grant call's second stage: in its own module (full-application.ts), exported from the folder's index.
