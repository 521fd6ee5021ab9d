import * as Application from "@amparo/core/application";
import * as Award from "@amparo/core/award";
import * as Call from "@amparo/core/call";
import * as Stage from "@amparo/core/stage";
import type * as User from "@amparo/core/user";
import { app as apply } from "@amparo/functions/apply/index";
import { beforeAll, describe, expect, it } from "vitest";
import { applicantRequest } from "../support/applications.js";
import { approvedEmergency, moveAs, pageText as text, sendAndAcceptAgreement } from "../support/award.js";
import { pdf } from "../support/files.js";
import { postToS3, shortlistedGrant } from "../support/full-application.js";
import { postForm } from "../support/http.js";
import { formEntries, withValue } from "../support/page-form.js";
import { staffAccount } from "../support/staff.js";

const EMERGENCY = "digital-emergency";
const GRANT = "concept-notes-2026";
const FINAL = "/apply/my/reports/final";

const cookieFor = (token: string) => ({ Cookie: `access=${token}` });
const get = (path: string, token: string) => apply.request(path, { headers: cookieFor(token) });
const post = (path: string, token: string, fields: [string, string][]) => postForm(path, fields, cookieFor(token));
const fresh = async (id: string) => (await Application.fromID(id))!;
const decode = (value: string) =>
  value
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");

let coordinator: User.Info;

beforeAll(async () => {
  coordinator = await staffAccount(["coordinator"], [EMERGENCY, GRANT]);
});

/** An emergency grant whose agreement the applicant accepted: its final report (one narrative field) is open. */
async function agreedEmergency() {
  const made = await approvedEmergency(coordinator, 1_500);
  await sendAndAcceptAgreement(coordinator, made.id, { name: "Ana María Pérez" });
  return made;
}

/** A grant of the grant call, agreed: its reports ask for two fields and a financial statement. */
async function agreedGrant() {
  const made = await shortlistedGrant("es");
  const spec = (await Call.get(GRANT)).fullApplication!;
  const fields = Object.fromEntries(spec.fields.map((field) => [field.id, "Talleres y acompañamiento mes a mes."]));
  await Application.saveFullApplication(await fresh(made.id), { fields });
  for (const document of spec.documents) {
    const upload = await Application.startDocumentUpload(await fresh(made.id), document.id, {
      fileName: "plan.pdf",
      contentType: "application/pdf",
      size: pdf().length,
    });
    await postToS3(upload, pdf(), "application/pdf", "plan.pdf");
    await Application.confirmDocumentUpload(await fresh(made.id), document.id);
  }
  await Stage.submitFull(await fresh(made.id));
  await moveAs(coordinator, made.id, "approved", { amount: 15_000 });
  await sendAndAcceptAgreement(coordinator, made.id, { name: "Red de Defensoras" });
  return made;
}

/** The report page's draft form as a browser would send it, with `changes` made to its fields. */
async function draftForm(token: string, path: string, changes: Record<string, string>) {
  const html = await (await get(path, token)).text();
  let entries = formEntries(html, path);
  for (const [name, value] of Object.entries(changes)) entries = withValue(entries, name, value);
  return entries;
}

const ask = async (id: string, reportId: string, question: string) =>
  Award.decideReport(coordinator, id, reportId, { decision: "more", version: (await fresh(id)).version, question });

describe("the grant's reports on the status page", () => {
  it("lists each report with its due date and status, linked to its page, once the grant is agreed", async () => {
    const { token } = await agreedEmergency();
    const html = await (await get("/apply/my", token)).text();
    expect(html).toContain(`href="${FINAL}"`);
    expect(text(html)).toMatch(/Final report ?: by .+\. Status: Coming up\./);
  });

  it("links nothing before the agreement", async () => {
    const { token } = await approvedEmergency(coordinator, 1_500);
    const html = await (await get("/apply/my", token)).text();
    expect(html).not.toContain("/apply/my/reports/");
    expect((await get(FINAL, token)).status).toBe(404);
  });
});

