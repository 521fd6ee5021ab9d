import * as Auth from "@amparo/core/auth";
import * as Clock from "@amparo/core/clock";
import * as Report from "@amparo/core/report";
import * as Config from "@amparo/core/config";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen, type Listening } from "../../packages/local/src/server.js";
import { applicantRequest, startApplication } from "../support/applications.js";
import { launchBrowser, violationsByPage, type Visited } from "../support/browser.js";
import { latestLinkToken, signIn, staffAccount } from "../support/staff.js";

let server: Listening;
let browser: Browser;
const requested: string[] = [];
const visited: Visited[] = [];

/** Starts, fills and submits an emergency application asking for `amount`. */
async function submitted(amount: number) {
  const { id, token } = await startApplication("digital-emergency");
  await applicantRequest("PUT", `/api/v1/applications/${id}/concept-note`, token, {
    fields: { situation: "Nos bloquearon las cuentas.", need: "Dos teléfonos seguros." },
  });
  await applicantRequest("PUT", `/api/v1/applications/${id}/funding`, token, { amount, annualBudget: 0, months: 3 });
  const response = await applicantRequest("POST", `/api/v1/applications/${id}/submit`, token);
  if (response.status !== 200) throw new Error(`submit answered ${response.status}`);
}

beforeAll(async () => {
  // Mid-year, so the year has closed months to show whatever day the test runs on (the server shares the clock).
  Clock.set("2026-06-15T12:00:00Z");
  server = await listen(0);
  Config.set({ PUBLIC_URL: server.url });
  browser = await launchBrowser();
  for (const amount of [1_000, 2_500, 3_000]) await submitted(amount);
  // What the hourly schedule does: freeze January to May.
  await Report.snapshotDue();
});

afterAll(async () => {
  Clock.reset();
  await browser?.close();
  await server?.close();
});

/** The report page as a person without a session, or with `session` in the staff cookie, sees it. */
const fetchPage = (path: string, session?: string) =>
  fetch(`${server.url}${path}`, {
    redirect: "manual",
    headers: session ? { Cookie: `staff_session=${session}` } : {},
  });

