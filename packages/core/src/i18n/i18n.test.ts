import { describe, expect, it } from "vitest";
import { en } from "./en.js";
import {
  countryName,
  formatDate,
  formatDateTime,
  formatFileSize,
  formatNumber,
  formatTime,
  plural,
  t,
} from "./index.js";
import { staffEn } from "./staff/en.js";
import { reviewed, reviewedStaff } from "./catalog-files.js";

const { es, pt } = reviewed;
const { es: staffEs, pt: staffPt } = reviewedStaff;

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

/**
 * One register per language, so a page never switches voice: Spanish addresses the reader as "usted", Brazilian
 * Portuguese as "você". These are forms that only the other register uses (a verb like "escribe" is left out: it
 * is also "usted escribe" and "quien escribe").
 */
const otherRegister = {
  es: (
    "tú, ti, te, contigo, tu, tus, tuyo, tuya, tuyos, tuyas, tienes, puedes, quieres, prefieres, debes, necesitas, " +
    "sabes, eres, estás, has, vas, recibirás, podrás, tendrás, deberás, verás, abrieras, enviaste, escribiste, " +
    "déjalo, guárdalo, revísalo, escríbelo, envíalo, súbelo, elige, pulsa, vuelve a hacer"
  ).split(", "),
  pt: (
    "tu, te, ti, contigo, teu, tua, teus, tuas, tens, podes, queres, preferes, deves, precisas, sabes, és, estás, " +
    "vais, fazes, enviaste, escreveste, sobre si, a si, o conheça"
  ).split(", "),
};

/** Each listed form the text holds as a whole word (`\b` knows only ASCII, so letters of any script count). */
const formsIn = (text: string, forms: readonly string[]) =>
  forms.filter((form) =>
    new RegExp(`(?<![\\p{L}\\p{N}])${form.replace(/\s+/g, "\\s+")}(?![\\p{L}\\p{N}])`, "iu").test(text),
  );

describe("register", () => {
  it("the check finds the forms it is meant to find, and not inside other words", () => {
    expect(formsIn("Déjalo en blanco si prefieres no decirlo.", otherRegister.es)).toEqual(["prefieres", "déjalo"]);
    expect(formsIn("Quem o conheça a si ou à tua organização", otherRegister.pt)).toEqual(["tua", "a si", "o conheça"]);
    // "tuteo" is not "tu", "interesante" holds no "te", "atual" no "tua".
    expect(formsIn("tuteo interesante", otherRegister.es)).toEqual([]);
    expect(formsIn("o valor atual", otherRegister.pt)).toEqual([]);
  });

  it.each([
    ["es", { ...es, ...staffEs }, otherRegister.es],
    ["pt", { ...pt, ...staffPt }, otherRegister.pt],
  ] as const)("%s addresses the reader one way in every message", (_, catalog, forms) => {
    const found = Object.entries(catalog).flatMap(([key, text]) => {
      const hits = formsIn(text, forms);
      return hits.length > 0 ? [{ key, hits }] : [];
    });
    expect(found).toEqual([]);
  });
});

describe("messages", () => {
  it("fills placeholders and formats numbers for the language", () => {
    const english = t("en", "note.words", { words: 65536, max: 70000 });
    const spanish = t("es", "note.words", { words: 65536, max: 70000 });
    expect(english).toBe(`${formatNumber("en", 65536)} of ${formatNumber("en", 70000)} words`);
    expect(spanish).toBe(`${formatNumber("es", 65536)} de ${formatNumber("es", 70000)} palabras`);
    // Grouped as each language groups digits (not the bare number), and read back to the same number.
    const grouped = (text: string) => /(\d+(?:[^\d\s]\d{3})+)/.exec(text)?.[1] ?? "";
    expect(grouped(english)).not.toBe(grouped(spanish));
    expect([grouped(english), grouped(spanish)].map((text) => Number(text.replace(/\D/g, "")))).toEqual([65536, 65536]);
  });

  it("gives sizes as people read them, in megabytes or kilobytes, never as a count of bytes", () => {
    expect(t("en", "upload.too_large", { max: { bytes: 10 * 1024 * 1024 } })).toBe(
      "The file is larger than the 10 MB allowed.",
    );
    expect(t("es", "error.too_large", { limit: { bytes: 65536 } })).toBe("El cuerpo de la solicitud supera los 64 kB.");
    expect(formatFileSize("pt", 1.5 * 1024 * 1024)).toBe("1,5 MB");
    // A small file is a kilobyte at least, never "0 MB".
    expect(formatFileSize("en", 300)).toBe("1 kB");
    expect(t("pt", "upload.too_large", { max: { bytes: 5 * 1024 * 1024 } })).not.toMatch(/bytes|\d{4}/);
  });

  it("shows dates one way, in words, and times in UTC saying so", () => {
    const at = "2026-12-06T14:05:00.000Z";
    expect(formatDate("es", at)).toBe("6 de diciembre de 2026");
    expect(formatDate("pt", at)).toBe("6 de dezembro de 2026");
    expect(formatDate("en", at)).toBe("December 6, 2026");
    expect(formatTime("en", "2026-12-06T04:05:00.000Z")).toBe("04:05 UTC");
    expect(formatDateTime("es", at)).toBe("6 de diciembre de 2026, 14:05 UTC");
    // Never the numeric form that reads differently by country.
    for (const locale of ["en", "es", "pt"] as const) expect(formatDateTime(locale, at)).not.toMatch(/\d+\/\d+/);
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
