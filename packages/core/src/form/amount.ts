// The one reader of numbers typed into pages (amounts, budgets, months, quiz numbers), written the way people
// write them in any of our languages: with a currency sign or code, and `.`, `,`, spaces or `'` between groups.
import type { FieldError } from "../error/index.js";
import { locales, type LocalizedText } from "../i18n/index.js";

/**
 * What a typed number reads as: a whole number; a number with a (non-zero) decimal part, which amounts in whole
 * units of a currency cannot take; or nothing that can be read as a number.
 */
export type TypedNumber =
  { kind: "whole"; value: number } | { kind: "fraction"; value: number } | { kind: "unreadable" };

/** Every ISO 4217 code the runtime knows (`USD`, `BRL`...), accepted before or after the number. */
const isoCodes = new Set(Intl.supportedValuesOf("currency"));
/** Local signs written with letters that are not ISO codes: rupiah, ringgit, bolívar, kyat, sol. */
const localSigns = new Set(["RP", "RM", "BS", "KS", "S/"]);

/** Digits of the scripts our applicants may type in (Thai, Lao, Khmer, Burmese, Arabic, Devanagari, Bengali). */
const nativeDigits = new Map<string, string>(
  ["thai", "laoo", "khmr", "mymr", "arab", "arabext", "deva", "beng"].flatMap((system) =>
    Array.from({ length: 10 }, (_, digit): [string, string] => [
      new Intl.NumberFormat(`en-u-nu-${system}`, { useGrouping: false }).format(digit),
      String(digit),
    ]),
  ),
);

const unreadable: TypedNumber = { kind: "unreadable" };

/** Whether a token beside the number is a currency: a sign (`$`, `R$`, `US$`, `€`), an ISO code or a local sign. */
function isCurrency(token: string): boolean {
  if (/\p{Sc}/u.test(token)) return true;
  const bare = token.toUpperCase().replace(/\.$/, "");
  return isoCodes.has(bare) || localSigns.has(bare);
}

/** The text without one currency token at each end (other words stay, so the number is unreadable) and its sign. */
function withoutCurrency(text: string): { rest: string; negative: boolean } {
  let rest = text;
  let negative = false;
  const takeSign = () => {
    if (!negative && /^[-\u2212]/.test(rest)) {
      negative = true;
      rest = rest.slice(1).trim();
    }
  };
  takeSign();
  const front = /^(?:\p{L}{0,3}\p{Sc}|S\/\.?|\p{L}{2,3}\.?(?!\p{L}))/iu.exec(rest);
  if (front && isCurrency(front[0])) rest = rest.slice(front[0].length).trim();
  takeSign();
  const back = /(?:\p{Sc}|\p{L}{0,3}\p{Sc}|(?<!\p{L})\p{L}{2,3}\.?)$/u.exec(rest);
  if (back && isCurrency(back[0])) rest = rest.slice(0, -back[0].length).trim();
  // "10,-" and "10.-": whole units, as written on price tags in much of Europe and Latin America.
  rest = rest.replace(/[.,][-\u2013]$/, "");
  return { rest, negative };
}

/**
 * Reads a typed number. Currency signs and codes around it are ignored ("$10,000", "R$ 10.000", "10 000 €",
 * "USD 10000"). Groups of three digits may be separated by `.`, `,`, `'`, spaces or no-break spaces in every
 * language, so "10.000" and "10,000" are both ten thousand; a `.` or `,` followed by other than three digits,
 * or a second kind after groups ("1.234,56"), is a decimal mark. "10,00" is ten: a zero decimal part is whole.
 */
export function readTypedNumber(text: string): TypedNumber {
  const spaced = [...text.normalize("NFKC")]
    .map((char) => nativeDigits.get(char) ?? char)
    .join("")
    .replace(/\s+/gu, " ")
    .trim();
  const { rest, negative } = withoutCurrency(spaced);
  if (!/^\d+(?:[., '\u2019]\d+)*$/.test(rest)) return unreadable;
  const runs = rest.split(/[., '\u2019]/);
  const marks = rest.match(/[., '\u2019]/g) ?? [];
  const last = marks.at(-1);
  const lastRun = runs.at(-1)!;
  const decimal =
    last !== undefined &&
    (last === "." || last === ",") &&
    (lastRun.length !== 3 || marks.some((mark) => mark !== last && (mark === "." || mark === ",")) || runs[0] === "0");
  const groupMarks = decimal ? marks.slice(0, -1) : marks;
  const groups = decimal ? runs.slice(0, -1) : runs;
  const fraction = decimal ? lastRun : "";
  if (groupMarks.length > 0) {
    const apostrophe = (mark: string) => (mark === "\u2019" ? "'" : mark);
    if (new Set(groupMarks.map(apostrophe)).size > 1) return unreadable;
    if (decimal && groupMarks[0] === last) return unreadable;
    if (groups[0]!.length > 3 || groups.slice(1).some((group) => group.length !== 3)) return unreadable;
  }
  const digits = groups.join("").replace(/^0+(?=\d)/, "");
  if (digits.length > 15) return unreadable;
  const whole = Number(digits) * (negative ? -1 : 1);
  if (/^0*$/.test(fraction)) return { kind: "whole", value: whole === 0 ? 0 : whole };
  const value = Number(`${negative ? "-" : ""}${digits}.${fraction}`);
  return { kind: "fraction", value };
}

/** The number a typed text reads as, whole or not; undefined when it cannot be read (for scores and the like). */
export function parseTypedNumber(text: string): number | undefined {
  const reading = readTypedNumber(text);
  return reading.kind === "unreadable" ? undefined : reading.value;
}

/**
 * The error for a number typed with a decimal part where a whole one is needed: it shows the number as it was
 * read, in each language's own way, so the applicant sees how their separators were taken.
 */
export function notWholeError(path: string, value: number): FieldError {
  const read = Object.fromEntries(
    locales.map((locale) => [locale, new Intl.NumberFormat(locale, { maximumFractionDigits: 20 }).format(value)]),
  ) as LocalizedText;
  return { path, message: "number.not_whole", params: { read, whole: Math.trunc(value) } };
}
