import { createHash, randomBytes } from "node:crypto";
import * as Audit from "../audit/index.js";
import * as Dynamo from "../dynamo/index.js";
import { UnauthenticatedError } from "../error/index.js";
import * as User from "../user/index.js";

/**
 * Staff sessions: starting, looking up and ending them. Kept apart from sign-in (`auth`), which opens sealed
 * TOTP secrets, so an app that only checks sessions (reports) never loads the encryption library.
 */

/** How long a session lasts. */
export const sessionHours = 12;

/** A session is full, or only good for enrolling a second factor. */
export type Scope = "full" | "enrol";

export interface Session {
  user: User.Info;
  scope: Scope;
}

/** Tokens are stored only as their hash: a copy of the table holds no usable session. */
export const hash = (token: string) => createHash("sha256").update(token).digest("hex");
/** A new 256-bit token, URL-safe. */
export const newToken = () => randomBytes(32).toString("base64url");
/** The shape of every token `newToken` makes (43 base64url characters). */
export const tokenPattern = /^[A-Za-z0-9_-]{43}$/;
const epoch = (date: Date) => Math.floor(date.getTime() / 1000);

/** Starts a session of `scope` for `user`, recorded in the user's audit trail. @returns its token. */
export async function start(user: User.Info, scope: Scope): Promise<string> {
  const token = newToken();
  const expires = new Date(Date.now() + sessionHours * 3_600_000);
  const now = new Date().toISOString();
  await Dynamo.transact([
    Dynamo.tx.put({
      ...Dynamo.Key.session(hash(token)),
      userId: user.id,
      scope,
      validUntil: expires.toISOString(),
      [Dynamo.keys.ttl]: epoch(expires),
    }),
    Audit.put({ user: user.id }, "signed_in", `user:${user.id}`, now, { scope }),
  ]);
  return token;
}

/** The session a token stands for; a 401 when it is unknown, expired or its account is gone. */
export async function lookup(token: string | undefined): Promise<Session> {
  if (!token || !tokenPattern.test(token)) throw new UnauthenticatedError("auth.no_session");
  const item = await Dynamo.get(Dynamo.Key.session(hash(token)));
  if (!item || String(item["validUntil"]) <= new Date().toISOString()) {
    throw new UnauthenticatedError("auth.no_session");
  }
  const user = await User.fromID(String(item["userId"]));
  if (!user) throw new UnauthenticatedError("auth.no_session");
  return { user, scope: item["scope"] === "full" ? "full" : "enrol" };
}

/** Ends a session. */
export async function end(token: string): Promise<void> {
  await Dynamo.remove(Dynamo.Key.session(hash(token)));
}
