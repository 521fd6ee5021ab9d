import * as Call from "@amparo/core/call";
import { app as staffApp } from "@amparo/functions/staff/index";
import { beforeAll, describe, expect, it } from "vitest";
import { applicantRequest, startApplication } from "../support/applications.js";
import { everyItem } from "../support/http.js";
import { formEntries, withValue } from "../support/page-form.js";
import { signIn, staffAccount, staffRequest } from "../support/staff.js";

let session = "";

beforeAll(async () => {
  session = (await signIn((await staffAccount(["admin"], [])).email)).session;
}, 60_000);

const get = (path: string) => staffApp.request(path, { headers: { Cookie: `staff_session=${session}` } });

/** Posts a form as a browser would, from our own page, with the button `action` pressed. */
const post = (path: string, entries: [string, string][], action?: string) =>
  staffApp.request(path, {
    method: "POST",
    headers: {
      Cookie: `staff_session=${session}`,
      "Content-Type": "application/x-www-form-urlencoded",
      "Sec-Fetch-Site": "same-origin",
    },
    body: new URLSearchParams([...entries, ...(action ? [["action", action] as [string, string]] : [])]).toString(),
  });

const editor = "/staff/admin/calls/digital-emergency";
const editorForm = async () => formEntries(await (await get(editor)).text(), editor);
const legends = (html: string) => [...html.matchAll(/<legend>([^<]*)<\/legend>/g)].map((match) => match[1]);
const callItems = async () => (await everyItem()).filter((item) => String(item["pk"]).startsWith("CALL#"));

