import * as Auth from "@amparo/core/auth";
import { InvalidTotpError, VisibleError } from "@amparo/core/error";
import { t } from "@amparo/core/i18n";
import * as Session from "@amparo/core/session";
import { createArea, showsSecret } from "../shared/app.js";
import { pageErrors, readForm } from "../shared/forms.js";
import { html, pageOf } from "../shared/pages.js";
import { EnrolPage, LinkPage, SignInPage } from "./sign-in.pages.js";
import { RecoveryCodesPage } from "./sessions.pages.js";
import { forgetSession, rememberSession, sessionToken, staff } from "./session.js";

/** Staff sign-in pages: the emailed link, the second factor's enrolment, sign-out. */
export const signInRoutes = createArea();

signInRoutes.post("/staff/sign-in/request", async (c) => {
  const { text } = await readForm(c);
  try {
    await Auth.requestLink({ email: text("email"), locale: c.get("language") });
  } catch (error) {
    // Only a malformed address is shown on the page; anything else (too many links) takes the one error path.
    if (!pageErrors(error, { kinds: [], schema: true })) throw error;
    return html(
      c,
      SignInPage({ page: pageOf(c), errors: [{ path: "email", message: "validation.invalid_format" }] }),
      400,
    );
  }
  return html(c, SignInPage({ page: pageOf(c), sent: true }), 202);
});

// The page carries the link's token in its form.
signInRoutes.get("/staff/sign-in/link", (c) => {
  showsSecret(c);
  return html(c, LinkPage({ page: pageOf(c), token: c.req.query("token") ?? "" }));
});

signInRoutes.post("/staff/sign-in", async (c) => {
  const { text } = await readForm(c);
  const totp = text("totp");
  const recoveryCode = text("recoveryCode");
  try {
    const result = await Auth.verify({
      token: text("token"),
      ...(totp ? { totp } : {}),
      ...(recoveryCode ? { recoveryCode } : {}),
    });
    rememberSession(c, result.session);
    // After a recovery code, the page that says how many are left and where new ones are made.
    if (result.recoveryCodesLeft !== undefined) return c.redirect("/staff/sessions?signed-in=recovery-code", 303);
    return c.redirect(result.scope === "enrol" ? "/staff/totp" : "/staff", 303);
  } catch (error) {
    if (error instanceof VisibleError && error.kind === "unauthenticated") {
      return html(c, LinkPage({ page: pageOf(c), token: "", invalid: true }), 401);
    }
    throw error;
  }
});

signInRoutes.get("/staff/totp", async (c) => {
  const { user } = await staff(c, { allowEnrol: true });
  // Enrolled already (a bookmark, the browser's back button): nothing to set up, so back to the start.
  if (user.totpSealed) return c.redirect("/staff", 303);
  const enrolment = await Auth.enrol(user, { reuse: true });
  showsSecret(c);
  return html(c, EnrolPage({ page: pageOf(c), user, ...enrolment }));
});

signInRoutes.post("/staff/totp", async (c) => {
  const { user, token } = await staff(c, { allowEnrol: true });
  const { text } = await readForm(c);
  try {
    const { session, recoveryCodes } = await Auth.confirm(user, { code: text("code") }, token);
    rememberSession(c, session);
    // Shown once, as the answer to this post: never at an address that could be opened again.
    showsSecret(c);
    return html(c, RecoveryCodesPage({ page: pageOf(c), user, codes: recoveryCodes }));
  } catch (error) {
    if (!(error instanceof InvalidTotpError)) throw error;
    // The same secret stays pending: the person's app already holds it.
    const enrolment = await Auth.enrol(user, { reuse: true });
    showsSecret(c);
    return html(
      c,
      EnrolPage({ page: pageOf(c), user, ...enrolment, error: t(c.get("language"), "error.totp_invalid") }),
      422,
    );
  }
});

signInRoutes.post("/staff/sign-out", async (c) => {
  const token = sessionToken(c);
  if (token) await Session.signOut(token);
  forgetSession(c);
  // The sign-in page says it worked, in the language the person was reading (the same request's choice).
  return c.redirect("/staff?signed-out", 303);
});
