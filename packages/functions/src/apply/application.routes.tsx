import * as Application from "@amparo/core/application";
import * as Call from "@amparo/core/call";
import * as Contact from "@amparo/core/contact";
import * as Country from "@amparo/core/country";
import * as Eligibility from "@amparo/core/eligibility";
import {
  ApplicationChangedError,
  CallClosedError,
  RateLimitedError,
  StageConflictError,
  UnprocessableError,
  VisibleError,
  type FieldError,
} from "@amparo/core/error";
import { t, type MessageKey } from "@amparo/core/i18n";
import { parseTypedNumber } from "@amparo/core/form";
import * as Stage from "@amparo/core/stage";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { ZodError } from "zod";
import {
  allowFormActions,
  createArea,
  secureCookies,
  showsSecret,
  siteOrigin,
  type AppContext,
} from "../shared/app.js";
import { fileTypeNames } from "../shared/format.js";
import { pageErrors, readForm, single, type Form } from "../shared/forms.js";
import { html, pageContext, pageOf } from "../shared/pages.js";
import { sourceAddress } from "../shared/source.js";
import { AnswersPage } from "./application-answers.pages.js";
import { lockedReason, paths } from "./application-blocks.js";
import { BudgetPage, BudgetUploadPage } from "./application-budget.pages.js";
import { ConceptNotePage } from "./application-concept-note.pages.js";
import { FundingPage, fundingExample, fundingFields } from "./application-funding.pages.js";
import { OverviewPage } from "./application-overview.pages.js";
import { CodePage, ResumePage, StartPage } from "./application-start.pages.js";
import { ReviewPage, WithdrawPage } from "./application-submit.pages.js";
import { IdentityPage, identityPath } from "./identity.pages.js";
import * as CodeCookie from "./code-cookie.js";

/**
 * The access code, kept in an HttpOnly session cookie once entered. Lax, not Strict: S3 sends the
 * browser back here after an upload, a cross-site navigation on which a Strict cookie would be missing.
 * Form posts are guarded by the CSRF check of every app.
 */
const accessCookie = "access";

function remember(c: AppContext, token: string) {
  setCookie(c, accessCookie, token, { path: "/apply", httpOnly: true, sameSite: "Lax", secure: secureCookies() });
}

/** The application whose code this browser holds, or undefined (the caller sends the person to resume). */
export async function current(c: AppContext): Promise<Application.Info | undefined> {
  const token = getCookie(c, accessCookie);
  if (!token) return undefined;
  try {
    return await Application.fromToken(token);
  } catch (error) {
    if (error instanceof VisibleError && error.kind === "not_found") {
      deleteCookie(c, accessCookie, { path: "/apply" });
      return undefined;
    }
    throw error;
  }
}

/** Runs `handler` for the applicant's application, or sends them to enter their code. */
export function withApplication(handler: (c: AppContext, app: Application.Info, call: Call.Info) => Promise<Response>) {
  return async (c: AppContext) => {
    const app = await current(c);
    if (!app) return c.redirect(paths.resume, 303);
    return handler(c, app, await Call.forApplication(app));
  };
}

/** Keeps an expected refusal (a broken rule, a bad file) on its page; anything else takes the one error path. */
export const fieldErrors = (error: unknown) => pageErrors(error, { kinds: ["unprocessable", "input"] });

const editable = (app: Application.Info) => Application.editableStages.includes(app.stage);

/**
 * Whether the form was opened at an older version than the application's: another tab or device saved in
 * between, and saving this post would overwrite that. (A form without a version, from before it was sent,
 * is taken as current.)
 */
export function openedEarlier(form: Form, app: Application.Info): boolean {
  const sent = form.text("_version");
  return sent !== "" && sent !== String(app.version);
}

/**
 * A refusal that is about the application's state, not the input: it was sent or withdrawn meanwhile (the
 * page shows the part read-only, with why), or changed elsewhere (the page shows what is saved now). Both
 * answer 409 with the page itself, never the error page's words.
 */
