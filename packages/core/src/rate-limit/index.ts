import { createHmac } from "node:crypto";
import { isIPv4, isIPv6 } from "node:net";
import * as Clock from "../clock/index.js";
import * as Config from "../config/index.js";
import * as Dynamo from "../dynamo/index.js";
import { RateLimitedError } from "../error/index.js";
import { logger } from "../log/index.js";
import * as Secret from "../secret/index.js";

/**
 * What is counted, in one window (the window's index): a fixed name that says nothing about a person (a call's
 * id, a keyed hash of an address), or for a source a keyed hash whose key changes with each window (`source`).
 */
export type Name = string | ((window: number) => string);

const windowItem = (name: Name, window: number) =>
  Dynamo.Key.rateWindow(typeof name === "string" ? name : name(window), window);

/**
 * Seconds until one more request fits under `limit`, for a `Retry-After`: while this window lasts, the last
 * window's weight falls; after it, this window's count becomes the last one's.
 */
export function secondsUntilRoom(
  previous: number,
  current: number,
  limit: number,
  elapsed: number,
  windowSeconds: number,
): number {
  const room = limit - 1 - current;
  if (room >= 0 && previous > 0) {
    const at = 1 - room / previous;
    if (at < 1) return Math.max(1, Math.ceil((Math.max(at, elapsed) - elapsed) * windowSeconds));
  }
  const intoNext = current > 0 ? Math.max(0, 1 - (limit - 1) / current) : 0;
  return Math.max(1, Math.ceil((1 - elapsed + intoNext) * windowSeconds));
}

/**
 * Counts a request against a sliding window and refuses it (429, with the seconds until one more fits) past
 * `limit`. The window slides: what counts is this fixed window's requests plus the last one's, weighted by how
 * much of the last lies within the past `windowSeconds` (the sliding-window counter), so a burst at a fixed
 * window's edge cannot pass twice the limit. One read of the last window (closed, so it no longer changes) and
 * one conditional ADD on this one: concurrent requests cannot slip past the limit together. A refused request
 * writes nothing. `name` must not contain personal data (see `source` for an address).
 */
export async function hit(name: Name, limit: number, windowSeconds: number): Promise<void> {
  const nowSeconds = Clock.nowMs() / 1000;
  const window = Math.floor(nowSeconds / windowSeconds);
  const elapsed = nowSeconds / windowSeconds - window;
  const previousItem = await Dynamo.get(windowItem(name, window - 1), { consistent: false });
  const previous = typeof previousItem?.["count"] === "number" ? previousItem["count"] : 0;
  // This window may hold at most `room - 1` before this request: `previous x (1 - elapsed) + count + 1 <= limit`.
  const room = Math.floor(limit - previous * (1 - elapsed));
  const refuse = async () => {
    const currentItem = await Dynamo.get(windowItem(name, window), { consistent: false });
    const current = typeof currentItem?.["count"] === "number" ? currentItem["count"] : limit;
    return new RateLimitedError(secondsUntilRoom(previous, current, limit, elapsed, windowSeconds));
  };
  if (room < 1) throw await refuse();
  try {
    await Dynamo.update(
      windowItem(name, window),
      // Kept while it still weighs on the next window; DynamoDB's TTL (the local sweep) deletes it after.
      { add: { count: 1 }, set: { [Dynamo.keys.ttl]: (window + 2) * windowSeconds } },
      Dynamo.when.any(Dynamo.when.missing("count"), Dynamo.when.lessThan("count", room)),
    );
  } catch (error) {
    if (Dynamo.isConditionFailure(error)) throw await refuse();
    throw error;
  }
}

/**
 * Counts a request like `hit`, but never refuses it: @returns false past `limit`, so the caller can do the same
 * work and leave out only what the limit protects (an email).
 */
export async function take(name: Name, limit: number, windowSeconds: number): Promise<boolean> {
  try {
    await hit(name, limit, windowSeconds);
    return true;
  } catch (error) {
    if (error instanceof RateLimitedError) return false;
    throw error;
  }
}

/* ------------------------------------- sources ------------------------------------- */

/** The one window of every creation limit: an hour, as the settings' names say. */
export const hourSeconds = 3600;

/**
 * The part of a connecting address that names one source: an IPv4 address whole; an IPv6 address by its /64
 * (one household, office or phone network is given a whole /64, and can pick any address in it); an IPv4
 * address mapped into IPv6 as the IPv4 address. Anything unreadable is one shared source, `unknown`.
 */
export function sourceOf(address: string | undefined): string {
  const trimmed = (address ?? "")
    .trim()
    .replace(/^\[|\]$/g, "")
    .replace(/%.*$/, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed)?.[1];
  if (mapped && isIPv4(mapped)) return mapped;
  if (isIPv4(trimmed)) return trimmed;
  if (!isIPv6(trimmed)) return "unknown";
  return expandIPv6(trimmed).slice(0, 4).join(":") + "::/64";
}

/** An IPv6 address's eight groups, each as four lower-case hex digits (a trailing IPv4 part converted). */
function expandIPv6(address: string): string[] {
  let text = address.toLowerCase();
  const ipv4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (ipv4) {
    const [a, b, c, d] = ipv4.split(".").map(Number) as [number, number, number, number];
    text = text.slice(0, -ipv4.length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill("0"), ...right];
  return groups.map((group) => group.padStart(4, "0"));
}

/**
 * A source's name in one window: a keyed hash under a key derived from the HMAC key and the window, so the
 * same source has unrelated names in different windows, and nothing in the table links them or names the
 * address without the HMAC key.
 */
export function source(address: string): (window: number) => string {
  return (window) => {
    const windowKey = Secret.hmac(`rate-source-key:${hourSeconds}:${window}`);
    return `source:${createHmac("sha256", windowKey).update(address).digest("hex")}`;
  };
}

/**
 * Counts one new application against the per-source and per-call limits (settings `LIMIT_SOURCE_PER_HOUR`,
 * `LIMIT_CALL_PER_HOUR`), refusing it (429) past either. A call's limit tripping is logged as a warning with
 * the call's id only, which the fund's alarm watches: a flood is an event to look at, not a silent wall.
 * @param address the connecting address as the app read it (see `sourceOf`).
 */
export async function countCreation(callId: string, address: string | undefined): Promise<void> {
  const config = Config.get();
  await hit(source(sourceOf(address)), config.LIMIT_SOURCE_PER_HOUR, hourSeconds);
  try {
    await hit(`call:${callId}`, config.LIMIT_CALL_PER_HOUR, hourSeconds);
  } catch (error) {
    if (error instanceof RateLimitedError) logger.warn(callLimitMessage, { callId, limit: "call_per_hour" });
    throw error;
  }
}

/** The log line a call's tripped limit writes: the infrastructure's metric filter matches it word for word. */
export const callLimitMessage = "application creation limit reached for a call";

/**
 * Deletes the rate-limit windows whose time is up: DynamoDB's TTL does this in AWS, and DynamoDB Local never
 * does, so the local runtime runs this on an interval. @returns how many were deleted.
 */
export function sweep(): Promise<number> {
  return Dynamo.removeExpired(Dynamo.rateWindowPrefix, Math.floor(Clock.nowMs() / 1000));
}
