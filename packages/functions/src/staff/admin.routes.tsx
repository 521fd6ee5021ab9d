import * as Call from "@amparo/core/call";
import { t } from "@amparo/core/i18n";
import * as User from "@amparo/core/user";
import { createArea, type AppContext } from "../shared/app.js";
import { readForm, schemaErrors } from "../shared/forms.js";
import { html, pageOf } from "../shared/pages.js";
import { AdminPage } from "./admin.pages.js";
import { staff } from "./session.js";

/** The administration page for an admin, with what the last action left on it. */
const renderAdmin = async (
  c: AppContext,
  extra: Partial<Parameters<typeof AdminPage>[0]> = {},
  status: 200 | 400 | 409 | 422 = 200,
) => {
  const { user } = await staff(c, { roles: ["admin"] });
  return html(
    c,
    AdminPage({ page: pageOf(c), user, calls: await Call.list(), users: await User.list(), ...extra }),
    status,
  );
};

/** Administration pages: calls' configuration and staff accounts (admins only). */
export const adminRoutes = createArea();

adminRoutes.get("/staff/admin", (c) => renderAdmin(c));

adminRoutes.get("/staff/admin/calls/:id", async (c) => {
  await staff(c, { roles: ["admin"] });
  const existing = await Call.fromID(c.req.param("id"));
  return renderAdmin(c, { editing: c.req.param("id"), config: existing ? JSON.stringify(existing, null, 2) : "{}" });
});

adminRoutes.post("/staff/admin/calls/:id", async (c) => {
  await staff(c, { roles: ["admin"] });
  const id = c.req.param("id");
  const { text } = await readForm(c);
  const config = text("config");
  let parsed: unknown;
  try {
    parsed = JSON.parse(config);
  } catch {
    return renderAdmin(c, { editing: id, config, errors: [{ path: "", message: "staff.admin.invalid_json" }] }, 400);
  }
  const result = Call.Info.safeParse({ ...(parsed as object), id });
  if (!result.success) {
    return renderAdmin(c, { editing: id, config, errors: schemaErrors(result.error) }, 422);
  }
  await Call.put(result.data);
  return renderAdmin(c, {
    editing: id,
    config: JSON.stringify(result.data, null, 2),
    notice: t(c.get("language"), "staff.admin.saved"),
  });
});

adminRoutes.post("/staff/admin/users", async (c) => {
  const { user } = await staff(c, { roles: ["admin"] });
  const { text, list } = await readForm(c);
  const input = User.CreateInput.safeParse({
    email: text("email"),
    roles: list("roles"),
    callIds: list("callIds"),
    // A form always sends the language; left out (an older form), the account gets the default.
    language: text("language") || undefined,
  });
  if (!input.success) {
    return renderAdmin(c, { errors: schemaErrors(input.error) }, 400);
  }
  const created = await User.create({ ...input.data, createdBy: user.id });
  if (!created) return renderAdmin(c, { errors: [{ path: "email", message: "staff.admin.user.exists" }] }, 409);
  return renderAdmin(c, { notice: t(c.get("language"), "staff.admin.user.added") });
});
