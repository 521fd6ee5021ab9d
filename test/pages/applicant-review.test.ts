import { formatMoney, formatNumber } from "@amparo/core/i18n";
import * as Application from "@amparo/core/application";
import * as Stage from "@amparo/core/stage";
import { app as apply } from "@amparo/functions/apply/index";
import { describe, expect, it } from "vitest";
import { applicantRequest, grantAnswers, startApplication, uploadBudget } from "../support/applications.js";
import { csv } from "../support/files.js";
import { everyItem, postForm } from "../support/http.js";
import { staffAccount } from "../support/staff.js";

const GRANT = "concept-notes-2026";
const EMERGENCY = "digital-emergency";

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

const cookieFor = (token: string) => ({ Cookie: `access=${token}` });
const get = (path: string, token: string) => apply.request(path, { headers: cookieFor(token) });

const note = {
  problem: "Coordinated harassment of women journalists in Sindh.",
  approach: "Digital security clinics and a rapid-response line.",
  outcomes: "Fewer account takeovers.",
  organisation: "A collective of lawyers and technologists since 2016.",
};

/** A grant application with every part filled in through the API, ready to submit. */
async function completeGrant() {
  const { id, token } = await startApplication(GRANT);
  await applicantRequest("PUT", `/api/v1/applications/${id}/concept-note`, token, { fields: note });
  // No annual budget: the quiz asked it already.
  expect(
    (await applicantRequest("PUT", `/api/v1/applications/${id}/funding`, token, { amount: 18_000, months: 9 })).status,
  ).toBe(200);
  await uploadBudget(id, token, csv(), "text/csv", "presupuesto.csv");
  expect((await applicantRequest("POST", `/api/v1/applications/${id}/budget-file/confirm`, token)).status).toBe(200);
  return { id, token };
}

/** The version a page's form was opened at. */
const versionIn = (html: string) => /name="_version" value="(\d+)"/.exec(html)?.[1];

describe("the review step", () => {
  it("lists everything that will be sent, each part with a link to change it", async () => {
    const { token } = await completeGrant();
    const response = await get("/apply/my/submit", token);
    expect(response.status).toBe(200);
    const html = await response.text();
    const page = text(html);
    // The eligibility answers, with the questions' own labels and the options' words, not their values.
    expect(page).toContain("What is your current annual budget, in US dollars? 20,000");
    expect(page).toContain("Thailand");
    expect(page).toContain("For how many years have you been working? 7");
    expect(page).toContain("What is the main area of your work? Digital security");
    // The concept note, each field under its label.
    for (const value of Object.values(note)) expect(page).toContain(value);
    // The funding, with the annual budget taken from the quiz.
    expect(page).toContain("Amount $18,000");
    expect(page).toContain("Annual budget $20,000");
    expect(page).toContain("Months 9 months");
    // The budget file: name, size and type.
    expect(page).toContain("File name presupuesto.csv");
    expect(page).toMatch(/Size \d+ kB/);
    expect(page).toContain("Type CSV");
    for (const step of ["answers", "concept-note", "funding", "budget"]) {
      expect(html).toContain(`<a class="change" href="/apply/my/${step}">Change`);
    }
    expect(page).toContain("Submit application");
  });

  it("names the field in each problem, in the applicant's language", async () => {
    const { token } = await startApplication(GRANT);
    const funding = await postForm(
      "/apply/my/funding?lang=es",
      [
        ["amount", "mucho"],
        ["months", "0"],
      ],
      cookieFor(token),
    );
    expect(funding.status).toBe(400);
    const page = text(await funding.text());
    expect(page).toContain("Monto: Escriba un número entero, por ejemplo 20000.");
    expect(page).toContain("Meses: Escriba un número mayor que 0, por ejemplo 6.");
    expect(page).not.toMatch(/conflict|invalid|validation\./i);

    const review = text(await (await get("/apply/my/submit?lang=pt", token)).text());
    expect(review).toContain("O problema: escreva esta parte.");
  });

  it("refuses to send what another tab changed after the review was opened, and shows what would be sent now", async () => {
    const { id, token } = await completeGrant();
    const opened = await (await get("/apply/my/submit", token)).text();
    const version = versionIn(opened);
    expect(version).toBeDefined();
    await applicantRequest("PUT", `/api/v1/applications/${id}/concept-note`, token, {
      fields: { outcomes: "Changed on the phone." },
    });
    const before = JSON.stringify(await everyItem());
    const response = await postForm("/apply/my/submit", [["_version", version!]], cookieFor(token));
    expect(response.status).toBe(409);
    const page = text(await response.text());
    expect(page).toContain("changed in another tab or on another device");
    expect(page).toContain("Changed on the phone.");
    expect(page).not.toContain("conflicts with the current state");
    expect(JSON.stringify(await everyItem())).toBe(before);
    expect((await Application.fromID(id))!.stage).toBe("draft");
  });
});

