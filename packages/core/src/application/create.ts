// Starting an application: eligibility checked again, the hourly limits counted, and the access code made
// and given once (only its hash is kept).
import { z } from "zod";
import * as Audit from "../audit/index.js";
import * as Call from "../call/index.js";
import * as Clock from "../clock/index.js";
import * as Contact from "../contact/index.js";
import * as Dynamo from "../dynamo/index.js";
import * as Eligibility from "../eligibility/index.js";
import { CallClosedError, UnprocessableError } from "../error/index.js";
import { canonicalLocale, Locale } from "../i18n/index.js";
import * as RateLimit from "../rate-limit/index.js";
import { Stage } from "../stage/stages.js";
import { hashToken, newId, newToken } from "./access-code.js";
import { emailLocale, sealContent, type Info, type StoredItem } from "./record.js";

export const CreateInput = z.object({
  callId: z.string(),
  language: z
    .string()
    .regex(/^[a-z]{2,3}$/, "a language code such as es")
    .transform((code) => (code === "tl" ? "fil" : code)),
  /**
   * The language the applicant reads the pages in, for their emails (one the call offers); without it, emails
   * follow `language` where that is a reviewed interface language.
   */
  interfaceLanguage: z
    .preprocess((tag) => (typeof tag === "string" ? (canonicalLocale(tag) ?? tag) : tag), Locale)
    .optional(),
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
  if (
    !call.languages.includes(parsed.language) &&
    !(Call.offeredLanguages([call]) as string[]).includes(parsed.language)
  ) {
    throw new UnprocessableError("application.language", "error.invalid_input", [
      { path: "language", message: "application.language_not_offered" },
    ]);
  }
  if (parsed.interfaceLanguage && !Call.offeredLanguages([call]).includes(parsed.interfaceLanguage)) {
    throw new UnprocessableError("application.language", "error.invalid_input", [
      { path: "interfaceLanguage", message: "application.language_not_offered" },
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
    ...(parsed.interfaceLanguage ? { interfaceLanguage: parsed.interfaceLanguage } : {}),
    createdAt: now,
    updatedAt: now,
    answers: result.answers,
    ...(parsed.contact ? { contact: { email: parsed.contact.email } } : {}),
    conceptNote: {},
  };
  const sealed = await sealContent(app);
  // Twice at most: a second try only when another application asked the same address to confirm meanwhile.
  for (let attempt = 1; ; attempt++) {
    const asked = parsed.contact
      ? await Contact.ask(parsed.contact.email, emailLocale(app), `contact:${id}:1`)
      : undefined;
    const item: StoredItem = {
      id,
      callId: call.id,
      callVersion: call.version,
      stage: "draft",
      version: 1,
      language: parsed.language,
      ...(parsed.interfaceLanguage ? { interfaceLanguage: parsed.interfaceLanguage } : {}),
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
export function notEligible(result: Eligibility.Result): UnprocessableError {
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
