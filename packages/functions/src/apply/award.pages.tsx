// The award's own pages for the applicant: the agreement (accepted by typing a name), turning the grant down
// (asked once more), and how the money should reach them. What was given of the last is never shown again.
import type * as Award from "@amparo/core/award";
import type * as Call from "@amparo/core/call";
import * as Country from "@amparo/core/country";
import type { FieldError } from "@amparo/core/error";
import { countryName, formatDate, type Locale, type MessageKey } from "@amparo/core/i18n";
import { ErrorSummary, Field, Layout, described, fieldMessage, type PageContext } from "../shared/pages.js";
import { BackLink, paths } from "./application-blocks.js";
import { AwardFacts, awardPaths, Terms } from "./award-blocks.js";

/** One field of a way to receive the money, as its form asks it. */
interface MethodField {
  name: string;
  control: "text" | "textarea" | "country";
  max: number;
  optional?: boolean;
}

/** The fields of each way, by the names `Award.PaymentMethodInput` gives them. */
export const methodFields: Record<Call.PaymentMethodKind, MethodField[]> = {
  bank_transfer: [
    { name: "accountHolder", control: "text", max: 200 },
    { name: "bankName", control: "text", max: 200 },
    { name: "account", control: "text", max: 100 },
    { name: "routing", control: "text", max: 100, optional: true },
    { name: "bankCountry", control: "country", max: 2 },
  ],
  intermediary: [
    { name: "organisation", control: "text", max: 200 },
    { name: "contact", control: "textarea", max: 500 },
    { name: "notes", control: "textarea", max: 1000, optional: true },
  ],
  other: [{ name: "description", control: "textarea", max: 2000 }],
};

/** Every country, by its name in the reader's language (as the "About you" page lists them). */
function countryOptions(locale: Locale) {
  return Country.codes
    .map((code) => ({ value: code, label: countryName(code, locale) }))
    .sort((a, b) => a.label.localeCompare(b.label, locale));
}

const fieldId = (name: string) => `method-${name}`;
const errorOf = (page: PageContext, errors: FieldError[], path: string) => {
  const error = errors.find((item) => item.path === path);
  return error ? fieldMessage(page, error) : undefined;
};

/** The agreement's terms and what it grants, and the typed name that accepts it. */
export function AgreementPage({
  page,
  view,
  name = "",
  errors = [],
}: {
  page: PageContext;
  view: Award.AwardView;
  /** What was typed, shown again when it was refused. */
  name?: string;
  errors?: FieldError[];
}) {
  const { t } = page;
  const error = errors.length > 0 ? fieldMessage(page, errors[0]!) : undefined;
  return (
    <Layout page={page}>
      <h1>{t("agreement.heading")}</h1>
      <p class="lead">{t("agreement.intro")}</p>
      <ErrorSummary page={page} items={error ? [{ href: "#agreement-name", text: error }] : []} />
      <h2>{t("agreement.terms")}</h2>
      <Terms page={page} view={view} />
      <AwardFacts page={page} view={view} />
      <form method="post" action={awardPaths.agreement} autocomplete="off">
        <Field id="agreement-name" label={t("agreement.name")} {...(error ? { error } : {})}>
          <input
            type="text"
            id="agreement-name"
            name="name"
            dir="auto"
            value={name}
            maxlength={200}
            autocomplete="off"
            {...described("agreement-name", { error })}
            class={error ? "invalid" : undefined}
          />
        </Field>
        <p class="actions">
          <button type="submit">{t("agreement.accept")}</button>
        </p>
      </form>
      <p>{t("agreement.or_decline")}</p>
      <form method="get" action={awardPaths.decline}>
        <button type="submit" class="secondary">
          {t("award.decline.link")}
        </button>
      </form>
      <BackLink page={page} />
    </Layout>
  );
}

