import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import * as Application from "@amparo/core/application";
import * as Audit from "@amparo/core/audit";
import * as Call from "@amparo/core/call";
import * as Clock from "@amparo/core/clock";
import * as Eligibility from "@amparo/core/eligibility";
import { conceptNotes2026, digitalEmergency } from "../../packages/core/src/seed/calls.js";
import * as Stage from "@amparo/core/stage";
import * as Report from "@amparo/core/report";

// After a long random sequence of what happens to a call's applications (created, submitted, moved, sent back
// and resubmitted, decided, withdrawn, marked overdue) and of quiz attempts, every report counter must equal
// what recomputing it from the applications, their audit events and the attempts gives, each event counted in
// the month it happened. The moves go through the same `plan` and `commit` as the requests, with a simulated
// clock that runs over more than a year, so applications are submitted in many months and decided, withdrawn
// or marked overdue in later ones.

const EMERGENCY = "digital-emergency";
/** The grant call, open throughout and without the budget file (uploads are not what this test is about). */
const GRANT = "report-property-grant";
const start = Date.parse("2025-10-01T00:00:00.000Z");
const MINUTE = 60_000;
const coordinator: Stage.Actor = { kind: "coordinator", userId: "property-coordinator" };

const emergencyCountries = ["MX", "CO", "BR", "GT", "PH", "ID"];
const emergencyGroups = ["women", "lgbtqia", "land-environment", "indigenous", "journalists"];
const grantCountries = ["TH", "ID", "LK", "PH", "NP"];
const grantGroups = ["women", "lgbtqia", "religious-minorities", "journalists", "general-public"];

/** What a generated operation asks for; `pick` chooses among the applications it can apply to. */
const Op = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("create" as const),
      grant: fc.boolean(),
      country: fc.nat(),
      groups: fc.subarray([0, 1, 2, 3, 4]),
      amount: fc.double({ min: 0, max: 1, noNaN: true }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("submit" as const), pick: fc.nat() }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant("coordinator" as const),
      pick: fc.nat(),
      to: fc.nat(),
      share: fc.double({ min: 0, max: 1, noNaN: true }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("withdraw" as const), pick: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant("overdue" as const), pick: fc.nat(), waitForIt: fc.boolean() }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("quiz" as const),
      grant: fc.boolean(),
      // Each breaks one rule when set (a company; outside the region; no recent attack / off-topic).
      company: fc.boolean(),
      outside: fc.boolean(),
      third: fc.boolean(),
    }),
  },
);
type Op = typeof Op extends fc.Arbitrary<infer T> ? T : never;

interface Known {
  id: string;
  callId: string;
  stage: Stage.Stage;
  requested: number;
}

/** One quiz attempt: the call, when, and the rules its answers break (worked out here from what was asked). */
interface Attempt {
  callId: string;
  at: string;
  failedRules: string[];
}

function quizAnswers(op: Extract<Op, { kind: "quiz" }>): { callId: string; answers: object; failedRules: string[] } {
  const failedRules: string[] = [];
  if (op.grant) {
    if (op.company) failedRules.push("civil-society-only");
    if (op.outside) failedRules.push("region");
    if (op.third) failedRules.push("thematic-fit");
    return {
      callId: GRANT,
      answers: {
        "organisation-type": op.company ? "company" : "ngo",
        country: op.outside ? "MX" : "TH",
        "thematic-area": op.third ? "other" : "digital-security",
        "target-groups": ["lgbtqia"],
        "years-active": 7,
        "annual-budget": 20_000,
        "applied-recently": false,
      },
      failedRules,
    };
  }
  if (op.company) failedRules.push("not-for-companies");
  if (op.outside) failedRules.push("region");
  if (op.third) failedRules.push("recent-attack");
  return {
    callId: EMERGENCY,
    answers: {
      "applicant-type": op.company ? "company" : "individual",
      country: op.outside ? "FR" : "CO",
      "under-attack": !op.third,
      "human-rights-work": true,
      "funded-recently": false,
    },
    failedRules,
  };
}

/**
 * Every counter, recomputed from the applications (as they are now), their audit events and the attempts: each
 * in the month of its event (a first submission, a decision, an overdue mark), none for a stage held.
 */
