import type { BrowserContext, Page } from "playwright-core";
import * as Config from "@amparo/core/config";
import { locales } from "@amparo/core/i18n";
import { launchBrowser } from "../test/support/browser.js";
import { shortlistedGrant } from "../test/support/full-application.js";
import { agreementSent, granted } from "../scripts/screenshot-pages/fixtures.js";

/** An applicant page, reached the way a person reaches it (some only by posting a form). */
interface PageVisit {
  name: string;
  open: (page: Page, base: string) => Promise<unknown>;
}

const submitQuiz = async (page: Page) => page.locator("form button[type=submit]").click();
const choose = async (page: Page, answers: Record<string, string | string[]>) => {
  for (const [name, value] of Object.entries(answers)) {
    const values = Array.isArray(value) ? value : [value];
    const control = page.locator(`[name="${name}"]`).first();
    const tag = await control.evaluate((element) => element.tagName).catch(() => "INPUT");
    if (tag === "SELECT") await control.selectOption(values[0]!);
    else if ((await control.getAttribute("type")) === "text") await control.fill(values[0]!);
    else for (const item of values) await page.locator(`[name="${name}"][value="${item}"]`).check();
  }
};

/** Starts an application through the API and gives this browser its access code, as the start page would. */
async function withApplication(page: Page, base: string, prepare?: (id: string, token: string) => Promise<void>) {
  const response = await fetch(`${base}/api/v1/applications`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      callId: "concept-notes-2026",
      language: "en",
      eligibility: {
        answers: {
          "organisation-type": "ngo",
          country: "ID",
          "thematic-area": "online-gbv",
          "target-groups": ["women"],
          "years-active": 3,
          "annual-budget": 15_000,
          "applied-recently": false,
        },
      },
    }),
  });
  const { id, token } = (await response.json()) as { id: string; token: string };
  await prepare?.(id, token);
  await page.context().addCookies([{ name: "access", value: token, url: base }]);
}

const applicantPage = (name: string, path: string): PageVisit => ({
  name,
  open: async (page, base) => {
    await withApplication(page, base);
    await page.goto(`${base}${path}`);
  },
});

export const visits: PageVisit[] = [
  { name: "home", open: (page, base) => page.goto(`${base}/`) },
  { name: "call: emergency", open: (page, base) => page.goto(`${base}/apply/digital-emergency`) },
  { name: "call: grant", open: (page, base) => page.goto(`${base}/apply/concept-notes-2026`) },
  { name: "quiz: emergency", open: (page, base) => page.goto(`${base}/apply/digital-emergency/eligibility`) },
  { name: "quiz: grant", open: (page, base) => page.goto(`${base}/apply/concept-notes-2026/eligibility`) },
  {
    name: "quiz: grant, all errors",
    open: async (page, base) => {
      await page.goto(`${base}/apply/concept-notes-2026/eligibility`);
      await submitQuiz(page);
    },
  },
  {
    name: "result: eligible",
    open: async (page, base) => {
      await page.goto(`${base}/apply/digital-emergency/eligibility`);
      await choose(page, {
        "applicant-type": "collective",
        country: "PE",
        "under-attack": "yes",
        "human-rights-work": "yes",
        "target-groups": ["women", "indigenous"],
        "funded-recently": "no",
      });
      await submitQuiz(page);
    },
  },
  {
    name: "result: not eligible",
    open: async (page, base) => {
      await page.goto(`${base}/apply/concept-notes-2026/eligibility`);
      await choose(page, {
        "organisation-type": "company",
        country: "FR",
        "thematic-area": "other",
        "target-groups": ["general-public"],
        "years-active": "0",
        "annual-budget": "900000",
        "applied-recently": "yes",
      });
      await submitQuiz(page);
    },
  },
  {
    name: "start",
    open: async (page, base) => {
      await visits.find((visit) => visit.name === "result: eligible")!.open(page, base);
      await page.locator("form.actions button[type=submit]").click();
    },
  },
  {
    name: "access code",
    open: async (page, base) => {
      await visits.find((visit) => visit.name === "start")!.open(page, base);
      await page.locator("form button[type=submit]").click();
    },
  },
  { name: "resume", open: (page, base) => page.goto(`${base}/apply/resume`) },
  // The page a contact confirmation email links to: opening it changes nothing, so any token shows it.
  { name: "contact confirmation", open: (page, base) => page.goto(`${base}/apply/contact?token=${"x".repeat(43)}`) },
  applicantPage("application", "/apply/my"),
  applicantPage("about you", "/apply/my/about"),
  applicantPage("concept note", "/apply/my/concept-note"),
  applicantPage("funding", "/apply/my/funding"),
  applicantPage("eligibility answers", "/apply/my/answers"),
  applicantPage("budget file", "/apply/my/budget"),
  {
    name: "budget upload form",
    open: async (page, base) => {
      await withApplication(page, base);
      await page.goto(`${base}/apply/my/budget`);
      await page.locator("input[name=type]").first().check();
      await page.locator("form button[type=submit]").click();
    },
  },
  applicantPage("review and submit", "/apply/my/submit"),
  applicantPage("withdraw", "/apply/my/withdraw"),
  // The full application of a shortlisted grant application (the concept note shown read-only too).
  shortlistedPage("status: invited", "/apply/my"),
  shortlistedPage("full application", "/apply/my/full-application"),
  shortlistedPage("full application document", "/apply/my/full-application/documents/detailed-budget"),
  shortlistedPage("full application review", "/apply/my/full-application/submit"),
  // After the award, on an emergency grant: the agreement, how to be paid, the status once paid in part, and
  // the report the grant owes.
  grantPage("agreement", "/apply/my/agreement", (base) => agreementSent(base, "en")),
  grantPage("payment method: bank transfer", "/apply/my/payment-method/bank_transfer", (base) => granted(base, "en")),
  grantPage("status: grant paid in part", "/apply/my", (base) => granted(base, "en", "some")),
  // Its final report, as the grantee writes it: the narrative field and the button that sends it.
  grantPage("report: final", "/apply/my/reports/final", (base) => granted(base, "en", "some")),
];

