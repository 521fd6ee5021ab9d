// An outbox item as stored, what is sealed in it, and the helpers that write its lasting fields (how long it is
// kept, what a failure records).
import { z } from "zod";
import { en } from "../i18n/en.js";
import { Locale, LocalizedText, type MessageKey } from "../i18n/index.js";

/** How long a finished item is kept, as the record that its key was sent. */
const keptDays = 30;

export const Status = z.enum([
  /** Waiting for its first or next attempt (`nextAttemptAt`). */
  "pending",
  /** Claimed by a sender that is calling SES now (`claimedAt`). */
  "sending",
  /** Finished: sent, or nothing to send (see `item`). The recipient is gone from the item. */
  "sent",
  /** Given up after `maxAttempts`; never retried. The recipient is gone from the item. */
  "failed",
  /**
   * Not sent, and never retried: SES reported the address as bouncing for good or complaining
   * (`markFailing`). Sending on would harm the sender's reputation, and a complaint means the person asked not
   * to be written to. The recipient is gone from the item.
   */
  "suppressed",
]);
export type Status = z.infer<typeof Status>;

/** An email subject's or body's catalog key. */
const MailKey = z.custom<MessageKey>((value) => typeof value === "string" && value.startsWith("mail.") && value in en);

/** An outbox item as stored. Only `sealed` holds anything personal, and only until the item is finished. */
export const Stored = z.object({
  /** The subject's catalog key; items without one (and every applicant's) have the neutral subject. */
  subject: MailKey.optional(),
  body: MailKey,
  status: Status,
  attempts: z.number().int().min(0),
  createdAt: z.string(),
  nextAttemptAt: z.string(),
  claimedAt: z.string().optional(),
  sentAt: z.string().optional(),
  failedAt: z.string().optional(),
  /** What went wrong last: an error name and HTTP status, never a message (it could echo the address). */
  lastError: z.string().optional(),
  /** To an applicant's contact address: counted against the address's daily limit when sent. */
  toApplicant: z.literal(true).optional(),
  sealed: z.string().optional(),
});
export type Stored = z.infer<typeof Stored>;

/** What is sealed: the recipient, their language and the body's values (a sign-in link is a secret). */
export const Sealed = z.object({
  to: z.string().nullable(),
  locale: Locale,
  params: z.record(z.string(), z.union([z.string(), z.number(), LocalizedText])),
});

export const context = (keyHash: string) => ({ purpose: "outbox", item: keyHash });
export const epoch = (date: Date) => Math.floor(date.getTime() / 1000);
export const keptUntil = (now: Date) => epoch(now) + keptDays * 86_400;

/** A failure's kind, safe to store: the error's name and HTTP status only. */
export function errorKind(error: unknown): string {
  const name = error instanceof Error && /^[A-Za-z][A-Za-z0-9]{0,63}$/.test(error.name) ? error.name : "Error";
  const status = (error as { $metadata?: { httpStatusCode?: unknown } } | undefined)?.$metadata?.httpStatusCode;
  return typeof status === "number" ? `${name} (${status})` : name;
}
