import * as Config from "@amparo/core/config";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen, type Listening } from "../../packages/local/src/server.js";
import { shots } from "../../scripts/screenshot-pages.js";
import { launchBrowser } from "../support/browser.js";

let server: Listening;
let browser: Browser;

beforeAll(async () => {
  // Every page's applicant is made from this one address: the limits on new applications would refuse most.
  Config.set({ LIMIT_SOURCE_PER_HOUR: 1_000_000, LIMIT_CALL_PER_HOUR: 1_000_000 });
  server = await listen(0);
  Config.set({ PUBLIC_URL: server.url });
  browser = await launchBrowser();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * Pages shown in answer to a post, on purpose, rather than after a redirect: each would store or put in the
 * address what must not be kept there (the quiz's answers, what is typed before an application exists), or is a
 * form shown again with what was typed and its problems (a 4xx, which a repeat changes nothing by).
 */
const shownByPost: Record<string, string> = {
  "applicant-quiz-errors": "the quiz's answers with their problems (400): nothing about the person is stored",
  "applicant-result-eligible": "the quiz's result, from answers never stored",
  "applicant-result-not-eligible": "the quiz's result, from answers never stored",
  "applicant-start": "the start form carries the quiz's answers until the application is made",
  "applicant-budget-upload-form": "a form to S3 signed for this one post, expiring: never kept in an address",
  "applicant-full-document-upload-form": "a form to S3 signed for this one post, expiring: never kept in an address",
  "staff-link-sent": "says a link is on its way, whether or not the address has an account; repeats are limited",
  "staff-recovery-codes": "new recovery codes, shown once and kept nowhere to be shown again",
  "coordinator-decide": "asks to confirm a decision that is not made yet",
  "coordinator-bulk-decline-confirm": "asks to confirm declines that are not made yet",
  "coordinator-bulk-shortlisted": "the result of moves just made, kept nowhere; a repeat moves nothing (versions)",
  "coordinator-due-extended": "names the date just set; a repeat is refused as not later, changing nothing",
  "admin-call-opening-confirmation": "asks to confirm opening a call that is not saved yet",
  "coordinator-award-method": "how the money reaches a grantee, opened once and recorded: never kept in an address",
  "coordinator-award-final-confirm": "asks to confirm a final payment that is not recorded yet",
  "coordinator-reports-read": "a grant's report, opened and recorded as the payment method is: never in an address",
  "coordinator-reports-read-again": "a grant's report, opened and recorded again: never in an address",
  "coordinator-reports-read-document": "a grant's report with its document, opened and recorded: never in an address",
  "coordinator-reports-close-confirm": "asks to confirm closing a grant that is not closed yet",
};

describe("every page, reloaded", () => {
  it("answers a reload of its own address, is reached after a redirect wherever a post changed something, and its language switch finds the form it posts", async () => {
    const refused: string[] = [];
    const posted: string[] = [];
    for (const shot of shots) {
      const name = `${shot.audience}-${shot.name}`;
      const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 800 } });
      try {
        await context.addCookies([{ name: "lang", value: "en", url: server.url }]);
        const page = await context.newPage();
        page.setDefaultTimeout(15_000);
        let last: { method: string; status: number } | undefined;
        page.on("response", (response) => {
          const request = response.request();
          if (request.isNavigationRequest() && request.frame() === page.mainFrame()) {
            last = { method: request.method(), status: response.status() };
          }
        });
        await shot.open(page, server.url, "en");
        await page.waitForLoadState("load");
        // A language switch that posts the page's form must find that form on the page, or it does nothing.
        const switchForms = await page
          .locator("nav.languages button[form]")
          .evaluateAll((buttons) => buttons.map((button) => button.getAttribute("form")));
        for (const id of new Set(switchForms)) {
          if ((await page.locator(`form[id="${id}"]`).count()) !== 1) refused.push(`${name}: no form #${id} to switch`);
        }
        const shown = last;
        if (shown?.method === "POST" && shown.status < 400 && !(name in shownByPost)) posted.push(name);
        // A visit of the address: what a reload of a page reached by a redirect does, and what the history and a
        // bookmark lead back to. It answers as the page did, or with a page, never with a missing one.
        const address = new URL(page.url());
        address.hash = "";
        const again = await page.goto(address.href);
        const status = again?.status() ?? 0;
        const answered = status > 0 && status < 500 && (status < 400 || status === shown?.status);
        if (!answered) refused.push(`${name}: ${address.pathname} answered ${status} (was ${shown?.status})`);
      } catch (error) {
        refused.push(`${name}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
      } finally {
        await context.close();
      }
    }
    expect({ refused, posted }).toEqual({ refused: [], posted: [] });
  }, 900_000);
});
