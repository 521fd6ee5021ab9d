import * as Application from "@amparo/core/application";
import type * as User from "@amparo/core/user";
import { app as docs } from "@amparo/functions/docs/index";
import { beforeAll, describe, expect, it } from "vitest";
import {
  applicantRequest,
  confirmContact,
  inbox,
  startApplication,
  uniqueEmail,
  uploadBudget,
} from "../support/applications.js";
import { pdf } from "../support/files.js";
import { everyItem } from "../support/http.js";
import { signIn, staffAccount, staffRequest } from "../support/staff.js";

const GRANT = "concept-notes-2026";
let coordinator: { session: string; user: User.Info };

beforeAll(async () => {
  coordinator = await signIn((await staffAccount(["coordinator"], [GRANT])).email);
}, 60_000);

/** A grant application, complete, submitted and in review, with an address to read the applicant's emails. */
async function inReview() {
  const email = uniqueEmail();
  const { id, token } = await startApplication(GRANT, { contact: { email } });
  await confirmContact(email);
  await applicantRequest("PUT", `/api/v1/applications/${id}/concept-note`, token, {
    fields: {
      problem: "Harassment.",
      approach: "Clinics.",
      outcomes: "Fewer takeovers.",
      organisation: "A collective.",
    },
  });
  await applicantRequest("PUT", `/api/v1/applications/${id}/funding`, token, { amount: 22_000, months: 12 });
  await uploadBudget(id, token, pdf(), "application/pdf", "budget.pdf");
  await applicantRequest("POST", `/api/v1/applications/${id}/budget-file/confirm`, token);
  expect((await applicantRequest("POST", `/api/v1/applications/${id}/submit`, token)).status).toBe(200);
  const version = (await Application.fromID(id))!.version;
  const moved = await transition(id, { to: "in_review", version });
  expect(moved.status).toBe(200);
  return { id, token, email, version: ((await moved.json()) as { version: number }).version };
}

const transition = (id: string, body: unknown) =>
  staffRequest("POST", `/api/v1/review/applications/${id}/transition`, coordinator.session, body);

describe("a coordinator's message to the applicant", () => {
  it("goes with a decision, sealed in the table, shown to the applicant, and never in an email", async () => {
    const { id, token, email, version } = await inReview();
    const message = "Mensaje-único-7QX: le escribiremos el lunes con los datos del convenio.";
    const approved = await transition(id, { to: "approved", version, amount: 20_000, messageToApplicant: message });
    expect(approved.status).toBe(200);

    const view = (await (await applicantRequest("GET", `/api/v1/applications/${id}`, token)).json()) as {
      messageToApplicant?: string;
    };
    expect(view.messageToApplicant).toBe(message);
    // Sealed with the content: no item of the table holds it, or any part of it, in the clear.
    // Its marker and its words, not a three-letter tail: one turns up by chance in sealed base64 and keyed hashes.
    const table = JSON.stringify(await everyItem());
    for (const part of ["Mensaje-único-7QX", "le escribiremos el lunes"]) expect(table).not.toContain(part);
    const mails = await inbox(email);
    expect(mails.length).toBeGreaterThan(0);
    for (const mail of mails) expect(`${mail.subject} ${mail.body.text ?? ""}`).not.toContain("Mensaje-único-7QX");
  });

  it("is refused (422) with a move the applicant is not told about, and nothing changes", async () => {
    const { id, version } = await inReview();
    const before = JSON.stringify(await everyItem());
    const refused = await transition(id, { to: "shortlisted", version, messageToApplicant: "Hello" });
    expect(refused.status).toBe(422);
    const problem = (await refused.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((error) => error.path)).toEqual(["messageToApplicant"]);
    expect(JSON.stringify(await everyItem())).toBe(before);
  });

  it("is longer than 1,000 characters: 400, and nothing changes", async () => {
    const { id, version } = await inReview();
    const before = JSON.stringify(await everyItem());
    const long = await transition(id, { to: "declined", version, note: "No.", messageToApplicant: "x".repeat(1_001) });
    expect(long.status).toBe(400);
    expect(JSON.stringify(await everyItem())).toBe(before);
  });

  it("is described in the OpenAPI document as part of a transition", async () => {
    const document = (await (await docs.request("/api/v1/openapi.json")).json()) as {
      components: { schemas: Record<string, { properties: Record<string, { maxLength?: number }> }> };
    };
    expect(document.components.schemas["Transition"]!.properties["messageToApplicant"]).toMatchObject({
      maxLength: 1000,
    });
  });
});
