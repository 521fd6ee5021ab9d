import { readFileSync } from "node:fs";
import { z } from "zod";
import { en } from "./en.js";
import type { staffEn } from "./staff/en.js";

/**
 * The applicants' interface languages: pages and emails come in these. Applicants may write in more (a call's
 * `languages`). The last six were drafted without a native speaker (`reviewedLocales` says which are not).
 */
export const locales = ["en", "es", "pt", "th", "id", "vi", "my", "km", "fil"] as const;
export const Locale = z.enum(locales);
export type Locale = z.infer<typeof Locale>;
export const defaultLocale: Locale = "en";

/** The staff side's languages, and those a call's own texts are written in: the team reads and writes these. */
export const staffLocales = ["en", "es", "pt"] as const satisfies readonly Locale[];
export const StaffLocale = z.enum(staffLocales);
export type StaffLocale = z.infer<typeof StaffLocale>;

/**
 * The languages a native speaker has reviewed. The others are offered only by a call whose admin chooses to
 * (`Call.Info.unreviewedLanguages`), and their pages say the most important things in English too.
 */
export const reviewedLocales: readonly Locale[] = staffLocales;
export const unreviewedLocales: readonly Locale[] = locales.filter((code) => !reviewedLocales.includes(code));
export const isReviewed = (locale: Locale) => reviewedLocales.includes(locale);
/** A staff page's language: the reader's where the staff side speaks it, else English. */
const isStaffLocale = (locale: Locale): locale is StaffLocale => (staffLocales as readonly Locale[]).includes(locale);
export const staffLocaleOf = (locale: Locale): StaffLocale => (isStaffLocale(locale) ? locale : "en");

/** Other names browsers and people give the interface languages: Tagalog is offered as Filipino. */
const aliases: Record<string, Locale> = { tl: "fil" };

/**
 * The interface language a language tag names, if any: `th-TH` is `th`, and `tl` and `tl-PH` are `fil`. For
 * language choices from browsers, addresses and call lists, so that one language has one code everywhere.
 */
export function canonicalLocale(tag: string): Locale | undefined {
  const [base = ""] = tag.trim().toLowerCase().split(/[-_]/);
  const code = aliases[base] ?? base;
  return (locales as readonly string[]).includes(code) ? (code as Locale) : undefined;
}

/**
 * Every interface string has a key. English is the reference (`en.ts`, and `staff/en.ts` for the staff side); every
 * other language is a JSON file in `catalogs/`, typed against English by `catalogs.test.ts`, so a missing key fails
 * the type check. The staff strings are loaded only by the staff apps (`addStaffStrings`).
 */
export type MessageKey = keyof typeof en | keyof typeof staffEn;
export type Catalog = Record<MessageKey, string>;
/** A size in bytes, filled into a message as people read sizes ("10 MB"), never as a count of bytes. */
export interface Bytes {
  bytes: number;
}

/**
 * Values filled into a message: text, a number (formatted for the language), a size (`{ bytes }`), or
 * staff-written text in each language.
 */
export type MessageParams = Record<string, string | number | Bytes | LocalizedText>;

const isBytes = (value: Bytes | LocalizedText): value is Bytes => typeof (value as Bytes).bytes === "number";

/**
 * The applicants' strings, and the staff strings once a staff app has added them. English is in the bundle; every
 * other language's catalog is a file beside it (`catalogs/<code>.json`, and `catalogs/staff/<code>.json` for the
 * staff side, copied there by the bundling), read the first time a page or email needs that language: eight
 * languages in every bundle would weigh as much as the rest of a function, and most requests need one.
 */
const catalogs: Partial<Record<Locale, Partial<Catalog>>> = { en: { ...en } };
const catalogDirectory = new URL("./catalogs/", import.meta.url);
/** Whether this app speaks to staff (`addStaffStrings`): then a staff language's file comes with its catalog. */
let withStaffStrings = false;

const readCatalog = (name: string) =>
  JSON.parse(readFileSync(new URL(`${name}.json`, catalogDirectory), "utf8")) as Partial<Catalog>;

function catalogOf(locale: Locale): Partial<Catalog> {
  const loaded = catalogs[locale];
  if (loaded) return loaded;
  const catalog = readCatalog(locale);
  if (withStaffStrings && isStaffLocale(locale)) Object.assign(catalog, readCatalog(`staff/${locale}`));
  return (catalogs[locale] = catalog);
}

/** Adds the staff strings: English's at once, the other staff languages' with their catalogs (`catalogOf`). */
export function addStaffStrings(english: Partial<Catalog>): void {
  withStaffStrings = true;
  Object.assign(catalogOf("en"), english);
  for (const locale of staffLocales) {
    if (locale !== "en" && catalogs[locale]) Object.assign(catalogs[locale], readCatalog(`staff/${locale}`));
  }
}

