import { describe, expect, it } from "vitest";
import { breakdownsAsOf, callReport, medianOf, neutralise, pipelineCsv } from "./pipeline.js";
import type { Figures } from "./schema.js";
import { roundToFive, suppress } from "./suppress.js";

function figures(overrides: Partial<Figures> = {}): Figures {
  return {
    callId: "digital-emergency",
    year: 2026,
    stages: { submitted: 3 },
    months: [],
    decisions: { approved: 0, declined: 0 },
    decidedWithinDeadline: 0,
    overdue: 0,
    daysToDecision: {},
    amounts: { requested: 0, approved: 0, currency: "EUR" },
    ineligibleByRule: {},
    breakdowns: { country: {}, targetGroup: {} },
    ...overrides,
  };
}

describe("primary suppression", () => {
  it("shows every cell under 5 as <5 and rounds the others to the nearest 5", () => {
    expect(suppress({ BR: 12, MX: 3, GT: 2, CO: 8 })).toEqual({ BR: 10, MX: "<5", GT: "<5", CO: 10 });
  });

  it("leaves out cells of 0, which name nobody", () => {
    expect(suppress({ BR: 10, MX: 0, CO: 20 })).toEqual({ BR: 10, CO: 20 });
  });

  it("shows a breakdown with no small cell in full, rounded", () => {
    expect(suppress({ BR: 5, MX: 6, CO: 7, GT: 8, PE: 9, HN: 10, SV: 13 })).toEqual({
      BR: 5,
      MX: 5,
      CO: 5,
      GT: 10,
      PE: 10,
      HN: 10,
      SV: 15,
    });
  });
});

describe("complementary suppression", () => {
  it("hides the smallest shown cell too when one hidden cell could be worked out from the total", () => {
    // Total 32 is known (the year's submissions): 32 - 20 - 9 would give MX = 3 if only MX were hidden.
    const shown = suppress({ BR: 20, CO: 9, MX: 3 });
    expect(shown).toEqual({ BR: 20, CO: "<5", MX: "<5" });
    expect(Object.values(shown).filter((cell) => cell === "<5")).toHaveLength(2);
  });

  it("picks the next smallest shown cell, ties by key, and nothing more", () => {
    expect(suppress({ PE: 7, BR: 30, GT: 7, MX: 1 })).toEqual({ PE: 5, BR: 30, GT: "<5", MX: "<5" });
  });

  it("hides nothing more when two small cells are hidden already", () => {
    expect(suppress({ BR: 20, MX: 2, GT: 3 })).toEqual({ BR: 20, MX: "<5", GT: "<5" });
  });

  it("hides a shown cell when the hidden ones could only be 1 each", () => {
    // MX + GT = 22 - 20 = 2, and each is at least 1: both would be 1.
    expect(suppress({ BR: 20, MX: 1, GT: 1 })).toEqual({ BR: "<5", MX: "<5", GT: "<5" });
  });

  it("withholds a breakdown whose hidden cells could be worked out with nothing left to hide", () => {
    expect(suppress({ MX: 3 })).toEqual({});
    expect(suppress({ MX: 1, GT: 1 })).toEqual({});
    expect(suppress({ MX: 4, GT: 4 })).toEqual({});
    // 1 + 3 = 4 could be 1 + 3, 2 + 2 or 3 + 1: nobody is singled out.
    expect(suppress({ MX: 1, GT: 3 })).toEqual({ MX: "<5", GT: "<5" });
  });
});

describe("rounding", () => {
  it("rounds shown counts to the nearest 5", () => {
    expect([5, 7, 8, 12, 13, 102, 103].map(roundToFive)).toEqual([5, 5, 10, 10, 15, 100, 105]);
  });

  it("rounds after suppression: a cell of 4 is hidden, never rounded up to 5", () => {
    expect(suppress({ BR: 4, MX: 3, CO: 40 })).toEqual({ BR: "<5", MX: "<5", CO: 40 });
  });
});

