// The pages after the award for `npm run screenshots`: the applicant's agreement, turning the grant down, how the
// money should reach them and the status page as the grant goes on; the coordinator's grant section, how the
// money reaches the grantee (opened by pressing its button), the final payment's confirmation and the call's ledger.
import type { Locale } from "@amparo/core/i18n";
import type { Page } from "playwright-core";
import { agreementSent, asApplicant, asStaff, granted, submit, type Shot } from "./fixtures.js";

/** The applicant of an application made by `made`, on `path`. */
const applicantOn =
  (made: (base: string, lang: Locale) => Promise<{ token: string }>, path: string) =>
  async (page: Page, base: string, lang: Locale) => {
    await asApplicant(page, base, (await made(base, lang)).token);
    await page.goto(`${base}${path}`);
  };

const agreed = (base: string, lang: Locale) => granted(base, lang);
const active = (base: string, lang: Locale) => granted(base, lang, "some");
const paidInFull = (base: string, lang: Locale) => granted(base, lang, "final");

/** The seeded coordinator on the application page of an active grant. */
async function coordinatorOnGrant(page: Page, base: string, lang: Locale) {
  const { id } = await active(base, lang);
  await asStaff(page, base, "coordinator@amparo.local");
  await page.goto(`${base}/staff/applications/${id}#grant`);
}

export const awardShots: Shot[] = [
  // Applicant: the agreement, and turning the grant down.
  {
    audience: "applicant",
    name: "award-status-agreement-sent",
    covers: [],
    open: applicantOn(agreementSent, "/apply/my"),
  },
  {
    audience: "applicant",
    name: "award-agreement",
    covers: ["/apply/my/agreement"],
    open: applicantOn(agreementSent, "/apply/my/agreement"),
  },
  {
    audience: "applicant",
    name: "award-agreement-no-name",
    covers: [],
    open: async (page, base, lang) => {
      await applicantOn(agreementSent, "/apply/my/agreement")(page, base, lang);
      await submit(page, "main form[method=post]");
    },
  },
  {
    audience: "applicant",
    name: "award-status-agreed",
    covers: [],
    // Accepted on its page, landing on the status page with what happened and what comes next.
    open: async (page, base, lang) => {
      await applicantOn(agreementSent, "/apply/my/agreement")(page, base, lang);
      await page.locator("#agreement-name").fill("Ana María Pérez");
      await submit(page, "main form[method=post]");
    },
  },
  {
    audience: "applicant",
    name: "award-decline",
    covers: ["/apply/my/decline"],
    open: applicantOn(agreementSent, "/apply/my/decline"),
  },
  // Applicant: how the money should reach them.
  {
    audience: "applicant",
    name: "award-method-choice",
    covers: ["/apply/my/payment-method"],
    open: applicantOn(agreed, "/apply/my/payment-method"),
  },
  {
    audience: "applicant",
    name: "award-method-bank",
    covers: ["/apply/my/payment-method/:kind"],
    open: applicantOn(agreed, "/apply/my/payment-method/bank_transfer"),
  },
  {
    audience: "applicant",
    name: "award-method-errors",
    covers: [],
    open: async (page, base, lang) => {
      await applicantOn(agreed, "/apply/my/payment-method/bank_transfer")(page, base, lang);
      await page.locator("#method-account").fill("GT82 TRAJ 0102");
      await submit(page, "main form#method-form");
    },
  },
  {
    audience: "applicant",
    name: "award-method-intermediary",
    covers: [],
    open: applicantOn(agreed, "/apply/my/payment-method/intermediary"),
  },
  // Applicant: the status page as the grant goes on.
  { audience: "applicant", name: "award-status-active", covers: [], open: applicantOn(active, "/apply/my") },
  { audience: "applicant", name: "award-status-paid", covers: [], open: applicantOn(paidInFull, "/apply/my") },
  // Coordinator: the grant section, how the money reaches the grantee, and the final payment.
  { audience: "coordinator", name: "award-grant", covers: [], open: coordinatorOnGrant },
  {
    audience: "coordinator",
    name: "award-method",
    covers: [],
    open: async (page, base, lang) => {
      await coordinatorOnGrant(page, base, lang);
      await submit(page, `main form[action$="/payment-method"]`);
    },
  },
  {
    audience: "coordinator",
    name: "award-final-confirm",
    covers: [],
    open: async (page, base, lang) => {
      await coordinatorOnGrant(page, base, lang);
      await page.locator("#paymentAmount").fill("1600");
      await page.locator("#paymentReference").fill("TRX-2026-0519-042");
      await page.locator("#paymentFinal").check();
      await submit(page, `main form[action$="/payments"]`);
    },
  },
  {
    audience: "coordinator",
    name: "award-grant-paid",
    covers: [],
    open: async (page, base, lang) => {
      const { id } = await paidInFull(base, lang);
      await asStaff(page, base, "coordinator@amparo.local");
      await page.goto(`${base}/staff/applications/${id}#grant`);
    },
  },
  {
    audience: "coordinator",
    name: "award-ledger",
    covers: ["/staff/ledger"],
    open: async (page, base, lang) => {
      await paidInFull(base, lang);
      await asStaff(page, base, "coordinator@amparo.local");
      await page.goto(`${base}/staff/ledger?callId=digital-emergency`);
    },
  },
];
