import * as Config from "@amparo/core/config";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen, type Listening } from "../../packages/local/src/server.js";
import { asApplicant, asStaff, draft, reviewed } from "../../scripts/screenshot-pages.js";
import { launchBrowser } from "../support/browser.js";

let server: Listening;
let browser: Browser;
const contexts: BrowserContext[] = [];
/** The application both reviewers were assigned to; reviewer2 has scored it. */
let reviewedId = "";

beforeAll(async () => {
  server = await listen(0);
  Config.set({ PUBLIC_URL: server.url });
  browser = await launchBrowser();
  reviewedId = (await reviewed(server.url, "es")).id;
  // A second and third row, so the coordinator's list is a real table.
  await reviewed(server.url, "pt");
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.close();
});

/** The WCAG contrast ratio of two CSS colours given as rgb()/rgba(). */
function contrast(first: string, second: string): number {
  const luminance = (color: string) => {
    const [r, g, b] = (color.match(/[\d.]+/g) ?? []).slice(0, 3).map((part) => {
      const channel = Number(part) / 255;
      return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [light, dark] = [luminance(first), luminance(second)].sort((a, b) => b - a);
  return (light! + 0.05) / (dark! + 0.05);
}

/** A phone-sized window with JavaScript off, in `lang`. */
async function phone(lang = "en"): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 800 } });
  contexts.push(context);
  await context.addCookies([{ name: "lang", value: lang, url: server.url }]);
  return context.newPage();
}

/** The pages people stumbled on most: a long quiz, the concept note, the coordinator's table, a review. */
const pages: { name: string; open: (page: Page) => Promise<unknown> }[] = [
  { name: "grant quiz", open: (page) => page.goto(`${server.url}/apply/concept-notes-2026/eligibility`) },
  {
    name: "concept note",
    open: async (page) => {
      await asApplicant(page, server.url, (await draft(server.url, "concept-notes-2026", "es")).token);
      await page.goto(`${server.url}/apply/my/concept-note`);
    },
  },
  {
    name: "coordinator's list",
    open: async (page) => {
      await asStaff(page, server.url, "coordinator@amparo.local");
      await page.goto(`${server.url}/staff/applications?callId=digital-emergency`);
    },
  },
  {
    name: "review page",
    open: async (page) => {
      await asStaff(page, server.url, "reviewer2@amparo.local");
      await page.goto(`${server.url}/staff/applications/${reviewedId}`);
    },
  },
];

describe("pages fit a phone and show where the keyboard is", () => {
  it("no page of the set, in any language, is wider than a 390 px screen", async () => {
    const wider: string[] = [];
    for (const { name, open } of pages) {
      for (const lang of ["en", "es", "pt"]) {
        const page = await phone(lang);
        await open(page);
        const { scrollWidth, clientWidth } = await page.evaluate(() => ({
          scrollWidth: document.scrollingElement!.scrollWidth,
          clientWidth: document.scrollingElement!.clientWidth,
        }));
        if (scrollWidth > clientWidth) wider.push(`${name} (${lang}): ${scrollWidth} px`);
      }
    }
    expect(wider).toEqual([]);
  });

  it("text areas are as wide as their form, and a long answer's box is taller than a short one's", async () => {
    for (const { name, open } of pages.filter((page) => /concept note|review page/.test(page.name))) {
      const page = await phone();
      await open(page);
      const areas = await page.locator("main form textarea").evaluateAll((elements) =>
        elements.map((element) => ({
          width: element.getBoundingClientRect().width,
          form: element.closest("form")!.getBoundingClientRect().width,
          rows: (element as HTMLTextAreaElement).rows,
        })),
      );
      expect(areas.length, name).toBeGreaterThan(0);
      for (const area of areas) expect(area.width, name).toBeGreaterThanOrEqual(area.form * 0.9);
    }
    // The grant call's note fields allow 400, 500, 300 and 250 words: the boxes follow.
    const page = await phone();
    await pages[1]!.open(page);
    const heights = await page
      .locator("main form textarea")
      .evaluateAll((elements) => elements.map((element) => element.getBoundingClientRect().height));
    expect(heights[1]).toBeGreaterThan(heights[3]!);
  });

  it("every control reached with Tab shows a focus ring that stands out from the page (3:1 or more)", async () => {
    for (const { name, open } of pages) {
      const page = await phone();
      await open(page);
      const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
      for (let step = 0; step < 8; step++) {
        await page.keyboard.press("Tab");
        const ring = await page.evaluate(() => {
          const element = document.activeElement as HTMLElement | null;
          if (!element || element === document.body) return undefined;
          const style = getComputedStyle(element);
          return {
            what: `${element.tagName} ${element.textContent?.trim().slice(0, 30) ?? ""}`,
            style: style.outlineStyle,
            width: parseFloat(style.outlineWidth),
            color: style.outlineColor,
            shadow: style.boxShadow,
          };
        });
        if (!ring) continue;
        expect(ring.style, `${name}: ${ring.what}`).not.toBe("none");
        expect(ring.width, `${name}: ${ring.what}`).toBeGreaterThanOrEqual(2);
        expect(
          contrast(ring.color, background),
          `${name}: ${ring.what} ${ring.color} on ${background}`,
        ).toBeGreaterThanOrEqual(3);
      }
    }
  });
});
