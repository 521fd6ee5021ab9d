// The error pages for `npm run screenshots`: not found, and a role refused a page that is not its own.
import { asStaff, type Shot } from "./fixtures.js";

export const errorShots: Shot[] = [
  // Errors.
  { audience: "error", name: "not-found", covers: [], open: (page, base) => page.goto(`${base}/apply/no-such-call`) },
  {
    audience: "error",
    name: "staff-not-found",
    covers: [],
    open: async (page, base) => {
      await asStaff(page, base, "coordinator@amparo.local");
      await page.goto(`${base}/staff/applications/00000000-0000-4000-8000-000000000000`);
    },
  },
  {
    audience: "error",
    name: "refusal-reviewer-on-admin",
    covers: [],
    open: async (page, base) => {
      await asStaff(page, base, "reviewer1@amparo.local");
      await page.goto(`${base}/staff/admin`);
    },
  },
  {
    audience: "error",
    name: "refusal-funder-on-applications",
    covers: [],
    open: async (page, base) => {
      await asStaff(page, base, "funder@amparo.local");
      await page.goto(`${base}/staff/applications?callId=digital-emergency`);
    },
  },
];
