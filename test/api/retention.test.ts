import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import * as Dynamo from "@amparo/core/dynamo";
import * as Retention from "@amparo/core/retention";
import * as Report from "@amparo/core/report";
import * as Storage from "@amparo/core/storage";
import type * as User from "@amparo/core/user";
import { beforeAll, describe, expect, it } from "vitest";
import { applicantRequest, startApplication, uniqueEmail, uploadBudget } from "../support/applications.js";
import { pdf } from "../support/files.js";
import { everyItem } from "../support/http.js";
import { signIn, staffAccount, staffRequest } from "../support/staff.js";

// Time moves forward by handing the sweep a `now` in the future, as the daily schedule would find it then.
const DAY_MS = 86_400_000;
const GRANT = "concept-notes-2026"; // retention 365 days; approvals 3650 (the default)
const EMERGENCY = "digital-emergency"; // retention 180 days
/** The report counters' year of the applications these tests submit (now). */
const thisYear = () => new Date().getUTCFullYear();

/** What an audit event may still hold once its application's content is deleted: the stage history. */
const HISTORY = ["pk", "sk", "type", "actor", "at", "from", "stage", "withinDeadline", "decisionDueAt", "reviewerId"];

let coordinator: { session: string; user: User.Info };
let reviewerA: { session: string; user: User.Info };
let reviewerB: { session: string; user: User.Info };

beforeAll(async () => {
  coordinator = await signIn((await staffAccount(["coordinator"], [GRANT, EMERGENCY])).email);
  reviewerA = await signIn((await staffAccount(["reviewer"], [GRANT])).email);
  reviewerB = await signIn((await staffAccount(["reviewer"], [GRANT])).email);
}, 60_000);

const review = (path: string, session: string, method = "GET", body?: unknown) =>
  staffRequest(method, `/api/v1/review/applications${path}`, session, body);

type Item = Record<string, unknown>;
const byKey = (a: Item, b: Item) => `${a["pk"]}|${a["sk"]}`.localeCompare(`${b["pk"]}|${b["sk"]}`);
const isEvent = (item: Item) => String(item["sk"]).startsWith("EVENT#");

async function objectKeys(): Promise<string[]> {
  const listed = await (await Storage.s3()).send(new ListObjectsV2Command({ Bucket: Storage.bucketName() }));
  return (listed.Contents ?? []).map((object) => object.Key!).sort();
}

const outboxKeys = async () =>
  (await everyItem()).map((item) => String(item["pk"])).filter((pk) => pk.startsWith(Dynamo.outboxPrefix));

/** Every stored item that mentions the application: its partition, and anything pointing at it. */
const itemsAbout = async (id: string) =>
  (await everyItem()).filter((item) => JSON.stringify(item).includes(id)).sort(byKey);

/**
 * Runs `build` and records everything it left: the application's items, the objects in the bucket and the outbox
 * items (emails left unsent, so their sealed recipients are still there) that were not there before.
 */
async function traced(build: () => Promise<{ id: string; token: string }>) {
  const objectsBefore = await objectKeys();
  const outboxBefore = await outboxKeys();
  const { id, token } = await build();
  const items = await itemsAbout(id);
  const app = items.find((item) => item["sk"] === "APP")!;
  return {
    id,
    token,
    callId: String(app["callId"]),
    tokenHash: String(app["tokenHash"]),
    items,
    objects: (await objectKeys()).filter((key) => !objectsBefore.includes(key)),
    emails: (await outboxKeys()).filter((key) => !outboxBefore.includes(key)),
    /** When the stage changed last (the decision or the withdrawal). */
    at: Date.parse(String(app["updatedAt"])),
  };
}

