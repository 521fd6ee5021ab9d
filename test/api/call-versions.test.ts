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
import { signIn, staffAccount, stepUpCode } from "../support/staff.js";

let session = "";
let adminEmail = "";

beforeAll(async () => {
  adminEmail = (await staffAccount(["admin"], [])).email;
  session = (await signIn(adminEmail)).session;
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

const putCall = (callId: string, config: unknown, ifMatch?: string, as: string | null = session) =>
  staffApp.request(`/api/v1/admin/calls/${callId}`, {
    method: "PUT",
    headers: {
      ...(as === null ? {} : { Authorization: `Bearer ${as}` }),
      "Content-Type": "application/json",
      ...(ifMatch === undefined ? {} : { "If-Match": ifMatch }),
    },
    body: typeof config === "string" ? config : JSON.stringify(config),
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
    expect((await save(withDays(theirs, "16"))).status).toBe(303);
    const refused = await save(withDays(mine, "18"));
    expect(refused.status).toBe(409);
    const page = await refused.text();
    expect(page).toContain("Someone else saved this call after you opened it");
    expect(formEntries(page, path)).toContainEqual([control, "18"]);
    expect((await Call.get(call.id)).decisionDays).toBe(16);

    // Opened again, the editor shows the other admin's save, and saving from there works.
    const reopened = await open();
    expect(reopened).toContainEqual([control, "16"]);
    expect((await save(withDays(reopened, "18"))).status).toBe(303);
    expect((await Call.get(call.id)).decisionDays).toBe(18);
  });
});

describe("every save of a call names what it is made on", () => {
  it("answers 428 without If-Match, after 401 and 403 and before reading the body, and saves nothing", async () => {
    const call = await freshCall();
    const changed = { ...configOf(call), decisionDays: 21 };
    const missing = await putCall(call.id, changed);
    expect(missing.status).toBe(428);
    expect(missing.headers.get("Content-Type")).toContain("application/problem+json");
    expect(((await missing.json()) as { detail: string }).detail).toMatch(/does not name the version/);
    expect((await Call.get(call.id)).decisionDays).toBe(call.decisionDays);

    // The order of answers: no session 401, a session without the role 403, then 428, whatever the body holds.
    const reviewer = (await signIn((await staffAccount(["reviewer"], [call.id])).email)).session;
    expect((await putCall(call.id, "{not json", undefined, null)).status).toBe(401);
    expect((await putCall(call.id, "{not json", undefined, reviewer)).status).toBe(403);
    expect((await putCall(call.id, "{not json")).status).toBe(428);
    expect((await putCall(call.id, "{not json", `"${call.version}"`)).status).toBe(400);
  }, 60_000);

  it("takes If-Match: * as whatever is there, and answers 412 for a call that does not exist", async () => {
    const call = await freshCall();
    const saved = await putCall(call.id, { ...configOf(call), decisionDays: 11 }, "*");
    expect(saved.status).toBe(200);
    expect(await saved.json()).toEqual({ id: call.id, version: call.version + 1 });
    const absent = `${call.id}-absent`;
    const refused = await putCall(absent, { ...configOf(call), id: absent }, "*");
    expect(refused.status).toBe(412);
    expect(await Call.fromID(absent)).toBeUndefined();
  });

  it("refuses the editor's post without its version with 428, on its page with the message, saving nothing", async () => {
    const call = await freshCall();
    const path = `/staff/admin/calls/${call.id}`;
    const page = await (await staffApp.request(path, { headers: { Cookie: `staff_session=${session}` } })).text();
    const entries = formEntries(page, path)
      .filter(([name]) => name !== "basedOn")
      .map(([name, value]): [string, string] => [name, name.endsWith(":decisionDays") ? "19" : value]);
    const response = await staffApp.request(path, {
      method: "POST",
      headers: {
        Cookie: `staff_session=${session}`,
        "Content-Type": "application/x-www-form-urlencoded",
        "Sec-Fetch-Site": "same-origin",
      },
      body: new URLSearchParams([...entries, ["action", "save"]]).toString(),
    });
    expect(response.status).toBe(428);
    const answer = await response.text();
    expect(answer).toContain("does not name the version it was made on");
    expect(answer).toContain('id="call-editor"');
    expect((await Call.get(call.id)).decisionDays).toBe(call.decisionDays);
  });
});

describe("changing how long a call keeps content", () => {
  it("needs a fresh second-factor code beside the configuration, which is never stored with the call", async () => {
    const call = await freshCall();
    const shorter = { ...configOf(call), retentionDays: 1 };
    const refused = await putCall(call.id, shorter, `"${call.version}"`);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { code: string }).code).toBe("auth.step_up_required");
    expect((await Call.get(call.id)).retentionDays).toBe(call.retentionDays);

    // Other changes need no code; a retention change with one goes through, and the code is not kept.
    expect((await putCall(call.id, { ...configOf(call), decisionDays: 12 }, `"${call.version}"`)).status).toBe(200);
    const code = await stepUpCode(adminEmail);
    const saved = await putCall(call.id, { ...shorter, decisionDays: 12, code }, `"${call.version + 1}"`);
    expect(saved.status).toBe(200);
    const stored = await Dynamo.get(Dynamo.Key.call(call.id));
    expect(stored?.["config"]).toMatchObject({ retentionDays: 1 });
    expect(JSON.stringify(stored)).not.toContain(code);
    expect(stored?.["config"]).not.toHaveProperty("code");
  }, 60_000);
});
