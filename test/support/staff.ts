import * as Auth from "@amparo/core/auth";
import * as Clock from "@amparo/core/clock";
import * as Account from "@amparo/core/account";
import * as User from "@amparo/core/user";
import { app as staffApp } from "@amparo/functions/staff/index";
import { inbox } from "./applications.js";
import { checkAgainstContract } from "./contract.js";

/**
 * Calls the staff app's JSON API, with a session if given (and any `headers`, such as `If-Match`); the answer must
 * match the published contract.
 */
export async function staffRequest(
  method: string,
  path: string,
  session?: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const response = await staffApp.request(path, {
    method,
    headers: {
      ...headers,
      ...(session ? { Authorization: `Bearer ${session}` } : {}),
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return checkAgainstContract(method, path, response);
}

/** The newest sign-in link emailed to `email`, read from the SES stand-in's inbox. */
export async function latestLinkToken(email: string): Promise<string> {
  const mails = await inbox(email);
  // The newest email that carries a link (an assignment notice may have arrived after it).
  const token = mails
    .map((mail) => /\/staff\/sign-in\/link\?token=([A-Za-z0-9_-]{43})/.exec(mail.body.text ?? "")?.[1])
    .findLast(Boolean);
  if (!token) throw new Error(`no sign-in link was emailed to ${email}`);
  return token;
}

/** Asks for a link through the API and returns the token from the email. */
export async function emailedToken(email: string): Promise<string> {
  const response = await staffRequest("POST", "/api/v1/auth/magic-link", undefined, { email });
  if (response.status !== 202) throw new Error(`magic-link answered ${response.status}`);
  return latestLinkToken(email);
}

/** The TOTP secrets of the accounts this test file enrolled, so they can sign in again. */
const secrets = new Map<string, string>();

/**
 * A code the account has not used yet: the current step's, or the next one's (one step of drift is accepted),
 * moving the clock on when both are used up.
 */
export function unusedCode(secret: string, lastStep: number | undefined): string {
  const current = Math.floor(Clock.nowMs() / 30_000);
  const step = Math.max(current, (lastStep ?? -1) + 1);
  if (step > current + 1) Clock.advance((step - 1) * 30_000 - Clock.nowMs() + 50);
  return Auth.currentCode(secret, new Date(step * 30_000));
}

/**
 * A full session for a staff account, signed in the way a person would: link by email, then TOTP enrolment
 * (every staff role needs it) with a code computed from the secret the API returned, or a fresh code when this
 * test file enrolled the account before.
 */
export async function signIn(email: string): Promise<{ session: string; user: User.Info; secret?: string }> {
  const token = await emailedToken(email);
  const known = secrets.get(email);
  const totp = known ? unusedCode(known, (await User.fromEmail(email))?.totpLastStep) : undefined;
  const verified = await staffRequest("POST", "/api/v1/auth/verify", undefined, { token, ...(totp ? { totp } : {}) });
  const body = (await verified.json()) as { session: string; totp: string };
  const user = (await User.fromEmail(email))!;
  if (body.totp !== "required") return { session: body.session, user, ...(known ? { secret: known } : {}) };
  const enrolled = (await (await staffRequest("POST", "/api/v1/auth/totp/enroll", body.session)).json()) as {
    secret: string;
  };
  const confirmed = await staffRequest("POST", "/api/v1/auth/totp/confirm", body.session, {
    code: Auth.currentCode(enrolled.secret),
  });
  const { session } = (await confirmed.json()) as { session: string };
  secrets.set(email, enrolled.secret);
  return { session, user, secret: enrolled.secret };
}

/**
 * A fresh step-up code for an account this test file signed in with `signIn`: security actions (granting admin or
 * coordinator, deactivating, resetting a second factor, new recovery codes, a call's retention) ask for one.
 */
export async function stepUpCode(email: string): Promise<string> {
  const secret = secrets.get(email);
  if (!secret) throw new Error(`${email} was not signed in with a second factor by this test file`);
  return unusedCode(secret, (await User.fromEmail(email))?.totpLastStep);
}

/** Creates a staff account for a test (an address no other test uses). */
export async function staffAccount(roles: User.Role[], callIds: string[]): Promise<User.Info> {
  const email = `${roles.join("-")}-${Math.random().toString(36).slice(2, 10)}@staff.example.org`;
  return (await Account.create({ email, roles, callIds }))!;
}
