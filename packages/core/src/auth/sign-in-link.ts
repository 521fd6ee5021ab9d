// Sign-in links: a one-time link emailed to a staff address, answered and worked the same whatever the address.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import * as Clock from "../clock/index.js";
import * as Config from "../config/index.js";
import * as Crypto from "../crypto/index.js";
import * as Dynamo from "../dynamo/index.js";
import type { Locale } from "../i18n/index.js";
import * as Outbox from "../outbox/index.js";
import * as RateLimit from "../rate-limit/index.js";
import * as Session from "../session/index.js";
import * as User from "../user/index.js";

/** How long a sign-in link works. */
export const linkMinutes = 15;
/**
 * Sign-in links emailed per address per quarter hour. Past it a request still answers 202 and does the same
 * work, but nothing is emailed: the links already sent keep working, so nobody can be locked out by it.
 */
export const linksPerAddress = 5;

const { hash, newToken } = Session;
export const linkKey = (token: string) => Dynamo.Key.signInLink(hash(token));
const epoch = (date: Date) => Math.floor(date.getTime() / 1000);

/** Where a sign-in link leads: a page with a button, so link previews that fetch it do not use it up. */
export function linkUrl(token: string): string {
  return `${Config.get().PUBLIC_URL}/staff/sign-in/link?token=${token}`;
}

export const Email = z.email().transform((email) => email.trim().toLowerCase());

/** A request for a sign-in link. */
export const LinkRequest = z.object({ email: z.string().max(320) });

/** A link request's answer: the same, whoever asked. */
export const LinkRequested = z.object({});

/**
 * Emails a one-time sign-in link to a staff address. It answers the same, and does the same work, whatever the
 * address and however often it is asked: a known and an unknown address both count against the address's
 * limit, read two items, and write a link and an outbox item in one transaction; only the outbox item of a
 * known address within its limit carries a recipient, so only that one is ever sent. Nothing here refuses, so a
 * flood of requests (for made-up addresses or for a real one) locks nobody out and tells nothing apart. Addresses
 * are counted under a keyed hash, never in the clear.
 */
export async function requestLink(input: z.input<typeof LinkRequest> & { locale: Locale }): Promise<void> {
  const email = Email.parse(LinkRequest.parse(input).email);
  const now = Clock.now();
  const withinLimit = await RateLimit.take(`link:${Crypto.hmac(email)}`, linksPerAddress, linkMinutes * 60);
  // An unknown address reads an account that does not exist, so both cases read twice. A deactivated account
  // is then treated exactly as an unknown address: same answer, same writes, no recipient.
  const found = (await User.fromEmail(email)) ?? (await User.fromID(randomUUID()));
  const user = found && User.isActive(found) ? found : undefined;
  const token = newToken();
  const expires = new Date(now.getTime() + linkMinutes * 60_000);
  await Dynamo.transact([
    Dynamo.tx.put({
      ...linkKey(token),
      // An unknown address's link names an account nobody has: using it fails like any invalid link.
      userId: user?.id ?? randomUUID(),
      requestedAt: now.toISOString(),
      [Dynamo.keys.ttl]: epoch(expires),
      validUntil: expires.toISOString(),
    }),
    await Outbox.item(
      `link:${hash(token)}`,
      {
        to: user && withinLimit ? user.email : undefined,
        locale: input.locale,
        body: "mail.sign_in_body",
        params: { link: linkUrl(token), minutes: linkMinutes },
      },
      now,
    ),
  ]);
}
