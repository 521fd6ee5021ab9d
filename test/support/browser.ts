import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium, type Browser, type Page } from "playwright-core";

/** Debian's Chromium, with the flags that keep it from reaching for the network on its own. */
export const chromiumPath = "/usr/bin/chromium";
export const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Runs axe-core on what the page shows now (or on `html`, rendered at the page's address so the
 * stylesheet loads) and returns the serious and critical violations. The page must allow script: axe
 * runs in the page, so use a context with JavaScript on and `bypassCSP` for this, never for the flow.
 */
export async function seriousViolations(page: Page, html?: string): Promise<AxeViolation[]> {
  if (html !== undefined) await page.setContent(html, { waitUntil: "load" });
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run: (context: unknown, options: unknown) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
    });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({ target: node.target })),
    }));
  });
  return violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
}

/** A page as a flow captured it: its address and the HTML it showed. */
export interface Visited {
  name: string;
  url: string;
  html: string;
}

/**
 * Runs axe-core over every captured page, each rendered at its own origin in a context with script on (axe
 * runs in the page), and returns the serious and critical violations by page name. With `widths`, every page
 * is judged at each viewport width, and the names say which (`review at 390px`).
 */
export async function violationsByPage(
  browser: Browser,
  visited: Visited[],
  widths?: number[],
): Promise<Record<string, AxeViolation[]>> {
  const found: Record<string, AxeViolation[]> = {};
  for (const width of widths ?? [undefined]) {
    const context = await browser.newContext({
      javaScriptEnabled: true,
      bypassCSP: true,
      ...(width ? { viewport: { width, height: 900 } } : {}),
    });
    const page = await context.newPage();
    try {
      for (const { name, url, html } of visited) {
        await page.goto(new URL(url).origin + "/");
        const violations = await seriousViolations(page, html);
        if (violations.length > 0) found[width ? `${name} at ${width}px` : name] = violations;
      }
    } finally {
      await context.close();
    }
  }
  return found;
}

/**
 * The page as it shows now, once its document has loaded: right after a click that navigates, the new
 * document may still be empty, and axe would then judge a blank page (no title, no language).
 */
export async function captured(page: Page, name: string): Promise<Visited> {
  await page.waitForLoadState("load");
  return { name, url: page.url(), html: await page.content() };
}
