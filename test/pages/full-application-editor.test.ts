import * as Call from "@amparo/core/call";
import { app as staffApp } from "@amparo/functions/staff/index";
import { beforeAll, describe, expect, it } from "vitest";
import { formEntries, withValue } from "../support/page-form.js";
import { signIn, staffAccount } from "../support/staff.js";

/** The structured call editor's "Full application (second stage)" section. */

let session = "";

/** A grant call like the seeded one, without a second stage: the one an admin adds it to. */
const plainGrant = "grant-one-stage";

beforeAll(async () => {
  session = (await signIn((await staffAccount(["admin"], [])).email)).session;
  const { fullApplication: _dropped, ...rest } = await Call.get("concept-notes-2026");
  await Call.put({ ...rest, id: plainGrant });
}, 60_000);

const get = (path: string) => staffApp.request(path, { headers: { Cookie: `staff_session=${session}` } });

/** Posts a form as a browser would, from our own page, with the button `action` pressed. */
const post = (path: string, entries: [string, string][], action: string) =>
  staffApp.request(path, {
    method: "POST",
    headers: {
      Cookie: `staff_session=${session}`,
      "Content-Type": "application/x-www-form-urlencoded",
      "Sec-Fetch-Site": "same-origin",
    },
    body: new URLSearchParams([...entries, ["action", action]]).toString(),
  });

const formOf = (html: string, path: string) => formEntries(html, path);
const errorOf = (page: string, id: string) =>
  new RegExp(`<(?:span|p) class="error" id="${id.replace(/\./g, "\\.")}-error">([^<]*)</`).exec(page)?.[1];

/** Sets every language of a localized text. */
function localized(entries: [string, string][], name: string, text: string): [string, string][] {
  let next = entries;
  for (const lang of ["en", "es", "pt"]) next = withValue(next, `${name}.${lang}`, `${text} (${lang})`);
  return next;
}

