import { app as apply } from "@amparo/functions/apply/index";
import { app as docs } from "@amparo/functions/docs/index";
import * as Report from "@amparo/core/report";
import { describe, expect, it } from "vitest";
import { everyItem, postJson } from "../support/http.js";

const eligibleGrant = {
  "organisation-type": "collective",
  country: "ID",
  "thematic-area": "internet-freedom",
  "target-groups": ["journalists"],
  "years-active": 4,
  "annual-budget": 20_000,
  "applied-recently": false,
};

async function problem(response: Response) {
  expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  return (await response.json()) as {
    status: number;
    title: string;
    detail: string;
    errors?: { path: string; message: string }[];
  };
}

/** A call's quiz counters of this year (the report counters count attempts by the month they were made). */
const quizCounters = (callId: string) => Report.counters(callId, new Date().getUTCFullYear());

describe("GET /api/v1/calls", () => {
  it("lists the two seeded calls, open ones first, with their amounts and decision times", async () => {
    const response = await apply.request("/api/v1/calls");
    expect(response.status).toBe(200);
    const body = (await response.json()) as { calls: Record<string, unknown>[] };
    expect(body.calls.map((call) => call["id"])).toEqual(["digital-emergency", "concept-notes-2026"]);
    expect(body.calls[0]).toMatchObject({
      kind: "emergency",
      status: "open",
      closesAt: null,
      decisionDays: 14,
      amount: { min: 1, max: 10_000, currency: "EUR" },
    });
    expect(body.calls[1]).toMatchObject({
      kind: "grant",
      closesAt: "2027-03-31T23:59:59.000Z",
      amount: { min: 15_000, max: 25_000, currency: "USD" },
    });
  });

  it("speaks the language asked for with ?lang or Accept-Language", async () => {
    const byQuery = (await (await apply.request("/api/v1/calls?lang=pt")).json()) as { calls: { title: string }[] };
    expect(byQuery.calls[0]?.title).toBe("Fundo de emergência contra ataques digitais");
    const byHeader = await apply.request("/api/v1/calls", {
      headers: { "Accept-Language": "fr-FR, es;q=0.8, en;q=0.5" },
    });
    expect(((await byHeader.json()) as { calls: { title: string }[] }).calls[0]?.title).toBe(
      "Fondo de emergencia ante ataques digitales",
    );
  });

  it("is never cached", async () => {
    expect((await apply.request("/api/v1/calls")).headers.get("cache-control")).toBe("no-store");
  });
});

describe("GET /api/v1/calls/{id}", () => {
  it("gives the quiz, concept note fields, funding and budget rules and rubric", async () => {
    const response = await apply.request("/api/v1/calls/concept-notes-2026?lang=es");
    expect(response.status).toBe(200);
    const call = (await response.json()) as {
      eligibility: { questions: { id: string }[] };
      conceptNote: { fields: unknown[] };
      funding: unknown;
      budgetFile: unknown;
      rubric: { criteria: unknown[] };
    };
    expect(call["eligibility"].questions.map((question: { id: string }) => question.id)).toEqual(
      Object.keys(eligibleGrant),
    );
    expect(call["eligibility"].questions[0]).toMatchObject({
      type: "single",
      label: "¿Qué tipo de organización son?",
      options: expect.arrayContaining([{ value: "ngo", label: "Organización sin fines de lucro registrada" }]),
    });
    expect(call["conceptNote"].fields[0]).toMatchObject({ id: "problem", maxWords: 400, required: true });
    expect(call["funding"]).toEqual({
      currency: "USD",
      min: 15_000,
      max: 25_000,
      maxRatioToAnnualBudget: 2,
      maxMonths: 12,
    });
    expect(call["budgetFile"]).toMatchObject({ required: true, maxBytes: 10 * 1024 * 1024 });
    expect(call["rubric"].criteria[0]).toEqual({
      id: "relevance",
      label: "Pertinencia para la convocatoria",
      weight: 3,
      min: 1,
      max: 5,
    });
  });

  it("answers 404 problem+json for an unknown call", async () => {
    const response = await apply.request("/api/v1/calls/no-such-call?lang=pt");
    expect(response.status).toBe(404);
    expect(await problem(response)).toMatchObject({ status: 404, title: "Não encontrado" });
  });

  it("answers 404, not an error, for an id that could never be a call", async () => {
    expect((await apply.request("/api/v1/calls/%00%ff..%2F")).status).toBe(404);
  });
});

