import * as Application from "@amparo/core/application";
import * as Award from "@amparo/core/award";
import * as Call from "@amparo/core/call";
import * as Clock from "@amparo/core/clock";
import * as Dynamo from "@amparo/core/dynamo";
import { Counter, dynamoStore, make, pipeline, snapshotDue, update, type MonthReport } from "@amparo/core/report";
import * as Stage from "@amparo/core/stage";
import * as User from "@amparo/core/user";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { emergencyAnswers } from "../support/answers.js";
import { staffAccount } from "../support/staff.js";

/**
 * The report over real counters and snapshots in the table: applications submitted and decided at chosen
 * moments (the clock moved with `Clock.set`), frozen by the schedule's job and read back through `pipeline` at
 * chosen moments.
 */
let funder: User.Info;
let payer: User.Info;
const coordinator = (id: string): Stage.Actor => ({ kind: "coordinator", userId: id });

/** A fund created on 1 January 2026 (before everything here), accepting four countries. */
async function fund(id: string): Promise<void> {
  Clock.set("2026-01-01T00:00:00Z");
  const emergency = await Call.get("digital-emergency");
  await Call.put({
    ...emergency,
    id,
    opensAt: null,
    eligibility: {
      ...emergency.eligibility,
      questions: emergency.eligibility.questions.map((question) =>
        question.id === "country" ? { ...question, countries: ["CO", "GT", "HN", "MX"] } : question,
      ),
    },
  });
}

beforeAll(async () => {
  const funds = [
    "frozen-fund",
    "stored-fund",
    "amount-fund",
    "country-fund",
    "decision-fund",
    "award-fund",
    "grant-reports-fund",
  ];
  for (const id of funds) await fund(id);
  Clock.reset();
  funder = await staffAccount(["funder"], funds);
  payer = await staffAccount(["coordinator"], ["award-fund"]);
});

afterEach(() => {
  Clock.reset();
});

async function submitAt(at: string, callId: string, country = "CO", amount = 2_000): Promise<string> {
  Clock.set(at);
  const { id } = await Application.create({
    callId,
    language: "es",
    eligibility: { answers: { ...emergencyAnswers, country } },
  });
  await Application.saveConceptNote((await Application.fromID(id))!, {
    fields: { situation: "Nos confiscaron los teléfonos.", need: "Teléfonos nuevos.", timeline: "Un mes." },
  });
  await Application.setFunding((await Application.fromID(id))!, { amount, annualBudget: 10_000, months: 2 });
  await Stage.submit((await Application.fromID(id))!);
  return id;
}

async function decideAt(at: string, id: string, to: "approved" | "declined") {
  Clock.set(at);
  let app = (await Application.fromID(id))!;
  const call = await Call.forApplication(app);
  if (!Stage.allowedMoves(call, app.stage).includes(to)) {
    const review = { kind: "move", to: "in_review", version: app.version } as const;
    const actor = coordinator("report-coordinator");
    await Stage.commit(app, Stage.plan({ app, call, actor, move: review, now: Clock.now() }));
    app = (await Application.fromID(id))!;
  }
  const move = {
    kind: "move",
    to,
    version: app.version,
    note: "Revisada.",
    ...(to === "approved" ? { amount: app.funding!.amount } : {}),
  } as const;
  const planned = Stage.plan({ app, call, actor: coordinator("report-coordinator"), move, now: Clock.now() });
  await Stage.commit(app, planned);
}

/**
 * The report as read at `at`, once the schedule's job has frozen the call's due periods at `at` (as it does every
 * hour, for every call: here for this test's call only, so the tests' funds do not freeze each other's months).
 */
async function readAt(at: string, callId: string, year = 2026) {
  await make(await Call.get(callId), year, new Date(at));
  const report = await pipeline(funder, { callId, year }, new Date(at));
  return report.calls[0]!;
}

const month = (report: { months: MonthReport[] }, name: string) => report.months.find((m) => m.month === name);

