import { SESv2Client, SendEmailCommand } from "@aws-sdk/client-sesv2";
import * as Config from "../config/index.js";
import * as Dynamo from "../dynamo/index.js";
import { t, type Locale, type MessageKey, type MessageParams } from "../i18n/index.js";
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

export interface Message {
  to: string;
  locale: Locale;
  /** Catalog keys: subjects stay neutral and bodies carry no application content, only where to sign in. */
  subject: MessageKey;
  body: MessageKey;
  params?: MessageParams;
  /**
   * The same key is sent once: retries, restarts and duplicate requests send no second email.
   * It must not contain the address.
   */
  idempotencyKey: string;
}

/** How long an idempotency record is kept (the longest a retry can come late). */
const idempotencyDays = 30;

/**
 * Sends a plain-text email through SES once per idempotency key. Open and click tracking are never
 * configured, and nothing about the recipient is logged.
 * @returns false when this key was already sent.
 */
export async function send(message: Message): Promise<boolean> {
  const claim = Dynamo.Key.email(message.idempotencyKey);
  const claimed = await Dynamo.putIfNew({
    ...claim,
    sentAt: new Date().toISOString(),
    [Dynamo.keys.ttl]: Math.floor(Date.now() / 1000) + idempotencyDays * 86_400,
  });
  if (!claimed) return false;
  const params = { url: Config.get().PUBLIC_URL, ...message.params };
  try {
    await ses().send(
      new SendEmailCommand({
        FromEmailAddress: Config.get().MAIL_FROM,
        Destination: { ToAddresses: [message.to] },
        Content: {
          Simple: {
            Subject: { Data: t(message.locale, message.subject, params), Charset: "UTF-8" },
            Body: { Text: { Data: t(message.locale, message.body, params), Charset: "UTF-8" } },
          },
        },
      }),
    );
  } catch (error) {
    // Not sent: release the key so a retry can send it.
    await Dynamo.remove(claim);
    throw error;
  }
  logger.info("email sent", { kind: message.subject });
  return true;
}

/**
 * Sends the same notice to each staff member, once each: the idempotency key is `key` plus the account's id.
 * Staff accounts keep no language preference yet, so staff notices are in English.
 */
export async function sendToStaff(
  staff: { id: string; email: string }[],
  message: Omit<Message, "to" | "locale">,
): Promise<void> {
  for (const member of staff) {
    await send({
      ...message,
      to: member.email,
      locale: "en",
      idempotencyKey: `${message.idempotencyKey}:${member.id}`,
    });
  }
}

/** Drops the cached client (tests and the local runtime choose endpoints at run time). */
export function reset(): void {
  client?.destroy();
  client = undefined;
}
