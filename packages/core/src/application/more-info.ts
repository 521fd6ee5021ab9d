// A request for more information is a conversation: each round a coordinator's question (sent with the move to
// `more_info`) and the applicant's answer, a part of the application written while it waits on them and sent with
// the resubmission (`stage/plan-applicant.ts` moves it into its round). Every round is kept, sealed.
import { z } from "zod";
import * as Call from "../call/index.js";
import type { FieldError } from "../error/index.js";
import { locales, t, type LocalizedText, type MessageKey } from "../i18n/index.js";
import { declarePart, partProblems, partWordReport, savePartTexts, TextsInput, type WordReport } from "./part.js";
import { MoreInfoRound, type Info } from "./record.js";

export { MoreInfoRound } from "./record.js";

/** Every interface language's words for a key: the answer's label and help are the platform's, not a call's. */
const words = (key: MessageKey): LocalizedText =>
  Object.fromEntries(locales.map((locale) => [locale, t(locale, key)])) as LocalizedText;

/** How long an answer may be, in words: a few paragraphs, as a question asked by a coordinator needs. */
export const answerMaxWords = 500;

/** The answer to the open question: one field, required, written only while more information is asked for. */
export const moreInfoAnswerPart = declarePart({
  name: "more_info_answer",
  messages: {
    unknownField: "more_info.unknown_field",
    tooLong: "error.more_info_too_long",
    fileMissing: "submit.document_missing",
  },
  fields: () => [
    {
      id: "answer",
      label: words("more_info.answer_label"),
      help: words("more_info.answer_help"),
      maxWords: answerMaxWords,
      required: true,
    },
  ],
  files: () => [],
  writableIn: ["more_info"],
});

/**
 * Every round asked so far, oldest first. An item written before rounds were kept holds only its open request
 * (`moreInfoRequest`): it reads as one unanswered round, asked when the clock was paused.
 */
export function conversation(app: Pick<Info, "moreInfo" | "moreInfoRequest" | "pausedAt" | "updatedAt">) {
  const rounds: MoreInfoRound[] = [...(app.moreInfo ?? [])];
  if (app.moreInfoRequest) {
    rounds.push({ question: app.moreInfoRequest, askedAt: app.pausedAt ?? app.updatedAt });
  }
  return rounds;
}

/** The question waiting for the applicant's answer: the last round, while the application is in `more_info`. */
export function openQuestion(app: Info): MoreInfoRound | undefined {
  const last = conversation(app).at(-1);
  return app.stage === "more_info" && last && !last.answeredAt ? last : undefined;
}

/** The answer written to the open question and not sent yet (empty when none). */
export const draftAnswer = (app: Info): string => moreInfoAnswerPart.read(app).texts["answer"] ?? "";

/** What keeps the answer from being sent with the resubmission: none written, or over its word limit. */
export function moreInfoProblems(call: Call.Info, app: Info): FieldError[] {
  return openQuestion(app) ? partProblems(moreInfoAnswerPart, call, app) : [];
}

/** The answer's word count and whether it could be sent as it is. */
export function answerWordReport(call: Call.Info, app: Info): WordReport {
  return partWordReport(moreInfoAnswerPart, call, app);
}

/** What the answer's save takes: `{"fields": {"answer": "..."}}`, as every part's text. */
export const MoreInfoAnswerInput = TextsInput;

/** Saves the answer as a draft, over its limit or not (`savePartTexts`); 409 unless more information is asked. */
export async function saveMoreInfoAnswer(app: Info, input: TextsInput): Promise<WordReport> {
  return savePartTexts(moreInfoAnswerPart, await Call.forApplication(app), app, input);
}

/**
 * The conversation as its readers see it (the applicant, coordinators): each question with when it was asked,
 * and its answer with when it was sent.
 */
export const MoreInfoView = z.object({
  rounds: z.array(MoreInfoRound),
  /** The applicant's own view only: the answer written to the open question, not sent yet. */
  draftAnswer: z.string().optional(),
});
export type MoreInfoView = z.infer<typeof MoreInfoView>;
