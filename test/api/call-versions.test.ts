import { randomUUID } from "node:crypto";
import * as Application from "@amparo/core/application";
import * as Call from "@amparo/core/call";
import * as Dynamo from "@amparo/core/dynamo";
import * as Seed from "@amparo/core/seed";
import { app as staffApp } from "@amparo/functions/staff/index";
import { beforeAll, describe, expect, it } from "vitest";
import { applicantRequest, emergencyAnswers } from "../support/applications.js";
import { postJson } from "../support/http.js";
import { formEntries } from "../support/page-form.js";
import { signIn, staffAccount } from "../support/staff.js";

let session = "";

beforeAll(async () => {
  session = (await signIn((await staffAccount(["admin"], [])).email)).session;
}, 60_000);

/** A call of this test's own (a copy of the seeded emergency fund), so editing it disturbs no other test. */
async function freshCall(): Promise<Call.Stored> {
  return Call.put({ ...Seed.calls[0]!, id: `versions-${randomUUID().slice(0, 8)}` });
}

async function apply(callId: string): Promise<{ id: string; token: string }> {
  const response = await postJson("/api/v1/applications", {
    callId,
    language: "en",
    eligibility: { answers: emergencyAnswers },
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; token: string };
}

const words = (count: number) => Array.from({ length: count }, () => "word").join(" ");

/** What the applicant sees of their note's word limits, as the API reports them after a save. */
async function situationLimit(app: { id: string; token: string }): Promise<{ words: number; maxWords: number }> {
  const response = await applicantRequest("PUT", `/api/v1/applications/${app.id}/concept-note`, app.token, {
    fields: { situation: words(100), need: "Two phones." },
  });
  expect(response.status).toBe(200);
  const { fields } = (await response.json()) as { fields: Record<string, { words: number; maxWords: number }> };
  const { words: counted, maxWords } = fields["situation"]!;
  return { words: counted, maxWords };
}

const putCall = (callId: string, config: unknown, ifMatch?: string) =>
  staffApp.request(`/api/v1/admin/calls/${callId}`, {
    method: "PUT",
    headers: {
      Authorization: `Bearer ${session}`,
      "Content-Type": "application/json",
      ...(ifMatch === undefined ? {} : { "If-Match": ifMatch }),
    },
    body: JSON.stringify(config),
  });

const configOf = ({ version: _version, ...config }: Call.Stored): Call.Info => config;

describe("call versions", () => {
  it("keeps each application on the version of the call it was made under, with the call's dates as they are now", async () => {
    const v1 = await freshCall();
    const before = await apply(v1.id);

    // The admin tightens the note's limit, changes the currency and replaces a rubric criterion.
    const edited: Call.Info = {
      ...configOf(v1),
      conceptNote: {
        fields: v1.conceptNote.fields.map((field) => (field.id === "situation" ? { ...field, maxWords: 50 } : field)),
      },
      funding: { ...v1.funding, currency: "BRL" },
      rubric: { criteria: [{ ...v1.rubric.criteria[0]!, id: "impact", weight: 1 }] },
    };
    const v2 = await Call.put(edited);
    expect(v2.version).toBe(v1.version + 1);
    const after = await apply(v1.id);

    expect(await situationLimit(before)).toEqual({ words: 100, maxWords: 300 });
    expect(await situationLimit(after)).toEqual({ words: 100, maxWords: 50 });
    const beforeCall = await Call.forApplication((await Application.fromID(before.id))!);
    const afterCall = await Call.forApplication((await Application.fromID(after.id))!);
    expect(beforeCall.funding.currency).toBe(v1.funding.currency);
    expect(beforeCall.rubric.criteria.map((criterion) => criterion.id)).toEqual(
      v1.rubric.criteria.map((criterion) => criterion.id),
    );
    expect(afterCall.funding.currency).toBe("BRL");
    expect(afterCall.rubric.criteria.map((criterion) => criterion.id)).toEqual(["impact"]);

    // Pausing the call is not a matter of version: it closes the call for every application.
    await Call.put({ ...edited, paused: true });
    expect((await Call.forApplication({ callId: v1.id, callVersion: 1 })).paused).toBe(true);
    expect((await Call.forApplication({ callId: v1.id, callVersion: 1 })).funding.currency).toBe(v1.funding.currency);
  });

  it("keeps a call stored before versions existed as version 1 for the applications made then", async () => {
    const call = await freshCall();
    const early = await apply(call.id);
    // As the item looked before versions: the configuration alone, no version, no saved versions beside it.
    await Dynamo.put({ ...Dynamo.Key.call(call.id), ...Dynamo.Index.call(call.id), config: configOf(call) });
    await Dynamo.remove(Dynamo.Key.callVersion(call.id, 1));
    const narrowed = {
      ...configOf(call),
      conceptNote: {
        fields: call.conceptNote.fields.map((field) => (field.id === "situation" ? { ...field, maxWords: 50 } : field)),
      },
    };
    expect((await Call.put(narrowed)).version).toBe(2);
    expect(await situationLimit(early)).toEqual({ words: 100, maxWords: 300 });
  });
});

describe("saving a call that someone else saved meanwhile", () => {
  it("refuses, over the API, a save based on an older version (409) and keeps the other admin's", async () => {
    const call = await freshCall();
    const config = configOf(call);
    const first = await putCall(call.id, { ...config, decisionDays: 12 }, `"${call.version}"`);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ id: call.id, version: call.version + 1 });
    expect(first.headers.get("ETag")).toBe(`"${call.version + 1}"`);

    const second = await putCall(call.id, { ...config, decisionDays: 13 }, `"${call.version}"`);
    expect(second.status).toBe(409);
    expect(second.headers.get("Content-Type")).toContain("application/problem+json");
    expect(((await second.json()) as { detail: string }).detail).toMatch(/Someone else saved this call/);
    expect((await Call.get(call.id)).decisionDays).toBe(12);

    // Based on the version the first save answered, it goes through; "0" means "only if the call is new".
    expect((await putCall(call.id, { ...config, decisionDays: 13 }, `"${call.version + 1}"`)).status).toBe(200);
    expect((await putCall(call.id, config, '"0"')).status).toBe(409);
    const created = await putCall(`${call.id}-new`, { ...config, id: `${call.id}-new` }, '"0"');
    expect(await created.json()).toEqual({ id: `${call.id}-new`, version: 1 });
    expect((await putCall(call.id, config, "soon")).status).toBe(400);
  });

  it("refuses, in the structured editor, a save over another admin's, keeping what this admin wrote on the page", async () => {
    const call = await freshCall();
    const path = `/staff/admin/calls/${call.id}`;
    const open = async () =>
      formEntries(
        await (await staffApp.request(path, { headers: { Cookie: `staff_session=${session}` } })).text(),
        path,
      );
    const save = (entries: [string, string][]) =>
      staffApp.request(path, {
        method: "POST",
        headers: {
          Cookie: `staff_session=${session}`,
          "Content-Type": "application/x-www-form-urlencoded",
          "Sec-Fetch-Site": "same-origin",
        },
        body: new URLSearchParams([...entries, ["action", "save"]]).toString(),
      });
    const days = (entries: [string, string][]) => entries.find(([name]) => name.endsWith(":decisionDays"))!;
    const withDays = (entries: [string, string][], value: string) =>
      entries.map(([name, old]): [string, string] => [name, name === days(entries)[0] ? value : old]);

    // Two admins open the same call; both change the decision days.
    const [mine, theirs] = [await open(), await open()];
    const control = days(mine)[0];
    expect((await save(withDays(theirs, "16"))).status).toBe(200);
    const refused = await save(withDays(mine, "18"));
    expect(refused.status).toBe(409);
    const page = await refused.text();
    expect(page).toContain("Someone else saved this call after you opened it");
    expect(formEntries(page, path)).toContainEqual([control, "18"]);
    expect((await Call.get(call.id)).decisionDays).toBe(16);

    // Opened again, the editor shows the other admin's save, and saving from there works.
    const reopened = await open();
    expect(reopened).toContainEqual([control, "16"]);
    expect((await save(withDays(reopened, "18"))).status).toBe(200);
    expect((await Call.get(call.id)).decisionDays).toBe(18);
  });
});
