import { setTimeout as sleep } from "node:timers/promises";
import * as Application from "@amparo/core/application";
import * as Call from "@amparo/core/call";
import * as Clock from "@amparo/core/clock";
import * as Config from "@amparo/core/config";
import type { Locale, MessageKey } from "@amparo/core/i18n";
import * as Mail from "@amparo/core/mail";
import * as Stage from "@amparo/core/stage";
import * as Account from "@amparo/core/account";
import * as User from "@amparo/core/user";
import { emergencyAnswers } from "./answers.js";
import { confirmContact, inbox } from "./applications.js";

/**
 * Makes a "day" of the calls' settings last `ms` milliseconds in this test file (TIME_SCALE), so the two weeks
 * of a decision clock pass in seconds: the stored times are computed with it, and the waits are real waits.
 */
export function scaleDays(ms: number): void {
  Config.set({ TIME_SCALE: 86_400_000 / ms });
}

/**
 * Waits, in real time, until `ms` after the ISO time `from`: for the decision clock's executions, whose Wait
 * states the local Step Functions runner times by the system clock. Everything else moves the clock instead
 * (`passTo`).
 */
export async function until(from: string, ms: number): Promise<void> {
  const left = Date.parse(from) + ms - Clock.nowMs();
  if (left > 0) await sleep(left);
}

/** Moves this process's clock to `ms` after the ISO time `from` (never back), instead of waiting for it. */
export function passTo(from: string, ms: number): void {
  const left = Date.parse(from) + ms - Clock.nowMs();
  if (left > 0) Clock.advance(left);
}

/** Polls `check` until it answers something truthy, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const found = await check();
    if (found) return found;
    if (Date.now() > end) throw new Error("timed out waiting");
    await sleep(50);
  }
}

/**
 * An emergency application written in Spanish, with a contact address, submitted now. The address is confirmed
 * first, by the link in the confirmation email it received (for this application or, in the last 30 days,
 * another): until then it gets nothing else. Unless `confirm` is false.
 */
export async function submittedEmergency(email: string, { confirm = true } = {}): Promise<Application.Info> {
  const { id } = await Application.create({
    callId: "digital-emergency",
    language: "es",
    eligibility: { answers: emergencyAnswers },
    contact: { email },
  });
  if (confirm) await confirmContact(email);
  await Application.saveConceptNote((await Application.fromID(id))!, {
    fields: { situation: "Nos confiscaron los teléfonos.", need: "Teléfonos nuevos.", timeline: "Un mes." },
  });
  await Application.setFunding((await Application.fromID(id))!, { amount: 2_000, annualBudget: 10_000, months: 2 });
  await Stage.submit((await Application.fromID(id))!);
  return (await Application.fromID(id))!;
}

/** A new staff account for the emergency call (an address no other test uses). */
export async function staff(role: User.Role): Promise<User.Info> {
  const email = `${role}-${Math.random().toString(36).slice(2, 10)}@staff.example.org`;
  return (await Account.create({ email, roles: [role], callIds: ["digital-emergency"] }))!;
}

/** The kinds of email the clock and the moves send, by what their text says. */
export type Kind = "acknowledgement_or_update" | "reminder" | "escalation" | "overdue_staff" | "late_applicant";

const bodies: [Kind, MessageKey][] = [
  ["acknowledgement_or_update", "mail.update_body"],
  ["reminder", "mail.staff_reminder_body"],
  ["escalation", "mail.staff_escalation_body"],
  ["overdue_staff", "mail.staff_overdue_body"],
  ["late_applicant", "mail.applicant_late_body"],
];

/** Which email this is: its text is compared with each body rendered for this application. */
async function kindOf(text: string, app: Application.Info, locale: Locale): Promise<Kind | "other"> {
  const call = await Call.get(app.callId);
  const params = { applicationId: app.id, call: call.title, date: app.decisionDueAt! };
  const normal = (value: string) => value.replace(/\r\n/g, "\n").trim();
  const found = bodies.find(([, body]) => normal(Mail.render({ locale, body, params }).body) === normal(text));
  return found?.[0] ?? "other";
}

/**
 * The emails `address` received about `app`, oldest first, by kind (the outbox is delivered first). Staff
 * notices name the application, so a shared staff inbox is read for this application only.
 */
export async function received(address: string, app: Application.Info, locale: Locale): Promise<Kind[]> {
  const kinds: Kind[] = [];
  for (const email of await inbox(address)) {
    const text = email.body.text ?? "";
    const kind = await kindOf(text, app, locale);
    if (kind === "other") continue;
    // A staff notice about another application of the same call is not this one's.
    if (kind !== "acknowledgement_or_update" && kind !== "late_applicant" && !text.includes(app.id)) continue;
    kinds.push(kind);
  }
  return kinds;
}
