import { randomUUID } from "node:crypto";
import * as Call from "@amparo/core/call";
import * as Stage from "@amparo/core/stage";
import { app as staffApp } from "@amparo/functions/staff/index";
import { beforeAll, describe, expect, it } from "vitest";
import { formEntries, withValue } from "../support/page-form.js";
import { signIn, staffAccount } from "../support/staff.js";

/** The structured call editor's "After the award" section. */

let session = "";

beforeAll(async () => {
  session = (await signIn((await staffAccount(["admin"], [])).email)).session;
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

/** Text as the page shows it (the apostrophes of "the award's" come escaped). */
const unescape = (text: string | undefined) =>
  text
    ?.replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
const errorOf = (page: string, id: string) =>
  unescape(new RegExp(`<(?:span|p) class="error" id="${id.replace(/\./g, "\\.")}-error">([^<]*)</`).exec(page)?.[1]);
const errorSummary = (html: string) =>
  [...html.matchAll(/<li><a href="#[^"]*">([^<]*)<\/a><\/li>/g)].map((match) => unescape(match[1]));

/** A copy of a seeded call under a new id, so each test edits a call of its own. */
async function copyOf(seeded: string, change: (call: Call.Info) => Call.Info = (call) => call) {
  const { version: _version, ...config } = await Call.get(seeded);
  const call = await Call.put(change({ ...config, id: `award-${randomUUID().slice(0, 8)}` }));
  return { call, path: `/staff/admin/calls/${call.id}` };
}

const awardStageSet = new Set<string>(Stage.awardStages);

describe("the call editor's award settings", () => {
  it.each(["digital-emergency", "concept-notes-2026"])("shows the seeded call %s's award", async (callId) => {
    const path = `/staff/admin/calls/${callId}`;
    const { award } = await Call.get(callId);
    expect(award).toBeDefined();
    const html = await (await get(path)).text();
    expect(html).toContain('id="section-award"');
    const entries = formEntries(html, path);
    expect(entries).toContainEqual([":award.agreement", award!.agreement]);
    expect(entries).toContainEqual([":award.terms.en", award!.terms["en"]]);
    expect(entries).toContainEqual([":award.terms.pt", award!.terms["pt"]]);
    expect(entries).toContainEqual(["n:award.periodDays", String(award!.periodDays)]);
    for (const [index, report] of award!.reports.entries()) {
      expect(entries).toContainEqual([`:award.reports.${index}.id`, report.id]);
      expect(entries).toContainEqual([`n:award.reports.${index}.dueDays`, String(report.dueDays)]);
      expect(entries).toContainEqual([`:award.reports.${index}.title.es`, report.title["es"]]);
      expect(entries).toContainEqual([`n:award.reports.${index}.remindDays`, String(report.remindDays)]);
      for (const [at, field] of report.fields.entries()) {
        expect(entries).toContainEqual([`:award.reports.${index}.fields.${at}.id`, field.id]);
        expect(entries).toContainEqual([`n:award.reports.${index}.fields.${at}.maxWords`, String(field.maxWords)]);
      }
      for (const [at, document] of report.documents.entries()) {
        expect(entries).toContainEqual([`:award.reports.${index}.documents.${at}.id`, document.id]);
      }
    }
    const methods = entries.filter(([name, value]) => name === "l:award.paymentMethods" && value !== "");
    expect(methods.map(([, value]) => value)).toEqual(award!.paymentMethods);
    // Every award stage the call uses is ticked.
    const ticked = entries.filter(([name]) => name === "l:stages").map(([, value]) => value);
    expect(ticked).toEqual(expect.arrayContaining([...awardStageSet]));
  });

  it("saves a changed period, terms, payment methods and report, and keeps the award on other edits", async () => {
    const { call, path } = await copyOf("concept-notes-2026");
    let entries = formEntries(await (await get(path)).text(), path);
    entries = withValue(entries, "n:award.periodDays", "300");
    entries = withValue(entries, ":award.terms.es", "Condiciones nuevas.");
    entries = withValue(entries, ":award.reports.1.id", "closing");
    entries = withValue(entries, "n:award.reports.1.dueDays", "330");
    entries = withValue(entries, ":award.reports.1.title.en", "Closing report");
    // The agreement signed outside Amparo; intermediary unticked, other ticked.
    entries = entries.map(([name, value]) => [name, name === ":award.agreement" ? "outside" : value]);
    entries = entries.filter(([name, value]) => !(name === "l:award.paymentMethods" && value === "intermediary"));
    entries.push(["l:award.paymentMethods", "other"]);
    expect((await post(path, entries, "save")).status).toBe(303);

    const saved = await Call.get(call.id);
    expect(saved.award).toEqual({
      ...call.award!,
      agreement: "outside",
      terms: { ...call.award!.terms, es: "Condiciones nuevas." },
      periodDays: 300,
      reports: [
        call.award!.reports[0],
        {
          ...call.award!.reports[1]!,
          id: "closing",
          dueDays: 330,
          title: { ...call.award!.reports[1]!.title, en: "Closing report" },
        },
      ],
      paymentMethods: ["bank_transfer", "other"],
    });

    // Another section edited and saved: the award stays exactly as it was.
    let again = formEntries(await (await get(path)).text(), path);
    again = withValue(again, ":title.en", "Renamed");
    expect((await post(path, again, "save")).status).toBe(303);
    const after = await Call.get(call.id);
    expect(after.title.en).toBe("Renamed");
    expect(after.award).toEqual(saved.award);
  });

  it("removes a report by a plain post, and stores nothing until saved", async () => {
    const { call, path } = await copyOf("concept-notes-2026");
    expect(call.award!.reports.map((report) => report.id)).toEqual(["interim", "final"]);
    const removed = await post(path, formEntries(await (await get(path)).text(), path), "remove:award.reports.0");
    expect(removed.status).toBe(200);
    const html = await removed.text();
    const entries = formEntries(html, path);
    expect(entries).toContainEqual([":award.reports.0.id", "final"]);
    expect(entries.some(([name]) => name.includes("award.reports.1."))).toBe(false);
    expect((await Call.get(call.id)).award!.reports).toHaveLength(2);

    expect((await post(path, entries, "save")).status).toBe(303);
    expect((await Call.get(call.id)).award!.reports.map((report) => report.id)).toEqual(["final"]);

    // The last one removed too: the list stays, empty.
    const emptied = await (
      await post(path, formEntries(await (await get(path)).text(), path), "remove:award.reports.0")
    ).text();
    expect(emptied).not.toContain('id="award.reports.0"');
    expect((await post(path, formEntries(emptied, path), "save")).status).toBe(303);
    expect((await Call.get(call.id)).award!.reports).toEqual([]);
  });

  it("adds a report with a due date after the grant's period, a week's reminder and the narrative field", async () => {
    const { call, path } = await copyOf("digital-emergency");
    const added = await (
      await post(path, formEntries(await (await get(path)).text(), path), "add:award.reports")
    ).text();
    let entries = formEntries(added, path);
    expect(entries).toContainEqual(["n:award.reports.1.dueDays", String(call.award!.periodDays + 30)]);
    expect(entries).toContainEqual(["n:award.reports.1.remindDays", "7"]);
    expect(entries).toContainEqual([":award.reports.1.fields.0.id", "narrative"]);
    expect(entries.some(([name]) => name.startsWith(":award.reports.1.documents.0."))).toBe(false);
    entries = withValue(entries, ":award.reports.1.id", "photos");
    for (const lang of ["en", "es", "pt"])
      entries = withValue(entries, `:award.reports.1.title.${lang}`, `Photos ${lang}`);
    expect((await post(path, entries, "save")).status).toBe(303);
    expect((await Call.get(call.id)).award!.reports[1]).toEqual({
      id: "photos",
      title: { en: "Photos en", es: "Photos es", pt: "Photos pt" },
      dueDays: call.award!.periodDays + 30,
      remindDays: 7,
      fields: Call.defaultReportFields,
      documents: [],
    });
  });

  it("saves the seeded grant call unchanged without losing its reports' fields and documents", async () => {
    const path = "/staff/admin/calls/concept-notes-2026";
    const { version: before, ...stored } = await Call.get("concept-notes-2026");
    expect(stored.award!.reports.map((report) => report.documents.map((document) => document.id))).toEqual([
      ["financial-statement"],
      ["financial-statement"],
    ]);
    const entries = formEntries(await (await get(path)).text(), path);
    expect(entries).toContainEqual([":award.reports.1.documents.0.id", "financial-statement"]);
    expect(entries).toContainEqual(["b:award.reports.0.fields.1.required", "0"]);
    expect((await post(path, entries, "save")).status).toBe(303);
    const { version: after, ...saved } = await Call.get("concept-notes-2026");
    expect(after).toBeGreaterThan(before);
    expect(saved).toEqual(stored);
  });

  it("adds, changes and removes a report's fields and documents by plain posts", async () => {
    const { call, path } = await copyOf("concept-notes-2026");
    let html = await (await get(path)).text();
    html = await (await post(path, formEntries(html, path), "add:award.reports.0.fields")).text();
    html = await (await post(path, formEntries(html, path), "remove:award.reports.1.documents.0")).text();
    html = await (await post(path, formEntries(html, path), "add:award.reports.1.documents")).text();
    let entries = formEntries(html, path);
    // The new field and document start as the full application's do.
    expect(entries).toContainEqual(["n:award.reports.0.fields.2.maxWords", "300"]);
    expect(entries).toContainEqual(["M:award.reports.1.documents.0.maxBytes", "10"]);
    expect(entries).toContainEqual(["l:award.reports.1.documents.0.types", "application/pdf"]);
    expect((await Call.get(call.id)).award).toEqual(call.award);

    entries = withValue(entries, ":award.reports.0.fields.2.id", "risks");
    for (const lang of ["en", "es", "pt"]) {
      entries = withValue(entries, `:award.reports.0.fields.2.label.${lang}`, `Risks ${lang}`);
      entries = withValue(entries, `:award.reports.1.documents.0.label.${lang}`, `Receipts ${lang}`);
    }
    entries = withValue(entries, ":award.reports.1.documents.0.id", "receipts");
    entries = withValue(entries, "M:award.reports.1.documents.0.maxBytes", "2");
    entries = withValue(entries, "n:award.reports.0.remindDays", "21");
    expect((await post(path, entries, "save")).status).toBe(303);

    const [interim, final] = (await Call.get(call.id)).award!.reports;
    expect(interim).toEqual({
      ...call.award!.reports[0]!,
      remindDays: 21,
      fields: [
        ...call.award!.reports[0]!.fields,
        { id: "risks", label: { en: "Risks en", es: "Risks es", pt: "Risks pt" }, maxWords: 300, required: true },
      ],
    });
    expect(final!.documents).toEqual([
      {
        id: "receipts",
        label: { en: "Receipts en", es: "Receipts es", pt: "Receipts pt" },
        required: true,
        maxBytes: 2 * 1024 * 1024,
        types: ["application/pdf"],
      },
    ]);
    expect(final!.fields).toEqual(call.award!.reports[1]!.fields);
  });

  it("refuses a report with no field, naming it as the page does", async () => {
    const { call, path } = await copyOf("digital-emergency");
    const html = await (
      await post(path, formEntries(await (await get(path)).text(), path), "remove:award.reports.0.fields.0")
    ).text();
    const refused = await post(path, formEntries(html, path), "save");
    expect(refused.status).toBe(422);
    const page = await refused.text();
    expect(errorOf(page, "award.reports.0.fields")).toBe("Add at least 1.");
    expect(errorSummary(page)).toContain("After the award › Report 1 › What the report asks: Add at least 1.");
    expect(await Call.get(call.id)).toEqual(call);
  });

  it("refuses the award's stages without its settings, saying so in the section", async () => {
    const { call, path } = await copyOf("digital-emergency");
    const html = await (await get(path)).text();
    // Removing the settings unticks the award's stages, so the call still saves.
    const excluded = await (await post(path, formEntries(html, path), "exclude:award")).text();
    expect(excluded).toContain('value="include:award"');
    expect(excluded).not.toContain('id="award.terms.en"');
    const withoutAward = formEntries(excluded, path);
    const ticked = withoutAward.filter(([name]) => name === "l:stages").map(([, value]) => value);
    expect(ticked.filter((stage) => awardStageSet.has(stage))).toEqual([]);

    // Ticking an award stage again without the settings: refused, the error in the section and the summary.
    const refused = await post(path, [...withoutAward, ["l:stages", "agreed"]], "save");
    expect(refused.status).toBe(422);
    const page = await refused.text();
    expect(errorOf(page, "award")).toBe(
      "These stages need the award's settings: the grant terms, the period and how the money may be paid.",
    );
    expect(page).toContain('href="#award"');
    expect(errorSummary(page)).toContain(
      "After the award: These stages need the award's settings: the grant terms, the period and how the money may be paid.",
    );
    expect(await Call.get(call.id)).toEqual(call);

    // Saved without: no award, no award stage.
    expect((await post(path, withoutAward, "save")).status).toBe(303);
    const saved = await Call.get(call.id);
    expect(saved.award).toBeUndefined();
    expect(saved.stages.filter((stage) => awardStageSet.has(stage))).toEqual([]);
  });

  it("sets up the award on a call without one: its stages ticked, its terms asked in each language", async () => {
    const { call, path } = await copyOf("digital-emergency", ({ award: _award, ...rest }) => ({
      ...rest,
      stages: rest.stages.filter((stage) => !awardStageSet.has(stage)),
    }));
    const start = await (await get(path)).text();
    expect(start).toContain("This call has no settings for what follows an approval");
    const included = await (await post(path, formEntries(start, path), "include:award")).text();
    let entries = formEntries(included, path);
    const ticked = entries.filter(([name]) => name === "l:stages").map(([, value]) => value);
    expect(ticked).toEqual(expect.arrayContaining([...awardStageSet]));
    expect(entries).toContainEqual([":award.agreement", "in_amparo"]);

    // The terms left empty: each language's box says so.
    const refused = await post(path, entries, "save");
    expect(refused.status).toBe(422);
    const page = await refused.text();
    expect(errorOf(page, "award.terms.es")).toBe("This is required.");
    expect(errorSummary(page)).toContain("After the award › Grant terms (Spanish): This is required.");

    entries = formEntries(page, path);
    for (const lang of ["en", "es", "pt"]) entries = withValue(entries, `:award.terms.${lang}`, `Terms ${lang}`);
    entries = withValue(entries, "n:award.periodDays", "90");
    expect((await post(path, entries, "save")).status).toBe(303);
    const saved = await Call.get(call.id);
    expect(saved.award).toEqual({
      agreement: "in_amparo",
      terms: { en: "Terms en", es: "Terms es", pt: "Terms pt" },
      periodDays: 90,
      reports: [],
      paymentMethods: ["bank_transfer", "intermediary", "other"],
    });
    expect(saved.stages).toEqual(expect.arrayContaining([...awardStageSet]));
  });

  it("exports the award as JSON and imports a changed one", async () => {
    const { call, path } = await copyOf("concept-notes-2026");
    const exported = await (await get(`${path}/json`)).text();
    expect(exported).toContain("&quot;paymentMethods&quot;");
    const { version, ...config } = call;
    const changed = { ...config, award: { ...config.award!, periodDays: 200, paymentMethods: ["intermediary"] } };
    const saved = await post(
      `${path}/json`,
      [
        ["config", JSON.stringify(changed)],
        ["basedOn", String(version)],
      ],
      "",
    );
    expect(saved.status).toBe(303);
    expect((await Call.get(call.id)).award).toEqual(changed.award);
  });

  it("shows the section in Spanish and Portuguese", async () => {
    const path = "/staff/admin/calls/digital-emergency";
    expect(await (await get(`${path}?lang=es`)).text()).toContain("Después de la concesión");
    expect(await (await get(`${path}?lang=pt`)).text()).toContain("Depois da concessão");
  });
});
