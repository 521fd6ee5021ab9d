// The applicant's routes for the application's written parts and its sending: concept note, funding, budget
// file, review and submit, and withdrawal.
import * as Application from "@amparo/core/application";
import * as Call from "@amparo/core/call";
import * as Clock from "@amparo/core/clock";
import * as Contact from "@amparo/core/contact";
import { ApplicationChangedError, CallClosedError, StageConflictError, type FieldError } from "@amparo/core/error";
import { t, type MessageKey } from "@amparo/core/i18n";
import { notWholeError, readTypedNumber } from "@amparo/core/form";
import * as Retention from "@amparo/core/retention";
import * as Stage from "@amparo/core/stage";
import { getCookie } from "hono/cookie";
import { allowFormActions, createArea, siteOrigin } from "../shared/app.js";
import { readForm, single } from "../shared/forms.js";
import { html, pageOf } from "../shared/pages.js";
import {
  accessCookie,
  editable,
  fieldErrors,
  openedEarlier,
  reread,
  stateRefusal,
  withApplication,
} from "./application-access.js";
import { paths } from "./application-blocks.js";
import { BudgetPage, BudgetUploadPage } from "./application-budget.pages.js";
import { ConceptNotePage } from "./application-concept-note.pages.js";
import { FundingPage, fundingExample, fundingFields } from "./application-funding.pages.js";
import { OverviewPage } from "./application-overview.pages.js";
import { ReviewPage, WithdrawPage } from "./application-submit.pages.js";
import { pageUploadName } from "./part-components.js";

/**
 * The application's parts and its sending, each a fixed path under /apply/my: mounted before /apply/:callId,
 * as the applicant's other pages are.
 */
export const applicationPartRoutes = createArea();

applicationPartRoutes.get(
  paths.conceptNote,
  withApplication(async (c, application, call) =>
    html(
      c,
      ConceptNotePage({
        page: pageOf(c),
        call,
        app: application,
        report: Application.wordReport(call, application),
        saved: c.req.query("saved") === "1",
      }),
    ),
  ),
);
applicationPartRoutes.post(
  paths.conceptNote,
  withApplication(async (c, application, call) => {
    const ids = call.conceptNote.fields.map((field) => field.id);
    const form = await readForm(c);
    const values = form.values(ids);
    const fields = Object.fromEntries(ids.map((id) => [id, single(values[id])]));
    const refused = async (why: "changed" | "locked") => {
      const now = await reread(c, application);
      const report = Application.wordReport(call, now);
      const changed = why === "changed";
      const page = ConceptNotePage({ page: pageOf(c), call, app: now, report, changed, unsaved: fields });
      return html(c, page, 409);
    };
    if (!editable(application)) return refused("locked");
    if (openedEarlier(form, application)) return refused("changed");
    try {
      await Application.saveConceptNote(application, { fields });
    } catch (error) {
      const why = stateRefusal(error);
      if (why) return refused(why);
      const problems = fieldErrors(error);
      if (!problems) throw error;
      // Nothing was saved: show the text as sent, counted afresh, so the applicant can shorten it.
      const { wordCounts: _stored, ...rest } = application;
      const sent = { ...rest, conceptNote: { ...application.conceptNote, ...fields } };
      const counted = Application.wordReport(call, sent);
      return html(c, ConceptNotePage({ page: pageOf(c), call, app: sent, report: counted, problems }), 422);
    }
    // Post/redirect/get: the page says it is saved, and a reload does not send the text again.
    return c.redirect(`${paths.conceptNote}?saved=1`, 303);
  }),
);

applicationPartRoutes.get(
  paths.funding,
  withApplication(async (c, application, call) =>
    html(c, FundingPage({ page: pageOf(c), call, app: application, saved: c.req.query("saved") === "1" })),
  ),
);
applicationPartRoutes.post(
  paths.funding,
  withApplication(async (c, application, call) => {
    // The annual budget is asked here only when a rule needs it and the quiz did not ask it (`fundingFields`).
    const names = fundingFields(call, application);
    const form = await readForm(c);
    const values = form.values(names);
    const typed = Object.fromEntries(names.map((name) => [name, single(values[name])]));
    const refused = async (why: "changed" | "locked") => {
      const now = await reread(c, application);
      return html(c, FundingPage({ page: pageOf(c), call, app: now, changed: why === "changed" }), 409);
    };
    if (!editable(application)) return refused("locked");
    if (openedEarlier(form, application)) return refused("changed");
    const numbers: Record<string, number> = {};
    const unreadable: FieldError[] = [];
    for (const name of names) {
      const reading = readTypedNumber(typed[name]!);
      const example = fundingExample(call, name);
      if (reading.kind === "fraction") unreadable.push(notWholeError(name, reading.value));
      else if (reading.kind === "unreadable") {
        unreadable.push({ path: name, message: "funding.not_a_number", params: { example } });
      } else if (reading.value < 0 || (reading.value === 0 && name !== "annualBudget")) {
        unreadable.push({ path: name, message: "funding.not_positive", params: { example } });
      } else numbers[name] = reading.value;
    }
    if (unreadable.length > 0) {
      return html(c, FundingPage({ page: pageOf(c), call, app: application, values: typed, errors: unreadable }), 400);
    }
    const funding = {
      amount: numbers["amount"]!,
      months: numbers["months"]!,
      ...(numbers["annualBudget"] !== undefined ? { annualBudget: numbers["annualBudget"] } : {}),
    };
    try {
      await Application.setFunding(application, funding);
    } catch (error) {
      const why = stateRefusal(error);
      if (why) return refused(why);
      const errors = fieldErrors(error);
      if (!errors) throw error;
      return html(c, FundingPage({ page: pageOf(c), call, app: application, values: typed, errors }), 422);
    }
    return c.redirect(`${paths.funding}?saved=1`, 303);
  }),
);

