/**
 * Counts words the way a reader would, in the text's language: `Intl.Segmenter` finds word boundaries in
 * scripts written without spaces (Thai, Lao, Khmer, Burmese) from ICU's dictionaries, where splitting on
 * spaces would count a whole sentence as one word.
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

/** The number of words in `text` written in `language` (a BCP 47 tag such as `th` or `es`). */
export function count(text: string, language: string): number {
  let words = 0;
  for (const segment of segmenter(language).segment(text)) if (segment.isWordLike) words++;
  return words;
}
