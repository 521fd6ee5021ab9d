import * as Config from "../config/index.js";

/**
 * The one source of "now" for core and the apps: nothing else reads `Date.now()` or `new Date()` for the present
 * (a lint rule says so). In production it is the system clock. Tests move it, in their own process, instead of
 * waiting in real time: `advance` jumps ahead (a TOTP window, a claim going stale, a link expiring) and `set`
 * puts it at a given instant; either way it keeps running from there, so waits and timeouts still behave.
 */

/** How far this process's clock is from the system's, in milliseconds (0 unless a test moved it). */
let offsetMs = 0;

/** The present, in milliseconds since the epoch. */
export function nowMs(): number {
  return Date.now() + offsetMs;
}

/** The present. */
export function now(): Date {
  return new Date(nowMs());
}

/** The present as an ISO 8601 UTC string, as every time is stored. */
export function iso(): string {
  return now().toISOString();
}

/** The instant `ms` milliseconds from now (negative for the past). */
export function fromNow(ms: number): Date {
  return new Date(nowMs() + ms);
}

/**
 * How long one "day" of a call's settings lasts, in milliseconds. `TIME_SCALE=n` divides it, so that the two
 * weeks of a deadline pass in minutes locally (or seconds in tests): the stored times are computed with it, and
 * the decision clock's waits are real waits until those times, so a step that wakes finds exactly what is due.
 */
export function dayMs(scale = Config.get().TIME_SCALE): number {
  return 86_400_000 / scale;
}

/** Moves this process's clock `ms` milliseconds ahead (tests). */
export function advance(ms: number): void {
  offsetMs += ms;
}

/** Puts this process's clock at `at`, running from there (tests). */
export function set(at: Date | string | number): void {
  offsetMs = new Date(at).getTime() - Date.now();
}

/** Back to the system clock (tests). */
export function reset(): void {
  offsetMs = 0;
}
