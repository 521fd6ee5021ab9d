import { ForbiddenError, VisibleError } from "@amparo/core/error";
// Every staff page and API area (and the report app's) comes through here, so this is where the staff strings load.
import "@amparo/core/i18n/staff";
import * as Session from "@amparo/core/session";
import type * as User from "@amparo/core/user";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { bearerToken, createArea, secureCookies } from "../shared/app.js";

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
    secure: secureCookies(),
    maxAge: Session.sessionHours * 3600,
  });
}

export function forgetSession(c: Context) {
  deleteCookie(c, sessionCookie, { path: "/staff" });
}

/** The session token a request carries: the bearer token on the API, the cookie on pages. */
export function sessionToken(c: Context): string | undefined {
  if (c.req.path.startsWith("/api/")) return bearerToken(c);
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
export async function staff(c: Context, gate: StaffGate = {}): Promise<Session.Session & { token: string }> {
  const token = sessionToken(c);
  const session = await Session.lookup(token);
  if (session.scope === "enrol" && !gate.allowEnrol) {
    throw new ForbiddenError("auth.enrol_first", "error.totp_not_started");
  }
  if (gate.roles && !gate.roles.some((role) => session.user.roles.includes(role))) {
    throw new ForbiddenError("auth.role");
  }
  return { ...session, token: token! };
}

/**
 * For pages: the signed-in staff member with a full session, or where to send them instead (sign-in, or
 * second-factor enrolment).
 */
export async function signedIn(c: Context): Promise<(Session.Session & { token: string }) | { redirect: string }> {
  try {
    const session = await staff(c, { allowEnrol: true });
    return session.scope === "full" ? session : { redirect: "/staff/totp" };
  } catch (error) {
    if (error instanceof VisibleError && error.kind === "unauthenticated") return { redirect: "/staff" };
    throw error;
  }
}

/** The security scheme of the staff API's routes, by name. */
export const bearer = [{ staffSession: [] }];

/** An area of the staff API: its routes are authorised by the staff session (`bearer`). */
export function createStaffApi() {
  const area = createArea();
  area.openAPIRegistry.registerComponent("securitySchemes", "staffSession", {
    type: "http",
    scheme: "bearer",
    description: "The session from POST /api/v1/auth/verify",
  });
  return area;
}
