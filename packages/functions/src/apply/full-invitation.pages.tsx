import * as Application from "@amparo/core/application";
import type * as Call from "@amparo/core/call";
import { formatDate, pick } from "@amparo/core/i18n";
import type { PageContext } from "../shared/pages.js";
import { StepList } from "./part-sending.js";

/**
 * The full application's pages (a grant call's second stage, for the shortlisted): fixed paths under
 * /apply/my like the rest, so the browser's history shows no application id; a document's id is the call's.
 */

export const fullPaths = {
  fields: "/apply/my/full-application",
  document: (documentId: string) => `/apply/my/full-application/documents/${encodeURIComponent(documentId)}`,
  uploaded: (documentId: string) => `/apply/my/full-application/documents/${encodeURIComponent(documentId)}/uploaded`,
  review: "/apply/my/full-application/submit",
};

/* ------------------------------- on the status page ------------------------------- */

/**
 * The full application on the status page: the invitation with its due date and the way to each part while it
 * can be written; after the due date, that it can no longer be sent and whom to ask; once sent, that it was
 * received and what happens next. Nothing for an application that was never invited.
 */
export function FullInvitation({ page, call, app }: { page: PageContext; call: Call.Info; app: Application.Info }) {
  const { t } = page;
  const config = call.fullApplication;
  const full = app.fullApplication;
  if (!config || !full) return null;
  const state = Application.fullApplicationState(app);
  if (state === "submitted" && full.submittedAt) {
    return (
      <section aria-labelledby="full-application">
        <h2 id="full-application">{t("my.full.heading")}</h2>
        <p>{t("my.full.received", { date: formatDate(page.locale, full.submittedAt) })}</p>
        {!app.decision && app.stage !== "withdrawn" && <p>{t("my.full.next")}</p>}
        <p>
          <a href={fullPaths.review}>{t("my.full.what_sent")}</a>
        </p>
      </section>
    );
  }
  // Withdrawn or decided before it was sent: nothing more to do with it.
  if (app.stage !== "shortlisted") return null;
  if (state === "past_due") {
    return (
      <section aria-labelledby="full-application">
        <h2 id="full-application">{t("my.full.heading")}</h2>
        <p class="locked">{t("my.full.past_due", { date: formatDate(page.locale, full.dueAt) })}</p>
      </section>
    );
  }
  const report = Application.fullWordReport(call, app);
  const steps = [
    { href: fullPaths.fields, label: t("full.fields"), done: report.complete, optional: false },
    ...config.documents.map((document) => ({
      href: fullPaths.document(document.id),
      label: pick(document.label, page.locale),
      done: !!full.documents[document.id],
      optional: !document.required,
    })),
  ];
  return (
    <section aria-labelledby="full-application">
      <h2 id="full-application">{t("my.full.heading")}</h2>
      <p>
        <strong>{t("my.full.invited", { date: formatDate(page.locale, full.dueAt) })}</strong>
      </p>
      <StepList page={page} steps={steps} />
      <p class="actions">
        <a class="button" href={fullPaths.fields}>
          {t("my.full.start")}
        </a>
        <a href={fullPaths.review}>{t("my.review")}</a>
      </p>
    </section>
  );
}
