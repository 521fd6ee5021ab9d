import * as Call from "@amparo/core/call";
import { app as apply } from "@amparo/functions/apply/index";
import { app as staffApp } from "@amparo/functions/staff/index";
import { beforeAll, describe, expect, it } from "vitest";
import { formEntries } from "../support/page-form.js";
import { signIn, staffAccount } from "../support/staff.js";

let session = "";

beforeAll(async () => {
  session = (await signIn((await staffAccount(["admin"], [])).email)).session;
}, 60_000);

const get = (path: string) => staffApp.request(path, { headers: { Cookie: `staff_session=${session}` } });
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

/** The form with only Portuguese ticked as a text language, every required Portuguese box written, ids given. */
function inPortugueseOnly(entries: [string, string][]): [string, string][] {
  return entries
    .filter(([name, value]) => !(name === "l:textLanguages" && (value === "en" || value === "es")))
    .map(([name, value]): [string, string] => {
      if (value !== "") return [name, value];
      if (/^:.*\.pt$/.test(name)) return [name, `Texto ${name.slice(1)}`];
      if (/^:.*\.id$/.test(name)) return [name, `item-${name.split(".")[0]!.slice(1).toLowerCase()}`];
      return [name, value];
    });
}

const errorSummary = (html: string) =>
  [...html.matchAll(/<li><a href="#[^"]*">([^<]*)<\/a><\/li>/g)].map((match) => match[1]);

describe("a call written in one language", () => {
  it("is made in Portuguese alone: only Portuguese boxes are asked, errors name the field as labelled, and it saves", async () => {
    const id = `fundo-${Math.random().toString(36).slice(2, 8)}`;
    const path = `/staff/admin/calls/${id}`;
    const blank = formEntries(await (await get(path)).text(), path);

    // Saving with the three languages ticked asks each text in each; the summary names them as the page does.
    const refused = await post(path, blank, "save");
    expect(refused.status).toBe(422);
    expect(errorSummary(await refused.text())).toContain("Title (Portuguese): This is required.");

    // Ticking Portuguese alone and checking: only its boxes remain, and nothing in English or Spanish is asked.
    const checked = await post(path, inPortugueseOnly(blank), "check");
    const page = await checked.text();
    const names = formEntries(page, path).map(([name]) => name);
    expect(names).toContain(":title.pt");
    expect(names).not.toContain(":title.en");
    expect(names).not.toContain(":title.es");
    expect(checked.status).toBe(200);
    // The concept note field's help is optional: not asked in any language.
    expect(names).toContain("O:conceptNote.fields.0.help.pt");

    const saved = await post(path, formEntries(page, path), "save");
    expect(saved.status).toBe(303);
    const call = await Call.get(id);
    expect(call.textLanguages).toEqual(["pt"]);
    expect(call.title).toEqual({ pt: "Texto title.pt" });
  });

  it("is read in its language by a reader of another, with lang set and a notice in the reader's own", async () => {
    const id = `fundo-${Math.random().toString(36).slice(2, 8)}`;
    const path = `/staff/admin/calls/${id}`;
    const page = await (
      await post(path, inPortugueseOnly(formEntries(await (await get(path)).text(), path)), "check")
    ).text();
    expect((await post(path, formEntries(page, path), "save")).status).toBe(303);
    const stored = await Call.get(id);
    await Call.put({ ...stored, paused: false, title: { pt: "Fundo de emergência" } }, { basedOn: stored.version });

    const english = await (await apply.request(`/apply/${id}?lang=en`)).text();
    expect(english).toContain('<h1><span lang="pt">Fundo de emergência</span></h1>');
    expect(english).toContain("This call is written in Portuguese; the rest of the page is in English.");
    const spanish = await (await apply.request(`/apply/${id}?lang=es`)).text();
    expect(spanish).toContain("Esta convocatoria está escrita en portugués");
    const portuguese = await (await apply.request(`/apply/${id}?lang=pt`)).text();
    expect(portuguese).toContain("<h1>Fundo de emergência</h1>");
    expect(portuguese).not.toContain("está escrita em");

    const api = await (await apply.request(`/api/v1/calls/${id}?lang=en`)).json();
    expect(api).toMatchObject({ title: "Fundo de emergência", textLanguage: "pt" });
  });
});

describe("opening a call", () => {
  it("asks first when it has no quiz, coordinator or reviewer, previews the quiz, and goes back with nothing lost", async () => {
    const id = `aberta-${Math.random().toString(36).slice(2, 8)}`;
    const path = `/staff/admin/calls/${id}`;
    const checked = await (
      await post(path, inPortugueseOnly(formEntries(await (await get(path)).text(), path)), "check")
    ).text();
    const opening = formEntries(checked, path).map(([name, value]): [string, string] =>
      name === "b:paused" ? [name, "0"] : [name, value],
    );
    const asked = await post(path, opening, "save");
    expect(asked.status).toBe(200);
    const confirmation = await asked.text();
    expect(confirmation).toContain("Open this call now?");
    expect(confirmation).toContain("It has no eligibility questions");
    expect(confirmation).toContain("No coordinator is assigned to it");
    expect(confirmation).toContain("No reviewer is assigned to it");
    expect(confirmation).toContain("No questions: applicants go straight to starting an application.");
    expect(await Call.fromID(id)).toBeUndefined();

    // Back to the editor: the working copy comes back whole, still unsaved.
    const back = await post(path, formEntries(confirmation, path), "check");
    expect(back.status).toBe(200);
    expect(formEntries(await back.text(), path)).toContainEqual([":title.pt", "Texto title.pt"]);
    expect(await Call.fromID(id)).toBeUndefined();

    // Opening anyway saves it, open.
    const opened = await post(path, formEntries(confirmation, path), "save");
    expect(opened.status).toBe(303);
    expect(Call.status(await Call.get(id))).toBe("open");
  });

  it("does not ask when the call has a quiz and people to read what arrives, or stays closed", async () => {
    const stored = await Call.get("digital-emergency");
    const closed = { ...stored, paused: true };
    expect(Call.openingGaps(stored, closed, [])).toEqual(["no_coordinator", "no_reviewer"]);
    const staff = [
      { roles: ["coordinator"], callIds: [stored.id] },
      { roles: ["reviewer"], callIds: [stored.id] },
    ];
    expect(Call.openingGaps(stored, closed, staff)).toEqual([]);
    expect(Call.openingGaps(stored, stored, [])).toEqual([]);
    expect(Call.openingGaps(closed, undefined, [])).toEqual([]);
    const gone = [
      { roles: ["coordinator", "reviewer"], callIds: [stored.id], deactivatedAt: "2026-01-01T00:00:00.000Z" },
    ];
    expect(Call.openingGaps(stored, closed, gone)).toEqual(["no_coordinator", "no_reviewer"]);
  });
});
