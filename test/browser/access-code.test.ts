import * as Config from "@amparo/core/config";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen, type Listening } from "../../packages/local/src/server.js";
import { launchBrowser, violationsByPage, type Visited } from "../support/browser.js";

let server: Listening;
let browser: Browser;
let context: BrowserContext;
const visited: Visited[] = [];

beforeAll(async () => {
  server = await listen(0);
  Config.set({ PUBLIC_URL: server.url });
  browser = await launchBrowser();
  context = await browser.newContext({ javaScriptEnabled: false, locale: "es-ES" });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** From the Spanish quiz to the access code, with JavaScript off. */
async function startInSpanish(page: Page): Promise<string> {
  await page.goto(`${server.url}/apply/digital-emergency/eligibility?lang=es`);
  await page.locator("#applicant-type-1").check();
  await page.locator("#country").selectOption("BR");
  await page.locator("#under-attack-0").check();
  await page.locator("#human-rights-work-0").check();
  await page.locator("#funded-recently-1").check();
  await page.locator("main form button[type=submit]").click();
  await page.locator("main form button[type=submit]").click();
  await page.locator("main form button[type=submit]").click();
  expect(await page.locator("h1").innerText()).toBe("Su código de acceso");
  return page.locator(".code strong").innerText();
}

describe("the access code page, in a browser with JavaScript off", () => {
  it("keeps the code through a language switch and a reload, and lets it go once the applicant continues", async () => {
    const page = await context.newPage();
    const code = await startInSpanish(page);
    expect(code).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    visited.push({ name: "access code (es)", url: page.url(), html: await page.content() });

    await page.locator('nav.languages a[hreflang="pt"]').click();
    expect(page.url()).toBe(`${server.url}/apply/my/code?lang=pt`);
    expect(await page.locator("h1").innerText()).toBe("O seu código de acesso");
    expect(await page.locator(".code strong").innerText()).toBe(code);
    visited.push({ name: "access code (pt)", url: page.url(), html: await page.content() });

    await page.reload();
    expect(await page.locator(".code strong").innerText()).toBe(code);

    await page.getByRole("link", { name: "Já guardei o meu código. Continuar" }).click();
    expect(await page.locator("h1").innerText()).toBe("A sua candidatura");
    await page.goBack();
    expect(page.url()).toBe(`${server.url}/apply/my`);
    expect(await page.content()).not.toContain(code);

    // The kept code opens the application in a fresh browser.
    const other = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    await other.goto(`${server.url}/apply/resume?lang=pt`);
    await other.getByLabel("Código de acesso").fill(code);
    await other.getByRole("button", { name: "Continuar" }).click();
    expect(await other.locator("h1").innerText()).toBe("A sua candidatura");
  });

  it("keeps what was typed through every language switch before the code, and Back after it leads to the application", async () => {
    const page = await (await browser.newContext({ javaScriptEnabled: false, locale: "es-ES" })).newPage();
    await page.goto(`${server.url}/apply/digital-emergency/eligibility?lang=es`);
    await page.locator("#applicant-type-1").check();
    await page.locator("#country").selectOption("BR");
    await page.locator("#under-attack-0").check();
    // Halfway through the quiz, a switch to Portuguese: the same form, with the same answers, nothing in the address.
    await page.locator('nav.languages button[lang="pt"]').click();
    expect(await page.locator("h1").innerText()).not.toBe("");
    expect(await page.locator("html").getAttribute("lang")).toBe("pt");
    expect(page.url()).not.toContain("BR");
    expect(await page.locator("#applicant-type-1").isChecked()).toBe(true);
    expect(await page.locator("#country").inputValue()).toBe("BR");
    expect(await page.locator("#under-attack-0").isChecked()).toBe(true);
    visited.push({ name: "quiz after a switch (pt)", url: page.url(), html: await page.content() });
    await page.locator("#human-rights-work-0").check();
    await page.locator("#funded-recently-1").check();
    await page.getByRole("button", { name: "Verificar minhas respostas" }).click();
    expect(await page.locator("h1").innerText()).toBe("Você pode se candidatar");

    // The result, in English: the same answers, still eligible.
    await page.locator('nav.languages button[lang="en"]').click();
    expect(await page.locator("h1").innerText()).toBe("You can apply");
    await page.getByRole("button", { name: "Start an application" }).click();
    await page.getByLabel("Email address", { exact: false }).fill("defender@example.org");
    // The start form in Spanish keeps the address typed.
    await page.locator('nav.languages button[lang="es"]').click();
    expect(await page.locator("html").getAttribute("lang")).toBe("es");
    expect(await page.locator("#email").inputValue()).toBe("defender@example.org");
    visited.push({ name: "start after a switch (es)", url: page.url(), html: await page.content() });
    await page.locator("#email").fill("");
    await page.locator("main form button[type=submit]").click();

    // The code has an address of its own (post/redirect/get); once kept, going back leads to the application.
    expect(page.url()).toBe(`${server.url}/apply/my/code`);
    const code = await page.locator(".code strong").innerText();
    await page.locator("main .actions a.button").click();
    expect(page.url()).toBe(`${server.url}/apply/my`);
    await page.goBack();
    expect(page.url()).toBe(`${server.url}/apply/my`);
    expect(await page.locator("h1").innerText()).toBe("Su solicitud");
    expect(await page.content()).not.toContain(code);
  });

  it("has no serious accessibility problem on the code page", async () => {
    expect(await violationsByPage(browser, visited)).toEqual({});
  });
});
