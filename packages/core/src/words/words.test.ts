import { describe, expect, it } from "vitest";
import * as Call from "../call/index.js";
import { conceptNotes2026 } from "../seed/calls.js";
import * as Words from "./index.js";

/** Characters someone could put between two words so that a reader sees them apart and a counter might not. */
const joiners: [string, string][] = [
  ["zero-width space", "\u200B"],
  ["zero-width non-joiner", "\u200C"],
  ["zero-width joiner", "\u200D"],
  ["word joiner", "\u2060"],
  ["soft hyphen", "\u00AD"],
  ["zero-width no-break space (BOM)", "\uFEFF"],
  ["left-to-right mark", "\u200E"],
  ["invisible separator", "\u2063"],
  ["Mongolian vowel separator", "\u180E"],
  ["tag space", "\u{E0020}"],
  ["narrow no-break space", "\u202F"],
  ["no-break space", "\u00A0"],
  ["figure space", "\u2007"],
  ["ideographic space", "\u3000"],
  ["Hangul filler", "\u3164"],
  ["combining grapheme joiner", "\u034F"],
];

describe("counting words", () => {
  it("counts words joined by any invisible format character or space-like separator as separate words", () => {
    const glued = (joiner: string) => ["palabra", "otra", "más", "fin"].join(joiner);
    const counted = Object.fromEntries(joiners.map(([name, joiner]) => [name, Words.count(glued(joiner), "es")]));
    expect(counted).toEqual(Object.fromEntries(joiners.map(([name]) => [name, 4])));
    // An emoji sequence joined by ZWJ is no word, whole or split.
    expect(Words.count("palabra⁠👩‍💻⁠fin", "es")).toBe(2);
  });

  it("counts invisibly joined words apart in scripts without spaces too", () => {
    // "human rights" and "digital security" in Khmer, which the dictionary counts as one word each.
    const words = ["សិទ្ធិមនុស្ស", "សុវត្ថិភាព"];
    for (const [, joiner] of joiners) expect(Words.count(words.join(joiner), "km")).toBe(2);
  });

  it("counts words joined by underscores or other connector punctuation as separate words", () => {
    const underscored = Array.from({ length: 600 }, (_, i) => `w${i}`).join("_");
    expect(Words.count(underscored, "en")).toBe(600);
    for (const connector of ["\uFF3F", "\u203F", "\u2040", "\u2054", "\uFE4F"])
      expect(Words.count(["palabra", "otra", "fin"].join(connector), "es")).toBe(3);
    expect(Words.count(["សិទ្ធិមនុស្ស", "សុវត្ថិភាព"].join("_"), "km")).toBe(2);
  });
});

describe("character caps", () => {
  it("gives scripts without spaces more characters a word than scripts with them", () => {
    expect(Words.maxChars(400, "km")).toBe(400 * Words.charsPerWord.unspaced);
    expect(Words.maxChars(400, "es")).toBe(400 * Words.charsPerWord.spaced);
    expect(Words.maxChars(400, "km")).toBeGreaterThan(Words.maxChars(400, "es"));
    expect(Words.maxChars(2, "en")).toBe(Words.minFieldChars);
  });
});

describe("a call's word limits", () => {
  it("must fit in what a concept note may hold, so the body limit can follow from it", () => {
    expect(Call.Info.safeParse(conceptNotes2026).success).toBe(true);
    const fields = conceptNotes2026.conceptNote.fields;
    const tooMany = {
      ...conceptNotes2026,
      conceptNote: { fields: [...fields, { ...fields[0]!, id: "more", maxWords: 2_000 }] },
    };
    const parsed = Call.Info.safeParse(tooMany);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join("."))).toEqual(["conceptNote.fields"]);
  });
});
