import { describe, expect, it } from "vitest";
import * as Call from "../call/index.js";
import { VisibleError } from "../error/index.js";
import { conceptNotes2026, digitalEmergency } from "../seed/calls.js";
import * as Eligibility from "./index.js";

const grant = Call.Info.parse(conceptNotes2026);
const emergency = Call.Info.parse(digitalEmergency);

const eligibleGrant = {
  "organisation-type": "ngo",
  country: "LK",
  "thematic-area": "privacy-surveillance",
  "target-groups": ["women", "general-public"],
  "years-active": 6,
  "annual-budget": 40_000,
  "applied-recently": false,
};

function thrown(action: () => unknown): VisibleError {
  try {
    action();
  } catch (error) {
    if (error instanceof VisibleError) return error;
    throw error;
  }
  throw new Error("expected a VisibleError");
}

describe("eligibility rules", () => {
  it("accepts answers that meet every rule", () => {
    const result = Eligibility.check(grant, eligibleGrant);
    expect(result.eligible).toBe(true);
    expect(result.failures).toEqual([]);
  });

  it("names every rule that fails, not only the first", () => {
    const result = Eligibility.check(grant, {
      ...eligibleGrant,
      "organisation-type": "company",
      country: "BR",
      "applied-recently": true,
    });
    expect(result.eligible).toBe(false);
    expect(result.failures.map((failure) => failure.ruleId)).toEqual([
      "civil-society-only",
      "region",
      "not-applied-recently",
    ]);
  });

  it("checks a country against the list it must be in", () => {
    expect(Eligibility.check(grant, { ...eligibleGrant, country: "MM" }).eligible).toBe(true);
    expect(Eligibility.check(grant, { ...eligibleGrant, country: "FR" }).failures[0]?.ruleId).toBe("region");
  });

  it("fails a thematic area that is excluded", () => {
    const result = Eligibility.check(grant, { ...eligibleGrant, "thematic-area": "other" });
    expect(result.failures.map((failure) => failure.ruleId)).toEqual(["thematic-fit"]);
  });

  it("needs at least one target group from the list, and fails when none is", () => {
    expect(Eligibility.check(grant, { ...eligibleGrant, "target-groups": ["journalists"] }).eligible).toBe(true);
    const result = Eligibility.check(grant, { ...eligibleGrant, "target-groups": ["general-public"] });
    expect(result.failures.map((failure) => failure.ruleId)).toEqual(["at-risk-groups"]);
  });

  it("applies annual budget bounds at both ends, inclusively", () => {
    expect(Eligibility.check(grant, { ...eligibleGrant, "annual-budget": 7_500 }).eligible).toBe(true);
    expect(Eligibility.check(grant, { ...eligibleGrant, "annual-budget": 500_000 }).eligible).toBe(true);
    expect(Eligibility.check(grant, { ...eligibleGrant, "annual-budget": 7_499 }).failures[0]?.ruleId).toBe(
      "budget-size",
    );
    expect(Eligibility.check(grant, { ...eligibleGrant, "annual-budget": 500_001 }).failures[0]?.ruleId).toBe(
      "budget-size",
    );
  });

  it("requires a minimum number of years active", () => {
    expect(Eligibility.check(grant, { ...eligibleGrant, "years-active": 0 }).failures[0]?.ruleId).toBe(
      "one-year-active",
    );
  });

  it("refuses someone who applied in the last 12 months", () => {
    expect(Eligibility.check(grant, { ...eligibleGrant, "applied-recently": true }).failures[0]?.ruleId).toBe(
      "not-applied-recently",
    );
  });

  it("skips a rule whose optional question was left blank", () => {
    const answers = {
      "applicant-type": "individual",
      country: "GT",
      "under-attack": true,
      "human-rights-work": true,
      "funded-recently": false,
    };
    expect(Eligibility.check(emergency, answers).eligible).toBe(true);
    expect(Eligibility.check(emergency, { ...answers, "target-groups": [] }).eligible).toBe(true);
  });

  it("gives reasons in the reader's language", () => {
    const result = Eligibility.check(grant, { ...eligibleGrant, country: "BR" });
    expect(Eligibility.reasons(result, "es")).toEqual([
      {
        questionId: "country",
        message: "Esta convocatoria está abierta a organizaciones con sede en el Sur y el Sudeste Asiático.",
      },
    ]);
    expect(Eligibility.reasons(result, "pt")[0]?.message).toContain("Sul e no Sudeste Asiático");
  });
});