describe("the structured call editor", () => {
  it.each(["digital-emergency", "concept-notes-2026"])(
    "saves the stored call %s sent back unchanged as exactly the same call",
    async (callId) => {
      const path = `/staff/admin/calls/${callId}`;
      const { version, ...before } = await Call.get(callId);
      const entries = formEntries(await (await get(path)).text(), path);
      // The whole call travels with every press of a button: it must stay well within the body limit.
      expect(new URLSearchParams(entries).toString().length).toBeLessThan(48 * 1024);
      const response = await post(path, entries, "save");
      // Post/redirect/get: the saved editor has an address of its own, so a reload does not save again.
      expect(response.status).toBe(303);
      expect(response.headers.get("Location")).toBe(`${path}?saved=1`);
      expect(await (await get(`${path}?saved=1`)).text()).toContain('role="status">Saved.</p>');
      // The same call, as a new version (each save is one: applications keep theirs).
      expect(await Call.get(callId)).toEqual({ ...before, version: version + 1 });
    },
  );

  it("adds, moves and removes questions and options by plain posts, and stores nothing until saved", async () => {
    const stored = await callItems();
    const form = await editorForm();
    const questions = (await Call.get("digital-emergency")).eligibility.questions.length;

    const added = await post(editor, form, "add:eligibility.questions");
    expect(added.status).toBe(200);
    const afterAdd = await added.text();
    expect(legends(afterAdd)).toContain(`Question ${questions + 1}`);
    // The new question starts as a one-choice question with one empty option, ready to fill in.
    const last = `eligibility.questions.${questions}`;
    expect(afterAdd).toContain(`id="${last}.options.0.value"`);

    // Fill it in, move it up one place, add a second option to it.
    let entries = formEntries(afterAdd, editor);
    entries = withValue(entries, `:${last}.id`, "has-lawyer");
    entries = withValue(entries, `:${last}.label.en`, "Do you have a lawyer?");
    const moved = await (await post(editor, entries, `up:${last}`)).text();
    const movedTo = `eligibility.questions.${questions - 1}`;
    expect(formEntries(moved, editor)).toContainEqual([`:${movedTo}.id`, "has-lawyer"]);
    expect(formEntries(moved, editor)).toContainEqual([`:${movedTo}.label.en`, "Do you have a lawyer?"]);
    const withOption = await (await post(editor, formEntries(moved, editor), `add:${movedTo}.options`)).text();
    expect(withOption).toContain(`id="${movedTo}.options.1.value"`);

    // Removing it brings back the call as stored, and nothing was written on the way.
    const removed = await (await post(editor, formEntries(withOption, editor), `remove:${movedTo}`)).text();
    expect(legends(removed)).not.toContain(`Question ${questions + 1}`);
    expect(formEntries(removed, editor)).not.toContainEqual([`:${movedTo}.id`, "has-lawyer"]);
    expect(await callItems()).toEqual(stored);
  });

  it("refuses a call that does not validate (422), shows each error next to its control, keeps what was typed, stores nothing", async () => {
    const stored = await callItems();
    let entries = await editorForm();
    entries = withValue(entries, ":funding.currency", "euro");
    entries = withValue(entries, "n:rubric.criteria.0.weight", "heavy");
    entries = withValue(entries, ":title.es", "");
    const response = await post(editor, entries, "save");
    expect(response.status).toBe(422);
    const html = await response.text();

    const errorOf = (page: string, id: string) =>
      new RegExp(`<span class="error" id="${id.replace(/\./g, "\\.")}-error">([^<]*)</span>`).exec(page)?.[1];
    expect(errorOf(html, "funding.currency")).toBe("Write a three-letter currency code such as EUR or USD.");
    expect(errorOf(html, "rubric.criteria.0.weight")).toBe("Write a number.");
    expect(errorOf(html, "title.es")).toBe("This is required.");
    // Each control with an error says so to screen readers, and the summary links to it.
    expect(html).toMatch(/<input[^>]*id="funding\.currency"[^>]*aria-invalid="true"/);
    expect(html).toContain('href="#funding.currency"');
    // What was typed stays.
    expect(formEntries(html, editor)).toContainEqual([":funding.currency", "euro"]);

    // The rules across fields (checked once every field is well-formed) land on a control or at the top of a group.
    let crossing = await editorForm();
    crossing = withValue(crossing, "n:escalationDays", "2");
    crossing = crossing.filter(([name, value]) => !(name === "l:stages" && value === "withdrawn"));
    crossing = withValue(crossing, ":eligibility.rules.0.questionId", "shoe-size");
    const refused = await post(editor, crossing, "save");
    expect(refused.status).toBe(422);
    const page = await refused.text();
    expect(errorOf(page, "reminderDays")).toBe(
      "The reminder must come before the escalation, and the escalation no later than the decision.",
    );
    expect(errorOf(page, "eligibility.rules.0.questionId")).toBe("This rule reads a question the call does not ask.");
    expect(page).toContain('<p class="error" id="stages-error">The stage “withdrawn” is required.</p>');
    expect(page).toContain('href="#stages"');
    expect(await callItems()).toEqual(stored);
  });

  it("saves a new rubric criterion with what 1, 3 and 5 mean, in every language", async () => {
    const added = await (await post(editor, await editorForm(), "add:rubric.criteria")).text();
    const index = (await Call.get("digital-emergency")).rubric.criteria.length;
    const at = `rubric.criteria.${index}`;
    let entries = formEntries(added, editor);
    entries = withValue(entries, `:${at}.id`, "safety");
    entries = withValue(entries, `n:${at}.weight`, "2");
    for (const [lang, label] of [
      ["en", "Safety of the people"],
      ["es", "Seguridad de las personas"],
      ["pt", "Segurança das pessoas"],
    ]) {
      entries = withValue(entries, `:${at}.label.${lang}`, label!);
      for (const level of ["low", "mid", "high"])
        entries = withValue(entries, `O:${at}.scale.${level}.${lang}`, `${level} ${lang}`);
    }
    const response = await post(editor, entries, "save");
    expect(response.status).toBe(303);
    const criterion = (await Call.get("digital-emergency")).rubric.criteria[index]!;
    expect(criterion).toMatchObject({
      id: "safety",
      weight: 2,
      scale: { low: { en: "low en", es: "low es", pt: "low pt" }, high: { pt: "high pt" } },
    });
  });

  it("shows the editor in Spanish and Portuguese", async () => {
    expect(await (await get(`${editor}?lang=es`)).text()).toContain("Qué significa un 5");
    expect(await (await get(`${editor}?lang=pt`)).text()).toContain("O que significa 5");
  });
});