async function recompute(known: Known[], attempts: Attempt[], calls: Map<string, Call.Info>) {
  // call -> month -> counter -> value
  const counts = new Map<string, Map<string, Record<string, number>>>();
  const bump = (callId: string, month: string, name: string, by = 1) => {
    const months = counts.get(callId) ?? new Map<string, Record<string, number>>();
    counts.set(callId, months);
    const values = months.get(month) ?? {};
    months.set(month, values);
    values[name] = (values[name] ?? 0) + by;
  };
  const dayMs = Clock.dayMs();
  for (const { id, callId } of known) {
    const app = (await Application.fromID(id))!;
    const events = await Audit.list({ application: id });
    const submitted = events.find((event) => event.type === "submitted");
    // A draft, submitted or not yet, withdrawn or not, is never counted.
    if (!submitted) continue;
    expect(app.submittedAt).toBe(submitted.at);
    const month = submitted.at.slice(0, 7);
    const currency = calls.get(callId)!.funding.currency;
    bump(callId, month, "submitted");
    bump(callId, month, `requested:${currency}`, app.funding!.amount);
    bump(callId, month, `requestedBy:${currency}`);
    const country = app.answers["country"];
    if (typeof country === "string") bump(callId, month, `country:${country}`);
    for (const group of (app.answers["target-groups"] as string[] | undefined) ?? []) {
      bump(callId, month, `group:${group}`);
    }
    for (const event of events) {
      const when = event.at.slice(0, 7);
      if (event.type === "decided") {
        bump(callId, when, `decided:${String(event["stage"])}`);
        bump(callId, when, `days:${Math.floor((Date.parse(event.at) - Date.parse(submitted.at)) / dayMs)}`);
        if (event["withinDeadline"] === true) bump(callId, when, "decidedWithinDeadline");
        if (event["stage"] === "approved") {
          bump(callId, when, `approved:${currency}`, app.decision!.amount!);
          bump(callId, when, `approvedBy:${currency}`);
        }
      }
      if (event.type === "overdue") bump(callId, when, "overdue");
    }
  }
  for (const attempt of attempts) {
    const month = attempt.at.slice(0, 7);
    bump(attempt.callId, month, "quiz:attempts");
    bump(attempt.callId, month, attempt.failedRules.length === 0 ? "quiz:eligible" : "quiz:ineligible");
    for (const rule of attempt.failedRules) bump(attempt.callId, month, `quiz:rule:${rule}`);
  }
  return counts;
}

const nonZero = (values: Record<string, number>) =>
  Object.fromEntries(Object.entries(values).filter(([, value]) => value !== 0));

