import type { SESv2Client } from "@aws-sdk/client-sesv2";
import { z } from "zod";
import * as Config from "../config/index.js";
import { formatDate, t, type Locale, type LocalizedText, type MessageKey } from "../i18n/index.js";
import { logger } from "../log/index.js";

let loading: Promise<typeof import("@aws-sdk/client-sesv2")> | undefined;
/**
 * The SDK's SES module, loaded on the first send rather than when this module loads: in Lambda it comes from
 * the runtime (not the bundle), and only the outbox sends.
 */
const sdk = () => (loading ??= import("@aws-sdk/client-sesv2"));

let client: SESv2Client | undefined;

async function ses(): Promise<SESv2Client> {
  const { SESv2Client } = await sdk();
  if (!client) {
    const config = Config.get();
    client = new SESv2Client({
      region: config.AWS_REGION,
      ...(config.SES_ENDPOINT
        ? { endpoint: config.SES_ENDPOINT, credentials: { accessKeyId: "local", secretAccessKey: "local" } }
        : {}),
    });
  }
  return client;
}

/** The subject of every email to an applicant: it says nothing about why it was sent. */
export const subject: MessageKey = "mail.neutral_subject";

/**
 * The subjects of the emails only staff receive, by body: a work inbox is helped by a subject that says what an
 * email is about. No applicant's email is here, so an applicant's subject stays the neutral one.
 */
const staffSubjects: Partial<Record<MessageKey, MessageKey>> = {
  "mail.sign_in_body": "mail.staff_subject.sign_in",
  "mail.staff_update_body": "mail.staff_subject.assigned",
  "mail.staff_conflict_body": "mail.staff_subject.conflict",
  "mail.staff_admin_notice_body": "mail.staff_subject.admin_notice",
  "mail.staff_second_factor_reset_body": "mail.staff_subject.second_factor_reset",
  "mail.staff_account_created_body": "mail.staff_subject.account_created",
  "mail.staff_reminder_body": "mail.staff_subject.reminder",
  "mail.staff_escalation_body": "mail.staff_subject.escalation",
  "mail.staff_overdue_body": "mail.staff_subject.overdue",
  "mail.staff_award_body": "mail.staff_subject.award",
  "mail.staff_report_body": "mail.staff_subject.report",
  "mail.staff_report_late_body": "mail.staff_subject.report_late",
};

/** The subject an email with `body` gets unless one is given: its staff subject, or the neutral one. */
export function subjectFor(body: MessageKey): MessageKey {
  return staffSubjects[body] ?? subject;
}

/**
 * Values for an email's text: a string, a number (formatted for the language), or staff-written text in each
 * language (a call's title). A string that is an ISO 8601 time (`2026-05-01T00:00:00.000Z`) is shown as a
 * calendar date in the recipient's language ("1 de mayo de 2026"), so callers pass times, never formatted dates.
 */
export type Params = Record<string, string | number | LocalizedText>;

export interface Message {
  to: string;
  locale: Locale;
  /** A catalog key for the subject; unless given, the body's (`subjectFor`: neutral for every applicant email). */
  subject?: MessageKey;
  /** A catalog key: bodies carry no application content, only where to sign in or look. */
  body: MessageKey;
  /** Values for the subject and body (a sign-in link, its minutes); the site's address is always added as `url`. */
  params?: Params;
}

const isoTime = z.iso.datetime({ offset: true });

/** An email's subject and plain-text body, in the recipient's language, as they are sent. */
export function render(message: Omit<Message, "to">): { subject: string; body: string } {
  const params: Params = { url: Config.get().PUBLIC_URL };
  for (const [name, value] of Object.entries(message.params ?? {})) {
    params[name] =
      typeof value === "string" && isoTime.safeParse(value).success ? formatDate(message.locale, value) : value;
  }
  return {
    subject: t(message.locale, message.subject ?? subjectFor(message.body), params),
    body: t(message.locale, message.body, params),
  };
}

/**
 * Sends one plain-text email through SES, rendered now from the catalog in the recipient's language. Open and
 * click tracking are never configured, and nothing about the recipient is logged. It has no idempotency of its
 * own (SES has no idempotency key): callers go through the outbox (`Outbox`), which sends each email once.
 */
export async function send(message: Message): Promise<void> {
  const rendered = render(message);
  const { SendEmailCommand } = await sdk();
  await (
    await ses()
  ).send(
    new SendEmailCommand({
      FromEmailAddress: Config.get().MAIL_FROM,
      Destination: { ToAddresses: [message.to] },
      Content: {
        Simple: {
          Subject: { Data: rendered.subject, Charset: "UTF-8" },
          Body: { Text: { Data: rendered.body, Charset: "UTF-8" } },
        },
      },
    }),
  );
  logger.info("email sent", { kind: message.body });
}

/** Drops the cached client (tests and the local runtime choose endpoints at run time). */
export function reset(): void {
  client?.destroy();
  client = undefined;
}
