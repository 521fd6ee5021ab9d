// The steps the award's tests take before their own: an emergency application submitted over the applicant API,
// a coordinator's moves up to the approval, and the agreement accepted (with how the money reaches the applicant
// given). The applicant's steps go through the API or core as noted; the coordinator's through core, as the staff
// API's own handler does (`Stage.transition`, `Review.assign`, `Review.declare`).
import * as Application from "@amparo/core/application";
import * as Award from "@amparo/core/award";
import * as Review from "@amparo/core/review";
import * as Stage from "@amparo/core/stage";
import type * as User from "@amparo/core/user";
import { applicantRequest, confirmContact, startApplication } from "./applications.js";

const EMERGENCY = "digital-emergency";

/** An application made over the applicant API: its id and the access code its applicant keeps. */
export type Started = { id: string; token: string };

export type SubmitOptions = {
  /** What the application asks for, in the call's currency (EUR); 2,000 unless given. */
  asked?: number;
  /** A contact address for the application, confirmed by the link emailed to it before anything else. */
  contact?: string;
};

async function expectOk(response: Promise<Response>, what: string): Promise<void> {
  const answered = await response;
  if (!answered.ok) throw new Error(`${what} answered ${answered.status}: ${await answered.text()}`);
}

/**
 * An emergency application ("digital-emergency") submitted over the applicant API: its concept note and its
 * funding (`asked` for two months) put, then sent. Unlike `submittedEmergency` of `clock.ts`, which writes through
 * core and returns the stored application, this one answers the access code too.
 */
export async function submittedOverApi({ asked = 2_000, contact }: SubmitOptions = {}): Promise<Started> {
  const { id, token } = await startApplication(EMERGENCY, contact ? { contact: { email: contact } } : {});
  if (contact) await confirmContact(contact);
  const path = `/api/v1/applications/${id}`;
  await expectOk(
    applicantRequest("PUT", `${path}/concept-note`, token, {
      fields: { situation: "Phones seized at a checkpoint.", need: "Two phones." },
    }),
    "concept note",
  );
  await expectOk(
    applicantRequest("PUT", `${path}/funding`, token, { amount: asked, annualBudget: 0, months: 2 }),
    "funding",
  );
  await expectOk(applicantRequest("POST", `${path}/submit`, token), "submit");
  return { id, token };
}

/** A coordinator's move of application `id` to `to`, at its current version (`extra`: the amount, a note...). */
export async function moveAs(
  coordinator: User.Info,
  id: string,
  to: Stage.Stage,
  extra: Omit<Stage.TransitionInput, "to" | "version"> = {},
): Promise<Stage.TransitionResult> {
  const { version } = (await Application.fromID(id))!;
  return Stage.transition(coordinator, id, { to, version, ...extra });
}

/** A coordinator assigns `reviewer` to application `id`, who declares no conflict with it. */
export async function assignReviewer(coordinator: User.Info, reviewer: User.Info, id: string): Promise<void> {
  await Review.assign(coordinator, id, { reviewerIds: [reviewer.id] });
  await Review.declare(reviewer, id, { conflict: false });
}

/** A coordinator takes submitted application `id` into review, then approves it for `amount`. */
export async function reviewAndApprove(coordinator: User.Info, id: string, amount: number): Promise<void> {
  await moveAs(coordinator, id, "in_review");
  await moveAs(coordinator, id, "approved", { amount });
}

/**
 * A coordinator sends the agreement of approved application `id`; the applicant accepts it by typing `name`
 * and, if `method` is given, says how the money reaches them.
 */
export async function sendAndAcceptAgreement(
  coordinator: User.Info,
  id: string,
  { name, method }: { name: string; method?: Award.PaymentMethodInput },
): Promise<void> {
  await moveAs(coordinator, id, "agreement_sent");
  await Award.answerAgreement((await Application.fromID(id))!, { decision: "accept", name });
  if (method) await Award.givePaymentMethod((await Application.fromID(id))!, method);
}

/**
 * An emergency application submitted over the applicant API (`options`), taken into review and approved for
 * `amount` by `coordinator`; it asks for `amount` unless `options.asked` says otherwise.
 */
export async function approvedEmergency(
  coordinator: User.Info,
  amount: number,
  { asked = amount, contact }: SubmitOptions = {},
): Promise<Started> {
  const started = await submittedOverApi({ asked, ...(contact ? { contact } : {}) });
  await reviewAndApprove(coordinator, started.id, amount);
  return started;
}

/** The words of an HTML page: its tags dropped, the entities it uses decoded, spaces collapsed. */
export const pageText = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
