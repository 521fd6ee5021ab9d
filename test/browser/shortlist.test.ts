import * as Application from "@amparo/core/application";
import * as Config from "@amparo/core/config";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen, type Listening } from "../../packages/local/src/server.js";
import { applicantRequest, startApplication, uploadBudget } from "../support/applications.js";
import { captured, launchBrowser, violationsByPage, type Visited } from "../support/browser.js";
import { pdf } from "../support/files.js";
import { signIn, staffAccount } from "../support/staff.js";

const callId = "concept-notes-2026";
let server: Listening;
let browser: Browser;
let session = "";
const visited: Visited[] = [];

/** A grant application written and submitted through the API, as an organisation would. */
async function submitted(): Promise<string> {
  const { id, token } = await startApplication(callId);
  await applicantRequest("PUT", `/api/v1/applications/${id}/concept-note`, token, {
    fields: {
      problem: "Coordinated harassment of women journalists.",
      approach: "Digital security clinics.",
      outcomes: "Fewer account takeovers.",
      organisation: "A collective of lawyers since 2016.",
    },
  });
  await applicantRequest("PUT", `/api/v1/applications/${id}/funding`, token, { amount: 22_000, months: 12 });
  await uploadBudget(id, token, pdf(), "application/pdf", "budget.pdf");
  await applicantRequest("POST", `/api/v1/applications/${id}/budget-file/confirm`, token);
  expect((await applicantRequest("POST", `/api/v1/applications/${id}/submit`, token)).status).toBe(200);
  return id;
}

beforeAll(async () => {
  server = await listen(0);
  Config.set({ PUBLIC_URL: server.url });
  browser = await launchBrowser();
  session = (await signIn((await staffAccount(["coordinator"], [callId])).email)).session;
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("a coordinator shortlists from the list, JavaScript off", () => {
  it("shortlists two fresh applications at once, each passing through review", async () => {
    const [first, second] = [await submitted(), await submitted()];
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 900 } });
    await context.addCookies([{ name: "staff_session", value: session, url: server.url }]);
    const page = await context.newPage();
    await page.goto(`${server.url}/staff/applications?callId=${callId}&stage=submitted&lang=en`);
    visited.push(await captured(page, "applications to shortlist"));
    for (const id of [first, second]) {
      await page.getByRole("checkbox", { name: `Select application ${id.slice(0, 8)}` }).check();
    }
    await page.getByRole("button", { name: "Shortlist the ticked applications" }).click();
    const result = await page.locator("main").innerText();
    expect(result).toContain("Shortlisted: 2");
    expect(result).not.toContain("changed since the list was loaded");
    visited.push(await captured(page, "shortlist result"));
    for (const id of [first, second]) {
      const application = await Application.fromID(id);
      expect(application!.stage).toBe("shortlisted");
    }
  });

  it("meets no serious or critical accessibility violation at 390 and 1280 px (axe-core)", async () => {
    expect(await violationsByPage(browser, visited, [390, 1280])).toEqual({});
  });
});
