import { beforeAll, describe, expect, it } from "vitest";
import * as Dynamo from "@amparo/core/dynamo";
import { formatDate } from "@amparo/core/i18n";
import type * as User from "@amparo/core/user";
import { app as staffApp } from "@amparo/functions/staff/index";
import { applicantRequest, startApplication } from "../support/applications.js";
import { signIn, staffAccount, staffRequest } from "../support/staff.js";

const day = 86_400_000;
const at = (days: number) => new Date(Date.now() + days * day).toISOString();

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ");

/** A submitted emergency application. */
async function submitted(): Promise<string> {
  const { id, token } = await startApplication("digital-emergency");
  await applicantRequest("PUT", `/api/v1/applications/${id}/concept-note`, token, {
    fields: { situation: "Our accounts were taken over.", need: "Two new phones." },
  });
  await applicantRequest("PUT", `/api/v1/applications/${id}/funding`, token, {
    amount: 2_000,
    annualBudget: 0,
    months: 2,
  });
  const response = await applicantRequest("POST", `/api/v1/applications/${id}/submit`, token);
  if (response.status !== 200) throw new Error(`submit answered ${response.status}`);
  return id;
}

/**
 * Sets the clock's times on the stored application, as the decision clock leaves them (the clock itself is
 * the decision clock tests' subject; this file is about what the pages show of it).
 */
async function clockTimes(id: string, times: Record<string, string>) {
  await Dynamo.update(Dynamo.Key.application(id), { set: times });
}

let coordinator: { session: string; user: User.Info };
const page = async (path: string) =>
  staffApp.request(path, { headers: { Cookie: `staff_session=${coordinator.session}` } });

// One overdue application (due two days ago, reminded and escalated, marked overdue), one waiting on its
// applicant (due later, reminder planned, paused).
let overdue = "";
let paused = "";
const times = {
  overdue: {
    decisionDueAt: at(-2),
    reminderAt: at(-9),
    remindedAt: at(-9),
    escalationAt: at(-4),
    escalatedAt: at(-4),
    overdueAt: at(-2),
  },
  paused: { decisionDueAt: at(10), reminderAt: at(3), escalationAt: at(8), pausedAt: at(-1) },
};

beforeAll(async () => {
  coordinator = await signIn((await staffAccount(["coordinator"], ["digital-emergency"])).email);
  paused = await submitted();
  overdue = await submitted();
  await clockTimes(overdue, times.overdue);
  await clockTimes(paused, times.paused);
}, 60_000);

describe("the coordinator's list", () => {
  it("shows each application's decision date, soonest first, and marks the overdue one", async () => {
    const response = await page("/staff/applications?callId=digital-emergency");
    expect(response.status).toBe(200);
    const rows = [...(await response.text()).matchAll(/<tr>(.*?)<\/tr>/gs)].map((row) => text(row[1]!));
    const overdueRow = rows.findIndex((row) => row.includes(overdue.slice(0, 8)));
    const pausedRow = rows.findIndex((row) => row.includes(paused.slice(0, 8)));
    expect(overdueRow).toBeGreaterThan(0);
    expect(pausedRow).toBeGreaterThan(overdueRow);
    expect(rows[overdueRow]).toContain(`${formatDate("en", times.overdue.decisionDueAt)} Overdue`);
    expect(rows[pausedRow]).toContain(formatDate("en", times.paused.decisionDueAt));
    expect(rows[pausedRow]).not.toContain("Overdue");
  });

  it("marks it in Spanish and Portuguese too, and the API says it", async () => {
    expect(text(await (await page("/staff/applications?callId=digital-emergency&lang=es")).text())).toContain(
      `${formatDate("es", times.overdue.decisionDueAt)} Vencida`,
    );
    expect(text(await (await page("/staff/applications?callId=digital-emergency&lang=pt")).text())).toContain(
      `${formatDate("pt", times.overdue.decisionDueAt)} Atrasada`,
    );
    const listed = await staffRequest(
      "GET",
      "/api/v1/review/applications?callId=digital-emergency",
      coordinator.session,
    );
    const { items } = (await listed.json()) as { items: { id: string; overdue: boolean }[] };
    expect(items.find((item) => item.id === overdue)?.overdue).toBe(true);
    expect(items.find((item) => item.id === paused)?.overdue).toBe(false);
  });
});

describe("the application page", () => {
  it("puts the clock first for a coordinator and the note first for a reviewer, who reads before anything else", async () => {
    const reviewer = await signIn((await staffAccount(["reviewer"], ["digital-emergency"])).email);
    await staffRequest("POST", `/api/v1/review/applications/${overdue}/assign`, coordinator.session, {
      reviewerIds: [reviewer.user.id],
    });
    await staffRequest("POST", `/api/v1/review/applications/${overdue}/conflict`, reviewer.session, {
      conflict: false,
    });
    const order = (html: string) => [html.indexOf('id="clock"'), html.indexOf("Concept note")];
    const [clockForCoordinator, noteForCoordinator] = order(
      await (await page(`/staff/applications/${overdue}`)).text(),
    );
    expect(clockForCoordinator).toBeGreaterThan(0);
    expect(clockForCoordinator).toBeLessThan(noteForCoordinator!);
    const asReviewer = await staffApp.request(`/staff/applications/${overdue}`, {
      headers: { Cookie: `staff_session=${reviewer.session}` },
    });
    expect(asReviewer.status).toBe(200);
    const [clockForReviewer, noteForReviewer] = order(await asReviewer.text());
    expect(noteForReviewer).toBeGreaterThan(0);
    expect(noteForReviewer).toBeLessThan(clockForReviewer!);
  });

  it("shows the clock: due, reminded, escalated, overdue", async () => {
    const shown = text(await (await page(`/staff/applications/${overdue}`)).text());
    const date = (iso: string) => formatDate("en", iso);
    expect(shown).toContain(
      `Decision clock Decision due by ${date(times.overdue.decisionDueAt)} Overdue: marked on ${date(times.overdue.overdueAt)}`,
    );
    expect(shown).toContain(`Reminder to reviewers Sent on ${date(times.overdue.remindedAt)}`);
    expect(shown).toContain(`Warning to coordinators Sent on ${date(times.overdue.escalatedAt)}`);
    expect(shown).toContain("Paused for more information Not paused");
  });

  it("shows what is planned and that it is paused for more information, in the reader's language", async () => {
    const shown = text(await (await page(`/staff/applications/${paused}`)).text());
    const date = (iso: string) => formatDate("en", iso);
    expect(shown).toContain(`Reminder to reviewers Planned for ${date(times.paused.reminderAt)}`);
    expect(shown).toContain(`Warning to coordinators Planned for ${date(times.paused.escalationAt)}`);
    expect(shown).toContain(`Paused for more information Since ${date(times.paused.pausedAt)}`);
    const spanish = text(await (await page(`/staff/applications/${paused}?lang=es`)).text());
    expect(spanish).toContain(
      `Plazo de decisión Decisión a más tardar el ${formatDate("es", times.paused.decisionDueAt)}`,
    );
    expect(spanish).toContain(`En pausa por más información Desde el ${formatDate("es", times.paused.pausedAt)}`);
  });
});