describe("answer checking", () => {
  it("rejects unknown questions and wrongly typed values as malformed, naming each", () => {
    const error = thrown(() =>
      Eligibility.check(grant, { ...eligibleGrant, favourite: "x", "years-active": "many", "target-groups": "women" }),
    );
    expect(error.kind).toBe("input");
    expect(error.errors.map((item) => [item.path, item.message])).toEqual([
      ["answers.favourite", "eligibility.unknown_question"],
      ["answers.target-groups", "eligibility.expected_choices"],
      ["answers.years-active", "eligibility.expected_number"],
    ]);
  });

  it("rejects an option that the question does not offer", () => {
    const error = thrown(() => Eligibility.check(grant, { ...eligibleGrant, "organisation-type": "cooperative" }));
    expect(error.errors).toEqual([{ path: "answers.organisation-type", message: "eligibility.unknown_option" }]);
  });

  it("rejects a country code that does not exist", () => {
    const error = thrown(() => Eligibility.check(grant, { ...eligibleGrant, country: "XX" }));
    expect(error.errors[0]?.path).toBe("answers.country");
  });

  it("reports missing required answers as unacceptable (422), all at once", () => {
    const error = thrown(() => Eligibility.check(grant, { country: "LK" }));
    expect(error.kind).toBe("unprocessable");
    expect(error.errors.map((item) => item.path)).toEqual([
      "answers.organisation-type",
      "answers.thematic-area",
      "answers.target-groups",
      "answers.years-active",
      "answers.annual-budget",
      "answers.applied-recently",
    ]);
  });

  it("refuses a number outside what the question accepts", () => {
    const error = thrown(() => Eligibility.check(grant, { ...eligibleGrant, "years-active": -2 }));
    expect(error.kind).toBe("unprocessable");
    expect(error.errors).toEqual([
      { path: "answers.years-active", message: "eligibility.number_too_small", params: { min: 0 } },
    ]);
  });

  it("accepts lower-case country codes", () => {
    expect(Eligibility.check(grant, { ...eligibleGrant, country: "th" }).answers["country"]).toBe("TH");
  });
});

describe("reading answers from an HTML form", () => {
  it("turns yes/no, typed numbers and checkboxes into typed answers", () => {
    const answers = Eligibility.fromForm(grant, {
      "organisation-type": "ngo",
      country: "ID",
      "thematic-area": "online-gbv",
      "target-groups": ["women", "lgbtqia"],
      "years-active": " 3 ",
      "annual-budget": "40.000",
      "applied-recently": "no",
      _lang: "es",
    });
    expect(answers).toEqual({
      "organisation-type": "ngo",
      country: "ID",
      "thematic-area": "online-gbv",
      "target-groups": ["women", "lgbtqia"],
      "years-active": 3,
      "annual-budget": 40_000,
      "applied-recently": false,
    });
  });

  it.each([
    ["12,000", 12_000],
    ["12.000", 12_000],
    ["12 000", 12_000],
    ["1,234,567", 1_234_567],
    ["7500", 7_500],
    ["$40,000", 40_000],
    ["US$ 40.000", 40_000],
  ])("reads %s as %d", (typed, expected) => {
    expect(Eligibility.fromForm(grant, { "annual-budget": typed })["annual-budget"]).toBe(expected);
  });

  it("refuses a decimal part, saying how the number was read", () => {
    const typed = Eligibility.fromForm(grant, { "annual-budget": "7500,50" });
    expect(typed["annual-budget"]).toBe("7500,50");
    const error = thrown(() => Eligibility.check(grant, { ...eligibleGrant, ...typed }));
    expect(error.kind).toBe("input");
    expect(error.errors).toEqual([
      {
        path: "answers.annual-budget",
        message: "number.not_whole",
        params: {
          read: expect.objectContaining({ en: "7,500.5", es: "7500,5", pt: "7.500,5", my: "၇,၅၀၀.၅" }),
          whole: 7_500,
        },
      },
    ]);
  });

  it("passes text that is not a number on, so the check names it", () => {
    const answers = Eligibility.fromForm(grant, {
      "organisation-type": "ngo",
      country: "LK",
      "thematic-area": "online-gbv",
      "target-groups": ["women"],
      "years-active": "three",
      "annual-budget": "40000",
      "applied-recently": "no",
    });
    expect(answers["years-active"]).toBe("three");
    expect(() => Eligibility.check(grant, answers)).toThrow(VisibleError);
  });

  it("treats an unanswered question as missing", () => {
    expect(Eligibility.fromForm(grant, { country: "" })).toEqual({});
  });
});
