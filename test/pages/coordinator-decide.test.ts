import { beforeAll, describe, expect, it } from "vitest";
import { formatDate, formatMoney } from "@amparo/core/i18n";
import type * as User from "@amparo/core/user";
import { app as staffApp } from "@amparo/functions/staff/index";
import { applicantRequest, startApplication } from "../support/applications.js";
import { signIn, staffAccount, staffRequest } from "../support/staff.js";

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();

let coordinator: { session: string; user: User.Info };
let reviewer: { session: string; user: User.Info };

const get = (path: string) => staffApp.request(path, { headers: { Cookie: `staff_session=${coordinator.session}` } });

/** Posts a page form as a browser without JavaScript does, from our own page. */
const post = (path: string, fields: [string, string][]) =>
  staffApp.request(path, {
    method: "POST",
    headers: {
      Cookie: `staff_session=${coordinator.session}`,
      "Content-Type": "application/x-www-form-urlencoded",
      "Sec-Fetch-Site": "same-origin",
    },
    body: new URLSearchParams(fields).toString(),
  });

/** The hidden and named fields of the page's form that posts to `action`, as a browser would send them. */
function formFields(html: string, action: string): [string, string][] {
  const form = new RegExp(`<form method="post" action="${action}">([\\s\\S]*?)</form>`).exec(html)?.[1];
  if (!form) throw new Error(`no form posting to ${action}`);
  return [...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((match) => [
    match[1]!,
    match[2]!
      .replace(/&amp;/g, "&")
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, "<"),
  ]);
}

/** A submitted emergency application asking for EUR 3,000; with the applicant's code. */
async function submitted(): Promise<{ id: string; token: string }> {
  const { id, token } = await startApplication("digital-emergency");
  await applicantRequest("PUT", `/api/v1/applications/${id}/concept-note`, token, {
    fields: { situation: "Our accounts were taken over.", need: "Two new phones." },
  });
  await applicantRequest("PUT", `/api/v1/applications/${id}/funding`, token, {
    amount: 3_000,
    annualBudget: 0,
    months: 2,
  });
  const response = await applicantRequest("POST", `/api/v1/applications/${id}/submit`, token);
  if (response.status !== 200) throw new Error(`submit answered ${response.status}`);
  return { id, token };
}

/** The same, moved into review: the emergency fund approves only from there. */
async function inReview(): Promise<{ id: string; token: string }> {
  const app = await submitted();
  await staffRequest("POST", `/api/v1/review/applications/${app.id}/transition`, coordinator.session, {
    to: "in_review",
    version: (await current(app.id)).version,
  });
  return app;
}

/** Where the application stands now, as the API says. */
async function current(id: string): Promise<{ version: number; stage: string; assignments: unknown[] }> {
  const view = (await (await staffRequest("GET", `/api/v1/review/applications/${id}`, coordinator.session)).json()) as {
    version: number;
    stage: string;
    assignments: unknown[];
  };
  return { version: view.version, stage: view.stage, assignments: view.assignments };
}

beforeAll(async () => {
  coordinator = await signIn((await staffAccount(["coordinator"], ["digital-emergency"])).email);
  reviewer = await signIn((await staffAccount(["reviewer"], ["digital-emergency"])).email);
}, 60_000);