describe("frozen periods", () => {
  it("shows a month only a day after it ends, the current one never, and the same figures ever after", async () => {
    const ids: string[] = [];
    for (let day = 10; day < 16; day++) ids.push(await submitAt(`2026-02-${day}T10:00:00Z`, "frozen-fund"));

    // During February, and on 1 March (less than a day after it ended): no February at all.
    expect(month(await readAt("2026-02-28T23:59:59Z", "frozen-fund"), "2026-02")).toBeUndefined();
    expect(month(await readAt("2026-03-01T23:59:59.999Z", "frozen-fund"), "2026-02")).toBeUndefined();
    // A day after: six submissions, rounded to 5; January's nothing reads <5, like 1 to 4 would.
    const first = await readAt("2026-03-02T00:00:00Z", "frozen-fund");
    expect(month(first, "2026-02")!.submitted).toBe(5);
    expect(month(first, "2026-01")!.submitted).toBe("<5");
    expect(month(first, "2026-03")).toBeUndefined();

    // February's applications move on in March: decided, one withdrawn. February's figures do not move;
    // the decisions are March's, shown once March is closed.
    for (const id of ids.slice(0, 5)) await decideAt("2026-03-03T10:00:00Z", id, "declined");
    Clock.set("2026-03-04T10:00:00Z");
    await Stage.withdraw((await Application.fromID(ids[5]!))!);
    const later = await readAt("2026-04-02T00:00:00Z", "frozen-fund");
    expect(month(later, "2026-02")).toEqual(month(first, "2026-02"));
    expect(month(later, "2026-03")).toMatchObject({ submitted: "<5", decided: 5, declined: 5, approved: "<5" });
    // And the quarter, once it is due, is read the same way every time.
    const quarter = later.quarters.find((q) => q.quarter === "2026-Q1");
    expect(quarter).toBeDefined();
    expect((await readAt("2026-09-01T00:00:00Z", "frozen-fund")).quarters[0]).toEqual(quarter);
  });

  it("serves the stored copy on every read: nothing is recomputed from the counters", async () => {
    for (let day = 1; day < 8; day++) await submitAt(`2026-05-0${day}T10:00:00Z`, "stored-fund");
    const first = month(await readAt("2026-06-05T00:00:00Z", "stored-fund"), "2026-05")!;
    expect(first.submitted).toBe(5);
    // Counters that somehow changed after the snapshot was made change nothing a reader sees.
    await Dynamo.transact([update("stored-fund", "late-write", { month: "2026-05", add: { submitted: 20 } })]);
    expect(month(await readAt("2026-06-06T00:00:00Z", "stored-fund"), "2026-05")).toEqual(first);
  });
});

describe("amounts", () => {
  it("never gives away one sealed amount: sums need 5 contributors, are rounded to 1,000 and frozen", async () => {
    for (let day = 1; day <= 4; day++) await submitAt(`2026-07-0${day}T10:00:00Z`, "amount-fund", "CO", 1_000);
    const four = month(await readAt("2026-08-02T00:00:00Z", "amount-fund"), "2026-07")!;
    expect(four.amounts.requested).toBe("withheld");

    for (let day = 1; day <= 5; day++) await submitAt(`2026-08-0${day}T10:00:00Z`, "amount-fund", "CO", 1_000);
    // The attacker's poll: one more application with a telling amount, in the month being read and after it.
    await submitAt("2026-08-20T10:00:00Z", "amount-fund", "CO", 7_777);
    const before = await readAt("2026-08-25T00:00:00Z", "amount-fund");
    expect(month(before, "2026-08")).toBeUndefined();
    const closed = await readAt("2026-09-02T00:00:00Z", "amount-fund");
    // 12,777 shown as 13,000: the 7,777 cannot be read back from any two figures.
    expect(month(closed, "2026-08")!.amounts).toEqual({
      requested: 13_000,
      approved: "withheld",
      agreed: "withheld",
      paid: "withheld",
      currency: "EUR",
    });
    await submitAt("2026-09-03T10:00:00Z", "amount-fund", "CO", 7_777);
    expect(month(await readAt("2026-09-04T00:00:00Z", "amount-fund"), "2026-08")).toEqual(month(closed, "2026-08"));
  });
});

describe("breakdowns", () => {
  it("lists every accepted country each quarter, 0 and 1-4 alike as <5, so one submission names no country", async () => {
    await submitAt("2026-04-10T10:00:00Z", "country-fund", "HN");
    const q2 = (await readAt("2026-07-02T00:00:00Z", "country-fund")).quarters.find((q) => q.quarter === "2026-Q2")!;
    expect(q2.breakdowns.country).toEqual({ CO: "<5", GT: "<5", HN: "<5", MX: "<5" });
    const q1 = (await readAt("2026-07-02T00:00:00Z", "country-fund")).quarters.find((q) => q.quarter === "2026-Q1")!;
    expect(q1.breakdowns.country).toEqual({ CO: "<5", GT: "<5", HN: "<5", MX: "<5" });
  });

  it("withholds a further cell where the <5 cells would have to add up to more than 0", async () => {
    // Five decisions in October: 3 approvals, 2 declines. Decided reads 5 (5 to 7), so approvals and declines
    // cannot both be 0 to 4 and one of them 0: one more cell is withheld.
    const ids: string[] = [];
    for (let day = 1; day <= 5; day++) ids.push(await submitAt(`2026-10-0${day}T10:00:00Z`, "decision-fund"));
    for (const [index, id] of ids.entries()) {
      await decideAt(`2026-10-2${index}T11:00:00Z`, id, index < 3 ? "approved" : "declined");
    }
    const october = month(await readAt("2026-11-02T00:00:00Z", "decision-fund"), "2026-10")!;
    expect(october.decided).toBe(5);
    expect([october.approved, october.declined].sort()).toEqual(["<5", "withheld"]);
    // The approved sum has 3 contributors: withheld, whatever its count shows.
    expect(october.amounts.approved).toBe("withheld");
    expect(october.medianDaysToDecision).toBe(19);
  });
});