applicationPartRoutes.get(
  paths.budget,
  withApplication(async (c, application, call) => {
    // Where an accepted upload lands (post/redirect/get): it says so while a file is kept.
    const accepted = c.req.query("accepted") === "1" && application.budgetFile;
    const notice = accepted ? t(c.get("language"), "budget.accepted") : undefined;
    return html(c, BudgetPage({ page: pageOf(c), call, app: application, ...(notice ? { notice } : {}) }));
  }),
);
applicationPartRoutes.post(
  paths.budget,
  withApplication(async (c, application, call) => {
    const values = (await readForm(c)).values(["type"]);
    if (!editable(application)) return html(c, BudgetPage({ page: pageOf(c), call, app: application }), 409);
    const type = Call.BudgetFileType.safeParse(single(values["type"]));
    if (!type.success || !call.budgetFile.types.includes(type.data)) {
      const error = t(c.get("language"), "upload.type_not_allowed");
      return html(c, BudgetPage({ page: pageOf(c), call, app: application, error }), 422);
    }
    const upload = await Application.startBudgetUpload(
      application,
      // The real size is not known before the browser sends the file; the policy's range enforces it.
      { fileName: pageUploadName("budget", type.data), contentType: type.data, size: 1 },
      // Back to the address this page was opened at, where the access cookie is (not PUBLIC_URL's).
      `${siteOrigin(c)}${paths.budgetUploaded}`,
    );
    allowFormActions(c, [new URL(upload.url).origin]);
    return html(c, BudgetUploadPage({ page: pageOf(c), call, type: type.data, upload }));
  }),
);
// S3 sends the browser here after the upload; checking the object is safe to repeat.
applicationPartRoutes.get(
  paths.budgetUploaded,
  withApplication(async (c, application, call) => {
    if (!editable(application)) return html(c, BudgetPage({ page: pageOf(c), call, app: application }), 409);
    try {
      await Application.confirmBudgetUpload(application);
      // The file's own page, not S3's return address, so a reload does not check an upload that is gone.
      return c.redirect(`${paths.budget}?accepted=1`, 303);
    } catch (error) {
      const errors = fieldErrors(error);
      if (!errors) throw error;
      const message = t(c.get("language"), errors[0]!.message, errors[0]!.params);
      const fresh = await Application.fromToken(getCookie(c, accessCookie));
      return html(c, BudgetPage({ page: pageOf(c), call, app: fresh, error: message }), 422);
    }
  }),
);

applicationPartRoutes.get(
  paths.review,
  withApplication(async (c, application, call) =>
    html(
      c,
      ReviewPage({
        page: pageOf(c),
        call,
        app: application,
        problems: Application.submissionProblems(call, application),
      }),
    ),
  ),
);
applicationPartRoutes.post(
  paths.review,
  withApplication(async (c, application, call) => {
    const form = await readForm(c);
    const review = async (alert?: MessageKey) => {
      const now = await reread(c, application);
      const problems = Application.submissionProblems(call, now);
      const shown = alert ? t(c.get("language"), alert) : undefined;
      return html(
        c,
        ReviewPage({ page: pageOf(c), call, app: now, problems, ...(shown ? { alert: shown } : {}) }),
        409,
      );
    };
    // What was reviewed is what gets sent: a change made elsewhere since the page was opened stops it.
    if (editable(application) && openedEarlier(form, application)) return review("review.changed");
    if (!editable(application)) return review();
    try {
      const submission = await Stage.submit(application);
      const submitted = { ...application, ...submission };
      const notice = t(c.get("language"), "review.done");
      return html(
        c,
        OverviewPage({
          page: pageOf(c),
          call,
          app: submitted,
          report: Application.wordReport(call, submitted),
          notice,
          contact: await Contact.status(await reread(c, submitted)),
        }),
      );
    } catch (error) {
      if (error instanceof CallClosedError) return review("review.call_closed");
      if (error instanceof ApplicationChangedError) return review("review.changed");
      if (error instanceof StageConflictError) return review();
      const errors = fieldErrors(error);
      if (!errors) throw error;
      return html(c, ReviewPage({ page: pageOf(c), call, app: application, problems: errors }), 422);
    }
  }),
);

applicationPartRoutes.get(
  paths.withdraw,
  withApplication(async (c, application, call) => {
    // Withdrawn or decided already (a bookmark, the back button): nothing to confirm, the status says why.
    if (Stage.isFinal(application.stage)) return c.redirect(paths.overview, 303);
    const now = Clock.iso();
    const deletedOn = Retention.dueAt({ stage: "withdrawn", withdrawnAt: now, updatedAt: now }, call)!.toISOString();
    return html(c, WithdrawPage({ page: pageOf(c), call, deletedOn }));
  }),
);
applicationPartRoutes.post(
  paths.withdraw,
  withApplication(async (c, application, call) => {
    let stage: Application.Info["stage"];
    try {
      ({ stage } = await Stage.withdraw(application));
    } catch (error) {
      // Decided meanwhile (or in another tab): the status says so, in plain words.
      if (!(error instanceof StageConflictError || error instanceof ApplicationChangedError)) throw error;
      const now = await reread(c, application);
      const notice = t(
        c.get("language"),
        error instanceof StageConflictError ? "error.already_decided" : "changed.elsewhere",
      );
      const report = Application.wordReport(call, now);
      return html(c, OverviewPage({ page: pageOf(c), call, app: now, report, notice }), 409);
    }
    // Post/redirect/get: a reload of the status page shows it again rather than posting the withdrawal twice.
    return c.redirect(`${paths.overview}?done=${stage}`, 303);
  }),
);
