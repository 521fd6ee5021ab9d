import { formatDateTime } from "@amparo/core/i18n";
import * as Session from "@amparo/core/session";
import type * as User from "@amparo/core/user";
import { ErrorSummary, Field, Notice, type PageContext } from "../shared/pages.js";
import { StaffLayout } from "./layout.js";

/**
 * When a session began or ends, to the minute, in UTC and saying so: staff accounts keep no time zone, and a
 * session is told apart from the others only by its times.
 */
export const sessionTime = (page: PageContext, iso: string) => formatDateTime(page.locale, iso);

/**
 * The recovery codes, shown once: after enrolment, or after making new ones. The page says plainly what they
 * are for, that each works once, and to keep them apart from the phone.
 */
export function RecoveryCodesPage({ page, user, codes }: { page: PageContext; user: User.Info; codes: string[] }) {
  const { t } = page;
  return (
    <StaffLayout page={page} user={user}>
      <h1>{t("staff.recovery.heading")}</h1>
      <p class="lead">{t("staff.recovery.intro")}</p>
      <p>
        <strong>{t("staff.recovery.once")}</strong> {t("staff.recovery.keep")}
      </p>
      <h2 id="recovery-codes">{t("staff.recovery.list")}</h2>
      <ol class="recovery-codes" aria-labelledby="recovery-codes">
        {codes.map((code) => (
          <li>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <p class="actions">
        <a class="button" href="/staff">
          {t("staff.recovery.continue")}
        </a>
      </p>
    </StaffLayout>
  );
}

/**
 * The staff member's live sessions, each with a sign-out button, and their recovery codes: how many are left,
 * and a form to make new ones.
 */
export function SessionsPage({
  page,
  user,
  sessions,
  codesLeft,
  notice,
  error,
}: {
  page: PageContext;
  user: User.Info;
  sessions: Session.Listed[];
  codesLeft: number;
  notice?: string;
  error?: string;
}) {
  const { t } = page;
  const others = sessions.filter((session) => !session.current);
  return (
    <StaffLayout page={page} user={user}>
      <h1>{t("staff.sessions.heading")}</h1>
      <Notice text={notice} />
      <ErrorSummary page={page} items={error ? [{ href: "#code", text: error }] : []} />
      <p class="lead">{t("staff.sessions.intro", { hours: Session.sessionHours })}</p>
      {/* A list rather than a table: on a phone, each session's times and button stay side by side or wrap. */}
      <ul class="sessions">
        {sessions.map((session) => {
          const started = sessionTime(page, session.createdAt);
          return (
            <li>
              <p>
                <strong>
                  {session.current
                    ? t("staff.sessions.this")
                    : session.scope === "enrol"
                      ? t("staff.sessions.enrol")
                      : t("staff.sessions.other")}
                </strong>
                <br />
                {t("staff.sessions.started", { date: started })}
                <br />
                <span class="note">{t("staff.sessions.ends", { date: sessionTime(page, session.validUntil) })}</span>
              </p>
              <form method="post" action={session.current ? "/staff/sign-out" : "/staff/sessions/end"}>
                {!session.current && <input type="hidden" name="session" value={session.id} />}
                {/* Which session, for screen readers, after the visible words (so the name still has them). */}
                <button type="submit" class="secondary">
                  {t("staff.sessions.end")}{" "}
                  <span class="visually-hidden">{t("staff.sessions.end.which", { date: started })}</span>
                </button>
              </form>
            </li>
          );
        })}
      </ul>
      {others.length > 0 && (
        <form method="post" action="/staff/sessions/end-others">
          <p class="actions">
            <button type="submit">{t("staff.sessions.end_others")}</button>
          </p>
        </form>
      )}

      <h2>{t("staff.sessions.recovery.heading")}</h2>
      <p>{page.plural("staff.sessions.recovery.left", codesLeft)}</p>
      <form method="post" action="/staff/recovery-codes" autocomplete="off">
        <Field
          id="code"
          label={t("staff.account.step_up.code")}
          help={t("staff.sessions.recovery.help")}
          {...(error ? { error } : {})}
        >
          <input
            type="text"
            id="code"
            name="code"
            autocomplete="one-time-code"
            maxlength={40}
            required
            aria-describedby={error ? "code-help code-error" : "code-help"}
            {...(error ? { "aria-invalid": "true" } : {})}
          />
        </Field>
        <p class="actions">
          <button type="submit" class="secondary">
            {t("staff.sessions.recovery.submit")}
          </button>
        </p>
      </form>
      <p>
        <a href="/staff">{t("staff.home.heading")}</a>
      </p>
    </StaffLayout>
  );
}
