import type * as User from "@amparo/core/user";
import type { Child } from "hono/jsx";
import { Layout, type PageContext } from "./pages.js";

/**
 * The frame of every staff page, here rather than in the staff app so the report app can use it without
 * loading anything of the staff app (which decrypts and reads uploads). Staff pages have no quick exit (they
 * are not the people at risk) but the same frame otherwise.
 */
export function StaffLayout({ page, user, children }: { page: PageContext; user?: User.Info; children: Child }) {
  return (
    <Layout page={page} quickExit={false} wide>
      {user && (
        <form method="post" action="/staff/sign-out" class="signout">
          <span class="note">
            {page.t("staff.home.signed_in", {
              email: user.email,
              roles: user.roles.map((role) => page.t(`staff.role.${role}`)).join(", "),
            })}
          </span>{" "}
          <button type="submit" class="secondary">
            {page.t("staff.signout")}
          </button>
        </form>
      )}
      {children}
    </Layout>
  );
}