describe("the call editor's full application", () => {
  it("keeps the full application a call has when another section is edited and saved", async () => {
    const path = "/staff/admin/calls/concept-notes-2026";
    const before = await Call.get("concept-notes-2026");
    expect(before.fullApplication).toBeDefined();
    const html = await (await get(path)).text();
    // The section shows what is stored: its fields, documents and second rubric.
    expect(html).toContain('id="section-full-application"');
    expect(html).toContain('value="detailed-budget"');
    let entries = formOf(html, path);
    entries = withValue(entries, ":title.en", "Concept notes 2026, renamed");
    const response = await post(path, entries, "save");
    expect(response.status).toBe(303);
    const after = await Call.get("concept-notes-2026");
    expect(after.title.en).toBe("Concept notes 2026, renamed");
    expect(after.fullApplication).toEqual(before.fullApplication);
  });

  it("adds a full application to a grant call, with a field, a document and a criterion, and saves it", async () => {
    const path = `/staff/admin/calls/${plainGrant}`;
    const start = await (await get(path)).text();
    expect(start).toContain("This call has no second stage");
    expect(start).not.toContain('name="n:fullApplication.days"');

    // Adding it: one field and one criterion to fill in, no documents yet, and the stages it needs ticked.
    const added = await post(path, formOf(start, path), "include:fullApplication");
    expect(added.status).toBe(200);
    let html = await added.text();
    expect(html).toContain('id="fullApplication.fields.0.id"');
    expect(html).toContain('id="fullApplication.rubric.criteria.0.id"');
    html = await (await post(path, formOf(html, path), "add:fullApplication.documents")).text();
    html = await (await post(path, formOf(html, path), "add:fullApplication.fields")).text();
    expect(html).toContain('id="fullApplication.documents.0.maxBytes"');

    let entries = formOf(html, path);
    entries = withValue(entries, ":fullApplication.fields.0.id", "plan");
    entries = withValue(entries, "n:fullApplication.fields.0.maxWords", "900");
    entries = localized(entries, ":fullApplication.fields.0.label", "The plan");
    entries = localized(entries, "O:fullApplication.fields.0.help", "What you will do");
    entries = withValue(entries, ":fullApplication.fields.1.id", "team");
    entries = localized(entries, ":fullApplication.fields.1.label", "The team");
    entries = localized(entries, "O:fullApplication.fields.1.help", "Who does it");
    entries = withValue(entries, ":fullApplication.documents.0.id", "work-plan");
    entries = localized(entries, ":fullApplication.documents.0.label", "Work plan");
    entries = withValue(entries, "M:fullApplication.documents.0.maxBytes", "2");
    entries.push(["l:fullApplication.documents.0.types", "text/csv"]);
    entries = withValue(entries, ":fullApplication.rubric.criteria.0.id", "feasibility");
    entries = withValue(entries, "n:fullApplication.rubric.criteria.0.weight", "2");
    entries = localized(entries, ":fullApplication.rubric.criteria.0.label", "Feasibility");
    for (const level of ["low", "mid", "high"]) {
      entries = localized(entries, `O:fullApplication.rubric.criteria.0.scale.${level}`, `Doable: ${level}`);
    }
    entries = withValue(entries, "n:fullApplication.days", "21");
    // Move the second field above the first before saving.
    html = await (await post(path, entries, "up:fullApplication.fields.1")).text();
    const response = await post(path, formOf(html, path), "save");
    expect(response.status).toBe(303);

    const saved = await Call.get(plainGrant);
    expect(saved.stages).toEqual(expect.arrayContaining(["shortlisted", "full_submitted"]));
    expect(saved.fullApplication).toMatchObject({
      days: 21,
      fields: [
        { id: "team", label: { en: "The team (en)" }, required: true },
        { id: "plan", maxWords: 900, help: { pt: "What you will do (pt)" } },
      ],
      documents: [
        {
          id: "work-plan",
          label: { es: "Work plan (es)" },
          required: true,
          maxBytes: 2 * 1024 * 1024,
          types: ["application/pdf", "text/csv"],
        },
      ],
      rubric: { criteria: [{ id: "feasibility", weight: 2, scale: { high: { en: "Doable: high (en)" } } }] },
    });
    // A document's help is optional and was left empty: not stored as empty text.
    expect(saved.fullApplication!.documents[0]!.help).toBeUndefined();
  });

  it("shows a full application's errors next to their controls, and refuses one on an emergency fund", async () => {
    const grant = "/staff/admin/calls/concept-notes-2026";
    let entries = formOf(await (await get(grant)).text(), grant);
    entries = withValue(entries, "n:fullApplication.reminderDays", "50");
    entries = withValue(entries, ":fullApplication.documents.1.id", "Work Plan!");
    entries = withValue(entries, ":fullApplication.fields.0.label.es", "");
    const stored = await Call.get("concept-notes-2026");
    const refused = await post(grant, entries, "save");
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(errorOf(html, "fullApplication.reminderDays")).toBe(
      "The reminder must come before the escalation, and the escalation no later than the decision.",
    );
    expect(errorOf(html, "fullApplication.documents.1.id")).toBeDefined();
    expect(errorOf(html, "fullApplication.fields.0.label.es")).toBe("This is required.");
    expect(html).toContain('href="#fullApplication.reminderDays"');
    // What was typed stays, and nothing is stored.
    expect(formOf(html, grant)).toContainEqual([":fullApplication.documents.1.id", "Work Plan!"]);
    expect(await Call.get("concept-notes-2026")).toEqual(stored);

    const emergency = "/staff/admin/calls/digital-emergency";
    const withFull = await (
      await post(emergency, formOf(await (await get(emergency)).text(), emergency), "include:fullApplication")
    ).text();
    const saved = await post(emergency, formOf(withFull, emergency), "save");
    expect(saved.status).toBe(422);
    expect(errorOf(await saved.text(), "fullApplication")).toContain("Only a grant call can have a full application.");
    expect((await Call.get("digital-emergency")).fullApplication).toBeUndefined();
  });

  it("removes a call's full application", async () => {
    const path = `/staff/admin/calls/${plainGrant}`;
    await Call.put({ ...(await Call.get("concept-notes-2026")), id: plainGrant });
    const html = await (await get(path)).text();
    const removed = await (await post(path, formOf(html, path), "exclude:fullApplication")).text();
    expect(removed).toContain("This call has no second stage");
    expect((await post(path, formOf(removed, path), "save")).status).toBe(303);
    expect((await Call.get(plainGrant)).fullApplication).toBeUndefined();
  });

  it("shows the section in Spanish and Portuguese", async () => {
    const path = "/staff/admin/calls/concept-notes-2026";
    expect(await (await get(`${path}?lang=es`)).text()).toContain("Propuesta completa (segunda etapa)");
    expect(await (await get(`${path}?lang=pt`)).text()).toContain("Proposta completa (segunda etapa)");
  });
});
