// Sending outbox items, each once: claimed with a conditional write, sent through SES, marked sent or retried
// with backoff. The stream's sender calls `handleStream`; the sweep calls `deliver` for what it missed.
import * as Clock from "../clock/index.js";
import * as Config from "../config/index.js";
import * as Crypto from "../crypto/index.js";
import * as Dynamo from "../dynamo/index.js";
import { logger } from "../log/index.js";
import * as Mail from "../mail/index.js";
import * as RateLimit from "../rate-limit/index.js";
import { parseStored } from "../util/stored.js";
import { isFailing } from "./failing.js";
import { context, errorKind, keptUntil, Sealed, Stored } from "./stored.js";

/** Tries per email before giving up on it (about three hours of retries with the backoff below). */
export const maxAttempts = 10;
/** A claim older than this belongs to a sender that crashed between claiming and marking: take it over. */
export const claimSeconds = 5 * 60;

/** Exponential backoff, jittered within its upper half: about 30 s, 1 min, 2 min ... capped at one hour. */
function retryDelayMs(attempts: number): number {
  const base = Math.min(3_600_000, 30_000 * 2 ** (attempts - 1));
  return base / 2 + Math.random() * (base / 2);
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

/**
 * Counts one email to an applicant's address against its daily limit (a sliding day, under a keyed hash of the
 * address): @returns false past it. Counted on the first attempt only, so retries of one email count once.
 */
function withinDailyLimit(address: string): Promise<boolean> {
  const name = `mail-to:${Crypto.hmac(`mail-address:${address.trim().toLowerCase()}`)}`;
  return RateLimit.take(name, Config.get().LIMIT_APPLICANT_MAIL_PER_DAY, 86_400);
}
