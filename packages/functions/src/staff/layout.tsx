import { formatDate } from "@amparo/core/i18n";
import type * as User from "@amparo/core/user";
import type { Child } from "hono/jsx";
import { Layout, type PageContext } from "../shared/pages.js";

/** Staff pages have no quick exit (they are not the people at risk) but the same frame otherwise. */
export function StaffLayout({ page, user, children }: { page: PageContext; user?: User.Info; children: Child }) {
  return (
    <Layout page={page} quickExit={false}>
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

/** A decision deadline as a date, or a dash when there is none yet. */
export const dueDate = (page: PageContext, iso: string | null | undefined) =>
  iso ? formatDate(page.locale, iso) : "—";
