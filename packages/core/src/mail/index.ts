import { SESv2Client, SendEmailCommand } from "@aws-sdk/client-sesv2";
import * as Config from "../config/index.js";
import { t, type Locale, type MessageKey } from "../i18n/index.js";
import { logger } from "../log/index.js";

let client: SESv2Client | undefined;

function ses(): SESv2Client {
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

/** The one subject every email has: it says nothing about why it was sent. */
export const subject: MessageKey = "mail.neutral_subject";

export interface Message {
  to: string;
  locale: Locale;
  /** A catalog key: bodies carry no application content, only where to sign in or look. */
  body: MessageKey;
  /** Values for the body (a sign-in link, its minutes); the site's address is always added as `url`. */
  params?: Record<string, string | number>;
}

/**
 * Sends one plain-text email through SES, rendered now from the catalog, with the neutral subject. Open and
 * click tracking are never configured, and nothing about the recipient is logged. It has no idempotency of its
 * own (SES has no idempotency key): callers go through the outbox (`Outbox`), which sends each email once.
 */
export async function send(message: Message): Promise<void> {
  const params = { url: Config.get().PUBLIC_URL, ...message.params };
  await ses().send(
    new SendEmailCommand({
      FromEmailAddress: Config.get().MAIL_FROM,
      Destination: { ToAddresses: [message.to] },
      Content: {
        Simple: {
          Subject: { Data: t(message.locale, subject, params), Charset: "UTF-8" },
          Body: { Text: { Data: t(message.locale, message.body, params), Charset: "UTF-8" } },
        },
      },
    }),
  );
  logger.info("email sent", { kind: subject });
}

/** Drops the cached client (tests and the local runtime choose endpoints at run time). */
export function reset(): void {
  client?.destroy();
  client = undefined;
}
