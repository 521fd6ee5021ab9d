import { describe, expect, it } from "vitest";
import { drafted as drafts } from "./catalog-files.js";
import { en } from "./en.js";
import { locales, unreviewedLocales } from "./index.js";

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
