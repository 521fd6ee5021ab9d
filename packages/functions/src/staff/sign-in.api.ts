import * as Auth from "@amparo/core/auth";
import * as Session from "@amparo/core/session";
import * as User from "@amparo/core/user";
import { createRoute, z } from "@hono/zod-openapi";
import { showsSecret } from "../shared/app.js";
import { body, json, problems } from "../shared/openapi.js";
import { bearer, createStaffApi, rememberSession, staff } from "./session.js";

const magicLink = createRoute({
  method: "post",
  path: "/api/v1/auth/magic-link",
  operationId: "requestSignInLink",
  tags: ["Staff sign-in"],
  summary: "Emails a one-time sign-in link; always 202, whether or not the address is known",
  description:
    "The link works once, for 15 minutes. The answer, and the time it takes, are the same for any address and " +
    "however often it is asked, so it reveals nothing and refuses nobody; past the per-address limit the link " +
    "is simply not emailed (the links already sent keep working). The email leaves after the answer.",
  request: { body: body(z.object(Auth.LinkRequest.shape).openapi("SignInLinkRequest")) },
  responses: { 202: json(z.object({}), "Accepted"), ...problems(400) },
});

const verify = createRoute({
  method: "post",
  path: "/api/v1/auth/verify",
  operationId: "verifySignIn",
  tags: ["Staff sign-in"],
  summary: "Signs in with the link's token (and a TOTP code once enrolled)",
  description:
    "Answers a session (also set as an HttpOnly cookie for the staff pages). `totp: required` means the " +
    "session can only enrol a second factor; `enrolled` accounts must send a valid `totp` code.",
  request: { body: body(z.object(Auth.VerifyInput.shape).openapi("SignIn")) },
  responses: {
    200: json(z.object(Auth.SignedIn.shape).openapi("SignedIn"), "Signed in"),
    ...problems(400, 401),
  },
});

const enroll = createRoute({
  method: "post",
  path: "/api/v1/auth/totp/enroll",
  operationId: "enrolTotp",
  tags: ["Staff sign-in"],
  summary: "Starts TOTP enrolment",
  description: "A new secret, as base32 text, as an otpauth URI and as a QR code (SVG), to confirm with a code.",
  security: bearer,
  responses: {
    200: json(z.object(Auth.Enrolment.shape).openapi("TotpEnrolment"), "The new secret"),
    ...problems(401, 409),
  },
});

const confirmTotp = createRoute({
  method: "post",
  path: "/api/v1/auth/totp/confirm",
  operationId: "confirmTotp",
  tags: ["Staff sign-in"],
  summary: "Confirms enrolment with a code; answers a full session",
  description: "The enrol-only session ends; the answer is a full one.",
  security: bearer,
  request: { body: body(z.object(Auth.ConfirmInput.shape).openapi("TotpConfirmation")) },
  responses: { 200: json(z.object(Auth.Confirmed.shape), "Enrolled"), ...problems(400, 401, 409, 422) },
});

const signOut = createRoute({
  method: "post",
  path: "/api/v1/auth/sign-out",
  operationId: "signOut",
  tags: ["Staff sign-in"],
  summary: "Ends the session",
  description: "The session token stops working at once.",
  security: bearer,
  responses: { 204: { description: "Signed out" }, ...problems(401) },
});

/** Staff sign-in over the JSON API: an emailed link, a second factor, sign-out. */
export const signInApi = createStaffApi();

signInApi.openapi(magicLink, async (c) => {
  await Auth.requestLink({ email: c.req.valid("json").email, locale: c.get("language") });
  return c.json({}, 202);
});

signInApi.openapi(verify, async (c) => {
  const result = await Auth.verify(c.req.valid("json"));
  rememberSession(c, result.session);
  showsSecret(c);
  return c.json({ session: result.session, user: User.publicInfo(result.user), totp: result.totp }, 200);
});

signInApi.openapi(enroll, async (c) => {
  const { user } = await staff(c, { allowEnrol: true });
  showsSecret(c);
  return c.json(await Auth.enrol(user), 200);
});

signInApi.openapi(confirmTotp, async (c) => {
  const { user, token } = await staff(c, { allowEnrol: true });
  const result = await Auth.confirm(user, c.req.valid("json"), token);
  rememberSession(c, result.session);
  showsSecret(c);
  return c.json(result, 200);
});

signInApi.openapi(signOut, async (c) => {
  const { token } = await staff(c, { allowEnrol: true });
  await Session.end(token);
  return c.body(null, 204);
});
