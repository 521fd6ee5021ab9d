import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen, type Listening } from "../../packages/local/src/server.js";
import { captured, launchBrowser, seriousViolations, violationsByPage, type Visited } from "../support/browser.js";

let server: Listening;
let browser: Browser;
let noScript: BrowserContext;
let axeContext: BrowserContext;
let axePage: Page;
/** Every address the JavaScript-free browser asked for, to prove no page loads anything from elsewhere. */
const requested: string[] = [];
/** Pages captured along the flows, checked with axe-core at the end. */
const visited: Visited[] = [];

beforeAll(async () => {
  server = await listen(0);
  browser = await launchBrowser();
  noScript = await browser.newContext({ javaScriptEnabled: false, locale: "en-GB" });
  noScript.on("request", (request) => requested.push(request.url()));
  axeContext = await browser.newContext({ javaScriptEnabled: true, bypassCSP: true });
  axePage = await axeContext.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function capture(page: Page, name: string) {
  visited.push(await captured(page, name));
}

describe("the eligibility quiz in a browser with JavaScript off", () => {
  it("takes the grant call's quiz in Spanish, reads the reasons, changes the answers and becomes eligible", async () => {
    const page = await noScript.newPage();
    await page.goto(`${server.url}/`);
    await capture(page, "home en");
    await page.getByRole("link", { name: "Español" }).click();
    await expect.poll(() => page.locator("h1").innerText()).toBe("Fondos para personas defensoras de derechos humanos");
    await capture(page, "home es");

    await page.getByRole("link", { name: "Becas de resiliencia digital 2026: notas conceptuales" }).click();
    await capture(page, "grant call es");
    await page.getByRole("link", { name: "Compruebe si puede solicitar" }).click();
    expect(await page.locator("h1").innerText()).toBe("¿Puede solicitar?");
    await capture(page, "grant quiz es");

    // First an empty submission: every question is named.
    await page.getByRole("button", { name: "Comprobar mis respuestas" }).click();
    await page.waitForLoadState();
    expect(await page.getByRole("alert").innerText()).toContain("Revise sus respuestas");
    expect(await page.locator(".error").count()).toBe(7);
    await capture(page, "grant quiz errors es");

    await page.getByLabel("Organización sin fines de lucro registrada").check();
    await page.getByLabel("¿Dónde tiene su sede la organización?").selectOption({ label: "Argentina" });
    await page.getByLabel("Seguridad digital").check();
    await page.getByLabel("Mujeres defensoras").check();
    await page.getByLabel("Periodistas").check();
    await page.getByLabel("¿Cuántos años llevan trabajando?").fill("3");
    await page.getByLabel("¿Cuál es su presupuesto anual actual, en dólares estadounidenses?").fill("12.500");
    await page
      .getByRole("group", { name: "¿Solicitaron una de nuestras becas en los últimos 12 meses?" })
      .getByLabel("Sí")
      .check();
    await page.getByRole("button", { name: "Comprobar mis respuestas" }).click();

    expect(await page.locator("h1").innerText()).toBe("No puede solicitar esta convocatoria");
    const reasons = await page.locator(".outcome li").allInnerTexts();
    expect(reasons).toEqual([
      "Esta convocatoria está abierta a organizaciones con sede en el Sur y el Sudeste Asiático.",
      "Las organizaciones que solicitaron en los últimos 12 meses podrán volver a hacerlo cuando pasen 12 meses.",
    ]);
    expect(await page.getByText("Sus respuestas no se guardaron.").count()).toBe(1);
    await capture(page, "grant result ineligible es");

    await page.getByRole("button", { name: "Cambiar mis respuestas" }).click();
    expect(await page.getByLabel("¿Cuántos años llevan trabajando?").inputValue()).toBe("3");
    await page.getByLabel("¿Dónde tiene su sede la organización?").selectOption({ label: "Tailandia" });
    await page
      .getByRole("group", { name: "¿Solicitaron una de nuestras becas en los últimos 12 meses?" })
      .getByLabel("No")
      .check();
    await page.getByRole("button", { name: "Comprobar mis respuestas" }).click();

    expect(await page.locator("h1").innerText()).toBe("Puede solicitar");
    expect(await page.getByRole("button", { name: "Empezar una solicitud" }).count()).toBe(1);
    await capture(page, "grant result eligible es");
    await page.close();
  });

  it.each([
    [
      "en",
      "Emergency fund for digital attacks",
      "Check if you can apply",
      "An individual defender",
      "Where are you based?",
      "Colombia",
      "Yes",
      "No",
      "Check my answers",
      "You can apply",
    ],
    [
      "pt",
      "Fundo de emergência contra ataques digitais",
      "Verifique se você pode se candidatar",
      "Uma pessoa defensora",
      "Onde você está?",
      "Filipinas",
      "Sim",
      "Não",
      "Verificar minhas respostas",
      "Você pode se candidatar",
    ],
  ])(
    "takes the emergency fund's quiz in %s",
    async (lang, title, check, applicant, whereLabel, country, yes, no, submit, eligible) => {
      const page = await noScript.newPage();
      await page.goto(`${server.url}/?lang=${lang}`);
      await page.getByRole("link", { name: title }).click();
      await capture(page, `emergency call ${lang}`);
      await page.getByRole("link", { name: check }).click();
      await capture(page, `emergency quiz ${lang}`);
      await page.getByLabel(applicant).check();
      await page.getByLabel(whereLabel).selectOption({ label: country });
      const groups = page.getByRole("group");
      await groups.nth(1).getByLabel(yes).check();
      await groups.nth(2).getByLabel(yes).check();
      await groups.nth(4).getByLabel(no).check();
      await page.getByRole("button", { name: submit }).click();
      expect(await page.locator("h1").innerText()).toBe(eligible);
      await capture(page, `emergency result ${lang}`);
      await page.close();
    },
  );

  it("loads nothing from another origin", () => {
    const origin = new URL(server.url).origin;
    expect(requested.length).toBeGreaterThan(10);
    expect(requested.filter((url) => new URL(url).origin !== origin)).toEqual([]);
  });
});

describe("accessibility (axe-core in Chromium)", () => {
  it("notices violations when a page has them (so a clean result means something)", async () => {
    await axePage.goto(`${server.url}/`);
    const html =
      '<!doctype html><html><body><img src="/x.png"><input type="text"><p style="color:#eee">faint</p></body></html>';
    expect((await seriousViolations(axePage, html)).map((violation) => violation.id)).toEqual(
      expect.arrayContaining(["image-alt", "label", "html-has-lang"]),
    );
  });

  it("finds no serious or critical violation on any page of the flows", async () => {
    expect(visited.length).toBeGreaterThanOrEqual(12);
    expect(await violationsByPage(browser, visited)).toEqual({});
  });
});
