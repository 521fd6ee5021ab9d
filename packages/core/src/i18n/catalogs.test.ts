import { describe, expect, it } from "vitest";
import { en } from "./en.js";
import fil from "./catalogs/fil.json" with { type: "json" };
import id from "./catalogs/id.json" with { type: "json" };
import km from "./catalogs/km.json" with { type: "json" };
import my from "./catalogs/my.json" with { type: "json" };
import th from "./catalogs/th.json" with { type: "json" };
import vi from "./catalogs/vi.json" with { type: "json" };
import { locales, unreviewedLocales } from "./index.js";

type Complete = Record<keyof typeof en, string>;
// The catalogs read from files at run time, typed against English here: a missing key fails the type check.
const drafts: Record<"th" | "id" | "vi" | "my" | "km" | "fil", Complete> = { th, id, vi, my, km, fil };
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

/** The script a language is written in, for the languages that have one of their own. */
const scripts: Partial<Record<keyof typeof drafts, RegExp>> = {
  th: /\p{Script=Thai}/u,
  my: /\p{Script=Myanmar}/u,
  km: /\p{Script=Khmer}/u,
};

describe("the drafted Southeast Asian catalogs", () => {
  it("are the interface languages not yet reviewed, each with its file", () => {
    expect(Object.keys(drafts).sort()).toEqual([...unreviewedLocales].sort());
    expect(locales).toEqual(expect.arrayContaining(Object.keys(drafts)));
  });

  it.each(Object.entries(drafts))("%s has every message of English, with the same placeholders", (_, catalog) => {
    expect(Object.keys(catalog).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect({ key, placeholders: placeholders(catalog[key]) }).toEqual({ key, placeholders: placeholders(en[key]) });
      expect({ key, empty: catalog[key].trim() === "" }).toEqual({ key, empty: false });
    }
  });

  it.each(Object.entries(drafts))("%s is translated, not left in English", (_, catalog) => {
    // Brand names and bare placeholders may stay as they are; a sentence left in English is a slip.
    const sentences = (Object.keys(en) as (keyof typeof en)[]).filter((key) => en[key].split(" ").length >= 4);
    const same = sentences.filter((key) => catalog[key] === en[key]);
    expect(same).toEqual([]);
  });

  it.each(Object.entries(scripts))("%s is written in its own script", (lang, script) => {
    const catalog = drafts[lang as keyof typeof drafts];
    const sentences = (Object.keys(en) as (keyof typeof en)[]).filter((key) => en[key].split(" ").length >= 4);
    expect(sentences.filter((key) => !script!.test(catalog[key]))).toEqual([]);
  });
});