const stateRefusal = (error: unknown) =>
  error instanceof ApplicationChangedError ? "changed" : error instanceof StageConflictError ? "locked" : undefined;

/** The application as stored now (after a save, or when a save was refused), for the page to show. */
export async function reread(c: AppContext, fallback: Application.Info): Promise<Application.Info> {
  return (await current(c)) ?? fallback;
}

/**
 * The applicant's pages: start, access code, resume, and each part of the application. Their fixed paths
 * (/apply/my, /apply/resume) must be mounted before /apply/:callId.
 */
export const applicationRoutes = createArea();

// The id goes back into a header: encoded, so a CR or LF in it can neither break nor inject a header.
applicationRoutes.get("/apply/:callId/start", (c) =>
  c.redirect(`/apply/${encodeURIComponent(c.req.param("callId"))}/eligibility`, 303),
);

applicationRoutes.post("/apply/:callId/start", async (c) => {
  const call = await Call.get(c.req.param("callId"));
  const questionIds = call.eligibility.questions.map((question) => question.id);
  const values = (await readForm(c)).values([...questionIds, "language", "email", "_step"]);
  const answers = Object.fromEntries(Object.entries(values).filter(([name]) => questionIds.includes(name)));
  if (single(values["_step"]) !== "create") return html(c, StartPage({ call, page: pageOf(c), answers }));
  // The same start posted again (a reload, or back and forward): the code made for it, not a second application.
  if ((await CodeCookie.shown(c))?.callId === call.id && getCookie(c, accessCookie)) {
    return c.redirect(paths.code, 303);
  }

  const email = single(values["email"]).trim();
  try {
    const created = await Application.create(
      {
        callId: call.id,
        language: single(values["language"]),
        eligibility: { answers: Eligibility.fromForm(call, answers) },
        ...(email ? { contact: { email } } : {}),
      },
      sourceAddress(c),
    );
    remember(c, created.token);
    await CodeCookie.keepToShow(c, call.id, created.token);
    // Its language links lead to the code's own page, which shows the same code in the other language.
    const page = pageContext(c.get("language"), paths.code);
    showsSecret(c);
    return html(c, CodePage({ page, token: created.token }), 201);
  } catch (error) {
    if (error instanceof ZodError && error.issues.some((issue) => issue.path[0] === "contact")) {
      const errors: FieldError[] = [{ path: "contact.email", message: "validation.invalid_format" }];
      return html(c, StartPage({ call, page: pageOf(c), answers, errors, email }), 400);
    }
    // Over a creation limit: the same form, with what they typed and a calm word on when to try again.
    if (error instanceof RateLimitedError) {
      const seconds = Number(error.params["seconds"]);
      c.header("Retry-After", String(seconds));
      const limited = { minutes: Math.max(1, Math.ceil(seconds / 60)) };
      return html(c, StartPage({ call, page: pageOf(c), answers, email, limited }), 429);
    }
    throw error;
  }
});

// The code again, until the applicant continues to their application (see code-cookie.ts).
applicationRoutes.get(paths.code, async (c) => {
  const token = (await CodeCookie.shown(c))?.token;
  if (!token) return c.redirect(paths.overview, 303);
  showsSecret(c);
  return html(c, CodePage({ page: pageOf(c), token }));
});

applicationRoutes.get(paths.resume, (c) => html(c, ResumePage({ page: pageOf(c) })));
applicationRoutes.post(paths.resume, async (c) => {
  const values = (await readForm(c)).values(["code"]);
  try {
    await Application.fromToken(single(values["code"]));
    remember(c, single(values["code"]));
    return c.redirect(paths.overview, 303);
  } catch (error) {
    if (error instanceof VisibleError && error.kind === "not_found") {
      return html(c, ResumePage({ page: pageOf(c), unknown: true }), 404);
    }
    throw error;
  }
});

applicationRoutes.post(paths.signOut, (c) => {
  deleteCookie(c, accessCookie, { path: "/apply" });
  CodeCookie.forget(c);
  return c.redirect("/", 303);
});

