import { randomUUID } from "node:crypto";
import * as Application from "@amparo/core/application";
import * as Call from "@amparo/core/call";
import * as Config from "@amparo/core/config";
import { formatDate, languageName, locales, t } from "@amparo/core/i18n";
import { app as apply } from "@amparo/functions/apply/index";
import { app as staffApp } from "@amparo/functions/staff/index";
import { beforeAll, describe, expect, it } from "vitest";
import { postJson } from "../support/http.js";
import { signIn, staffAccount } from "../support/staff.js";

const page = (path: string, headers: Record<string, string> = {}) => apply.request(path, { headers });
const langOf = (html: string) => /<html lang="([^"]+)"/.exec(html)?.[1];
/** The languages a page's switch offers, by their codes. */
const offeredOn = (html: string) => [...html.matchAll(/<a href="[^"]*\?lang=([a-z]+)"/g)].map((match) => match[1]);

/** A copy of the seeded emergency call that offers no unreviewed language, as a call whose admin chose none. */
let reviewedOnly = "";

beforeAll(async () => {
  Config.set({ LIMIT_SOURCE_PER_HOUR: 1_000_000 });
  const seeded = await Call.get("digital-emergency");
  reviewedOnly = `reviewed-only-${randomUUID().slice(0, 8)}`;
  await Call.put({ ...seeded, id: reviewedOnly, unreviewedLanguages: [] });
});

describe("choosing the interface language", () => {
  it("shows each language in its own name and script, on a call that offers all nine", async () => {
    const html = await (await page("/apply/digital-emergency")).text();
    expect(offeredOn(html)).toEqual([...locales]);
    for (const code of locales) {
      const own = languageName(code);
      expect(html).toContain(`lang="${code}" hreflang="${code}"`);
      expect(html).toContain(own);
    }
    // Thai, Burmese and Khmer names are written in their scripts, not transliterated.
    expect(languageName("th")).toMatch(/\p{Script=Thai}/u);
    expect(languageName("my")).toMatch(/\p{Script=Myanmar}/u);
    expect(languageName("km")).toMatch(/\p{Script=Khmer}/u);
  });

  it("picks a first visit's language from the browser's, among those offered, then English", async () => {
    const thai = await page("/apply/digital-emergency", { "Accept-Language": "th-TH,th;q=0.9,en;q=0.5" });
    expect(langOf(await thai.text())).toBe("th");
    const unknownFirst = await page("/apply/digital-emergency", { "Accept-Language": "lo-LA, km;q=0.8" });
    expect(langOf(await unknownFirst.text())).toBe("km");
    const none = await page("/apply/digital-emergency", { "Accept-Language": "de-DE,fr;q=0.8" });
    expect(langOf(await none.text())).toBe("en");
  });

  it("reads Tagalog from a browser or an address as Filipino", async () => {
    expect(langOf(await (await page("/apply/digital-emergency", { "Accept-Language": "tl-PH" })).text())).toBe("fil");
    const asked = await page("/apply/digital-emergency?lang=tl");
    expect(langOf(await asked.text())).toBe("fil");
    expect(asked.headers.get("set-cookie")).toMatch(/lang=fil/);
  });

  it("offers an unreviewed language only on the calls whose admin chose it", async () => {
    const html = await (await page(`/apply/${reviewedOnly}?lang=th`, { "Accept-Language": "th,es;q=0.8" })).text();
    // Thai is not offered here: the next of the browser's languages the call offers.
    expect(langOf(html)).toBe("es");
    expect(offeredOn(html)).toEqual(["en", "es", "pt"]);
    const quiz = await (await page(`/apply/${reviewedOnly}/eligibility`, { Cookie: "lang=km" })).text();
    expect(langOf(quiz)).toBe("en");
  });

  it("shows the access-code warning and the quick exit in English too on a page in an unreviewed language", async () => {
    const start = await (await page("/apply/digital-emergency/eligibility?lang=my")).text();
    expect(start).toContain(`<span lang="en">· ${t("en", "site.quick_exit")}</span>`);
    const english = await (await page("/apply/digital-emergency?lang=es")).text();
    expect(english).not.toContain('<span lang="en">');
  });

  it("shows a Thai reader the texts of a call written in Thai, and an English reader its English ones", async () => {
    const seeded = await Call.get("digital-emergency");
    const id = `thai-${randomUUID().slice(0, 8)}`;
    const title = { th: "กองทุนฉุกเฉินสำหรับการโจมตีทางดิจิทัล", en: "Emergency fund for digital attacks" };
    // Every text of the seeded call given in Thai too (as a fund writing its call in Thai would), the title for real.
    const withThai = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(withThai);
      if (!node || typeof node !== "object") return node;
      const entries = Object.entries(node);
      if (typeof (node as { en?: unknown }).en === "string")
        return { ...node, th: `ไทย ${(node as { en: string }).en}` };
      return Object.fromEntries(entries.map(([key, value]) => [key, withThai(value)]));
    };
    await Call.put({ ...(withThai(seeded) as typeof seeded), id, title, textLanguages: ["en", "th"] });
    const thai = await (await page(`/apply/${id}?lang=th`)).text();
    expect(thai).toContain(`<h1>${title.th}</h1>`);
    expect(thai).not.toContain(t("th", "call.text_language", { language: languageName("en", "th", true) }));
    const english = await (await page(`/apply/${id}?lang=en`)).text();
    expect(english).toContain(`<h1>${title.en}</h1>`);
  });

  it("keeps the staff side in English, Spanish and Portuguese", async () => {
    const staff = await staffApp.request("/staff?lang=th", { headers: { "Accept-Language": "th" } });
    const html = await staff.text();
    expect(langOf(html)).toBe("en");
    expect(offeredOn(html)).toEqual(["en", "es", "pt"]);
  });

  it("refuses through the API an interface language the call does not offer, and canonicalises tl", async () => {
    const answers = {
      "applicant-type": "individual",
      country: "PH",
      "under-attack": true,
      "human-rights-work": true,
      "funded-recently": false,
    };
    const refused = await postJson("/api/v1/applications", {
      callId: reviewedOnly,
      language: "km",
      interfaceLanguage: "km",
      eligibility: { answers },
    });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { errors: { path: string }[] }).errors).toEqual([
      expect.objectContaining({ path: "interfaceLanguage" }),
    ]);
    const made = await postJson("/api/v1/applications", {
      callId: "digital-emergency",
      language: "tl",
      interfaceLanguage: "tl-PH",
      eligibility: { answers },
    });
    expect(made.status).toBe(201);
    const { id } = (await made.json()) as { id: string };
    expect(await Application.fromID(id)).toMatchObject({ language: "fil", interfaceLanguage: "fil" });
  });
});

