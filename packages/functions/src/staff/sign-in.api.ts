import * as Auth from "@amparo/core/auth";
import { NotFoundError } from "@amparo/core/error";
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
  summary: "Signs in with the link's token (and a TOTP code, or a recovery code, once enrolled)",
  description:
    "Answers a session (also set as an HttpOnly cookie for the staff pages). `totp: required` means the " +
    "session can only enrol a second factor; `enrolled` accounts must send a valid `totp` code, or instead " +
    "(without `totp`) one of their `recoveryCode`s, which then stops working; `recoveryCodesLeft` says how many " +
    "are left. Wrong recovery codes count towards the same lock as wrong TOTP codes.",
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
  summary: "Confirms enrolment with a code; answers a full session and the recovery codes",
  description:
    "The enrol-only session ends; the answer is a full one, with ten one-time recovery codes shown this once " +
    "(only their keyed hashes are kept): each signs in once in place of a TOTP code.",
  security: bearer,
  request: { body: body(z.object(Auth.ConfirmInput.shape).openapi("TotpConfirmation")) },
  responses: { 200: json(z.object(Auth.Confirmed.shape), "Enrolled"), ...problems(400, 401, 409, 422) },
});

const newRecoveryCodes = createRoute({
  method: "post",
  path: "/api/v1/auth/recovery-codes",
  operationId: "newRecoveryCodes",
  tags: ["Staff sign-in"],
  summary: "Replaces the recovery codes with new ones, on a fresh second-factor code",
  description:
    "The old codes stop working; the new ones are shown this once. `code` is a step-up code: a TOTP code, or an " +
    "unused recovery code. A wrong one answers 422; the third wrong one from a session ends it (401), and none " +
    "counts towards the account's second-factor lock.",
  security: bearer,
  request: { body: body(z.object(Auth.NewRecoveryCodesInput.shape).openapi("NewRecoveryCodesRequest")) },
  responses: {
    200: json(z.object(Auth.NewRecoveryCodes.shape).openapi("RecoveryCodes"), "The new codes"),
    ...problems(400, 401, 403, 409, 422),
  },
});

const SessionList = z
  .object({
    sessions: z.array(
      z.object({
        id: z.string(),
        scope: z.enum(["full", "enrol"]),
        createdAt: z.string(),
        validUntil: z.string(),
        current: z.boolean(),
      }),
    ),
  })
  .openapi("StaffSessions");

const listSessions = createRoute({
  method: "get",
  path: "/api/v1/auth/sessions",
  operationId: "listSessions",
  tags: ["Staff sign-in"],
  summary: "The signed-in account's live sessions, newest first",
  description: "When each began and ends, and which is this one. No address or browser is kept, so none is shown.",
  security: bearer,
  responses: { 200: json(SessionList, "The sessions"), ...problems(401, 403) },
});

const endSession = createRoute({
  method: "delete",
  path: "/api/v1/auth/sessions/{sessionId}",
  operationId: "endSession",
  tags: ["Staff sign-in"],
  summary: "Ends one of the account's own sessions",
  description: "404 for a session that is not the account's, or already ended.",
  security: bearer,
  request: {
    params: z.object({
      sessionId: z
        .string()
        .max(64)
        .openapi({ param: { name: "sessionId", in: "path" } }),
    }),
  },
  responses: { 204: { description: "Ended" }, ...problems(401, 403, 404) },
});

const endOtherSessions = createRoute({
  method: "post",
  path: "/api/v1/auth/sessions/sign-out-others",
  operationId: "endOtherSessions",
  tags: ["Staff sign-in"],
  summary: "Ends every session of the account but this one",
  description: "Answers how many were ended; the account's audit trail records it (`signed_out_elsewhere`).",
  security: bearer,
  responses: {
    200: json(z.object({ ended: z.number().int() }).openapi("SessionsEnded"), "Ended"),
    ...problems(401, 403),
  },
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
  return c.json(
    {
      session: result.session,
      user: User.publicInfo(result.user),
      totp: result.totp,
      ...(result.recoveryCodesLeft === undefined ? {} : { recoveryCodesLeft: result.recoveryCodesLeft }),
    },
    200,
  );
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
  await Session.signOut(token);
  return c.body(null, 204);
});

signInApi.openapi(newRecoveryCodes, async (c) => {
  const recoveryCodes = await Auth.newRecoveryCodes(await staff(c), c.req.valid("json"));
  showsSecret(c);
  return c.json({ recoveryCodes }, 200);
});

signInApi.openapi(listSessions, async (c) => {
  const { user, token } = await staff(c);
  return c.json({ sessions: await Session.list(user.id, token) }, 200);
});

signInApi.openapi(endSession, async (c) => {
  const { user } = await staff(c);
  if (!(await Session.endById(user, c.req.valid("param").sessionId))) throw new NotFoundError("session.not_found");
  return c.body(null, 204);
});

signInApi.openapi(endOtherSessions, async (c) => {
  const { user, token } = await staff(c);
  return c.json({ ended: await Session.endOthers(user, token) }, 200);
});
