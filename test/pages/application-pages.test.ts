import * as Application from "@amparo/core/application";
import { formatDate, formatNumber } from "@amparo/core/i18n";
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
    // Post/redirect/get: the code has a page of its own, so Back never posts the start again.
    expect(created.status).toBe(303);
    expect(created.headers.get("location")).toBe("/apply/my/code");
    const cookies = created.headers
      .getSetCookie()
      .map((header) => header.split(";")[0])
      .join("; ");
    const shown = await apply.request("/apply/my/code", { headers: { Cookie: cookies } });
    const page = await shown.text();
    const code = /<p class="code"[^>]*><strong>([^<]+)<\/strong>/.exec(page)?.[1];
    expect(code).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    expect(text(page)).toContain("Esta es la única vez que lo mostramos.");
    expect(shown.headers.get("cache-control")).toBe("no-store");
    // Once the applicant has moved on to their application, the code's address leads there instead.
    const moved = await apply.request("/apply/my", { headers: { Cookie: cookies } });
    // A cookie jar: what the overview set replaces what the start set.
    const jar = new Map(
      [...created.headers.getSetCookie(), ...moved.headers.getSetCookie()].map((header) => {
        const pair = header.split(";")[0]!;
        return [pair.slice(0, pair.indexOf("=")), pair] as const;
      }),
    );
    const afterCookies = [...jar.values()].join("; ");
    const again = await apply.request("/apply/my/code", { headers: { Cookie: afterCookies } });
    expect(again.status).toBe(303);
    expect(again.headers.get("location")).toBe("/apply/my");
    const cookie = created.headers.get("set-cookie") ?? "";
    expect(cookie).toContain(`access=${code}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\/apply/);
    expect(cookie).not.toMatch(/Max-Age|Expires/);
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

  it("keep a mistyped code in the field to correct, and say what is wrong once, linked from the summary", async () => {
    const typed = "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHH1";
    const response = await postForm("/apply/resume", [["code", typed]], { "Accept-Encoding": "gzip" });
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toMatch(new RegExp(`<input type="text" id="code" name="code" dir="auto" value="${typed}"`));
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('aria-describedby="code-error"');
    // The summary names the problem and links to the field; the field says what to do: no sentence twice.
    expect(html).toContain('<a href="#code">The access code was not recognised</a>');
    expect(html.split("This code does not open an application.")).toHaveLength(2);
    // Shown once more to its owner, like any code on a page: never compressed (see showsSecret).
    expect(response.headers.get("content-encoding")).toBeNull();
  });

  it("ask before withdrawing, say what is deleted and when, and land on the status page after the post", async () => {
    const { id, token } = await startApplication("digital-emergency");
    const confirm = await (await apply.request("/apply/my/withdraw", { headers: cookieFor(token) })).text();
    const deletedOn = formatDate("en", new Date(Date.now() + 180 * 86_400_000).toISOString());
    expect(text(confirm)).toContain(
      `Withdrawing ends the process, and it cannot be undone. 180 days later, on ${deletedOn}, we delete everything you sent`,
    );
    expect(confirm).toContain('<form method="post" action="/apply/my/withdraw"');

    const posted = await postForm("/apply/my/withdraw", [], cookieFor(token));
    expect(posted.status).toBe(303);
    expect(posted.headers.get("location")).toBe("/apply/my?done=withdrawn");
    const landed = await apply.request("/apply/my?done=withdrawn", { headers: cookieFor(token) });
    expect(text(await landed.text())).toContain(
      `Your application was withdrawn. Everything you sent will be deleted on ${deletedOn}.`,
    );
    const state = (await (await applicantRequest("GET", `/api/v1/applications/${id}`, token)).json()) as {
      stage: string;
    };
    expect(state.stage).toBe("withdrawn");
    // The confirmation page, opened again (the back button), has nothing left to confirm.
    const again = await apply.request("/apply/my/withdraw", { headers: cookieFor(token) });
    expect(again.status).toBe(303);
    // A crafted or stale notice link says nothing untrue about an application that was not withdrawn.
    const other = await startApplication("digital-emergency");
    const untrue = await apply.request("/apply/my?done=withdrawn", { headers: cookieFor(other.token) });
    expect(await untrue.text()).not.toContain("was withdrawn");
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
    // Post/redirect/get: the page itself says it is saved, so a reload sends nothing again.
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/apply/my/concept-note?saved=1");
    const shown = await apply.request("/apply/my/concept-note?saved=1", { headers: cookieFor(token) });
    const page = text(await shown.text());
    expect(page).toContain("4 of 300 words");
    expect(page).toContain("Saved.");
    const api = (await (await applicantRequest("GET", `/api/v1/applications/${id}`, token)).json()) as {
      conceptNote: { fields: Record<string, string> };
    };
    expect(api.conceptNote.fields["situation"]).toBe("Nuestros teléfonos fueron confiscados.");
  });

  it("keep what was typed through a language switch on a draft's page: the switch saves it, then shows it in the other language", async () => {
    const { id, token } = await startApplication("digital-emergency");
    const page = await (await apply.request("/apply/my/concept-note", { headers: cookieFor(token) })).text();
    // The switch is a set of buttons on the page's own form, each posting it back in its language.
    expect(page).toMatch(/<button type="submit" form="draft" formaction="\/apply\/my\/concept-note\?lang=pt"/);
    const switched = await postForm(
      "/apply/my/concept-note?lang=pt",
      [
        ["situation", "Typed, then the language changed."],
        ["need", ""],
        ["_switch", "1"],
      ],
      cookieFor(token),
    );
    expect(switched.status).toBe(303);
    expect(switched.headers.get("set-cookie")).toContain("lang=pt");
    const shown = await apply.request(switched.headers.get("location")!, {
      headers: { Cookie: `access=${token}; lang=pt` },
    });
    const html = await shown.text();
    expect(html).toContain('<html lang="pt">');
    expect(html).toContain("Typed, then the language changed.");
    expect((await Application.fromID(id))!.conceptNote["situation"]).toBe("Typed, then the language changed.");
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
