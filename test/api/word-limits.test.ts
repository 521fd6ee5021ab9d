import { formatNumber } from "@amparo/core/i18n";
import { app as apply } from "@amparo/functions/apply/index";
import * as Dynamo from "@amparo/core/dynamo";
import { describe, expect, it } from "vitest";
import { applicantRequest, bearer, startApplication, uploadBudget } from "../support/applications.js";
import { checkAgainstContract } from "../support/contract.js";
import { pdf } from "../support/files.js";
import { everyItem } from "../support/http.js";
import { asciiJson, glued, khmerText } from "../support/notes.js";

type Problem = { status: number; detail: string; errors?: { path: string; message: string }[] };
type Report = { fields: Record<string, { words: number; maxWords: number; ok: boolean }>; complete: boolean };
type View = { stage: string; conceptNote: { fields: Record<string, string>; words?: Record<string, number> } };

const applicationItem = async (id: string) => {
  const key = Dynamo.Key.application(id);
  return (await everyItem()).find((item) => item["pk"] === key.pk && item["sk"] === key.sk)!;
};

const read = async (id: string, token: string) =>
  (await (await applicantRequest("GET", `/api/v1/applications/${id}`, token)).json()) as View;

/** Funding that meets each seeded call's rules. */
const funding = {
  "digital-emergency": { amount: 2_400, annualBudget: 0, months: 3 },
  "concept-notes-2026": { amount: 18_000, annualBudget: 20_000, months: 12 },
};

describe("word limits", () => {
  it("refuses at submission (422, naming the field) a note whose words are glued by invisible characters", async () => {
    const { id, token } = await startApplication("digital-emergency");
    // 301 words for a 300-word limit, each pair joined by something a reader cannot see or sees as a space.
    const joiners = ["\u200B", "\u2060", "\u200C", "\u202F", "\u00AD", "\uFEFF", "\u200D"];
    const situation = glued("palabra", 301, joiners);
    const saved = await applicantRequest("PUT", `/api/v1/applications/${id}/concept-note`, token, {
      fields: { situation, need: "Two phones." },
    });
    expect(saved.status).toBe(200);
    expect(((await saved.json()) as Report).fields["situation"]).toEqual({ words: 301, maxWords: 300, ok: false });
    await applicantRequest("PUT", `/api/v1/applications/${id}/funding`, token, funding["digital-emergency"]);

    const submitted = await applicantRequest("POST", `/api/v1/applications/${id}/submit`, token);
    expect(submitted.status).toBe(422);
    expect(((await submitted.json()) as Problem).errors).toEqual([
      { path: "conceptNote.situation", message: "What is happening?: 301 words, more than the 300 allowed." },
    ]);
    expect((await read(id, token)).stage).toBe("draft");
  });

  it("accepts a Khmer note at its full word limit, sent as escaped JSON, stores its counts and submits", async () => {
    const { id, token } = await startApplication("concept-notes-2026", { language: "km" });
    const limits = { problem: 400, approach: 500, outcomes: 300, organisation: 250 };
    const fields = Object.fromEntries(Object.entries(limits).map(([field, words]) => [field, khmerText(words)]));
    // As a Python client sends it (json.dumps escapes every non-ASCII character): six bytes a character.
    const path = `/api/v1/applications/${id}/concept-note`;
    const response = await checkAgainstContract(
      "PUT",
      path,
      await apply.request(path, {
        method: "PUT",
        headers: { ...bearer(token), "Content-Type": "application/json" },
        body: asciiJson({ fields }),
      }),
    );
    expect(response.status).toBe(200);
    const report = (await response.json()) as Report;
    for (const [field, words] of Object.entries(limits)) {
      expect(report.fields[field]).toEqual({ words, maxWords: words, ok: true });
    }
    expect(report.complete).toBe(true);

    const back = await read(id, token);
    expect(back.conceptNote.fields).toEqual(fields);
    expect(back.conceptNote.words).toEqual(limits);

    await applicantRequest("PUT", `/api/v1/applications/${id}/funding`, token, funding["concept-notes-2026"]);
    await uploadBudget(id, token, pdf(), "application/pdf", "budget.pdf");
    await applicantRequest("POST", `/api/v1/applications/${id}/budget-file/confirm`, token);
    const submitted = await applicantRequest("POST", `/api/v1/applications/${id}/submit`, token);
    expect(submitted.status).toBe(200);
  });

  it("refuses a field longer in characters than its word limit could need (422) and stores nothing", async () => {
    const { id, token } = await startApplication("digital-emergency");
    await applicantRequest("PUT", `/api/v1/applications/${id}/concept-note`, token, {
      fields: { situation: "Our phones were seized." },
    });
    const before = await applicationItem(id);
    // 300 words at 25 characters a word is 7,500 characters; this is one "word" of 7,501.
    const response = await applicantRequest("PUT", `/api/v1/applications/${id}/concept-note`, token, {
      fields: { situation: "a".repeat(7_501), need: "Two phones." },
    });
    expect(response.status).toBe(422);
    const problem = (await response.json()) as Problem;
    expect(problem.errors).toEqual([
      {
        path: "fields.situation",
        message: `What is happening?: longer than the ${formatNumber("en", 7_500)} characters this part may hold. Nothing was saved; please shorten it.`,
      },
    ]);
    expect(await applicationItem(id)).toEqual(before);
    expect((await read(id, token)).conceptNote.fields).toEqual({ situation: "Our phones were seized." });
  });

  it("keeps the word counts in the clear on the application, and every later read and check uses them", async () => {
    const { id, token } = await startApplication("digital-emergency");
    await applicantRequest("PUT", `/api/v1/applications/${id}/concept-note`, token, {
      fields: { situation: "Our phones were seized at a checkpoint.", need: "Two phones." },
    });
    await applicantRequest("PUT", `/api/v1/applications/${id}/funding`, token, funding["digital-emergency"]);
    expect((await applicationItem(id))["wordCounts"]).toEqual({ situation: 7, need: 2, timeline: 0 });
    expect((await read(id, token)).conceptNote.words).toEqual({ situation: 7, need: 2, timeline: 0 });

    // Change only the stored count: what is shown and checked follows it, so nothing counts the text again.
    await Dynamo.update(Dynamo.Key.application(id), { set: { wordCounts: { situation: 301, need: 2, timeline: 0 } } });
    expect((await read(id, token)).conceptNote.words).toEqual({ situation: 301, need: 2, timeline: 0 });
    const page = await apply.request("/apply/my/concept-note", { headers: { Cookie: `access=${token}` } });
    expect(await page.text()).toContain("301 of 300 words: over the limit");
    const submitted = await applicantRequest("POST", `/api/v1/applications/${id}/submit`, token);
    expect(submitted.status).toBe(422);
    expect(((await submitted.json()) as Problem).errors?.map((error) => error.path)).toEqual(["conceptNote.situation"]);
  });
});
