// A grant's report pages for the applicant: the report (its text saved as a draft, or saved and sent in one
// press), and each document's two-step upload. Every post redirects to the page it came from; a refusal about the
// report's state answers 409 with the page as it stands now, a refusal of the input 422 with the problems on it.
import * as Application from "@amparo/core/application";
import * as Award from "@amparo/core/award";
import * as Call from "@amparo/core/call";
import { ApplicationChangedError, NotFoundError, VisibleError, type FieldError } from "@amparo/core/error";
import { t } from "@amparo/core/i18n";
import { allowFormActions, createArea, siteOrigin, type AppContext } from "../shared/app.js";
import { readForm, single } from "../shared/forms.js";
import { html, pageOf } from "../shared/pages.js";
import { fieldErrors, openedEarlier, reread, withApplication } from "./application-access.js";
import { reportPaths } from "./award-blocks.js";
import { pageUploadName } from "./part-components.js";
import { ReportDocumentPage, ReportPage, ReportUploadPage, type ReportPageProps } from "./report.pages.js";

/** The report pages, fixed paths under /apply/my: mounted before /apply/:callId, as the other parts are. */
export const reportRoutes = createArea();

const isConflict = (error: unknown) => error instanceof VisibleError && error.kind === "conflict";

/** The report named in the path, as the applicant sees it now; 404 when the grant owes no report by that id. */
function reportOf(c: AppContext, app: Application.Info, call: Call.Info) {
  const reportId = c.req.param("reportId") ?? "";
  const spec = Application.reportSpec(call, reportId);
  if (!spec) throw new NotFoundError("grant_report.not_found");
  return { reportId, spec, view: Award.reportView(app, call, reportId) };
}

/** The report's document named in the path, or the 404 of any address that is not a page. */
function documentOf(c: AppContext, spec: Call.AwardReport) {
  const id = c.req.param("documentId");
  const document = spec.documents.find((item) => item.id === id);
  if (!document) throw new NotFoundError("document.not_found");
  return document;
}

type Shown = Omit<ReportPageProps, "page" | "call" | "app" | "spec" | "view">;

/** The report's page for `app` as given (stored now, or with text that was refused), with `shown` on it. */
function reportPage(c: AppContext, call: Call.Info, app: Application.Info, shown: Shown = {}) {
  const { spec, view } = reportOf(c, app, call);
  return ReportPage({ page: pageOf(c), call, app, spec, view, ...shown });
}

/* ------------------------------------ the report ------------------------------------ */

reportRoutes.get(
  "/apply/my/reports/:reportId",
  withApplication(async (c, application, call) => {
    const language = c.get("language");
    // Where a post lands (post/redirect/get): it says what happened, while it is still true.
    const { view } = reportOf(c, application, call);
    const notice =
      c.req.query("sent") === "1" && view.sentAt
        ? t(language, "my.report.sent")
        : c.req.query("saved") === "1" && view.open
          ? t(language, "note.saved")
          : undefined;
    return html(c, reportPage(c, call, application, notice ? { notice } : {}));
  }),
);

/**
 * Saves the report's text; with the send button (`_send`), saves it and sends the report, so nothing typed since
 * the last save is left behind. The answer to an open question goes only with the sending.
 */
reportRoutes.post(
  "/apply/my/reports/:reportId",
  withApplication(async (c, application, call) => {
    const { reportId, spec, view } = reportOf(c, application, call);
    const path = reportPaths.report(reportId);
    const form = await readForm(c);
    const ids = spec.fields.map((field) => field.id);
    const values = form.values([...ids, "answer"]);
    const fields = Object.fromEntries(ids.map((id) => [id, single(values[id])]));
    const answer = view.status === "more_asked" ? single(values["answer"]) : "";
    const language = c.get("language");
    const refused = async (shown: Shown) => {
      const now = await reread(c, application);
      return html(c, reportPage(c, call, now, { unsaved: fields, answer, ...shown }), 409);
    };
    // Sent, accepted or held meanwhile: the page says where the report stands.
    if (!view.open) return refused({ alert: t(language, "error.report_not_open") });
    if (openedEarlier(form, application)) return refused({ changed: true });
    try {
      await Award.saveReport(application, reportId, { fields });
    } catch (error) {
      if (isConflict(error)) {
        const changed = error instanceof ApplicationChangedError;
        return refused(changed ? { changed } : { alert: t(language, "error.report_not_open") });
      }
      const problems = fieldErrors(error);
      if (!problems) throw error;
      // Nothing was saved: show the text as sent, counted afresh, so the applicant can shorten it.
      const sent = withTexts(application, reportId, fields);
      const words = Application.partWordReport(Application.reportPart(reportId), call, sent);
      return html(c, reportPage(c, call, sent, { words, problems, answer }), 422);
    }
    if (!form.has("_send")) {
      // An answer typed is not part of the draft: the page keeps it rather than dropping it on a redirect.
      if (answer.trim()) {
        const now = await reread(c, application);
        return html(c, reportPage(c, call, now, { notice: t(language, "my.report.saved_answer"), answer }));
      }
      return c.redirect(`${path}?saved=1`, 303);
    }
    const saved = await reread(c, application);
    const sendProblems = answerProblems(answer);
    try {
      if (sendProblems.length === 0) await Award.sendReport(saved, reportId, answer.trim() ? { answer } : {});
    } catch (error) {
      if (isConflict(error)) return refused({ alert: t(language, "error.report_not_open") });
      const problems = fieldErrors(error);
      if (!problems) throw error;
      sendProblems.push(...problems);
    }
    if (sendProblems.length > 0) return html(c, reportPage(c, call, saved, { sendProblems, answer }), 422);
    return c.redirect(`${path}?sent=1`, 303);
  }),
);