describe("the pipeline report in a browser with JavaScript off", () => {
  let funder: Page;

  it("a funder signs in, follows the link from the staff home and reads the report in Spanish", async () => {
    const account = await staffAccount(["funder"], ["digital-emergency"]);
    const context = await browser.newContext({ javaScriptEnabled: false, locale: "es-ES" });
    context.on("request", (request) => requested.push(request.url()));
    funder = await context.newPage();
    await funder.goto(`${server.url}/staff?lang=es`);
    await funder.locator("input[type=email]").fill(account.email);
    await funder.locator("main form:not(.signout) button[type=submit]").click();
    await funder.goto(`${server.url}/staff/sign-in/link?token=${await latestLinkToken(account.email)}`);
    await funder.locator("main form:not(.signout) button[type=submit]").click();
    const key = (await funder.locator("code").innerText()).replace(/\s/g, "");
    await funder.locator("input[name=code]").fill(Auth.currentCode(key));
    await funder.locator("main form:not(.signout) button[type=submit]").click();
    // Enrolment ends on the recovery codes, shown once, before the staff home.
    await funder.getByRole("link", { name: "Ya los guardé: continuar" }).click();

    await funder.getByRole("link", { name: "Informes del proceso" }).click();
    expect(new URL(funder.url()).pathname).toBe("/staff/reports");
    expect(await funder.locator("h1").innerText()).toBe("Informes del proceso");
    await funder.getByLabel("Convocatoria").selectOption("digital-emergency");
    await funder.getByRole("button", { name: "Ver cifras" }).click();
    expect(new URL(funder.url()).searchParams.get("callId")).toBe("digital-emergency");

    // Every chart is an image with a name, and has a table beside it.
    const charts = funder.locator("svg[role=img]");
    expect(await charts.count()).toBeGreaterThanOrEqual(1);
    for (const chart of await charts.all()) expect(await chart.locator("title").textContent()).toMatch(/tabla/);
    expect(await funder.locator(".chart-table table").count()).toBe(await charts.count());
    expect(await funder.getByText(/redondean al múltiplo de 5 más cercano/).count()).toBe(1);
    // Nothing of any single application: no names, ids or text.
    expect(await funder.content()).not.toContain("Nos bloquearon");
    visited.push({ name: "report (es)", url: funder.url(), html: await funder.content() });
  });

  it("downloads the figures as a spreadsheet, and as CSV for scripts, through the page's links", async () => {
    const xlsx = await funder.getByRole("link", { name: "Descargar estas cifras (hoja de cálculo Excel)" });
    expect(await xlsx.getAttribute("href")).toBe("/staff/reports/pipeline.xlsx?callId=digital-emergency&year=2026");
    const sheet = await funder.context().request.get(`${server.url}${await xlsx.getAttribute("href")}`);
    expect(sheet.status()).toBe(200);
    expect(sheet.headers()["content-disposition"]).toContain("pipeline-digital-emergency-2026.xlsx");
    // A zip, as every .xlsx is (its cells are checked in test/api/report-workbook.test.ts).
    expect((await sheet.body()).subarray(0, 2).toString("latin1")).toBe("PK");

    const href = await funder.getByRole("link", { name: /^Para scripts/ }).getAttribute("href");
    expect(href).toBe("/staff/reports/pipeline.csv?callId=digital-emergency&year=2026");
    const response = await funder.context().request.get(`${server.url}${href}`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/^text\/csv/);
    expect(response.headers()["content-disposition"]).toContain("digital-emergency");
    // The CSV says what the page says: January to May, each cell as shown, and nothing of June yet.
    const text = await response.text();
    expect(text).toContain("digital-emergency");
    expect(text).toContain("months.submitted,2026-05,<5");
    expect(text).not.toMatch(/months\.[\w.]+,2026-06,/);
  });

  it("says when the next quarter's breakdowns come, in the reader's language and in UTC", async () => {
    expect(
      await funder.getByText("Los desgloses del T2 2026 estarán aquí a más tardar el 2 de julio de 2026").count(),
    ).toBe(1);
  });

  it("prints to PDF", async () => {
    await funder.emulateMedia({ media: "print" });
    expect(await funder.locator("form.filters").isVisible()).toBe(false);
    expect(await funder.locator("svg[role=img]").first().isVisible()).toBe(true);
    const pdf = await funder.pdf({ format: "A4", printBackground: true });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    await funder.emulateMedia({ media: "screen" });
  });

  it("sends someone without a session to the staff sign-in, and answers a reviewer 403", async () => {
    const anonymous = await fetchPage("/staff/reports");
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get("location")).toBe("/staff");
    expect((await fetchPage("/staff/reports/pipeline.csv")).status).toBe(303);
    expect((await fetchPage("/staff/reports/pipeline.xlsx")).status).toBe(303);

    const reviewer = await staffAccount(["reviewer"], ["digital-emergency"]);
    const { session } = await signIn(reviewer.email);
    const refused = await fetchPage("/staff/reports?lang=es", session);
    expect(refused.status).toBe(403);
    expect(refused.headers.get("content-type")).toMatch(/^text\/html/);
    expect((await fetchPage("/staff/reports/pipeline.csv", session)).status).toBe(403);
    expect((await fetchPage("/staff/reports/pipeline.xlsx", session)).status).toBe(403);
  });

  it("answers a year that is not a year with 400 and a call outside the funder's with 404", async () => {
    const coordinator = await staffAccount(["coordinator"], ["digital-emergency"]);
    const { session } = await signIn(coordinator.email);
    expect((await fetchPage("/staff/reports", session)).status).toBe(200);
    expect((await fetchPage("/staff/reports?year=soon", session)).status).toBe(400);
    expect((await fetchPage("/staff/reports?callId=concept-notes-2026", session)).status).toBe(404);
  });

  it("loaded nothing from another origin", () => {
    const origin = new URL(server.url).origin;
    expect(requested.length).toBeGreaterThan(0);
    expect(requested.filter((url) => new URL(url).origin !== origin)).toEqual([]);
  });

  it("has no serious or critical accessibility violation (axe-core)", async () => {
    expect(visited.length).toBe(1);
    expect(await violationsByPage(browser, visited)).toEqual({});
  });
});