/** A page of an emergency grant after its approval, made as the screenshots make it. */
function grantPage(name: string, path: string, make: (base: string) => Promise<{ token: string }>): PageVisit {
  return {
    name,
    open: async (page, base) => {
      const { token } = await make(base);
      await page.context().addCookies([{ name: "access", value: token, url: base }]);
      await page.goto(`${base}${path}`);
    },
  };
}

/** A page of a grant application shortlisted by the seeded coordinator (in process: the bench runs the platform). */
function shortlistedPage(name: string, path: string): PageVisit {
  return {
    name,
    open: async (page, base) => {
      const { token } = await shortlistedGrant("en");
      await page.context().addCookies([{ name: "access", value: token, url: base }]);
      await page.goto(`${base}${path}`);
    },
  };
}

export interface Weight {
  lang: string;
  name: string;
  /** HTML + CSS as the browser shows them, decompressed. */
  bytes: number;
  /** The same bodies as the server sent them to a browser that accepts gzip: what crosses the wire. */
  sentBytes: number;
  otherOrigins: number;
}

/** One response's body: as the page got it, and as it came over the network (compressed, if it was). */
interface Body {
  bytes: number;
  sentBytes: number;
}

/**
 * Loads each applicant page in Chromium with JavaScript off, in a fresh context (nothing cached), and
 * weighs the final document and what it loaded (HTML + CSS), counting every request to another origin
 * made on the way. Chromium asks for gzip (and more) like any browser, so the sizes it reports received
 * are what the server sends: compressed, except the answers that show a secret (see `showsSecret`).
 */
export async function weighPages(base: string, extra: PageVisit[] = []): Promise<Weight[]> {
  // Every visit's application comes from this one address: nine languages' worth would pass the hourly limit
  // on new applications from one source (put back afterwards, for the bench that measures the limits).
  const { LIMIT_SOURCE_PER_HOUR } = Config.get();
  Config.set({ LIMIT_SOURCE_PER_HOUR: 1_000_000 });
  const browser = await launchBrowser();
  const origin = new URL(base).origin;
  const weights: Weight[] = [];
  try {
    for (const lang of locales) {
      for (const visit of [...visits, ...extra]) {
        const context: BrowserContext = await browser.newContext({ javaScriptEnabled: false });
        await context.addCookies([{ name: "lang", value: lang, url: base }]);
        const page = await context.newPage();
        // Nothing cached between the steps of a visit either: a page reached by posting a form weighs its
        // stylesheet as sent, not as the memory cache kept it from the step before (which sends 0 bytes).
        const devtools = await context.newCDPSession(page);
        await devtools.send("Network.enable");
        await devtools.send("Network.setCacheDisabled", { cacheDisabled: true });
        let otherOrigins = 0;
        // Sizes per document: a navigation starts a new page, whose subresources follow it.
        let documents: Promise<Body>[][] = [];
        page.on("request", (request) => {
          if (new URL(request.url()).origin !== origin) otherOrigins++;
        });
        page.on("response", (response) => {
          // The body first, at once: it is gone once the page navigates away. `responseBodySize` is the
          // body's encoded length on the wire (with the chunked framing of a streamed, compressed answer).
          const size = response.body().then(
            async (body) => ({
              bytes: body.length,
              sentBytes: await response
                .request()
                .sizes()
                .then((sizes) => Math.max(0, sizes.responseBodySize))
                .catch(() => body.length),
            }),
            () => ({ bytes: 0, sentBytes: 0 }),
          );
          if (response.request().isNavigationRequest()) documents.push([size]);
          else documents.at(-1)?.push(size);
        });
        await visit.open(page, base);
        await page.waitForLoadState("load");
        const last = documents.at(-1) ?? [];
        const bodies = await Promise.all(last);
        const bytes = bodies.reduce((sum, body) => sum + body.bytes, 0);
        const sentBytes = bodies.reduce((sum, body) => sum + body.sentBytes, 0);
        weights.push({ lang, name: visit.name, bytes, sentBytes, otherOrigins });
        documents = [];
        await context.close();
      }
    }
  } finally {
    await browser.close();
    Config.set({ LIMIT_SOURCE_PER_HOUR });
  }
  return weights;
}