/** A key's template; a staff key in an app that never loaded the staff strings is a programming error. */
function template(locale: Locale, key: MessageKey): string {
  const found = catalogOf(locale)[key];
  if (found === undefined) throw new Error(`No "${key}" message in ${locale}: is its catalog loaded?`);
  return found;
}

/**
 * Text written by staff in a call's configuration, in the languages the call's texts are written in (its
 * `textLanguages`, which say which are required) and any others; the interface's own texts carry all three.
 */
export const LocalizedText = z
  .object({ en: z.string().min(1).optional(), es: z.string().min(1).optional(), pt: z.string().min(1).optional() })
  .catchall(z.string().min(1))
  .refine((text) => Object.keys(text).length > 0, {
    message: "a text in at least one language",
    params: { key: "validation.required" },
  });
export type LocalizedText = z.infer<typeof LocalizedText>;

/**
 * The language a reader is shown a text in: their own when it has it, else the first interface language it has
 * (a call's text languages are kept in `locales` order, so that is the call's first), else any it has.
 */
export function textLanguage(text: LocalizedText, locale: Locale): string {
  if (text[locale]) return locale;
  return locales.find((code) => text[code]) ?? Object.keys(text).find((code) => text[code]) ?? locale;
}

/** Picks the reader's language from a staff-written text, or the language it falls back to (`textLanguage`). */
export function pick(text: LocalizedText, locale: Locale): string {
  return text[textLanguage(text, locale)] ?? "";
}

/** The catalog string for `key` in `locale`, with `{name}` placeholders filled in. */
export function t(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  return template(locale, key).replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    if (typeof value === "number") return formatNumber(locale, value);
    if (typeof value === "string") return value;
    return isBytes(value) ? formatFileSize(locale, value.bytes) : pick(value, locale);
  });
}

/** Picks `<key>.one` / `<key>.other` (and so on) by the language's plural rules. */
export function plural(locale: Locale, base: PluralBase, count: number, params: MessageParams = {}): string {
  const category = new Intl.PluralRules(locale).select(count);
  const key = (`${base}.${category}` in catalogOf(locale) ? `${base}.${category}` : `${base}.other`) as MessageKey;
  return t(locale, key, { count, ...params });
}
type PluralBase = MessageKey extends infer K ? (K extends `${infer B}.other` ? B : never) : never;

export function formatNumber(locale: Locale, value: number): string {
  return new Intl.NumberFormat(locale).format(value);
}

/**
 * A number as the reader would type it back into a field: the language's own digits (Burmese pages print
 * `၁၂၀၀`), no group separators. The amount reader (`form/amount.ts`) reads it back to the same number.
 */
export function formatTypedNumber(locale: Locale, value: number): string {
  return new Intl.NumberFormat(locale, { useGrouping: false, maximumFractionDigits: 20 }).format(value);
}

export function formatMoney(locale: Locale, amount: number, currency: string): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency, maximumFractionDigits: 0 }).format(amount);
}

/**
 * A size as people read it, in the language's number format: megabytes from one up ("10 MB", "1,5 MB"),
 * kilobytes below (a small CSV is "12 kB", not "0 MB"). Binary multiples, as upload limits are set.
 */
export function formatFileSize(locale: Locale, bytes: number): string {
  const megabytes = bytes / (1024 * 1024);
  const inUnit = (unit: string, value: number) =>
    new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "short", maximumFractionDigits: 1 }).format(
      value,
    );
  return megabytes >= 1 ? inUnit("megabyte", megabytes) : inUnit("kilobyte", Math.max(1, Math.ceil(bytes / 1024)));
}

/**
 * The one way a date is shown, on every page and in every email: the calendar day in words, in UTC
 * ("December 6, 2026", "6 de diciembre de 2026"), in the reader's calendar and digits. Never a numeric form,
 * which reads differently by country.
 */
export function formatDate(locale: Locale, iso: string): string {
  const date = new Date(iso);
  const own = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" });
  if (own.resolvedOptions().calendar === "gregory") return own.format(date);
  // Thai readers count years in the Buddhist era; a deadline also says its Gregorian date, as letters,
  // forms and other sites give it, so that nobody has to convert a year under pressure.
  const gregorian = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC", calendar: "gregory" });
  return `${own.format(date)} (${gregorian.format(date)})`;
}

/**
 * A time of day, in UTC and saying so ("14:05 UTC"): a page without JavaScript cannot know the reader's zone,
 * so it names the one it uses rather than leave a bare clock time to be misread.
 */
export function formatTime(locale: Locale, iso: string): string {
  const time = new Intl.DateTimeFormat(locale, {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone: "UTC",
  }).format(new Date(iso));
  return `${time} UTC`;
}

/** A date with its time, both as above ("December 6, 2026, 14:05 UTC"). */
export function formatDateTime(locale: Locale, iso: string): string {
  return `${formatDate(locale, iso)}, ${formatTime(locale, iso)}`;
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
