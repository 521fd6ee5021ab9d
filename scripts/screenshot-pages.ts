import * as Auth from "@amparo/core/auth";
import * as Call from "@amparo/core/call";
import * as Config from "@amparo/core/config";
import type { Locale } from "@amparo/core/i18n";
import * as Review from "@amparo/core/review";
import * as Session from "@amparo/core/session";
import * as Stage from "@amparo/core/stage";
import * as Account from "@amparo/core/account";
import * as User from "@amparo/core/user";
import * as Application from "@amparo/core/application";
import type { Page } from "playwright-core";
import { visits as weighedVisits } from "../bench/page-weight.js";
import { emergencyAnswers, grantAnswers } from "../test/support/answers.js";
import { csv } from "../test/support/files.js";

/**
 * Every page of every audience, reached the way a person reaches it (some only by posting a form), for
 * `npm run screenshots`. Each shot names the GET routes it shows (`covers`), so a test can check that no page
 * route is left out; the few GET routes that are not pages are listed in `notPages` with the reason.
 */
export interface Shot {
  audience: "applicant" | "staff" | "reviewer" | "coordinator" | "admin" | "funder" | "error";
  name: string;
  /** The GET routes (as the apps declare them) whose page this shot shows. */
  covers: string[];
  open: (page: Page, base: string, lang: Locale) => Promise<unknown>;
}

/** GET routes that answer with something other than a page, and so have no picture. */
export const notPages: Record<string, string> = {
  "/assets/site-v1.css": "the stylesheet",
  "/apply": "redirects to the home page",
  "/apply/:callId/start": "redirects to the call's quiz",
  "/staff/language": "redirects to the staff home",
  "/staff/applications/:id/budget-file": "the budget file download",
  "/staff/applications/:id/documents/:documentId": "a full application's document download",
  "/staff/reports/pipeline.csv": "a CSV download",
};

const weighed = (name: string) => weighedVisits.find((visit) => visit.name === name)!.open;

/* ------------------------------------------ fixtures ------------------------------------------ */

const sample: Record<Locale, string> = {
  en:
    "Our collective documents attacks on land defenders in three provinces and keeps a shared archive of " +
    "testimonies. Last month our website was taken down and two phones were seized at a checkpoint, so we need " +
    "secure devices, encrypted storage and training for the team before the next hearing.",
  es:
    "Nuestro colectivo documenta ataques contra defensoras de la tierra en tres provincias y mantiene un archivo " +
    "compartido de testimonios. El mes pasado tumbaron nuestro sitio web y nos quitaron dos teléfonos en un " +
    "retén, así que necesitamos equipos seguros, almacenamiento cifrado y formación antes de la próxima audiencia.",
  pt:
    "O nosso coletivo documenta ataques contra defensoras da terra em três províncias e mantém um arquivo " +
    "partilhado de depoimentos. No mês passado derrubaram o nosso site e apreenderam dois telemóveis numa " +
    "barreira, por isso precisamos de aparelhos seguros, armazenamento cifrado e formação antes da próxima audiência.",
};

/** About `words` words of plausible text in `lang`. */
function text(lang: Locale, words: number): string {
  const source = sample[lang].split(" ");
  return Array.from({ length: Math.max(1, words) }, (_, index) => source[index % source.length]).join(" ");
}

async function api(base: string, method: string, path: string, token?: string, body?: unknown) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return response;
}

type CallId = "digital-emergency" | "concept-notes-2026";

/**
 * A draft filled the way a person would leave it: every concept-note field about two thirds full, and the
 * funding answered. A part the API refuses (its rules may change) is left empty rather than stopping the run.
 */
export async function draft(base: string, callId: CallId, lang: Locale): Promise<{ id: string; token: string }> {
  const created = await api(base, "POST", "/api/v1/applications", undefined, {
    callId,
    language: lang,
    eligibility: { answers: callId === "digital-emergency" ? emergencyAnswers : grantAnswers },
  });
  const { id, token } = (await created.json()) as { id: string; token: string };
  const call = await Call.get(callId);
  const fields = Object.fromEntries(
    call.conceptNote.fields.map((field) => [field.id, text(lang, Math.round(field.maxWords * 0.66))]),
  );
  await api(base, "PUT", `/api/v1/applications/${id}/concept-note`, token, { fields }).catch(warn);
  const funding =
    callId === "digital-emergency"
      ? { amount: 3_000, annualBudget: 0, months: 3 }
      : { amount: 20_000, annualBudget: 15_000, months: 12 };
  await api(base, "PUT", `/api/v1/applications/${id}/funding`, token, funding).catch(warn);
  // How reviewers should know the applicant, shown to them first (and in staff lists).
  const identity = { name: "Colectivo Tierra Viva", country: callId === "digital-emergency" ? "GT" : "BR" };
  await api(base, "PUT", `/api/v1/applications/${id}/identity`, token, identity).catch(warn);
  return { id, token };
}

