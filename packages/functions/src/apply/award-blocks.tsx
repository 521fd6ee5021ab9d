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

/** A grant's report pages: fixed paths under /apply/my; the report's and document's ids are the call's. */
export const reportPaths = {
  report: (reportId: string) => `/apply/my/reports/${encodeURIComponent(reportId)}`,
  document: (reportId: string, documentId: string) =>
    `/apply/my/reports/${encodeURIComponent(reportId)}/documents/${encodeURIComponent(documentId)}`,
  uploaded: (reportId: string, documentId: string) =>
    `/apply/my/reports/${encodeURIComponent(reportId)}/documents/${encodeURIComponent(documentId)}/uploaded`,
};

/** Where a report stands, in words: what the list on the status page and the report's own page say. */
export const reportStatusText = (page: PageContext, status: Award.ReportSummary["status"]) =>
  page.t(`my.report.status.${status}`);

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
                  {report.dueAt && report.status ? (
                    // Agreed: each report has its page, and where it stands.
                    <>
                      <a href={reportPaths.report(report.id)}>
                        <Text text={report.title} locale={page.locale} />
                      </a>
                      {": "}
                      {t("my.report.line", {
                        date: formatDate(page.locale, report.dueAt),
                        status: reportStatusText(page, report.status),
                      })}
                    </>
                  ) : report.dueAt ? (
                    t("award.report_due", { title: report.title, date: formatDate(page.locale, report.dueAt) })
                  ) : (
                    page.plural("award.report_after", report.dueDays, { title: report.title })
                  )}
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
  // Nothing given and nothing to give now (a grant held, or reporting): no heading over nothing.
  if (!method.deletedAt && !method.given && !method.open) return null;
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

/**
 * What the reporting stages mean for the applicant, in plain words: a report is owed (asked for more, late, or
 * due soon), one was sent and waits to be read (or every one was accepted), or the grant is closed.
 */
function reportingText(view: Award.AwardView): MessageKey | undefined {
  const statuses = view.reports.map((report) => report.status);
  if (view.stage === "report_due") {
    if (statuses.includes("more_asked")) return "award.report_due.more";
    return statuses.includes("late") ? "award.report_due.late" : "award.report_due.text";
  }
  if (view.stage === "reported") {
    return statuses.every((status) => status === "accepted") ? "award.reported.all" : "award.reported.text";
  }
  return view.stage === "closed" ? "award.closed.text" : undefined;
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
  const reporting = reportingText(view);
  // Agreed, or under way: the step left, if any, is how the money reaches them, under its own heading.
  return (
    <>
      {reporting && (
        <>
          {heading}
          <p>{t(reporting)}</p>
        </>
      )}
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

/** The stages in which payments are expected, or may come: the grant is agreed and not held or over. */
const runningStages: readonly Award.AwardView["stage"][] = ["agreed", "active", "report_due", "reported"];

/** The status page's section on the grant, once there is one to show (`Award.view`). */
export function AwardSection({ page, call, view }: { page: PageContext; call: Call.Info; view: Award.AwardView }) {
  const { t } = page;
  const paying = runningStages.includes(view.stage) || view.payments.length > 0;
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
