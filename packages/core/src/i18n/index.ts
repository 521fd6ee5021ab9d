import { z } from "zod";
import { en } from "./en.js";
import { es } from "./es.js";
import { pt } from "./pt.js";
import type { staffEn } from "./staff/en.js";

/** The interface languages. Applicants may write in more (a call's `languages`), but pages and emails come in these. */
export const locales = ["en", "es", "pt"] as const;
export const Locale = z.enum(locales);
export type Locale = z.infer<typeof Locale>;
export const defaultLocale: Locale = "en";

/**
 * Every interface string has a key; `es` and `pt` are typed against `en`, so a missing one fails the type check.
 * The staff strings (`./staff/`) are typed here too but loaded only by the staff apps (`addCatalogs`).
 */
export type MessageKey = keyof typeof en | keyof typeof staffEn;
export type Catalog = Record<MessageKey, string>;
/** Values filled into a message: text, a number (formatted for the language), or staff-written text in each language. */
export type MessageParams = Record<string, string | number | LocalizedText>;

/** The applicants' strings, and the staff strings once a staff app has added them. */
const catalogs: Record<Locale, Partial<Catalog>> = { en: { ...en }, es: { ...es }, pt: { ...pt } };

/** Adds a group of strings to every language's catalog; `@amparo/core/i18n/staff` adds the staff strings. */
export function addCatalogs(more: Record<Locale, Partial<Catalog>>): void {
  for (const locale of locales) Object.assign(catalogs[locale], more[locale]);
}

/** A key's template; a staff key in an app that never loaded the staff strings is a programming error. */
function template(locale: Locale, key: MessageKey): string {
  const found = catalogs[locale][key];
  if (found === undefined) throw new Error(`No "${key}" message in ${locale}: is its catalog loaded?`);
  return found;
}

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
  return template(locale, key).replace(/\{(\w+)\}/g, (whole, name: string) => {
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
