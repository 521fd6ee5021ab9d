import * as Clock from "@amparo/core/clock";
import * as Crypto from "@amparo/core/crypto";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import { secureCookies, type AppContext } from "../shared/app.js";

// A new access code waits here, sealed, for /apply/my/code to show again (a language switch, a reload, going back)
// until the applicant moves on, so it never goes into a URL: an hour at most, HttpOnly, SameSite=Strict, path /apply.
// Why this cookie, and why that path: docs/decisions/access-code-cookie.md
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
