import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import * as Clock from "../clock/index.js";
import * as Config from "../config/index.js";
import * as Dynamo from "../dynamo/index.js";
import { NotFoundError } from "../error/index.js";
import { Locale } from "../i18n/index.js";
import * as Outbox from "../outbox/index.js";
import * as Secret from "../secret/index.js";

/**
 * Applicant contact addresses. Anyone can type any address into an application, and for a defender an email
 * from a human-rights fund is itself evidence of contact. So an address gets one neutral confirmation email (a
 * link to `/apply/contact?token=...`), at most one every `resendDays` whatever the number of applications
 * naming it, and nothing else until the person behind it confirms. What is stored is keyed by a keyed hash of
 * the address, and links to no application.
 */

/** At most one confirmation email reaches an address in this many days; its link works as long. */
export const resendDays = 30;
/** How long a confirmed address stays confirmed without being confirmed again. */
export const confirmedDays = 365;

type TransactItem = ReturnType<typeof Dynamo.tx.put>;

/**
 * What an application's creation (or first email) found for its contact address, kept on the application:
 * a confirmation was sent for it now (`sent`), or one had been sent in the last `resendDays` (`sent_recently`),
 * whose link confirms this application's address too. An application without it was made before addresses were
 * confirmed (see `mayEmail`).
 */
export const Check = z.enum(["sent", "sent_recently"]);
export type Check = z.infer<typeof Check>;

/** What the applicant's status page and the API say of their contact address. */
export const Status = z.enum(["confirmation_sent", "confirmation_sent_recently", "confirmed"]);
export type Status = z.infer<typeof Status>;

/** Addresses compare without case or surrounding space, as mail systems treat them. */
const addressHash = (address: string) => Secret.hmac(`contact-address:${address.trim().toLowerCase()}`);
const linkHash = (token: string) => createHash("sha256").update(token).digest("hex");
const epoch = (ms: number) => Math.floor(ms / 1000);

const Stored = z.object({
  confirmationSentAt: z.string().optional(),
  confirmedAt: z.string().optional(),
  [Dynamo.keys.ttl]: z.number().optional(),
});

/**
 * The address's record as stored (`stored`, which conditional writes compare with), and as it counts now (`live`:
 * none once expired, as DynamoDB's TTL is lazy and DynamoDB Local's absent).
 */
async function record(hash: string): Promise<{ stored?: string; live?: z.infer<typeof Stored> }> {
  const found = await Dynamo.get(Dynamo.Key.contactAddress(hash));
  const parsed = Stored.safeParse(found ?? {});
  if (!found || !parsed.success) return {};
  const until = parsed.data[Dynamo.keys.ttl];
  const stored = parsed.data.confirmationSentAt;
  const live = until === undefined || until > epoch(Clock.nowMs()) ? parsed.data : undefined;
  return { ...(stored ? { stored } : {}), ...(live ? { live } : {}) };
}

/**
 * Whether the person behind `address` confirmed it at or after `since` (and within `confirmedDays`). An
 * application needs a confirmation given after it was made: one given earlier, for another application, says
 * nothing about who typed the address this time, and telling them it is confirmed would tell whoever typed it
 * that its owner once answered the fund.
 */
export async function confirmedSince(address: string, since: string): Promise<boolean> {
  const confirmedAt = (await record(addressHash(address))).live?.confirmedAt;
  return confirmedAt !== undefined && confirmedAt >= since;
}

/**
 * What to write, with the change that gives or first needs an address, so that its owner is asked to confirm
 * it: a confirmation email (through the outbox), its link, and the time it was sent, unless the address was sent
 * one in the last `resendDays` (whose link, followed again, confirms it for this application too). The write is
 * conditional on the time read here: of two changes asking at once, one transaction is cancelled (a condition
 * failure), and asking again finds the other.
 */
