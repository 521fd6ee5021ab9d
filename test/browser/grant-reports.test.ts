import * as Application from "@amparo/core/application";
import * as Call from "@amparo/core/call";
import * as DecisionClock from "@amparo/core/decision-clock";
import * as Clock from "@amparo/core/clock";
import * as Config from "@amparo/core/config";
import type { MessageKey } from "@amparo/core/i18n";
import * as Mail from "@amparo/core/mail";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDecisionClock, type LocalDecisionClock } from "../../packages/local/src/decision-clock.js";
import { listen, type Listening } from "../../packages/local/src/server.js";
import { inbox, uniqueEmail } from "../support/applications.js";
import { moveAs, sendAndAcceptAgreement, submittedOverApi } from "../support/award.js";
import { captured, launchBrowser, violationsByPage, type Visited } from "../support/browser.js";
import { eventually, scaleDays } from "../support/clock.js";
import { bucketContents, everyItem } from "../support/http.js";
import { signIn, staffAccount } from "../support/staff.js";

// An emergency grant from its first payment to its closing, with JavaScript off, at a day a second: the fund's
// report settings shortened so its final report is reminded 6 days (seconds) after the agreement and due at 10.
// The defender misses it, is reminded, is counted late; then sends it, is asked for more, answers, and the
// coordinator accepts it and closes the grant. Then the table and bucket, read raw.
scaleDays(1_000);
const words = {
  report: "Compramos dos teléfonos nuevos y cambiamos todas las contraseñas del colectivo Tierra Viva.",
  question: "¿Quedó algún dispositivo del colectivo sin revisar?",
  answer: "Revisamos también la computadora portátil de la radio comunitaria.",
};

let server: Listening;
let decisionClock: LocalDecisionClock;
let browser: Browser;
let session = "";
let staffEmail = "";
let id = "";
let token = "";
let contact = "";
const visited: Visited[] = [];
const requested: string[] = [];
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await listen(0);
  // An applicant's address takes a few emails a day; that day is a real one, not a scaled one, and this grant's
  // months pass in seconds.
  Config.set({ PUBLIC_URL: server.url, LIMIT_APPLICANT_MAIL_PER_DAY: 20 });
  decisionClock = await startDecisionClock({ reconcile: false });
  browser = await launchBrowser();
  const { version: _version, ...emergency } = await Call.get("digital-emergency");
  const report = emergency.award!.reports[0]!;
  await Call.put({
    ...emergency,
    award: { ...emergency.award!, periodDays: 7, reports: [{ ...report, dueDays: 10, remindDays: 4 }] },
  });
  const coordinator = await staffAccount(["coordinator"], ["digital-emergency"]);
  staffEmail = coordinator.email;
  session = (await signIn(staffEmail)).session;
  contact = uniqueEmail();
  ({ id, token } = await submittedOverApi({ asked: 1_800, contact }));
  await moveAs(coordinator, id, "in_review");
  await moveAs(coordinator, id, "approved", { amount: 1_800 });
  await sendAndAcceptAgreement(coordinator, id, { name: "Marisol Quintero" });
}, 90_000);

