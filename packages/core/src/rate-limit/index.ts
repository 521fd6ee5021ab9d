import * as Clock from "../clock/index.js";
import * as Dynamo from "../dynamo/index.js";
import { RateLimitedError } from "../error/index.js";

/**
 * Counts a request against a fixed window and refuses it (429) past `limit`. One conditional ADD per
 * request, so concurrent requests cannot slip past the limit together. `key` must not contain personal data:
 * hash an address with `Crypto.hmac` first.
 */
export async function hit(key: string, limit: number, windowSeconds: number): Promise<void> {
  const now = Math.floor(Clock.nowMs() / 1000);
  const window = Math.floor(now / windowSeconds);
  try {
    await Dynamo.update(
      Dynamo.Key.rateWindow(key, window),
      { add: { count: 1 }, set: { [Dynamo.keys.ttl]: (window + 2) * windowSeconds } },
      Dynamo.when.any(Dynamo.when.missing("count"), Dynamo.when.lessThan("count", limit)),
    );
  } catch (error) {
    if (Dynamo.isConditionFailure(error)) throw new RateLimitedError((window + 1) * windowSeconds - now);
    throw error;
  }
}

/**
 * Counts a request against a fixed window like `hit`, but never refuses it: @returns false past `limit`, so the
 * caller can do the same work and leave out only what the limit protects (an email).
 */
export async function take(key: string, limit: number, windowSeconds: number): Promise<boolean> {
  try {
    await hit(key, limit, windowSeconds);
    return true;
  } catch (error) {
    if (error instanceof RateLimitedError) return false;
    throw error;
  }
}