export async function ask(
  address: string,
  language: string,
  /** The email's idempotency key: the change's, so retention finds an unsent one with its application's. */
  idempotencyKey: string,
): Promise<{ check: Check; items: TransactItem[] }> {
  const hash = addressHash(address);
  const { stored, live: found } = await record(hash);
  const nowMs = Clock.nowMs();
  const since = new Date(nowMs - resendDays * 86_400_000).toISOString();
  if (found?.confirmationSentAt && found.confirmationSentAt > since) return { check: "sent_recently", items: [] };
  const at = new Date(nowMs).toISOString();
  const until = epoch(nowMs) + resendDays * 86_400;
  // A confirmed address's record is kept as long as its confirmation counts.
  const kept = Math.max(until, found?.confirmedAt ? (found[Dynamo.keys.ttl] ?? 0) : 0);
  const token = randomBytes(32).toString("base64url");
  const link = `${Config.get().PUBLIC_URL}/apply/contact?token=${token}`;
  return {
    check: "sent",
    items: [
      Dynamo.tx.update(
        Dynamo.Key.contactAddress(hash),
        { set: { confirmationSentAt: at, [Dynamo.keys.ttl]: kept } },
        stored ? Dynamo.when.equals("confirmationSentAt", stored) : Dynamo.when.missing("confirmationSentAt"),
      ),
      Dynamo.tx.putIfNew({ ...Dynamo.Key.contactLink(linkHash(token)), address: hash, [Dynamo.keys.ttl]: until }),
      await Outbox.item(idempotencyKey, {
        to: address,
        locale: Locale.safeParse(language).data ?? "en",
        body: "mail.contact_confirm_body",
        params: { link, days: resendDays },
        applicant: true,
      }),
    ],
  };
}

/**
 * Confirms the address a confirmation link was sent to. The same link may be followed again (200 again) while
 * it lasts; an unknown or expired one is a 404.
 */
export async function confirm(token: string): Promise<void> {
  const found = /^[A-Za-z0-9_-]{43}$/.test(token)
    ? await Dynamo.get(Dynamo.Key.contactLink(linkHash(token)))
    : undefined;
  const until = found?.[Dynamo.keys.ttl];
  const hash = found?.["address"];
  if (typeof hash !== "string" || (typeof until === "number" && until <= epoch(Clock.nowMs()))) {
    throw new NotFoundError("contact.link_unknown");
  }
  await Dynamo.update(Dynamo.Key.contactAddress(hash), {
    set: { confirmedAt: Clock.iso(), [Dynamo.keys.ttl]: epoch(Clock.nowMs()) + confirmedDays * 86_400 },
  });
}

/** What confirming answers. */
export const Confirmed = z.object({ confirmed: z.literal(true) });
export const ConfirmInput = z.object({ token: z.string().min(1).max(200) });

/** The parts of an application that decide whether its applicant may be emailed. */
export interface Addressed {
  contact?: { email: string } | undefined;
  contactCheck?: Check | undefined;
  createdAt: string;
  submittedAt?: string | undefined;
}

/**
 * Whether email may go to the application's contact address now: its owner confirmed it since the application
 * was made, or the application was submitted before addresses were confirmed (it has no `contactCheck`), so that
 * nobody awaiting a decision silently stops hearing from the fund.
 */
export async function mayEmail(app: Addressed): Promise<boolean> {
  if (!app.contact) return false;
  if (app.contactCheck === undefined && app.submittedAt !== undefined) return true;
  return confirmedSince(app.contact.email, app.createdAt);
}

/** What the applicant is told about their contact address: nothing without one. */
export async function status(app: Addressed): Promise<Status | undefined> {
  if (!app.contact) return undefined;
  if (await mayEmail(app)) return "confirmed";
  return app.contactCheck === "sent_recently" ? "confirmation_sent_recently" : "confirmation_sent";
}

/**
 * Deletes expired confirmation records and links: DynamoDB's TTL does this in AWS, DynamoDB Local never does.
 * @returns how many were deleted.
 */
export async function sweep(): Promise<number> {
  const now = epoch(Clock.nowMs());
  return (
    (await Dynamo.removeExpired(Dynamo.contactPrefix, now)) +
    (await Dynamo.removeExpired(Dynamo.contactLinkPrefix, now))
  );
}
