import { formatMoney } from "@amparo/core/i18n";
import { app as apply } from "@amparo/functions/apply/index";
import { describe, expect, it } from "vitest";
import { everyItem, postForm } from "../support/http.js";
import { createHash } from "node:crypto";
import { stylesheetPath } from "../../packages/functions/src/shared/pages.js";
import { siteCss } from "../../packages/functions/src/shared/site-css.js";

const quiz = "/apply/concept-notes-2026/eligibility";
const eligibleForm: [string, string][] = [
  ["organisation-type", "ngo"],
  ["country", "TH"],
  ["thematic-area", "digital-security"],
  ["target-groups", "women"],
  ["target-groups", "lgbtqia"],
  ["years-active", "5"],
  ["annual-budget", "30.000"],
  ["applied-recently", "no"],
];

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ");

describe("every page", () => {
  it.each(["/", "/apply/digital-emergency", quiz, "/no-such-page"])("%s sends the security headers", async (path) => {
    const response = await apply.request(path);
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).not.toMatch(/script-src|unsafe-inline/);
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it.each(["/", "/apply/concept-notes-2026", quiz])(
    "%s has a neutral title, a quick exit, no script and nothing from another origin",
    async (path) => {
      const html = await (await apply.request(path)).text();
      expect(html).toMatch(/^<!doctype html>/);
      expect(html).toContain("<title>Amparo</title>");
      expect(html).toMatch(/<a class="exit" href="https:\/\/www\.wikipedia\.org\/" rel="noreferrer noopener"/);
      expect(html).not.toContain("<script");
      expect(html).not.toMatch(/\sstyle="/);
      // Resources (stylesheets, images) only from this origin; the quick exit is a link, not a load.
      const resources = [...html.matchAll(/<(?:link|img|source|iframe)[^>]+(?:href|src)="([^"]+)"/g)].map(
        (match) => match[1],
      );
      expect(resources.every((url) => url!.startsWith("/"))).toBe(true);
    },
  );

  it("serves the stylesheet from this origin, cacheable for good under an address named by its content", async () => {
    expect(stylesheetPath).toMatch(/^\/assets\/site-[0-9a-f]{12}\.css$/);
    expect(stylesheetPath).toContain(createHash("sha256").update(siteCss).digest("hex").slice(0, 12));
    const response = await apply.request(stylesheetPath);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(siteCss);
    expect(response.headers.get("content-type")).toMatch(/^text\/css/);
    expect(response.headers.get("cache-control")).toContain("immutable");
    // An old address is not the stylesheet any more: nothing cached under it can shadow a change.
    expect((await apply.request("/assets/site-v1.css")).status).toBe(404);
  });
});

describe("languages", () => {
  it("switches language with a plain link and remembers it for the visit only", async () => {
    const response = await apply.request("/?lang=es");
    expect(await response.text()).toContain('<html lang="es">');
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^lang=es;/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).not.toMatch(/Max-Age|Expires/);

    const next = await apply.request("/apply/digital-emergency", { headers: { Cookie: "lang=es" } });
    expect(text(await next.text())).toContain("Fondo de emergencia ante ataques digitales");
  });

  it("follows the browser's language when none was chosen", async () => {
    const response = await apply.request("/", { headers: { "Accept-Language": "pt-BR,pt;q=0.9" } });
    expect(text(await response.text())).toContain("Financiamento para defensoras e defensores de direitos humanos");
  });

  it("offers each language in its own name, marking the current one", async () => {
    const html = await (await apply.request("/apply/digital-emergency?lang=pt")).text();
    expect(html).toContain('href="/apply/digital-emergency?lang=es" lang="es" hreflang="es">Español</a>');
    expect(html).toMatch(/hreflang="pt" aria-current="true">Português<\/a>/);
  });
});

