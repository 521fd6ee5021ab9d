// The grant on a coordinator's application page: the agreement, the period and reports, what was approved and
// paid, whether how the money reaches the grantee was given (never the details: they open on a page of their
// own, on record), the payments with their references, and the form that records one.
import * as Award from "@amparo/core/award";
import * as Call from "@amparo/core/call";
import * as Clock from "@amparo/core/clock";
import type { FieldError } from "@amparo/core/error";
import { formatDate, pick } from "@amparo/core/i18n";
import * as Review from "@amparo/core/review";
import type * as Stage from "@amparo/core/stage";
import type * as User from "@amparo/core/user";
import { moneyIn } from "../shared/format.js";
import { described, Field, fieldMessage, type PageContext } from "../shared/pages.js";
import { ReportList } from "./report.pages.js";

/** What the grant section shows: the award as coordinators see it, and the agreement's dates from the application. */
export interface AwardData {
  award: Award.AwardView;
  agreementSentAt?: string | undefined;
  /** The name the applicant typed to accept the agreement (coordinators only). */
  acceptedName?: string | undefined;
  declinedAt?: string | undefined;
  /** Today (UTC), the payment date's default. */
  today: string;
  /** The reports the grant owes, once agreed, with where each stands. */
  reports: Award.ReportSummary[];
  /** Whether the coordinator may close the grant now (every report accepted). */
  closable: boolean;
}

/** The payment form's fields, by the name each has on the page (the move form already has an `amount`). */
export const paymentFields = { amount: "paymentAmount", paidOn: "paymentPaidOn", reference: "paymentReference" };

/**
 * The grant, for the call's coordinators only (undefined for anyone else, and before an approval): the same gate
 * as their other actions, so a reviewer never reaches a payment's reference.
 */
export async function loadAward(user: User.Info, view: Review.StaffView): Promise<AwardData | undefined> {
  if (view.allowedMoves === undefined || !Award.awardShownIn.includes(view.stage)) return undefined;
  const app = await Review.coordinated(user, view.id);
  const award = await Award.view(app, { references: true });
  if (!award) return undefined;
  const call = await Call.forApplication(app);
  return {
    award,
    agreementSentAt: app.agreementSentAt,
    acceptedName: app.agreement?.name,
    declinedAt: app.declinedByApplicantAt,
    today: Clock.iso().slice(0, 10),
    reports: Award.reportSummaries(app, call),
    closable: view.allowedMoves.includes("closed"),
  };
}

/** How the move form names a grant's moves: what each does, rather than the stage it ends in. */
export function moveLabel(page: PageContext, from: Stage.Stage, to: Stage.Stage): string {
  const { t } = page;
  if (from === "suspended" && (to === "agreed" || to === "active")) {
    return t("staff.award.move.resume", { stage: t(`staff.stage.${to}`) });
  }
  if (to === "agreement_sent" || to === "suspended" || to === "cancelled") return t(`staff.award.move.${to}`);
  if (to === "agreed" && (from === "approved" || from === "agreement_sent")) return t("staff.award.move.agreed");
  if (to === "closed") return t("staff.grant_report.close.move");
  return t(`staff.stage.${to}`);
}

const payable = Award.payableStages;

