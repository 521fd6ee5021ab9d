import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as Application from "@amparo/core/application";
import * as Audit from "@amparo/core/audit";
import * as Call from "@amparo/core/call";
import * as Clock from "@amparo/core/clock";
import * as Dynamo from "@amparo/core/dynamo";
import { ApplicationChangedError } from "@amparo/core/error";
import * as Report from "@amparo/core/report";
import * as Account from "@amparo/core/account";
import * as User from "@amparo/core/user";
import * as Stage from "@amparo/core/stage";

// Real DynamoDB cancels a transaction that touches an item another transaction is writing
// (`TransactionConflict`). DynamoDB Local runs transactions one at a time and never does, so these tests put
// that cancellation in front of the stand-in with an SDK middleware; everything else is the stand-in's doing.
const injected = "inject-transaction-conflict";
let conflictsLeft = 0;
let transactions = 0;

beforeAll(async () => {
  (await Dynamo.documentClient()).middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as { TransactItems?: unknown[] };
      if (!input.TransactItems) return next(args);
      transactions++;
      if (conflictsLeft > 0) {
        conflictsLeft--;
        throw new TransactionCanceledException({
          message:
            "Transaction cancelled, please refer cancellation reasons for specific reasons [None, TransactionConflict]",
          $metadata: { httpStatusCode: 400 },
          CancellationReasons: input.TransactItems.map((_, index) => ({
            Code: index === 1 ? "TransactionConflict" : "None",
          })),
        });
      }
      return next(args);
    },
    { step: "initialize", name: injected },
  );
});

afterEach(() => {
  conflictsLeft = 0;
  transactions = 0;
});

async function submittedApplication(): Promise<Application.Info> {
  const { id } = await Application.create({
    callId: "digital-emergency",
    language: "en",
    eligibility: {
      answers: {
        "applicant-type": "individual",
        country: "CO",
        "under-attack": true,
        "human-rights-work": true,
        "funded-recently": false,
      },
    },
  });
  let app = (await Application.fromID(id))!;
  await Application.saveConceptNote(app, {
    fields: { situation: "Our phones were seized.", need: "New phones.", timeline: "A month." },
  });
  app = (await Application.fromID(id))!;
  await Application.setFunding(app, { amount: 2_000, annualBudget: 10_000, months: 2 });
  await Stage.submit((await Application.fromID(id))!);
  return (await Application.fromID(id))!;
}

describe("committing a move", () => {
  let coordinator: User.Info;

  beforeAll(async () => {
    coordinator = (await Account.create({
      email: `commit-${Date.now()}@example.org`,
      roles: ["coordinator"],
      callIds: ["digital-emergency"],
    }))!;
  });

  it("retries a transaction cancelled by a concurrent one until it goes through, writing it once", async () => {
    const submitted = await submittedApplication();
    await Stage.transition(coordinator, submitted.id, { to: "in_review", version: submitted.version });
    const app = (await Application.fromID(submitted.id))!;
    // A decision is counted in the month it is made.
    const year = Clock.now().getUTCFullYear();
    const before = await Report.counters("digital-emergency", year);
    transactions = 0;
    conflictsLeft = 3;

    const result = await Stage.transition(coordinator, app.id, {
      to: "declined",
      version: app.version,
      note: "Outside the call's scope.",
    });

    expect(result).toEqual({ stage: "declined", version: app.version + 1 });
    expect(transactions).toBe(4);
    expect((await Application.fromID(app.id))!.stage).toBe("declined");
    const moves = (await Audit.list({ application: app.id })).filter((event) => event.type === "decided");
    expect(moves).toHaveLength(1);
    const after = await Report.counters("digital-emergency", year);
    expect(after["decided:declined"] ?? 0).toBe((before["decided:declined"] ?? 0) + 1);
  });

  it("answers a failed condition with a 409 at once, without retrying", async () => {
    const app = await submittedApplication();
    await Stage.transition(coordinator, app.id, { to: "in_review", version: app.version });
    transactions = 0;

    // A plan made from the version read before the other move: its condition no longer holds.
    const stale = Stage.plan({
      app,
      call: await Call.get("digital-emergency"),
      actor: { kind: "coordinator", userId: coordinator.id },
      move: { kind: "move", to: "more_info", version: app.version, messageToApplicant: "Which phones?" },
      now: new Date(),
    });
    const error = await Stage.commit(app, stale).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ApplicationChangedError);
    expect((error as ApplicationChangedError).kind).toBe("conflict");
    expect(transactions).toBe(1);
    expect((await Application.fromID(app.id))!.stage).toBe("in_review");
  });

  it("gives up with a 429 that changes nothing when conflicts do not stop", async () => {
    const app = await submittedApplication();
    conflictsLeft = Dynamo.transactionAttempts;

    const error = await Stage.transition(coordinator, app.id, { to: "in_review", version: app.version }).catch(
      (caught: unknown) => caught,
    );

    expect(error).toBeInstanceOf(Dynamo.BusyError);
    expect((error as Dynamo.BusyError).kind).toBe("rate_limited");
    expect((await Application.fromID(app.id))!.stage).toBe("submitted");
  });

  it("spreads a call's counters over shards and sums them when read", async () => {
    const year = new Date().getUTCFullYear();
    const before = (await Report.counters("digital-emergency", year))["submitted"] ?? 0;
    const apps = await Promise.all(Array.from({ length: 8 }, () => submittedApplication()));
    const shards = new Set(apps.map((app) => Report.shardOf(app.id)));
    expect(shards.size).toBeGreaterThan(1);
    expect((await Report.counters("digital-emergency", year))["submitted"]).toBe(before + 8);
  });
});
