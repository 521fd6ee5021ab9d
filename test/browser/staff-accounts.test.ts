import * as Config from "@amparo/core/config";
import * as User from "@amparo/core/user";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen, type Listening } from "../../packages/local/src/server.js";
import { captured, launchBrowser, violationsByPage, type Visited } from "../support/browser.js";
import { signIn, staffAccount, stepUpCode } from "../support/staff.js";

let server: Listening;
let browser: Browser;
let session = "";
let adminEmail = "";
let reviewer: User.Info;
const requested: string[] = [];
const visited: Visited[] = [];

beforeAll(async () => {
  server = await listen(0);
  Config.set({ PUBLIC_URL: server.url });
  browser = await launchBrowser();
  adminEmail = (await staffAccount(["admin"], [])).email;
  session = (await signIn(adminEmail)).session;
  reviewer = await staffAccount(["reviewer"], ["digital-emergency"]);
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

describe("an admin manages a staff account, JavaScript off", () => {
  it("changes its language, deactivates and reactivates it, then looks at who opened what", async () => {
    const page = await window(390);
    await page.goto(`${server.url}/staff/admin`);
    await page.getByRole("link", { name: `Edit ${reviewer.email}` }).click();
    expect(await page.locator("h1").innerText()).toBe("Staff account");
    await page.getByLabel("Language of emails").selectOption("es");
    await page.getByRole("button", { name: "Save changes" }).click();
    expect(await page.getByRole("status").innerText()).toBe("Changes saved.");
    visited.push(await captured(page, "account saved"));
    expect((await User.fromID(reviewer.id))!.language).toBe("es");

    // A security action: the form asks for a fresh code from the authenticator app.
    await page.locator("#activity-code").fill(await stepUpCode(adminEmail));
    await page.getByRole("button", { name: "Deactivate account" }).click();
    expect(await page.getByRole("status").innerText()).toContain("Account deactivated");
    visited.push(await captured(page, "account deactivated"));
    await page.locator("#activity-code").fill(await stepUpCode(adminEmail));
    await page.getByRole("button", { name: "Reactivate account" }).click();
    expect(await page.getByRole("status").innerText()).toBe("Account reactivated.");

    await page.getByRole("link", { name: "Administration" }).click();
    await page.getByRole("link", { name: "Who opened what" }).click();
    await page.getByLabel("Staff member").selectOption(reviewer.id);
    await page.getByRole("button", { name: "Show" }).click();
    await page.waitForLoadState();
    expect(page.url()).toContain(`user=${reviewer.id}`);
    expect(await page.getByText("Nothing recorded.").count()).toBe(1);
    visited.push(await captured(page, "who opened what"));
  }, 60_000);

  it("loaded nothing from another origin", () => {
    const origin = new URL(server.url).origin;
    expect(requested.filter((url) => new URL(url).origin !== origin)).toEqual([]);
  });

  it("meets no serious or critical accessibility violation at 390 and 1280 px (axe-core)", async () => {
    expect(visited.length).toBe(3);
    expect(await violationsByPage(browser, visited, [390, 1280])).toEqual({});
  });
});
