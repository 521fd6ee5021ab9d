import * as Config from "@amparo/core/config";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen, type Listening } from "../../packages/local/src/server.js";
import { applicantRequest, startApplication } from "../support/applications.js";
import { captured, launchBrowser, violationsByPage, type Visited } from "../support/browser.js";
import { signIn, staffAccount } from "../support/staff.js";

let server: Listening;
let browser: Browser;
let session = "";
let id = "";
let token = "";
const visited: Visited[] = [];
const requested: string[] = [];

const question = "How many phones were taken, and who used them?";
const answer = "Two phones, used by our two radio presenters.";
const staffNote = "The amount looks right for two phones.";

beforeAll(async () => {
  server = await listen(0);
  Config.set({ PUBLIC_URL: server.url });
  browser = await launchBrowser();
  session = (await signIn((await staffAccount(["coordinator"], ["digital-emergency"])).email)).session;
  ({ id, token } = await startApplication("digital-emergency"));
  await applicantRequest("PUT", `/api/v1/applications/${id}/concept-note`, token, {
    fields: { situation: "Nos quitaron los teléfonos de la radio comunitaria.", need: "Dos teléfonos nuevos." },
  });
  await applicantRequest("PUT", `/api/v1/applications/${id}/funding`, token, {
    amount: 900,
    annualBudget: 0,
    months: 2,
  });
  expect((await applicantRequest("POST", `/api/v1/applications/${id}/submit`, token)).status).toBe(200);
}, 90_000);

afterAll(async () => {
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
  return context.newPage();
}

describe("more information, with JavaScript off", () => {
  it("is asked by the coordinator, answered where the question shows, resubmitted, and read side by side", async () => {
    // The coordinator asks, with a staff-only note beside the question; forgetting the question keeps the note.
    const coordinator = await window(1280, true);
    await coordinator.goto(`${server.url}/staff/applications/${id}`);
    await coordinator.getByLabel("New stage").selectOption("more_info");
    await coordinator.getByLabel("Note for staff only").fill(staffNote);
    await coordinator.getByRole("button", { name: "Apply" }).click();
    expect(await coordinator.getByRole("alert").innerText()).toContain(
      "Write the question the applicant should answer",
    );
    expect(await coordinator.getByLabel("Note for staff only").inputValue()).toBe(staffNote);
    await coordinator.getByLabel("Message to the applicant").fill(question);
    await coordinator.getByRole("button", { name: "Apply" }).click();
    expect(await coordinator.locator("main").innerText()).toContain("Moved to more information asked");
    visited.push(await captured(coordinator, "coordinator asked"));

    // The applicant opens their application with the access code and sees the question where they answer.
    const applicant = await window(390, false);
    await applicant.goto(`${server.url}/apply/resume`);
    await applicant.getByLabel("Access code").fill(token);
    await applicant.getByRole("button", { name: "Continue" }).click();
    expect(await applicant.locator("main").innerText()).toContain(question);
    expect(await applicant.locator("main").innerText()).not.toContain(staffNote);
    visited.push(await captured(applicant, "overview asked"));
    await applicant.getByRole("link", { name: "Answer the question" }).click();
    expect(await applicant.locator("h1").innerText()).toBe("Answer our question");
    expect(await applicant.locator("main").innerText()).toContain(question);
    visited.push(await captured(applicant, "answer page"));
    await applicant.getByLabel("Your answer").fill(answer);
    await applicant.getByRole("button", { name: "Save draft" }).click();
    expect(await applicant.locator("main").innerText()).toContain("Your answer is saved");
    expect(await applicant.getByLabel("Your answer").inputValue()).toBe(answer);

    // Reviewed with the rest of the application, then sent again.
    await applicant.getByRole("link", { name: "Review and send again" }).click();
    const review = await applicant.locator("main").innerText();
    expect(review).toContain(question);
    expect(review).toContain(answer);
    visited.push(await captured(applicant, "review with answer"));
    await applicant.getByRole("button", { name: "Submit application" }).click();
    expect(await applicant.locator("main").innerText()).toContain("Your application was sent.");

    // The coordinator reads the question and its answer in one row, with when each was written.
    await coordinator.goto(`${server.url}/staff/applications/${id}`);
    const row = coordinator.locator("table.conversation tbody tr");
    expect(await row.count()).toBe(1);
    const cells = await row.locator("td").allInnerTexts();
    expect(cells[0]).toContain(question);
    expect(cells[0]).toContain("Asked");
    expect(cells[1]).toContain(answer);
    expect(cells[1]).toContain("Answered");
    // The note stays with staff, in the history.
    expect(await coordinator.locator("main").innerText()).toContain(staffNote);
    visited.push(await captured(coordinator, "coordinator reads answer"));
  }, 120_000);

  it("loads nothing from elsewhere", () => {
    const origin = new URL(server.url).origin;
    expect(requested.filter((url) => new URL(url).origin !== origin)).toEqual([]);
  });

  it("has no serious accessibility problem on any page of the flow, at 390 and 1280 px", async () => {
    expect(await violationsByPage(browser, visited, [390, 1280])).toEqual({});
  }, 120_000);
});