applicationRoutes.get(
  paths.overview,
  withApplication(async (c, application, call) => {
    // Continuing from the code page is the applicant's word that they kept the code: it is not shown again.
    await CodeCookie.movedOn(c);
    const report = Application.wordReport(call, application);
    const contact = await Contact.status(application);
    return html(c, OverviewPage({ page: pageOf(c), call, app: application, report, contact }));
  }),
);

applicationRoutes.get(
  paths.conceptNote,
  withApplication(async (c, application, call) =>
    html(
      c,
      ConceptNotePage({ page: pageOf(c), call, app: application, report: Application.wordReport(call, application) }),
    ),
  ),
);
applicationRoutes.post(
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
    let report: Application.WordReport;
    try {
      report = await Application.saveConceptNote(application, { fields });
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
    const saved = await reread(c, { ...application, conceptNote: { ...application.conceptNote, ...fields } });
    return html(c, ConceptNotePage({ page: pageOf(c), call, app: saved, report, saved: true }));
  }),
);

applicationRoutes.get(
  paths.funding,
  withApplication(async (c, application, call) => html(c, FundingPage({ page: pageOf(c), call, app: application }))),
);
applicationRoutes.post(
  paths.funding,
  withApplication(async (c, application, call) => {
    // The annual budget is asked here only when the call's quiz did not ask it (see `fundingFields`).
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
      const number = parseTypedNumber(typed[name]!);
      const example = fundingExample(call, name);
      if (number === undefined || !Number.isInteger(number)) {
        unreadable.push({ path: name, message: "funding.not_a_number", params: { example } });
      } else if (number < 0 || (number === 0 && name !== "annualBudget")) {
        unreadable.push({ path: name, message: "funding.not_positive", params: { example } });
      } else numbers[name] = number;
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
    const saved = await reread(c, application);
    return html(c, FundingPage({ page: pageOf(c), call, app: saved, saved: true }));
  }),
);

applicationRoutes.get(
  paths.budget,
  withApplication(async (c, application, call) => html(c, BudgetPage({ page: pageOf(c), call, app: application }))),
);
applicationRoutes.post(
  paths.budget,
  withApplication(async (c, application, call) => {
    const values = (await readForm(c)).values(["type"]);
    if (!editable(application)) return html(c, BudgetPage({ page: pageOf(c), call, app: application }), 409);
    const type = Call.BudgetFileType.safeParse(single(values["type"]));
    if (!type.success || !call.budgetFile.types.includes(type.data)) {
      const error = t(c.get("language"), "upload.type_not_allowed");
      return html(c, BudgetPage({ page: pageOf(c), call, app: application, error }), 422);
    }
    const extension = fileTypeNames[type.data].toLowerCase();
    const upload = await Application.startBudgetUpload(
      application,
      // The real size is not known before the browser sends the file; the policy's range enforces it.
      { fileName: `budget.${extension}`, contentType: type.data, size: 1 },
      // Back to the address this page was opened at, where the access cookie is (not PUBLIC_URL's).
      `${siteOrigin(c)}${paths.budgetUploaded}`,
    );
    allowFormActions(c, [new URL(upload.url).origin]);
    return html(c, BudgetUploadPage({ page: pageOf(c), call, type: type.data, upload }));
  }),
);
// S3 sends the browser here after the upload; checking the object is safe to repeat.
applicationRoutes.get(
  paths.budgetUploaded,
  withApplication(async (c, application, call) => {
    if (!editable(application)) return html(c, BudgetPage({ page: pageOf(c), call, app: application }), 409);
    try {
      const budgetFile = await Application.confirmBudgetUpload(application);
      const notice = t(c.get("language"), "budget.accepted");
      const { pendingUpload: _confirmed, ...rest } = application;
      return html(c, BudgetPage({ page: pageOf(c), call, app: { ...rest, budgetFile }, notice }));
    } catch (error) {
      const errors = fieldErrors(error);
      if (!errors) throw error;
      const message = t(c.get("language"), errors[0]!.message, errors[0]!.params);
      const fresh = await Application.fromToken(getCookie(c, accessCookie));
      return html(c, BudgetPage({ page: pageOf(c), call, app: fresh, error: message }), 422);
    }
  }),
);

