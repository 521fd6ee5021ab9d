// The staff's pages for `npm run screenshots`: sign-in and its second factor, sessions, and the reviewer's and
// coordinator's work on both calls.
import * as Application from "@amparo/core/application";
import * as Auth from "@amparo/core/auth";
import * as Review from "@amparo/core/review";
import {
  askedMoreInfo,
  asStaff,
  decided,
  fullReviewed,
  grantInReview,
  move,
  newcomer,
  reviewed,
  shortlisted,
  submit,
  submitted,
  user,
  type Shot,
} from "./fixtures.js";

export const staffShots: Shot[] = [
  // Staff sign-in.
  { audience: "staff", name: "sign-in", covers: ["/staff"], open: (page, base) => page.goto(`${base}/staff`) },
  {
    audience: "staff",
    name: "sign-in-error",
    covers: [],
    open: async (page, base) => {
      await page.goto(`${base}/staff`);
      await page.locator("main input[type=email]").fill("not an address");
      await submit(page);
    },
  },
  {
    audience: "staff",
    name: "link-sent",
    covers: [],
    open: async (page, base) => {
      await page.goto(`${base}/staff`);
      await page.locator("main input[type=email]").fill("someone@example.org");
      await submit(page);
    },
  },
  {
    audience: "staff",
    name: "link-and-code",
    covers: ["/staff/sign-in/link"],
    open: (page, base) => page.goto(`${base}/staff/sign-in/link?token=${"x".repeat(43)}`),
  },
  {
    audience: "staff",
    name: "link-invalid",
    covers: [],
    open: async (page, base) => {
      await page.goto(`${base}/staff/sign-in/link?token=${"x".repeat(43)}`);
      await submit(page, "main form:not(.signout)");
    },
  },
  {
    audience: "staff",
    name: "totp-enrolment",
    covers: ["/staff/totp"],
    open: async (page, base) => {
      await asStaff(page, base, await newcomer(), "enrol");
      await page.goto(`${base}/staff/totp`);
    },
  },
  {
    audience: "staff",
    name: "totp-wrong-code",
    covers: [],
    open: async (page, base) => {
      await asStaff(page, base, await newcomer(), "enrol");
      await page.goto(`${base}/staff/totp`);
      await page.locator("input[name=code]").fill("000000");
      await submit(page, "main form:not(.signout)");
    },
  },
  {
    audience: "staff",
    name: "signed-out",
    covers: [],
    open: async (page, base) => {
      await asStaff(page, base, "coordinator@amparo.local");
      await page.goto(`${base}/staff`);
      await submit(page, "form.signout");
    },
  },
  // Recovery codes and sessions.
  {
    audience: "staff",
    name: "recovery-codes",
    covers: [],
    open: async (page, base) => {
      await asStaff(page, base, await newcomer(), "enrol");
      await page.goto(`${base}/staff/totp`);
      const key = (await page.locator("main code").innerText()).replace(/\s/g, "");
      await page.locator("input[name=code]").fill(Auth.currentCode(key));
      await submit(page, "main form:not(.signout)");
    },
  },

  {
    audience: "staff",
    name: "sessions",
    covers: ["/staff/sessions"],
    open: async (page, base) => {
      await asStaff(page, base, "coordinator@amparo.local");
      await page.goto(`${base}/staff/sessions`);
    },
  },

  // Reviewer.
  {
    audience: "reviewer",
    name: "queue",
    covers: [],
    open: async (page, base, lang) => {
      await reviewed(base, lang);
      await asStaff(page, base, "reviewer1@amparo.local");
      await page.goto(`${base}/staff`);
    },
  },
  {
    audience: "reviewer",
    name: "conflict-declaration",
    covers: ["/staff/applications/:id"],
    open: async (page, base, lang) => {
      const { id } = await reviewed(base, lang);
      await asStaff(page, base, "reviewer1@amparo.local");
      await page.goto(`${base}/staff/applications/${id}`);
    },
  },
  {
    audience: "reviewer",
    name: "application-and-scoring",
    covers: [],
    open: async (page, base, lang) => {
      const { id } = await reviewed(base, lang);
      await Review.declare(await user("reviewer1@amparo.local"), id, { conflict: false });
      await asStaff(page, base, "reviewer1@amparo.local");
      await page.goto(`${base}/staff/applications/${id}`);
    },
  },
  {
    audience: "reviewer",
    name: "scored",
    covers: [],
    open: async (page, base, lang) => {
      const { id } = await reviewed(base, lang);
      await asStaff(page, base, "reviewer2@amparo.local");
      await page.goto(`${base}/staff/applications/${id}`);
    },
  },

  // Coordinator.
  {
    audience: "coordinator",
    name: "home",
    covers: [],
    open: async (page, base) => {
      await asStaff(page, base, "coordinator@amparo.local");
      await page.goto(`${base}/staff`);
    },
  },
  {
    audience: "coordinator",
    name: "list",
    covers: ["/staff/applications"],
    open: async (page, base, lang) => {
      await reviewed(base, lang);
      await decided(base, lang, "approved");
      await asStaff(page, base, "coordinator@amparo.local");
      await page.goto(`${base}/staff/applications?callId=digital-emergency`);
    },
  },
  {
    audience: "coordinator",
    name: "application",
    covers: [],
    open: async (page, base, lang) => {
      const { id } = await reviewed(base, lang);
      await asStaff(page, base, "coordinator@amparo.local");
      await page.goto(`${base}/staff/applications/${id}`);
    },
  },
  {
    audience: "coordinator",
    name: "application-more-info",
    covers: [],
    open: async (page, base, lang) => {
      const { id } = await askedMoreInfo(base, lang, 2);
      await asStaff(page, base, "coordinator@amparo.local");
      await page.goto(`${base}/staff/applications/${id}`);
    },
  },
  {
    audience: "coordinator",
    name: "assign-nobody",
    covers: [],
    open: async (page, base, lang) => {
      const { id } = await submitted(base, lang);
      await asStaff(page, base, "coordinator@amparo.local");
      await page.goto(`${base}/staff/applications/${id}`);
      await submit(page, `main form[action$="/assign"]`);
    },
  },
  {
    audience: "coordinator",
    name: "assigned",
    covers: [],
    open: async (page, base, lang) => {
      const { id } = await submitted(base, lang);
      await asStaff(page, base, "coordinator@amparo.local");
      await page.goto(`${base}/staff/applications/${id}`);
      await page.locator("input[name=reviewerIds]").first().check();
      await submit(page, `main form[action$="/assign"]`);
    },
  },
  {
    audience: "coordinator",
    name: "decide",
    covers: [],
    open: async (page, base, lang) => {
      const { id } = await reviewed(base, lang);
      await move(id, "in_review");
      await asStaff(page, base, "coordinator@amparo.local");
      await page.goto(`${base}/staff/applications/${id}`);
      await page.locator("select[name=to]").selectOption("approved");
      await page.locator("input[name=amount]").fill("2800");
      await submit(page, `main form[action$="/transition"]`);
    },
  },
  {
    audience: "coordinator",
    name: "decided",
    covers: [],
    open: async (page, base, lang) => {
      const { id } = await decided(base, lang, "approved");
      await asStaff(page, base, "coordinator@amparo.local");
      await page.goto(`${base}/staff/applications/${id}`);
    },
  },

  // Coordinator: the grant call's shortlist and second stage.
  {
    audience: "coordinator",
    name: "list-grant-bulk",
    covers: [],
    open: async (page, base, lang) => {
      await grantInReview(base, lang);
      await grantInReview(base, lang);
      await asStaff(page, base, "coordinator@amparo.local");
      await page.goto(`${base}/staff/applications?callId=concept-notes-2026&stage=in_review`);
    },
  },
  {
    audience: "coordinator",
    name: "bulk-shortlisted",
    covers: [],
    open: async (page, base, lang) => {
      await grantInReview(base, lang);
      const stale = await grantInReview(base, lang);
      await asStaff(page, base, "coordinator@amparo.local");
      await page.goto(`${base}/staff/applications?callId=concept-notes-2026&stage=in_review`);
      for (const box of await page.locator("input[name=items]").all()) await box.check();
      // Moved by someone else after the list was loaded: named as changed on the result.
      await move(stale.id, "more_info", { messageToApplicant: "Please send the budget in USD." });
      await page.locator(`main form#bulk button:not([formaction])`).click();
    },
  },
  {
    audience: "coordinator",
    name: "bulk-decline-confirm",
    covers: [],
    open: async (page, base, lang) => {
      await grantInReview(base, lang);
      await asStaff(page, base, "coordinator@amparo.local");
      await page.goto(`${base}/staff/applications?callId=concept-notes-2026&stage=in_review`);
      await page.locator("input[name=items]").first().check();
      await page.locator(`main form#bulk button[formaction]`).click();
    },
  },
  {
    audience: "coordinator",
    name: "due-extended",
    covers: [],
    open: async (page, base, lang) => {
      const { id } = await shortlisted(base, lang);
      const due = (await Application.fromID(id))!.fullApplication!.dueAt;
      await asStaff(page, base, "coordinator@amparo.local");
      await page.goto(`${base}/staff/applications/${id}`);
      await page.locator("#dueAt").fill(new Date(Date.parse(due) + 14 * 86_400_000).toISOString().slice(0, 10));
      await submit(page, `main form[action$="/due"]`);
    },
  },
  {
    audience: "coordinator",
    name: "full-application",
    covers: [],
    open: async (page, base, lang) => {
      const { id } = await fullReviewed(base, lang);
      await asStaff(page, base, "coordinator@amparo.local");
      await page.goto(`${base}/staff/applications/${id}`);
    },
  },
  {
    audience: "reviewer",
    name: "full-application-scoring",
    covers: [],
    open: async (page, base, lang) => {
      const { id } = await fullReviewed(base, lang);
      await asStaff(page, base, "reviewer1@amparo.local");
      await page.goto(`${base}/staff/applications/${id}`);
    },
  },
];