/** The answer's own limit, checked here so that it shows beside its box rather than as a malformed request. */
function answerProblems(answer: string): FieldError[] {
  return answer.trim().length > Award.reportMessageMax
    ? [{ path: "answer", message: "grant_report.answer_too_long", params: { max: Award.reportMessageMax } }]
    : [];
}

/** The application as it would be with the report's text as typed (for showing text that was not saved). */
function withTexts(app: Application.Info, reportId: string, fields: Record<string, string>): Application.Info {
  const part = Application.reportPart(reportId);
  const { wordCounts: _stored, ...content } = part.read(app);
  const texts = { ...content.texts, ...fields };
  return { ...app, parts: { ...app.parts, [part.name]: { ...content, texts } } };
}

/* ---------------------------------- the documents ---------------------------------- */

reportRoutes.get(
  "/apply/my/reports/:reportId/documents/:documentId",
  withApplication(async (c, application, call) => {
    const { spec, view } = reportOf(c, application, call);
    const document = documentOf(c, spec);
    // Where an accepted upload lands (post/redirect/get): it says so while the document is kept.
    const kept = Application.reportPart(view.id).read(application).files[document.id];
    const notice = c.req.query("accepted") === "1" && kept ? t(c.get("language"), "full.document.accepted") : undefined;
    return html(c, ReportDocumentPage({ page: pageOf(c), app: application, view, document, notice }));
  }),
);
reportRoutes.post(
  "/apply/my/reports/:reportId/documents/:documentId",
  withApplication(async (c, application, call) => {
    const { reportId, spec, view } = reportOf(c, application, call);
    const document = documentOf(c, spec);
    const values = (await readForm(c)).values(["type"]);
    const locked = async () => {
      const now = await reread(c, application);
      const page = ReportDocumentPage({
        page: pageOf(c),
        app: now,
        view: Award.reportView(now, call, reportId),
        document,
      });
      return html(c, page, 409);
    };
    if (!view.open) return locked();
    const type = Call.BudgetFileType.safeParse(single(values["type"]));
    if (!type.success || !document.types.includes(type.data)) {
      const error = t(c.get("language"), "upload.type_not_allowed");
      return html(c, ReportDocumentPage({ page: pageOf(c), app: application, view, document, error }), 422);
    }
    let upload;
    try {
      upload = await Award.startReportUpload(
        application,
        reportId,
        document.id,
        // The real size is not known before the browser sends the file; the policy's range enforces it.
        { fileName: pageUploadName(document.id, type.data), contentType: type.data, size: 1 },
        // Back to the address this page was opened at, where the access cookie is (not PUBLIC_URL's).
        `${siteOrigin(c)}${reportPaths.uploaded(reportId, document.id)}`,
      );
    } catch (error) {
      if (isConflict(error)) return locked();
      throw error;
    }
    allowFormActions(c, [new URL(upload.url).origin]);
    return html(c, ReportUploadPage({ page: pageOf(c), view, document, type: type.data, upload }));
  }),
);
// S3 sends the browser here after the upload; checking the object is safe to repeat.
reportRoutes.get(
  "/apply/my/reports/:reportId/documents/:documentId/uploaded",
  withApplication(async (c, application, call) => {
    const { reportId, spec } = reportOf(c, application, call);
    const document = documentOf(c, spec);
    const again = async (status: 409 | 422, error?: string) => {
      const now = await reread(c, application);
      const view = Award.reportView(now, call, reportId);
      return html(c, ReportDocumentPage({ page: pageOf(c), app: now, view, document, error }), status);
    };
    try {
      await Award.confirmReportUpload(application, reportId, document.id);
    } catch (error) {
      if (isConflict(error)) return again(409);
      const errors = fieldErrors(error);
      if (!errors) throw error;
      return again(422, t(c.get("language"), errors[0]!.message, errors[0]!.params));
    }
    // The document's own page, not S3's return address, so a reload does not check an upload that is gone.
    return c.redirect(`${reportPaths.document(reportId, document.id)}?accepted=1`, 303);
  }),
);
