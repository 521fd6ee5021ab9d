import * as Clock from "@amparo/core/clock";
import type * as User from "@amparo/core/user";
import { beforeAll, describe, expect, it } from "vitest";
import { applicantRequest, inbox, startApplication, uniqueEmail, uploadBudget } from "../support/applications.js";
import { pdf } from "../support/files.js";
import { postJson } from "../support/http.js";
import { signIn, staffAccount, staffRequest } from "../support/staff.js";

// A full application's due date may be extended, but not without end, and not with an email per click.
const callId = "concept-notes-2026";
/** The seeded grant call's full-application days. */
const callDays = 30;
const day = 86_400_000;

let coordinator: { session: string; user: User.Info };

beforeAll(async () => {
  coordinator = await signIn((await staffAccount(["coordinator"], [callId])).email);
}, 60_000);

const review = (path: string, method = "GET", body?: unknown) =>
  staffRequest(method, `/api/v1/review/applications${path}`, coordinator.session, body);
const version = async (id: string) => ((await (await review(`/${id}`)).json()) as { version: number }).version;
const dueOf = async (id: string, token: string) =>
  (
    (await (await applicantRequest("GET", `/api/v1/applications/${id}`, token)).json()) as {
      fullApplication: { dueAt: string };
    }
  ).fullApplication.dueAt;

/** A grant application with a contact address, submitted, reviewed and shortlisted: its full application is due. */
async function invited(email: string) {
  const { id, token } = await startApplication(callId, { contact: { email } });
  await applicantRequest("PUT", `/api/v1/applications/${id}/concept-note`, token, {
    fields: { problem: "Harassment.", approach: "Clinics.", outcomes: "Fewer takeovers.", organisation: "A group." },
  });
  await applicantRequest("PUT", `/api/v1/applications/${id}/funding`, token, {
    amount: 22_000,
    annualBudget: 15_000,
    months: 12,
  });
  await uploadBudget(id, token, pdf(), "application/pdf", "budget.pdf");
  await applicantRequest("POST", `/api/v1/applications/${id}/budget-file/confirm`, token);
  expect((await applicantRequest("POST", `/api/v1/applications/${id}/submit`, token)).status).toBe(200);
  for (const to of ["in_review", "shortlisted"]) {
    expect((await review(`/${id}/transition`, "POST", { to, version: await version(id) })).status).toBe(200);
  }
  return { id, token, dueAt: await dueOf(id, token) };
}

/** Confirms the contact address by the link its confirmation email carries (until then it gets nothing else). */
async function confirmContact(email: string) {
  const links = (await inbox(email)).map((mail) =>
    /\/apply\/contact\?token=([A-Za-z0-9_-]{43})/.exec(mail.body.text ?? ""),
  );
  const token = links.findLast(Boolean)?.[1];
  if (token) expect((await postJson("/api/v1/contact/confirm", { token })).status).toBe(200);
}

/** The "your date changed" emails the applicant received (Spanish, as the application is written). */
const dueNotices = async (email: string) =>
  (await inbox(email)).filter((mail) => mail.body.text?.includes("La fecha que le indicamos cambió"));

describe("extending a full application's due date", () => {
  it("goes at most the call's full-application days beyond the invitation's date: 9999-12-31 is a 422", async () => {
    const { id, token, dueAt } = await invited(uniqueEmail());
    const latest = new Date(Date.parse(dueAt) + callDays * day).toISOString();

    const forever = await review(`/${id}/due`, "POST", { dueAt: "9999-12-31T23:59:59.999Z" });
    expect(forever.status).toBe(422);
    const problem = (await forever.json()) as { code: string; errors: { path: string; message: string }[] };
    expect(problem.code).toBe("full_application.due_too_late");
    expect(problem.errors).toEqual([{ path: "dueAt", message: expect.stringContaining("30") }]);
    const oneTooFar = await review(`/${id}/due`, "POST", { dueAt: new Date(Date.parse(latest) + 1000).toISOString() });
    expect(oneTooFar.status).toBe(422);
    expect(await dueOf(id, token)).toBe(dueAt);

    // Exactly the bound is allowed; and the bound does not move with each extension.
    expect((await review(`/${id}/due`, "POST", { dueAt: latest })).status).toBe(200);
    expect(await dueOf(id, token)).toBe(latest);
    const again = await review(`/${id}/due`, "POST", { dueAt: new Date(Date.parse(latest) + day).toISOString() });
    expect(again.status).toBe(422);
  }, 60_000);

  it("emails the applicant at most once a day, however many extensions", async () => {
    const email = uniqueEmail();
    const { id, token, dueAt } = await invited(email);
    await confirmContact(email);
    const later = (ms: number) => new Date(Date.parse(dueAt) + ms).toISOString();

    // Three extensions within the same day, each by a second: one email.
    for (const seconds of [1, 2, 3]) {
      expect((await review(`/${id}/due`, "POST", { dueAt: later(seconds * 1000) })).status).toBe(200);
    }
    expect(await dueOf(id, token)).toBe(later(3000));
    expect(await dueNotices(email)).toHaveLength(1);

    // A day later, the next extension is told again.
    Clock.advance(day);
    coordinator = await signIn(coordinator.user.email);
    expect((await review(`/${id}/due`, "POST", { dueAt: later(day + 4000) })).status).toBe(200);
    expect(await dueNotices(email)).toHaveLength(2);
    // Each extension is still on the record, told or not.
    const events = ((await (await review(`/${id}`)).json()) as { events: { type: string }[] }).events;
    expect(events.filter((event) => event.type === "due_extended")).toHaveLength(4);
  }, 60_000);
});