export async function submitted(base: string, lang: Locale) {
  const made = await draft(base, "digital-emergency", lang);
  await api(base, "POST", `/api/v1/applications/${made.id}/submit`, made.token);
  return made;
}

const user = async (email: string) => (await User.fromEmail(email))!;

/** Moves an application as the seeded coordinator, through the stages the call allows. */
async function move(id: string, to: Call.Stage, extra: { note?: string; amount?: number } = {}) {
  const app = (await Application.fromID(id))!;
  await Stage.transition(await user("coordinator@amparo.local"), id, { to, version: app.version, ...extra });
}

async function decided(base: string, lang: Locale, outcome: "approved" | "declined") {
  const made = await submitted(base, lang);
  await move(made.id, "in_review");
  await move(made.id, outcome, outcome === "approved" ? { amount: 2_800 } : { note: "Outside this call's scope." });
  return made;
}

/**
 * A grant application taken to the shortlist (concept note, funding, budget file, submitted, moved
 * into review and shortlisted by the seeded coordinator), which invites its full application. With `write`,
 * the full application's fields are about two thirds full and its first document is uploaded.
 */
export async function shortlisted(base: string, lang: Locale, write = false) {
  const made = await draft(base, "concept-notes-2026", lang);
  const fresh = async () => (await Application.fromID(made.id))!;
  await uploadFile(await Application.startBudgetUpload(await fresh(), budgetUpload), csv());
  await Application.confirmBudgetUpload(await fresh());
  await api(base, "POST", `/api/v1/applications/${made.id}/submit`, made.token);
  await move(made.id, "in_review");
  await move(made.id, "shortlisted");
  if (write) {
    const call = await Call.get("concept-notes-2026");
    const spec = call.fullApplication!;
    const fields = Object.fromEntries(
      spec.fields.map((field) => [field.id, text(lang, Math.round(field.maxWords * 0.66))]),
    );
    await Application.saveFullApplication(await fresh(), { fields });
    const document = spec.documents[0]!.id;
    await uploadFile(await Application.startDocumentUpload(await fresh(), document, budgetUpload), csv());
    await Application.confirmDocumentUpload(await fresh(), document);
  }
  return made;
}

const budgetUpload = { fileName: "presupuesto.csv", contentType: "text/csv", size: csv().length };

/** Sends a file to the S3 stand-in with a presigned POST, as the upload form would. */
async function uploadFile(upload: { url: string; fields: Record<string, string> }, file: Buffer) {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append("file", new Blob([new Uint8Array(file)], { type: "text/csv" }), "presupuesto.csv");
  await fetch(upload.url, { method: "POST", body: form, redirect: "manual" });
}

/** A shortlisted application whose full application is complete and sent. */
async function fullSubmitted(base: string, lang: Locale) {
  const made = await shortlisted(base, lang, true);
  const spec = (await Call.get("concept-notes-2026")).fullApplication!;
  for (const document of spec.documents.slice(1)) {
    const app = (await Application.fromID(made.id))!;
    await uploadFile(await Application.startDocumentUpload(app, document.id, budgetUpload), csv());
    await Application.confirmDocumentUpload((await Application.fromID(made.id))!, document.id);
  }
  await Stage.submitFull((await Application.fromID(made.id))!);
  return made;
}

/**
 * A shortlisted application whose due date has passed: shortlisted while a "day" lasts a few milliseconds, so
 * the 30 days are over at once (a due date can only be moved later, never into the past).
 */
async function pastDue(base: string, lang: Locale) {
  const scale = Config.get().TIME_SCALE;
  Config.set({ TIME_SCALE: 86_400_000 / 2 });
  let made: { id: string; token: string };
  try {
    made = await shortlisted(base, lang);
  } finally {
    Config.set({ TIME_SCALE: scale });
  }
  await new Promise((done) => setTimeout(done, 200));
  return made;
}

/** A grant application submitted and moved into review, ready for the coordinators' bulk shortlist. */
async function grantInReview(base: string, lang: Locale) {
  const made = await draft(base, "concept-notes-2026", lang);
  const fresh = async () => (await Application.fromID(made.id))!;
  await uploadFile(await Application.startBudgetUpload(await fresh(), budgetUpload), csv());
  await Application.confirmBudgetUpload(await fresh());
  await api(base, "POST", `/api/v1/applications/${made.id}/submit`, made.token);
  await move(made.id, "in_review");
  return made;
}