// "About you", the optional name or organisation and country that reviewers see first.
applicationRoutes.get(
  identityPath,
  withApplication(async (c, application) => {
    const page = pageOf(c);
    const locked = editable(application) ? undefined : lockedReason(page, application);
    return html(c, IdentityPage({ page, app: application, ...(locked ? { locked } : {}) }));
  }),
);
applicationRoutes.post(
  identityPath,
  withApplication(async (c, application) => {
    const form = await readForm(c);
    const values = { name: form.text("name").trim(), country: form.text("country") };
    const refused = async () => {
      const now = await reread(c, application);
      const page = pageOf(c);
      const locked = editable(now) ? undefined : lockedReason(page, now);
      return html(c, IdentityPage({ page, app: now, ...(locked ? { locked } : { values }) }), 409);
    };
    if (!editable(application) || openedEarlier(form, application)) return refused();
    if (values.name.length > 200) {
      const error = t(c.get("language"), "identity.name_too_long");
      return html(c, IdentityPage({ page: pageOf(c), app: application, values, error }), 422);
    }
    if (values.country && !Country.isCode(values.country)) {
      // Only a tampered form sends a country that is not on the list: refused, nothing changed.
      const error = `${t(c.get("language"), "identity.country")}: ${t(c.get("language"), "validation.invalid")}`;
      return html(c, IdentityPage({ page: pageOf(c), app: application, values, error }), 400);
    }
    try {
      await Application.setIdentity(application, {
        name: values.name,
        ...(values.country ? { country: values.country } : {}),
      });
    } catch (error) {
      if (stateRefusal(error)) return refused();
      throw error;
    }
    const saved = await reread(c, application);
    return html(c, IdentityPage({ page: pageOf(c), app: saved, saved: true }));
  }),
);

applicationRoutes.get(
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
applicationRoutes.post(
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

applicationRoutes.get(
  paths.answers,
  withApplication(async (c, application, call) => html(c, AnswersPage({ page: pageOf(c), call, app: application }))),
);
applicationRoutes.post(
  paths.answers,
  withApplication(async (c, application, call) => {
    const form = await readForm(c);
    const values = form.values(call.eligibility.questions.map((question) => question.id));
    const refused = async (why: "changed" | "locked") => {
      const now = await reread(c, application);
      return html(c, AnswersPage({ page: pageOf(c), call, app: now, changed: why === "changed" }), 409);
    };
    if (application.stage !== "draft") return refused("locked");
    if (openedEarlier(form, application)) return refused("changed");
    try {
      await Application.saveAnswers(application, Eligibility.fromForm(call, values));
    } catch (error) {
      const why = stateRefusal(error);
      if (why) return refused(why);
      if (!(error instanceof VisibleError) || error.errors.length === 0) throw error;
      // Rules the answers break come with the call's own words; the rest are answers to fix.
      const locale = c.get("language");
      const reasons = error.errors.flatMap((item) => (item.text ? [item.text[locale]] : []));
      const errors = error.errors.filter((item) => !item.text);
      const status = error instanceof UnprocessableError ? 422 : 400;
      return html(c, AnswersPage({ page: pageOf(c), call, app: application, values, errors, reasons }), status);
    }
    const saved = await reread(c, application);
    return html(c, AnswersPage({ page: pageOf(c), call, app: saved, saved: true }));
  }),
);

applicationRoutes.get(
  paths.withdraw,
  withApplication(async (c, _application, call) => html(c, WithdrawPage({ page: pageOf(c), call }))),
);
applicationRoutes.post(
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
    const notice = t(c.get("language"), "withdraw.done");
    const withdrawn = { ...application, stage };
    return html(
      c,
      OverviewPage({ page: pageOf(c), call, app: withdrawn, report: Application.wordReport(call, withdrawn), notice }),
    );
  }),
);
