import { z } from "zod";
import { en } from "./en.js";
import { es } from "./es.js";
import { pt } from "./pt.js";

/** The interface languages. Applicants may write in more (a call's `languages`), but pages and emails come in these. */
export const locales = ["en", "es", "pt"] as const;
export const Locale = z.enum(locales);
export type Locale = z.infer<typeof Locale>;
export const defaultLocale: Locale = "en";

/** Every interface string has a key; `es` and `pt` are typed against `en`, so a missing one fails the type check. */
export type MessageKey = keyof typeof en;
export type Catalog = Record<MessageKey, string>;
/** Values filled into a message: text, a number (formatted for the language), or staff-written text in each language. */
export type MessageParams = Record<string, string | number | LocalizedText>;

const catalogs: Record<Locale, Catalog> = { en, es, pt };

/** Text written by staff in a call's configuration, in each interface language (others optional). */
export const LocalizedText = z
  .object({ en: z.string().min(1), es: z.string().min(1), pt: z.string().min(1) })
  .catchall(z.string().min(1));
export type LocalizedText = z.infer<typeof LocalizedText>;

/** Picks the reader's language from a staff-written text. */
export function pick(text: LocalizedText, locale: Locale): string {
  return text[locale];
}

/** The catalog string for `key` in `locale`, with `{name}` placeholders filled in. */
export function t(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const template = catalogs[locale][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    if (typeof value === "number") return formatNumber(locale, value);
    return typeof value === "string" ? value : value[locale];
  });
}

/** Picks `<key>.one` / `<key>.other` (and so on) by the language's plural rules. */
export function plural(locale: Locale, base: PluralBase, count: number, params: MessageParams = {}): string {
  const category = new Intl.PluralRules(locale).select(count);
  const key = (`${base}.${category}` in catalogs[locale] ? `${base}.${category}` : `${base}.other`) as MessageKey;
  return t(locale, key, { count, ...params });
}
type PluralBase = MessageKey extends infer K ? (K extends `${infer B}.other` ? B : never) : never;

export function formatNumber(locale: Locale, value: number): string {
  return new Intl.NumberFormat(locale).format(value);
}

export function formatMoney(locale: Locale, amount: number, currency: string): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency, maximumFractionDigits: 0 }).format(amount);
}

export function formatDate(locale: Locale, iso: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(new Date(iso));
}

/**
 * A language's own name for itself ("Español"), for language switches; or its name in another language.
 * `inSentence` keeps the language's own capitalisation, for use inside a sentence ("en español").
 */
export function languageName(code: string, inLocale: string = code, inSentence = false): string {
  const name = new Intl.DisplayNames([inLocale], { type: "language" }).of(code) ?? code;
  return inSentence ? name : name.charAt(0).toLocaleUpperCase(inLocale) + name.slice(1);
}

/** A country's name in the reader's language, from its ISO 3166-1 code. */
export function countryName(code: string, locale: Locale): string {
  return new Intl.DisplayNames([locale], { type: "region" }).of(code) ?? code;
}
