// The catalogs kept as files (catalogs/*.json), typed against English: a missing key fails the type check. The
// apps never import this module; they read the files when a language is first needed (`catalogOf` in index.ts).
import es from "./catalogs/es.json" with { type: "json" };
import fil from "./catalogs/fil.json" with { type: "json" };
import id from "./catalogs/id.json" with { type: "json" };
import km from "./catalogs/km.json" with { type: "json" };
import my from "./catalogs/my.json" with { type: "json" };
import pt from "./catalogs/pt.json" with { type: "json" };
import staffEsFile from "./catalogs/staff/es.json" with { type: "json" };
import staffPtFile from "./catalogs/staff/pt.json" with { type: "json" };
import th from "./catalogs/th.json" with { type: "json" };
import vi from "./catalogs/vi.json" with { type: "json" };
import { en } from "./en.js";
import type { Locale } from "./index.js";
import type { staffEn } from "./staff/en.js";

type Complete = Record<keyof typeof en, string>;

/** Spanish and Portuguese, written by the team. */
export const reviewed: Record<"es" | "pt", Complete> = { es, pt };
/** The staff side's Spanish and Portuguese. */
export const reviewedStaff: Record<"es" | "pt", Record<keyof typeof staffEn, string>> = {
  es: staffEsFile,
  pt: staffPtFile,
};
/** The six drafted without a native speaker (docs/languages.md). */
export const drafted: Record<"th" | "id" | "vi" | "my" | "km" | "fil", Complete> = { th, id, vi, my, km, fil };

/** Every interface language's applicant strings, English's included: for tests that read pages as a person would. */
export const applicantCatalogs: Record<Locale, Complete> = { en, ...reviewed, ...drafted };
