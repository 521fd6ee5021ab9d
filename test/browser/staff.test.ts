import * as Auth from "@amparo/core/auth";
import * as Config from "@amparo/core/config";
import { formatMoney } from "@amparo/core/i18n";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen, type Listening } from "../../packages/local/src/server.js";
import { applicantRequest, startApplication } from "../support/applications.js";
import { captured, launchBrowser, violationsByPage, type Visited } from "../support/browser.js";
import { latestLinkToken } from "../support/staff.js";

let server: Listening;
let browser: Browser;
const requested: string[] = [];
const visited: Visited[] = [];
let applicationId = "";
let applicantCode = "";

beforeAll(async () => {
  server = await listen(0);
  Config.set({ PUBLIC_URL: server.url });
  browser = await launchBrowser();
  const { id, token } = await startApplication("digital-emergency");
  applicationId = id;
  applicantCode = token;
  await applicantRequest("PUT", `/api/v1/applications/${id}/concept-note`, token, {
    fields: {
      situation: "Nuestro sitio fue atacado y nos bloquearon las cuentas.",
      need: "Alojamiento seguro y dos teléfonos.",
    },
  });
  await applicantRequest("PUT", `/api/v1/applications/${id}/funding`, token, {
    amount: 3_000,
    annualBudget: 0,
    months: 3,
  });
  await applicantRequest("POST", `/api/v1/applications/${id}/submit`, token);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function window(locale = "en-GB"): Promise<Page> {
  const context: BrowserContext = await browser.newContext({ javaScriptEnabled: false, locale });
  context.on("request", (request) => requested.push(request.url()));
  return context.newPage();
}

async function capture(page: Page, name: string) {
  visited.push(await captured(page, name));
}

/** Asks for a link on the sign-in page, reads it from the SES stand-in's inbox, opens it and presses the button. */
async function signInThroughEmail(page: Page, email: string, capturing = false) {
  await page.goto(`${server.url}/staff`);
  if (capturing) await capture(page, "staff sign-in");
  await page.getByLabel("Work email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  expect(await page.locator("h1").innerText()).toBe("Check your email");
  if (capturing) await capture(page, "check your email");
  await page.goto(`${server.url}/staff/sign-in/link?token=${await latestLinkToken(email)}`);
  if (capturing) await capture(page, "sign-in link");
  await page.getByRole("button", { name: "Sign in" }).click();
}

describe("staff work in a browser with JavaScript off", () => {
  let coordinator: Page;

  it("a coordinator signs in, enrols a second factor and assigns a reviewer", async () => {
    coordinator = await window();
    await signInThroughEmail(coordinator, "coordinator@amparo.local", true);
    expect(await coordinator.locator("h1").innerText()).toBe("Set up your second factor");
    expect(await coordinator.locator(".qr svg").count()).toBe(1);
    await capture(coordinator, "totp enrolment");
    const key = (await coordinator.locator("code").innerText()).replace(/\s/g, "");
    await coordinator.getByLabel("Six-digit code").fill(Auth.currentCode(key));
    await coordinator.getByRole("button", { name: "Confirm" }).click();
    // Confirming shows the recovery codes once, before the work.
    expect(await coordinator.locator("h1").innerText()).toBe("Keep your recovery codes");
    await coordinator.getByRole("link", { name: "I have kept them: continue" }).click();
    expect(await coordinator.locator("h1").innerText()).toBe("Your work");
    await capture(coordinator, "coordinator home");

    await coordinator.getByRole("link", { name: "Emergency fund for digital attacks" }).click();
    await capture(coordinator, "application list");
    await coordinator.getByRole("link", { name: applicationId.slice(0, 8) }).click();
    expect(await coordinator.locator("h1").innerText()).toBe(`Application ${applicationId.slice(0, 8)}`);
    await coordinator.getByLabel(/^reviewer1@amparo\.local/).check();
    await coordinator.getByRole("button", { name: "Assign" }).click();
    await coordinator.waitForLoadState();
    expect(await coordinator.getByText("assigned: declare conflicts first").count()).toBe(1);
    await capture(coordinator, "application for coordinator");
  });

  it("the reviewer signs in through the emailed link, declares no conflict and scores", async () => {
    const reviewer = await window();
    await signInThroughEmail(reviewer, "reviewer1@amparo.local");
    // Reviewers set up a second factor too, at their first sign-in.
    expect(await reviewer.locator("h1").innerText()).toBe("Set up your second factor");
    const key = (await reviewer.locator("code").innerText()).replace(/\s/g, "");
    await reviewer.getByLabel("Six-digit code").fill(Auth.currentCode(key));
    await reviewer.getByRole("button", { name: "Confirm" }).click();
    await reviewer.getByRole("link", { name: "I have kept them: continue" }).click();
    expect(await reviewer.locator("h1").innerText()).toBe("Your work");
    await capture(reviewer, "reviewer queue");
    await reviewer.getByRole("link", { name: applicationId.slice(0, 8) }).click();
    expect(await reviewer.locator("h1").innerText()).toBe("Conflict of interest");
    expect(await reviewer.content()).not.toContain("Nuestro sitio");
    await capture(reviewer, "conflict declaration");
    await reviewer.getByLabel("I have no conflict of interest").check();
    await reviewer.getByRole("button", { name: "Declare" }).click();
    await reviewer.waitForLoadState();

    expect(await reviewer.getByText("Nuestro sitio fue atacado y nos bloquearon las cuentas.").count()).toBe(1);
    await reviewer.getByRole("group", { name: "Urgency of the threat (×3)" }).getByLabel("5").check();
    await reviewer.getByRole("group", { name: "The request answers the threat (×2)" }).getByLabel("4").check();
    await reviewer.getByRole("group", { name: "Feasibility (×1)" }).getByLabel("4").check();
    await reviewer.getByLabel("Fund", { exact: true }).check();
    await reviewer.getByLabel(/^Comment/).fill("Urgent, specific and cheap.");
    await reviewer.getByRole("button", { name: "Save review" }).click();
    // (5*3 + 4*2 + 4*1) / 6 = 4.5
    expect(await reviewer.getByRole("status").innerText()).toBe("Your review was saved. Weighted score: 4.5.");
    await capture(reviewer, "application for reviewer");
  });

  it("the coordinator sees the review and decides", async () => {
    await coordinator.reload();
    expect(await coordinator.getByRole("cell", { name: "Urgent, specific and cheap." }).count()).toBe(1);
    await coordinator.getByLabel("New stage").selectOption({ label: "in review" });
    await coordinator.getByRole("button", { name: "Apply" }).click();
    expect(await coordinator.getByRole("status").innerText()).toBe("Moved to in review.");
    await coordinator.getByLabel("New stage").selectOption({ label: "approved" });
    await coordinator.getByLabel(/^Amount approved/).fill("2.800");
    await coordinator.getByRole("button", { name: "Apply" }).click();
    // A decision is confirmed on a page of its own before it is made.
    expect(await coordinator.locator("h1").innerText()).toBe("Confirm the decision");
    await capture(coordinator, "decision confirmation");
    await coordinator.getByRole("button", { name: "Confirm" }).click();
    await coordinator.waitForLoadState();
    expect(await coordinator.getByRole("status").innerText()).toBe("Moved to approved.");
    expect(await coordinator.getByRole("cell", { name: "decided: approved" }).count()).toBe(1);
    await capture(coordinator, "decided application");
  });

  it("the applicant sees the outcome in neutral words", async () => {
    const applicant = await window("es-ES");
    await applicant.goto(`${server.url}/apply/resume?lang=es`);
    await applicant.getByLabel("Código de acceso").fill(applicantCode);
    await applicant.getByRole("button", { name: "Continuar" }).click();
    await applicant.waitForLoadState();
    expect(await applicant.getByText("Estado: Decisión tomada: financiada").count()).toBe(1);
    const amount = formatMoney("es", 2_800, "EUR");
    expect(await applicant.getByText(`Monto otorgado: ${amount}`).count()).toBe(1);
    await capture(applicant, "applicant outcome");
  });

  it("loaded nothing from another origin", () => {
    const origin = new URL(server.url).origin;
    expect(requested.filter((url) => new URL(url).origin !== origin)).toEqual([]);
  });

  it("has no serious or critical accessibility violation on any staff page (axe-core)", async () => {
    expect(visited.length).toBeGreaterThanOrEqual(12);
    expect(await violationsByPage(browser, visited)).toEqual({});
  });
});