describe("a stale form", () => {
  it("saves nothing over a change made in another tab, says so in plain words, and shows what is saved", async () => {
    const { id, token } = await startApplication(GRANT);
    const opened = await (await get("/apply/my/funding", token)).text();
    await applicantRequest("PUT", `/api/v1/applications/${id}/funding`, token, { amount: 21_000, months: 10 });
    const response = await postForm(
      "/apply/my/funding",
      [
        ["_version", versionIn(opened)!],
        ["amount", "16000"],
        ["months", "3"],
      ],
      cookieFor(token),
    );
    expect(response.status).toBe(409);
    const html = await response.text();
    expect(text(html)).toContain(
      "Your application was changed in another tab or on another device after you opened this page, so what you just sent was not saved.",
    );
    expect(html).toContain('value="21000"');
    expect((await Application.fromID(id))!.funding).toEqual({ amount: 21_000, annualBudget: 20_000, months: 10 });
  });

  it("keeps the concept note typed in an older tab on the page, unsaved, instead of overwriting", async () => {
    const { id, token } = await startApplication(GRANT);
    const opened = await (await get("/apply/my/concept-note", token)).text();
    await applicantRequest("PUT", `/api/v1/applications/${id}/concept-note`, token, { fields: { problem: "Newer." } });
    const response = await postForm(
      "/apply/my/concept-note",
      [
        ["_version", versionIn(opened)!],
        ["problem", "Older tab text."],
      ],
      cookieFor(token),
    );
    expect(response.status).toBe(409);
    const html = await response.text();
    expect(html).toContain("Older tab text.");
    expect(html).toMatch(/<textarea[^>]*id="problem"[^>]*>Newer\.<\/textarea>/);
    expect((await Application.fromID(id))!.conceptNote["problem"]).toBe("Newer.");
  });
});

describe("after submission", () => {
  it("shows each part read-only with the date it was sent, and answers a late post with the same words", async () => {
    const { id, token } = await completeGrant();
    expect((await applicantRequest("POST", `/api/v1/applications/${id}/submit`, token)).status).toBe(200);
    const sent = await Application.fromID(id);
    const date = new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" }).format(
      new Date(sent!.submittedAt!),
    );
    const sentence = `You sent this on ${date}. It can no longer be changed.`;

    for (const path of ["/apply/my/concept-note", "/apply/my/funding", "/apply/my/budget", "/apply/my/submit"]) {
      const html = await (await get(path, token)).text();
      expect(text(html), path).toContain(sentence);
      expect(html, path).not.toMatch(/<textarea|<input type="(text|radio|file)"|<button type="submit">/);
    }
    const review = text(await (await get("/apply/my/submit", token)).text());
    expect(review).toContain(note.problem);
    expect(review).toContain("Amount $18,000");
    expect(review).not.toContain("Change");

    const before = JSON.stringify(await everyItem());
    const posts: [string, [string, string][]][] = [
      ["/apply/my/concept-note", [["problem", "Too late."]]],
      [
        "/apply/my/funding",
        [
          ["amount", "16000"],
          ["months", "3"],
        ],
      ],
      ["/apply/my/budget", [["type", "text/csv"]]],
      ["/apply/my/answers", [["country", "MX"]]],
      ["/apply/my/submit", []],
    ];
    for (const [path, fields] of posts) {
      const response = await postForm(path, fields, cookieFor(token));
      expect(response.status, path).toBe(409);
      const page = text(await response.text());
      expect(page, path).toMatch(/It can no longer be changed|They can no longer be changed/);
      expect(page, path).not.toContain("conflicts with the current state");
    }
    expect(JSON.stringify(await everyItem())).toBe(before);
  });
});