describe("deciding through a confirmation page", () => {
  it("repeats the outcome, the amount, the note and the message, and changes nothing until confirmed", async () => {
    const { id } = await inReview();
    const before = await current(id);
    const asked = await post(`/staff/applications/${id}/transition`, [
      ["version", String(before.version)],
      ["to", "approved"],
      ["note", "Urgent & specific."],
      ["amount", "2.800"],
      ["messageToApplicant", "The payment reaches you within a week."],
    ]);
    expect(asked.status).toBe(200);
    const html = await asked.text();
    const shown = text(html);
    expect(shown).toContain("Confirm the decision");
    expect(shown).toContain(
      `Decision approved Amount approved ${formatMoney("en", 2_800, "EUR")} Note (staff only) Urgent & specific. ` +
        "Message to the applicant The payment reaches you within a week.",
    );
    expect(html).toContain(`<a href="/staff/applications/${id}">Go back</a>`);
    // The same version goes with the confirmation, so a page gone stale meanwhile is still refused.
    expect(formFields(html, `/staff/applications/${id}/transition`)).toEqual([
      ["confirm", "yes"],
      ["to", "approved"],
      ["version", String(before.version)],
      ["note", "Urgent & specific."],
      ["amount", "2800"],
      ["messageToApplicant", "The payment reaches you within a week."],
    ]);
    expect(await current(id)).toEqual(before);
  });

  it("makes the decision on Confirm; the application then shows the amount approved and the note", async () => {
    const { id, token } = await inReview();
    const { version } = await current(id);
    const asked = await post(`/staff/applications/${id}/transition`, [
      ["version", String(version)],
      ["to", "approved"],
      ["note", "Urgent and specific."],
      ["amount", "2800"],
      ["messageToApplicant", "The payment reaches you within a week."],
    ]);
    const confirmed = await post(
      `/staff/applications/${id}/transition`,
      formFields(await asked.text(), `/staff/applications/${id}/transition`),
    );
    expect(confirmed.status).toBe(200);
    const shown = text(await confirmed.text());
    expect(shown).toContain("Moved to approved.");
    const today = formatDate("en", new Date().toISOString());
    expect(shown).toContain(`Decision Approved on ${today}: ${formatMoney("en", 2_800, "EUR")}.`);
    expect(shown).toContain("Decision note Urgent and specific.");
    expect((await current(id)).stage).toBe("approved");
    // The message went with it, to the applicant's own view.
    const applicant = (await (await applicantRequest("GET", `/api/v1/applications/${id}`, token)).json()) as {
      messageToApplicant?: string;
    };
    expect(applicant.messageToApplicant).toBe("The payment reaches you within a week.");
    // Shown again later, in Spanish too.
    const later = text(await (await get(`/staff/applications/${id}?lang=es`)).text());
    expect(later).toContain(
      text(`Aprobada el ${formatDate("es", new Date().toISOString())}: ${formatMoney("es", 2_800, "EUR")}.`),
    );
    expect(later).toContain("Nota de la decisión Urgent and specific.");
  });

  it("says a decline and its note on the application afterwards", async () => {
    const { id } = await submitted();
    const { version } = await current(id);
    const asked = await post(`/staff/applications/${id}/transition`, [
      ["version", String(version)],
      ["to", "declined"],
      ["note", "Outside what this fund covers."],
    ]);
    const html = await asked.text();
    expect(text(html)).toContain("Decision declined Note (staff only) Outside what this fund covers.");
    expect(text(html)).not.toContain("Amount approved");
    const confirmed = await post(
      `/staff/applications/${id}/transition`,
      formFields(html, `/staff/applications/${id}/transition`),
    );
    const shown = text(await confirmed.text());
    expect(shown).toContain(`Declined on ${formatDate("en", new Date().toISOString())}.`);
    expect(shown).toContain("Decision note Outside what this fund covers.");
  });

  it("refuses a decision that could not be made before asking to confirm it, next to its field", async () => {
    const { id } = await inReview();
    const before = await current(id);
    const response = await post(`/staff/applications/${id}/transition`, [
      ["version", String(before.version)],
      ["to", "approved"],
    ]);
    expect(response.status).toBe(422);
    const shown = text(await response.text());
    expect(shown).not.toContain("Confirm the decision");
    expect(shown).toContain("Give the amount approved.");
    expect(await current(id)).toEqual(before);
  });

  it("moves that are not decisions are made at once", async () => {
    const { id } = await submitted();
    const { version } = await current(id);
    const response = await post(`/staff/applications/${id}/transition`, [
      ["version", String(version)],
      ["to", "in_review"],
    ]);
    expect(response.status).toBe(200);
    expect(text(await response.text())).toContain("Moved to in review.");
  });

  it("answers a confirmation gone stale with a 409 that says someone else changed it, showing it as it is now", async () => {
    const { id } = await submitted();
    const { version } = await current(id);
    const asked = await post(`/staff/applications/${id}/transition`, [
      ["version", String(version)],
      ["to", "declined"],
      ["note", "Not for us."],
    ]);
    const confirmation = formFields(await asked.text(), `/staff/applications/${id}/transition`);
    // Meanwhile another coordinator moves it on.
    await staffRequest("POST", `/api/v1/review/applications/${id}/transition`, coordinator.session, {
      to: "in_review",
      version,
    });
    const stale = await post(`/staff/applications/${id}/transition`, confirmation);
    expect(stale.status).toBe(409);
    const html = await stale.text();
    const shown = text(html);
    expect(shown).toContain("Someone else changed this application");
    expect(shown).toContain("its stage is now: in review");
    expect(shown).not.toContain("Reload the page");
    expect(shown).toContain("Stage: in review");
    // The form on it is fresh: deciding again from here works.
    const fresh = (await current(id)).version;
    expect(html).toContain(`<input type="hidden" name="version" value="${fresh}"/>`);
    expect((await current(id)).stage).toBe("in_review");

    // The confirmation step itself answers the same when the page it came from is stale.
    const early = await post(`/staff/applications/${id}/transition`, [
      ["version", String(version)],
      ["to", "declined"],
      ["note", "Not for us."],
    ]);
    expect(early.status).toBe(409);
    expect(text(await early.text())).toContain("Someone else changed this application");
  });
});

describe("assigning reviewers", () => {
  it("with nobody ticked says so in words, in the reader's language", async () => {
    const { id } = await submitted();
    const response = await post(`/staff/applications/${id}/assign`, []);
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(text(html)).toContain("Tick at least one reviewer to assign.");
    expect(html).toContain('<a href="#reviewerIds">Tick at least one reviewer to assign.</a>');
    expect(html).toContain('id="reviewerIds"');
    expect(text(html)).not.toContain("This is not valid");
    const spanish = await post(`/staff/applications/${id}/assign?lang=es`, []);
    expect(text(await spanish.text())).toContain("Marque al menos un evaluador o evaluadora para asignar.");
    expect((await current(id)).assignments).toEqual([]);
  });

  it("on an application someone else decided meanwhile says so in words, showing it as it is now", async () => {
    const { id } = await submitted();
    await staffRequest("POST", `/api/v1/review/applications/${id}/transition`, coordinator.session, {
      to: "declined",
      version: (await current(id)).version,
      note: "Outside what the fund covers.",
    });
    const response = await post(`/staff/applications/${id}/assign`, [["reviewerIds", reviewer.user.id]]);
    expect(response.status).toBe(409);
    const shown = text(await response.text());
    expect(shown).toContain("Someone else changed this application");
    expect(shown).toContain("its stage is now: declined");
    expect(shown).not.toContain("can no longer be withdrawn");
    expect((await current(id)).assignments).toEqual([]);
  });

  it("still assigns whoever is ticked", async () => {
    const { id } = await submitted();
    const response = await post(`/staff/applications/${id}/assign`, [["reviewerIds", reviewer.user.id]]);
    expect(response.status).toBe(303);
  });
});
