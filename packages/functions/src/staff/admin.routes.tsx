// The administration page (calls and staff accounts) and its "new call" form; the call editor's routes are in
// call-editor.routes.tsx, one account's in account.routes.tsx.
import * as Call from "@amparo/core/call";
import { t } from "@amparo/core/i18n";
import * as User from "@amparo/core/user";
import { createArea, type AppContext } from "../shared/app.js";
import { html, pageOf } from "../shared/pages.js";
import { AdminPage } from "./admin.pages.js";
import { staff } from "./session.js";

/** The administration page for an admin, with what the last action left on it. */
export const renderAdmin = async (
  c: AppContext,
  extra: Partial<Parameters<typeof AdminPage>[0]> = {},
  status: 200 | 400 | 403 | 409 | 422 = 200,
) => {
  const { user } = await staff(c, { roles: ["admin"] });
  return html(
    c,
    AdminPage({ page: pageOf(c), user, calls: await Call.list(), users: await User.list(), ...extra }),
    status,
  );
};

/** The administration page and its "new call" form (admins only). */
export const adminRoutes = createArea();

adminRoutes.get("/staff/admin", (c) =>
  renderAdmin(c, c.req.query("added") === "1" ? { notice: t(c.get("language"), "staff.admin.user.added") } : {}),
);

// The "new call" form asks for an id, then opens the editor at the call's own address.
adminRoutes.get("/staff/admin/calls", async (c) => {
  await staff(c, { roles: ["admin"] });
  const id = (c.req.query("id") ?? "").trim();
  if (!Call.CallId.safeParse(id).success) {
    return renderAdmin(c, { errors: [{ path: "newCallId", message: "validation.invalid" }] }, 400);
  }
  return c.redirect(`/staff/admin/calls/${id}`, 303);
});
