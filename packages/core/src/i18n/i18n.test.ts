import { describe, expect, it } from "vitest";
import { en } from "./en.js";
import { es } from "./es.js";
import { countryName, formatNumber, plural, t } from "./index.js";
import { pt } from "./pt.js";
import { staffEn } from "./staff/en.js";
import { staffEs } from "./staff/es.js";
import { staffPt } from "./staff/pt.js";

const english = { ...en, ...staffEn };
type Key = keyof typeof english;

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe("catalogs", () => {
  it.each([
    ["es", { ...es, ...staffEs }],
    ["pt", { ...pt, ...staffPt }],
  ] as const)("%s uses the same placeholders as English in every message", (_, catalog) => {
    for (const key of Object.keys(english) as Key[]) {
      expect({ key, placeholders: placeholders(catalog[key]) }).toEqual({
        key,
        placeholders: placeholders(english[key]),
      });
    }
  });

  it.each([
    ["es", { ...es, ...staffEs }],
    ["pt", { ...pt, ...staffPt }],
  ] as const)("%s leaves no message empty or untranslated by accident", (_, catalog) => {
    const same = (Object.keys(english) as Key[]).filter(
      // Words that are the same in these languages: the product's name, "No" in Spanish, the name of a format.
      (key) =>
        catalog[key] === english[key] &&
        !["site.title", "site.name", "quiz.no", "editor.no", "editor.json.link"].includes(key),
    );
    expect(same).toEqual([]);
    expect(Object.values(catalog).every((text) => text.trim().length > 0)).toBe(true);
  });
});

describe("messages", () => {
  it("fills placeholders and formats numbers for the language", () => {
    const english = t("en", "error.too_large", { limit: 65536 });
    const spanish = t("es", "error.too_large", { limit: 65536 });
    expect(english).toBe(`The request body is larger than ${formatNumber("en", 65536)} bytes.`);
    expect(spanish).toBe(`El cuerpo de la solicitud supera los ${formatNumber("es", 65536)} bytes.`);
    // Grouped as each language groups digits (not the bare number), and read back to the same number.
    const grouped = (text: string) => /(\d+(?:[^\d\s]\d{3})+)/.exec(text)?.[1] ?? "";
    expect(grouped(english)).not.toBe(grouped(spanish));
    expect([grouped(english), grouped(spanish)].map((text) => Number(text.replace(/\D/g, "")))).toEqual([65536, 65536]);
  });

  it("chooses plural forms by the language's rules", () => {
    expect(plural("en", "call.max_months", 1)).toBe("For activities of up to 1 month.");
    expect(plural("pt", "call.max_months", 4)).toBe("Para atividades de até 4 meses.");
  });

  it("has the staff strings only once a staff app has loaded them", async () => {
    expect(() => t("en", "staff.signin.heading")).toThrow(/staff.signin.heading/);
    await import("./staff/index.js");
    expect(t("pt", "staff.signin.heading")).toBe(staffPt["staff.signin.heading"]);
    expect(t("en", "call.kind.grant")).toBe("Grant call");
  });

  it("names countries in the reader's language", () => {
    expect(countryName("BR", "pt")).toBe("Brasil");
    expect(countryName("TH", "es")).toBe("Tailandia");
  });
});
