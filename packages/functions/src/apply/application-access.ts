// The access code's cookie and what every applicant route does with it: find the application, send a
// stranger to resume, and tell a refusal about the application's state from one about the input.
import * as Application from "@amparo/core/application";
import * as Call from "@amparo/core/call";
import { ApplicationChangedError, StageConflictError, VisibleError } from "@amparo/core/error";
import * as Stage from "@amparo/core/stage";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { secureCookies, type AppContext } from "../shared/app.js";
import { pageErrors, type Form } from "../shared/forms.js";
import { paths } from "./application-blocks.js";
import { offerLanguagesOf } from "./offered-languages.js";

/**
 * The access code, kept in an HttpOnly session cookie once entered. Lax, not Strict: S3 sends the
 * browser back here after an upload, a cross-site navigation on which a Strict cookie would be missing.
 * Form posts are guarded by the CSRF check of every app.
 */
export const accessCookie = "access";

export function remember(c: AppContext, token: string) {
  setCookie(c, accessCookie, token, { path: "/apply", httpOnly: true, sameSite: "Lax", secure: secureCookies() });
}

/** The application whose code this browser holds, or undefined (the caller sends the person to resume). */
export async function current(c: AppContext): Promise<Application.Info | undefined> {
  const token = getCookie(c, accessCookie);
  if (!token) return undefined;
  try {
    return await Application.fromToken(token);
  } catch (error) {
    if (error instanceof VisibleError && error.kind === "not_found") {
      deleteCookie(c, accessCookie, { path: "/apply" });
      return undefined;
    }
    throw error;
  }
}

/** Runs `handler` for the applicant's application, or sends them to enter their code. */
export function withApplication(handler: (c: AppContext, app: Application.Info, call: Call.Info) => Promise<Response>) {
  return async (c: AppContext) => {
    const app = await current(c);
    if (!app) return c.redirect(paths.resume, 303);
    const call = await Call.forApplication(app);
    offerLanguagesOf(c, [call]);
    return handler(c, app, call);
  };
}

/** Keeps an expected refusal (a broken rule, a bad file) on its page; anything else takes the one error path. */
export const fieldErrors = (error: unknown) => pageErrors(error, { kinds: ["unprocessable", "input"] });

export const editable = (app: Application.Info) => Stage.isEditable(app.stage);

/**
 * Whether the form was opened at an older version than the application's: another tab or device saved in
 * between, and saving this post would overwrite that. (A form without a version, from before it was sent,
 * is taken as current.)
 */
export function openedEarlier(form: Form, app: Application.Info): boolean {
  const sent = form.text("_version");
  return sent !== "" && sent !== String(app.version);
}

/**
 * A refusal that is about the application's state, not the input: it was sent or withdrawn meanwhile (the
 * page shows the part read-only, with why), or changed elsewhere (the page shows what is saved now). Both
 * answer 409 with the page itself, never the error page's words.
 */
export const stateRefusal = (error: unknown) =>
  error instanceof ApplicationChangedError ? "changed" : error instanceof StageConflictError ? "locked" : undefined;

/** The application as stored now (after a save, or when a save was refused), for the page to show. */
export async function reread(c: AppContext, fallback: Application.Info): Promise<Application.Info> {
  return (await current(c)) ?? fallback;
}