/** Turning the grant down asks once more: it cannot be undone. */
export function DeclinePage({ page }: { page: PageContext }) {
  const { t } = page;
  return (
    <Layout page={page}>
      <h1>{t("award.decline.heading")}</h1>
      <p>{t("award.decline.text")}</p>
      <form method="post" action={awardPaths.decline} class="actions">
        <button type="submit">{t("award.decline.confirm")}</button>
        <a href={paths.overview}>{t("my.back")}</a>
      </form>
    </Layout>
  );
}

function MethodControl({
  page,
  field,
  value,
  error,
}: {
  page: PageContext;
  field: MethodField;
  value: string;
  error: string | undefined;
}) {
  const id = fieldId(field.name);
  const common = { id, name: field.name, autocomplete: "off", ...described(id, { error }) };
  const invalid = error ? "invalid" : undefined;
  const label = page.t(`method.field.${field.name}` as MessageKey);
  return (
    <Field id={id} label={label} {...(error ? { error } : {})}>
      {field.control === "country" ? (
        <select {...common} class={invalid}>
          <option value="">{page.t("method.country.choose")}</option>
          {countryOptions(page.locale).map((option) => (
            <option value={option.value} selected={option.value === value}>
              {option.label}
            </option>
          ))}
        </select>
      ) : field.control === "textarea" ? (
        <textarea {...common} dir="auto" rows={4} maxlength={field.max} class={invalid}>
          {value}
        </textarea>
      ) : (
        <input {...common} type="text" dir="auto" value={value} maxlength={field.max} class={invalid} />
      )}
    </Field>
  );
}

/**
 * How the money should reach the applicant: first the ways the call offers (plain links, so it works without
 * JavaScript), then the chosen way's form, always empty but for what was just sent and refused.
 */
export function PaymentMethodPage({
  page,
  view,
  kind,
  values = {},
  errors = [],
}: {
  page: PageContext;
  view: Award.AwardView;
  kind?: Call.PaymentMethodKind | undefined;
  values?: Record<string, string>;
  errors?: FieldError[];
}) {
  const { t } = page;
  const givenAt = view.paymentMethod.given ? view.paymentMethod.givenAt : undefined;
  const fields = kind ? methodFields[kind] : [];
  const summary = fields.flatMap((field) => {
    const text = errorOf(page, errors, field.name);
    return text
      ? [{ href: `#${fieldId(field.name)}`, text: `${t(`method.field.${field.name}` as MessageKey)}: ${text}` }]
      : [];
  });
  // A refusal not tied to one of the fields (a way the call does not offer) still shows.
  const other = errors.filter((error) => !fields.some((field) => field.name === error.path));
  return (
    <Layout page={page}>
      <h1>{t("method.heading")}</h1>
      <p class="lead">{t("method.privacy")}</p>
      {givenAt && <p class="note">{t("method.replaces", { date: formatDate(page.locale, givenAt) })}</p>}
      <ErrorSummary
        page={page}
        items={[...summary, ...other.map((error) => ({ href: "#method-form", text: fieldMessage(page, error) }))]}
      />
      {!kind ? (
        <>
          <h2>{t("method.choose")}</h2>
          <ul>
            {view.paymentMethods.map((offered) => (
              <li>
                <a href={`${awardPaths.paymentMethod}/${offered}`}>{t(`method.kind.${offered}`)}</a>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <>
          <h2>{t(`method.kind.${kind}`)}</h2>
          <form method="post" action={`${awardPaths.paymentMethod}/${kind}`} id="method-form" autocomplete="off">
            {fields.map((field) => (
              <MethodControl
                page={page}
                field={field}
                value={values[field.name] ?? ""}
                error={errorOf(page, errors, field.name)}
              />
            ))}
            <p class="actions">
              <button type="submit">{t("method.send")}</button>
            </p>
          </form>
          {view.paymentMethods.length > 1 && (
            <p>
              <a href={awardPaths.paymentMethod}>{t("method.other_way")}</a>
            </p>
          )}
        </>
      )}
      <BackLink page={page} />
    </Layout>
  );
}
