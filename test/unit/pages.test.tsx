import * as Call from "@amparo/core/call";
import * as Clock from "@amparo/core/clock";
import { formatDate, locales, staffLocales, t, type Locale } from "@amparo/core/i18n";
import "@amparo/core/i18n/staff";
import { CallPage, HomePage, QuizPage, ResultPage } from "../../packages/functions/src/apply/quiz.pages.js";
import { pageContext } from "../../packages/functions/src/shared/pages.js";
import { SignInPage } from "../../packages/functions/src/staff/sign-in.pages.js";
import { afterEach, describe, expect, it } from "vitest";
import { conceptNotes2026, digitalEmergency } from "../../packages/core/src/seed/calls.js";

// Pages are components of their data: rendered to HTML here, with no table, no server and no browser behind them.
const emergency = Call.Info.parse(digitalEmergency);
const grant = Call.Info.parse(conceptNotes2026);

const page = (locale: Locale) => pageContext(locale, "/");
const render = async (node: unknown) => String(await (node as { toString(): string | Promise<string> }).toString());

/** Every URL the page loads or links to that leaves its own origin. */
const foreignUrls = (html: string) =>
  [...html.matchAll(/\b(?:src|href|action)="([^"]*)"/g)]
    .map(([, url]) => url!)
    .filter((url) => /^(?:[a-z]+:)?\/\//i.test(url));

afterEach(() => Clock.reset());

/**
 * How a sentence ends where it is not with a full stop: Burmese with "။", Khmer with "។"; Thai marks the end of a
 * sentence with a space, so a message ends on a letter.
 */
const sentenceEnd: Partial<Record<Locale, RegExp>> = { my: /။$/u, km: /។$/u, th: /\p{Script=Thai}$/u };

describe("applicant pages rendered from data", () => {
  it.each(locales)("the call list is in %s, loads nothing from another origin and has no script", async (locale) => {
    const html = await render(<HomePage calls={[emergency, grant]} page={pageContext(locale, "/")} />);
    expect(html).toContain(`<html lang="${locale}">`);
    expect(html).toContain(t(locale, "home.heading"));
    expect(html).not.toMatch(/<script/i);
    // The quick exit is the one link away, on purpose; nothing is loaded from elsewhere.
    expect(foreignUrls(html).filter((url) => !html.includes(`class="exit" href="${url}"`))).toEqual([]);
  });

  it("lists a grant call as closed, with its closing date, once the clock passes it", async () => {
    const page = pageContext("es", "/");
    Clock.set(Date.parse(grant.closesAt!) - 60_000);
    const before = await render(<HomePage calls={[grant]} page={page} />);
    expect(before).toContain(t("es", "call.closes", { date: formatDate("es", grant.closesAt!) }));
    expect(before).not.toContain(t("es", "home.closed"));

    Clock.set(Date.parse(grant.closesAt!) + 60_000);
    const after = await render(<HomePage calls={[grant]} page={page} />);
    expect(after).toContain(t("es", "home.none_open"));
    expect(after).toContain(t("es", "call.closed_on", { date: formatDate("es", grant.closesAt!) }));
  });

  it.each(locales)(
    "the quiz (%s) is a plain form: every question labelled, posted without JavaScript",
    async (locale) => {
      const html = await render(
        <QuizPage call={emergency} page={pageContext(locale, "/apply/digital-emergency/eligibility")} />,
      );
      expect(html).toContain('<form method="post" action="/apply/digital-emergency/eligibility"');
      for (const question of emergency.eligibility.questions) {
        expect(html).toContain(question.label[locale as Locale] ?? question.label.en);
      }
      expect(html).not.toMatch(/<script/i);
    },
  );

  it.each(locales)(
    "the quiz (%s) marks an optional question once, and the call page ends its sentences",
    async (locale) => {
      const quiz = await render(
        <QuizPage call={emergency} page={pageContext(locale, "/apply/digital-emergency/eligibility")} />,
      );
      const marker = `(${t(locale, "quiz.optional")})`;
      const optional = emergency.eligibility.questions.filter((question) => !question.required);
      expect(optional.length).toBeGreaterThan(0);
      expect(quiz.split(marker).length - 1).toBe(optional.length);
      const call = await render(<CallPage call={emergency} page={pageContext(locale, "/apply/digital-emergency")} />);
      expect(call).toContain(`${page(locale).plural("call.max_months", emergency.funding.maxMonths)}</p>`);
      expect(page(locale).plural("call.max_months", emergency.funding.maxMonths)).toMatch(sentenceEnd[locale] ?? /\.$/);
    },
  );

  it("the call page says an emergency fund is always open and when it decides", async () => {
    const html = await render(<CallPage call={emergency} page={pageContext("pt", "/apply/digital-emergency")} />);
    expect(html).toContain(t("pt", "call.always_open"));
    expect(html).toContain(t("pt", "call.decision_days", { days: emergency.decisionDays }));
  });

  /** The immediate-help list of a page: each helpline's name and the links it offers. */
  const helpLines = (html: string) =>
    [...(/<ul class="help-list">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? "").matchAll(/<li>([\s\S]*?)<\/li>/g)].map(
      ([, item]) => ({
        name: /<strong>([^<]*)<\/strong>/.exec(item!)?.[1],
        links: [...item!.matchAll(/href="([^"]*)"/g)].map(([, href]) => href),
      }),
    );

  it.each(locales)(
    "the emergency call's page and its 'you cannot apply' page (%s) list where to get help now, to dial or open",
    async (locale) => {
      const page = pageContext(locale, "/apply/digital-emergency");
      const rule = emergency.eligibility.rules[0]!;
      const ineligible = {
        eligible: false,
        failures: [{ ruleId: rule.id, questionId: rule.questionId, reason: rule.reason }],
      };
      for (const html of [
        await render(<CallPage call={emergency} page={page} />),
        await render(<ResultPage call={emergency} page={page} result={ineligible} values={{}} />),
      ]) {
        expect(html).toContain(t(locale, "help.heading"));
        expect(helpLines(html)).toEqual([
          {
            name: emergency.immediateHelp[0]!.name[locale],
            links: ["https://www.accessnow.org/help/", "mailto:help@accessnow.org"],
          },
          {
            name: emergency.immediateHelp[1]!.name[locale],
            links: ["tel:+35312100489", "https://www.frontlinedefenders.org/en/emergency-contact"],
          },
        ]);
        expect(html).not.toMatch(/<script/i);
      }
    },
  );

  it("shows no immediate-help list for a call that has none", async () => {
    const html = await render(<CallPage call={grant} page={pageContext("en", "/apply/concept-notes-2026")} />);
    expect(grant.immediateHelp).toEqual([]);
    expect(html).not.toContain(t("en", "help.heading"));
  });

  it("refuses a helpline with no way to reach it, and a web address that is not https", () => {
    const contact = { name: { en: "Line", es: "Línea", pt: "Linha" } };
    expect(Call.HelpContact.safeParse(contact).success).toBe(false);
    expect(Call.HelpContact.safeParse({ ...contact, url: "http://example.org" }).success).toBe(false);
    expect(Call.HelpContact.safeParse({ ...contact, phone: "0800 123" }).success).toBe(false);
    expect(Call.HelpContact.safeParse({ ...contact, phone: "+54 11 5555 0000" }).success).toBe(true);
  });
});

describe("staff pages rendered from data", () => {
  it.each(staffLocales)("sign-in (%s) asks for an address in a form that posts without JavaScript", async (locale) => {
    const html = await render(<SignInPage page={pageContext(locale, "/staff/sign-in")} />);
    expect(html).toContain('<form method="post" action="/staff/sign-in/request"');
    expect(html).toContain('type="email"');
    expect(html).toContain(t(locale, "staff.signin.heading"));
    expect(html).not.toMatch(/<script/i);
    expect(foreignUrls(html)).toEqual([]);
  });
});
