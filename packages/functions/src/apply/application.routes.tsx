import * as Application from "@amparo/core/application";
import * as Award from "@amparo/core/award";
import * as Contact from "@amparo/core/contact";
import * as Country from "@amparo/core/country";
import * as Eligibility from "@amparo/core/eligibility";
import { RateLimitedError, UnprocessableError, VisibleError, type FieldError } from "@amparo/core/error";
import { formatDate, pick, t } from "@amparo/core/i18n";
import * as Retention from "@amparo/core/retention";
import { deleteCookie, getCookie } from "hono/cookie";
import { ZodError } from "zod";
import { createArea, showsSecret } from "../shared/app.js";
import { readForm, single } from "../shared/forms.js";
import { html, pageOf } from "../shared/pages.js";
import { sourceAddress } from "../shared/source.js";
import {
  accessCookie,
  editable,
  openedEarlier,
  remember,
  reread,
  stateRefusal,
  withApplication,
} from "./application-access.js";
import { AnswersPage } from "./application-answers.pages.js";
import { lockedReason, paths } from "./application-blocks.js";
import { OverviewPage } from "./application-overview.pages.js";
import { CodePage, ResumePage, StartPage } from "./application-start.pages.js";
import { awardNotice } from "./award-blocks.js";
import { IdentityPage, identityPath } from "./identity.pages.js";
import * as CodeCookie from "./code-cookie.js";
import { callFor } from "./offered-languages.js";

/**
 * The applicant's pages: start, access code, resume, the status page, "about you" and the eligibility answers
 * (the written parts and sending are in application-parts.routes.tsx). Their fixed paths (/apply/my,
 * /apply/resume) must be mounted before /apply/:callId.
 */
export const applicationRoutes = createArea();

// The id goes back into a header: encoded, so a CR or LF in it can neither break nor inject a header.
applicationRoutes.get("/apply/:callId/start", (c) =>
  c.redirect(`/apply/${encodeURIComponent(c.req.param("callId"))}/eligibility`, 303),
);

applicationRoutes.post("/apply/:callId/start", async (c) => {
  const call = await callFor(c, c.req.param("callId"));
  const questionIds = call.eligibility.questions.map((question) => question.id);
  const values = (await readForm(c)).values([...questionIds, "language", "email", "_step", "_switch"]);
  const answers = Object.fromEntries(Object.entries(values).filter(([name]) => questionIds.includes(name)));
  if (single(values["_step"]) !== "create") return html(c, StartPage({ call, page: pageOf(c), answers }));
  // A language switch: the same form in the other language, with what was typed; nothing is made or kept.
  if (single(values["_switch"]) === "1") {
    const typed = { email: single(values["email"]), language: single(values["language"]) };
    return html(c, StartPage({ call, page: pageOf(c), answers, ...typed }));
  }
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
        // The emails go in the language these pages are read in, whatever language the applicant writes in.
        interfaceLanguage: c.get("language"),
        eligibility: { answers: Eligibility.fromForm(call, answers) },
        ...(email ? { contact: { email } } : {}),
      },
      sourceAddress(c),
    );
    remember(c, created.token);
    await CodeCookie.keepToShow(c, call.id, created.token);
    // Post/redirect/get: the code is shown by its own page, so going back to it never posts the start again,
    // and once the applicant has moved on that page leads to their application instead.
    return c.redirect(paths.code, 303);
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
  const shown = await CodeCookie.shown(c);
  const token = shown?.token;
  if (!token) return c.redirect(paths.overview, 303);
  await callFor(c, shown.callId);
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
      // What was typed comes back to be corrected; it may be one character from a real code, so it is sent
      // uncompressed like any code shown.
      showsSecret(c);
      return html(c, ResumePage({ page: pageOf(c), unknown: { code: single(values["code"]).slice(0, 200) } }), 404);
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
    // Where a withdrawal lands (post/redirect/get): it says so, and when the content goes, while it is true.
    const deletedOn = application.stage === "withdrawn" ? Retention.dueAt(application, call) : undefined;
    const notice =
      c.req.query("done") === "withdrawn" && deletedOn
        ? t(c.get("language"), "withdraw.done", { date: formatDate(c.get("language"), deletedOn.toISOString()) })
        : awardNotice(pageOf(c), c.req.query("done"));
    const award = await Award.view(application);
    return html(c, OverviewPage({ page: pageOf(c), call, app: application, report, contact, notice, award }));
  }),
);

// "About you", the optional name or organisation and country that reviewers see first.
applicationRoutes.get(
  identityPath,
  withApplication(async (c, application) => {
    const page = pageOf(c);
    const locked = editable(application) ? undefined : lockedReason(page, application);
    return html(
      c,
      IdentityPage({ page, app: application, ...(locked ? { locked } : { saved: c.req.query("saved") === "1" }) }),
    );
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
    // Post/redirect/get: the page says it is saved, and a reload does not send it again.
    return c.redirect(`${identityPath}?saved=1`, 303);
  }),
);

applicationRoutes.get(
  paths.answers,
  withApplication(async (c, application, call) =>
    html(c, AnswersPage({ page: pageOf(c), call, app: application, saved: c.req.query("saved") === "1" })),
  ),
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
      const reasons = error.errors.flatMap((item) => (item.text ? [pick(item.text, locale)] : []));
      const errors = error.errors.filter((item) => !item.text);
      const status = error instanceof UnprocessableError ? 422 : 400;
      return html(c, AnswersPage({ page: pageOf(c), call, app: application, values, errors, reasons }), status);
    }
    return c.redirect(`${paths.answers}?saved=1`, 303);
  }),
);