describe("POST /api/v1/calls/{id}/eligibility", () => {
  it("says eligible with no reasons when every rule is met", async () => {
    const response = await postJson("/api/v1/calls/concept-notes-2026/eligibility", { answers: eligibleGrant });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ eligible: true, reasons: [] });
  });

  it("gives each reason in the reader's language when not eligible", async () => {
    const response = await postJson("/api/v1/calls/concept-notes-2026/eligibility?lang=es", {
      answers: { ...eligibleGrant, country: "MX", "annual-budget": 5_000 },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { eligible: boolean; reasons: { questionId: string; message: string }[] };
    expect(body.eligible).toBe(false);
    expect(body.reasons.map((reason) => reason.questionId)).toEqual(["country", "annual-budget"]);
    expect(body.reasons[0]?.message).toMatch(/Sur y el Sudeste Asiático/);
  });

  it("stores nothing about the person: only anonymous counts per call and rule", async () => {
    const before = await everyItem();
    await postJson("/api/v1/calls/concept-notes-2026/eligibility", {
      answers: { ...eligibleGrant, country: "MX", "annual-budget": 123_456_789 },
    });
    const after = await everyItem();
    const added = after.filter((item) => !before.some((old) => old["pk"] === item["pk"] && old["sk"] === item["sk"]));
    const changed = after.filter((item) =>
      before.some(
        (old) => old["pk"] === item["pk"] && old["sk"] === item["sk"] && JSON.stringify(old) !== JSON.stringify(item),
      ),
    );
    // One shard of the call's quiz counters of this month, which holds the month and numbers, nothing else.
    expect([...added, ...changed].map((item) => item["sk"])).toEqual([
      expect.stringMatching(/^REPORT#\d{4}-\d{2}#quiz#\d$/),
    ]);
    const stats = [...added, ...changed][0]!;
    expect(JSON.stringify(stats)).not.toMatch(/MX|123456789|internet-freedom|journalists/);
    expect(stats["month"]).toMatch(/^\d{4}-\d{2}$/);
    expect(
      Object.entries(stats)
        .filter(([key]) => !["pk", "sk", "month"].includes(key))
        .every(([, value]) => typeof value === "number"),
    ).toBe(true);

    const counters = await quizCounters("concept-notes-2026");
    expect(counters["quiz:rule:region"]).toBeGreaterThanOrEqual(1);
    expect(counters["quiz:rule:budget-size"]).toBeGreaterThanOrEqual(1);
  });

  it("counts eligible and ineligible attempts", async () => {
    const before = await quizCounters("digital-emergency");
    const answers = {
      "applicant-type": "collective",
      country: "BR",
      "under-attack": true,
      "human-rights-work": true,
      "funded-recently": false,
    };
    await postJson("/api/v1/calls/digital-emergency/eligibility", { answers });
    await postJson("/api/v1/calls/digital-emergency/eligibility", { answers: { ...answers, "funded-recently": true } });
    const after = await quizCounters("digital-emergency");
    expect((after["quiz:attempts"] ?? 0) - (before["quiz:attempts"] ?? 0)).toBe(2);
    expect((after["quiz:eligible"] ?? 0) - (before["quiz:eligible"] ?? 0)).toBe(1);
    expect((after["quiz:rule:once-a-year"] ?? 0) - (before["quiz:rule:once-a-year"] ?? 0)).toBe(1);
  });

  describe("bad input changes nothing and gets a clear 4xx", () => {
    async function expectNothingStored(send: () => Response | Promise<Response>, status: number) {
      const before = JSON.stringify(await everyItem());
      const response = await send();
      expect(response.status).toBe(status);
      const body = await problem(response);
      expect(JSON.stringify(await everyItem())).toBe(before);
      return body;
    }

    it("names unknown questions and wrongly typed values (400)", async () => {
      const body = await expectNothingStored(
        () =>
          postJson("/api/v1/calls/concept-notes-2026/eligibility", {
            answers: { ...eligibleGrant, shoe: 42, "years-active": "ten" },
          }),
        400,
      );
      expect(body.errors).toEqual([
        { path: "answers.shoe", message: "This question is not part of the call." },
        { path: "answers.years-active", message: "Enter a number, such as 12000." },
      ]);
    });

    it("names every missing required answer (422)", async () => {
      const body = await expectNothingStored(
        () => postJson("/api/v1/calls/digital-emergency/eligibility?lang=pt", { answers: { country: "BR" } }),
        422,
      );
      expect(body.errors?.map((error) => error.path)).toEqual([
        "answers.applicant-type",
        "answers.under-attack",
        "answers.human-rights-work",
        "answers.funded-recently",
      ]);
      expect(body.errors?.[0]?.message).toBe("Responda esta pergunta.");
    });

    it("answers 400 for malformed JSON", async () => {
      const body = await expectNothingStored(
        () => postJson("/api/v1/calls/digital-emergency/eligibility", '{"answers": {'),
        400,
      );
      expect(body.detail).toBe("The request body is not valid JSON.");
    });

    it("answers 400 when answers are not an object", async () => {
      const body = await expectNothingStored(
        () => postJson("/api/v1/calls/digital-emergency/eligibility", { answers: [1, 2] }),
        400,
      );
      expect(body.errors?.[0]?.path).toBe("answers");
    });

    it("answers 415 for a body that is not JSON at all", async () => {
      const body = await expectNothingStored(
        () =>
          apply.request("/api/v1/calls/digital-emergency/eligibility", {
            method: "POST",
            headers: { "Content-Type": "text/plain" },
            body: "country=BR",
          }),
        415,
      );
      expect(body.detail).toBe("Send the request body as application/json.");
    });

    it("answers 413 for a body over 64 KB", async () => {
      const body = await expectNothingStored(
        () => postJson("/api/v1/calls/digital-emergency/eligibility", { answers: { country: "x".repeat(70 * 1024) } }),
        413,
      );
      expect(body.title).toBe("The request is too large");
      // The limit as people read sizes, not a count of bytes.
      expect(body.detail).toMatch(/^The request body is larger than \d+ kB\.$/);
    });

    it("answers 404 for an unknown call", async () => {
      await expectNothingStored(() => postJson("/api/v1/calls/nope/eligibility", { answers: eligibleGrant }), 404);
    });
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("describes the whole API, every app's routes, from the same schemas the apps validate with", async () => {
    const response = await docs.request("/api/v1/openapi.json");
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/calls",
        "/api/v1/calls/{callId}",
        "/api/v1/calls/{callId}/eligibility",
        "/api/v1/applications",
        "/api/v1/applications/{id}/submit",
        "/api/v1/auth/magic-link",
        "/api/v1/review/applications/{id}/transition",
        "/api/v1/admin/users",
      ]),
    );
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining(["Call", "CallSummary", "EligibilityRequest", "EligibilityResult", "Problem"]),
    );
  });
});
