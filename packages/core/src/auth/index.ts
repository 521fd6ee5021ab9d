import { createHash, randomBytes } from "node:crypto";
import { DeleteCommand, GetCommand, PutCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import * as OTPAuth from "otpauth";
import QRCode from "qrcode";
import { z } from "zod";
import * as Audit from "../audit/index.js";
import * as Config from "../config/index.js";
import * as Crypto from "../crypto/index.js";
import * as Dynamo from "../dynamo/index.js";
import { VisibleError } from "../error/index.js";
import type { Locale } from "../i18n/index.js";
import * as Mail from "../mail/index.js";
import * as RateLimit from "../rate-limit/index.js";
import * as User from "../user/index.js";
import { parseStored } from "../util/stored.js";

/** How long a sign-in link works, and how long a session lasts. */
export const linkMinutes = 15;
export const sessionHours = 12;
/** Sign-in links per address per quarter hour, and for everyone together per minute. */
export const linksPerAddress = 5;
export const linksPerMinute = 60;

/** A session is full, or only good for enrolling a second factor. */
export type Scope = "full" | "enrol";

export interface Session {
  user: User.Info;
  scope: Scope;
}

const hash = (token: string) => createHash("sha256").update(token).digest("hex");
const newToken = () => randomBytes(32).toString("base64url");
const linkKey = (token: string) => ({ [Dynamo.keys.partition]: `LINK#${hash(token)}`, [Dynamo.keys.sort]: "LINK" });
const sessionKey = (token: string) => ({
  [Dynamo.keys.partition]: `SESSION#${hash(token)}`,
  [Dynamo.keys.sort]: "SESSION",
});
const epoch = (date: Date) => Math.floor(date.getTime() / 1000);

const unauthenticated = (code: string) => new VisibleError("unauthenticated", code, "error.unauthenticated");

/** Where a sign-in link leads: a page with a button, so link previews that fetch it do not use it up. */
export function linkUrl(token: string): string {
  return `${Config.get().PUBLIC_URL}/staff/sign-in/link?token=${token}`;
}

export const Email = z.email().transform((email) => email.trim().toLowerCase());

/**
 * Emails a one-time sign-in link to a staff address. It answers the same whether or not the address
 * belongs to someone, so it reveals nothing; only the rate limits can refuse it (429). Addresses are
 * counted under a keyed hash, never in the clear.
 */
export async function requestLink(input: { email: string; locale: Locale }): Promise<void> {
  const email = Email.parse(input.email);
  await RateLimit.hit("link:all", linksPerMinute, 60);
  await RateLimit.hit(`link:${Crypto.hmac(email)}`, linksPerAddress, linkMinutes * 60);
  const user = await User.fromEmail(email);
  if (!user) return;
  const token = newToken();
  const expires = new Date(Date.now() + linkMinutes * 60_000);
  await Dynamo.documentClient().send(
    new PutCommand({
      TableName: Dynamo.tableName(),
      Item: {
        ...linkKey(token),
        userId: user.id,
        [Dynamo.keys.ttl]: epoch(expires),
        validUntil: expires.toISOString(),
      },
    }),
  );
  await Mail.send({
    to: user.email,
    locale: input.locale,
    subject: "mail.neutral_subject",
    body: "mail.sign_in_body",
    params: { link: linkUrl(token), minutes: linkMinutes },
    idempotencyKey: `link:${hash(token)}`,
  });
}

function totpFor(secret: string, label = "staff") {
  return new OTPAuth.TOTP({
    issuer: "Amparo",
    label,
    algorithm: "SHA1",
    digits: 6,
    period: 30,
    secret: OTPAuth.Secret.fromBase32(secret),
  });
}

/** The time step a code belongs to, if it is valid now (one step of clock drift either way). */
function stepOf(secret: string, code: string): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const delta = totpFor(secret).validate({ token: code, window: 1 });
  return delta === null ? undefined : Math.floor(Date.now() / 30_000) + delta;
}

async function sealedSecret(user: User.Info, which: "totpSealed" | "pendingTotpSealed") {
  const sealed = user[which];
  if (!sealed) return undefined;
  return parseStored(z.string(), await Crypto.open(sealed, { purpose: "totp", userId: user.id }), "TOTP secret");
}

/** Accepts a code once: the step is recorded with a conditional write, so a replayed code fails. */
async function acceptCode(user: User.Info, secret: string, code: string | undefined): Promise<boolean> {
  const step = code === undefined ? undefined : stepOf(secret, code);
  if (step === undefined) return false;
  return User.patch(user.id, { totpLastStep: step }, [], {
    expression: "attribute_not_exists(totpLastStep) OR totpLastStep < :step",
    values: { ":step": step },
  });
}

async function startSession(user: User.Info, scope: Scope): Promise<string> {
  const token = newToken();
  const expires = new Date(Date.now() + sessionHours * 3_600_000);
  const now = new Date().toISOString();
  await Dynamo.documentClient().send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: Dynamo.tableName(),
            Item: {
              ...sessionKey(token),
              userId: user.id,
              scope,
              validUntil: expires.toISOString(),
              [Dynamo.keys.ttl]: epoch(expires),
            },
          },
        },
        Audit.put(`USER#${user.id}`, "signed_in", `user:${user.id}`, now, { scope }),
      ],
    }),
  );
  return token;
}