describe("the annual budget", () => {
  it("is asked once: the grant's funding step takes it from the quiz, and saves without it", async () => {
    const { id, token } = await startApplication(GRANT);
    const html = await (await get("/apply/my/funding", token)).text();
    expect(html).not.toContain('name="annualBudget"');
    expect(text(html)).toContain(
      `Your current annual budget, as you gave it in the eligibility questions: ${formatMoney("en", 20_000, "USD")}.`,
    );
    const saved = await postForm(
      "/apply/my/funding",
      [
        ["amount", "18000"],
        ["months", "12"],
      ],
      cookieFor(token),
    );
    expect(saved.status).toBe(303);
    expect((await Application.fromID(id))!.funding).toEqual({ amount: 18_000, annualBudget: 20_000, months: 12 });
    // The emergency fund has no rule that reads an annual budget: it is not asked at all.
    const emergency = await startApplication(EMERGENCY);
    expect(await (await get("/apply/my/funding", emergency.token)).text()).not.toContain('name="annualBudget"');
  });

  it("can be corrected in the eligibility answers before submission, checked again against the rules", async () => {
    const { id, token } = await startApplication(GRANT);
    const form = Object.entries(grantAnswers).flatMap(([name, value]): [string, string][] =>
      Array.isArray(value)
        ? value.map((item) => [name, item])
        : [[name, typeof value === "boolean" ? (value ? "yes" : "no") : String(value)]],
    );
    const page = await (await get("/apply/my/answers", token)).text();
    expect(page).toContain('value="20000"');
    const ineligible = await postForm(
      "/apply/my/answers",
      [...form.filter(([name]) => name !== "annual-budget"), ["annual-budget", "1000"]],
      cookieFor(token),
    );
    expect(ineligible.status).toBe(422);
    expect(text(await ineligible.text())).toContain(
      `annual budget between USD ${formatNumber("en", 7_500)} and USD ${formatNumber("en", 500_000)}`,
    );
    expect((await Application.fromID(id))!.answers["annual-budget"]).toBe(20_000);

    const corrected = await postForm(
      "/apply/my/answers",
      [...form.filter(([name]) => name !== "annual-budget"), ["annual-budget", "12.500"]],
      cookieFor(token),
    );
    expect(corrected.status).toBe(303);
    expect((await Application.fromID(id))!.answers["annual-budget"]).toBe(12_500);
    const funding = text(await (await get("/apply/my/funding", token)).text());
    expect(funding).toContain(`as you gave it in the eligibility questions: ${formatMoney("en", 12_500, "USD")}.`);
  });
});

describe("the outcome", () => {
  async function decided(callId: typeof GRANT | typeof EMERGENCY, to: "approved" | "declined", message?: string) {
    const { id, token } =
      callId === GRANT
        ? await completeGrant()
        : await (async () => {
            const started = await startApplication(EMERGENCY);
            await applicantRequest("PUT", `/api/v1/applications/${started.id}/concept-note`, started.token, {
              fields: { situation: "Phones seized.", need: "Two phones." },
            });
            await applicantRequest("PUT", `/api/v1/applications/${started.id}/funding`, started.token, {
              amount: 2_000,
              annualBudget: 0,
              months: 2,
            });
            return started;
          })();
    expect((await applicantRequest("POST", `/api/v1/applications/${id}/submit`, token)).status).toBe(200);
    const coordinator = await staffAccount(["coordinator"], [callId]);
    const { version } = await Stage.transition(coordinator, id, {
      to: "in_review",
      version: (await Application.fromID(id))!.version,
    });
    await Stage.transition(coordinator, id, {
      to,
      version,
      ...(to === "approved" ? { amount: 1_500 } : { note: "Outside the fund's scope." }),
      ...(message ? { messageToApplicant: message } : {}),
    });
    return { id, token };
  }

  it("says what happens next once approved, in the call's own words, with the coordinator's message", async () => {
    const { token } = await decided(EMERGENCY, "approved", "Escribiremos aquí el viernes con los datos del pago.");
    const page = text(await (await get("/apply/my?lang=es", token)).text());
    expect(page).toContain("Qué sigue ahora");
    expect(page).toContain("léalo y acéptelo escribiendo su nombre");
    expect(page).toContain("Nuestro mensaje para usted");
    expect(page).toContain("Escribiremos aquí el viernes con los datos del pago.");
  });

  it("points a declined applicant to other help, and shows no message when none was written", async () => {
    const { token } = await decided(GRANT, "declined");
    const page = text(await (await get("/apply/my", token)).text());
    expect(page).toContain("What happens next");
    expect(page).toContain("Front Line Defenders");
    expect(page).toContain("Digital Security Helpline");
    expect(page).not.toContain("Our message to you");
    // The staff note of a decline is for staff: it is never shown to the applicant.
    expect(page).not.toContain("Outside the fund's scope.");
  });

  it("lists the emergency call's helplines with a declined request, as links to dial and open", async () => {
    const { token } = await decided(EMERGENCY, "declined");
    const html = await (await get("/apply/my?lang=pt", token)).text();
    expect(text(html)).toContain("Se você precisa de ajuda agora");
    expect(html).toContain('<ul class="help-list">');
    expect(html).toContain('href="tel:+35312100489"');
    expect(html).toContain('href="https://www.accessnow.org/help/"');
  });
});
