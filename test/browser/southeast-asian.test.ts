import * as Application from "@amparo/core/application";
import * as Call from "@amparo/core/call";
import * as Config from "@amparo/core/config";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applicantCatalogs } from "../../packages/core/src/i18n/catalog-files.js";
import { en } from "../../packages/core/src/i18n/en.js";
import { listen, type Listening } from "../../packages/local/src/server.js";
import { applicantRequest, confirmContact, inbox, uniqueEmail } from "../support/applications.js";
import { captured, launchBrowser, violationsByPage, type Visited } from "../support/browser.js";
import { csv } from "../support/files.js";

type Key = keyof typeof en;
type Catalog = Record<Key, string>;

/** A language's applicant strings, as its catalog file holds them. */
const catalogOf = (code: "th" | "my"): Catalog => applicantCatalogs[code];

/** A catalog template with its `{name}` placeholders filled in. */
const fill = (template: string, params: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);

/** The parts of a template between its placeholders: what every rendering of it contains, whatever the values. */
const fragments = (template: string) =>
  template
    .split(/\{\w+\}/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);

/** A language's own name for itself, as a language switch shows it. */
const ownName = (code: string) => new Intl.DisplayNames([code], { type: "language" }).of(code) ?? code;

/** Latin digits written in a script's own digits, given that script's zero (Thai U+0E50, Burmese U+1040). */
const inDigits = (zero: number, latin: string) =>
  latin.replace(/[0-9]/g, (digit) => String.fromCodePoint(zero + Number(digit)));

interface Applicant {
  code: "th" | "my";
  /** The language's name in English, for the tests' names. */
  name: string;
  callId: "digital-emergency" | "concept-notes-2026";
  zero: number;
  /** Answers the call's quiz as an eligible applicant would, typing every number in the language's digits. */
  quiz: (page: Page, digits: (latin: string) => string) => Promise<void>;
  /** The answers the quiz's numbers must be read as. */
  numbers: Record<string, number>;
  note: Record<string, string>;
  funding: { amount: number; months: number };
  budget: boolean;
}

const applicants: Applicant[] = [
  {
    code: "th",
    name: "Thai",
    callId: "digital-emergency",
    zero: 0x0e50,
    quiz: async (page) => {
      await page.check("input[name='applicant-type'][value='collective']");
      await page.selectOption("select#country", "TH");
      await page.check("input[name='under-attack'][value='yes']");
      await page.check("input[name='human-rights-work'][value='yes']");
      await page.check("input[name='target-groups'][value='journalists']");
      await page.check("input[name='funded-recently'][value='no']");
    },
    numbers: {},
    note: {
      situation: "โทรศัพท์ของพวกเราถูกยึดระหว่างการชุมนุม และบัญชีส่งข้อความของพวกเรามีการเข้าสู่ระบบจากอุปกรณ์ที่ไม่รู้จัก",
      need: "โทรศัพท์ใหม่สองเครื่อง และพื้นที่เว็บที่ปลอดภัยหนึ่งเดือนสำหรับเว็บไซต์บันทึกข้อมูลของพวกเรา",
      timeline: "ภายในสองสัปดาห์ ก่อนการพิจารณาคดีครั้งถัดไป",
    },
    funding: { amount: 2_500, months: 3 },
    budget: false,
  },
  {
    code: "my",
    name: "Burmese",
    callId: "concept-notes-2026",
    zero: 0x1040,
    quiz: async (page, digits) => {
      await page.check("input[name='organisation-type'][value='ngo']");
      await page.selectOption("select#country", "MM");
      await page.check("input[name='thematic-area'][value='digital-security']");
      await page.check("input[name='target-groups'][value='journalists']");
      await page.check("input[name='target-groups'][value='women']");
      await page.fill("#years-active", digits("7"));
      await page.fill("#annual-budget", digits("20000"));
      await page.check("input[name='applied-recently'][value='no']");
    },
    numbers: { "years-active": 7, "annual-budget": 20_000 },
    note: {
      problem: "ကျွန်ုပ်တို့နှင့် အတူ အလုပ်လုပ်သော သတင်းထောက်များ၏ အကောင့်များကို အွန်လိုင်းပေါ်တွင် တိုက်ခိုက်ခံနေရပါသည်။",
      approach: "ဒစ်ဂျစ်တယ် လုံခြုံရေး သင်တန်းများ ပို့ချပြီး အရေးပေါ် အကူအညီ ပေးပါမည်။",
      outcomes: "သတင်းထောက်များသည် ၎င်းတို့၏ အကောင့်များကို လုံခြုံစွာ ကာကွယ်နိုင်ပါမည်။",
      organisation: "ကျွန်ုပ်တို့အဖွဲ့သည် ခုနစ်နှစ်ကြာ လုပ်ဆောင်ခဲ့ပါသည်။",
    },
    funding: { amount: 18_000, months: 12 },
    budget: true,
  },
];

