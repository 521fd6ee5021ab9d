import { app as apply } from "@amparo/functions/apply/index";
import { afterEach, describe, expect, it, vi } from "vitest";
import { everyItem, postForm } from "../support/http.js";

const emergencyForm: [string, string][] = [
  ["applicant-type", "organisation"],
  ["country", "PH"],
  ["under-attack", "yes"],
  ["human-rights-work", "yes"],
  ["funded-recently", "no"],
];
const createForm: [string, string][] = [...emergencyForm, ["_step", "create"], ["language", "es"], ["email", ""]];

/** The cookies a browser would hold, updated from each answer's Set-Cookie headers. */
class Jar {
  private readonly cookies = new Map<string, string>();
  keep(response: Response): Response {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(";");
      const [name, value] = pair!.split(/=(.*)/s) as [string, string];
      if (/Max-Age=0/.test(header) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }
  get header() {
    return { Cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ") };
  }
  value(name: string) {
    return this.cookies.get(name);
  }
}

const codeOn = (html: string) => /<p class="code"[^>]*><strong>([^<]+)<\/strong>/.exec(html)?.[1];

async function start(jar: Jar) {
  const created = jar.keep(await postForm("/apply/digital-emergency/start?lang=es", createForm, jar.header));
  // Post/redirect/get: the code is shown by its own page.
  expect(created.status).toBe(303);
  expect(created.headers.get("location")).toBe("/apply/my/code");
  const shown = jar.keep(await apply.request("/apply/my/code", { headers: jar.header }));
  expect(shown.status).toBe(200);
  const html = await shown.text();
  return { html, code: codeOn(html)!, setCookies: created.headers.getSetCookie() };
}

afterEach(() => vi.useRealTimers());

describe("the access code page", () => {
  it("shows the same code after a language switch (es -> pt) and a reload, until the applicant continues", async () => {
    const jar = new Jar();
    const { html, code, setCookies } = await start(jar);
    expect(code).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    // The language links stay on the code's own page: a fixed path, with no code in it.
    expect(html).toContain('href="/apply/my/code?lang=pt"');
    const kept = setCookies.find((header) => header.startsWith("code_shown="))!;
    expect(kept).toMatch(/HttpOnly/);
    expect(kept).toMatch(/SameSite=Strict/);
    expect(kept).toMatch(/Path=\/apply(;|$)/);
    expect(kept).not.toContain(code);

    const switched = jar.keep(await apply.request("/apply/my/code?lang=pt", { headers: jar.header }));
    expect(switched.status).toBe(200);
    const inPortuguese = await switched.text();
    expect(inPortuguese).toContain('<html lang="pt">');
    expect(inPortuguese).toContain("O seu código de acesso");
    expect(codeOn(inPortuguese)).toBe(code);
    expect(switched.headers.get("cache-control")).toBe("no-store");

    const reloaded = jar.keep(await apply.request("/apply/my/code", { headers: jar.header }));
    expect(codeOn(await reloaded.text())).toBe(code);

    const continued = jar.keep(await apply.request("/apply/my", { headers: jar.header }));
    expect(continued.status).toBe(200);
    const after = jar.keep(await apply.request("/apply/my/code", { headers: jar.header }));
    expect(after.status).toBe(303);
    expect(after.headers.get("location")).toBe("/apply/my");
    expect(await after.text()).not.toContain(code);

    // Kept, as the applicant said: it still opens the application from another browser.
    const resumed = await postForm("/apply/resume", [["code", code]]);
    expect(resumed.status).toBe(303);
    expect(resumed.headers.get("location")).toBe("/apply/my");
  });

  it("answers the start form posted again (reload, back and forward) with the same code, not a second application", async () => {
    const jar = new Jar();
    const { code } = await start(jar);
    const before = (await everyItem()).length;

    const again = jar.keep(await postForm("/apply/digital-emergency/start?lang=es", createForm, jar.header));
    expect(again.status).toBe(303);
    expect(again.headers.get("location")).toBe("/apply/my/code");
    expect(codeOn(await (await apply.request("/apply/my/code", { headers: jar.header })).text())).toBe(code);

    // After continuing, too: the application is still the one the applicant kept the code of.
    jar.keep(await apply.request("/apply/my", { headers: jar.header }));
    const later = jar.keep(await postForm("/apply/digital-emergency/start?lang=es", createForm, jar.header));
    expect(later.status).toBe(303);
    expect((await everyItem()).length).toBe(before);
    expect(jar.value("access")).toBe(code);
  });

  it("forgets the code after an hour, on sign-out, and when the cookie is not one it sealed", async () => {
    const jar = new Jar();
    await start(jar);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 61 * 60 * 1000 });
    const expired = await apply.request("/apply/my/code", { headers: jar.header });
    expect(expired.status).toBe(303);
    expect(expired.headers.get("set-cookie")).toMatch(/^code_shown=;.*Max-Age=0/);
    vi.useRealTimers();

    const signedIn = new Jar();
    await start(signedIn);
    const signedOut = await postForm("/apply/my/sign-out", [], signedIn.header);
    expect(signedOut.headers.getSetCookie().some((header) => /^code_shown=;.*Max-Age=0/.test(header))).toBe(true);

    const forged = await apply.request("/apply/my/code", { headers: { Cookie: "code_shown=AAAA-BBBB" } });
    expect(forged.status).toBe(303);
    expect(await forged.text()).not.toContain("AAAA-BBBB");
  });
});
