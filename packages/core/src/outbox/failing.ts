// Failing addresses: those SES reported as bouncing for good or complaining, whose emails are never sent.
import { z } from "zod";
import * as Clock from "../clock/index.js";
import * as Crypto from "../crypto/index.js";
import * as Dynamo from "../dynamo/index.js";
import { logger } from "../log/index.js";
import { epoch } from "./stored.js";

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
