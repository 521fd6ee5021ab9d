// Queueing emails: each an outbox item written in the same transaction as the change that causes it.
import type { z } from "zod";
import * as Clock from "../clock/index.js";
import * as Crypto from "../crypto/index.js";
import * as Dynamo from "../dynamo/index.js";
import { defaultLocale, type Locale, type MessageKey } from "../i18n/index.js";
import * as Mail from "../mail/index.js";
import type * as User from "../user/index.js";
import { context, keptUntil, type Sealed, type Stored } from "./stored.js";

type TransactItem = ReturnType<typeof Dynamo.tx.put>;

export interface Email {
  /** The recipient; undefined for an item that must look like any other but never be sent. */
  to: string | undefined;
  /** The recipient's language, known when the item is written: the application's, or the staff member's. */
  locale: Locale;
  /** A catalog key for the subject, rendered when sent; unless given, the body's (`Mail.subjectFor`). */
  subject?: MessageKey;
  /** A catalog key, rendered when sent. */
  body: MessageKey;
  /** The body's values (see `Mail.Params`: an ISO time is shown as a date in the recipient's language). */
  params?: Mail.Params;
  /**
   * To an applicant's contact address: at most `LIMIT_APPLICANT_MAIL_PER_DAY` such emails reach one address in
   * any day, across every application naming it; past that the item is finished unsent (`suppressed`).
   */
  applicant?: boolean;
}

/** The item's id: a keyed hash of the idempotency key, so the table does not say which application it is about. */
export const keyHashOf = (idempotencyKey: string) => Crypto.hmac(`outbox:${idempotencyKey}`);

/**
 * An email as a transaction part, to write with the change that causes it. One item per idempotency key: a
 * second write with the same key cancels the transaction (it can only be the same change again). An email with
 * no recipient is written the same way and finished without a call to SES, so a sign-in link for an unknown
 * address does the same work and leaves the same traces as one for a known address.
 */
export async function item(idempotencyKey: string, email: Email, now = Clock.now()): Promise<TransactItem> {
  const keyHash = keyHashOf(idempotencyKey);
  const at = now.toISOString();
  const sealed: z.infer<typeof Sealed> = { to: email.to ?? null, locale: email.locale, params: email.params ?? {} };
  const stored: Stored = {
    ...(email.subject && email.subject !== Mail.subject ? { subject: email.subject } : {}),
    body: email.body,
    status: "pending",
    attempts: 0,
    createdAt: at,
    nextAttemptAt: at,
    ...(email.applicant ? { toApplicant: true as const } : {}),
    sealed: await Crypto.seal(sealed, context(keyHash)),
  };
  return Dynamo.tx.putIfNew({
    ...Dynamo.Key.outbox(keyHash),
    ...Dynamo.Index.outboxDue(at, keyHash),
    ...stored,
    [Dynamo.keys.ttl]: keptUntil(now),
  });
}

/**
 * The same notice to each staff member, one item each: the idempotency key is `idempotencyKey` plus the
 * account's id. Each is written in the member's own language (from their account; English if they chose
 * none), with the subject its body has (`Mail.subjectFor`: what the notice is about, naming the application
 * where the params do). Pass the accounts as read (`User.Info`), so the language comes from the record.
 */
export async function toStaff(
  staff: Pick<User.Info, "id" | "email" | "language">[],
  idempotencyKey: string,
  body: MessageKey,
  now = Clock.now(),
  params: Mail.Params = {},
): Promise<TransactItem[]> {
  return Promise.all(
    staff.map((member) =>
      item(
        `${idempotencyKey}:${member.id}`,
        { to: member.email, locale: member.language ?? defaultLocale, body, params },
        now,
      ),
    ),
  );
}
