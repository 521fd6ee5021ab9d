import type * as Audit from "@amparo/core/audit";
import type * as Stage from "@amparo/core/stage";
import { formatDate, formatDateTime } from "@amparo/core/i18n";
import { type PageContext } from "../shared/pages.js";

/** Everything that happened to the application, when (UTC), by whom, with any note. */
export function AuditTrail({
  page,
  events,
  emails,
}: {
  page: PageContext;
  events: Audit.Event[];
  emails: Map<string, string>;
}) {
  const { t } = page;
  return (
    <>
      <h2>{t("staff.app.audit")}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t("staff.col.when")}</th>
            <th scope="col">{t("staff.col.who")}</th>
            <th scope="col">{t("staff.col.what")}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr>
              <td>{formatDateTime(page.locale, event.at)}</td>
              <td>
                {event.actor === "applicant" || event.actor === "system"
                  ? t(`staff.actor.${event.actor}`)
                  : (emails.get(event.actor.slice(5)) ?? "?")}
              </td>
              <td>
                {eventText(page, event, emails)}
                {event.note && <span class="note"> — {event.note}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** What one audit event says, in the reader's language. */
function eventText(page: PageContext, event: Audit.Event, emails: Map<string, string>): string {
  const { t } = page;
  const stage = (value: unknown) => (typeof value === "string" ? t(`staff.stage.${value as Stage.Stage}`) : "");
  switch (event.type) {
    case "assigned":
      return t("staff.event.assigned", { reviewer: emails.get(String(event["reviewerId"])) ?? "?" });
    case "scored":
      return t(event["round"] === "full" ? "staff.event.scored_full" : "staff.event.scored", {
        score: Number(event["weightedScore"]),
        recommendation: String(event["recommendation"]),
      });
    case "due_extended": {
      const date = (value: unknown) => (typeof value === "string" ? formatDate(page.locale, value) : "?");
      return t("staff.event.due_extended", { from: date(event["from"]), to: date(event["dueAt"]) });
    }
    case "document_downloaded":
      return t("staff.event.document_downloaded", { document: String(event["documentId"]) });
    case "moved":
      return t("staff.event.moved", { from: stage(event["from"]), stage: stage(event["stage"]) });
    case "decided":
      return t("staff.event.decided", { stage: stage(event["stage"]) });
    case "viewed":
      return t(
        event["part"] === "eligibility"
          ? "staff.event.viewed_eligibility"
          : event["part"] === "more_info"
            ? "staff.event.viewed_more_info"
            : "staff.event.viewed",
      );
    case "payment_recorded":
      return t(event["final"] === true ? "staff.event.payment_recorded_final" : "staff.event.payment_recorded", {
        number: Number(event["number"]),
      });
    case "report_sent":
    case "report_accepted":
    case "report_more_asked":
    case "report_reminded":
    case "report_due_on_time":
    case "report_late":
    case "report_opened":
      return t(`staff.event.${event.type}`, { report: String(event["report"]) });
    case "report_extended": {
      const dueAt = event["dueAt"];
      const date = typeof dueAt === "string" ? formatDate(page.locale, dueAt) : "?";
      return t("staff.event.report_extended", { report: String(event["report"]), date });
    }
    case "report_document_downloaded":
      return t("staff.event.report_document_downloaded", {
        report: String(event["report"]),
        document: String(event["documentId"]),
      });
    case "payment_method_given":
      return t(event["replaced"] === true ? "staff.event.payment_method_replaced" : "staff.event.payment_method_given");
    case "agreement_accepted":
    case "agreement_recorded":
    case "award_declined":
    case "payment_method_opened":
    case "payment_method_deleted":
    case "created":
    case "submitted":
    case "resubmitted":
    case "withdrawn":
    case "no_conflict_declared":
    case "conflict_declared":
    case "budget_file_downloaded":
    case "full_submitted":
      return t(`staff.event.${event.type}`);
    default:
      return event.type;
  }
}
