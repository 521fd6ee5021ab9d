import * as Application from "@amparo/core/application";
import * as Config from "@amparo/core/config";
import { locales, type Locale } from "@amparo/core/i18n";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { en } from "../../packages/core/src/i18n/en.js";
import { applicantCatalogs } from "../../packages/core/src/i18n/catalog-files.js";
import { listen, type Listening } from "../../packages/local/src/server.js";
import { applicantRequest } from "../support/applications.js";
import { captured, launchBrowser, violationsByPage, type Visited } from "../support/browser.js";

type Catalog = Record<keyof typeof en, string>;

const catalogOf = (code: Locale): Catalog => applicantCatalogs[code];

const width = 390;
const callId = "digital-emergency";

let server: Listening;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await listen(0);
  Config.set({ PUBLIC_URL: server.url });
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.close();
});

/** How far the page reaches past the screen's right edge, and the innermost elements that do. */
async function overflow(page: Page): Promise<{ scrollWidth: number; clientWidth: number; culprits: string[] }> {
  return page.evaluate(() => {
    const root = document.scrollingElement!;
    const edge = root.clientWidth;
    const wide = Array.from(document.body.querySelectorAll("*")).filter(
      (element) => element.getBoundingClientRect().right > edge + 0.5,
    );
    const innermost = wide.filter((element) => !wide.some((other) => other !== element && element.contains(other)));
    const culprits = innermost.slice(0, 4).map((element) => {
      const classes = element.getAttribute("class");
      const text = (element.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 40);
      const right = Math.round(element.getBoundingClientRect().right);
      return `${element.tagName.toLowerCase()}${classes ? `.${classes.split(/\s+/).join(".")}` : ""} "${text}" (to ${right} px)`;
    });
    return { scrollWidth: root.scrollWidth, clientWidth: edge, culprits };
  });
}

describe(`every applicant page in all nine languages, ${width} px wide, JavaScript off`, () => {
  it("covers the nine interface languages", () => {
    expect(locales).toHaveLength(9);
  });

  it.each(locales)(
    "%s: every page is in the language, fits the screen, and has no serious or critical axe violation",
    async (code) => {
      const say = catalogOf(code);
      const context = await browser.newContext({
        javaScriptEnabled: false,
        viewport: { width, height: 800 },
        locale: "en-GB",
      });
      contexts.push(context);
      const page = await context.newPage();
      const visited: Visited[] = [];
      /** What is wrong with a page of the set (its language or its width), one line each. */
      const problems: string[] = [];

      /** Checks the page shown now (its heading tells that the flow reached it) and keeps it for axe. */
      async function check(name: string, heading?: string) {
        await page.waitForLoadState("load");
        if (heading !== undefined) expect(await page.locator("h1").innerText(), name).toBe(heading);
        const lang = await page.locator("html").getAttribute("lang");
        if (lang !== code) problems.push(`${name}: html[lang] is ${lang}`);
        const { scrollWidth, clientWidth, culprits } = await overflow(page);
        if (scrollWidth > clientWidth) {
          problems.push(`${name}: ${scrollWidth} px wide on a ${clientWidth} px screen: ${culprits.join("; ")}`);
        }
        visited.push(await captured(page, `${name} (${code})`));
      }

      await page.goto(`${server.url}/?lang=${code}`);
      await check("home", say["home.heading"]);
      await page.goto(`${server.url}/apply/${callId}`);
      await check("call");
      await page.goto(`${server.url}/apply/${callId}/eligibility`);
      await check("quiz", say["quiz.heading"]);

      await page.locator("form#quiz button[type=submit]").click();
      await page.waitForLoadState();
      expect(await page.locator("main .error").count()).toBeGreaterThanOrEqual(4);
      expect(await page.getByRole("alert").count()).toBe(1);
      await check("quiz with every error", say["quiz.heading"]);

      await page.check("input[name='applicant-type'][value='individual']");
      await page.selectOption("select#country", "PH");
      await page.check("input[name='under-attack'][value='yes']");
      await page.check("input[name='human-rights-work'][value='yes']");
      await page.check("input[name='target-groups'][value='women']");
      await page.check("input[name='funded-recently'][value='no']");
      await page.locator("form#quiz button[type=submit]").click();
      await check("eligible result", say["result.eligible.heading"]);

      await page.locator("main form[action$='/start'] button[type=submit]").click();
      await check("start", say["start.heading"]);
      await page.locator("form#start button[type=submit]").click();
      await check("access code", say["code.heading"]);
      const token = await page.locator(".code strong").innerText();

      await page.locator("main a.button").click();
      await check("overview", say["my.heading"]);

      // The parts written through the API, as a quick applicant's script would: sentences of the language's own.
      const { id } = await Application.fromToken(token);
      const fields = { situation: say["quiz.intro"], need: say["result.eligible.steps"], timeline: say["note.intro"] };
      const saved = await applicantRequest("PUT", `/api/v1/applications/${id}/concept-note`, token, { fields });
      expect(saved.status).toBe(200);
      await page.goto(`${server.url}/apply/my/concept-note`);
      await check("concept note", say["note.heading"]);

      const funded = await applicantRequest("PUT", `/api/v1/applications/${id}/funding`, token, {
        amount: 2_500,
        months: 3,
      });
      expect(funded.status).toBe(200);
      await page.goto(`${server.url}/apply/my/funding`);
      await check("funding", say["funding.heading"]);

      const sent = await applicantRequest("POST", `/api/v1/applications/${id}/submit`, token);
      expect(sent.status).toBe(200);
      await page.goto(`${server.url}/apply/my`);
      await check("status after submit", say["my.heading"]);
      expect(await page.locator("main").innerText()).toContain(say["stage.submitted"]);

      expect(visited).toHaveLength(11);
      expect.soft(problems, `pages in ${code} in another language or wider than the screen`).toEqual([]);
      expect.soft(await violationsByPage(browser, visited, [width]), `axe on the pages in ${code}`).toEqual({});
    },
    120_000,
  );
});
