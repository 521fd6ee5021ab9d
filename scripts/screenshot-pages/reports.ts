// A grant's reports as the applicant meets them, for `npm run screenshots`: the status page listing them, a report
// being written (with its document), refused for what is missing, asked about by the fund's team, sent and
// accepted; and a report's document before and after its upload (the upload form itself, shown in answer to a
// post, is the full application's, photographed there).
import * as Application from "@amparo/core/application";
import * as Award from "@amparo/core/award";
import * as Call from "@amparo/core/call";
import type { Locale } from "@amparo/core/i18n";
import * as Stage from "@amparo/core/stage";
import type { Page } from "playwright-core";
import { csv } from "../../test/support/files.js";
import { asApplicant, fullSubmitted, granted, submit, text, user, type Shot } from "./fixtures.js";

const fresh = async (id: string) => (await Application.fromID(id))!;

/** Writes report `reportId` of grant `id`: each field about `share` of its limit. */
async function write(id: string, lang: Locale, reportId: string, share: number) {
  const call = await Call.forApplication(await fresh(id));
  const spec = Application.reportSpec(call, reportId)!;
  const fields = Object.fromEntries(
    spec.fields.map((field) => [field.id, text(lang, Math.max(1, Math.round(field.maxWords * share)))]),
  );
  await Award.saveReport(await fresh(id), reportId, { fields });
}

/** A grant call's grant (two fields and a financial statement a report), its agreement accepted. */
async function agreedGrant(base: string, lang: Locale) {
  const made = await fullSubmitted(base, lang);
  const coordinator = await user("coordinator@amparo.local");
  for (const [to, extra] of [
    ["approved", { amount: 18_000 }],
    ["agreement_sent", {}],
  ] as const) {
    await Stage.transition(coordinator, made.id, { to, version: (await fresh(made.id)).version, ...extra });
  }
  await Award.answerAgreement(await fresh(made.id), { decision: "accept", name: "Ana María Pérez" });
  return made;
}

const questions: Partial<Record<Locale, string>> = {
  en: "Which receipts can you send for the two phones?",
  es: "¿Qué comprobantes pueden enviar de los dos teléfonos?",
  pt: "Que comprovantes vocês podem enviar dos dois telefones?",
};

/** An emergency grant whose final report is sent; with `more`, the fund's team asked about it; or accepted. */
async function finalSent(base: string, lang: Locale, then: "sent" | "more" | "accepted" = "sent") {
  const made = await granted(base, lang);
  await write(made.id, lang, "final", 0.3);
  await Award.sendReport(await fresh(made.id), "final", {});
  if (then === "sent") return made;
  const coordinator = await user("coordinator@amparo.local");
  const version = (await fresh(made.id)).version;
  await Award.decideReport(
    coordinator,
    made.id,
    "final",
    then === "more"
      ? { decision: "more", version, question: questions[lang] ?? questions.en! }
      : { decision: "accept", version },
  );
  return made;
}

/** The applicant of the application `made` makes, on `path`. */
const applicantOn =
  (made: (base: string, lang: Locale) => Promise<{ token: string }>, path: string) =>
  async (page: Page, base: string, lang: Locale) => {
    await asApplicant(page, base, (await made(base, lang)).token);
    await page.goto(`${base}${path}`);
  };

/** A grant call's grant whose interim report is half written. */
const interimWritten = async (base: string, lang: Locale) => {
  const made = await agreedGrant(base, lang);
  await write(made.id, lang, "interim", 0.1);
  return made;
};

const interim = "/apply/my/reports/interim";
const statement = `${interim}/documents/financial-statement`;

export const reportShots: Shot[] = [
  { audience: "applicant", name: "reports-status", covers: [], open: applicantOn(interimWritten, "/apply/my") },
  {
    audience: "applicant",
    name: "report-open",
    covers: ["/apply/my/reports/:reportId"],
    open: applicantOn(interimWritten, interim),
  },
  {
    audience: "applicant",
    name: "report-send-problems",
    covers: [],
    // Sent with the financial statement missing: the problems at the top, each linked to where it is fixed.
    open: async (page, base, lang) => {
      await applicantOn(agreedGrant, interim)(page, base, lang);
      await page.locator("button[name=_send]").click();
      await page.locator("main .summary").waitFor();
    },
  },
  {
    audience: "applicant",
    name: "report-more-asked",
    covers: [],
    open: applicantOn((base, lang) => finalSent(base, lang, "more"), "/apply/my/reports/final"),
  },
  {
    audience: "applicant",
    name: "reports-status-more-asked",
    covers: [],
    open: applicantOn((base, lang) => finalSent(base, lang, "more"), "/apply/my"),
  },
  {
    audience: "applicant",
    name: "report-sent",
    covers: [],
    open: async (page, base, lang) => {
      // Written and sent on its page, landing where it says so.
      await applicantOn(granted, "/apply/my/reports/final")(page, base, lang);
      await page.locator("main textarea").first().fill(text(lang, 120));
      await page.locator("button[name=_send]").click();
      await page.waitForURL(/\?sent=1$/);
    },
  },
  {
    audience: "applicant",
    name: "report-accepted",
    covers: [],
    open: applicantOn((base, lang) => finalSent(base, lang, "accepted"), "/apply/my/reports/final"),
  },
  {
    audience: "applicant",
    name: "report-document",
    covers: ["/apply/my/reports/:reportId/documents/:documentId"],
    open: applicantOn(agreedGrant, statement),
  },
  {
    audience: "applicant",
    name: "report-document-uploaded",
    covers: ["/apply/my/reports/:reportId/documents/:documentId/uploaded"],
    open: async (page, base, lang) => {
      await applicantOn(agreedGrant, statement)(page, base, lang);
      await page.locator("input[name=type][value='text/csv']").check();
      await submit(page);
      await page.locator("input[type=file]").setInputFiles({ name: "estado.csv", mimeType: "text/csv", buffer: csv() });
      await submit(page, "main form[enctype='multipart/form-data']");
      await page.waitForURL(/\/documents\/financial-statement\?accepted=1$/);
    },
  },
];
