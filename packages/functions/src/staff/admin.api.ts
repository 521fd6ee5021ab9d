import * as Call from "@amparo/core/call";
import { InvalidInputError, VisibleError } from "@amparo/core/error";
import * as User from "@amparo/core/user";
import { createRoute, z } from "@hono/zod-openapi";
import { body, json, problems } from "../shared/openapi.js";
import { bearer, createStaffApi, staff } from "./session.js";

const putCall = createRoute({
  method: "put",
  path: "/api/v1/admin/calls/{callId}",
  tags: ["Admin"],
  summary: "Creates or replaces a call's configuration",
  security: bearer,
  request: {
    params: z.object({ callId: z.string().openapi({ param: { name: "callId", in: "path" } }) }),
    body: body(z.record(z.string(), z.unknown())),
  },
  responses: { 200: json(z.object({ id: z.string() }), "Saved"), ...problems(400, 401, 403) },
});

const createUser = createRoute({
  method: "post",
  path: "/api/v1/admin/users",
  tags: ["Admin"],
  summary: "Creates a staff account",
  security: bearer,
  request: { body: body(z.object(User.CreateInput.shape)) },
  responses: { 201: json(z.object({ id: z.string() }), "Created"), ...problems(400, 401, 403, 409) },
});

/** Administration over the JSON API: calls and staff accounts (admins only). */
export const adminApi = createStaffApi();

adminApi.openapi(putCall, async (c) => {
  await staff(c, { roles: ["admin"] });
  const callId = c.req.valid("param").callId;
  const config = c.req.valid("json");
  if (config["id"] !== undefined && config["id"] !== callId) {
    throw new InvalidInputError("admin.id_mismatch", [{ path: "id", message: "validation.invalid_value" }]);
  }
  const saved = await Call.put(Call.Info.parse({ ...config, id: callId }));
  return c.json({ id: saved.id }, 200);
});

adminApi.openapi(createUser, async (c) => {
  const { user } = await staff(c, { roles: ["admin"] });
  const created = await User.create({ ...c.req.valid("json"), createdBy: user.id });
  if (!created) throw new VisibleError({ kind: "conflict", code: "user.exists", message: "staff.admin.user.exists" });
  return c.json({ id: created.id }, 201);
});