async function writeApplication(callId: string, email: string) {
  const { id, token } = await startApplication(callId as typeof GRANT, { contact: { email } });
  const fields =
    callId === GRANT
      ? {
          problem: "Coordinated harassment of women journalists in Sindh.",
          approach: "Digital security clinics and a rapid-response line.",
          outcomes: "Fewer account takeovers.",
          organisation: "A collective of lawyers and technologists since 2016.",
        }
      : { situation: "Our phones were seized at a checkpoint.", need: "Two phones.", timeline: "A month." };
  expect((await applicantRequest("PUT", `/api/v1/applications/${id}/concept-note`, token, { fields })).status).toBe(
    200,
  );
  const funding = callId === GRANT ? { amount: 22_000, annualBudget: 15_000, months: 12 } : { amount: 2_000 };
  expect(
    (
      await applicantRequest("PUT", `/api/v1/applications/${id}/funding`, token, {
        annualBudget: 0,
        months: 2,
        ...funding,
      })
    ).status,
  ).toBe(200);
  expect((await uploadBudget(id, token, pdf(), "application/pdf", "budget.pdf")).status).toBeLessThan(400);
  expect((await applicantRequest("POST", `/api/v1/applications/${id}/budget-file/confirm`, token)).status).toBe(200);
  return { id, token };
}

async function submit(id: string, token: string) {
  const submitted = await applicantRequest("POST", `/api/v1/applications/${id}/submit`, token, undefined, {
    "Idempotency-Key": `retention-${id}`,
  });
  expect(submitted.status).toBe(200);
}

async function move(id: string, to: string, extra: Record<string, unknown> = {}) {
  const { version } = (await (await review(`/${id}`, coordinator.session)).json()) as { version: number };
  expect((await review(`/${id}/transition`, coordinator.session, "POST", { to, version, ...extra })).status).toBe(200);
}

/**
 * A grant application with everything an application can hold: contact, answers, note, amounts, a checked budget
 * file and a second upload never confirmed, an idempotent submission, two reviewers (one scored with a comment,
 * one declared a conflict with a note), a download and a view by its coordinator.
 */
async function reviewedGrant() {
  const { id, token } = await writeApplication(GRANT, uniqueEmail());
  expect((await uploadBudget(id, token, pdf(), "application/pdf", "second.pdf")).status).toBeLessThan(400);
  await submit(id, token);
  await review(`/${id}/assign`, coordinator.session, "POST", { reviewerIds: [reviewerA.user.id, reviewerB.user.id] });
  await review(`/${id}/conflict`, reviewerA.session, "POST", { conflict: false });
  expect(
    (
      await review(`/${id}/score`, reviewerA.session, "PUT", {
        scores: { relevance: 5, approach: 4, capacity: 3, value: 2 },
        recommendation: "fund",
        comment: "Strong local partners.",
      })
    ).status,
  ).toBe(200);
  await review(`/${id}/conflict`, reviewerB.session, "POST", { conflict: true, note: "Former employer" });
  expect((await review(`/${id}/budget-file`, coordinator.session)).status).toBe(200);
  return { id, token };
}

/** Nothing about the application is left but its events, each stripped to the stage history it had. */
async function expectOnlyHistory(app: Awaited<ReturnType<typeof traced>>) {
  const left = await itemsAbout(app.id);
  const history = app.items
    .filter(isEvent)
    .map((event) => Object.fromEntries(Object.entries(event).filter(([name]) => HISTORY.includes(name))));
  expect(left).toEqual(history);
  expect(history.map((event) => event["type"])).toContain("created");

  const everything = JSON.stringify(await everyItem());
  expect(everything).not.toContain(app.tokenHash);
  expect(everything).not.toContain(Dynamo.Key.accessCode(app.tokenHash).pk);
  const outbox = await outboxKeys();
  expect(app.emails.filter((key) => outbox.includes(key))).toEqual([]);
  const objects = await objectKeys();
  expect(app.objects.filter((key) => objects.includes(key))).toEqual([]);

  expect((await applicantRequest("GET", `/api/v1/applications/${app.id}`, app.token)).status).toBe(404);
  expect((await review(`/${app.id}`, coordinator.session)).status).toBe(404);
}

