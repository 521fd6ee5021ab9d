import * as Clock from "@amparo/core/clock";
import * as Config from "@amparo/core/config";
import * as Retention from "@amparo/core/retention";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen, type Listening } from "../../packages/local/src/server.js";
import { inbox, uniqueEmail } from "../support/applications.js";
import { moveAs, submittedOverApi } from "../support/award.js";
import { captured, launchBrowser, violationsByPage, type Visited } from "../support/browser.js";
import { bucketContents, everyItem } from "../support/http.js";
import { signIn, staffAccount } from "../support/staff.js";

// An emergency grant after its approval, with JavaScript off, as a coordinator at a desk and a defender on a phone
// live it: the agreement accepted, how the money reaches them given, one payment recorded as final, and, with the
// clock moved 30 days on, the payment method gone and the ledger still there. Then the table and bucket, read raw.
const DAY_MS = 86_400_000;
const details = {
  holder: "Colectivo Tierra Viva",
  bank: "Banco Agrario Regional",
  account: "CO91 0230 4455 6677 8899",
  routing: "BAGRCOBB",
  name: "Marisol Quintero Ayala",
  reference: "ACH-5521907 cta 8899",
};

let server: Listening;
let browser: Browser;
let staffEmail = "";
let session = "";
let id = "";
let token = "";
let contact = "";
const visited: Visited[] = [];
const requested: string[] = [];
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await listen(0);
  Config.set({ PUBLIC_URL: server.url });
  browser = await launchBrowser();
  const coordinator = await staffAccount(["coordinator"], ["digital-emergency"]);
  staffEmail = coordinator.email;
  session = (await signIn(staffEmail)).session;
  contact = uniqueEmail();
  ({ id, token } = await submittedOverApi({ asked: 2_400, contact }));
  await moveAs(coordinator, id, "in_review");
}, 90_000);

afterAll(async () => {
  Clock.reset();
  await browser?.close();
  await server?.close();
});

async function window(width: number, staff: boolean): Promise<Page> {
  const context = await browser.newContext({
    javaScriptEnabled: false,
    locale: "en-GB",
    viewport: { width, height: 900 },
  });
  if (staff) await context.addCookies([{ name: "staff_session", value: session, url: server.url }]);
  context.on("request", (request) => requested.push(request.url()));
  contexts.push(context);
  return context.newPage();
}

const text = (page: Page) => page.locator("main").innerText();

