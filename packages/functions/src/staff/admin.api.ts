import * as Call from "@amparo/core/call";
import { InvalidInputError, VisibleError } from "@amparo/core/error";
import * as User from "@amparo/core/user";
import { createRoute, z } from "@hono/zod-openapi";
import { body, json, problems } from "../shared/openapi.js";
import { bearer, createStaffApi, staff } from "./session.js";

/** A call's configuration as an admin sends it: the stored schema, its id optional (the path names it). */
const CallConfiguration = z.object({ ...Call.Info.shape, id: Call.CallId.optional() }).openapi("CallConfiguration");

const putCall = createRoute({
  method: "put",
  path: "/api/v1/admin/calls/{callId}",
  operationId: "putCall",
  tags: ["Admin"],
  summary: "Creates or replaces a call's configuration",
  description:
    "The whole configuration: quiz questions and rules, concept note fields and word limits, funding and " +
    "budget-file rules, rubric, stages, deadlines, retention and languages. `id` may be left out; if given it " +
    "must match the path.",
  security: bearer,
  request: {
    params: z.object({ callId: z.string().openapi({ param: { name: "callId", in: "path" } }) }),
    body: body(CallConfiguration),
  },
  responses: { 200: json(z.object({ id: z.string() }), "Saved"), ...problems(400, 401, 403) },
});

const createUser = createRoute({
  method: "post",
  path: "/api/v1/admin/users",
  operationId: "createStaffAccount",
  tags: ["Admin"],
  summary: "Creates a staff account",
  description: "The address must be new (409 otherwise). Roles are scoped to `callIds`; admins work on every call.",
  security: bearer,
  request: { body: body(z.object(User.CreateInput.shape).openapi("NewStaffAccount")) },
  responses: { 201: json(z.object({ id: z.string() }), "Created"), ...problems(400, 401, 403, 409) },
});

/** Administration over the JSON API: calls and staff accounts (admins only). */
export const adminApi = createStaffApi();

adminApi.openapi(putCall, async (c) => {
  await staff(c, { roles: ["admin"] });
  const callId = c.req.valid("param").callId;
  const config = c.req.valid("json");
  if (config.id !== undefined && config.id !== callId) {
    throw new InvalidInputError("admin.id_mismatch", [{ path: "id", message: "validation.invalid_value" }]);
  }
  // Parsed again whole: the call's cross-field rules (stages, deadlines, rule targets) hold only on the full schema.
  const saved = await Call.put({ ...config, id: callId });
  return c.json({ id: saved.id }, 200);
});

adminApi.openapi(createUser, async (c) => {
  const { user } = await staff(c, { roles: ["admin"] });
  const created = await User.create({ ...c.req.valid("json"), createdBy: user.id });
  if (!created) throw new VisibleError({ kind: "conflict", code: "user.exists", message: "staff.admin.user.exists" });
  return c.json({ id: created.id }, 201);
});
