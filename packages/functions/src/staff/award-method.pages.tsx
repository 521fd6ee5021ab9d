// How the money reaches a grantee, as a coordinator opened it: on a page of its own, answered to a POST (so no
// link, prefetch or history entry opens it again), never cached, and recorded before it is shown.
import type * as Award from "@amparo/core/award";
import type * as Call from "@amparo/core/call";
import { countryName, formatDate, pick } from "@amparo/core/i18n";
import type * as User from "@amparo/core/user";
import { type PageContext } from "../shared/pages.js";
import { StaffLayout } from "./layout.js";

/** Each way's fields in the order shown, each with its label's key. */
const fieldsOf = {
  bank_transfer: ["accountHolder", "bankName", "account", "routing", "bankCountry"],
  intermediary: ["organisation", "contact", "notes"],
  other: ["description"],
} as const;

const labelOf = {
  accountHolder: "staff.award.method.account_holder",
  bankName: "staff.award.method.bank_name",
  account: "staff.award.method.account",
  routing: "staff.award.method.routing",
  bankCountry: "staff.award.method.bank_country",
  organisation: "staff.award.method.organisation",
  contact: "staff.award.method.contact",
  notes: "staff.award.method.notes",
  description: "staff.award.method.description",
} as const;

export function PaymentMethodPage({
  page,
  user,
  call,
  id,
  method,
}: {
  page: PageContext;
  user: User.Info;
  call: Call.Info;
  id: string;
  method: Award.PaymentMethod;
}) {
  const { t } = page;
  const values = method as unknown as Record<string, string | undefined>;
  return (
    <StaffLayout page={page} user={user}>
      <span class="tag">{pick(call.title, page.locale)}</span>
      <h1>{t("staff.award.method.heading")}</h1>
      <p>{t("staff.app.heading", { id: id.slice(0, 8) })}</p>
      <p role="note">
        <strong>{t("staff.award.method.recorded")}</strong>
      </p>
      <dl class="confirm">
        <dt>{t("staff.award.method.kind")}</dt>
        <dd>{t(`staff.award.method.kind.${method.kind}`)}</dd>
        {fieldsOf[method.kind].map((name) => {
          const value = values[name];
          if (!value) return null;
          return (
            <>
              <dt>{t(labelOf[name])}</dt>
              <dd class="prose">{name === "bankCountry" ? countryName(value, page.locale) : value}</dd>
            </>
          );
        })}
      </dl>
      <p>{t("staff.award.method.given", { date: formatDate(page.locale, method.givenAt) })}</p>
      <p>
        <a href={`/staff/applications/${id}#grant`}>{t("staff.award.back")}</a>
      </p>
    </StaffLayout>
  );
}
