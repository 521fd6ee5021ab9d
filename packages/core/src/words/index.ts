/**
 * Counts words the way a reader would, in the text's language: `Intl.Segmenter` finds word boundaries in
 * scripts written without spaces (Thai, Lao, Khmer, Burmese) from ICU's dictionaries, where splitting on
 * spaces would count a whole sentence as one word.
 *
 * Word limits are rules an applicant could want to get round, so the text is normalised first: what the
 * reader cannot see between two words must not glue them into one (see `separators`).
 */
const segmenters = new Map<string, Intl.Segmenter>();

function segmenter(language: string): Intl.Segmenter {
  let found = segmenters.get(language);
  if (!found) {
    found = new Intl.Segmenter(language, { granularity: "word" });
    segmenters.set(language, found);
  }
  return found;
}

// Everything that shows as nothing or as a space (`Cf`, `Zs`, `Zl`, `Zp`, `Pc`, other default-ignorables) becomes
// a plain space before segmenting, so nothing a reader cannot see glues two words into one.
// Why words are counted this way: docs/decisions/word-counting.md
const separators = /[\p{Cf}\p{Zs}\p{Zl}\p{Zp}\p{Pc}\p{Default_Ignorable_Code_Point}]/gu;

/** `text` with every invisible or space-like separator replaced by a plain space. */
export function normalize(text: string): string {
  return text.replace(separators, " ");
}

/** The number of words in `text` written in `language` (a BCP 47 tag such as `th` or `es`). */
export function count(text: string, language: string): number {
  let words = 0;
  for (const segment of segmenter(language).segment(normalize(text))) if (segment.isWordLike) words++;
  return words;
}

/* --------------------------------- character caps --------------------------------- */

/**
 * Languages whose script puts no spaces between words: Thai, Lao, Khmer, Burmese (the calls' languages),
 * and Chinese, Japanese, Tibetan and Dzongkha. Their words are counted by dictionary, and a word that the
 * dictionary does not know may be counted as one long run, so they get the larger figure below.
 */
const unspaced = new Set(["th", "lo", "km", "my", "zh", "ja", "bo", "dz"]);

/**
 * How many characters (UTF-16 code units, which is what `string.length` counts) a field may hold per word of
 * its limit, spaces and punctuation included. Honest text needs far less: about 6 in English or Spanish,
 * 7 in Khmer, 6 in Burmese, 4–5 in Thai. The figures are generous so that nobody writing within the limit
 * ever meets them; they exist to refuse text that only looks short to the counter (a megabyte glued into a
 * few "words") before it is stored. Even the smaller figure is three times what Khmer needs, so a note
 * written in another script than the application's language still fits.
 */
export const charsPerWord = { spaced: 25, unspaced: 40 } as const;

/** However small a field's word limit, it may hold this many characters (a single long address, say). */
export const minFieldChars = 500;

/** The most characters a field with this word limit may hold, in `language`. */
export function maxChars(maxWords: number, language: string): number {
  const script = unspaced.has(language.toLowerCase().split("-")[0]!) ? "unspaced" : "spaced";
  return Math.max(minFieldChars, maxWords * charsPerWord[script]);
}

/**
 * The most characters a whole concept note may hold, over all its fields, in any language: 3,000 words in a
 * script without spaces. A call's word limits must fit in it (the call schema checks), which is what lets
 * the HTTP layer set a body limit before it knows which call a request is for.
 */
export const maxNoteChars = 3_000 * charsPerWord.unspaced;

/** The characters a concept note with these word limits may hold at most, whatever its language. */
export function maxNoteCharsOf(maxWords: readonly number[]): number {
  return maxWords.reduce((sum, words) => sum + Math.max(minFieldChars, words * charsPerWord.unspaced), 0);
}
