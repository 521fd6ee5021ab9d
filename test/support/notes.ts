import * as Words from "@amparo/core/words";

/**
 * Plain Khmer about the grant's work, as a defender might write it: words run together, a space between
 * phrases, a khan (។) at the end of each sentence. About 7 characters a word, each 3 bytes in UTF-8.
 */
const khmerSentences = [
  // We train women human rights defenders in digital security.
  "យើងបណ្តុះបណ្តាលអ្នកការពារសិទ្ធិមនុស្សស្ត្រីអំពីសុវត្ថិភាពឌីជីថល។",
  // Online attacks on activists are rising in our country.
  "ការវាយប្រហារតាមអ៊ីនធឺណិតលើសកម្មជនកំពុងកើនឡើងនៅក្នុងប្រទេសរបស់យើង។",
  // Our community needs support to protect their phones and accounts.
  "សហគមន៍របស់យើងត្រូវការការគាំទ្រដើម្បីការពារទូរស័ព្ទ និងគណនីរបស់ពួកគេ។",
  // This project will run twelve trainings in four provinces.
  "គម្រោងនេះនឹងរៀបចំវគ្គបណ្តុះបណ្តាលចំនួនដប់ពីរ នៅក្នុងខេត្តចំនួនបួន។",
  // Participants will learn how to use secure messaging apps.
  "អ្នកចូលរួមនឹងរៀនពីរបៀបប្រើប្រាស់កម្មវិធីផ្ញើសារដែលមានសុវត្ថិភាព។",
];

/** Khmer text of exactly `words` words as the app counts them: a field written up to its limit. */
export function khmerText(words: number): string {
  let text = "";
  for (let index = 0; Words.count(text, "km") < words; index++) {
    text += (text ? " " : "") + khmerSentences[index % khmerSentences.length];
  }
  const segments = new Intl.Segmenter("km", { granularity: "word" }).segment(text);
  let seen = 0;
  for (const segment of segments) {
    if (segment.isWordLike && ++seen === words) {
      const cut = `${text.slice(0, segment.index + segment.segment.length)}។`;
      if (Words.count(cut, "km") !== words) throw new Error("the Khmer text did not cut at a word");
      return cut;
    }
  }
  throw new Error("unreachable");
}

/** `count` copies of `word` with each pair joined by the next of `joiners` in turn. */
export function glued(word: string, count: number, joiners: readonly string[]): string {
  return Array.from(
    { length: count },
    (_, index) => (index === 0 ? "" : joiners[(index - 1) % joiners.length]) + word,
  ).join("");
}

/** A body as Python's `json.dumps` sends it by default: every non-ASCII character escaped, six bytes each. */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u0080-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
