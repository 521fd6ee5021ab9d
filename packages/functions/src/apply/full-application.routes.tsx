import * as Application from "@amparo/core/application";
import * as Call from "@amparo/core/call";
import {
  ApplicationChangedError,
  FullApplicationNotOpenError,
  FullApplicationPastDueError,
  NotFoundError,
  StageConflictError,
} from "@amparo/core/error";
import { t, type MessageKey } from "@amparo/core/i18n";
import * as Stage from "@amparo/core/stage";
import { allowFormActions, createArea, siteOrigin, type AppContext } from "../shared/app.js";
import { readForm, single } from "../shared/forms.js";
import { html, pageOf } from "../shared/pages.js";
import { OverviewPage } from "./application-overview.pages.js";
import { fieldErrors, openedEarlier, reread, withApplication } from "./application-access.js";
import { fullEditable } from "./full-application-blocks.js";
import { DocumentPage, DocumentUploadPage } from "./full-application-documents.pages.js";
import { FullFieldsPage } from "./full-application-fields.pages.js";
import { FullReviewPage } from "./full-application-review.pages.js";
import { fullPaths } from "./full-invitation.pages.js";
import { pageUploadName } from "./part-components.js";

/**
 * The full application's pages: its text, its documents and its review and submission, reached with
 * the same access code as the rest. Mounted before /apply/:callId, as the other pages under /apply/my are.
 */
export const fullApplicationRoutes = createArea();

/** Word counts of the full application, or none at all when there is nothing to write (never invited). */
function reportOf(call: Call.Info, app: Application.Info): Application.WordReport {
  return call.fullApplication && app.fullApplication
    ? Application.fullWordReport(call, app)
    : { fields: {}, complete: false };
}

/**
 * A refusal about the application's state rather than the input: the full application was sent, its date passed,
 * or it was never open (`locked`: the page shows it read-only, with why), or another tab saved first (`changed`).
 */
function stateRefusal(error: unknown): "changed" | "locked" | undefined {
  if (error instanceof ApplicationChangedError) return "changed";
  if (
    error instanceof FullApplicationNotOpenError ||
    error instanceof FullApplicationPastDueError ||
    error instanceof StageConflictError
  ) {
    return "locked";
  }
  return undefined;
}

/** The call's document with this id, or the 404 of any address that is not a page. */
function documentOf(c: AppContext, call: Call.Info) {
  const id = c.req.param("documentId");
  const document = call.fullApplication?.documents.find((item) => item.id === id);
  if (!document) throw new NotFoundError("document.not_found");
  return document;
}

/* ------------------------------------ the text ------------------------------------ */

fullApplicationRoutes.get(
  fullPaths.fields,
  withApplication(async (c, application, call) =>
    html(
      c,
      FullFieldsPage({
        page: pageOf(c),
        call,
        app: application,
        report: reportOf(call, application),
        saved: c.req.query("saved") === "1",
      }),
    ),
  ),
);
fullApplicationRoutes.post(
  fullPaths.fields,
  withApplication(async (c, application, call) => {
    const ids = call.fullApplication?.fields.map((field) => field.id) ?? [];
    const form = await readForm(c);
    const values = form.values(ids);
    const fields = Object.fromEntries(ids.map((id) => [id, single(values[id])]));
    const refused = async (why: "changed" | "locked") => {
      const now = await reread(c, application);
      const changed = why === "changed";
      const page = FullFieldsPage({
        page: pageOf(c),
        call,
        app: now,
        report: reportOf(call, now),
        changed,
        unsaved: fields,
      });
      return html(c, page, 409);
    };
    if (!fullEditable(application)) return refused("locked");
    if (openedEarlier(form, application)) return refused("changed");
    try {
      await Application.saveFullApplication(application, { fields });
    } catch (error) {
      const why = stateRefusal(error);
      if (why) return refused(why);
      const problems = fieldErrors(error);
      if (!problems || !application.fullApplication) throw error;
      // Nothing was saved: show the text as sent, counted afresh, so the applicant can shorten it.
      const { wordCounts: _stored, ...rest } = application.fullApplication;
      const sent = { ...application, fullApplication: { ...rest, fields: { ...rest.fields, ...fields } } };
      const counted = Application.fullWordReport(call, sent);
      return html(c, FullFieldsPage({ page: pageOf(c), call, app: sent, report: counted, problems }), 422);
    }
    // Post/redirect/get: the page says it is saved, and a reload does not send the text again.
    return c.redirect(`${fullPaths.fields}?saved=1`, 303);
  }),
);

/* ---------------------------------- the documents ---------------------------------- */

