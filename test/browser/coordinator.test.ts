import * as Config from "@amparo/core/config";
import { formatMoney } from "@amparo/core/i18n";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen, type Listening } from "../../packages/local/src/server.js";
import { applicantRequest, startApplication } from "../support/applications.js";
import { captured, launchBrowser, violationsByPage, type Visited } from "../support/browser.js";
import { signIn, staffAccount, staffRequest } from "../support/staff.js";

let server: Listening;
let browser: Browser;
let session = "";
const requested: string[] = [];
const visited: Visited[] = [];
let waiting = "";
let inReview = "";

/** A submitted emergency application asking for `amount`. */
async function submitted(amount: number): Promise<string> {
  const { id, token } = await startApplication("digital-emergency");
  await applicantRequest("PUT", `/api/v1/applications/${id}/concept-note`, token, {
    fields: { situation: "Nos bloquearon las cuentas de la radio comunitaria.", need: "Dos teléfonos nuevos." },
  });
  await applicantRequest("PUT", `/api/v1/applications/${id}/funding`, token, { amount, annualBudget: 0, months: 3 });
  await applicantRequest("POST", `/api/v1/applications/${id}/submit`, token);
  return id;
}

beforeAll(async () => {
  server = await listen(0);
  Config.set({ PUBLIC_URL: server.url });
  browser = await launchBrowser();
  // Signing in through the browser is the staff sign-in tests' subject; here the session is what matters.
  session = (await signIn((await staffAccount(["coordinator"], ["digital-emergency"])).email)).session;
  await staffAccount(["reviewer"], ["digital-emergency"]);
  waiting = await submitted(1_500);
  inReview = await submitted(3_000);
  const view = (await (await staffRequest("GET", `/api/v1/review/applications/${inReview}`, session)).json()) as {
    version: number;
  };
  await staffRequest("POST", `/api/v1/review/applications/${inReview}/transition`, session, {
    to: "in_review",
    version: view.version,
  });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function window(width: number): Promise<Page> {
  const context = await browser.newContext({
    javaScriptEnabled: false,
    locale: "en-GB",
    viewport: { width, height: 900 },
  });
  await context.addCookies([{ name: "staff_session", value: session, url: server.url }]);
  context.on("request", (request) => requested.push(request.url()));
  return context.newPage();
}

async function capture(page: Page, name: string) {
  visited.push(await captured(page, name));
}

describe("a coordinator with JavaScript off", () => {
  it("sorts and filters the table with links and a plain form", async () => {
    const page = await window(390);
    await page.goto(`${server.url}/staff/applications?callId=digital-emergency`);
    expect(await page.locator("h1").innerText()).toBe("Applications");
    expect(await page.getByRole("columnheader", { name: /Days left/ }).getAttribute("aria-sort")).toBe("ascending");
    await capture(page, "applications table");

    await page.getByRole("link", { name: "Stage" }).click();
    await page.waitForURL(/sort=stage/);
    expect(await page.getByRole("columnheader", { name: /Stage/ }).getAttribute("aria-sort")).toBe("ascending");
    // Name or organisation and country come first, then the application, amount, days left and stage.
    const stages = await page.locator("tbody tr td:nth-child(6)").allInnerTexts();
    expect(stages).toEqual(["submitted", "in review"]);

    await page.getByLabel("Show").selectOption({ label: "in review" });
    await page.getByRole("button", { name: "Show" }).click();
    await page.waitForURL(/stage=in_review/);
    expect(await page.locator("tbody tr").count()).toBe(1);
    expect(await page.getByRole("cell", { name: formatMoney("en", 3_000, "EUR") }).count()).toBe(1);
    // The sort survived the filter.
    expect(await page.getByRole("columnheader", { name: /Stage/ }).getAttribute("aria-sort")).toBe("ascending");
    await capture(page, "applications filtered");
  });

  it("is told in words when assigning with nobody ticked", async () => {
    const page = await window(390);
    await page.goto(`${server.url}/staff/applications/${waiting}`);
    await page.getByRole("button", { name: "Assign" }).click();
    await page.waitForURL(/\/assign$/);
    expect(await page.getByRole("alert").innerText()).toContain("Tick at least one reviewer to assign.");
    await capture(page, "assign with nobody ticked");
  });

  it("decides through the confirmation page and sees the amount afterwards", async () => {
    const page = await window(1280);
    await page.goto(`${server.url}/staff/applications?callId=digital-emergency`);
    await page.getByRole("link", { name: inReview.slice(0, 8) }).click();
    await page.getByLabel("New stage").selectOption({ label: "approved" });
    await page.getByLabel(/^Amount approved/).fill("2800");
    await page.getByLabel(/^Note/).fill("Urgent, specific and cheap.");
    await page.getByLabel(/^Message to the applicant/).fill("The money reaches you within a week.");
    await page.getByRole("button", { name: "Apply" }).click();

    expect(await page.locator("h1").innerText()).toBe("Confirm the decision");
    const amount = formatMoney("en", 2_800, "EUR");
    const summary = await page.locator("dl.confirm").innerText();
    expect(summary).toContain("approved");
    expect(summary).toContain(amount);
    expect(summary).toContain("Urgent, specific and cheap.");
    expect(summary).toContain("The money reaches you within a week.");
    expect(await page.getByRole("link", { name: "Go back" }).getAttribute("href")).toBe(
      `/staff/applications/${inReview}`,
    );
    await capture(page, "decision confirmation");

    await page.getByRole("button", { name: "Confirm" }).click();
    expect(await page.getByRole("status").innerText()).toBe("Moved to approved.");
    const decision = page.getByRole("region", { name: "Decision", exact: true });
    expect(await decision.innerText()).toContain(amount);
    expect(await decision.innerText()).toContain("Urgent, specific and cheap.");
    await capture(page, "decided application");

    // And on the table, with the amount requested and its new stage.
    await page.goto(`${server.url}/staff/applications?callId=digital-emergency&stage=approved`);
    expect(await page.locator("tbody tr td:nth-child(6)").allInnerTexts()).toEqual(["approved"]);
  });

  it("a confirmation gone stale is answered in words, with the application as it is now", async () => {
    const page = await window(390);
    await page.goto(`${server.url}/staff/applications/${waiting}`);
    await page.getByLabel("New stage").selectOption({ label: "declined" });
    await page.getByLabel(/^Note/).fill("Outside what the fund covers.");
    await page.getByRole("button", { name: "Apply" }).click();
    expect(await page.locator("h1").innerText()).toBe("Confirm the decision");
    // Someone else moves it meanwhile.
    const view = (await (await staffRequest("GET", `/api/v1/review/applications/${waiting}`, session)).json()) as {
      version: number;
    };
    await staffRequest("POST", `/api/v1/review/applications/${waiting}/transition`, session, {
      to: "in_review",
      version: view.version,
    });
    await page.getByRole("button", { name: "Confirm" }).click();
    const alert = await page.getByRole("alert").innerText();
    expect(alert).toContain("Someone else changed this application");
    expect(alert).toContain("in review");
    await capture(page, "stale decision");
  });

  it("loaded nothing from another origin", () => {
    const origin = new URL(server.url).origin;
    expect(requested.filter((url) => new URL(url).origin !== origin)).toEqual([]);
  });

  it("meets no serious or critical accessibility violation at 390 and 1280 px (axe-core)", async () => {
    expect(visited.length).toBe(6);
    expect(await violationsByPage(browser, visited, [390, 1280])).toEqual({});
  });
});