/** A coordinator sends the agreement of an approved application. */
async function sendAgreementAt(at: string, id: string) {
  Clock.set(at);
  const app = (await Application.fromID(id))!;
  const move = { kind: "move", to: "agreement_sent", version: app.version } as const;
  const call = await Call.forApplication(app);
  await Stage.commit(app, Stage.plan({ app, call, actor: coordinator(payer.id), move, now: Clock.now() }));
}

/** The applicant accepts the agreement sent to them. */
async function agreeAt(at: string, id: string) {
  Clock.set(at);
  await Award.answerAgreement((await Application.fromID(id))!, { decision: "accept", name: "Ana Pérez" });
}

/** A coordinator records a payment made that day. */
async function payAt(at: string, id: string, amount: number, final = false) {
  Clock.set(at);
  const { version } = (await Application.fromID(id))!;
  await Award.recordPayment(payer, id, { version, amount, paidOn: at.slice(0, 10), reference: "TRF-1", final });
}

describe("after the award", () => {
  it("reads a month frozen before these figures existed as withheld, never recomputed from its counters", async () => {
    // First, before any other month of the fund is frozen: a January snapshot as stored before grants activated,
    // agreed and paid were counted, and counters that somehow count them since.
    const old = {
      month: "2026-01",
      ...Object.fromEntries(
        ["submitted", "decided", "approved", "declined", "decidedWithinDeadline", "overdue"].map((key) => [key, "<5"]),
      ),
      medianDaysToDecision: "withheld",
      amounts: { requested: "withheld", approved: "withheld", currency: "EUR" },
    };
    await dynamoStore.putIfNew("award-fund", { period: "2026-01", kind: "month", figures: old, madeAt: "x" });
    await Dynamo.transact([
      update("award-fund", "late-write", {
        month: "2026-01",
        add: { [Counter.activated]: 9, [Counter.paid("EUR")]: 9_000, [Counter.paidBy("EUR")]: 9 },
      }),
    ]);
    const january = month(await readAt("2026-02-02T00:00:00Z", "award-fund"), "2026-01");
    expect(january).toEqual({
      ...old,
      grantsActivated: "withheld",
      reports: { due: "withheld", onTime: "withheld", late: "withheld" },
      amounts: { ...old.amounts, agreed: "withheld", paid: "withheld" },
    });
  });

  it("shows agreed and paid sums of 5 grants or more, rounded, and grants activated under 5 as <5", async () => {
    // Fifteen grants of 2,000 approved in March; accepted and first paid 5 in April, 4 in May, 1 in June, 2 in
    // July, 3 in August.
    const ids: string[] = [];
    for (let day = 1; day <= 15; day++) {
      const at = `2026-03-${String(day).padStart(2, "0")}T10:00:00Z`;
      const id = await submitAt(at, "award-fund");
      await decideAt(at.replace("T10", "T11"), id, "approved");
      await sendAgreementAt(at.replace("T10", "T12"), id);
      ids.push(id);
    }
    const cohorts: [month: string, ids: string[]][] = [
      ["04", ids.slice(0, 5)],
      ["05", ids.slice(5, 9)],
      ["06", ids.slice(9, 10)],
      ["07", ids.slice(10, 12)],
      ["08", ids.slice(12, 15)],
    ];
    for (const [name, cohort] of cohorts) {
      for (const [index, id] of cohort.entries()) {
        await agreeAt(`2026-${name}-0${index + 1}T10:00:00Z`, id);
        if (name === "05") {
          // Paid twice in the month: still 4 grants paid, so the 4,400 stays withheld.
          await payAt(`2026-05-0${index + 1}T11:00:00Z`, id, 500);
          await payAt(`2026-05-1${index + 1}T11:00:00Z`, id, 600);
        } else await payAt(`2026-${name}-0${index + 1}T11:00:00Z`, id, name === "04" ? 1_100 : 2_000, name !== "04");
      }
    }
    // April's grants are paid the rest in June: with June's new one, 6 grants paid 6,500 (7,000), 1 activated.
    for (const [index, id] of ids.slice(0, 5).entries()) await payAt(`2026-06-2${index}T10:00:00Z`, id, 900, true);

    const report = await readAt("2026-09-02T00:00:00Z", "award-fund");
    const figures = (name: string) => {
      const { grantsActivated, amounts } = month(report, `2026-${name}`)!;
      return { grantsActivated, agreed: amounts.agreed, paid: amounts.paid };
    };
    expect(month(report, "2026-03")!.amounts.approved).toBe(30_000);
    expect(figures("03")).toEqual({ grantsActivated: "<5", agreed: "withheld", paid: "withheld" });
    // 5 agreements of 2,000 and 5 first payments of 1,100 (5,500, rounded to 6,000).
    expect(figures("04")).toEqual({ grantsActivated: 5, agreed: 10_000, paid: 6_000 });
    expect(figures("05")).toEqual({ grantsActivated: "<5", agreed: "withheld", paid: "withheld" });
    expect(figures("06")).toEqual({ grantsActivated: "<5", agreed: "withheld", paid: 7_000 });
    expect(figures("07")).toEqual({ grantsActivated: "<5", agreed: "withheld", paid: "withheld" });
    expect(figures("08")).toEqual({ grantsActivated: "<5", agreed: "withheld", paid: "withheld" });
  });
});