describe("an open report", () => {
  it("shows its title, due date, status, fields with word counts and the send button, without an answer box", async () => {
    const { token } = await agreedEmergency();
    const response = await get(FINAL, token);
    expect(response.status).toBe(200);
    const html = await response.text();
    const page = text(html);
    expect(page).toContain("Final report");
    expect(page).toMatch(/Due by .+\./);
    expect(page).toContain("Status: Coming up");
    expect(html).toMatch(/<textarea[^>]*name="narrative"/);
    expect(page).toContain("0 of 500 words");
    expect(html).toMatch(/<button type="submit" form="draft" name="_send" value="1">Send the report<\/button>/);
    expect(html).not.toContain('name="answer"');
    // The page's title stays neutral: nothing in the tab or history names a grant or a report.
    expect(html).not.toMatch(/<title>[^<]*report/i);
  });

  it("saves a draft (post/redirect/get) and shows it again", async () => {
    const { id, token } = await agreedEmergency();
    const entries = await draftForm(token, FINAL, { narrative: "Dos teléfonos nuevos y un taller." });
    const saved = await post(FINAL, token, entries);
    expect(saved.status).toBe(303);
    expect(saved.headers.get("Location")).toBe(`${FINAL}?saved=1`);
    const page = text(await (await get(`${FINAL}?saved=1`, token)).text());
    expect(page).toContain("Saved.");
    expect(page).toContain("Dos teléfonos nuevos y un taller.");
    expect(page).toContain("6 of 500 words");
    expect((await fresh(id)).stage).toBe("agreed");
  });

  it("refuses to send an empty report (422), the problem linked to its field, and sends nothing", async () => {
    const { id, token } = await agreedEmergency();
    const entries = await draftForm(token, FINAL, {});
    const refused = await post(FINAL, token, [...entries, ["_send", "1"]]);
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toContain('href="#narrative"');
    expect(text(html)).toContain("Before you can submit:");
    expect((await fresh(id)).reports?.["final"]?.sentAt).toBeUndefined();
  });

  it("saves and sends in one press, then shows what was sent, read-only, waiting for the fund's team", async () => {
    const { id, token } = await agreedEmergency();
    const entries = await draftForm(token, FINAL, { narrative: "Compramos dos teléfonos seguros." });
    const sent = await post(FINAL, token, [...entries, ["_send", "1"]]);
    expect(sent.status).toBe(303);
    expect(sent.headers.get("Location")).toBe(`${FINAL}?sent=1`);
    expect((await fresh(id)).stage).toBe("reported");
    const html = await (await get(`${FINAL}?sent=1`, token)).text();
    const page = text(html);
    expect(page).toContain("Thank you: your report was sent.");
    expect(page).toContain("Status: Sent, waiting for the fund's team");
    expect(page).toContain("waiting for the fund's team: nothing more is needed from you for now");
    expect(page).toContain("Compramos dos teléfonos seguros.");
    expect(html).not.toContain("<textarea");
    // Posting again changes nothing: the page says why (409).
    const again = await post(FINAL, token, [...entries, ["_send", "1"]]);
    expect(again.status).toBe(409);
    expect(text(await again.text())).toContain("This report cannot be changed now");
    const status = text(await (await get("/apply/my", token)).text());
    expect(status).toContain("Status: Report sent");
    expect(status).toContain("Your report was sent. The fund's team will read it");
  });

  it("keeps text typed in another tab's older page instead of overwriting the newer save (409)", async () => {
    const { token } = await agreedEmergency();
    const old = await draftForm(token, FINAL, { narrative: "Primera versión." });
    await post(FINAL, token, await draftForm(token, FINAL, { narrative: "Versión más reciente." }));
    const refused = await post(FINAL, token, old);
    expect(refused.status).toBe(409);
    const page = text(await refused.text());
    expect(page).toContain("Versión más reciente.");
    expect(page).toContain("Primera versión.");
  });
});

describe("a report the fund's team asked more about", () => {
  it("shows the question and an answer box, and sends the answer with the report", async () => {
    const { id, token } = await agreedEmergency();
    await post(FINAL, token, [...(await draftForm(token, FINAL, { narrative: "Dos teléfonos." })), ["_send", "1"]]);
    await ask(id, "final", "¿Quién usa los teléfonos ahora?");
    expect((await fresh(id)).stage).toBe("report_due");
    const status = text(await (await get("/apply/my", token)).text());
    expect(status).toContain("The fund's team asked for more about one of your reports.");
    const html = await (await get(FINAL, token)).text();
    expect(text(html)).toContain("¿Quién usa los teléfonos ahora?");
    expect(text(html)).toContain("Status: The fund's team asked for more");
    expect(html).toMatch(/<textarea[^>]*name="answer"[^>]*form="draft"/);
    // Saving keeps the typed answer on the page, since only sending keeps it.
    const withAnswer = [...(await draftForm(token, FINAL, {})), ["answer", "Las dos locutoras."]] as [string, string][];
    const saved = await post(FINAL, token, withAnswer);
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain("Las dos locutoras.</textarea>");
    const sent = await post(FINAL, token, [
      ...(await draftForm(token, FINAL, {})),
      ["answer", "Las dos locutoras."],
      ["_send", "1"],
    ]);
    expect(sent.status).toBe(303);
    const rounds = (await fresh(id)).reportRounds?.["final"];
    expect(rounds?.at(-1)).toMatchObject({ question: "¿Quién usa los teléfonos ahora?", answer: "Las dos locutoras." });
    const after = text(await (await get(FINAL, token)).text());
    expect(after).toContain("Earlier questions and your answers");
    expect(after).toContain("Las dos locutoras.");
  });

  it("says so once accepted, and once the grant is closed", async () => {
    const { id, token } = await agreedEmergency();
    await post(FINAL, token, [...(await draftForm(token, FINAL, { narrative: "Dos teléfonos." })), ["_send", "1"]]);
    await Award.decideReport(coordinator, id, "final", { decision: "accept", version: (await fresh(id)).version });
    const page = text(await (await get(FINAL, token)).text());
    expect(page).toContain("Status: Accepted");
    expect(page).toContain("The fund's team accepted this report on");
    expect(text(await (await get("/apply/my", token)).text())).toContain("accepted all your reports");
    await moveAs(coordinator, id, "closed");
    const status = text(await (await get("/apply/my", token)).text());
    expect(status).toContain("Status: Grant closed");
    expect(status).toContain("This grant is closed");
  });
});

