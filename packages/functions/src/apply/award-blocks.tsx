// The applicant's side of an award on their status page: what was granted, the period, the reports, the payments
// sent, and the one thing to do next (answer the agreement, say how to receive the money). Never the payment
// references, and never what was given of how the money reaches them: only when.
import type * as Award from "@amparo/core/award";
import type * as Call from "@amparo/core/call";
import { formatDate, type MessageKey } from "@amparo/core/i18n";
import { moneyIn } from "../shared/format.js";
import { type PageContext, Text } from "../shared/pages.js";

/** The award's pages, fixed paths under /apply/my like the application's. */
export const awardPaths = {
  agreement: "/apply/my/agreement",
  decline: "/apply/my/decline",
  paymentMethod: "/apply/my/payment-method",
};

/** The notice the status page shows where an award page's post lands (`?done=`). */
const doneNotices: Record<string, MessageKey> = {
  agreed: "agreement.accepted",
  declined_by_applicant: "award.decline.done",
  payment_method: "method.saved",
};

export function awardNotice(page: PageContext, done: string | undefined): string | undefined {
  const key = done ? doneNotices[done] : undefined;
  return key ? page.t(key) : undefined;
}

/** Whether the applicant may still turn the grant down (before the agreement is accepted). */
export const declinable = (view: Award.AwardView) => view.stage === "approved" || view.stage === "agreement_sent";

/**
 * Amount, period (with its dates once agreed) and the reports the grant asks for, with when each is due. The
 * status page says the amount already, just above: there `amount` is false.
 */
export function AwardFacts({
  page,
  view,
  amount = true,
}: {
  page: PageContext;
  view: Award.AwardView;
  amount?: boolean;
}) {
  const { t } = page;
  const money = moneyIn(page, view.currency);
  return (
    <dl class="sent">
      {amount && view.amount !== undefined && (
        <>
          <dt>{t("award.amount")}</dt>
          <dd>{money(view.amount)}</dd>
        </>
      )}
      <dt>{t("award.period")}</dt>
      <dd>
        {view.agreedAt && view.endsAt
          ? t("award.period_dates", {
              start: formatDate(page.locale, view.agreedAt),
              end: formatDate(page.locale, view.endsAt),
            })
          : page.plural("award.period", view.periodDays)}
      </dd>
      {view.reports.length > 0 && (
        <>
          <dt>{t("award.reports")}</dt>
          <dd>
            <ul>
              {view.reports.map((report) => (
                <li>
                  {report.dueAt
                    ? t("award.report_due", { title: report.title, date: formatDate(page.locale, report.dueAt) })
                    : page.plural("award.report_after", report.dueDays, { title: report.title })}
                </li>
              ))}
            </ul>
          </dd>
        </>
      )}
    </dl>
  );
}

/** The payments sent so far: date and amount, and which was the last; never their references. */
function Payments({ page, view }: { page: PageContext; view: Award.AwardView }) {
  const { t } = page;
  const money = moneyIn(page, view.currency);
  return (
    <>
      <h3>{t("award.payments")}</h3>
      {view.payments.length === 0 ? (
        <p class="note">{t("award.payments.none")}</p>
      ) : (
        <>
          <ul>
            {view.payments.map((payment) => (
              <li>
                {t("award.payment", {
                  amount: money(payment.amount),
                  date: formatDate(page.locale, payment.paidOn),
                })}
                {payment.final && <strong> ({t("award.payment.final")})</strong>}
              </li>
            ))}
          </ul>
          {view.amount !== undefined && (
            <p>{t("award.paid", { paid: money(view.paid), amount: money(view.amount) })}</p>
          )}
        </>
      )}
    </>
  );
}

/** Where how the money reaches the applicant stands: to give, given (and replaceable), or deleted. */
function MethodStatus({ page, view }: { page: PageContext; view: Award.AwardView }) {
  const { t } = page;
  const method = view.paymentMethod;
  const date = (iso: string) => formatDate(page.locale, iso);
  return (
    <>
      <h3>{t("award.method.heading")}</h3>
      {method.deletedAt ? (
        <p>{t("award.method.deleted", { date: date(method.deletedAt) })}</p>
      ) : method.given && method.givenAt ? (
        <>
          <p>{t("award.method.given", { date: date(method.givenAt) })}</p>
          {method.deleteAt && <p>{t("award.method.delete_at", { date: date(method.deleteAt) })}</p>}
          {method.open && (
            <p>
              <a href={awardPaths.paymentMethod}>{t("award.method.replace")}</a>
            </p>
          )}
        </>
      ) : method.open ? (
        <>
          <p>{t("award.method.missing")}</p>
          <p>
            <a class="button" href={awardPaths.paymentMethod}>
              {t("award.method.give")}
            </a>
          </p>
        </>
      ) : null}
    </>
  );
}

const stoppedTexts: Partial<Record<Award.AwardView["stage"], MessageKey>> = {
  suspended: "award.suspended.text",
  cancelled: "award.cancelled.text",
  declined_by_applicant: "award.declined.text",
};

/** What the applicant can do now, by the award's stage, under its own heading while there is a step to take. */
function NextStep({ page, call, view }: { page: PageContext; call: Call.Info; view: Award.AwardView }) {
  const { t } = page;
  const decline = declinable(view) && (
    <p>
      <a href={awardPaths.decline}>{t("award.decline.link")}</a>
    </p>
  );
  const heading = <h3>{t("award.next")}</h3>;
  const stopped = stoppedTexts[view.stage];
  if (stopped) {
    return (
      <>
        {heading}
        <p>{t(stopped)}</p>
        {call.contact && view.stage !== "declined_by_applicant" && (
          <p>
            <a href="#contact">{t("award.questions")}</a>
          </p>
        )}
      </>
    );
  }
  if (view.stage === "approved") {
    return (
      <>
        {heading}
        <p>{t("award.approved.text")}</p>
        {decline}
      </>
    );
  }
  if (view.stage === "agreement_sent") {
    return view.agreement === "in_amparo" ? (
      <>
        {heading}
        <p>{t("award.agreement.ready")}</p>
        <p>
          <a class="button" href={awardPaths.agreement}>
            {t("award.agreement.open")}
          </a>
        </p>
        {decline}
      </>
    ) : (
      <>
        {heading}
        <p>{t("award.agreement.outside")}</p>
        {decline}
      </>
    );
  }
  // Agreed, or under way: the step left, if any, is how the money reaches them, under its own heading.
  return (
    <>
      {view.agreedAt && (
        <p>
          {t(view.signedOutside ? "award.signed_outside" : "award.agreed_on", {
            date: formatDate(page.locale, view.agreedAt),
          })}
        </p>
      )}
      <MethodStatus page={page} view={view} />
    </>
  );
}

/** The status page's section on the grant, once there is one to show (`Award.view`). */
export function AwardSection({ page, call, view }: { page: PageContext; call: Call.Info; view: Award.AwardView }) {
  const { t } = page;
  const paying = view.stage === "agreed" || view.stage === "active" || view.payments.length > 0;
  return (
    <section aria-labelledby="award">
      <h2 id="award">{t("award.heading")}</h2>
      <AwardFacts page={page} view={view} amount={false} />
      <NextStep page={page} call={call} view={view} />
      {paying && <Payments page={page} view={view} />}
    </section>
  );
}

/** The agreement's terms, in the reader's language or the one they fall back to (marked with its `lang`). */
export function Terms({ page, view }: { page: PageContext; view: Award.AwardView }) {
  return (
    <div class="prose">
      <Text text={view.terms} locale={page.locale} />
    </div>
  );
}