describe("the admin page's language status", () => {
  it("lists the nine languages, which are reviewed, and which calls offer each drafted one", async () => {
    const { session } = await signIn((await staffAccount(["admin"], [])).email);
    const page = await staffApp.request("/staff/admin", { headers: { Cookie: `staff_session=${session}` } });
    const html = await page.text();
    const table = /<h2 id="languages">[\s\S]*?<\/table>/.exec(html)?.[0] ?? "";
    const rows = [...table.matchAll(/<tr><th scope="row">([\s\S]*?)<\/tr>/g)].map((row) => row[1]!);
    expect(rows).toHaveLength(locales.length);
    const row = (code: string) => rows.find((cells) => cells.includes(`<span lang="${code}">`)) ?? "";
    expect(row("es")).toContain(t("en", "staff.admin.languages.reviewed"));
    expect(row("es")).toContain(t("en", "staff.admin.languages.every_call"));
    expect(row("th")).toContain(t("en", "staff.admin.languages.unreviewed"));
    expect(row("th")).toContain("digital-emergency");
    expect(row("th")).not.toContain(reviewedOnly);
  });
});

describe("dates", () => {
  it("show a Thai reader the Buddhist-era year with the Gregorian date beside it", () => {
    const iso = "2026-12-20T12:00:00Z";
    const thai = formatDate("th", iso);
    const buddhistYear = new Intl.DateTimeFormat("th", { year: "numeric", timeZone: "UTC" }).format(new Date(iso));
    expect(thai).toContain(buddhistYear.replace(/\D/g, ""));
    expect(thai).toContain("2026");
    expect(formatDate("id", iso)).not.toContain("(");
  });
});