describe("a report's documents", () => {
  it("lists them, and takes an upload through the presigned form back to the document's page", async () => {
    const { token } = await agreedGrant();
    const report = "/apply/my/reports/interim";
    const document = `${report}/documents/financial-statement`;
    const html = await (await get(`${report}?lang=en`, token)).text();
    expect(html).toContain(`href="${document}"`);
    expect(text(html)).toContain("Financial statement (to do)");
    const chosen = await post(document, token, [["type", "application/pdf"]]);
    expect(chosen.status).toBe(200);
    const form = await chosen.text();
    const action = /<form method="post" action="([^"]+)" enctype="multipart\/form-data">/.exec(form)?.[1];
    const body = new FormData();
    for (const [, name, value] of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g)) {
      body.append(name!, decode(value!));
    }
    body.append("file", new Blob([new Uint8Array(pdf())], { type: "application/pdf" }), "estado.pdf");
    const sent = await fetch(decode(action!), { method: "POST", body, redirect: "manual" });
    const back = new URL(sent.headers.get("location")!);
    expect(back.pathname).toBe(`${document}/uploaded`);
    const checked = await get(`${back.pathname}${back.search}`, token);
    expect(checked.status).toBe(303);
    expect(checked.headers.get("location")).toBe(`${document}?accepted=1`);
    const kept = text(await (await get(`${document}?accepted=1`, token)).text());
    expect(kept).toContain("Your file was received and checked.");
    expect(text(await (await get(report, token)).text())).toContain("Financial statement (done)");
  });

  it("names a missing required document when sending, linked to its page (422)", async () => {
    const { token } = await agreedGrant();
    const report = "/apply/my/reports/interim";
    const entries = await draftForm(token, report, { progress: "Doce talleres." });
    const refused = await post(report, token, [...entries, ["_send", "1"]]);
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain(`href="${report}/documents/financial-statement"`);
  });
});

describe("the reports over the API", () => {
  it("reads, saves, uploads and sends a report with the access code, and refuses a second send (409)", async () => {
    const { id, token } = await agreedGrant();
    const path = `/api/v1/applications/${id}/reports/interim`;
    const view = await applicantRequest("GET", path, token);
    expect(view.status).toBe(200);
    expect(await view.json()).toMatchObject({ id: "interim", open: true, status: "upcoming", rounds: [] });
    const saved = await applicantRequest("PUT", path, token, { fields: { progress: "Doce talleres." } });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ fields: { progress: { words: 2 } }, complete: true });
    const early = await applicantRequest("POST", `${path}/submit`, token, {});
    expect(early.status).toBe(422);
    const upload = await applicantRequest("POST", `${path}/documents/financial-statement/upload`, token, {
      fileName: "estado.pdf",
      contentType: "application/pdf",
      size: pdf().length,
    });
    expect(upload.status).toBe(200);
    await postToS3(await upload.json(), pdf(), "application/pdf", "estado.pdf");
    const confirmed = await applicantRequest("POST", `${path}/documents/financial-statement/confirm`, token);
    expect(confirmed.status).toBe(200);
    expect(await confirmed.json()).toEqual({
      fileName: "estado.pdf",
      contentType: "application/pdf",
      size: pdf().length,
    });
    const sent = await applicantRequest("POST", `${path}/submit`, token);
    expect(sent.status).toBe(200);
    expect(await sent.json()).toMatchObject({ stage: "reported" });
    expect((await applicantRequest("POST", `${path}/submit`, token, {})).status).toBe(409);
    expect((await applicantRequest("GET", `/api/v1/applications/${id}/reports/nope`, token)).status).toBe(404);
  });
});