/**
 * A sent full application with both seeded reviewers assigned; the second has declared and scored
 * it on the second rubric, the first has declared and not scored yet.
 */
async function fullReviewed(base: string, lang: Locale) {
  const made = await fullSubmitted(base, lang);
  const coordinator = await user("coordinator@amparo.local");
  const [first, second] = [await user("reviewer1@amparo.local"), await user("reviewer2@amparo.local")];
  await Review.assign(coordinator, made.id, { reviewerIds: [first.id, second.id] });
  await Review.declare(first, made.id, { conflict: false });
  await Review.declare(second, made.id, { conflict: false });
  await Review.score(second, made.id, {
    scores: { feasibility: 4, safety: 5, budget: 3 },
    recommendation: "fund",
    comment: text(lang, 40),
    round: "full",
  });
  return made;
}

/** A submitted application with both seeded reviewers assigned; the second has declared and scored. */
export async function reviewed(base: string, lang: Locale) {
  const made = await submitted(base, lang);
  const coordinator = await user("coordinator@amparo.local");
  const [first, second] = [await user("reviewer1@amparo.local"), await user("reviewer2@amparo.local")];
  await Review.assign(coordinator, made.id, { reviewerIds: [first.id, second.id] });
  await Review.declare(second, made.id, { conflict: false });
  await Review.score(second, made.id, {
    scores: { urgency: 5, fit: 4, feasibility: 3 },
    recommendation: "fund",
    comment: text(lang, 40),
  });
  return made;
}

/** Gives this browser the applicant's access code, as the start or resume page would. */
export async function asApplicant(page: Page, base: string, token: string) {
  await page.context().addCookies([{ name: "access", value: token, url: `${base}/apply` }]);
}

/** Gives this browser a full staff session for a seeded account (no email round trip: the session is minted). */
export async function asStaff(page: Page, base: string, email: string, scope: Session.Scope = "full") {
  const session = await Session.start(await user(email), scope);
  await page.context().addCookies([{ name: "staff_session", value: session, url: `${base}/staff` }]);
}

/** A staff account that has not set up its second factor yet. */
async function newcomer(): Promise<string> {
  const email = `newcomer-${Math.random().toString(36).slice(2, 10)}@amparo.local`;
  await Account.create({ email, roles: ["reviewer"], callIds: ["digital-emergency"] });
  return email;
}

const submit = (page: Page, form = "main form") => page.locator(`${form} button[type=submit]`).last().click();

function warn(error: unknown) {
  console.warn(`  (fixture step refused: ${error instanceof Error ? error.message.slice(0, 160) : String(error)})`);
}

/* -------------------------------------------- pages -------------------------------------------- */

const applicantOnDraft =
  (path: string, callId: CallId = "concept-notes-2026") =>
  async (page: Page, base: string, lang: Locale) => {
    await asApplicant(page, base, (await draft(base, callId, lang)).token);
    await page.goto(`${base}${path}`);
  };