describe("breakdowns per calendar year", () => {
  it("gives a past year's breakdowns up to its 31 December", () => {
    expect(breakdownsAsOf(2025, new Date("2026-01-01T00:00:00Z"))).toEqual({ asOf: "2025-12-31" });
  });

  it("puts the last second of 31 December and the first of 1 January in different years' reports", () => {
    // The default year follows `now` in UTC, as the counters count months.
    const lastSecond = new Date("2025-12-31T23:59:59Z");
    const firstSecond = new Date("2026-01-01T00:00:00Z");
    expect(lastSecond.getUTCFullYear()).toBe(2025);
    expect(firstSecond.getUTCFullYear()).toBe(2026);
    // On 31 December the year is still current: its breakdowns stop at November. A second later it is
    // complete, and the new year's breakdowns count nothing until January is over.
    expect(breakdownsAsOf(2025, lastSecond)).toEqual({ asOf: "2025-11-30", through: "2025-11" });
    expect(breakdownsAsOf(2025, firstSecond)).toEqual({ asOf: "2025-12-31" });
    expect(breakdownsAsOf(2026, firstSecond)).toEqual({ asOf: "2025-12-31", through: "2025-12" });
  });

  it("gives two reports a day apart the same cut-off, so their breakdowns cannot be subtracted", () => {
    for (const [first, second] of [
      ["2026-06-10T12:00:00Z", "2026-06-11T12:00:00Z"],
      ["2026-06-30T23:00:00Z", "2026-06-01T00:00:00Z"],
      ["2024-02-28T12:00:00Z", "2024-02-29T12:00:00Z"],
    ] as const) {
      expect(breakdownsAsOf(2026, new Date(second))).toEqual(breakdownsAsOf(2026, new Date(first)));
    }
    expect(breakdownsAsOf(2026, new Date("2026-06-10T12:00:00Z"))).toEqual({
      asOf: "2026-05-31",
      through: "2026-05",
    });
    // Where a month does end between two reports, a new country of 1 stays hidden, and takes the next
    // smallest cell with it, so the difference names no single person.
    const before = callReport(figures({ breakdowns: { country: { BR: 7, CO: 20 }, targetGroup: {} } }), "Fund");
    const after = callReport(figures({ breakdowns: { country: { BR: 7, CO: 20, HN: 1 }, targetGroup: {} } }), "Fund");
    expect(before.breakdowns.country).toEqual({ BR: 5, CO: 20 });
    expect(after.breakdowns.country).toEqual({ BR: "<5", CO: 20, HN: "<5" });
  });
});

describe("a call's report", () => {
  it("takes the median days to decision from the histogram", () => {
    expect(medianOf({})).toBeNull();
    expect(medianOf({ "3": 1, "10": 1, "5": 1 })).toBe(5);
    expect(medianOf({ "2": 2, "9": 2 })).toBe(5.5);
    expect(medianOf({ "14": 1, "1": 5 })).toBe(1);
  });

  it("gives the share decided within the deadline, or null with nothing decided", () => {
    const decided = callReport(figures({ decisions: { approved: 3, declined: 1 }, decidedWithinDeadline: 3 }), "Fund");
    expect(decided.decidedWithinDeadline).toEqual({ count: 3, share: 0.75 });
    expect(callReport(figures(), "Fund").decidedWithinDeadline).toEqual({ count: 0, share: null });
  });
});

describe("the CSV", () => {
  it("neutralises every cell a spreadsheet would run as a formula", () => {
    for (const cell of ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"]) expect(neutralise(cell)).toBe(`'${cell}`);
    expect(neutralise("Fondo de emergencia")).toBe("Fondo de emergencia");
  });

  it("is one tidy table with a byte order mark, titles and rule ids neutralised", () => {
    const report = callReport(
      figures({ ineligibleByRule: { "-rule": 4 }, breakdowns: { country: { BR: 12, MX: 2, CO: 3 }, targetGroup: {} } }),
      '=HYPERLINK("https://evil.example")',
    );
    const csv = pipelineCsv({ generatedAt: "x", year: 2025, breakdownsAsOf: "2025-12-31", calls: [report] }, "es");
    expect(csv.startsWith("\uFEFFconvocatoria,título,sección,clave,valor\r\n")).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""https://evil.example"")",ineligibleByRule,'-rule,4`);
    expect(csv).toContain(",country,MX,<5\r\n");
    expect(csv).not.toMatch(/(^|,)[=+\-@]/m);
  });
});
