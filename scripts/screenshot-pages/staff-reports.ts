// A grant's reports as its coordinator meets them, for `npm run screenshots`: the grant section listing them,
// one report opened by pressing its button (sent, with the answers to it; asked about and sent again; with a
// document), and the step that confirms closing the grant once every report is accepted.
import * as Application from "@amparo/core/application";
import * as Award from "@amparo/core/award";
import * as Call from "@amparo/core/call";
import * as Stage from "@amparo/core/stage";
import type { Locale } from "@amparo/core/i18n";
import type { Page } from "playwright-core";
import { csv } from "../../test/support/files.js";
import { asStaff, fullSubmitted, granted, submit, text, user, type Shot } from "./fixtures.js";

const fresh = async (id: string) => (await Application.fromID(id))!;

/** The applicant of grant `id` writes its report `reportId` (about half of each field) and sends it. */
async function sendReport(id: string, lang: Locale, reportId: string, answer?: string) {
  const app = await fresh(id);
  const view = Award.reportView(app, await Call.forApplication(app), reportId);
  const fields = Object.fromEntries(view.fields.map((field) => [field.id, text(lang, Math.round(field.maxWords / 8))]));
  await Award.saveReport(await fresh(id), reportId, { fields });
  await Award.sendReport(await fresh(id), reportId, answer ? { answer } : {});
}

const question: Record<"en" | "es" | "pt", [string, string]> = {
  en: [
    "Which receipts can you send for the two phones?",
    "The shop's receipt is attached; the second phone was paid in cash.",
  ],
  es: [
    "¿Qué comprobantes pueden enviar de los dos teléfonos?",
    "Adjuntamos el recibo de la tienda; el segundo se pagó en efectivo.",
  ],
  pt: [
    "Que comprovantes vocês podem enviar dos dois telefones?",
    "O recibo da loja vai anexo; o segundo foi pago em dinheiro.",
  ],
};
const asked = (lang: Locale) => question[lang as "en"] ?? question.en;

/** An emergency grant under way whose final report is sent; with `rounds`, asked about once and sent again. */
async function reportSent(base: string, lang: Locale, rounds = false) {
  const made = await granted(base, lang, "some");
  await sendReport(made.id, lang, "final");
  if (rounds) {
    const coordinator = await user("coordinator@amparo.local");
    const version = (await fresh(made.id)).version;
    await Award.decideReport(coordinator, made.id, "final", { decision: "more", version, question: asked(lang)[0] });
    await sendReport(made.id, lang, "final", asked(lang)[1]);
  }
  return made;
}

/** An emergency grant whose only report is accepted: ready to close. */
async function reportAccepted(base: string, lang: Locale) {
  const made = await reportSent(base, lang);
  const coordinator = await user("coordinator@amparo.local");
  const version = (await fresh(made.id)).version;
  await Award.decideReport(coordinator, made.id, "final", { decision: "accept", version });
  return made;
}

/** The seeded coordinator on the grant section of application `id`. */
async function onGrant(page: Page, base: string, id: string) {
  await asStaff(page, base, "coordinator@amparo.local");
  await page.goto(`${base}/staff/applications/${id}#grant-reports`);
}

/** A grant call's grant, agreed, whose interim report is written with its financial statement and sent. */
async function grantReportSent(base: string, lang: Locale) {
  const made = await fullSubmitted(base, lang);
  const coordinator = await user("coordinator@amparo.local");
  await Stage.transition(coordinator, made.id, {
    to: "approved",
    amount: 18_000,
    version: (await fresh(made.id)).version,
  });
  await Stage.transition(coordinator, made.id, { to: "agreement_sent", version: (await fresh(made.id)).version });
  await Award.answerAgreement(await fresh(made.id), { decision: "accept", name: "Ana María Pérez" });
  const file = csv();
  const upload = await Award.startReportUpload(await fresh(made.id), "interim", "financial-statement", {
    fileName: "estado-financiero.csv",
    contentType: "text/csv",
    size: file.length,
  });
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append("file", new Blob([new Uint8Array(file)], { type: "text/csv" }), "estado-financiero.csv");
  await fetch(upload.url, { method: "POST", body: form, redirect: "manual" });
  await Award.confirmReportUpload(await fresh(made.id), "interim", "financial-statement");
  await sendReport(made.id, lang, "interim");
  return made;
}

const readReport = (reportId: string) => (page: Page) => submit(page, `main form[action$="/reports/${reportId}"]`);

export const staffReportShots: Shot[] = [
  {
    audience: "coordinator",
    name: "reports-grant",
    covers: [],
    open: async (page, base, lang) => onGrant(page, base, (await reportSent(base, lang)).id),
  },
  {
    audience: "coordinator",
    name: "reports-read",
    covers: [],
    open: async (page, base, lang) => {
      await onGrant(page, base, (await reportSent(base, lang)).id);
      await readReport("final")(page);
    },
  },
  {
    audience: "coordinator",
    name: "reports-read-again",
    covers: [],
    open: async (page, base, lang) => {
      await onGrant(page, base, (await reportSent(base, lang, true)).id);
      await readReport("final")(page);
    },
  },
  {
    audience: "coordinator",
    name: "reports-read-document",
    covers: [],
    open: async (page, base, lang) => {
      await onGrant(page, base, (await grantReportSent(base, lang)).id);
      await readReport("interim")(page);
    },
  },
  {
    audience: "coordinator",
    name: "reports-ask-empty",
    covers: [],
    // Asking for more with only spaces written (the browser lets them through): the refusal on the report's page.
    open: async (page, base, lang) => {
      await onGrant(page, base, (await reportSent(base, lang)).id);
      await readReport("final")(page);
      await page.locator("#reportQuestion").fill("   ");
      await submit(page, `main form:has(#reportQuestion)`);
    },
  },
  {
    audience: "coordinator",
    name: "reports-grant-closable",
    covers: [],
    open: async (page, base, lang) => onGrant(page, base, (await reportAccepted(base, lang)).id),
  },
  {
    audience: "coordinator",
    name: "reports-close-confirm",
    covers: [],
    open: async (page, base, lang) => {
      await onGrant(page, base, (await reportAccepted(base, lang)).id);
      await submit(page, `main form[action$="/close"]`);
    },
  },
];