describe("home and call pages", () => {
  it("lists the open calls with amounts, decision times and closing dates", async () => {
    const page = text(await (await apply.request("/?lang=en")).text());
    expect(page).toContain("Emergency fund for digital attacks");
    expect(page).toContain(`${formatMoney("en", 1, "EUR")} to ${formatMoney("en", 10_000, "EUR")}`);
    expect(page).toContain("Decision within 14 days of applying");
    expect(page).toContain("Always open");
    expect(page).toContain("Closes on March 31, 2027");
  });

  it("shows what a call covers and what an application needs", async () => {
    const page = text(await (await apply.request("/apply/digital-emergency?lang=es")).text());
    expect(page).toContain("Reemplazo de teléfonos y computadoras confiscados, robados o comprometidos");
    expect(page).toContain("¿Qué está pasando? (hasta 300 palabras)");
    expect(page).toContain("Para actividades de hasta 4 meses");
    expect(page).toContain("Compruebe si puede solicitar");
  });

  it("answers an unknown call with a 404 page in the reader's language", async () => {
    const response = await apply.request("/apply/no-such-call?lang=pt");
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(text(await response.text())).toContain("Não encontrado");
  });
});

describe("the eligibility quiz without JavaScript", () => {
  it("is a plain form posting back to the server", async () => {
    const html = await (await apply.request(`${quiz}?lang=es`)).text();
    expect(html).toContain(`<form method="post" action="${quiz}"`);
    expect(html).toContain('<select id="country" name="country"');
    expect(html).toContain('<option value="TH">Tailandia</option>');
    expect(html).toContain('type="checkbox" id="target-groups-0" name="target-groups" value="women"');
    expect(text(html)).toContain("¿Cuántos años llevan trabajando?");
  });

  it("says when the answers meet the rules, and gives the next step", async () => {
    const response = await postForm(quiz, eligibleForm, { Cookie: "lang=pt" });
    expect(response.status).toBe(200);
    const page = text(await response.text());
    expect(page).toContain("Você pode se candidatar");
    expect(page).toContain("Começar uma candidatura");
    expect(page).toContain("As suas respostas não foram guardadas.");
  });

  it("gives every reason in plain words when they do not", async () => {
    const form = eligibleForm.map(([name, value]): [string, string] =>
      name === "country" ? [name, "AR"] : name === "applied-recently" ? [name, "yes"] : [name, value],
    );
    const page = text(await (await postForm(`${quiz}?lang=es`, form)).text());
    expect(page).toContain("No puede solicitar esta convocatoria");
    expect(page).toContain("Estos son los motivos:");
    expect(page).toContain("Esta convocatoria está abierta a organizaciones con sede en el Sur y el Sudeste Asiático.");
    expect(page).toContain(
      "Las organizaciones que solicitaron en los últimos 12 meses podrán volver a hacerlo cuando pasen 12 meses.",
    );
  });

  it("lets the applicant change their answers, keeping them, without storing them", async () => {
    const before = JSON.stringify(await everyItem());
    const response = await postForm(quiz, [["_edit", "1"], ...eligibleForm]);
    const html = await response.text();
    expect(html).toContain('<option value="TH" selected="">Thailand</option>');
    expect(html).toContain('value="lgbtqia" checked=""');
    expect(html).toContain('value="30.000"');
    expect(JSON.stringify(await everyItem())).toBe(before);
  });

  it("shows every missing answer next to its question and keeps what was given", async () => {
    const response = await postForm(quiz, [
      ["country", "TH"],
      ["years-active", "five"],
    ]);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('role="alert"');
    expect(text(html)).toContain("Please check your answers");
    expect(html).toMatch(/<span class="error" id="years-active-error">Enter a number, such as 12000.<\/span>/);
    expect(html).toMatch(/<span class="error" id="organisation-type-error">Please answer this question.<\/span>/);
    expect(html).toContain('aria-describedby="years-active-error"');
    expect(html).toContain('<option value="TH" selected="">');
  });

  it("answers 422 when only required answers are missing", async () => {
    const response = await postForm(quiz, [["country", "TH"]]);
    expect(response.status).toBe(422);
  });

  it("ignores fields that are not questions", async () => {
    const response = await postForm(quiz, [...eligibleForm, ["name", "Maria"], ["email", "maria@example.org"]]);
    expect(response.status).toBe(200);
    expect(await response.text()).not.toMatch(/Maria|maria@example/);
  });
});
