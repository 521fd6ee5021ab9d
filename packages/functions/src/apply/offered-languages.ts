import * as Call from "@amparo/core/call";
import { canonicalLocale, defaultLocale, type Locale } from "@amparo/core/i18n";
import { parseAccept } from "hono/utils/accept";
import type { AppContext } from "../shared/app.js";

/**
 * Narrows a request to the languages its calls offer (a call's own pages: that call; the list of calls: any of
 * them). A reader who chose a language the call does not offer reads it in the first of their browser's
 * languages it offers, else English. Pages of no call keep every language: a returning applicant must be able
 * to read them in the language they applied in.
 */
export function offerLanguagesOf(c: AppContext, calls: readonly { unreviewedLanguages: readonly Locale[] }[]): void {
  const offered = Call.offeredLanguages(calls);
  c.set("languages", offered);
  if (offered.includes(c.get("language"))) return;
  const browser = parseAccept(c.req.header("accept-language") ?? "")
    .filter((entry) => entry.q > 0)
    .map((entry) => canonicalLocale(entry.type));
  c.set("language", browser.find((code) => code !== undefined && offered.includes(code)) ?? defaultLocale);
}

/** A call, read for its own pages: the request is narrowed to the languages it offers. */
export async function callFor(c: AppContext, callId: string): Promise<Call.Stored> {
  const call = await Call.get(callId);
  offerLanguagesOf(c, [call]);
  return call;
}
