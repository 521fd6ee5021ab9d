import type * as Call from "@amparo/core/call";
import { languageName, pick, staffLocales } from "@amparo/core/i18n";
import type * as Review from "@amparo/core/review";
import type * as User from "@amparo/core/user";
import { Field, Notice, type PageContext } from "../shared/pages.js";
import { StaffLayout, dueDate } from "./layout.js";

/** A staff member's start: their review queue, the calls they coordinate, and the way to administration. */
export function HomePage({
  page,
  user,
  queue,
  calls,
  notice,
}: {
  page: PageContext;
  user: User.Info;
  queue?: Review.QueueItem[];
  calls: Call.Info[];
  notice?: string;
}) {
  const { t } = page;
  const coordinating = calls.filter(
    (call) =>
      (user.roles.includes("coordinator") || user.roles.includes("admin")) &&
      (user.roles.includes("admin") || user.callIds.includes(call.id)),
  );
  return (
    <StaffLayout page={page} user={user}>
      <h1>{t("staff.home.heading")}</h1>
      <Notice text={notice} />
      {queue && (
        <>
          <h2 id="queue-heading">{t("staff.queue.heading")}</h2>
          {queue.length === 0 ? (
            <p>{t("staff.queue.empty")}</p>
          ) : (
            // Five columns do not fit a phone: there each row stacks its cells, each named (`stacked`).
            <div class="scroll" role="region" aria-labelledby="queue-heading" tabindex={0}>
              <table class="stacked" aria-labelledby="queue-heading">
                <thead>
                  <tr>
                    <th scope="col">{t("staff.col.name")}</th>
                    <th scope="col">{t("staff.col.application")}</th>
                    <th scope="col">{t("staff.col.call")}</th>
                    <th scope="col">{t("staff.col.days_left")}</th>
                    <th scope="col">{t("staff.col.review")}</th>
                  </tr>
                </thead>
                <tbody>
                  {queue.map((item) => (
                    <tr>
                      <td data-label={t("staff.col.name")}>
                        {/* Who the applicant says they are shows on the declaration page first, then here. */}
                        {item.review === "conflicted" ? (
                          "—"
                        ) : item.review === "conflict_check" ? (
                          <span class="note">{t("staff.queue.name_after_declaring")}</span>
                        ) : (
                          (item.name ?? <span class="note">{t("staff.identity.not_given")}</span>)
                        )}
                      </td>
                      <td data-label={t("staff.col.application")}>
                        <a href={`/staff/applications/${item.applicationId}`}>{item.applicationId.slice(0, 8)}</a>
                      </td>
                      <td data-label={t("staff.col.call")}>
                        {pick(
                          calls.find((call) => call.id === item.callId)?.title ?? {
                            en: item.callId,
                            es: item.callId,
                            pt: item.callId,
                          },
                          page.locale,
                        )}
                      </td>
                      <td data-label={t("staff.col.days_left")}>
                        <QueueDaysLeft page={page} item={item} />
                      </td>
                      <td data-label={t("staff.col.review")}>
                        {/* A sent full application is scored again, on the call's second rubric. */}
                        {item.stage === "full_submitted" && (item.review === "pending" || item.review === "done")
                          ? t(item.review === "pending" ? "staff.queue.pending_full" : "staff.queue.done_full")
                          : t(`staff.queue.${item.review}`)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
      {coordinating.length > 0 && (
        <>
          <h2>{t("staff.list.heading")}</h2>
          <ul>
            {coordinating.map((call) => (
              <li>
                <a href={`/staff/applications?callId=${call.id}`}>{pick(call.title, page.locale)}</a>
              </li>
            ))}
          </ul>
        </>
      )}
      {user.roles.includes("admin") && (
        <p>
          <a href="/staff/admin">{t("staff.admin.heading")}</a>
        </p>
      )}
      {user.roles.some((role) => role === "funder" || role === "coordinator" || role === "admin") && (
        <p>
          <a href="/staff/reports">{t("staff.home.reports")}</a>
          <br />
          <span class="note">{t("staff.home.reports.help")}</span>
        </p>
      )}
      <p>
        <a href="/staff/sessions">{t("staff.home.sessions")}</a>
      </p>
      <EmailLanguage page={page} user={user} />
    </StaffLayout>
  );
}

/** Days left until the decision is due, under its date; an overdue one says so, and by how long. */
function QueueDaysLeft({ page, item }: { page: PageContext; item: Review.QueueItem }) {
  const left = item.daysLeft ?? null;
  if (left === null) return <>{dueDate(page, item.decisionDueAt)}</>;
  return (
    <>
      <span class="note">{dueDate(page, item.decisionDueAt)}</span>
      <br />
      {left < 0 ? (
        <strong class="overdue">{page.plural("staff.table.overdue_by", -left)}</strong>
      ) : (
        page.plural("staff.table.days_left", left)
      )}
    </>
  );
}

/** The language this person's emails are written in (notices, reminders), whatever language the pages are in. */
function EmailLanguage({ page, user }: { page: PageContext; user: User.Info }) {
  const { t } = page;
  const current = user.language ?? "en";
  return (
    <>
      <h2>{t("staff.language.heading")}</h2>
      <form method="post" action="/staff/language">
        <Field id="email-language" label={t("staff.language.label")}>
          <select id="email-language" name="language">
            {staffLocales.map((code) => (
              <option value={code} selected={code === current}>
                {languageName(code)}
              </option>
            ))}
          </select>
        </Field>
        <p class="actions">
          <button type="submit" class="secondary">
            {t("staff.language.save")}
          </button>
        </p>
      </form>
    </>
  );
}
