// The admin's and the funder's pages for `npm run screenshots`: calls, staff accounts and access, and reports.
import type { Page } from "playwright-core";
import { asStaff, decided, submit, type Shot } from "./fixtures.js";

/** The editor of a new call (its own id, so that runs and languages never meet), its texts in Portuguese alone. */
async function newCallInPortuguese(page: Page, base: string) {
  await asStaff(page, base, "admin@amparo.local");
  await page.goto(`${base}/staff/admin/calls/fundo-${Math.random().toString(36).slice(2, 8)}`);
  const languages = page.locator('[id="textLanguages"]');
  await languages.locator('input[value="en"]').uncheck();
  await languages.locator('input[value="es"]').uncheck();
  await page.locator('button[value="check"]').first().click();
}

export const adminFunderShots: Shot[] = [
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
    name: "call-editor-one-language",
    covers: [],
    open: (page, base) => newCallInPortuguese(page, base),
  },
  {
    audience: "admin",
    name: "call-opening-confirmation",
    covers: [],
    open: async (page, base) => {
      await newCallInPortuguese(page, base);
      await page.locator('[id="title.pt"]').fill("Fundo de emergência digital");
      await page.locator('[id="summary.pt"]').fill("Apoio rápido a quem sofre ataques digitais.");
      await page.locator('[id="conceptNote.fields.0.id"]').fill("situacao");
      await page.locator('[id="conceptNote.fields.0.label.pt"]').fill("O que está acontecendo?");
      await page.locator('[id="rubric.criteria.0.id"]').fill("urgencia");
      await page.locator('[id="rubric.criteria.0.label.pt"]').fill("Urgência");
      await page.locator('[id="paused"]').uncheck();
      await page.locator('button[value="save"]').first().click();
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
];
