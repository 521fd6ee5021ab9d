// Who the applicant is, as staff see it for conflict checks: what they gave on "About you", and where they gave
// no country there, the country the eligibility quiz asked (marked as from the quiz), so nobody reads "not given"
// about something the applicant already said.
import type * as Call from "../call/index.js";
import type { Identity, Info } from "./record.js";

export interface StaffIdentity extends Identity {
  /** The country is the quiz's answer: the applicant gave none on "About you". */
  countryFromQuiz?: true;
}

export function staffIdentity(
  app: Pick<Info, "identity" | "answers">,
  call: Pick<Call.Info, "eligibility">,
): StaffIdentity {
  const given = app.identity ?? {};
  if (given.country) return given;
  const question = call.eligibility.questions.find((candidate) => candidate.type === "country");
  const answer = question ? app.answers[question.id] : undefined;
  return typeof answer === "string" && /^[A-Z]{2}$/.test(answer)
    ? { ...given, country: answer, countryFromQuiz: true }
    : given;
}
