import { afterEach, describe, expect, it } from "vitest";
import * as Application from "@amparo/core/application";
import * as Call from "@amparo/core/call";
import * as Clock from "@amparo/core/clock";
import * as Dynamo from "@amparo/core/dynamo";
import { ApplicationChangedError, InvalidInputError, StageConflictError, UnprocessableError } from "@amparo/core/error";
import * as Upload from "@amparo/core/upload";
import { emergencyAnswers } from "../support/answers.js";
import { pdf } from "../support/files.js";

/**
 * A part declared as a new one would be (here: evidence of an attack, a statement and a file), through the one
 * save, the one upload flow and the one sending check every part uses, on the real stand-ins.
 */
const text = (en: string) => ({ en, es: en, pt: en });
const declaration: Application.PartDeclaration = {
  name: "evidence",
  messages: {
    unknownField: "application.unknown_field",
    tooLong: "error.note_too_long",
    fileMissing: "submit.document_missing",
  },
  fields: () => [
    { id: "statement", label: text("What happened"), help: text("In your words."), maxWords: 20, required: true },
  ],
  files: () => [
    { id: "screenshot", label: text("A screenshot"), required: true, types: ["application/pdf"], maxBytes: 100_000 },
  ],
  writableIn: ["draft"],
};
const evidence = Application.declarePart(declaration);

async function draft(): Promise<{ app: Application.Info; call: Call.Info }> {
  const { id } = await Application.create({
    callId: "digital-emergency",
    language: "en",
    eligibility: { answers: emergencyAnswers },
  });
  const app = (await Application.fromID(id))!;
  return { app, call: await Call.forApplication(app) };
}

const reread = async (app: Application.Info) => (await Application.fromID(app.id))!;
const rawItem = async (app: Application.Info) => JSON.stringify(await Dynamo.get(Dynamo.Key.application(app.id)));

/** A PDF taken as the screenshot in two steps, as a browser would: presigned, posted to S3, then confirmed. */
async function uploaded(app: Application.Info, call: Call.Info, bytes: Buffer, fileName: string) {
  const presigned = await Application.startPartUpload(evidence, call, app, "screenshot", {
    fileName,
    contentType: "application/pdf",
    size: bytes.length,
  });
  const form = new FormData();
  for (const [name, value] of Object.entries(presigned.fields)) form.append(name, value);
  form.append("file", new Blob([new Uint8Array(bytes)], { type: "application/pdf" }), fileName);
  expect((await fetch(presigned.url, { method: "POST", body: form, redirect: "manual" })).status).toBeLessThan(400);
  return Application.confirmPartUpload(evidence, call, await reread(app), "screenshot");
}

afterEach(() => Clock.reset());

describe("a declared part", () => {
  it("keeps its text sealed, with the words counted on save, and reads it back", async () => {
    const { app, call } = await draft();
    const statement = "They took over our channel at dawn and posted threats in our name";
    const report = await Application.savePartTexts(evidence, call, app, { fields: { statement } });
    expect(report).toEqual({ fields: { statement: { words: 13, maxWords: 20, ok: true } }, complete: true });
    const saved = await reread(app);
    expect(evidence.read(saved).texts).toEqual({ statement });
    expect(saved.version).toBe(app.version + 1);
    const raw = await rawItem(app);
    expect(raw).toContain('"wordCounts":{"statement":13}');
    expect(raw).not.toContain("channel at dawn");
  });

  it("refuses an unknown field and text no honest note could be, and changes nothing", async () => {
    const { app, call } = await draft();
    await expect(Application.savePartTexts(evidence, call, app, { fields: { other: "x" } })).rejects.toMatchObject({
      constructor: InvalidInputError,
      code: "evidence.unknown_field",
    });
    await expect(
      Application.savePartTexts(evidence, call, app, { fields: { statement: "x".repeat(5_000) } }),
    ).rejects.toMatchObject({ constructor: UnprocessableError, code: "evidence.too_long" });
    expect((await reread(app)).version).toBe(app.version);
  });

  it("refuses a save made from an older version, and one outside the stages it may be written in", async () => {
    const { app, call } = await draft();
    await Application.savePartTexts(evidence, call, app, { fields: { statement: "first" } });
    await expect(
      Application.savePartTexts(evidence, call, app, { fields: { statement: "second tab" } }),
    ).rejects.toBeInstanceOf(ApplicationChangedError);
    expect(evidence.read(await reread(app)).texts["statement"]).toBe("first");
    const later = Application.declarePart({ ...declaration, writableIn: ["more_info"] });
    await expect(
      Application.savePartTexts(later, call, await reread(app), { fields: { statement: "x" } }),
    ).rejects.toBeInstanceOf(StageConflictError);
  });

  it("takes a file in two steps, checked and hashed, its name sealed, refusing a type the slot does not allow", async () => {
    const { app, call } = await draft();
    await expect(
      Application.startPartUpload(evidence, call, app, "screenshot", {
        fileName: "shot.csv",
        contentType: "text/csv",
        size: 10,
      }),
    ).rejects.toMatchObject({ code: "upload.not_allowed" });
    await expect(
      Application.startPartUpload(evidence, call, app, "nothing", {
        fileName: "shot.pdf",
        contentType: "application/pdf",
        size: 10,
      }),
    ).rejects.toMatchObject({ code: "document.not_found" });

    const bytes = pdf();
    const file = await uploaded(app, call, bytes, "captura del ataque.pdf");
    expect(file).toMatchObject({
      fileName: "captura del ataque.pdf",
      contentType: "application/pdf",
      size: bytes.length,
    });
    const saved = await reread(app);
    expect(evidence.read(saved).files["screenshot"]?.sha256).toBe(file.sha256);
    expect(evidence.read(saved).pending).toEqual({});
    expect((await Upload.read(file.key, file.sha256)).equals(bytes)).toBe(true);
    const raw = await rawItem(app);
    expect(raw).toContain(file.key);
    expect(raw).not.toContain("captura");
    expect(raw).not.toContain(file.sha256);
  });

  it("says what keeps it from being sent: the required field and the required file, each named", async () => {
    const { app, call } = await draft();
    expect(Application.partProblems(evidence, call, app)).toEqual([
      { path: "fields.statement", message: "submit.field_missing", params: { field: text("What happened") } },
      { path: "files.screenshot", message: "submit.document_missing", params: { document: text("A screenshot") } },
    ]);
  });

  it("is deleted with an abandoned draft, files included", async () => {
    const { app, call } = await draft();
    const file = await uploaded(app, call, pdf(), "shot.pdf");

    Clock.advance((call.draftRetentionDays + 1) * 86_400_000);
    expect(await Application.sweepAbandonedDrafts()).toBeGreaterThanOrEqual(1);
    expect(await Application.fromID(app.id)).toBeUndefined();
    await expect(Upload.read(file.key, file.sha256)).rejects.toThrow();
  });
});