fullApplicationRoutes.get(
  "/apply/my/full-application/documents/:documentId",
  withApplication(async (c, application, call) => {
    const document = documentOf(c, call);
    // Where an accepted upload lands (post/redirect/get): it says so while the document is kept.
    const accepted = c.req.query("accepted") === "1" && application.fullApplication?.documents[document.id];
    const notice = accepted ? t(c.get("language"), "full.document.accepted") : undefined;
    return html(c, DocumentPage({ page: pageOf(c), app: application, document, ...(notice ? { notice } : {}) }));
  }),
);
fullApplicationRoutes.post(
  "/apply/my/full-application/documents/:documentId",
  withApplication(async (c, application, call) => {
    const document = documentOf(c, call);
    const values = (await readForm(c)).values(["type"]);
    if (!fullEditable(application)) return html(c, DocumentPage({ page: pageOf(c), app: application, document }), 409);
    const type = Call.BudgetFileType.safeParse(single(values["type"]));
    if (!type.success || !document.types.includes(type.data)) {
      const error = t(c.get("language"), "upload.type_not_allowed");
      return html(c, DocumentPage({ page: pageOf(c), app: application, document, error }), 422);
    }
    let upload;
    try {
      upload = await Application.startDocumentUpload(
        application,
        document.id,
        // The real size is not known before the browser sends the file; the policy's range enforces it.
        { fileName: pageUploadName(document.id, type.data), contentType: type.data, size: 1 },
        // Back to the address this page was opened at, where the access cookie is (not PUBLIC_URL's).
        `${siteOrigin(c)}${fullPaths.uploaded(document.id)}`,
      );
    } catch (error) {
      if (!stateRefusal(error)) throw error;
      const now = await reread(c, application);
      return html(c, DocumentPage({ page: pageOf(c), app: now, document }), 409);
    }
    allowFormActions(c, [new URL(upload.url).origin]);
    return html(c, DocumentUploadPage({ page: pageOf(c), document, type: type.data, upload }));
  }),
);
// S3 sends the browser here after the upload; checking the object is safe to repeat.
fullApplicationRoutes.get(
  "/apply/my/full-application/documents/:documentId/uploaded",
  withApplication(async (c, application, call) => {
    const document = documentOf(c, call);
    if (!fullEditable(application)) return html(c, DocumentPage({ page: pageOf(c), app: application, document }), 409);
    try {
      await Application.confirmDocumentUpload(application, document.id);
    } catch (error) {
      if (stateRefusal(error)) {
        const now = await reread(c, application);
        return html(c, DocumentPage({ page: pageOf(c), app: now, document }), 409);
      }
      const errors = fieldErrors(error);
      if (!errors) throw error;
      const message = t(c.get("language"), errors[0]!.message, errors[0]!.params);
      const now = await reread(c, application);
      return html(c, DocumentPage({ page: pageOf(c), app: now, document, error: message }), 422);
    }
    // The document's own page, not S3's return address, so a reload does not check an upload that is gone.
    return c.redirect(`${fullPaths.document(document.id)}?accepted=1`, 303);
  }),
);

/* ------------------------------------ review and send ------------------------------------ */

const problemsOf = (call: Call.Info, app: Application.Info) =>
  call.fullApplication && app.fullApplication ? Application.fullApplicationProblems(call, app) : [];

fullApplicationRoutes.get(
  fullPaths.review,
  withApplication(async (c, application, call) =>
    html(c, FullReviewPage({ page: pageOf(c), call, app: application, problems: problemsOf(call, application) })),
  ),
);
fullApplicationRoutes.post(
  fullPaths.review,
  withApplication(async (c, application, call) => {
    const form = await readForm(c);
    const review = async (alert?: MessageKey) => {
      const now = await reread(c, application);
      const shown = alert ? t(c.get("language"), alert) : undefined;
      const page = FullReviewPage({
        page: pageOf(c),
        call,
        app: now,
        problems: problemsOf(call, now),
        ...(shown ? { alert: shown } : {}),
      });
      return html(c, page, 409);
    };
    // What was reviewed is what gets sent: a change made elsewhere since the page was opened stops it.
    if (fullEditable(application) && openedEarlier(form, application)) return review("review.changed");
    // Sent already, past its date, withdrawn or decided: the page says which, in plain words.
    if (!fullEditable(application)) return review();
    try {
      await Stage.submitFull(application);
    } catch (error) {
      const why = stateRefusal(error);
      if (why) return review(why === "changed" ? "review.changed" : undefined);
      const problems = fieldErrors(error);
      if (!problems) throw error;
      return html(c, FullReviewPage({ page: pageOf(c), call, app: application, problems }), 422);
    }
    const sent = await reread(c, application);
    const notice = t(c.get("language"), "full.review.done");
    return html(
      c,
      OverviewPage({ page: pageOf(c), call, app: sent, report: Application.wordReport(call, sent), notice }),
    );
  }),
);
