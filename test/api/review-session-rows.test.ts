import * as Audit from "@amparo/core/audit";
import * as Clock from "@amparo/core/clock";
import type * as User from "@amparo/core/user";
import { app as staffApp } from "@amparo/functions/staff/index";
import { beforeAll, describe, expect, it } from "vitest";
import { applicantRequest, startApplication, uploadBudget } from "../support/applications.js";
import { pdf } from "../support/files.js";
import { signIn, staffAccount, staffRequest } from "../support/staff.js";

// A typical review of one application, a minute between steps, as people click through the staff pages: the
// application's history should read as what happened, not as a page-load log.
const callId = "concept-notes-2026";
const minute = 60_000;
const window = 5 * minute;

let coordinator: { session: string; user: User.Info };
let reviewer: { session: string; user: User.Info };

beforeAll(async () => {
  coordinator = await signIn((await staffAccount(["coordinator"], [callId])).email);
  reviewer = await signIn((await staffAccount(["reviewer"], [callId])).email);
}, 60_000);

const page = (path: string, session: string) =>
  staffApp.request(path, { headers: { Cookie: `staff_session=${session}` } });
const api = (method: string, path: string, session: string, body?: unknown) =>
  staffRequest(method, `/api/v1/review${path}`, session, body);

async function submitted() {
  const { id, token } = await startApplication(callId);
  await applicantRequest("PUT", `/api/v1/applications/${id}/concept-note`, token, {
    fields: { problem: "Raids.", approach: "Safe rooms.", outcomes: "Fewer raids.", organisation: "A network." },
  });
  await applicantRequest("PUT", `/api/v1/applications/${id}/funding`, token, {
    amount: 20_000,
    annualBudget: 15_000,
    months: 12,
  });
  await applicantRequest("PUT", `/api/v1/applications/${id}/identity`, token, { name: "Red Sur", country: "CL" });
  await uploadBudget(id, token, pdf(), "application/pdf", "budget.pdf");
  await applicantRequest("POST", `/api/v1/applications/${id}/budget-file/confirm`, token);
  expect((await applicantRequest("POST", `/api/v1/applications/${id}/submit`, token)).status).toBe(200);
  return id;
}

describe("a review session's history", () => {
  it("holds one 'viewed' row per person and 5-minute window, lists included, not one per page load", async () => {
    const id = await submitted();
    const appPage = `/staff/applications/${id}`;
    const table = `/staff/applications?callId=${callId}`;
    const version = async () =>
      (
        (await (await api("GET", `/applications/${id}`, coordinator.session)).json()) as {
          version: number;
        }
      ).version;
    // Steps a minute apart, from the start of a window.
    Clock.advance(window - (Clock.nowMs() % window) + 1_000);
    let loads = 0;
    const step = async (run: () => unknown, opensContent = true) => {
      await run();
      if (opensContent) loads++;
      Clock.advance(minute);
    };

    // The coordinator finds it in the table, reads it, assigns a reviewer (the page shows again).
    await step(() => page(table, coordinator.session));
    await step(() => page(appPage, coordinator.session));
    await step(async () => {
      await api("POST", `/applications/${id}/assign`, coordinator.session, { reviewerIds: [reviewer.user.id] });
      await page(appPage, coordinator.session);
    });
    // The reviewer: the queue, the declaration page, declares none, reads, scores, the queue again, reads twice.
    await step(() => page("/staff", reviewer.session), false);
    await step(() => page(appPage, reviewer.session));
    await step(async () => {
      await api("POST", `/applications/${id}/conflict`, reviewer.session, { conflict: false });
      await page(appPage, reviewer.session);
    });
    await step(() => page(appPage, reviewer.session));
    await step(async () => {
      await api("PUT", `/applications/${id}/score`, reviewer.session, {
        scores: { relevance: 4, approach: 4, capacity: 3, value: 3 },
        recommendation: "fund",
        comment: "Solid.",
      });
      await page(appPage, reviewer.session);
    });
    await step(() => page("/staff", reviewer.session));
    await step(() => page(appPage, reviewer.session));
    await step(() => page(appPage, reviewer.session));
    // The coordinator again: the table, the application, a move (the page shows again), the table.
    await step(() => page(table, coordinator.session));
    await step(() => page(appPage, coordinator.session));
    await step(async () => {
      await api("POST", `/applications/${id}/transition`, coordinator.session, {
        to: "in_review",
        version: await version(),
      });
      await page(appPage, coordinator.session);
    });
    await step(() => page(table, coordinator.session));

    const history = await Audit.list({ application: id });
    const viewed = history.filter((event) => event.type === "viewed");
    const byCoordinator = viewed.filter((event) => event.actor === `user:${coordinator.user.id}`);
    const byReviewer = viewed.filter((event) => event.actor === `user:${reviewer.user.id}`);
    console.info(
      `review session: ${loads} loads opening content or identity; ${viewed.length} 'viewed' of ${history.length} rows`,
    );
    expect(loads).toBe(14);
    // 15 minutes, three windows: the coordinator reads in the first and the last, the reviewer in all three.
    // The coordinator's application page also opens the eligibility answers: a row of its own per window.
    const content = (events: typeof viewed) => events.filter((event) => event["part"] === undefined);
    expect(content(byCoordinator)).toHaveLength(2);
    expect(byCoordinator.filter((event) => event["part"] === "eligibility")).toHaveLength(2);
    expect(byReviewer).toHaveLength(3);
    expect(byReviewer.some((event) => event["part"] !== undefined)).toBe(false);
    expect(new Set(viewed.map((event) => `${event.actor} ${event.at} ${event["part"]}`)).size).toBe(viewed.length);
    for (const event of viewed) expect(Date.parse(event.at) % window).toBe(0);
  }, 120_000);
});
