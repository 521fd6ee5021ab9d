import * as Clock from "@amparo/core/clock";
import * as Crypto from "@amparo/core/crypto";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import { secureCookies, type AppContext } from "../shared/app.js";

/**
 * The access code page must survive a language switch, a reload and going back, or the applicant loses
 * the one thing that opens their application. So the code waits in this cookie, and /apply/my/code shows it
 * in the reader's language, until the applicant moves on to their application; the code never goes into a
 * URL or the browser's history.
 *
 * - Sealed (Encryption SDK, its own context): the page shows only a code this server made, and a copied
 *   cookie says nothing without the key.
 * - Short-lived: the sealed value carries its end, so it expires after an hour even in a browser left open.
 *   It is also a session cookie: closing the browser forgets it.
 * - HttpOnly, SameSite=Strict, Secure over HTTPS. Path /apply rather than /apply/my/code: the start form's
 *   post must see it too, so that posting it again (a reload of that page, or back and forward) shows the
 *   same code instead of opening a second application. The access cookie on the same path holds the code
 *   anyway.
 * - Once the applicant continues to their application, the code leaves the cookie; what stays (the call
 *   and the end) still keeps a repeated start post from opening a second application, until it expires.
 */
const cookieName = "code_shown";
const cookiePath = "/apply";
const lifetimeMs = 60 * 60 * 1000;
const context = { purpose: "access-code-page" };

const Shown = z.object({ callId: z.string(), token: z.string().optional(), until: z.iso.datetime() });
export type Shown = z.infer<typeof Shown>;

async function write(c: AppContext, shown: Shown): Promise<void> {
  setCookie(c, cookieName, await Crypto.seal(shown, context), {
    path: cookiePath,
    httpOnly: true,
    sameSite: "Strict",
    secure: secureCookies(),
  });
}

/** Keeps a freshly made code to be shown again until the applicant continues. */
export function keepToShow(c: AppContext, callId: string, token: string): Promise<void> {
  return write(c, { callId, token, until: Clock.fromNow(lifetimeMs).toISOString() });
}

/** What this browser was shown, while it lasts; a missing, expired or foreign cookie is forgotten. */
export async function shown(c: AppContext): Promise<Shown | undefined> {
  const sealed = getCookie(c, cookieName);
  if (!sealed) return undefined;
  try {
    const value = Shown.parse(await Crypto.open(sealed, context));
    if (Date.parse(value.until) > Clock.nowMs()) return value;
  } catch {
    // Not one of ours (or made with another key): the same as none.
  }
  forget(c);
  return undefined;
}

/** The applicant moved on: the code leaves the cookie; the rest stays until it expires. */
export async function movedOn(c: AppContext): Promise<void> {
  const value = await shown(c);
  if (value?.token) await write(c, { callId: value.callId, until: value.until });
}

export function forget(c: AppContext): void {
  deleteCookie(c, cookieName, { path: cookiePath, httpOnly: true, sameSite: "Strict", secure: secureCookies() });
}
