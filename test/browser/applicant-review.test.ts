import * as Config from "@amparo/core/config";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen, type Listening } from "../../packages/local/src/server.js";
import { applicantRequest, startApplication, uploadBudget } from "../support/applications.js";
import { launchBrowser, violationsByPage } from "../support/browser.js";
import { csv } from "../support/files.js";

let server: Listening;
let browser: Browser;

beforeAll(async () => {
  server = await listen(0);
  Config.set({ PUBLIC_URL: server.url });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const note = {
  problem: "Las periodistas de la región reciben amenazas coordinadas en redes.",
  approach: "Clínicas de seguridad digital y una línea de respuesta rápida.",
  outcomes: "Menos cuentas tomadas.",
  organisation: "Un colectivo de abogadas y tecnólogas desde 2016.",
};

/** A grant application with every part filled in, as the applicant left it before reviewing. */
async function readyToReview(): Promise<string> {
  const { id, token } = await startApplication("concept-notes-2026");
  await applicantRequest("PUT", `/api/v1/applications/${id}/concept-note`, token, { fields: note });
  await applicantRequest("PUT", `/api/v1/applications/${id}/funding`, token, { amount: 18_000, months: 9 });
  await uploadBudget(id, token, csv(), "text/csv", "presupuesto.csv");
  await applicantRequest("POST", `/api/v1/applications/${id}/budget-file/confirm`, token);
  return token;
}

describe("the review step, with JavaScript off", () => {
  it("lists what will be sent (answers, note, funding, file) with a link to change each part, axe-clean at 390 and 1280 px", async () => {
    const token = await readyToReview();
    const context = await browser.newContext({
      javaScriptEnabled: false,
      locale: "es",
      viewport: { width: 390, height: 844 },
    });
    const page: Page = await context.newPage();
    try {
      await page.goto(`${server.url}/apply/resume?lang=es`);
      await page.getByLabel("Código de acceso").fill(token);
      await page.getByRole("button", { name: "Continuar" }).click();
      await page.getByRole("link", { name: "Revisar y enviar" }).click();
      expect(await page.locator("h1").innerText()).toBe("Revisar y enviar");

      const part = (name: string) => page.getByRole("region", { name });
      const answers = part("Respuestas de elegibilidad");
      expect(await answers.getByText("¿Cuál es su presupuesto anual actual, en dólares estadounidenses?").count()).toBe(
        1,
      );
      expect(await answers.getByText("Tailandia").count()).toBe(1);
      for (const text of Object.values(note)) expect(await part("Nota conceptual").getByText(text).count()).toBe(1);
      const funding = await part("Lo que solicita").innerText();
      expect(funding).toMatch(/18\.000/);
      expect(funding).toMatch(/20\.000/);
      expect(funding).toContain("9 meses");
      const file = await part("Archivo de presupuesto").innerText();
      expect(file).toContain("presupuesto.csv");
      expect(file).toContain("CSV");

      const links = {
        "Cambiar Respuestas de elegibilidad": "/apply/my/answers",
        "Cambiar Nota conceptual": "/apply/my/concept-note",
        "Cambiar Lo que solicita": "/apply/my/funding",
        "Cambiar Archivo de presupuesto": "/apply/my/budget",
      };
      for (const [name, href] of Object.entries(links)) {
        expect(await page.getByRole("link", { name, exact: true }).getAttribute("href")).toBe(href);
      }
      const html = await page.content();

      // A change link leads to its step, and the step back here.
      await page.getByRole("link", { name: "Cambiar Lo que solicita", exact: true }).click();
      await page.waitForLoadState();
      expect(await page.locator("h1").innerText()).toBe("Lo que solicita");
      expect(await page.getByLabel(/Su presupuesto anual actual/).count()).toBe(0);

      // On paper: no navigation, quick exit, forms or change links.
      await page.goto(`${server.url}/apply/my/submit?lang=es`);
      await page.emulateMedia({ media: "print" });
      expect(await page.locator(".exit").isVisible()).toBe(false);
      expect(await page.locator("nav").isVisible()).toBe(false);
      expect(await page.getByRole("button", { name: "Enviar solicitud" }).isVisible()).toBe(false);
      expect(await page.locator("a.change").first().isVisible()).toBe(false);
      expect(await page.getByText(note.problem).isVisible()).toBe(true);

      expect(await violationsByPage(browser, [{ name: "review", url: server.url, html: html }], [390, 1280])).toEqual(
        {},
      );
    } finally {
      await context.close();
    }
  });
});
