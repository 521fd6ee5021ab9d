import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatTypedNumber, locales, t } from "../i18n/index.js";
import { notWholeError, parseTypedNumber, readTypedNumber } from "./amount.js";

const formats = ["en", "es", "pt", "en-US", "es-MX", "es-CO", "es-ES", "pt-BR", "pt-PT"];
const currencies = ["USD", "EUR", "BRL", "MXN", "COP", "GTQ", "PEN", "THB", "IDR", "PHP"];

describe("reading a typed amount", () => {
  it.each([
    ["$10,000", 10_000],
    ["US$ 10.000", 10_000],
    ["10 000 €", 10_000],
    ["R$ 10.000", 10_000],
    ["USD 10000", 10_000],
    ["10000 usd", 10_000],
    ["10.000", 10_000],
    ["10,000", 10_000],
    ["10\u00a0000", 10_000],
    ["10\u202f000", 10_000],
    ["12'000", 12_000],
    ["1.234.567", 1_234_567],
    ["1,234,567", 1_234_567],
    ["€10,000.00", 10_000],
    ["10.000,00 €", 10_000],
    ["S/ 2.500", 2_500],
    ["Rp 15.000.000", 15_000_000],
    ["10,-", 10],
    ["\u0e3f\u0e51\u0e50,\u0e50\u0e50\u0e50", 10_000],
    ["  7500 ", 7_500],
    ["0", 0],
    ["-5", -5],
  ])("reads %j as the whole number %d", (typed, value) => {
    expect(readTypedNumber(typed)).toEqual({ kind: "whole", value });
  });

  it.each([
    ["10.5", 10.5],
    ["10,5", 10.5],
    ["10.50", 10.5],
    ["7500,50", 7_500.5],
    ["1,234.56", 1_234.56],
    ["1.234,56", 1_234.56],
    ["$ 1.234,567", 1_234.567],
    ["0.500", 0.5],
  ])("reads %j as %d, which has a decimal part", (typed, value) => {
    expect(readTypedNumber(typed)).toEqual({ kind: "fraction", value });
  });

  it.each(["", "   ", "$", "ten", "10 mil", "10k", "1,00,000", "1 000.000", "1.234.56", "10..000", "1e5", "12-3"])(
    "does not read %j as a number",
    (typed) => {
      expect(readTypedNumber(typed)).toEqual({ kind: "unreadable" });
      expect(parseTypedNumber(typed)).toBeUndefined();
    },
  );

  it("reads back every whole number as en, es and pt write it, plain or as money", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999_999_999_999 }),
        fc.constantFrom(...formats),
        fc.constantFrom(...currencies),
        (value, locale, currency) => {
          const written = [
            new Intl.NumberFormat(locale).format(value),
            new Intl.NumberFormat(locale, { style: "currency", currency }).format(value),
            new Intl.NumberFormat(locale, { style: "currency", currency, currencyDisplay: "code" }).format(value),
            new Intl.NumberFormat(locale, { style: "currency", currency, maximumFractionDigits: 0 }).format(value),
          ];
          for (const text of written) expect(readTypedNumber(text), text).toEqual({ kind: "whole", value });
        },
      ),
    );
  });

  it("reads a decimal part as en, es and pt write it, and refuses it as such", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9_999_999 }),
        fc.integer({ min: 1, max: 99 }),
        fc.constantFrom(...formats),
        fc.constantFrom(...currencies),
        (units, cents, locale, currency) => {
          const value = Number(`${units}.${String(cents).padStart(2, "0")}`);
          const written = new Intl.NumberFormat(locale, {
            style: "currency",
            currency,
            minimumFractionDigits: 2,
            maximumFractionDigits: 2,
          }).format(value);
          expect(readTypedNumber(written), written).toEqual({ kind: "fraction", value });
        },
      ),
    );
  });

  it("tells the applicant how it read a decimal number, in their language's own way, and that reads back", () => {
    const error = notWholeError("amount", 10.5);
    expect(t("en", error.message, error.params)).toBe(
      "We read this as 10.5. Please write a whole number, without cents or decimals, such as 10.",
    );
    expect(t("es", error.message, error.params)).toContain("Lo leímos como 10,5.");
    expect(t("pt", error.message, error.params)).toContain("Lemos isto como 10,5.");
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999 }), fc.integer({ min: 1, max: 9 }), (units, tenth) => {
        const value = units + tenth / 10;
        const read = notWholeError("amount", value).params!["read"] as Record<string, string>;
        for (const shown of Object.values(read)) expect(readTypedNumber(shown)).toEqual({ kind: "fraction", value });
      }),
    );
  });
});

describe("a number a page prints into a field", () => {
  it("reads back as the same number in every interface language, in the digits the language prints", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (value) => {
        for (const locale of locales) {
          const printed = formatTypedNumber(locale, value);
          expect(readTypedNumber(printed), `${locale}: ${printed}`).toEqual({ kind: "whole", value });
        }
      }),
    );
    // Burmese pages print Burmese digits; the field holds them, not Latin ones.
    expect(formatTypedNumber("my", 2500)).toMatch(/^\p{Script=Myanmar}+$/u);
    // Thai digits typed by hand read as the number too, whatever the page printed.
    expect(readTypedNumber("๒๕๐๐")).toEqual({ kind: "whole", value: 2500 });
    expect(readTypedNumber("២៥០០")).toEqual({ kind: "whole", value: 2500 });
  });
});