export function AwardSection({
  page,
  call,
  id,
  version,
  data,
  errors = [],
  typed = {},
}: {
  page: PageContext;
  call: Call.Info;
  id: string;
  version: number;
  data: AwardData;
  errors?: FieldError[];
  typed?: Record<string, string>;
}) {
  const { t } = page;
  const { award } = data;
  const date = (iso: string) => formatDate(page.locale, iso);
  const money = moneyIn(page, award.currency);
  const remaining = Math.max(0, (award.amount ?? 0) - award.paid);
  const finalPaid = award.payments.some((payment) => payment.final);
  const method = award.paymentMethod;
  return (
    <section aria-labelledby="grant">
      <h2 id="grant">{t("staff.award.heading")}</h2>
      <dl class="confirm">
        <dt>{t("staff.award.agreement")}</dt>
        <dd>
          <Agreement page={page} data={data} />
        </dd>
        <dt>{t("staff.award.period")}</dt>
        <dd>
          {award.endsAt
            ? t("staff.award.period.ends", { date: date(award.endsAt), days: award.periodDays })
            : t("staff.award.period.days", { days: award.periodDays })}
        </dd>
        <dt>{t("staff.award.reports")}</dt>
        <dd>
          {award.reports.length === 0 ? (
            t("staff.award.reports.none")
          ) : (
            <ul>
              {award.reports.map((report) => (
                <li>
                  {report.dueAt
                    ? t("staff.award.report.due", { title: pick(report.title, page.locale), date: date(report.dueAt) })
                    : t("staff.award.report.days", { title: pick(report.title, page.locale), days: report.dueDays })}
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t("staff.award.amount")}</dt>
        <dd>{award.amount === undefined ? "—" : money(award.amount)}</dd>
        <dt>{t("staff.award.paid")}</dt>
        <dd>{money(award.paid)}</dd>
        <dt>{t("staff.award.remaining")}</dt>
        <dd>{money(remaining)}</dd>
        <dt>{t("staff.award.method")}</dt>
        <dd>
          {!method.givenAt
            ? t("staff.award.method.none")
            : [
                t("staff.award.method.given", { date: date(method.givenAt) }),
                method.deletedAt ? t("staff.award.method.deleted", { date: date(method.deletedAt) }) : "",
                method.deleteAt ? t("staff.award.method.delete_at", { date: date(method.deleteAt) }) : "",
              ]
                .filter(Boolean)
                .join(" ")}
        </dd>
      </dl>
      {/* A POST, so that no link, prefetch or history entry opens it: each opening is on record. */}
      {method.given && (
        <form method="post" action={`/staff/applications/${id}/payment-method`}>
          <p class="actions">
            <button type="submit" class="secondary">
              {t("staff.award.method.open")}
            </button>
          </p>
        </form>
      )}
      {data.reports.length > 0 && <ReportList page={page} id={id} reports={data.reports} />}
      <h3>{t("staff.award.payments")}</h3>
      {award.payments.length === 0 ? (
        <p>{t("staff.award.payments.none")}</p>
      ) : (
        <table class="stacked">
          <thead>
            <tr>
              <th scope="col">{t("staff.award.col.number")}</th>
              <th scope="col">{t("staff.award.col.paid_on")}</th>
              <th scope="col">{t("staff.award.col.amount")}</th>
              <th scope="col">{t("staff.award.col.reference")}</th>
              <th scope="col">{t("staff.award.col.final")}</th>
            </tr>
          </thead>
          <tbody>
            {award.payments.map((payment) => (
              <tr>
                <td data-label={t("staff.award.col.number")}>{payment.number}</td>
                <td data-label={t("staff.award.col.paid_on")}>{date(payment.paidOn)}</td>
                <td data-label={t("staff.award.col.amount")}>{money(payment.amount)}</td>
                <td data-label={t("staff.award.col.reference")}>{payment.reference ?? "—"}</td>
                <td data-label={t("staff.award.col.final")}>{payment.final ? t("staff.award.yes") : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {finalPaid ? (
        <p>{t("staff.award.record.after_final")}</p>
      ) : payable.includes(award.stage) ? (
        <PaymentForm
          page={page}
          call={call}
          id={id}
          version={version}
          max={money(remaining)}
          today={data.today}
          errors={errors}
          typed={typed}
        />
      ) : award.stage === "cancelled" || award.stage === "declined_by_applicant" ? null : (
        <p>{t("staff.award.record.not_payable")}</p>
      )}
      {data.closable && (
        <form method="post" action={`/staff/applications/${id}/close`}>
          <h3>{t("staff.grant_report.close.heading")}</h3>
          <input type="hidden" name="version" value={String(version)} />
          <p>{t("staff.grant_report.close.ready")}</p>
          <p class="actions">
            <button type="submit">{t("staff.grant_report.close.submit")}</button>
          </p>
        </form>
      )}
    </section>
  );
}

/** Where the agreement stands: sent, accepted (with the name typed), recorded as signed outside, or turned down. */
function Agreement({ page, data }: { page: PageContext; data: AwardData }) {
  const { t } = page;
  const { award } = data;
  const date = (iso: string) => formatDate(page.locale, iso);
  const lines: string[] = [];
  if (data.agreementSentAt) lines.push(t("staff.award.agreement.sent", { date: date(data.agreementSentAt) }));
  if (award.agreedAt) {
    lines.push(
      award.signedOutside
        ? t("staff.award.agreement.outside", { date: date(award.agreedAt) })
        : data.acceptedName
          ? t("staff.award.agreement.accepted", { date: date(award.agreedAt), name: data.acceptedName })
          : t("staff.award.agreement.accepted_unnamed", { date: date(award.agreedAt) }),
    );
  } else if (data.declinedAt) {
    lines.push(t("staff.award.agreement.declined", { date: date(data.declinedAt) }));
  } else if (!data.agreementSentAt) {
    lines.push(
      t(award.agreement === "outside" ? "staff.award.agreement.outside_pending" : "staff.award.agreement.not_sent"),
    );
  }
  return <>{lines.join(" ")}</>;
}

/** Records a payment at the version read; a final one is confirmed on the next page. */
function PaymentForm({
  page,
  call,
  id,
  version,
  max,
  today,
  errors,
  typed,
}: {
  page: PageContext;
  call: Call.Info;
  id: string;
  version: number;
  max: string;
  today: string;
  errors: FieldError[];
  typed: Record<string, string>;
}) {
  const { t } = page;
  const errorOf = (path: string) => {
    const error = errors.find((item) => item.path === path);
    return error ? fieldMessage(page, error) : undefined;
  };
  const amount = errorOf(paymentFields.amount);
  const paidOn = errorOf(paymentFields.paidOn);
  const reference = errorOf(paymentFields.reference);
  return (
    <form method="post" action={`/staff/applications/${id}/payments`}>
      <h3>{t("staff.award.record.heading")}</h3>
      <input type="hidden" name="version" value={String(version)} />
      <Field
        id={paymentFields.amount}
        label={t("staff.award.record.amount", { currency: call.funding.currency, max })}
        {...(amount ? { error: amount } : {})}
      >
        <input
          type="text"
          inputmode="numeric"
          id={paymentFields.amount}
          name="amount"
          autocomplete="off"
          required
          value={typed["amount"] ?? ""}
          {...described(paymentFields.amount, { error: amount })}
        />
      </Field>
      <Field
        id={paymentFields.paidOn}
        label={t("staff.award.record.paid_on")}
        help={t("staff.award.record.paid_on_help")}
        {...(paidOn ? { error: paidOn } : {})}
      >
        <input
          type="date"
          id={paymentFields.paidOn}
          name="paidOn"
          max={today}
          required
          value={typed["paidOn"] ?? today}
          {...described(paymentFields.paidOn, { help: true, error: paidOn })}
        />
      </Field>
      <Field
        id={paymentFields.reference}
        label={t("staff.award.record.reference")}
        help={t("staff.award.record.reference_help")}
        {...(reference ? { error: reference } : {})}
      >
        <input
          type="text"
          id={paymentFields.reference}
          name="reference"
          maxlength={200}
          autocomplete="off"
          spellcheck={false}
          required
          value={typed["reference"] ?? ""}
          {...described(paymentFields.reference, { help: true, error: reference })}
        />
      </Field>
      {/* The help under the box and its label, not squeezed beside them. */}
      <div class="field">
        <div class="choice">
          <input
            type="checkbox"
            id="paymentFinal"
            name="final"
            value="yes"
            checked={typed["final"] === "yes"}
            aria-describedby="paymentFinal-help"
          />
          <label for="paymentFinal">{t("staff.award.record.final")}</label>
        </div>
        <span class="help" id="paymentFinal-help">
          {t("staff.award.record.final_help")}
        </span>
      </div>
      <p class="actions">
        <button type="submit">{t("staff.award.record.submit")}</button>
      </p>
    </form>
  );
}