let server: Listening;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await listen(0);
  // Emails link to this address, and S3 sends the browser back to it after an upload.
  Config.set({ PUBLIC_URL: server.url });
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.close();
});

describe("a Thai and a Burmese applicant, JavaScript off", () => {
  describe.each(applicants.map((applicant) => [applicant.name, applicant.callId, applicant] as const))(
    "in %s, on %s",
    (_name, _callId, applicant) => {
      const { code } = applicant;
      const say = catalogOf(code);
      const digits = (latin: string) => inDigits(applicant.zero, latin);
      const email = uniqueEmail();
      const visited: Visited[] = [];
      /** Every page of the flow whose `html[lang]` was not the applicant's language, with the one it had. */
      const otherLanguage: string[] = [];
      let page: Page;
      let token = "";

      async function capture(name: string) {
        const shown = await captured(page, `${name} (${code})`);
        visited.push(shown);
        const lang = await page.locator("html").getAttribute("lang");
        if (lang !== code) otherLanguage.push(`${name}: ${lang}`);
      }

      beforeAll(async () => {
        // An English browser: the language comes from the switch, not from Accept-Language.
        const context = await browser.newContext({ javaScriptEnabled: false, locale: "en-GB" });
        contexts.push(context);
        page = await context.newPage();
      });

      it(`chooses ${ownName(code)} on the home page and passes the quiz with numbers in its own digits`, async () => {
        await page.goto(`${server.url}/`);
        expect(await page.locator("html").getAttribute("lang")).toBe("en");
        await page.getByRole("link", { name: ownName(code), exact: true }).click();
        await page.waitForLoadState();
        expect(await page.locator("h1").innerText()).toBe(say["home.heading"]);
        await capture("home");

        await page.locator(`main a[href='/apply/${applicant.callId}']`).click();
        await capture("call");
        await page.getByRole("link", { name: say["call.check"], exact: true }).click();
        expect(await page.locator("h1").innerText()).toBe(say["quiz.heading"]);
        await capture("quiz");

        await applicant.quiz(page, digits);
        await page.getByRole("button", { name: say["quiz.submit"], exact: true }).click();
        await page.waitForLoadState();
        expect(await page.locator("h1").innerText()).toBe(say["result.eligible.heading"]);
        await capture("eligible");
      });

      it("starts with a contact email and shows the access code with its warning in English too", async () => {
        await page.getByRole("button", { name: say["result.eligible.start"], exact: true }).click();
        await page.waitForLoadState();
        expect(await page.locator("h1").innerText()).toBe(say["start.heading"]);
        expect(await page.locator("main p.lead").first().innerText()).toBe(say["start.intro"]);
        expect(await page.locator("main p.in-english[lang=en]").innerText()).toBe(en["start.intro"]);
        // The applicant writes in the language they read.
        expect(await page.locator("select#language").inputValue()).toBe(code);
        await capture("start");
        await page.fill("#email", email);
        await page.getByRole("button", { name: say["start.submit"], exact: true }).click();
        await page.waitForLoadState();

        expect(await page.locator("html").getAttribute("lang")).toBe(code);
        expect(await page.locator("h1").innerText()).toBe(say["code.heading"]);
        expect(await page.locator("main p.lead").innerText()).toBe(say["code.intro"]);
        expect(await page.locator("main p.in-english[lang=en]").innerText()).toBe(en["code.intro"]);
        expect(await page.locator("a.exit").innerText()).toContain(say["site.quick_exit"]);
        expect(await page.locator("a.exit span[lang=en]").innerText()).toContain(en["site.quick_exit"]);
        token = await page.locator(".code strong").innerText();
        expect(token).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
        await capture("access code");

        // The one email the address gets before it is confirmed (the outbox is delivered first): asking to confirm
        // it, in the applicant's language.
        const [confirmation, ...others] = await inbox(email);
        expect(others).toEqual([]);
        expect(confirmation!.subject).toBe(say["mail.neutral_subject"]);
        const body = confirmation!.body.text ?? "";
        for (const part of fragments(say["mail.contact_confirm_body"])) expect(body).toContain(part);
        expect(body).toMatch(new RegExp(`${server.url}/apply/contact\\?token=[A-Za-z0-9_-]{43}`));
        await confirmContact(email);

        await page.getByRole("link", { name: say["code.continue"], exact: true }).click();
        await page.waitForLoadState();
        expect(await page.locator("h1").innerText()).toBe(say["my.heading"]);
        await capture("overview draft");
      });

      it("saves the concept note written in the language, and counts its words as the API does", async () => {
        await page.getByRole("link", { name: say["my.step.note"], exact: true }).click();
        expect(await page.locator("h1").innerText()).toBe(say["note.heading"]);
        await capture("concept note");
        for (const [field, text] of Object.entries(applicant.note)) await page.fill(`textarea#${field}`, text);
        await page.getByRole("button", { name: say["note.save"], exact: true }).click();
        await page.waitForLoadState();
        expect(await page.getByRole("status").innerText()).toBe(say["note.saved"]);
        await capture("concept note saved");

        const { id } = await Application.fromToken(token);
        const view = (await (await applicantRequest("GET", `/api/v1/applications/${id}`, token)).json()) as {
          language: string;
          conceptNote: { fields: Record<string, string>; words?: Record<string, number> };
        };
        expect(view.language).toBe(code);
        expect(view.conceptNote.fields).toEqual(applicant.note);
        // The count under each field, in the page's number format, is the one the API computed.
        const number = new Intl.NumberFormat(code);
        for (const field of (await Call.get(applicant.callId)).conceptNote.fields) {
          expect(await page.locator(`textarea#${field.id}`).inputValue()).toBe(applicant.note[field.id]);
          const words = view.conceptNote.words?.[field.id] ?? 0;
          expect(words).toBeGreaterThan(1);
          expect(await page.locator(`#${field.id}-count`).innerText()).toBe(
            fill(say["note.words"], { words: number.format(words), max: number.format(field.maxWords) }),
          );
        }
      });

      it("reads the funding typed in the language's digits, and shows it back in the digits its pages print", async () => {
        await page.getByRole("link", { name: say["my.back"], exact: true }).click();
        await page.getByRole("link", { name: say["my.step.funding"], exact: true }).click();
        expect(await page.locator("h1").innerText()).toBe(say["funding.heading"]);
        await capture("funding");
        const amount = digits(String(applicant.funding.amount));
        const months = digits(String(applicant.funding.months));
        await page.fill("#amount", amount);
        await page.fill("#months", months);
        await page.getByRole("button", { name: say["funding.save"], exact: true }).click();
        await page.waitForLoadState();
        expect(await page.locator(".error").allInnerTexts()).toEqual([]);
        expect(await page.getByRole("status").innerText()).toBe(say["funding.saved"]);
        await capture("funding saved");

        const stored = await Application.fromToken(token);
        expect(stored.funding).toMatchObject(applicant.funding);
        for (const [question, value] of Object.entries(applicant.numbers)) expect(stored.answers[question]).toBe(value);
        // Shown back in the digits the page prints its numbers in: Burmese pages print Burmese digits, Thai pages
        // (as most Thai writing today) Latin ones; either way the field reads back as the same number.
        const printed = (value: number) => new Intl.NumberFormat(code, { useGrouping: false }).format(value);
        expect(await page.locator("#amount").inputValue()).toBe(printed(applicant.funding.amount));
        expect(await page.locator("#months").inputValue()).toBe(printed(applicant.funding.months));
        if (code === "my")
          expect([await page.locator("#amount").inputValue(), await page.locator("#months").inputValue()]).toEqual([
            amount,
            months,
          ]);
      });

      // Only the grant call asks for a budget file: the emergency applicant has no such step, so no such test.
      if (applicant.budget)
        it("uploads the budget file the call asks for", async () => {
          await page.getByRole("link", { name: say["my.back"], exact: true }).click();
          await page.getByRole("link", { name: say["my.step.budget"], exact: true }).click();
          expect(await page.locator("h1").innerText()).toBe(say["budget.heading"]);
          await capture("budget type");
          await page.check("input[name=type][value='text/csv']");
          await page.getByRole("button", { name: say["budget.next"], exact: true }).click();
          await page.waitForLoadState();
          await capture("budget upload form");
          await page.setInputFiles("#file", { name: "budget.csv", mimeType: "text/csv", buffer: csv() });
          await page.getByRole("button", { name: say["budget.upload"], exact: true }).click();
          await page.waitForURL(/\/apply\/my\/budget\?accepted=1$/);
          expect(await page.getByRole("status").innerText()).toBe(say["budget.accepted"]);
          await capture("budget accepted");
        });

      it("submits, and the status page says so in the language", async () => {
        await page.goto(`${server.url}/apply/my`);
        await page.getByRole("link", { name: say["my.review"], exact: true }).click();
        await page.waitForLoadState();
        expect(await page.locator("h1").innerText()).toBe(say["review.heading"]);
        await capture("review");
        await page.getByRole("button", { name: say["review.submit"], exact: true }).click();
        await page.waitForLoadState();
        expect(await page.getByRole("status").innerText()).toBe(say["review.done"]);
        expect(await page.locator("h1").innerText()).toBe(say["my.heading"]);
        const status = page.locator("main p", { has: page.locator("strong", { hasText: say["my.status"] }) });
        expect(await status.innerText()).toBe(`${say["my.status"]}: ${say["stage.submitted"]}`);
        const main = await page.locator("main").innerText();
        for (const part of [...fragments(say["my.sent"]), ...fragments(say["my.due"]), say["my.locked"]]) {
          expect(main).toContain(part);
        }
        // Confirmed before sending: no word about a confirmation still to come.
        expect(main).not.toContain(say["my.contact_status.confirmation_sent"]);
        await capture("status submitted");
        expect((await Application.fromToken(token)).stage).toBe("submitted");
      });

      it("sends every email in the language the pages were read in", async () => {
        const mails = await inbox(email);
        expect(mails).toHaveLength(2);
        for (const mail of mails) expect(mail.subject).toBe(say["mail.neutral_subject"]);
        const update = mails.find((mail) => !(mail.body.text ?? "").includes("/apply/contact?token="));
        expect(update?.body.text).toBe(fill(say["mail.update_body"], { url: server.url }));
      });

      it("shows every page in the language, and axe finds no serious or critical violation on them", async () => {
        expect(visited.length).toBeGreaterThanOrEqual(applicant.budget ? 15 : 12);
        expect(otherLanguage).toEqual([]);
        expect(await violationsByPage(browser, visited)).toEqual({});
      }, 120_000);
    },
  );
});
