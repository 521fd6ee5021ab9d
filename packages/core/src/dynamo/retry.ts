// Trying again what DynamoDB turned away under load: jittered backoff, how many tries, and the error when they
// run out.
import { VisibleError } from "../error/index.js";

/** How many times a transaction cancelled by a concurrent one is tried, in all. */
export const transactionAttempts = 6;

/** Full-jitter exponential backoff: a random wait up to 25 ms, 50 ms, 100 ms ... capped at 800 ms. */
export function backoff(attempt: number): number {
  return Math.random() * Math.min(800, 25 * 2 ** (attempt - 1));
}

/** Too many requests changed the same items at once and this one kept losing: try again shortly (429). */
export class BusyError extends VisibleError {
  override readonly name = "BusyError";
  constructor(cause: unknown) {
    super({ kind: "rate_limited", code: "busy", message: "error.busy", params: { seconds: 1 }, cause });
  }
}