describe("the report counters", () => {
  const calls = new Map<string, Call.Info>();

  beforeAll(async () => {
    calls.set(EMERGENCY, Call.Info.parse(digitalEmergency));
    calls.set(
      GRANT,
      await Call.put({
        ...conceptNotes2026,
        id: GRANT,
        opensAt: null,
        closesAt: "2099-12-31T23:59:59.000Z",
        budgetFile: { ...conceptNotes2026.budgetFile, required: false },
      }),
    );
  });

  it("equal what the applications, their audit events and the quiz attempts give, after 500 random operations", async () => {
    const known: Known[] = [];
    const attempts: Attempt[] = [];
    const done: Record<string, number> = {};
    let clock = start;

    async function create(op: Extract<Op, { kind: "create" }>) {
      const call = calls.get(op.grant ? GRANT : EMERGENCY)!;
      const groups = op.groups.map((index) => (op.grant ? grantGroups : emergencyGroups)[index]!);
      const answers = op.grant
        ? {
            "organisation-type": "ngo",
            country: grantCountries[op.country % grantCountries.length],
            "thematic-area": "digital-security",
            // The grant call asks for at least one group at risk.
            "target-groups": groups.some((group) => group !== "general-public") ? groups : ["journalists", ...groups],
            "years-active": 7,
            "annual-budget": 20_000,
            "applied-recently": false,
          }
        : {
            "applicant-type": "individual",
            country: emergencyCountries[op.country % emergencyCountries.length],
            "under-attack": true,
            "human-rights-work": true,
            "funded-recently": false,
            ...(groups.length > 0 ? { "target-groups": groups } : {}),
          };
      const { id } = await Application.create({ callId: call.id, language: "es", eligibility: { answers } });
      let app = (await Application.fromID(id))!;
      const fields = Object.fromEntries(call.conceptNote.fields.map((field) => [field.id, "Unas palabras."]));
      await Application.saveConceptNote(app, { fields });
      app = (await Application.fromID(id))!;
      const { min, max } = call.funding;
      const requested = Math.round(min + op.amount * (max - min));
      await Application.setFunding(app, { amount: requested, annualBudget: 20_000, months: 2 });
      known.push({ id, callId: call.id, stage: "draft", requested });
    }

    /** Plans and commits a move at the simulated time, as the requests do at the real one. */
    async function move(target: Known, actor: Stage.Actor, wanted: Stage.Move) {
      const app = (await Application.fromID(target.id))!;
      const planned = Stage.plan({ app, call: calls.get(target.callId)!, actor, move: wanted, now: new Date(clock) });
      await Stage.commit(app, planned);
      target.stage = planned.to;
    }

    const among = (pick: number, stages: readonly Stage.Stage[]) => {
      const candidates = known.filter((app) => stages.includes(app.stage));
      return candidates.length === 0 ? undefined : candidates[pick % candidates.length];
    };

    async function run(op: Op): Promise<string> {
      switch (op.kind) {
        case "create":
          await create(op);
          return "create";
        case "submit": {
          const target = among(op.pick, ["draft", "more_info"]);
          if (!target) break;
          const again = target.stage === "more_info";
          // Sent back with a question: the answer goes with the resubmission.
          if (again) {
            await Application.saveMoreInfoAnswer((await Application.fromID(target.id))!, { fields: { answer: "Sí." } });
          }
          await move(target, { kind: "applicant" }, { kind: "submit" });
          return again ? "resubmit" : "submit";
        }
        case "coordinator": {
          const target = among(op.pick, ["submitted", "in_review", "shortlisted", "more_info"]);
          if (!target) break;
          const options = Stage.allowedMoves(calls.get(target.callId)!, target.stage);
          const to = options[op.to % options.length]!;
          const app = (await Application.fromID(target.id))!;
          await move(target, coordinator, {
            kind: "move",
            to,
            version: app.version,
            ...(to === "declined" ? { note: "Una nota." } : {}),
            ...(to === "more_info" ? { messageToApplicant: "¿Una pregunta?" } : {}),
            ...(to === "approved" ? { amount: Math.max(1, Math.round(target.requested * op.share)) } : {}),
          });
          return to;
        }
        case "withdraw": {
          const target = among(op.pick, ["draft", "submitted", "in_review", "shortlisted", "more_info"]);
          if (!target) break;
          await move(target, { kind: "applicant" }, { kind: "withdraw" });
          return "withdrawn";
        }
        case "overdue": {
          const target = among(op.pick, Stage.awaitingDecisionStages);
          if (!target) break;
          const app = (await Application.fromID(target.id))!;
          // The decision clock wakes at the promised date (or finds it passed, or not yet come).
          if (op.waitForIt && app.decisionDueAt) clock = Math.max(clock, Date.parse(app.decisionDueAt) + MINUTE);
          return (await Stage.markOverdue(target.id, new Date(clock))) ? "overdue" : "not_overdue";
        }
        case "quiz": {
          const { callId, answers, failedRules } = quizAnswers(op);
          const result = Eligibility.check(calls.get(callId)!, answers as Eligibility.Answers);
          const at = new Date(clock);
          await Eligibility.count(callId, result, at);
          attempts.push({ callId, at: at.toISOString(), failedRules });
          return failedRules.length > 0 ? "ineligible_attempt" : "eligible_attempt";
        }
      }
      // Nothing to apply it to yet: the sequence starts another application instead.
      await create({ kind: "create", grant: false, country: 0, groups: [], amount: 0.5 });
      return "create";
    }

    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(Op, fc.integer({ min: 0, max: 24 * 60 })), { minLength: 520, maxLength: 520 }),
        async (sequence) => {
          for (const [op, minutes] of sequence) {
            clock += minutes * MINUTE;
            const what = await run(op);
            done[what] = (done[what] ?? 0) + 1;
          }

          const counts = await recompute(known, attempts, calls);
          const years = new Set<number>();
          for (let year = new Date(start).getUTCFullYear(); year <= new Date(clock).getUTCFullYear(); year++) {
            years.add(year);
          }
          for (const callId of calls.keys()) {
            for (const year of years) {
              const raw = await Report.byMonth(callId, year);
              const recomputed = [...(counts.get(callId) ?? new Map<string, Record<string, number>>())]
                .filter(([month]) => month.startsWith(`${year}-`))
                .map(([month, values]) => [month, nonZero(values)] as const);
              expect(
                Object.fromEntries([...raw].map(([month, values]) => [month, nonZero(values)])),
                `${callId} ${year}`,
              ).toEqual(Object.fromEntries(recomputed));
            }
          }
        },
      ),
      // One long run from a fixed seed (each run adds to the same table); no shrinking, which would replay it.
      { seed: 20_261_128, numRuns: 1, endOnFailure: true },
    );

    // The sequence did every kind of thing, over more than one calendar year.
    expect(Object.values(done).reduce((sum, count) => sum + count, 0)).toBeGreaterThanOrEqual(500);
    for (const kind of [
      "create",
      "submit",
      "resubmit",
      "in_review",
      "shortlisted",
      "more_info",
      "approved",
      "declined",
      "withdrawn",
      "overdue",
      "ineligible_attempt",
    ]) {
      expect(done[kind] ?? 0, kind).toBeGreaterThan(0);
    }
    expect(new Date(clock).getUTCFullYear()).toBeGreaterThan(new Date(start).getUTCFullYear());
  }, 120_000);
});