export type TotpState = "not_required" | "required" | "enrolled";

/**
 * Signs in with a link's token, which works once and for `linkMinutes`. An enrolled account must also give a
 * valid TOTP code; a coordinator or admin who has not enrolled gets a session that can only enrol.
 * Anything wrong is the same 401, and uses the link up.
 */
export async function verify(input: { token: string; totp?: string }): Promise<{
  session: string;
  user: User.Info;
  totp: TotpState;
  scope: Scope;
}> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(input.token)) throw unauthenticated("auth.link_invalid");
  const now = new Date();
  let userId: unknown;
  try {
    const used = await Dynamo.documentClient().send(
      new DeleteCommand({
        TableName: Dynamo.tableName(),
        Key: linkKey(input.token),
        ConditionExpression: "attribute_exists(#pk) AND validUntil > :now",
        ExpressionAttributeNames: { "#pk": Dynamo.keys.partition },
        ExpressionAttributeValues: { ":now": now.toISOString() },
        ReturnValues: "ALL_OLD",
      }),
    );
    userId = used.Attributes?.["userId"];
  } catch (error) {
    if (error instanceof Error && error.name === "ConditionalCheckFailedException")
      throw unauthenticated("auth.link_invalid");
    throw error;
  }
  const user = typeof userId === "string" ? await User.fromID(userId) : undefined;
  if (!user) throw unauthenticated("auth.link_invalid");

  const secret = await sealedSecret(user, "totpSealed");
  if (secret) {
    if (!(await acceptCode(user, secret, input.totp))) throw unauthenticated("auth.totp_invalid");
    return { session: await startSession(user, "full"), user, totp: "enrolled", scope: "full" };
  }
  if (User.needsTotp(user)) {
    return { session: await startSession(user, "enrol"), user, totp: "required", scope: "enrol" };
  }
  return { session: await startSession(user, "full"), user, totp: "not_required", scope: "full" };
}

/** The session a token stands for; a 401 when it is unknown, expired or its account is gone. */
export async function session(token: string | undefined): Promise<Session> {
  if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) throw unauthenticated("auth.no_session");
  const found = await Dynamo.documentClient().send(
    new GetCommand({ TableName: Dynamo.tableName(), Key: sessionKey(token), ConsistentRead: true }),
  );
  const item = found.Item;
  if (!item || String(item["validUntil"]) <= new Date().toISOString()) throw unauthenticated("auth.no_session");
  const user = await User.fromID(String(item["userId"]));
  if (!user) throw unauthenticated("auth.no_session");
  return { user, scope: item["scope"] === "full" ? "full" : "enrol" };
}

/** Ends a session. */
export async function signOut(token: string): Promise<void> {
  await Dynamo.documentClient().send(new DeleteCommand({ TableName: Dynamo.tableName(), Key: sessionKey(token) }));
}

/**
 * Starts TOTP enrolment: a new secret as text, an otpauth URI and a QR code (inline SVG). With `reuse`,
 * a secret already shown and not yet confirmed is shown again (a page reload must not change it).
 */
export async function enrol(
  user: User.Info,
  options: { reuse?: boolean } = {},
): Promise<{ secret: string; uri: string; qrSvg: string }> {
  if (user.totpSealed) throw new VisibleError("conflict", "auth.totp_enrolled", "error.totp_enrolled");
  let secret = options.reuse ? await sealedSecret(user, "pendingTotpSealed") : undefined;
  if (!secret) {
    secret = new OTPAuth.Secret({ size: 20 }).base32;
    await User.patch(user.id, {
      pendingTotpSealed: await Crypto.seal(secret, { purpose: "totp", userId: user.id }),
    });
  }
  const uri = totpFor(secret, user.email).toString();
  const qrSvg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return { secret, uri, qrSvg };
}

/** Confirms enrolment with a code from the new secret, and replaces the enrol-only session with a full one. */
export async function confirm(user: User.Info, code: string, oldSession: string): Promise<{ session: string }> {
  const secret = await sealedSecret(user, "pendingTotpSealed");
  if (!secret) throw new VisibleError("conflict", "auth.totp_not_started", "error.totp_not_started");
  if (!(await acceptCode(user, secret, code))) {
    throw new VisibleError("unprocessable", "auth.totp_invalid", "error.totp_invalid", {}, [
      { path: "code", message: "error.totp_invalid" },
    ]);
  }
  await User.patch(user.id, { totpSealed: user.pendingTotpSealed! }, ["pendingTotpSealed"]);
  await signOut(oldSession);
  return { session: await startSession(user, "full") };
}

/** The current code for a secret (tests and the local runtime's seeded accounts use it). */
export function currentCode(secret: string): string {
  return totpFor(secret).generate();
}
