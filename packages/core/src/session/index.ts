import { createHash, randomBytes } from "node:crypto";
import * as Audit from "../audit/index.js";
import * as Clock from "../clock/index.js";
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
  /** The session's random id (not its token), which names it on the sessions page; none on sessions older than it. */
  id?: string;
}

/** What the person sees of one of their sessions: never its token or hash, and no address or browser (none is kept). */
export interface Listed {
  id: string;
  scope: Scope;
  createdAt: string;
  validUntil: string;
  /** The session this request came with. */
  current: boolean;
}

/** Tokens are stored only as their hash: a copy of the table holds no usable session. */
export const hash = (token: string) => createHash("sha256").update(token).digest("hex");
/** A new 256-bit token, URL-safe. */
export const newToken = () => randomBytes(32).toString("base64url");
/** The shape of every token `newToken` makes (43 base64url characters). */
export const tokenPattern = /^[A-Za-z0-9_-]{43}$/;
const epoch = (date: Date) => Math.floor(date.getTime() / 1000);

/**
 * Starts a session of `scope` for `user`, recorded in the user's audit trail. @returns its token. The item
 * also carries a random id and an entry in the account's sessions on the index, so the person can list and
 * end their sessions although no token is stored.
 */
export async function start(user: User.Info, scope: Scope): Promise<string> {
  const token = newToken();
  const id = randomBytes(16).toString("base64url");
  const expires = Clock.fromNow(sessionHours * 3_600_000);
  const now = Clock.iso();
  await Dynamo.transact([
    Dynamo.tx.put({
      ...Dynamo.Key.session(hash(token)),
      ...Dynamo.Index.userSession(user.id, now, id),
      sessionId: id,
      userId: user.id,
      scope,
      createdAt: now,
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
  if (!item || String(item["validUntil"]) <= Clock.iso()) {
    throw new UnauthenticatedError("auth.no_session");
  }
  const user = await User.fromID(String(item["userId"]));
  // A deactivated account's sessions are deleted with it; this refuses any that a deactivation raced with.
  if (!user || !User.isActive(user)) throw new UnauthenticatedError("auth.no_session");
  // A reset second factor ends every session begun before it, whether or not ending them found it.
  if (user.secondFactorResetAt && String(item["createdAt"]) <= user.secondFactorResetAt) {
    throw new UnauthenticatedError("auth.no_session");
  }
  const id = typeof item["sessionId"] === "string" ? item["sessionId"] : undefined;
  return { user, scope: item["scope"] === "full" ? "full" : "enrol", ...(id ? { id } : {}) };
}

/** Ends a session without a trace in the audit trail (enrolment replacing its enrol-only session). */
export async function end(token: string): Promise<void> {
  await Dynamo.remove(Dynamo.Key.session(hash(token)));
}

/** The session items of an account that have not expired (DynamoDB Local never expires them itself). */
async function itemsOf(userId: string): Promise<Record<string, unknown>[]> {
  const now = Clock.iso();
  const items = await Dynamo.queryIndex(Dynamo.IndexPartition.userSessions(userId));
  return items.filter((item) => item["userId"] === userId && String(item["validUntil"]) > now);
}

const keyOf = (item: Record<string, unknown>) => ({
  pk: String(item[Dynamo.keys.partition]),
  sk: String(item[Dynamo.keys.sort]),
});

/** Deletes a session item only if it is still this account's (a condition, not a read then a delete). */
const deletePart = (item: Record<string, unknown>, userId: string) =>
  Dynamo.tx.delete(keyOf(item), Dynamo.when.equals("userId", userId));

/** The account's live sessions, newest first, with the one of `currentToken` marked. */
export async function list(userId: string, currentToken: string): Promise<Listed[]> {
  const currentKey = Dynamo.Key.session(hash(currentToken)).pk;
  return (await itemsOf(userId))
    .map((item) => ({
      id: String(item["sessionId"]),
      scope: item["scope"] === "full" ? ("full" as const) : ("enrol" as const),
      createdAt: String(item["createdAt"]),
      validUntil: String(item["validUntil"]),
      current: item[Dynamo.keys.partition] === currentKey,
    }))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Signs out: ends the session of `token`, recorded in its account's audit trail. */
export async function signOut(token: string): Promise<void> {
  if (!tokenPattern.test(token)) return;
  const key = Dynamo.Key.session(hash(token));
  const item = await Dynamo.get(key);
  if (!item || typeof item["userId"] !== "string") return;
  const userId = item["userId"];
  try {
    await Dynamo.transact([
      Dynamo.tx.delete(key, Dynamo.when.equals("userId", userId)),
      Audit.put({ user: userId }, "signed_out", `user:${userId}`, Clock.iso(), { sessions: 1 }),
    ]);
  } catch (error) {
    // Ended meanwhile (another tab signed out): there is nothing left to do.
    if (!Dynamo.isConditionFailure(error)) throw error;
  }
}

/**
 * Ends one of the account's own sessions, named by its id; a session of another account is not found, whatever
 * its id. @returns false when there is no such live session.
 */
export async function endById(user: User.Info, sessionId: string): Promise<boolean> {
  const item = (await itemsOf(user.id)).find((found) => found["sessionId"] === sessionId);
  if (!item) return false;
  try {
    await Dynamo.transact([
      deletePart(item, user.id),
      Audit.put({ user: user.id }, "signed_out", `user:${user.id}`, Clock.iso(), { sessions: 1 }),
    ]);
    return true;
  } catch (error) {
    if (Dynamo.isConditionFailure(error)) return false;
    throw error;
  }
}

/** Ends every session of the account but the one of `currentToken`. @returns how many were ended. */
export async function endOthers(user: User.Info, currentToken: string): Promise<number> {
  const currentKey = Dynamo.Key.session(hash(currentToken)).pk;
  const others = (await itemsOf(user.id)).filter((item) => item[Dynamo.keys.partition] !== currentKey);
  let ended = 0;
  // One at a time: a session that ended meanwhile (its own sign-out, expiry) must not keep the others alive.
  for (const item of others) {
    try {
      await Dynamo.remove(keyOf(item), Dynamo.when.equals("userId", user.id));
      ended++;
    } catch (error) {
      if (!Dynamo.isConditionFailure(error)) throw error;
    }
  }
  if (ended > 0) {
    await Audit.record({ user: user.id }, "signed_out_elsewhere", `user:${user.id}`, { sessions: ended });
  }
  return ended;
}

/**
 * Counts a wrong step-up code sent with the session of `token` (one atomic ADD, so codes sent at once all count)
 * and ends the session, with an audit event, once `limit` are reached: a stolen session gets a few guesses, and
 * its guesses never lock the owner's second factor. @returns whether the session has ended.
 */
export async function countStepUpFailure(token: string, limit: number): Promise<boolean> {
  const key = Dynamo.Key.session(hash(token));
  let after: Record<string, unknown>;
  try {
    after = await Dynamo.update(key, { add: { stepUpFailures: 1 } }, Dynamo.when.exists(Dynamo.keys.partition));
  } catch (error) {
    if (Dynamo.isConditionFailure(error)) return true; // ended meanwhile
    throw error;
  }
  if (Number(after["stepUpFailures"]) < limit) return false;
  const userId = String(after["userId"]);
  try {
    await Dynamo.transact([
      Dynamo.tx.delete(key, Dynamo.when.exists(Dynamo.keys.partition)),
      Audit.put({ user: userId }, "session_ended_wrong_codes", `user:${userId}`, Clock.iso(), {
        failures: Number(after["stepUpFailures"]),
      }),
    ]);
  } catch (error) {
    if (!Dynamo.isConditionFailure(error)) throw error; // another wrong code ended it first, and recorded it
  }
  return true;
}

/**
 * Ends every session of an account (an admin deactivating it): each is deleted, so none works a moment later.
 * @returns how many were ended.
 */
export async function endAllOf(userId: string): Promise<number> {
  const items = await Dynamo.queryIndex(Dynamo.IndexPartition.userSessions(userId));
  let ended = 0;
  for (const item of items.filter((found) => found["userId"] === userId)) {
    try {
      await Dynamo.remove(keyOf(item), Dynamo.when.equals("userId", userId));
      ended++;
    } catch (error) {
      if (!Dynamo.isConditionFailure(error)) throw error; // signed out meanwhile
    }
  }
  return ended;
}
