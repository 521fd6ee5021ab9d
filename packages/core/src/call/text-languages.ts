// Which of a call's texts must be given in which languages. A call names the languages its texts are written in
// (`textLanguages`); every text the schema requires must be given in each of them, and optional texts in none.
import type { z } from "zod";
import { isReviewed, LocalizedText, locales, type Locale } from "../i18n/index.js";

/** A text the call requires but does not give in one of its text languages, by its path in the call. */
export interface MissingText {
  path: (string | number)[];
  language: Locale;
}

/** The parts of zod's definitions this walk reads; zod 4 keeps them under `_zod.def`. */
interface Definition {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
}
const definition = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Definition } })._zod.def;

/**
 * Walks `value` alongside `schema` and lists every required `LocalizedText` that lacks a language of
 * `languages`. Optional texts are skipped, but the required texts inside an optional part that is given (a
 * criterion's scale, the full application) count. Reading the schema rather than a list of paths means a text
 * added to the call later is covered without anyone remembering to list it.
 */
export function missingTexts(
  schema: z.ZodType,
  value: unknown,
  languages: readonly Locale[],
  path: (string | number)[] = [],
): MissingText[] {
  if (schema === LocalizedText) {
    const text = value && typeof value === "object" ? (value as Record<string, unknown>) : {};
    return languages.filter((language) => text[language] === undefined).map((language) => ({ path, language }));
  }
  const def = definition(schema);
  switch (def.type) {
    case "optional":
      // An optional text is required nowhere; an optional part, once given, has its own required texts.
      if (value === undefined || def.innerType === LocalizedText) return [];
      return missingTexts(def.innerType!, value, languages, path);
    case "default":
    case "nullable":
    case "catch":
    case "readonly":
      return value === undefined || value === null ? [] : missingTexts(def.innerType!, value, languages, path);
    case "pipe":
      return missingTexts(def.in!, value, languages, path);
    case "object": {
      if (!value || typeof value !== "object") return [];
      const record = value as Record<string, unknown>;
      return Object.entries(def.shape!).flatMap(([key, field]) =>
        missingTexts(field, record[key], languages, [...path, key]),
      );
    }
    case "array":
      return Array.isArray(value)
        ? value.flatMap((item, index) => missingTexts(def.element!, item, languages, [...path, index]))
        : [];
    case "union": {
      // The option the value is (a rule's test picks it); the others would report texts it does not have.
      const option = def.options!.find((candidate) => candidate.safeParse(value).success);
      return option ? missingTexts(option, value, languages, path) : [];
    }
    default:
      return [];
  }
}

/**
 * The language a reader is shown the call's texts in: their own when the call is written in it, else the call's
 * first text language (in `locales` order, as `pick` falls back).
 */
export function shownTextLanguage(call: { textLanguages: readonly Locale[] }, locale: Locale): Locale {
  return call.textLanguages.includes(locale)
    ? locale
    : (locales.find((code) => call.textLanguages.includes(code)) ?? locale);
}

/**
 * The interface languages a call's pages are offered in: every reviewed one, and the unreviewed ones its admin
 * chose (in `locales` order). Of several calls, the languages any of them offers.
 */
export function offeredLanguages(calls: readonly { unreviewedLanguages: readonly Locale[] }[]): Locale[] {
  return locales.filter((code) => isReviewed(code) || calls.some((call) => call.unreviewedLanguages.includes(code)));
}
