import * as Config from "@amparo/core/config";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen, type Listening } from "../../packages/local/src/server.js";
import { startApplication } from "../support/applications.js";
import { launchBrowser, violationsByPage } from "../support/browser.js";

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

describe("'About you', with JavaScript off", () => {
  it("takes a name or organisation and a country, and the review step shows them with a link to change them, axe-clean at 390 and 1280 px", async () => {
    const { token } = await startApplication("digital-emergency");
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}/apply/resume?lang=pt`);
      await page.getByLabel("Código de acesso").fill(token);
      await page.getByRole("button", { name: "Continuar" }).click();
      await page.getByRole("link", { name: "Sobre você" }).click();
      expect(await page.locator("h1").innerText()).toBe("Sobre você");
      const form = await page.content();

      await page.getByLabel(/Nome ou organização/).fill("Coletivo Terra Firme");
      await page.getByLabel("País").selectOption({ label: "Brasil" });
      await page.getByRole("button", { name: "Salvar" }).click();
      expect(await page.getByRole("status").innerText()).toBe("Salvo.");

      await page.goto(`${server.url}/apply/my/submit?lang=pt`);
      const part = await page.getByRole("region", { name: "Sobre você" }).innerText();
      expect(part).toContain("Coletivo Terra Firme");
      expect(part).toContain("Brasil");
      expect(await page.getByRole("link", { name: "Alterar Sobre você", exact: true }).getAttribute("href")).toBe(
        "/apply/my/about",
      );
      expect(
        await violationsByPage(browser, [{ name: "about you", url: server.url, html: form }], [390, 1280]),
      ).toEqual({});
    } finally {
      await context.close();
    }
  });
});
