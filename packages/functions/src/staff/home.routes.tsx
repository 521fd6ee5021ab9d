import * as Call from "@amparo/core/call";
import * as Review from "@amparo/core/review";
import { createArea } from "../shared/app.js";
import { html, pageOf } from "../shared/pages.js";
import { HomePage } from "./home.pages.js";
import { SignInPage } from "./sign-in.pages.js";
import { forgetSession, sessionToken, signedIn } from "./session.js";

/** The staff start page: the sign-in form, or once signed in the person's queue and calls. */
export const homeRoutes = createArea();

homeRoutes.get("/staff", async (c) => {
  if (!sessionToken(c)) return html(c, SignInPage({ page: pageOf(c) }));
  const session = await signedIn(c);
  if ("redirect" in session) {
    if (session.redirect === "/staff") forgetSession(c);
    return session.redirect === "/staff" ? html(c, SignInPage({ page: pageOf(c) })) : c.redirect(session.redirect, 303);
  }
  const { user } = session;
  const queue = user.roles.includes("reviewer") ? await Review.queue(user) : undefined;
  return html(c, HomePage({ page: pageOf(c), user, queue, calls: await Call.list() }));
});
