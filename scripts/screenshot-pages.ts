import { adminFunderShots } from "./screenshot-pages/admin-funder.js";
import { applicantShots } from "./screenshot-pages/applicant.js";
import { awardShots } from "./screenshot-pages/award.js";
import { errorShots } from "./screenshot-pages/errors.js";
import { reportShots } from "./screenshot-pages/reports.js";
import type { Shot } from "./screenshot-pages/fixtures.js";
import { staffShots } from "./screenshot-pages/staff.js";
import { staffReportShots } from "./screenshot-pages/staff-reports.js";

export {
  asApplicant,
  asStaff,
  draft,
  reviewed,
  shortlisted,
  submitted,
  type Shot,
} from "./screenshot-pages/fixtures.js";
import { formPages as applyFormPages } from "../packages/functions/src/apply/index.js";
import { stylesheetPath } from "../packages/functions/src/shared/pages.js";
import { formPages as staffFormPages } from "../packages/functions/src/staff/index.js";

/**
 * Every page of every audience, reached the way a person reaches it (some only by posting a form), for
 * `npm run screenshots`. Each shot names the GET routes it shows (`covers`), so a test can check that no page
 * route is left out; the few GET routes that are not pages are listed in `notPages` with the reason.
 */
export const shots: Shot[] = [
  ...applicantShots,
  ...awardShots,
  ...reportShots,
  ...staffShots,
  ...staffReportShots,
  ...adminFunderShots,
  ...errorShots,
];

/** GET routes that answer with something other than a page, and so have no picture. */
export const notPages: Record<string, string> = {
  [stylesheetPath]: "the stylesheet",
  "/apply": "redirects to the home page",
  "/apply/:callId/start": "redirects to the call's quiz",
  "/staff/language": "redirects to the staff home",
  "/staff/applications/:id/budget-file": "the budget file download",
  "/staff/applications/:id/documents/:documentId": "a full application's document download",
  "/staff/applications/:id/reports/:reportId/documents/:documentId": "a grant report's document download",
  "/staff/reports/pipeline.csv": "a CSV download",
  "/staff/reports/pipeline.xlsx": "a spreadsheet download",
  // A form's own address, visited (a reload, the history): the page the form is on.
  ...Object.fromEntries(
    Object.keys({ ...applyFormPages, ...staffFormPages }).map((path) => [path, "redirects to the page its form is on"]),
  ),
};
