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

/**
 * Characters that show as nothing or as a space, each of which becomes a plain space before segmenting:
 *
 * - every invisible format character (`Cf`): zero-width space, non-joiner and joiner (U+200B–U+200D), word
 *   joiner (U+2060), soft hyphen (U+00AD), BOM/zero-width no-break space (U+FEFF), bidi marks, tags, ...
 *   UAX #29 tells segmenters to look through `Cf` (rule WB4), so without this `word⁠word` is one word;
 * - every space separator (`Zs`), the no-break ones too (U+00A0, U+2007, U+202F narrow no-break space):
 *   ICU joins words over some of them (U+202F) and not others, and that may change with its version;
 * - line and paragraph separators (`Zl`, `Zp`);
 * - connector punctuation (`Pc`: the underscore, its full-width form, the undertie): UAX #29 keeps
 *   `ExtendNumLet` inside a word (rule WB13a), so `w0_w1_..._w599` would be one word of six hundred;
 * - the other default-ignorable code points, which render as nothing (Hangul fillers, the combining
 *   grapheme joiner, variation selectors), so none of them can stand in for the ones above.
 *
 * Zero-width joiner and non-joiner are also legitimate inside a word in a few places: the ZWNJ at a
 * morpheme boundary in Persian and Urdu, ZWJ/ZWNJ choosing a conjunct's shape in Indic scripts, ZWJ in emoji
 * sequences. They are replaced all the same. Emoji are not word-like, so splitting their sequences counts
 * nothing more. In Persian, Urdu or an Indic script the in-word uses are rare (a handful in a page), so an
 * honest text counts a few words more, never fewer; keeping them between letters would let anyone writing
 * in those scripts glue words together with them. For a limit, counting a few too many is the safe side.
 * Khmer, Burmese and Thai writers often put a zero-width space between words to mark where they break:
 * it becomes a space, which is a word boundary anyway, so those texts count the same.
 */
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
