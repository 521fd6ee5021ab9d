import * as Auth from "@amparo/core/auth";
import * as Config from "@amparo/core/config";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen, type Listening } from "../../packages/local/src/server.js";
import { captured, launchBrowser, violationsByPage, type Visited } from "../support/browser.js";
import { latestLinkToken, staffAccount } from "../support/staff.js";

let server: Listening;
let browser: Browser;
const requested: string[] = [];
const visited: Visited[] = [];
let email = "";
let codes: string[] = [];

beforeAll(async () => {
  server = await listen(0);
  Config.set({ PUBLIC_URL: server.url });
  browser = await launchBrowser();
  email = (await staffAccount(["coordinator"], ["digital-emergency"])).email;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function window(width = 390): Promise<Page> {
  const context: BrowserContext = await browser.newContext({
    javaScriptEnabled: false,
    locale: "en-GB",
    viewport: { width, height: 900 },
  });
  context.on("request", (request) => requested.push(request.url()));
  return context.newPage();
}

async function capture(page: Page, name: string) {
  visited.push(await captured(page, name));
}

/** Asks for a link on the sign-in page and opens it from the SES stand-in's inbox. */
async function openEmailedLink(page: Page) {
  await page.goto(`${server.url}/staff`);
  await page.getByLabel("Work email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await page.goto(`${server.url}/staff/sign-in/link?token=${await latestLinkToken(email)}`);
}

describe("recovery codes and sessions in a browser with JavaScript off", () => {
  let phone: Page;

  it("enrolment shows ten recovery codes once, saying each works once and to keep them safe", async () => {
    phone = await window(390);
    await openEmailedLink(phone);
    await phone.getByRole("button", { name: "Sign in" }).click();
    const key = (await phone.locator("code").innerText()).replace(/\s/g, "");
    await phone.getByLabel("Six-digit code").fill(Auth.currentCode(key));
    await phone.getByRole("button", { name: "Confirm" }).click();

    expect(await phone.locator("h1").innerText()).toBe("Keep your recovery codes");
    expect(await phone.getByText("Each code works only once.").count()).toBe(1);
    expect(await phone.getByText(/Keep them somewhere safe and apart from your phone/).count()).toBe(1);
    expect(await phone.getByText(/If you lose your phone or your authenticator app/).count()).toBe(1);
    codes = await phone.getByRole("list", { name: "Your recovery codes" }).locator("code").allInnerTexts();
    expect(codes).toHaveLength(10);
    // The page title stays the neutral site title.
    expect(await phone.title()).toBe("Amparo");
    await capture(phone, "recovery codes");

    await phone.getByRole("link", { name: "I have kept them: continue" }).click();
    expect(await phone.locator("h1").innerText()).toBe("Your work");
  });

  it("a recovery code signs in on another device, which then lists both sessions and signs the other out", async () => {
    const laptop = await window(1280);
    await openEmailedLink(laptop);
    await capture(laptop, "sign-in link with the recovery code folded");
    // No script: the recovery-code field unfolds with details/summary.
    await laptop.getByText("Use a recovery code").click();
    await laptop.getByLabel("Recovery code").fill(codes[0]!);
    await capture(laptop, "sign-in link with the recovery code open");
    await laptop.getByRole("button", { name: "Sign in" }).click();

    expect(await laptop.locator("h1").innerText()).toBe("Your sessions");
    expect(await laptop.getByRole("status").innerText()).toBe(
      "You signed in with a recovery code. It will not work again.",
    );
    expect(await laptop.getByText("You have 9 unused recovery codes.").count()).toBe(1);
    const rows = laptop.locator("ul.sessions > li");
    expect(await rows.count()).toBe(2);
    expect(await rows.first().innerText()).toContain("This session (this browser)");
    await capture(laptop, "sessions");

    await laptop.getByRole("button", { name: "Sign out everywhere else" }).click();
    await laptop.waitForLoadState();
    expect(await laptop.getByRole("status").innerText()).toBe("1 other session is signed out.");
    expect(await laptop.locator("ul.sessions > li").count()).toBe(1);
    await capture(laptop, "sessions after signing out elsewhere");

    // The phone's session is over: its next page is the sign-in form.
    await phone.goto(`${server.url}/staff`);
    expect(await phone.locator("h1").innerText()).toBe("Staff sign-in");
  });

  it("the sessions page is reachable from the home page, and a refusal is a staff page with the role's links", async () => {
    const laptop = await window(390);
    await openEmailedLink(laptop);
    await laptop.getByText("Use a recovery code").click();
    await laptop.getByLabel("Recovery code").fill(codes[1]!);
    await laptop.getByRole("button", { name: "Sign in" }).click();
    await laptop.goto(`${server.url}/staff`);
    await laptop.getByRole("link", { name: "Your sessions and recovery codes" }).click();
    expect(await laptop.locator("h1").innerText()).toBe("Your sessions");

    await laptop.goto(`${server.url}/staff/admin`);
    expect(await laptop.locator(".exit").count()).toBe(0);
    expect(await laptop.getByRole("heading", { name: "What you can do" }).count()).toBe(1);
    await capture(laptop, "refusal for a coordinator");
    await laptop.getByRole("link", { name: "Applications to Emergency fund for digital attacks" }).click();
    await laptop.waitForLoadState();
    expect(await laptop.locator("h1").count()).toBe(1);
    expect(laptop.url()).toContain("/staff/applications?callId=digital-emergency");
  });

  it("loaded nothing from another origin", () => {
    const origin = new URL(server.url).origin;
    expect(requested.filter((url) => new URL(url).origin !== origin)).toEqual([]);
  });

  it("has no serious or critical accessibility violation at 390 and 1280 px (axe-core)", async () => {
    expect(visited.length).toBeGreaterThanOrEqual(6);
    expect(await violationsByPage(browser, visited, [390, 1280])).toEqual({});
  });
});
