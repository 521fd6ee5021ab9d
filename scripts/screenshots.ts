import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import * as Config from "@amparo/core/config";
import { locales, staffLocales, type Locale } from "@amparo/core/i18n";
import { start } from "../packages/local/src/platform.js";
import { launchBrowser } from "../test/support/browser.js";
import { shots, type Shot } from "./screenshot-pages.js";

/** The widths every page is looked at: a small phone and a desktop window. */
export const widths = [390, 1280] as const;

const folder = join(import.meta.dirname, "..", "screenshots");

/** Applicants (and anyone meeting an error) read nine languages; staff pages come in the staff's three. */
const languagesOf = (shot: Shot): readonly Locale[] =>
  shot.audience === "applicant" || shot.audience === "error" ? locales : staffLocales;

/** The drafted languages at the phone's width only: that is where wrapping and cut words show first. */
const widthsFor = (lang: Locale): readonly number[] =>
  (staffLocales as readonly Locale[]).includes(lang) ? widths : [widths[0]];

/**
 * `npm run screenshots [-- filter]`: starts the platform on fresh in-memory stand-ins and photographs every
 * page of every audience (scripts/screenshot-pages.ts) with JavaScript off, in each language, at each width,
 * as full-page PNGs in screenshots/ named `<audience>-<page>-<lang>-<width>.png`. A filter (a substring of
 * that name, such as `coordinator` or `-es-`) takes only the pages whose name holds it. A page that fails is
 * reported and the run goes on; the exit code is non-zero if any did.
 */
async function main() {
  const filter = process.argv[2] ?? "";
  // Every page's applicant is made from this one address, so the limits on new applications would refuse most
  // of them after the first 60.
  Config.set({ LIMIT_SOURCE_PER_HOUR: 1_000_000, LIMIT_CALL_PER_HOUR: 1_000_000 });
  // No outbox sender and no decision clocks: pages only, and a quiet console.
  const platform = await start({ port: 0, outbox: false, decisionClock: false });
  const browser = await launchBrowser();
  const written: string[] = [];
  const failed: string[] = [];
  if (!filter) rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const started = Date.now();
  try {
    const work = locales.flatMap((lang) =>
      shots
        .filter((shot) => languagesOf(shot).includes(lang))
        .map((shot) => ({ shot, lang }))
        .filter(({ shot, lang }) => name(shot, lang, 0).includes(filter)),
    );
    // Two pages at a time: the stand-ins and Chromium share a small machine.
    const queue = [...work];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const { shot, lang } = next;
        const context = await browser.newContext({
          javaScriptEnabled: false,
          viewport: { width: widths[0], height: 800 },
        });
        try {
          await context.addCookies([{ name: "lang", value: lang, url: platform.url }]);
          const page = await context.newPage();
          page.setDefaultTimeout(15_000);
          await shot.open(page, platform.url, lang);
          await page.waitForLoadState("load");
          for (const width of widthsFor(lang)) {
            await page.setViewportSize({ width, height: 800 });
            const file = `${name(shot, lang, width)}.png`;
            await page.screenshot({ path: join(folder, file), fullPage: true });
            written.push(file);
          }
        } catch (error) {
          failed.push(`${name(shot, lang, 0)}: ${error instanceof Error ? error.message.split("\n")[0] : error}`);
        } finally {
          await context.close();
        }
      }
    };
    await Promise.all([worker(), worker()]);
  } finally {
    await browser.close();
    await platform.stop();
  }
  written.sort();
  console.log(`\nWrote ${written.length} screenshots to ${folder} in ${Math.round((Date.now() - started) / 1000)} s:`);
  for (const file of written) console.log(`  ${file}`);
  if (failed.length > 0) {
    console.log(`\n${failed.length} page(s) failed:`);
    for (const line of failed) console.log(`  ${line}`);
    process.exitCode = 1;
  }
}

function name(shot: Shot, lang: Locale, width: number): string {
  return `${shot.audience}-${shot.name}-${lang}-${width || ""}`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
