import { describe, expect, it } from "vitest";
import { conceptNotes2026, digitalEmergency } from "../seed/calls.js";
import * as Call from "./index.js";

const messages = (input: unknown) => {
  const result = Call.Info.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
};

describe("call configuration", () => {
  it("accepts both seeded calls", () => {
    expect(messages(digitalEmergency)).toEqual([]);
    expect(messages(conceptNotes2026)).toEqual([]);
  });

  it("refuses a rule that reads a question the call does not ask", () => {
    const rules = [{ ...conceptNotes2026.eligibility.rules[0]!, questionId: "shoe-size" }];
    expect(messages({ ...conceptNotes2026, eligibility: { ...conceptNotes2026.eligibility, rules } })).toContain(
      "no question shoe-size",
    );
  });

  it("refuses a rule test that does not fit the question type", () => {
    const rules = [
      {
        id: "odd",
        questionId: "country",
        test: "range",
        min: 1,
        reason: digitalEmergency.eligibility.rules[0]!.reason,
      },
    ];
    expect(messages({ ...conceptNotes2026, eligibility: { ...conceptNotes2026.eligibility, rules } })).toContain(
      "a range rule cannot test a country question",
    );
  });

  it("requires a closing date for a grant call but not for an emergency fund", () => {
    expect(messages({ ...conceptNotes2026, closesAt: null })).toContain("a grant call needs a closing date");
    expect(messages({ ...digitalEmergency, closesAt: null })).toEqual([]);
  });

  it("requires the stages every application passes through", () => {
    expect(messages({ ...digitalEmergency, stages: ["draft", "submitted", "approved", "declined"] })).toContain(
      "the stage withdrawn is required",
    );
  });

  it("requires reminders before escalation, and escalation by the decision deadline", () => {
    expect(messages({ ...digitalEmergency, reminderDays: 10, escalationDays: 5 })).toHaveLength(1);
  });

  it("requires every text in every one of its text languages (all three unless it names them)", () => {
    const issues = Call.Info.safeParse({ ...digitalEmergency, title: { en: "Fund", es: "Fondo" } });
    expect(issues.success ? [] : issues.error.issues.map((issue) => issue.path.join("."))).toEqual(["title.pt"]);
  });

  it("takes a call written in Portuguese alone, and asks its required texts in Portuguese only", () => {
    const onlyPortuguese = (text: unknown) =>
      text && typeof text === "object" && "pt" in text ? { pt: (text as { pt: string }).pt } : text;
    // Every staff-written text of the seeded call, cut down to its Portuguese.
    const call = JSON.parse(JSON.stringify(digitalEmergency), (_key, value: unknown) => onlyPortuguese(value));
    expect(messages({ ...call, textLanguages: ["pt"] })).toEqual([]);
    expect(messages({ ...call })).toContain("required in en, one of the call's text languages");
    const missing = Call.Info.safeParse({ ...call, textLanguages: ["pt"], title: { es: "Fondo" } });
    expect(missing.success ? [] : missing.error.issues.map((issue) => issue.path.join("."))).toEqual(["title.pt"]);
  });

  it("requires an optional text in no language, and the texts of an optional part once it is given", () => {
    const nextSteps = { declined: { es: "Otros fondos pueden ayudar." } };
    expect(messages({ ...digitalEmergency, nextSteps })).toEqual([]);
    const criteria = conceptNotes2026.rubric.criteria.map((criterion) => ({
      ...criterion,
      scale: { low: { en: "Weak" }, mid: criterion.label, high: criterion.label },
    }));
    const result = Call.Info.safeParse({ ...conceptNotes2026, rubric: { criteria } });
    expect(result.success ? [] : result.error.issues.map((issue) => issue.path.join("."))).toContain(
      "rubric.criteria.0.scale.low.es",
    );
  });

  it("shows a reader the call's texts in their language, else in its first text language", () => {
    expect(Call.shownTextLanguage({ textLanguages: ["pt", "es"] }, "en")).toBe("es");
    expect(Call.shownTextLanguage({ textLanguages: ["pt"] }, "en")).toBe("pt");
    expect(Call.shownTextLanguage({ textLanguages: ["pt"] }, "pt")).toBe("pt");
  });

  it("refuses an annual-budget question that is not a number question of the quiz", () => {
    for (const annualBudgetQuestion of ["shoe-size", "country"]) {
      const funding = { ...conceptNotes2026.funding, annualBudgetQuestion };
      expect(messages({ ...conceptNotes2026, funding })).toContain(`no number question ${annualBudgetQuestion}`);
    }
  });

  it("refuses a single-choice question without options", () => {
    const questions = [{ id: "kind", type: "single", label: digitalEmergency.title }];
    expect(messages({ ...digitalEmergency, eligibility: { questions, rules: [] } })).toContain(
      "a single question needs options",
    );
  });
});

describe("call status", () => {
  const grant = Call.Info.parse(conceptNotes2026);
  const emergency = Call.Info.parse(digitalEmergency);

  it("keeps a rolling fund open", () => {
    expect(Call.status(emergency, new Date("2030-01-01"))).toBe("open");
  });

  it("opens and closes a grant call on its dates", () => {
    expect(Call.status(grant, new Date("2026-09-30T23:59:59Z"))).toBe("closed");
    expect(Call.status(grant, new Date("2026-11-22T00:00:00Z"))).toBe("open");
    expect(Call.status(grant, new Date("2027-03-31T23:59:59Z"))).toBe("closed");
  });

  it("closes a paused call whatever its dates", () => {
    expect(Call.status({ ...emergency, paused: true })).toBe("closed");
  });
});

describe("the public view of a call", () => {
  const grant = Call.Info.parse(conceptNotes2026);

  it("names countries in the reader's language", () => {
    const country = Call.describe(grant, "es").eligibility.questions.find((question) => question.id === "country");
    expect(country?.options?.find((option) => option.value === "DE")?.label).toBe("Alemania");
  });

  it("does not reveal the eligibility rules' thresholds", () => {
    expect(JSON.stringify(Call.describe(grant, "en"))).not.toContain("7500");
  });
});
