import { z } from "zod";
import * as Clock from "../clock/index.js";
import * as Config from "../config/index.js";
import * as Crypto from "../crypto/index.js";
import * as Dynamo from "../dynamo/index.js";
import { en } from "../i18n/en.js";
import { defaultLocale, Locale, LocalizedText, type MessageKey } from "../i18n/index.js";
import { logger } from "../log/index.js";
import * as Mail from "../mail/index.js";
import * as RateLimit from "../rate-limit/index.js";
import type * as User from "../user/index.js";
import { parseStored } from "../util/stored.js";

/**
 * The email outbox. A change that causes an email writes it here, in the same transaction as the change, so
 * the request never waits on SES or fails because of it, and no email is lost. A sender off the request path
 * (a function on the table's stream in AWS, the local runtime's stream reader locally) sends each item once:
 * it claims the item with a conditional write before calling SES and marks it sent after. A failure is
 * recorded on the item and retried later by the sweep, with backoff, up to `maxAttempts`.
 */

/** Tries per email before giving up on it (about three hours of retries with the backoff below). */
export const maxAttempts = 10;
/** A claim older than this belongs to a sender that crashed between claiming and marking: take it over. */
export const claimSeconds = 5 * 60;
/** How long a finished item is kept, as the record that its key was sent. */
const keptDays = 30;