export const shots: Shot[] = [
  // Applicant: finding a call and the quiz.
  { audience: "applicant", name: "home", covers: ["/"], open: weighed("home") },
  { audience: "applicant", name: "call-emergency", covers: ["/apply/:callId"], open: weighed("call: emergency") },
  { audience: "applicant", name: "call-grant", covers: ["/apply/:callId"], open: weighed("call: grant") },
  {
    audience: "applicant",
    name: "quiz-emergency",
    covers: ["/apply/:callId/eligibility"],
    open: weighed("quiz: emergency"),
  },
  { audience: "applicant", name: "quiz-grant", covers: ["/apply/:callId/eligibility"], open: weighed("quiz: grant") },
  { audience: "applicant", name: "quiz-errors", covers: [], open: weighed("quiz: grant, all errors") },
  { audience: "applicant", name: "result-eligible", covers: [], open: weighed("result: eligible") },
  { audience: "applicant", name: "result-not-eligible", covers: [], open: weighed("result: not eligible") },
  { audience: "applicant", name: "start", covers: [], open: weighed("start") },
  { audience: "applicant", name: "access-code", covers: ["/apply/my/code"], open: weighed("access code") },
  { audience: "applicant", name: "resume", covers: ["/apply/resume"], open: weighed("resume") },
  {
    audience: "applicant",
    name: "contact",
    covers: ["/apply/contact"],
    open: weighed("contact confirmation"),
  },
  {
    audience: "applicant",
    name: "contact-unknown-link",
    covers: [],
    open: async (page, base) => {
      await weighed("contact confirmation")(page, base);
      await submit(page);
    },
  },
  {
    audience: "applicant",
    name: "resume-wrong-code",
    covers: [],
    open: async (page, base) => {
      await page.goto(`${base}/apply/resume`);
      await page.locator("main input[type=text], main input:not([type])").first().fill("not-a-code");
      await submit(page);
    },
  },
  // Applicant: the application, as a draft.
  { audience: "applicant", name: "application", covers: ["/apply/my"], open: applicantOnDraft("/apply/my") },
  { audience: "applicant", name: "about-you", covers: ["/apply/my/about"], open: applicantOnDraft("/apply/my/about") },
  {
    audience: "applicant",
    name: "eligibility-answers",
    covers: ["/apply/my/answers"],
    open: applicantOnDraft("/apply/my/answers"),
  },
  {
    audience: "applicant",
    name: "concept-note",
    covers: ["/apply/my/concept-note"],
    open: applicantOnDraft("/apply/my/concept-note"),
  },
  {
    audience: "applicant",
    name: "concept-note-over-limit",
    covers: [],
    open: async (page, base, lang) => {
      await applicantOnDraft("/apply/my/concept-note")(page, base, lang);
      await page.locator("main textarea").first().fill(text(lang, 420));
      await submit(page);
    },
  },
  {
    audience: "applicant",
    name: "concept-note-emergency",
    covers: [],
    open: applicantOnDraft("/apply/my/concept-note", "digital-emergency"),
  },
  {
    audience: "applicant",
    name: "funding",
    covers: ["/apply/my/funding"],
    open: applicantOnDraft("/apply/my/funding"),
  },
  {
    audience: "applicant",
    name: "funding-errors",
    covers: [],
    open: async (page, base, lang) => {
      await applicantOnDraft("/apply/my/funding")(page, base, lang);
      for (const input of await page.locator("main input[type=text], main input[type=number]").all()) {
        await input.fill("lots");
      }
      await submit(page);
    },
  },
  {
    audience: "applicant",
    name: "budget-file",
    covers: ["/apply/my/budget"],
    open: applicantOnDraft("/apply/my/budget"),
  },
  {
    audience: "applicant",
    name: "budget-upload-form",
    covers: [],
    open: async (page, base, lang) => {
      await applicantOnDraft("/apply/my/budget")(page, base, lang);
      await page.locator("input[name=type]").first().check();
      await submit(page);
    },
  },
  {
    audience: "applicant",
    name: "budget-uploaded",
    covers: ["/apply/my/budget/uploaded"],
    open: async (page, base, lang) => {
      await applicantOnDraft("/apply/my/budget")(page, base, lang);
      await page.locator("input[name=type][value='text/csv']").check();
      await submit(page);
      await page.locator("input[type=file]").setInputFiles({ name: "budget.csv", mimeType: "text/csv", buffer: csv() });
      await submit(page, "main form[enctype='multipart/form-data']");
      await page.waitForURL(`${base}/apply/my/budget/uploaded**`);
    },
  },
  {
    audience: "applicant",
    name: "review-and-submit",
    covers: ["/apply/my/submit"],
    open: applicantOnDraft("/apply/my/submit"),
  },
  {
    audience: "applicant",
    name: "review-and-submit-emergency",
    covers: [],
    open: applicantOnDraft("/apply/my/submit", "digital-emergency"),
  },
  {
    audience: "applicant",
    name: "withdraw",
    covers: ["/apply/my/withdraw"],
    open: applicantOnDraft("/apply/my/withdraw"),
  },
  // Applicant: after submission and after a decision.
  {
    audience: "applicant",
    name: "status-submitted",
    covers: [],
    open: async (page, base, lang) => {
      await asApplicant(page, base, (await submitted(base, lang)).token);
      await page.goto(`${base}/apply/my`);
    },
  },
  {
    audience: "applicant",
    name: "concept-note-submitted",
    covers: [],
    open: async (page, base, lang) => {
      await asApplicant(page, base, (await submitted(base, lang)).token);
      await page.goto(`${base}/apply/my/concept-note`);
    },
  },
  {
    audience: "applicant",
    name: "status-approved",
    covers: [],
    open: async (page, base, lang) => {
      await asApplicant(page, base, (await decided(base, lang, "approved")).token);
      await page.goto(`${base}/apply/my`);
    },
  },
  {
    audience: "applicant",
    name: "status-declined",
    covers: [],
    open: async (page, base, lang) => {
      await asApplicant(page, base, (await decided(base, lang, "declined")).token);
      await page.goto(`${base}/apply/my`);
    },
  },
  {
    audience: "applicant",
    name: "status-withdrawn",
    covers: [],
    open: async (page, base, lang) => {
      await applicantOnDraft("/apply/my/withdraw", "digital-emergency")(page, base, lang);
      await submit(page);
    },
  },
  // Applicant: the full application of a grant call's second stage.
  {
    audience: "applicant",
    name: "status-invited",
    covers: [],
    open: async (page, base, lang) => {
      await asApplicant(page, base, (await shortlisted(base, lang, true)).token);
      await page.goto(`${base}/apply/my`);
    },
  },
  {
    audience: "applicant",
    name: "full-application",
    covers: ["/apply/my/full-application"],
    open: async (page, base, lang) => {
      await asApplicant(page, base, (await shortlisted(base, lang, true)).token);
      await page.goto(`${base}/apply/my/full-application`);
      await page.locator("details.earlier summary").click();
    },
  },
  {
    audience: "applicant",
    name: "full-application-over-limit",
    covers: [],
    open: async (page, base, lang) => {
      await asApplicant(page, base, (await shortlisted(base, lang)).token);
      await page.goto(`${base}/apply/my/full-application`);
      await page.locator("main textarea").first().fill(text(lang, 640));
      await submit(page);
    },
  },
  {
    audience: "applicant",
    name: "full-document",
    covers: ["/apply/my/full-application/documents/:documentId"],
    open: async (page, base, lang) => {
      await asApplicant(page, base, (await shortlisted(base, lang)).token);
      await page.goto(`${base}/apply/my/full-application/documents/detailed-budget`);
    },
  },
  {
    audience: "applicant",
    name: "full-document-upload-form",
    covers: [],
    open: async (page, base, lang) => {
      await asApplicant(page, base, (await shortlisted(base, lang)).token);
      await page.goto(`${base}/apply/my/full-application/documents/work-plan`);
      await page.locator("input[name=type]").first().check();
      await submit(page);
    },
  },
  {
    audience: "applicant",
    name: "full-document-uploaded",
    covers: ["/apply/my/full-application/documents/:documentId/uploaded"],
    open: async (page, base, lang) => {
      await asApplicant(page, base, (await shortlisted(base, lang)).token);
      await page.goto(`${base}/apply/my/full-application/documents/work-plan`);
      await page.locator("input[name=type][value='text/csv']").check();
      await submit(page);
      await page.locator("input[type=file]").setInputFiles({ name: "plan.csv", mimeType: "text/csv", buffer: csv() });
      await submit(page, "main form[enctype='multipart/form-data']");
      await page.waitForURL(`${base}/apply/my/full-application/documents/work-plan/uploaded**`);
    },
  },
  {
    audience: "applicant",
    name: "full-review-problems",
    covers: ["/apply/my/full-application/submit"],
    open: async (page, base, lang) => {
      await asApplicant(page, base, (await shortlisted(base, lang, true)).token);
      await page.goto(`${base}/apply/my/full-application/submit`);
    },
  },
  {
    audience: "applicant",
    name: "status-full-submitted",
    covers: [],
    open: async (page, base, lang) => {
      await asApplicant(page, base, (await fullSubmitted(base, lang)).token);
      await page.goto(`${base}/apply/my`);
    },
  },
  {
    audience: "applicant",
    name: "full-review-sent",
    covers: [],
    open: async (page, base, lang) => {
      await asApplicant(page, base, (await fullSubmitted(base, lang)).token);
      await page.goto(`${base}/apply/my/full-application/submit`);
    },
  },
  {
    audience: "applicant",
    name: "status-full-past-due",
    covers: [],
    open: async (page, base, lang) => {
      await asApplicant(page, base, (await pastDue(base, lang)).token);
      await page.goto(`${base}/apply/my`);
    },
  },

  // Staff sign-in.
  { audience: "staff", name: "sign-in", covers: ["/staff"], open: (page, base) => page.goto(`${base}/staff`) },
  {
    audience: "staff",
    name: "sign-in-error",
    covers: [],
    open: async (page, base) => {
      await page.goto(`${base}/staff`);
      await page.locator("main input[type=email]").fill("not an address");
      await submit(page);
    },
  },
  {
    audience: "staff",
    name: "link-sent",
    covers: [],
    open: async (page, base) => {
      await page.goto(`${base}/staff`);
      await page.locator("main input[type=email]").fill("someone@example.org");
      await submit(page);
    },
  },
  {
    audience: "staff",
    name: "link-and-code",
    covers: ["/staff/sign-in/link"],
    open: (page, base) => page.goto(`${base}/staff/sign-in/link?token=${"x".repeat(43)}`),
  },
  {
    audience: "staff",
    name: "link-invalid",
    covers: [],
    open: async (page, base) => {
      await page.goto(`${base}/staff/sign-in/link?token=${"x".repeat(43)}`);
      await submit(page, "main form:not(.signout)");
    },
  },
  {
    audience: "staff",
    name: "totp-enrolment",
    covers: ["/staff/totp"],
    open: async (page, base) => {
      await asStaff(page, base, await newcomer(), "enrol");
      await page.goto(`${base}/staff/totp`);
    },
  },
  {
    audience: "staff",
    name: "totp-wrong-code",
    covers: [],
    open: async (page, base) => {
      await asStaff(page, base, await newcomer(), "enrol");
      await page.goto(`${base}/staff/totp`);
      await page.locator("input[name=code]").fill("000000");
      await submit(page, "main form:not(.signout)");
    },
  },
  // Recovery codes and sessions.
  {
    audience: "staff",
    name: "recovery-codes",
    covers: [],
    open: async (page, base) => {
      await asStaff(page, base, await newcomer(), "enrol");
      await page.goto(`${base}/staff/totp`);
      const key = (await page.locator("main code").innerText()).replace(/\s/g, "");
      await page.locator("input[name=code]").fill(Auth.currentCode(key));
      await submit(page, "main form:not(.signout)");
    },
  },

  {
    audience: "staff",
    name: "sessions",
    covers: ["/staff/sessions"],
    open: async (page, base) => {
      await asStaff(page, base, "coordinator@amparo.local");
      await page.goto(`${base}/staff/sessions`);
    },
  },

  // Reviewer.
  {
    audience: "reviewer",
    name: "queue",
    covers: [],
    open: async (page, base, lang) => {
      await reviewed(base, lang);
      await asStaff(page, base, "reviewer1@amparo.local");
      await page.goto(`${base}/staff`);
    },
  },
  {
    audience: "reviewer",
    name: "conflict-declaration",
    covers: ["/staff/applications/:id"],
    open: async (page, base, lang) => {
      const { id } = await reviewed(base, lang);
      await asStaff(page, base, "reviewer1@amparo.local");
      await page.goto(`${base}/staff/applications/${id}`);
    },
  },
  {
    audience: "reviewer",
    name: "application-and-scoring",
    covers: [],
    open: async (page, base, lang) => {
      const { id } = await reviewed(base, lang);
      await Review.declare(await user("reviewer1@amparo.local"), id, { conflict: false });
      await asStaff(page, base, "reviewer1@amparo.local");
      await page.goto(`${base}/staff/applications/${id}`);
    },
  },
  {
    audience: "reviewer",
    name: "scored",
    covers: [],
    open: async (page, base, lang) => {
      const { id } = await reviewed(base, lang);
      await asStaff(page, base, "reviewer2@amparo.local");
      await page.goto(`${base}/staff/applications/${id}`);
    },
  },

  // Coordinator.
  {
    audience: "coordinator",
    name: "home",
    covers: [],
    open: async (page, base) => {
      await asStaff(page, base, "coordinator@amparo.local");
      await page.goto(`${base}/staff`);
    },
  },
  {
    audience: "coordinator",
    name: "list",
    covers: ["/staff/applications"],
    open: async (page, base, lang) => {
      await reviewed(base, lang);
      await decided(base, lang, "approved");
      await asStaff(page, base, "coordinator@amparo.local");
      await page.goto(`${base}/staff/applications?callId=digital-emergency`);
    },
  },
  {
    audience: "coordinator",
    name: "application",
    covers: [],
    open: async (page, base, lang) => {
      const { id } = await reviewed(base, lang);
      await asStaff(page, base, "coordinator@amparo.local");
      await page.goto(`${base}/staff/applications/${id}`);
    },
  },
  {
    audience: "coordinator",
    name: "assign-nobody",
    covers: [],
    open: async (page, base, lang) => {
      const { id } = await submitted(base, lang);
      await asStaff(page, base, "coordinator@amparo.local");
      await page.goto(`${base}/staff/applications/${id}`);
      await submit(page, `main form[action$="/assign"]`);
    },
  },
  {
    audience: "coordinator",
    name: "assigned",
    covers: [],
    open: async (page, base, lang) => {
      const { id } = await submitted(base, lang);
      await asStaff(page, base, "coordinator@amparo.local");
      await page.goto(`${base}/staff/applications/${id}`);
      await page.locator("input[name=reviewerIds]").first().check();
      await submit(page, `main form[action$="/assign"]`);
    },
  },
  {
    audience: "coordinator",
    name: "decide",
    covers: [],
    open: async (page, base, lang) => {
      const { id } = await reviewed(base, lang);
      await move(id, "in_review");
      await asStaff(page, base, "coordinator@amparo.local");
      await page.goto(`${base}/staff/applications/${id}`);
      await page.locator("select[name=to]").selectOption("approved");
      await page.locator("input[name=amount]").fill("2800");
      await submit(page, `main form[action$="/transition"]`);
    },
  },
  {
    audience: "coordinator",
    name: "decided",
    covers: [],
    open: async (page, base, lang) => {
      const { id } = await decided(base, lang, "approved");
      await asStaff(page, base, "coordinator@amparo.local");
      await page.goto(`${base}/staff/applications/${id}`);
    },
  },

  // Coordinator: the grant call's shortlist and second stage.
  {
    audience: "coordinator",
    name: "list-grant-bulk",
    covers: [],
    open: async (page, base, lang) => {
      await grantInReview(base, lang);
      await grantInReview(base, lang);
      await asStaff(page, base, "coordinator@amparo.local");
      await page.goto(`${base}/staff/applications?callId=concept-notes-2026&stage=in_review`);
    },
  },
  {
    audience: "coordinator",
    name: "bulk-shortlisted",
    covers: [],
    open: async (page, base, lang) => {
      await grantInReview(base, lang);
      const stale = await grantInReview(base, lang);
      await asStaff(page, base, "coordinator@amparo.local");
      await page.goto(`${base}/staff/applications?callId=concept-notes-2026&stage=in_review`);
      for (const box of await page.locator("input[name=items]").all()) await box.check();
      // Moved by someone else after the list was loaded: named as changed on the result.
      await move(stale.id, "more_info", { note: "Ask for the budget in USD." });
      await page.locator(`main form#bulk button:not([formaction])`).click();
    },
  },
  {
    audience: "coordinator",
    name: "bulk-decline-confirm",
    covers: [],
    open: async (page, base, lang) => {
      await grantInReview(base, lang);
      await asStaff(page, base, "coordinator@amparo.local");
      await page.goto(`${base}/staff/applications?callId=concept-notes-2026&stage=in_review`);
      await page.locator("input[name=items]").first().check();
      await page.locator(`main form#bulk button[formaction]`).click();
    },
  },
  {
    audience: "coordinator",
    name: "due-extended",
    covers: [],
    open: async (page, base, lang) => {
      const { id } = await shortlisted(base, lang);
      const due = (await Application.fromID(id))!.fullApplication!.dueAt;
      await asStaff(page, base, "coordinator@amparo.local");
      await page.goto(`${base}/staff/applications/${id}`);
      await page.locator("#dueAt").fill(new Date(Date.parse(due) + 14 * 86_400_000).toISOString().slice(0, 10));
      await submit(page, `main form[action$="/due"]`);
    },
  },
  {
    audience: "coordinator",
    name: "full-application",
    covers: [],
    open: async (page, base, lang) => {
      const { id } = await fullReviewed(base, lang);
      await asStaff(page, base, "coordinator@amparo.local");
      await page.goto(`${base}/staff/applications/${id}`);
    },
  },
  {
    audience: "reviewer",
    name: "full-application-scoring",
    covers: [],
    open: async (page, base, lang) => {
      const { id } = await fullReviewed(base, lang);
      await asStaff(page, base, "reviewer1@amparo.local");
      await page.goto(`${base}/staff/applications/${id}`);
    },
  },

  // Admin.
  {
    audience: "admin",
    name: "home",
    covers: ["/staff/admin"],
    open: async (page, base) => {
      await asStaff(page, base, "admin@amparo.local");
      await page.goto(`${base}/staff/admin`);
    },
  },
  {
    audience: "admin",
    name: "calls",
    covers: ["/staff/admin/calls"],
    open: async (page, base) => {
      await asStaff(page, base, "admin@amparo.local");
      await page.goto(`${base}/staff/admin/calls`);
    },
  },
  {
    audience: "admin",
    name: "call-editor",
    covers: ["/staff/admin/calls/:id"],
    open: async (page, base) => {
      await asStaff(page, base, "admin@amparo.local");
      await page.goto(`${base}/staff/admin/calls/digital-emergency`);
    },
  },
  {
    audience: "admin",
    name: "call-editor-full-application",
    covers: [],
    open: async (page, base) => {
      await asStaff(page, base, "admin@amparo.local");
      await page.goto(`${base}/staff/admin/calls/concept-notes-2026#section-full-application`);
    },
  },
  {
    audience: "admin",
    name: "call-json",
    covers: ["/staff/admin/calls/:id/json"],
    open: async (page, base) => {
      await asStaff(page, base, "admin@amparo.local");
      await page.goto(`${base}/staff/admin/calls/digital-emergency/json`);
    },
  },
  {
    audience: "admin",
    name: "staff-account-added",
    covers: [],
    open: async (page, base) => {
      await asStaff(page, base, "admin@amparo.local");
      await page.goto(`${base}/staff/admin`);
      const form = `main form[action="/staff/admin/users"]`;
      await page
        .locator(`${form} input[type=email]`)
        .fill(`new-${Math.random().toString(36).slice(2, 8)}@amparo.local`);
      await page.locator(`${form} input[name=roles]`).first().check();
      await submit(page, form);
    },
  },
  {
    audience: "admin",
    name: "staff-account",
    covers: ["/staff/admin/users/:id"],
    open: async (page, base) => {
      await asStaff(page, base, "admin@amparo.local");
      await page.goto(`${base}/staff/admin`);
      // Someone else's account: the admin's own has no deactivate button.
      await page.locator(`main a[href^="/staff/admin/users/"][aria-label*="coordinator@"]`).first().click();
    },
  },
  {
    audience: "admin",
    name: "staff-account-reset-second-factor",
    covers: ["/staff/admin/users/:id/reset-second-factor"],
    open: async (page, base) => {
      await asStaff(page, base, "admin@amparo.local");
      await page.goto(`${base}/staff/admin`);
      await page.locator(`main a[href^="/staff/admin/users/"][aria-label*="reviewer2@"]`).first().click();
      await page.locator(`main a[href$="/reset-second-factor"]`).click();
    },
  },
  {
    audience: "admin",
    name: "staff-access-filtered",
    covers: [],
    open: async (page, base, lang) => {
      const { id } = await decided(base, lang, "approved");
      await asStaff(page, base, "admin@amparo.local");
      await page.goto(`${base}/staff/applications/${id}`);
      await page.goto(`${base}/staff/admin/access`);
      await page.locator("#access-application").fill(id.slice(0, 8));
      await submit(page, `main form[action="/staff/admin/access"]`);
    },
  },
  {
    audience: "admin",
    name: "staff-access",
    covers: ["/staff/admin/access"],
    open: async (page, base, lang) => {
      const { id } = await decided(base, lang, "approved");
      await asStaff(page, base, "admin@amparo.local");
      // An application opened, so the list has a row to show.
      await page.goto(`${base}/staff/applications/${id}`);
      await page.goto(`${base}/staff/admin/access`);
    },
  },

  // Funder.
  {
    audience: "funder",
    name: "home",
    covers: [],
    open: async (page, base) => {
      await asStaff(page, base, "funder@amparo.local");
      await page.goto(`${base}/staff`);
    },
  },
  {
    audience: "funder",
    name: "reports",
    covers: ["/staff/reports"],
    open: async (page, base) => {
      await asStaff(page, base, "funder@amparo.local");
      await page.goto(`${base}/staff/reports`);
    },
  },
  {
    audience: "funder",
    name: "reports-call",
    covers: [],
    open: async (page, base) => {
      await asStaff(page, base, "funder@amparo.local");
      await page.goto(`${base}/staff/reports?callId=digital-emergency`);
    },
  },

  // Errors.
  { audience: "error", name: "not-found", covers: [], open: (page, base) => page.goto(`${base}/apply/no-such-call`) },
  {
    audience: "error",
    name: "staff-not-found",
    covers: [],
    open: async (page, base) => {
      await asStaff(page, base, "coordinator@amparo.local");
      await page.goto(`${base}/staff/applications/00000000-0000-4000-8000-000000000000`);
    },
  },
  {
    audience: "error",
    name: "refusal-reviewer-on-admin",
    covers: [],
    open: async (page, base) => {
      await asStaff(page, base, "reviewer1@amparo.local");
      await page.goto(`${base}/staff/admin`);
    },
  },
  {
    audience: "error",
    name: "refusal-funder-on-applications",
    covers: [],
    open: async (page, base) => {
      await asStaff(page, base, "funder@amparo.local");
      await page.goto(`${base}/staff/applications?callId=digital-emergency`);
    },
  },
];