describe("an emergency grant after its approval, with JavaScript off", () => {
  it("is agreed, told how to pay, paid in full, and forgets how 30 days on, keeping the ledger", async () => {
    // The coordinator approves, through the confirmation page, then sends the agreement.
    const coordinator = await window(1280, true);
    await coordinator.goto(`${server.url}/staff/applications/${id}`);
    await coordinator.getByLabel("New stage").selectOption("approved");
    await coordinator.getByLabel(/^Amount approved/).fill("2400");
    await coordinator.getByRole("button", { name: "Apply" }).click();
    await coordinator.getByRole("button", { name: "Confirm" }).click();
    expect(await coordinator.getByRole("status").innerText()).toBe("Moved to approved.");
    await coordinator.getByLabel("New stage").selectOption("agreement_sent");
    await coordinator.getByRole("button", { name: "Apply" }).click();
    expect(await text(coordinator)).toContain("Sent to the applicant on");
    visited.push(await captured(coordinator, "coordinator sent the agreement"));

    // The defender opens the application with their code, reads the agreement and accepts it with their name.
    const defender = await window(390, false);
    await defender.goto(`${server.url}/apply/resume`);
    await defender.getByLabel("Access code").fill(token);
    await defender.getByRole("button", { name: "Continue" }).click();
    expect(await text(defender)).toContain("Your grant agreement is ready");
    visited.push(await captured(defender, "status, agreement ready"));
    await defender.getByRole("link", { name: "Read the agreement" }).click();
    expect(await defender.locator("h1").innerText()).toBe("Grant agreement");
    expect(await text(defender)).toContain("€2,400");
    visited.push(await captured(defender, "agreement"));
    await defender.getByRole("button", { name: "I accept the agreement" }).click();
    expect(await defender.getByRole("alert").innerText()).toContain("Type your full name to accept the agreement.");
    visited.push(await captured(defender, "agreement, name missing"));
    await defender.getByLabel("Type your full name to accept").fill(details.name);
    await defender.getByRole("button", { name: "I accept the agreement" }).click();
    expect(await text(defender)).toContain("You accepted the agreement. Thank you.");

    // How the money reaches them: a bank transfer.
    await defender.getByRole("link", { name: "Tell us how to receive the money" }).click();
    expect(await text(defender)).toContain("Only the fund's coordinators can read what you give here");
    visited.push(await captured(defender, "payment method choice"));
    await defender.getByRole("link", { name: "Bank transfer" }).click();
    await defender.getByLabel("Name of the account holder").fill(details.holder);
    await defender.getByLabel("Name of the bank").fill(details.bank);
    await defender.getByLabel("Account number or IBAN").fill(details.account);
    await defender.getByLabel(/^SWIFT\/BIC/).fill(details.routing);
    await defender.getByLabel("Country of the bank").selectOption("CO");
    visited.push(await captured(defender, "bank transfer form"));
    await defender.getByRole("button", { name: "Send" }).click();
    expect(await text(defender)).toContain("Thank you: we received how to send you the money.");
    const status = await text(defender);
    for (const detail of [details.holder, details.bank, details.account]) expect(status).not.toContain(detail);
    visited.push(await captured(defender, "status, method given"));

    // The coordinator opens it (the opening is recorded), then records one payment as final, confirming it.
    await coordinator.goto(`${server.url}/staff/applications/${id}`);
    const grant = await coordinator.locator("section[aria-labelledby=grant]").innerText();
    expect(grant).toContain(`“${details.name}”`);
    expect(grant).not.toContain(details.account);
    await coordinator.getByRole("button", { name: /^Show how the money reaches them/ }).click();
    expect(await text(coordinator)).toContain(details.account);
    visited.push(await captured(coordinator, "payment method opened"));
    await coordinator.goto(`${server.url}/staff/applications/${id}`);
    await coordinator.getByLabel(/^Amount paid/).fill("2400");
    await coordinator.getByLabel("Paid on", { exact: true }).fill(Clock.iso().slice(0, 10));
    await coordinator.getByLabel("Reference", { exact: true }).fill(details.reference);
    await coordinator.getByLabel("This is the final payment").check();
    visited.push(await captured(coordinator, "payment form"));
    await coordinator.getByRole("button", { name: "Record the payment" }).click();
    expect(await coordinator.locator("h1").innerText()).toBe("Confirm the final payment");
    visited.push(await captured(coordinator, "final payment confirmation"));
    await coordinator.getByRole("button", { name: "Record the final payment" }).click();
    const paidGrant = await coordinator.locator("section[aria-labelledby=grant]").innerText();
    expect(paidGrant).toContain(details.reference);
    expect(paidGrant).toContain("It will be deleted on");
    expect(await coordinator.getByRole("button", { name: "Record the payment" }).count()).toBe(0);
    visited.push(await captured(coordinator, "grant paid"));

    // The defender sees what was paid and when, and when how they are paid will be deleted.
    await defender.reload();
    const paid = await text(defender);
    expect(paid).toContain("Grant under way");
    expect(paid).toContain("final payment");
    expect(paid).toContain("For your safety, it will be deleted on");
    expect(paid).not.toContain(details.reference);
    expect(await defender.getByRole("link", { name: "Replace it" }).count()).toBe(0);
    visited.push(await captured(defender, "status, paid"));

    // Thirty days on, the daily sweep deletes how the money reached them; the ledger stays.
    Clock.advance(30 * DAY_MS + 3_600_000);
    await Retention.sweep();
    await defender.reload();
    const later = await text(defender);
    expect(later).toMatch(/For your safety, it was deleted on .+, after the final payment\./);
    expect(later).toContain("final payment");
    visited.push(await captured(defender, "status, method deleted"));
    // The coordinator's session ended meanwhile: signed in again, the ledger is there and the method is not.
    session = (await signIn(staffEmail)).session;
    const again = await window(1280, true);
    await again.goto(`${server.url}/staff/applications/${id}`);
    const ledger = await again.locator("section[aria-labelledby=grant]").innerText();
    expect(ledger).toContain(details.reference);
    expect(ledger).toContain("Deleted on");
    expect(await again.getByRole("button", { name: /^Show how the money reaches them/ }).count()).toBe(0);
    visited.push(await captured(again, "grant after deletion"));

    // The emails said only that there was something to read.
    const mails = JSON.stringify(await inbox(contact));
    for (const detail of [...Object.values(details), "2,400", "2400"]) expect(mails).not.toContain(detail);
  }, 180_000);

  it("leaves no payment detail in the clear in the table or the bucket", async () => {
    const stored = JSON.stringify(await everyItem()) + (await bucketContents());
    for (const detail of Object.values(details)) expect(stored).not.toContain(detail);
  }, 60_000);

  it("loads nothing from elsewhere", () => {
    const origin = new URL(server.url).origin;
    expect(requested.filter((url) => new URL(url).origin !== origin)).toEqual([]);
  });

  it("has no serious accessibility problem on any page of the flow, at 390 and 1280 px", async () => {
    expect(await violationsByPage(browser, visited, [390, 1280])).toEqual({});
  }, 180_000);
});
