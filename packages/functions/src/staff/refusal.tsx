import * as Call from "@amparo/core/call";
import { pick } from "@amparo/core/i18n";
import * as Session from "@amparo/core/session";
import type * as User from "@amparo/core/user";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppContext } from "../shared/app.js";
import { html, pageContext, type PageContext } from "../shared/pages.js";
import type { Problem } from "../shared/problem.js";
import { StaffLayout } from "../shared/staff-layout.js";
import { sessionToken } from "./session.js";

/**
 * The error page of the staff pages (`/staff/...`, in the staff and the report apps): a refusal, a page that is
 * not there, or a session that has ended shows in the staff frame, never the applicants' one, and says what the
 * person's roles can do instead, with a link to each of their pages. It only reads (the session, the account,
 * the calls' titles): the report app, which may not write to the table or open sealed fields, uses it too.
 */
export async function staffErrorPage(c: Context, problem: Problem): Promise<Response | undefined> {
  if (!isStaffPage(c.req.path)) return undefined;
  // The language is known unless the request failed before it was read.
  const page = pageContext((c as AppContext).get("language") ?? "en", c.req.path, (c as AppContext).get("languages"));
  const session = await currentSession(c);
  const calls = session?.scope === "full" && session.user.roles.includes("coordinator") ? await callTitles() : [];
  return html(
    c,
    StaffErrorPage({ page, problem, ...(session ? { session } : {}), calls }),
    problem.status as ContentfulStatusCode,
  );
}

/** Staff pages: `/staff` and below. */
const isStaffPage = (path: string) => path === "/staff" || path.startsWith("/staff/");

/** The session of the request, if any is still good; an error page must never fail for want of one. */
async function currentSession(c: Context): Promise<Session.Session | undefined> {
  try {
    return await Session.lookup(sessionToken(c));
  } catch {
    return undefined;
  }
}

/** The calls' titles, for a coordinator's links; none when they cannot be read (the page still shows). */
async function callTitles(): Promise<Call.Info[]> {
  try {
    return await Call.list();
  } catch {
    return [];
  }
}

/** One thing the person may do, with the links to where they do it. */
interface Offer {
  text: string;
  links: { href: string; label: string }[];
}

/** What each of the person's roles can do, in the order their home page shows them. */
function offers(page: PageContext, user: User.Info, calls: Call.Info[]): Offer[] {
  const { t } = page;
  const found: Offer[] = [];
  if (user.roles.includes("reviewer")) {
    found.push({
      text: t("staff.refused.reviewer"),
      links: [{ href: "/staff", label: t("staff.refused.reviewer.link") }],
    });
  }
  if (user.roles.includes("coordinator")) {
    found.push({
      text: t("staff.refused.coordinator"),
      links: calls
        .filter((call) => user.callIds.includes(call.id))
        .map((call) => ({
          href: `/staff/applications?callId=${encodeURIComponent(call.id)}`,
          label: t("staff.refused.coordinator.link", { call: pick(call.title, page.locale) }),
        }))
        // An admin gets the reports' link with the admin's pages below.
        .concat(user.roles.includes("admin") ? [] : [{ href: "/staff/reports", label: t("staff.home.reports") }]),
    });
  }
  if (user.roles.includes("funder")) {
    found.push({
      text: t("staff.refused.funder"),
      links: [{ href: "/staff/reports", label: t("staff.home.reports") }],
    });
  }
  if (user.roles.includes("admin")) {
    found.push({
      text: t("staff.refused.admin"),
      links: [
        { href: "/staff/admin", label: t("staff.admin.heading") },
        { href: "/staff/reports", label: t("staff.home.reports") },
      ],
    });
  }
  return found;
}

export function StaffErrorPage({
  page,
  problem,
  session,
  calls = [],
}: {
  page: PageContext;
  problem: Problem;
  session?: Session.Session;
  calls?: Call.Info[];
}) {
  const { t } = page;
  const user = session?.user;
  return (
    <StaffLayout page={page} {...(user ? { user } : {})}>
      <h1>{problem.title}</h1>
      <p class="lead">{problem.detail}</p>
      {problem.errors && (
        <ul>
          {problem.errors.map((error) => (
            <li>{error.message}</li>
          ))}
        </ul>
      )}
      {!session ? (
        <p>
          {t("staff.refused.signed_out")} <a href="/staff">{t("staff.signin.heading")}</a>
        </p>
      ) : session.scope === "enrol" ? (
        <p>
          {t("staff.refused.enrol")} <a href="/staff/totp">{t("staff.totp.heading")}</a>
        </p>
      ) : (
        <>
          <h2>{t("staff.refused.can_do")}</h2>
          <ul class="offers">
            {offers(page, session.user, calls).map((offer) => (
              <li>
                {offer.text}
                {offer.links.length > 0 && (
                  <ul>
                    {offer.links.map((link) => (
                      <li>
                        <a href={link.href}>{link.label}</a>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
            <li>
              <a href="/staff">{t("staff.home.heading")}</a> · <a href="/staff/sessions">{t("staff.home.sessions")}</a>
            </li>
          </ul>
        </>
      )}
    </StaffLayout>
  );
}
