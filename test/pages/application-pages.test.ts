import { formatNumber } from "@amparo/core/i18n";
import { app as apply } from "@amparo/functions/apply/index";
import { describe, expect, it } from "vitest";
import { applicantRequest, grantAnswers, startApplication } from "../support/applications.js";
import { everyItem, postForm } from "../support/http.js";

const emergencyForm: [string, string][] = [
  ["applicant-type", "organisation"],
  ["country", "PH"],
  ["under-attack", "yes"],
  ["human-rights-work", "yes"],
  ["funded-recently", "no"],
];

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ");

const cookieFor = (token: string) => ({ Cookie: `access=${token}` });

describe("starting from the quiz", () => {
  it("carries the answers to the start page, then shows the code once and keeps it in an HttpOnly cookie", async () => {
    const start = await postForm("/apply/digital-emergency/start", emergencyForm);
    const startPage = await start.text();
    expect(start.status).toBe(200);
    expect(startPage).toContain('<input type="hidden" name="country" value="PH"/>');
    expect(startPage).toContain('<input type="hidden" name="_step" value="create"/>');

    const created = await postForm("/apply/digital-emergency/start?lang=es", [
      ...emergencyForm,
      ["_step", "create"],
      ["language", "tl"],
      ["email", ""],
    ]);
    expect(created.status).toBe(201);
    const page = await created.text();
    const code = /<p class="code"[^>]*><strong>([^<]+)<\/strong>/.exec(page)?.[1];
    expect(code).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    expect(text(page)).toContain("Esta es la única vez que lo mostramos.");
    const cookie = created.headers.get("set-cookie") ?? "";
    expect(cookie).toContain(`access=${code}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\/apply/);
    expect(cookie).not.toMatch(/Max-Age|Expires/);
    expect(created.headers.get("cache-control")).toBe("no-store");
  });

  it("keeps the answers and names a malformed address instead of starting", async () => {
    const before = (await everyItem()).length;
    const response = await postForm("/apply/digital-emergency/start", [
      ...emergencyForm,
      ["_step", "create"],
      ["language", "es"],
      ["email", "not-an-address"],
    ]);
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain('id="email-error"');
    expect(page).toContain('value="not-an-address"');
    expect((await everyItem()).length).toBe(before);
  });

  it("sends a bare visit to /start back to the quiz", async () => {
    const response = await apply.request("/apply/digital-emergency/start");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/apply/digital-emergency/eligibility");
  });
});

describe("the applicant's pages", () => {
  it("ask for the code when there is none, or a wrong one", async () => {
    for (const headers of [{}, cookieFor("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH")]) {
      const response = await apply.request("/apply/my/concept-note", { headers });
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe("/apply/resume");
    }
  });

  it("answer a wrong code on the resume page with the form and a plain message", async () => {
    const response = await postForm("/apply/resume?lang=pt", [["code", "nope"]]);
    expect(response.status).toBe(404);
    expect(text(await response.text())).toContain("Este código não abre nenhuma candidatura.");
  });

  it("refuse a form posted from another site (CSRF) and change nothing", async () => {
    const { token } = await startApplication("digital-emergency");
    const before = JSON.stringify(await everyItem());
    const response = await apply.request("/apply/my/concept-note", {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "Sec-Fetch-Site": "cross-site",
        Origin: "https://evil.example",
        ...cookieFor(token),
      },
      body: "situation=hijacked",
    });
    expect(response.status).toBe(403);
    expect(JSON.stringify(await everyItem())).toBe(before);
  });

  it("save the concept note and show word counts after each save", async () => {
    const { id, token } = await startApplication("digital-emergency");
    const response = await postForm(
      "/apply/my/concept-note",
      [
        ["situation", "Nuestros teléfonos fueron confiscados."],
        ["need", ""],
      ],
      cookieFor(token),
    );
    expect(response.status).toBe(200);
    const page = text(await response.text());
    expect(page).toContain("4 of 300 words");
    expect(page).toContain("Saved.");
    const api = (await (await applicantRequest("GET", `/api/v1/applications/${id}`, token)).json()) as {
      conceptNote: { fields: Record<string, string> };
    };
    expect(api.conceptNote.fields["situation"]).toBe("Nuestros teléfonos fueron confiscados.");
  });

  it("keep what was typed and name each broken funding rule (422)", async () => {
    // The annual budget is asked once, in the quiz: the ratio rule reads it from there.
    const { token } = await startApplication("concept-notes-2026", {
      eligibility: { answers: { ...grantAnswers, "annual-budget": 10_000 } },
    });
    const response = await postForm(
      "/apply/my/funding?lang=es",
      [
        ["amount", "40.000"],
        ["months", "12"],
      ],
      cookieFor(token),
    );
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('value="40.000"');
    expect(text(html)).toContain(`El monto supera el máximo de ${formatNumber("es", 25_000)} USD.`);
    expect(text(html)).toContain(
      `El monto puede ser como máximo 2 veces su presupuesto anual, es decir ${formatNumber("es", 20_000)}.`,
    );
  });

  it("let only the budget upload form post to S3, and nowhere else", async () => {
    const { token } = await startApplication("digital-emergency");
    const upload = await postForm("/apply/my/budget", [["type", "application/pdf"]], cookieFor(token));
    expect(upload.status).toBe(200);
    const csp = upload.headers.get("content-security-policy") ?? "";
    const s3 = /<form method="post" action="([^"]+)" enctype="multipart\/form-data">/.exec(await upload.text())?.[1];
    expect(s3).toBeDefined();
    expect(csp).toContain(`form-action 'self' ${new URL(s3!).origin}`);
    expect(csp).toContain("default-src 'none'");
    const overview = await apply.request("/apply/my", { headers: cookieFor(token) });
    expect(overview.headers.get("content-security-policy")).toContain("form-action 'self';");
  });

  it("list every problem on the review page and offer no submit button until there are none", async () => {
    const { token } = await startApplication("concept-notes-2026");
    const page = text(await (await apply.request("/apply/my/submit", { headers: cookieFor(token) })).text());
    expect(page).toContain("Before you can submit:");
    expect(page).toContain("The problem: please write this part.");
    expect(page).toContain("Say what you ask for.");
    expect(page).toContain("Upload the budget file.");
    expect(page).not.toContain("Submit application");
  });

  it("forget the code on sign-out", async () => {
    const { token } = await startApplication("digital-emergency");
    const response = await postForm("/apply/my/sign-out", [], cookieFor(token));
    expect(response.status).toBe(303);
    expect(response.headers.get("set-cookie")).toMatch(/^access=;.*Max-Age=0/);
  });

  it.each([
    "/apply/my",
    "/apply/my/concept-note",
    "/apply/my/funding",
    "/apply/my/budget",
    "/apply/my/submit",
    "/apply/my/withdraw",
  ])("%s keeps the neutral title, the quick exit and the no-store header", async (path) => {
    const { token } = await startApplication("digital-emergency");
    const response = await apply.request(`${path}?lang=pt`, { headers: cookieFor(token) });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("<title>Amparo</title>");
    expect(html).toContain('class="exit"');
    expect(html).not.toContain("<script");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
  });
});
