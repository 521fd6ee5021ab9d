import * as Call from "@amparo/core/call";
import { InvalidInputError, NotFoundError } from "@amparo/core/error";
import { languageName, StaffLocale, t } from "@amparo/core/i18n";
import * as Review from "@amparo/core/review";
import * as User from "@amparo/core/user";
import { createArea, type AppContext } from "../shared/app.js";
import { readForm } from "../shared/forms.js";
import { html, pageOf } from "../shared/pages.js";
import { HomePage } from "./home.pages.js";
import { SignInPage } from "./sign-in.pages.js";
import { forgetSession, sessionToken, signedIn, staff } from "./session.js";

/** The staff start page: the sign-in form, or once signed in the person's queue and calls. */
export const homeRoutes = createArea();

homeRoutes.get("/staff", async (c) => {
  // Where signing out lands: said only to a browser that holds no live session (none, or the one just ended).
  const signInPage = () => SignInPage({ page: pageOf(c), signedOut: c.req.query("signed-out") !== undefined });
  if (!sessionToken(c)) return html(c, signInPage());
  const session = await signedIn(c);
  if ("redirect" in session) {
    if (session.redirect === "/staff") forgetSession(c);
    return session.redirect === "/staff" ? html(c, signInPage()) : c.redirect(session.redirect, 303);
  }
  return renderHome(c, session.user);
});

/** The signed-in staff member's start page, with what their last action left on it. */
async function renderHome(c: AppContext, user: User.Info, notice?: string) {
  const queue = user.roles.includes("reviewer") ? await Review.queue(user) : undefined;
  return html(c, HomePage({ page: pageOf(c), user, queue, calls: await Call.list(), ...(notice ? { notice } : {}) }));
}

// The staff member's own email language: any full session may set its own account's, nobody else's.
homeRoutes.post("/staff/language", async (c) => {
  const { user } = await staff(c);
  const { text } = await readForm(c);
  const language = StaffLocale.safeParse(text("language"));
  if (!language.success) {
    throw new InvalidInputError("user.bad_language", [{ path: "language", message: "validation.invalid" }]);
  }
  if (!(await User.setLanguage(user.id, language.data, user.id))) throw new NotFoundError("user.not_found");
  const notice = t(c.get("language"), "staff.language.saved", {
    language: languageName(language.data, c.get("language"), true),
  });
  return renderHome(c, { ...user, language: language.data }, notice);
});

// The page the form answers with lives at /staff/language; its language switch links here: back to the start.
homeRoutes.get("/staff/language", (c) => {
  const lang = StaffLocale.safeParse(c.req.query("lang"));
  return c.redirect(lang.success ? `/staff?lang=${lang.data}` : "/staff", 303);
});