/** The application is exactly as it was: every item, object and email still there. */
async function expectUntouched(app: Awaited<ReturnType<typeof traced>>) {
  expect(await itemsAbout(app.id)).toEqual(app.items);
  const objects = await objectKeys();
  expect(app.objects.every((key) => objects.includes(key))).toBe(true);
  const outbox = await outboxKeys();
  expect(app.emails.every((key) => outbox.includes(key))).toBe(true);
  expect((await applicantRequest("GET", `/api/v1/applications/${app.id}`, app.token)).status).toBe(200);
}

describe("retention", () => {
  it("deletes a declined application's content after the call's retention period, not a day before", async () => {
    const declined = await traced(async () => {
      const app = await reviewedGrant();
      await move(app.id, "declined", { note: "Budget does not match the activities described." });
      return app;
    });
    // What there is to delete: the item's sealed content, the access code, two uploads, assignments, a review's
    // sealed comment, two sealed notes, a download's hash, the idempotency record, unsent emails.
    const stored = JSON.stringify(declined.items);
    for (const part of ["sealed", "commentSealed", "noteSealed", "IDEMPOTENCY#", "ASSIGN#", "REVIEW#", "TOKEN#"]) {
      expect(stored).toContain(part);
    }
    expect(declined.items.filter((item) => "noteSealed" in item)).toHaveLength(2);
    expect(declined.items.some((item) => item["type"] === "budget_file_downloaded" && item["sha256"])).toBe(true);
    expect(declined.objects).toHaveLength(2);
    expect(declined.emails.length).toBeGreaterThan(0);
    const counters = await Report.counters(GRANT, thisYear());

    await Retention.sweep(new Date(declined.at + 364 * DAY_MS));
    await expectUntouched(declined);

    expect(await Retention.sweep(new Date(declined.at + 365 * DAY_MS + 60_000))).toBeGreaterThanOrEqual(1);
    await expectOnlyHistory(declined);
    expect(await Report.counters(GRANT, thisYear())).toEqual(counters);
  });

  it("deletes a withdrawn application's content after the call's retention period, keeping its history", async () => {
    const withdrawn = await traced(async () => {
      const app = await writeApplication(EMERGENCY, uniqueEmail());
      await submit(app.id, app.token);
      expect((await applicantRequest("POST", `/api/v1/applications/${app.id}/withdraw`, app.token)).status).toBe(200);
      return app;
    });
    expect(withdrawn.objects).toHaveLength(1);
    const counters = await Report.counters(EMERGENCY, thisYear());

    await Retention.sweep(new Date(withdrawn.at + 179 * DAY_MS));
    await expectUntouched(withdrawn);

    await Retention.sweep(new Date(withdrawn.at + 181 * DAY_MS));
    await expectOnlyHistory(withdrawn);
    expect((await itemsAbout(withdrawn.id)).map((event) => event["type"])).toEqual([
      "created",
      "submitted",
      "withdrawn",
    ]);
    expect(await Report.counters(EMERGENCY, thisYear())).toEqual(counters);
  });

  it("keeps an approved application past the decline retention, and deletes it after the approval retention", async () => {
    const approved = await traced(async () => {
      const app = await reviewedGrant();
      await move(app.id, "in_review");
      await move(app.id, "shortlisted");
      await move(app.id, "approved", { amount: 20_000 });
      return app;
    });
    const counters = await Report.counters(GRANT, thisYear());

    await Retention.sweep(new Date(approved.at + 366 * DAY_MS));
    await Retention.sweep(new Date(approved.at + 3649 * DAY_MS));
    await expectUntouched(approved);

    await Retention.sweep(new Date(approved.at + 3651 * DAY_MS));
    await expectOnlyHistory(approved);
    expect(await Report.counters(GRANT, thisYear())).toEqual(counters);
  });

  it("leaves applications that wait for a decision alone, however old", async () => {
    const waiting = await traced(async () => {
      const app = await writeApplication(EMERGENCY, uniqueEmail());
      await submit(app.id, app.token);
      return app;
    });
    await Retention.sweep(new Date(waiting.at + 20 * 365 * DAY_MS));
    await expectUntouched(waiting);
  });
});
