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

  it("requires text in English, Spanish and Portuguese", () => {
    expect(messages({ ...digitalEmergency, title: { en: "Fund", es: "Fondo" } }).length).toBeGreaterThan(0);
  });

  it("refuses an annual-budget question that is not a number question of the quiz", () => {
    for (const annualBudgetQuestion of ["shoe-size", "country"]) {
      const funding = { ...conceptNotes2026.funding, annualBudgetQuestion };
      expect(messages({ ...conceptNotes2026, funding })).toContain(`no number question ${annualBudgetQuestion}`);
    }
  });

  it("refuses next steps without every interface language", () => {
    const nextSteps = { declined: { en: "Other funds may help." } };
    expect(messages({ ...digitalEmergency, nextSteps })).not.toEqual([]);
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
