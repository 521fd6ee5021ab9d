import * as Application from "@amparo/core/application";
import * as Call from "@amparo/core/call";
import { formatMoney } from "@amparo/core/i18n";
import { app as apply } from "@amparo/functions/apply/index";
import { app as staffApp } from "@amparo/functions/staff/index";
import { beforeAll, describe, expect, it } from "vitest";
import { applicantRequest, grantAnswers, startApplication } from "../support/applications.js";
import { postForm, postJson } from "../support/http.js";
import { signIn, staffAccount, staffRequest } from "../support/staff.js";

/**
 * Numbers typed into pages the way people write them (a currency sign, groups of three with `.`, `,` or spaces)
 * are read as they meant them; a decimal part is refused with the number as it was read; and the annual budget
 * is asked only by a call whose rules read it.
 */

const GRANT = "concept-notes-2026";
const EMERGENCY = "digital-emergency";
/** The grant call with its ratio rule, but with no quiz question for the annual budget: the funding step asks it. */
const RATIO = "ratio-without-quiz-budget";

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, " ");
const cookieFor = (token: string) => ({ Cookie: `access=${token}` });
const get = (path: string, token: string) => apply.request(path, { headers: cookieFor(token) });

const quizForm = (budget: string): [string, string][] => [
  ["organisation-type", "ngo"],
  ["country", "TH"],
  ["thematic-area", "digital-security"],
  ["target-groups", "women"],
  ["years-active", "5"],
  ["annual-budget", budget],
  ["applied-recently", "no"],
];

beforeAll(async () => {
  const grant = await Call.get(GRANT);
  const { annualBudgetQuestion: _asked, ...funding } = grant.funding;
  await Call.put({ ...grant, id: RATIO, funding });
});

