import * as Auth from "@amparo/core/auth";
import * as Session from "@amparo/core/session";
import * as User from "@amparo/core/user";
import { createRoute, z } from "@hono/zod-openapi";
import { body, json, problems } from "../shared/openapi.js";
import { bearer, createStaffApi, rememberSession, staff } from "./session.js";

const UserInfo = z.object({ id: z.string(), email: z.string(), roles: z.array(User.Role) });
const publicUser = (user: User.Info) => ({ id: user.id, email: user.email, roles: user.roles });

const magicLink = createRoute({
  method: "post",
  path: "/api/v1/auth/magic-link",
  tags: ["Staff sign-in"],
  summary: "Emails a one-time sign-in link; always 202, whether or not the address is known",
  request: { body: body(z.object({ email: z.string() })) },
  responses: { 202: json(z.object({}), "Accepted"), ...problems(400, 429) },
});

const verify = createRoute({
  method: "post",
  path: "/api/v1/auth/verify",
  tags: ["Staff sign-in"],
  summary: "Signs in with the link's token (and a TOTP code once enrolled)",
  request: { body: body(z.object({ token: z.string(), totp: z.string().optional() })) },
  responses: {
    200: json(
      z.object({ session: z.string(), user: UserInfo, totp: z.enum(["not_required", "required", "enrolled"]) }),
      "Signed in",
    ),
    ...problems(400, 401),
  },
});

const enroll = createRoute({
  method: "post",
  path: "/api/v1/auth/totp/enroll",
  tags: ["Staff sign-in"],
  summary: "Starts TOTP enrolment",
  security: bearer,
  responses: {
    200: json(z.object({ secret: z.string(), uri: z.string(), qrSvg: z.string() }), "The new secret"),
    ...problems(401, 409),
  },
});

const confirmTotp = createRoute({
  method: "post",
  path: "/api/v1/auth/totp/confirm",
  tags: ["Staff sign-in"],
  summary: "Confirms enrolment with a code; answers a full session",
  security: bearer,
  request: { body: body(z.object({ code: z.string() })) },
  responses: { 200: json(z.object({ session: z.string() }), "Enrolled"), ...problems(400, 401, 409, 422) },
});

const signOut = createRoute({
  method: "post",
  path: "/api/v1/auth/sign-out",
  tags: ["Staff sign-in"],
  summary: "Ends the session",
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
  return c.json({ session: result.session, user: publicUser(result.user), totp: result.totp }, 200);
});

signInApi.openapi(enroll, async (c) => {
  const { user } = await staff(c, { allowEnrol: true });
  return c.json(await Auth.enrol(user), 200);
});

signInApi.openapi(confirmTotp, async (c) => {
  const { user, token } = await staff(c, { allowEnrol: true });
  const result = await Auth.confirm(user, c.req.valid("json").code, token);
  rememberSession(c, result.session);
  return c.json(result, 200);
});

signInApi.openapi(signOut, async (c) => {
  const { token } = await staff(c, { allowEnrol: true });
  await Session.end(token);
  return c.body(null, 204);
});