type TransactItem = ReturnType<typeof Dynamo.tx.put>;

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
const Stored = z.object({
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
type Stored = z.infer<typeof Stored>;

/** What is sealed: the recipient, their language and the body's values (a sign-in link is a secret). */
const Sealed = z.object({
  to: z.string().nullable(),
  locale: Locale,
  params: z.record(z.string(), z.union([z.string(), z.number(), LocalizedText])),
});

export interface Email {
  /** The recipient; undefined for an item that must look like any other but never be sent. */
  to: string | undefined;
  /** The recipient's language, known when the item is written: the application's, or the staff member's. */
  locale: Locale;
  /** A catalog key for the subject, rendered when sent; the neutral one unless a staff notice names its application. */
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

const context = (keyHash: string) => ({ purpose: "outbox", item: keyHash });
const epoch = (date: Date) => Math.floor(date.getTime() / 1000);
const keptUntil = (now: Date) => epoch(now) + keptDays * 86_400;

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
 * none). A notice whose params name an application (`applicationId`) has a subject naming it
 * (`mail.staff_subject`), so staff can tell their notices apart; others have the neutral subject. Pass the
 * accounts as read (`User.Info`), so the language comes from the record.
 */
export async function toStaff(
  staff: Pick<User.Info, "id" | "email" | "language">[],
  idempotencyKey: string,
  body: MessageKey,
  now = Clock.now(),
  params: Mail.Params = {},
): Promise<TransactItem[]> {
  const subject: MessageKey = params["applicationId"] === undefined ? Mail.subject : "mail.staff_subject";
  return Promise.all(
    staff.map((member) =>
      item(
        `${idempotencyKey}:${member.id}`,
        { to: member.email, locale: member.language ?? defaultLocale, subject, body, params },
        now,
      ),
    ),
  );
}

/** Exponential backoff, jittered within its upper half: about 30 s, 1 min, 2 min ... capped at one hour. */
function retryDelayMs(attempts: number): number {
  const base = Math.min(3_600_000, 30_000 * 2 ** (attempts - 1));
  return base / 2 + Math.random() * (base / 2);
}

/** A failure's kind, safe to store: the error's name and HTTP status only. */
function errorKind(error: unknown): string {
  const name = error instanceof Error && /^[A-Za-z][A-Za-z0-9]{0,63}$/.test(error.name) ? error.name : "Error";
  const status = (error as { $metadata?: { httpStatusCode?: unknown } } | undefined)?.$metadata?.httpStatusCode;
  return typeof status === "number" ? `${name} (${status})` : name;
}

export type Outcome = "sent" | "retry" | "failed" | "suppressed" | "skipped";

/**
 * Sends one outbox item if it is due (or its claim is stale), once: the claim is a conditional write, so of
 * two senders at once one sends and the other skips. A failure is recorded on the item, never thrown, so one
 * bad address cannot hold up the others. `now` decides what is due (tests move it forward); whether a claim is
 * stale is always judged by the clock's present.
 */
export async function deliver(keyHash: string, options: { now?: Date } = {}): Promise<Outcome> {
  const now = options.now ?? Clock.now();
  const key = Dynamo.Key.outbox(keyHash);
  const found = await Dynamo.get(key);
  if (!found) return "skipped";
  const stored = parseStored(Stored, Dynamo.withoutKeys(found), "outbox item");
  const due = stored.status === "pending" && stored.nextAttemptAt <= now.toISOString();
  const stale =
    stored.status === "sending" &&
    stored.claimedAt !== undefined &&
    Date.parse(stored.claimedAt) <= Clock.nowMs() - claimSeconds * 1000;
  if (!due && !stale) return "skipped";

  // The claim is stamped with the clock's present, as its staleness is judged by it.
  const claimedAt = Clock.iso();
  try {
    await Dynamo.update(
      key,
      { set: { status: "sending", claimedAt } },
      Dynamo.when.all(
        Dynamo.when.equals("status", stored.status),
        Dynamo.when.equals("attempts", stored.attempts),
        stored.claimedAt === undefined
          ? Dynamo.when.missing("claimedAt")
          : Dynamo.when.equals("claimedAt", stored.claimedAt),
      ),
    );
  } catch (error) {
    if (Dynamo.isConditionFailure(error)) return "skipped"; // another sender has it
    throw error;
  }
  const mine = Dynamo.when.all(Dynamo.when.equals("status", "sending"), Dynamo.when.equals("claimedAt", claimedAt));
  const finished = { remove: ["sealed", "claimedAt", Dynamo.keys.gsi1.partition, Dynamo.keys.gsi1.sort] };

  try {
    const email = stored.sealed
      ? parseStored(Sealed, await Crypto.open(stored.sealed, context(keyHash)), "outbox recipient")
      : undefined;
    const overLimit = email?.to && stored.toApplicant && stored.attempts === 0 && !(await withinDailyLimit(email.to));
    if (email?.to && (overLimit || (await isFailing(email.to)))) {
      const at = Clock.now();
      await Dynamo.update(
        key,
        {
          set: {
            status: "suppressed",
            lastError: overLimit ? "RecipientDailyLimit" : "AddressFailing",
            failedAt: at.toISOString(),
            [Dynamo.keys.ttl]: keptUntil(at),
          },
          ...finished,
        },
        mine,
      ).catch(ignoreLostClaim);
      logger.info(overLimit ? "email not sent: the address's daily limit" : "email not sent: the address is failing");
      return "suppressed";
    }
    if (email?.to) {
      await Mail.send({
        to: email.to,
        locale: email.locale,
        ...(stored.subject ? { subject: stored.subject } : {}),
        body: stored.body,
        params: email.params,
      });
    }
  } catch (error) {
    const attempts = stored.attempts + 1;
    const lastError = errorKind(error);
    const at = Clock.now();
    if (attempts >= maxAttempts) {
      await Dynamo.update(
        key,
        {
          set: { status: "failed", attempts, lastError, failedAt: at.toISOString(), [Dynamo.keys.ttl]: keptUntil(at) },
          ...finished,
        },
        mine,
      ).catch(ignoreLostClaim);
      logger.warn("email given up", { error: lastError, attempts });
      return "failed";
    }
    const nextAttemptAt = new Date(now.getTime() + retryDelayMs(attempts)).toISOString();
    await Dynamo.update(
      key,
      {
        set: {
          status: "pending",
          attempts,
          lastError,
          nextAttemptAt,
          ...Dynamo.Index.outboxDue(nextAttemptAt, keyHash),
        },
        remove: ["claimedAt"],
      },
      mine,
    ).catch(ignoreLostClaim);
    logger.info("email to be retried", { error: lastError, attempts });
    return "retry";
  }
  await Dynamo.update(
    key,
    {
      set: { status: "sent", sentAt: Clock.iso(), [Dynamo.keys.ttl]: keptUntil(Clock.now()) },
      ...finished,
    },
    mine,
  ).catch(ignoreLostClaim);
  return "sent";
}

/** Another sender took the item over meanwhile (our claim went stale): what it records stands. */
function ignoreLostClaim(error: unknown): void {
  if (!Dynamo.isConditionFailure(error)) throw error;
}

/** A DynamoDB stream record, as Lambda and the DynamoDB Streams API both give it (only the keys are read). */
export interface StreamRecord {
  eventName?: string;
  dynamodb?: { Keys?: Record<string, { S?: string } | undefined> };
}

/**
 * Sends the outbox items a batch of stream records inserted. It never throws, so the batch never fails and
 * the stream never stops on one email: whatever went wrong is on the item, and the sweep tries again.
 */
export async function handleStream(records: readonly StreamRecord[]): Promise<void> {
  for (const record of records) {
    if (record.eventName !== "INSERT") continue;
    const pk = record.dynamodb?.Keys?.[Dynamo.keys.partition]?.S;
    if (!pk?.startsWith(Dynamo.outboxPrefix)) continue;
    try {
      await deliver(pk.slice(Dynamo.outboxPrefix.length));
    } catch (error) {
      // Not even the failure could be recorded (the table was unreachable): the sweep will find the item.
      logger.error("outbox item not handled", { error: errorKind(error) });
    }
  }
}

/** The items not finished yet (pending or being sent), from the index. */
async function unfinished(): Promise<{ keyHash: string; stored: Stored }[]> {
  const items = await Dynamo.queryIndex(Dynamo.IndexPartition.outboxDue);
  return items.map((found) => ({
    keyHash: String(found[Dynamo.keys.partition]).slice(Dynamo.outboxPrefix.length),
    stored: parseStored(Stored, Dynamo.withoutKeys(found), "outbox item"),
  }));
}

/**
 * Retries what the stream did not send: items whose next attempt is due, and items whose claim went stale.
 * Runs on a schedule (AWS) or an interval (locally). @returns how many it tried and how many are left unfinished.
 */
export async function sweep(options: { now?: Date } = {}): Promise<{ attempted: number; unfinished: number }> {
  const now = options.now ?? Clock.now();
  // Staleness is the clock's time since the claim, whatever `now` says: a caller that moves `now` ahead to make
  // backoffs due (the tests do) must not take over a claim whose sender is still talking to SES, which would
  // send the email twice.
  const staleBefore = new Date(Clock.nowMs() - claimSeconds * 1000).toISOString();
  let attempted = 0;
  for (const { keyHash, stored } of await unfinished()) {
    const due =
      (stored.status === "pending" && stored.nextAttemptAt <= now.toISOString()) ||
      (stored.status === "sending" && (stored.claimedAt ?? "") <= staleBefore);
    if (!due) continue;
    attempted++;
    try {
      await deliver(keyHash, { now });
    } catch (error) {
      logger.error("outbox item not handled", { error: errorKind(error) });
    }
  }
  return { attempted, unfinished: (await unfinished()).length };
}

/**
 * Counts one email to an applicant's address against its daily limit (a sliding day, under a keyed hash of the
 * address): @returns false past it. Counted on the first attempt only, so retries of one email count once.
 */
function withinDailyLimit(address: string): Promise<boolean> {
  const name = `mail-to:${Crypto.hmac(`mail-address:${address.trim().toLowerCase()}`)}`;
  return RateLimit.take(name, Config.get().LIMIT_APPLICANT_MAIL_PER_DAY, 86_400);
}

/** How long an address stays marked as failing: long enough to stop the harm, short enough for a fixed mailbox. */
const failingKeptDays = 365;

/** Why SES says an address must not be written to again. */
export const FailingReason = z.enum(["bounce", "complaint"]);
export type FailingReason = z.infer<typeof FailingReason>;

/** Addresses compare without case or surrounding space, as mail systems treat them. */
const failingKey = (address: string) =>
  Dynamo.Key.failingAddress(Crypto.hmac(`mail-address:${address.trim().toLowerCase()}`));

/**
 * Marks an address as failing, so the outbox finishes its emails as `suppressed` instead of sending them. Only a
 * keyed hash of the address is stored, with the reason and when; a later report refreshes it.
 */
export async function markFailing(address: string, reason: FailingReason, now = Clock.now()): Promise<void> {
  await Dynamo.put({
    ...failingKey(address),
    reason,
    since: now.toISOString(),
    [Dynamo.keys.ttl]: epoch(now) + failingKeptDays * 86_400,
  });
}

/** Whether SES reported `address` as failing within the last `failingKeptDays` (DynamoDB's TTL is lazy). */
export async function isFailing(address: string, now = Clock.now()): Promise<boolean> {
  const found = await Dynamo.get(failingKey(address));
  const until = found?.[Dynamo.keys.ttl];
  return found !== undefined && (typeof until !== "number" || until > epoch(now));
}

const Recipients = z.array(z.object({ emailAddress: z.string().min(3).max(320) })).max(100);

/**
 * An SES notification, as its configuration set's event destination publishes it to SNS (`eventType`) or as
 * identity notifications do (`notificationType`). Only what decides a failing address is read.
 */
export const SesNotification = z.union([
  z.object({
    eventType: z.literal("Bounce"),
    bounce: z.object({ bounceType: z.string(), bouncedRecipients: Recipients }),
  }),
  z.object({
    notificationType: z.literal("Bounce"),
    bounce: z.object({ bounceType: z.string(), bouncedRecipients: Recipients }),
  }),
  z.object({ eventType: z.literal("Complaint"), complaint: z.object({ complainedRecipients: Recipients }) }),
  z.object({ notificationType: z.literal("Complaint"), complaint: z.object({ complainedRecipients: Recipients }) }),
]);

/**
 * Records what an SES notification says about its recipients: a permanent bounce (the address does not exist)
 * or a complaint (the person marked the email as unwanted) marks each as failing. A transient bounce (a full
 * mailbox) is left to the outbox's retries. Anything else, or a message that is not an SES notification, is
 * ignored: SNS may deliver other messages (its subscription confirmation) to the same function.
 * @returns how many addresses were marked.
 */
export async function recordSesNotification(message: unknown, now = Clock.now()): Promise<number> {
  const parsed = SesNotification.safeParse(message);
  if (!parsed.success) return 0;
  const notification = parsed.data;
  let addresses: string[] = [];
  let reason: FailingReason;
  if ("bounce" in notification) {
    if (notification.bounce.bounceType !== "Permanent") return 0;
    addresses = notification.bounce.bouncedRecipients.map((recipient) => recipient.emailAddress);
    reason = "bounce";
  } else {
    addresses = notification.complaint.complainedRecipients.map((recipient) => recipient.emailAddress);
    reason = "complaint";
  }
  for (const address of addresses) await markFailing(address, reason, now);
  // A count and a reason only: the addresses are what must never reach a log.
  logger.info("addresses marked as failing", { reason, count: addresses.length });
  return addresses.length;
}
