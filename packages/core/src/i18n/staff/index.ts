import { addCatalogs } from "../index.js";
import { staffEn } from "./en.js";
import { staffEs } from "./es.js";
import { staffPt } from "./pt.js";

/**
 * Importing this module adds the staff strings to the catalogs. The staff apps import it (through their session
 * module, which every staff page and API area uses); the applicants' app never does, so its function stays small.
 */
addCatalogs({ en: staffEn, es: staffEs, pt: staffPt });