async function start(callId: string): Promise<{ id: string; token: string }> {
  const response = await postJson("/api/v1/applications", {
    callId,
    language: "en",
    eligibility: { answers: grantAnswers },
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; token: string };
}

describe("a number typed in the eligibility quiz", () => {
  it.each(["$10,000", "10 000", "US$ 10.000", "10\u00a0000 USD"])("reads %j as ten thousand", async (typed) => {
    const response = await postForm(`/apply/${GRANT}/eligibility`, quizForm(typed));
    expect(response.status).toBe(200);
    expect(text(await response.text())).toContain("You can apply");
  });

  it("refuses a decimal part, saying how it read the number, and keeps what was typed", async () => {
    const response = await postForm(`/apply/${GRANT}/eligibility`, quizForm("10.5"));
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(text(html)).toContain(
      "We read this as 10.5. Please write a whole number, without cents or decimals, such as 10.",
    );
    expect(html).toContain('value="10.5"');

    const es = await postForm(`/apply/${GRANT}/eligibility?lang=es`, quizForm("10,5"));
    expect(es.status).toBe(400);
    expect(text(await es.text())).toContain("Lo leímos como 10,5. Escriba un número entero");
  });

  it("tells someone applying alone that 0 is an answer to the annual budget", async () => {
    const page = text(await (await apply.request(`/apply/${GRANT}/eligibility`)).text());
    expect(page).toContain("If you apply as an individual, without an organisation, write 0.");
    const emergency = text(await (await apply.request(`/apply/${EMERGENCY}/eligibility`)).text());
    expect(emergency).not.toContain("without an organisation, write 0");
  });
});

describe("the funding form", () => {
  it.each([
    ["$10,000", 10_000],
    ["10 000", 10_000],
    ["€ 2.500", 2_500],
  ])("reads the amount %j as %d", async (typed, amount) => {
    const { id, token } = await startApplication(EMERGENCY);
    const response = await postForm(
      "/apply/my/funding",
      [
        ["amount", typed],
        ["months", "3"],
      ],
      cookieFor(token),
    );
    expect(response.status).toBe(303);
    expect((await Application.fromID(id))!.funding).toEqual({ amount, months: 3 });
  });

  it("refuses an amount with a decimal part, showing it as read, and saves nothing", async () => {
    const { id, token } = await startApplication(EMERGENCY);
    const response = await postForm(
      "/apply/my/funding?lang=pt",
      [
        ["amount", "10.5"],
        ["months", "3"],
      ],
      cookieFor(token),
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(text(html)).toContain("Lemos isto como 10,5. Escreva um número inteiro");
    expect(html).toContain('value="10.5"');
    expect((await Application.fromID(id))!.funding).toBeUndefined();
  });

  it("does not ask the emergency fund's applicants for an annual budget", async () => {
    const { token } = await startApplication(EMERGENCY);
    const html = await (await get("/apply/my/funding", token)).text();
    expect(html).not.toContain('name="annualBudget"');
    expect(html).toContain('name="amount"');
  });

  it("asks the annual budget where a rule needs it, says 0 is fine alone, and reads it as typed", async () => {
    const { id, token } = await start(RATIO);
    const html = await (await get("/apply/my/funding", token)).text();
    expect(html).toContain('name="annualBudget"');
    expect(html).toMatch(/id="annualBudget"[^>]*aria-describedby="annualBudget-help"/);
    expect(text(html)).toContain("If you apply as an individual, without an organisation, write 0.");

    const post = (budget: string) =>
      postForm(
        "/apply/my/funding",
        [
          ["amount", "$20,000"],
          ["annualBudget", budget],
          ["months", "12"],
        ],
        cookieFor(token),
      );
    const fraction = await post("10.000,50");
    expect(fraction.status).toBe(400);
    expect(text(await fraction.text())).toContain("We read this as 10,000.5.");

    const alone = await post("0");
    expect(alone.status).toBe(422);
    expect(text(await alone.text())).toContain("at most 2 times your annual budget");

    expect((await post("US$ 10.000")).status).toBe(303);
    expect((await Application.fromID(id))!.funding).toEqual({ amount: 20_000, annualBudget: 10_000, months: 12 });
  });
});

describe("the amount a coordinator grants", () => {
  it("reads a currency sign and groups, and refuses a decimal part before anything is decided", async () => {
    const { id, token } = await startApplication(EMERGENCY);
    await applicantRequest("PUT", `/api/v1/applications/${id}/concept-note`, token, {
      fields: { situation: "Our accounts were taken over.", need: "Two new phones." },
    });
    await applicantRequest("PUT", `/api/v1/applications/${id}/funding`, token, { amount: 3_000, months: 2 });
    expect((await applicantRequest("POST", `/api/v1/applications/${id}/submit`, token)).status).toBe(200);
    const { session } = await signIn((await staffAccount(["coordinator"], [EMERGENCY])).email);
    const version = async () =>
      ((await (await staffRequest("GET", `/api/v1/review/applications/${id}`, session)).json()) as { version: number })
        .version;
    await staffRequest("POST", `/api/v1/review/applications/${id}/transition`, session, {
      to: "in_review",
      version: await version(),
    });
    const decide = async (amount: string) =>
      staffApp.request(`/staff/applications/${id}/transition`, {
        method: "POST",
        headers: {
          Cookie: `staff_session=${session}`,
          "Content-Type": "application/x-www-form-urlencoded",
          "Sec-Fetch-Site": "same-origin",
        },
        body: new URLSearchParams([
          ["version", String(await version())],
          ["to", "approved"],
          ["amount", amount],
        ]).toString(),
      });

    const fraction = await decide("2800.50");
    expect(fraction.status).toBe(422);
    expect(text(await fraction.text())).toContain("We read this as 2,800.5.");
    const signed = await decide("€2,800");
    expect(signed.status).toBe(200);
    expect(text(await signed.text())).toContain(`Amount approved ${formatMoney("en", 2_800, "EUR")}`);
  });
});
