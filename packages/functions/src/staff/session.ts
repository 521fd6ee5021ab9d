import * as Auth from "@amparo/core/auth";
import * as Config from "@amparo/core/config";
import { VisibleError } from "@amparo/core/error";
import type * as User from "@amparo/core/user";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";

/**
 * The staff session cookie: HttpOnly, Secure outside local, SameSite=Strict, only for the staff pages.
 * API clients send `Authorization: Bearer <session>` instead; the API never reads the cookie.
 */
export const sessionCookie = "staff_session";

export function rememberSession(c: Context, session: string) {
  setCookie(c, sessionCookie, session, {
    path: "/staff",
    httpOnly: true,
    sameSite: "Strict",
    secure: new URL(Config.get().PUBLIC_URL).protocol === "https:",
    maxAge: Auth.sessionHours * 3600,
  });
}

export function forgetSession(c: Context) {
  deleteCookie(c, sessionCookie, { path: "/staff" });
}

/** The session token a request carries: the bearer token on the API, the cookie on pages. */
export function sessionToken(c: Context): string | undefined {
  if (c.req.path.startsWith("/api/")) return c.req.header("Authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
  return getCookie(c, sessionCookie);
}

export interface StaffGate {
  /** Roles allowed (any of them); omitted: any staff role. */
  roles?: User.Role[];
  /** An enrol-only session may do only what allows `enrol`. */
  allowEnrol?: boolean;
}

/**
 * The signed-in staff member, or a 401 (no or expired session), or a 403 (a role that may not do this, or a
 * session that may only enrol a second factor).
 */
export async function staff(c: Context, gate: StaffGate = {}): Promise<Auth.Session & { token: string }> {
  const token = sessionToken(c);
  const session = await Auth.session(token);
  if (session.scope === "enrol" && !gate.allowEnrol) {
    throw new VisibleError("forbidden", "auth.enrol_first", "error.totp_not_started");
  }
  if (gate.roles && !gate.roles.some((role) => session.user.roles.includes(role))) {
    throw new VisibleError("forbidden", "auth.role", "error.forbidden");
  }
  return { ...session, token: token! };
}
