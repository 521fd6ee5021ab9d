import { applicationApi } from "./apply/application.api.js";
import { callsApi } from "./apply/calls.api.js";
import { contactApi } from "./apply/contact.api.js";
import { fullApplicationApi } from "./apply/full-application.api.js";
import { moreInfoApi } from "./apply/more-info.api.js";
import { awardApi } from "./apply/award.api.js";
import { grantReportApi } from "./apply/report.api.js";
import { reportApi } from "./report/pipeline.api.js";
import { adminApi } from "./staff/admin.api.js";
import { awardStaffApi } from "./staff/award.api.js";
import { reportStaffApi } from "./staff/report.api.js";
import { fullApplicationStaffApi } from "./staff/full-application.api.js";
import { reviewApi } from "./staff/review.api.js";
import { signInApi } from "./staff/sign-in.api.js";

const info = {
  title: "Amparo API",
  version: "1",
  description:
    "Calls, eligibility, applications, staff sign-in, review and administration for human-rights defenders' funds. " +
    "JSON in and out; errors are RFC 9457 problem details (`application/problem+json`) in the reader's language.",
  contact: { name: "Amparo", url: "https://github.com/amparo-platform" },
};

/** The groups of operations, in the order a reader meets them. */
const tags = [
  {
    name: "Calls",
    description: "Open calls, their rules and the eligibility quiz: public, nothing stored about the reader.",
  },
  {
    name: "Applications",
    description:
      "An applicant's own application, opened by its access code: concept note, funding, budget file, submit.",
  },
  { name: "Staff sign-in", description: "One-time email links, a second factor (TOTP) and sessions for staff." },
  {
    name: "Review",
    description: "Reviewers' queues, conflicts of interest and scores; coordinators' lists, moves and decisions.",
  },
  { name: "Admin", description: "Calls' configuration and staff accounts (admins)." },
  {
    name: "Reports",
    description: "Funders' pipeline reports per call and year, from counters only, small groups hidden.",
  },
];

/**
 * Every API area, in the order of the description; each describes its own routes. The description is built
 * from the areas, not from the audiences' apps, whose pages it does not need (the docs app serves it).
 */
const areas = [
  callsApi,
  applicationApi,
  contactApi,
  fullApplicationApi,
  moreInfoApi,
  awardApi,
  grantReportApi,
  signInApi,
  reviewApi,
  fullApplicationStaffApi,
  awardStaffApi,
  reportStaffApi,
  adminApi,
  reportApi,
];

type Document = ReturnType<typeof callsApi.getOpenAPI31Document>;

/**
 * The whole API in one description, for any deployment (`servers` is added where it is served). The audiences'
 * apps run as separate functions; this joins their API areas, as API Gateway joins the routes. `npm run openapi`
 * writes it to `docs/openapi.json`, which the docs app serves.
 */
export function document(): Document {
  const parts = areas.map((area) => area.getOpenAPI31Document({ openapi: "3.1.0", info }));
  const merged: Document = {
    openapi: "3.1.0",
    info,
    tags,
    paths: {},
    components: { schemas: {}, securitySchemes: {} },
  };
  for (const part of parts) {
    Object.assign(merged.paths!, part.paths);
    Object.assign(merged.components!.schemas!, part.components?.schemas);
    Object.assign(merged.components!.securitySchemes!, part.components?.securitySchemes);
  }
  return merged;
}