/** Counts grants' reports falling due in `month` as their due step does: each due, and on time or late. */
async function reportsFallDue(month: string, onTime: number, late: number) {
  await Dynamo.transact([
    update("grant-reports-fund", `reports-${month}`, {
      month,
      add: { [Counter.reportsDue]: onTime + late, [Counter.reportsOnTime]: onTime, [Counter.reportsLate]: late },
    }),
  ]);
}

describe("grants' reports", () => {
  it("reads a month frozen before reports were counted as withheld, though its counters count them since", async () => {
    const old = {
      month: "2026-01",
      ...Object.fromEntries(
        ["submitted", "decided", "approved", "declined", "decidedWithinDeadline", "overdue"].map((key) => [key, "<5"]),
      ),
      medianDaysToDecision: "withheld",
      grantsActivated: "<5",
      amounts: { requested: "withheld", approved: "withheld", agreed: "withheld", paid: "withheld", currency: "EUR" },
    };
    await dynamoStore.putIfNew("grant-reports-fund", { period: "2026-01", kind: "month", figures: old, madeAt: "x" });
    await reportsFallDue("2026-01", 9, 3);
    const january = month(await readAt("2026-02-02T00:00:00Z", "grant-reports-fund"), "2026-01");
    expect(january).toEqual({ ...old, reports: { due: "withheld", onTime: "withheld", late: "withheld" } });
  });

  it("shows reports due, on time and late so that a late count under 5 cannot be had by subtraction", async () => {
    // March: 7 due, 6 on time, 1 late. Shown 5, 5 and <5: on time may be 7 and late 0, so nothing is proved.
    await reportsFallDue("2026-03", 6, 1);
    // April: 9 due, 5 on time, 4 late. Due reads 10 (8 at least), on time 5 (7 at most): late would be proved
    // at least 1, so on time is withheld as well.
    await reportsFallDue("2026-04", 5, 4);
    // May: 12 due, 2 on time, 10 late: the <5 on time may be 0 beside them, so everything shows.
    await reportsFallDue("2026-05", 2, 10);
    const report = await readAt("2026-06-02T00:00:00Z", "grant-reports-fund");
    expect(month(report, "2026-02")!.reports).toEqual({ due: "<5", onTime: "<5", late: "<5" });
    expect(month(report, "2026-03")!.reports).toEqual({ due: 5, onTime: 5, late: "<5" });
    expect(month(report, "2026-04")!.reports).toEqual({ due: 10, onTime: "withheld", late: "<5" });
    expect(month(report, "2026-05")!.reports).toEqual({ due: 10, onTime: "<5", late: 10 });
  });
});

// Last: the schedule's job freezes every call's due periods, the other tests' funds included.
describe("the schedule", () => {
  it("computes nothing on a read: a due period shows only once the schedule has frozen it", async () => {
    await submitAt("2026-11-03T10:00:00Z", "stored-fund");
    const unswept = await pipeline(funder, { callId: "stored-fund", year: 2026 }, new Date("2026-12-05T00:00:00Z"));
    expect(month(unswept.calls[0]!, "2026-11")).toBeUndefined();
    // The schedule's job, over every call, freezes it.
    expect(await snapshotDue(new Date("2026-12-05T00:00:00Z"))).toBeGreaterThan(0);
    const swept = await pipeline(funder, { callId: "stored-fund", year: 2026 }, new Date("2026-12-05T00:00:00Z"));
    expect(month(swept.calls[0]!, "2026-11")!.submitted).toBe("<5");
  });
});
