import * as Application from "@amparo/core/application";
import * as Call from "@amparo/core/call";
import * as Stage from "@amparo/core/stage";
import * as User from "@amparo/core/user";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { pipeline } from "@amparo/core/report";
import { emergencyAnswers } from "../support/answers.js";
import { staffAccount } from "../support/staff.js";

/**
 * The report over real counters: applications submitted at chosen moments (only `Date` is faked, so the
 * stand-ins' timers run as usual), read back through `pipeline`.
 */
let funder: User.Info;

beforeAll(async () => {
  const emergency = await Call.get("digital-emergency");
  for (const id of ["boundary-fund", "month-end-fund"]) await Call.put({ ...emergency, id, opensAt: null });
  funder = await staffAccount(["funder"], ["boundary-fund", "month-end-fund"]);
});

afterEach(() => {
  vi.useRealTimers();
});

async function submitAt(at: string, callId: string, country: string) {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(at));
  const { id } = await Application.create({
    callId,
    language: "es",
    eligibility: { answers: { ...emergencyAnswers, country } },
  });
  await Application.saveConceptNote((await Application.fromID(id))!, {
    fields: { situation: "Nos confiscaron los teléfonos.", need: "Teléfonos nuevos.", timeline: "Un mes." },
  });
  await Application.setFunding((await Application.fromID(id))!, { amount: 2_000, annualBudget: 10_000, months: 2 });
  await Stage.submit((await Application.fromID(id))!);
  vi.useRealTimers();
}

const submittedIn = (report: Awaited<ReturnType<typeof pipeline>>) =>
  Object.fromEntries(report.calls[0]!.months.filter((m) => m.submitted > 0).map((m) => [m.month, m.submitted]));

describe("the report's calendar years", () => {
  it("counts an application submitted on 31 December and one on 1 January in different years", async () => {
    await submitAt("2025-12-31T23:59:58Z", "boundary-fund", "CO");
    await submitAt("2026-01-01T00:00:01Z", "boundary-fund", "CO");
    const now = new Date("2026-03-15T12:00:00Z");
    const last = await pipeline(funder, { callId: "boundary-fund", year: 2025 }, now);
    const current = await pipeline(funder, { callId: "boundary-fund", year: 2026 }, now);
    expect(submittedIn(last)).toEqual({ "2025-12": 1 });
    expect(submittedIn(current)).toEqual({ "2026-01": 1 });
    expect(last.calls[0]!.stages.submitted).toBe(1);
    expect(current.calls[0]!.stages.submitted).toBe(1);
    // One application from one country: the breakdown is withheld, not shown as a lone `<5`.
    expect(last.calls[0]!.breakdowns.country).toEqual({});
  });

  it("gives two reports a day apart the same breakdowns, though someone applied between them", async () => {
    for (let i = 0; i < 12; i += 1) await submitAt(`2026-05-0${(i % 9) + 1}T10:00:00Z`, "month-end-fund", "BR");
    for (let i = 0; i < 7; i += 1) await submitAt(`2026-05-1${i}T10:00:00Z`, "month-end-fund", "CO");
    const monday = await pipeline(funder, { callId: "month-end-fund" }, new Date("2026-06-10T09:00:00Z"));
    await submitAt("2026-06-10T15:00:00Z", "month-end-fund", "HN");
    const tuesday = await pipeline(funder, { callId: "month-end-fund" }, new Date("2026-06-11T09:00:00Z"));

    expect(monday.year).toBe(2026);
    expect(monday.breakdownsAsOf).toBe("2026-05-31");
    expect(monday.calls[0]!.breakdowns.country).toEqual({ BR: 10, CO: 5 });
    expect(tuesday.calls[0]!.breakdowns).toEqual(monday.calls[0]!.breakdowns);
    // The stage counts are exact and do move: they name no country.
    expect(tuesday.calls[0]!.stages.submitted).toBe(monday.calls[0]!.stages.submitted! + 1);
    // Once June is over the new country appears, hidden, and takes the next smallest cell with it.
    const july = await pipeline(funder, { callId: "month-end-fund" }, new Date("2026-07-01T09:00:00Z"));
    expect(july.calls[0]!.breakdowns.country).toEqual({ BR: 10, CO: "<5", HN: "<5" });
  });
});
