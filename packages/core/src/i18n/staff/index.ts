import { addStaffStrings } from "../index.js";
import { staffEn } from "./en.js";

/**
 * Importing this module adds the staff strings to the catalogs: English's now, Spanish and Portuguese from their
 * files with those languages' catalogs. The staff apps import it (through their session module, which every staff
 * page and API area uses); the applicants' app never does, so its function stays small.
 */
addStaffStrings(staffEn);
