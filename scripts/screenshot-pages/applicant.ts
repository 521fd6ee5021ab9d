// The applicant's pages for `npm run screenshots`: finding a call and the quiz, the application as a draft,
// after submission and a decision, and the full application of a grant call's second stage.
import * as Call from "@amparo/core/call";
import type { Locale } from "@amparo/core/i18n";
import type { Page } from "playwright-core";
import { visits as weighedVisits } from "../../bench/page-weight.js";
import { csv } from "../../test/support/files.js";
import {
  askedMoreInfo,
  asApplicant,
  decided,
  draft,
  fullSubmitted,
  pastDue,
  shortlisted,
  submit,
  submitted,
  text,
  type CallId,
  type Shot,
} from "./fixtures.js";

const weighed = (name: string) => weighedVisits.find((visit) => visit.name === name)!.open;

const applicantOnDraft =
  (path: string, callId: CallId = "concept-notes-2026") =>
  async (page: Page, base: string, lang: Locale) => {
    await asApplicant(page, base, (await draft(base, callId, lang)).token);
    await page.goto(`${base}${path}`);
  };
export const applicantShots: Shot[] = [
  // Applicant: finding a call and the quiz.
  { audience: "applicant", name: "home", covers: ["/"], open: weighed("home") },
  { audience: "applicant", name: "call-emergency", covers: ["/apply/:callId"], open: weighed("call: emergency") },
  { audience: "applicant", name: "call-grant", covers: ["/apply/:callId"], open: weighed("call: grant") },
  {
    audience: "applicant",
    name: "call-one-language",
    covers: [],
    open: async (page, base) => {
      // The seeded emergency call, written in Portuguese alone, as a reader of another language meets it.
      const id = `fundo-${Math.random().toString(36).slice(2, 8)}`;
      const seeded = await Call.get("digital-emergency");
      const portuguese = JSON.parse(JSON.stringify(seeded), (_key, value: unknown) =>
        value && typeof value === "object" && "pt" in value && "en" in value
          ? { pt: (value as { pt: string }).pt }
          : value,
      );
      const { version: _version, ...config } = portuguese as Call.Stored;
      await Call.put({ ...config, id, textLanguages: ["pt"] }, { basedOn: Call.newCall });
      await page.goto(`${base}/apply/${id}`);
    },
  },
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
    name: "funding-emergency-not-whole",
    covers: [],
    // No annual budget asked (no rule reads it), and cents refused with the number as it was read.
    open: async (page, base, lang) => {
      await applicantOnDraft("/apply/my/funding", "digital-emergency")(page, base, lang);
      await page.locator("#amount").fill("$2,500.50");
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
      // S3 returns the browser to the check, which leads on to the file's own page.
      await page.waitForURL(/\/apply\/my\/budget\?accepted=1$/);
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
  // Applicant: asked for more information, the answer where the question is, and the answer with the rest.
  {
    audience: "applicant",
    name: "status-more-info",
    covers: [],
    open: async (page, base, lang) => {
      await asApplicant(page, base, (await askedMoreInfo(base, lang)).token);
      await page.goto(`${base}/apply/my`);
    },
  },
  {
    audience: "applicant",
    name: "more-info-answer",
    covers: ["/apply/my/more-info"],
    open: async (page, base, lang) => {
      await asApplicant(page, base, (await askedMoreInfo(base, lang, 2)).token);
      await page.goto(`${base}/apply/my/more-info`);
    },
  },
  {
    audience: "applicant",
    name: "more-info-missing",
    covers: [],
    open: async (page, base, lang) => {
      await asApplicant(page, base, (await askedMoreInfo(base, lang)).token);
      await page.goto(`${base}/apply/my/submit`);
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
      await page.waitForURL(/\/documents\/work-plan\?accepted=1$/);
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
];
