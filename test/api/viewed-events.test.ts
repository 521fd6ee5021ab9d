import * as Audit from "@amparo/core/audit";
import * as Dynamo from "@amparo/core/dynamo";
import type * as User from "@amparo/core/user";
import { app as staffApp } from "@amparo/functions/staff/index";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { applicantRequest, startApplication } from "../support/applications.js";
import { signIn, staffAccount, staffRequest } from "../support/staff.js";

// Real DynamoDB may leave part of a BatchWriteItem unprocessed when it is busy; DynamoDB Local never does. An SDK
// middleware in front of the stand-in does it here: it writes only the first `processed` items of each batch and
// hands the rest back as unprocessed, as DynamoDB would; everything else is the stand-in's doing.
let processed = Infinity;
const batches: number[] = [];

const name = "Colectivo Tierra y Memoria";
const secret = "The printer is hidden at the parish";
const staffPage = (path: string, session: string) =>
  staffApp.request(path, { headers: { Cookie: `staff_session=${session}` } });

let coordinator: { session: string; user: User.Info };
let reviewer: { session: string; user: User.Info };
let applicationId = "";

beforeAll(async () => {
  (await Dynamo.documentClient()).middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as { RequestItems?: Record<string, { PutRequest?: unknown }[]> };
      const table = Dynamo.tableName();
      const requests = input.RequestItems?.[table];
      if (!Array.isArray(requests) || !requests.every((request) => request.PutRequest)) return next(args);
      batches.push(requests.length);
      const written = requests.slice(0, processed);
      const left = requests.slice(written.length);
      const result =
        written.length > 0 ? await next({ ...args, input: { RequestItems: { [table]: written } } }) : undefined;
      return {
        response: result?.response,
        output: { $metadata: {}, UnprocessedItems: left.length > 0 ? { [table]: left } : {} },
      } as Awaited<ReturnType<typeof next>>;
    },
    { step: "initialize", name: "leave-batch-writes-unprocessed" },
  );
  coordinator = await signIn((await staffAccount(["coordinator"], ["digital-emergency"])).email);
  reviewer = await signIn((await staffAccount(["reviewer"], ["digital-emergency"])).email);
  const made = await startApplication("digital-emergency");
  applicationId = made.id;
  await applicantRequest("PUT", `/api/v1/applications/${made.id}/concept-note`, made.token, {
    fields: { situation: secret, need: "A new printer." },
  });
  await applicantRequest("PUT", `/api/v1/applications/${made.id}/funding`, made.token, {
    amount: 1_500,
    annualBudget: 0,
    months: 2,
  });
  await applicantRequest("PUT", `/api/v1/applications/${made.id}/identity`, made.token, { name, country: "PE" });
  expect((await applicantRequest("POST", `/api/v1/applications/${made.id}/submit`, made.token)).status).toBe(200);
  await staffRequest("POST", `/api/v1/review/applications/${made.id}/assign`, coordinator.session, {
    reviewerIds: [reviewer.user.id],
  });
  await staffRequest("POST", `/api/v1/review/applications/${made.id}/conflict`, reviewer.session, { conflict: false });
}, 120_000);

afterEach(() => {
  processed = Infinity;
  batches.length = 0;
});

const viewsBy = async (id: string, userId: string) =>
  (await Audit.list({ application: id })).filter(
    (event) => event.type === "viewed" && event.actor === `user:${userId}`,
  );

describe("views recorded for a list", () => {
  it("go in batches of 25, and what DynamoDB leaves unprocessed is sent again until all are written", async () => {
    const ids = Array.from({ length: 60 }, (_, index) => `view${String(index).padStart(22, "0")}`);
    processed = 10;
    await Audit.recordViews(coordinator.user.id, ids);
    // Each batch of 25 (and the last of 10) is written 10 at a time: what was left goes again.
    expect(batches).toEqual([25, 15, 5, 25, 15, 5, 10]);
    for (const id of [ids[0]!, ids[24]!, ids[25]!, ids[59]!]) {
      expect(await viewsBy(id, coordinator.user.id)).toHaveLength(1);
    }
  });

  it("refuse to show a page whose record could not be written: no name, no amount, no content", async () => {
    processed = 0;
    const table = await staffPage("/staff/applications?callId=digital-emergency", coordinator.session);
    expect(table.status).not.toBe(200);
    expect(await table.text()).not.toContain(name);
    const queue = await staffRequest("GET", "/api/v1/review/queue", reviewer.session);
    expect(queue.status).toBe(429);
    expect(await queue.text()).not.toContain(name);
    const page = await staffPage(`/staff/applications/${applicationId}`, reviewer.session);
    expect(page.status).not.toBe(200);
    expect(await page.text()).not.toContain(secret);
    expect(await viewsBy(applicationId, coordinator.user.id)).toEqual([]);

    // Once the table takes writes again, the same pages show, each on record.
    processed = Infinity;
    expect(
      await (await staffPage("/staff/applications?callId=digital-emergency", coordinator.session)).text(),
    ).toContain(name);
    expect(await viewsBy(applicationId, coordinator.user.id)).toHaveLength(1);
  });
});
