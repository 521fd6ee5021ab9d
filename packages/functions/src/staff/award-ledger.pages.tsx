// A call's payment ledger, as its coordinators read it: every payment, soonest first, with the grant it went to
// while the grant's application is kept, and the totals. No reference: those stay on each grant's own page.
import type * as Award from "@amparo/core/award";
import type * as Call from "@amparo/core/call";
import { formatDate, pick } from "@amparo/core/i18n";
import type * as User from "@amparo/core/user";
import { moneyIn } from "../shared/format.js";
import { type PageContext } from "../shared/pages.js";
import { StaffLayout } from "./layout.js";

export function LedgerPage({
  page,
  user,
  call,
  ledger,
}: {
  page: PageContext;
  user: User.Info;
  call: Call.Info;
  ledger: Awaited<ReturnType<typeof Award.callLedger>>;
}) {
  const { t } = page;
  const date = (iso: string) => formatDate(page.locale, iso);
  return (
    <StaffLayout page={page} user={user}>
      <span class="tag">{pick(call.title, page.locale)}</span>
      <h1>{t("staff.ledger.heading")}</h1>
      <p>{t("staff.ledger.intro")}</p>
      {ledger.rows.length === 0 ? (
        <p>{t("staff.award.payments.none")}</p>
      ) : (
        <>
          <table class="stacked">
            <thead>
              <tr>
                <th scope="col">{t("staff.award.col.paid_on")}</th>
                <th scope="col">{t("staff.award.col.amount")}</th>
                <th scope="col">{t("staff.ledger.col.grant")}</th>
                <th scope="col">{t("staff.award.col.number")}</th>
                <th scope="col">{t("staff.award.col.final")}</th>
              </tr>
            </thead>
            <tbody>
              {ledger.rows.map((row) => (
                <tr>
                  <td data-label={t("staff.award.col.paid_on")}>{date(row.paidOn)}</td>
                  <td data-label={t("staff.award.col.amount")}>{moneyIn(page, row.currency)(row.amount)}</td>
                  <td data-label={t("staff.ledger.col.grant")}>
                    {row.applicationId ? (
                      <a href={`/staff/applications/${row.applicationId}#grant`}>{row.applicationId.slice(0, 8)}</a>
                    ) : (
                      t("staff.ledger.deleted")
                    )}
                  </td>
                  <td data-label={t("staff.award.col.number")}>{row.number}</td>
                  <td data-label={t("staff.award.col.final")}>{row.final ? t("staff.award.yes") : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <ul>
            {Object.entries(ledger.totals).map(([currency, amount]) => (
              <li>{t("staff.ledger.total", { amount: moneyIn(page, currency)(amount) })}</li>
            ))}
          </ul>
        </>
      )}
      <p>
        <a href={`/staff/applications?callId=${encodeURIComponent(call.id)}`}>{t("staff.list.heading")}</a>
      </p>
    </StaffLayout>
  );
}