describe("the raw JSON import", () => {
  const json = "/staff/admin/calls/digital-emergency/json";

  it("gives the line and column of a syntax error, keeps the text, and stores nothing (400)", async () => {
    const stored = await callItems();
    const text = '{\n  "kind": "emergency",\n  "title": { "en": "x" },\n}';
    const response = await post(json, [["config", text]]);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("Line 4, column 1: This is not valid JSON.");
    expect(html).toContain("&quot;kind&quot;: &quot;emergency&quot;");
    const unterminated = await (await post(json, [["config", '{\n  "kind": "emerg']])).text();
    expect(unterminated).toContain("Line 2, column 17");
    expect(await callItems()).toEqual(stored);
  });

  it("names the path of each schema error (422) and stores nothing; a valid configuration is saved", async () => {
    const stored = await callItems();
    const call = await Call.get("digital-emergency");
    const broken = structuredClone(call) as unknown as { rubric: { criteria: { weight: unknown }[] } };
    broken.rubric.criteria[0]!.weight = "heavy";
    const refused = await post(json, [["config", JSON.stringify(broken, null, 2)]]);
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain("rubric.criteria.0.weight: Write a number.");
    expect(await callItems()).toEqual(stored);

    const renamed = { ...call, title: { ...call.title, en: "Emergency fund, renamed" } };
    // Without the version the page was opened at, nothing is saved (428); with it, the save goes through.
    expect((await post(json, [["config", JSON.stringify(renamed)]])).status).toBe(428);
    const saved = await post(json, [
      ["config", JSON.stringify(renamed)],
      ["basedOn", String(call.version)],
    ]);
    expect(saved.status).toBe(303);
    expect(saved.headers.get("Location")).toBe(`${json}?saved=1`);
    expect((await Call.get("digital-emergency")).title.en).toBe("Emergency fund, renamed");
  });
});

describe("the reviewer's scoring form", () => {
  it("shows what a 1, a 3 and a 5 mean under each criterion, in the reviewer's language", async () => {
    const coordinator = await signIn((await staffAccount(["coordinator"], ["digital-emergency"])).email);
    const reviewerAccount = await staffAccount(["reviewer"], ["digital-emergency"]);
    const reviewer = await signIn(reviewerAccount.email);
    const { id, token } = await startApplication("digital-emergency");
    await applicantRequest("PUT", `/api/v1/applications/${id}/concept-note`, token, {
      fields: { situation: "Nos bloquearon las cuentas.", need: "Dos teléfonos." },
    });
    await applicantRequest("PUT", `/api/v1/applications/${id}/funding`, token, {
      amount: 900,
      annualBudget: 0,
      months: 2,
    });
    await applicantRequest("POST", `/api/v1/applications/${id}/submit`, token);
    const review = `/api/v1/review/applications/${id}`;
    await staffRequest("POST", `${review}/assign`, coordinator.session, { reviewerIds: [reviewerAccount.id] });
    await staffRequest("POST", `${review}/conflict`, reviewer.session, { conflict: false });

    const read = async (lang: string) =>
      (
        await staffApp.request(`/staff/applications/${id}?lang=${lang}`, {
          headers: { Cookie: `staff_session=${reviewer.session}` },
        })
      ).text();
    const english = await read("en");
    expect(english).toContain(
      "<dt>5</dt><dd>An attack under way or imminent: people or their work are at risk now.</dd>",
    );
    expect(english).toContain("<dt>1</dt><dd>No present threat: the harm is past or may never come.</dd>");
    expect(await read("es")).toContain(
      "<dt>3</dt><dd>Una amenaza real que podría esperar unas semanas sin daño grave.</dd>",
    );
  });
});