afterAll(async () => {
  await decisionClock?.stop();
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
const grantSection = (page: Page) => page.locator("section[aria-labelledby=grant]").innerText();

/**
 * Whether `address` received the email of `body` about this application, as it renders in the applicant's
 * language (Spanish: the application is written in it) or, for staff, in English.
 */
async function receivedBody(address: string, body: MessageKey, locale: "es" | "en"): Promise<boolean> {
  const call = await Call.forApplication((await Application.fromID(id))!);
  const expected = Mail.render({ locale, body, params: { applicationId: id, call: call.title } }).body.trim();
  return (await inbox(address)).some((email) => email.body.text?.trim() === expected);
}

describe("an emergency grant's report, from the first payment to the closing, with JavaScript off", () => {
  it("is reminded, counted late, sent, questioned, answered, accepted, and the grant closed", async () => {
    const agreed = (await Application.fromID(id))!;
    const execution = DecisionClock.executionName(id, 1, "final");
    expect(decisionClock.runner.executions.get(execution)?.status).toBe("RUNNING");

    // The coordinator records the first payment, not the final one.
    const coordinator = await window(1280, true);
    await coordinator.goto(`${server.url}/staff/applications/${id}`);
    await coordinator.getByLabel(/^Amount paid/).fill("900");
    await coordinator.getByLabel("Paid on", { exact: true }).fill(Clock.iso().slice(0, 10));
    await coordinator.getByLabel("Reference", { exact: true }).fill("TX-1");
    await coordinator.getByRole("button", { name: "Record the payment" }).click();
    expect((await Application.fromID(id))!.stage).toBe("active");
    expect(await grantSection(coordinator)).toContain("Final report");

    // The defender sees the report they will owe on their grant's page.
    const defender = await window(390, false);
    await defender.goto(`${server.url}/apply/resume`);
    await defender.getByLabel("Access code").fill(token);
    await defender.getByRole("button", { name: "Continue" }).click();
    expect(await text(defender)).toContain("Final report");
    visited.push(await captured(defender, "status, report coming"));

    // The due date passes unsent: reminded first (neutrally), then counted late and the coordinators told.
    await decisionClock.runner.executions.get(execution)!.ended;
    const late = (await Application.fromID(id))!;
    expect(late.stage).toBe("report_due");
    expect(late.reports!["final"]!.remindedAt! < late.reports!["final"]!.lateAt!).toBe(true);
    expect(Date.parse(late.reports!["final"]!.dueAt) - Date.parse(agreed.agreement!.agreedAt)).toBe(10_000);
    await eventually(() => receivedBody(contact, "mail.report_reminder_body", "es"));
    await eventually(() => receivedBody(staffEmail, "mail.staff_report_late_body", "en"));
    await coordinator.reload();
    expect(await grantSection(coordinator)).toContain("late: not sent by its due date");
    visited.push(await captured(coordinator, "grant, report late"));

    await defender.reload();
    expect(await text(defender)).toContain("The due date of a report has passed.");
    visited.push(await captured(defender, "status, report late"));
    await defender.getByRole("link", { name: /^Final report/ }).click();
    expect(await defender.locator("h1").innerText()).toBe("Final report");
    visited.push(await captured(defender, "report, empty"));
    await defender.getByRole("button", { name: "Send the report" }).click();
    expect(await text(defender)).toContain("What the grant made possible");
    visited.push(await captured(defender, "report, nothing written"));
    await defender.getByLabel(/^What the grant made possible/).fill(words.report);
    await defender.getByRole("button", { name: "Send the report" }).click();
    expect(await text(defender)).toContain("Thank you: your report was sent.");
    expect((await Application.fromID(id))!.stage).toBe("reported");
    visited.push(await captured(defender, "report sent"));

    // The coordinator reads it (recorded) and asks for more.
    await coordinator.goto(`${server.url}/staff/applications/${id}`);
    await coordinator.getByRole("button", { name: /^Read the report/ }).click();
    expect(await text(coordinator)).toContain(words.report);
    visited.push(await captured(coordinator, "report read"));
    await coordinator.getByLabel(/^Ask for more/).fill(words.question);
    await coordinator.getByRole("button", { name: "Ask for more" }).click();
    expect((await Application.fromID(id))!.stage).toBe("report_due");

    // The defender reads the question, answers it and sends the report again.
    await defender.goto(`${server.url}/apply/my/reports/final`);
    expect(await text(defender)).toContain(words.question);
    visited.push(await captured(defender, "report, more asked"));
    await defender.getByLabel(/^Your answer/).fill(words.answer);
    await defender.getByRole("button", { name: "Send the report" }).click();
    expect(await text(defender)).toContain("Thank you: your report was sent.");

    // Accepted, the grant is closed through its confirmation page.
    await coordinator.goto(`${server.url}/staff/applications/${id}`);
    await coordinator.getByRole("button", { name: /^Read the report/ }).click();
    expect(await text(coordinator)).toContain(words.answer);
    await coordinator.getByRole("button", { name: "Accept the report" }).click();
    expect((await Application.fromID(id))!.stage).toBe("reported");
    await coordinator.goto(`${server.url}/staff/applications/${id}`);
    await coordinator.getByRole("button", { name: "Close the grant" }).click();
    visited.push(await captured(coordinator, "close confirmation"));
    await coordinator.getByRole("button", { name: "Close the grant" }).click();
    const closed = (await Application.fromID(id))!;
    expect(closed.stage).toBe("closed");
    expect(closed.closedAt).toBeDefined();
    visited.push(await captured(coordinator, "grant closed"));

    await defender.goto(`${server.url}/apply/my`);
    expect(await text(defender)).toContain("This grant is closed");
    visited.push(await captured(defender, "status, closed"));

    // The emails said only that there was something to read.
    const mails = JSON.stringify(await inbox(contact));
    for (const typed of Object.values(words)) expect(mails).not.toContain(typed);
  }, 180_000);

  it("leaves nothing typed about the report in the clear in the table or the bucket", async () => {
    const stored = JSON.stringify(await everyItem()) + (await bucketContents());
    for (const typed of Object.values(words)) expect(stored).not.toContain(typed);
  }, 60_000);

  it("loads nothing from elsewhere", () => {
    const origin = new URL(server.url).origin;
    expect(requested.filter((url) => new URL(url).origin !== origin)).toEqual([]);
  });

  it("has no serious accessibility problem on any page of the flow, at 390 and 1280 px", async () => {
    expect(await violationsByPage(browser, visited, [390, 1280])).toEqual({});
  }, 180_000);
});
