import * as Clock from "@amparo/core/clock";
import type * as User from "@amparo/core/user";
import { beforeAll, describe, expect, it } from "vitest";
import {
  applicantRequest,
  confirmContact,
  inbox,
  startApplication,
  uniqueEmail,
  uploadBudget,
} from "../support/applications.js";
import { passTo, scaleDays } from "../support/clock.js";
import { csv, pdf } from "../support/files.js";
import { signIn, staffAccount, staffRequest } from "../support/staff.js";

// The full application's due date, with days of 300 ms in this file, so the call's 30 days pass in 9 s.
const callId = "concept-notes-2026";
const dayMs = 300;
type Problem = { status: number; code: string };

let coordinator: { session: string; user: User.Info };

beforeAll(async () => {
  scaleDays(dayMs);
  coordinator = await signIn((await staffAccount(["coordinator"], [callId])).email);
}, 60_000);

const review = (path: string, method = "GET", body?: unknown) =>
  staffRequest(method, `/api/v1/review/applications${path}`, coordinator.session, body);
const version = async (id: string) => ((await (await review(`/${id}`)).json()) as { version: number }).version;

/** A grant application submitted, moved to review and shortlisted: invited, its full application due in 30 days. */
async function shortlistedGrant(email: string) {
  const { id, token } = await startApplication(callId, { contact: { email } });
  await confirmContact(email);
  await applicantRequest("PUT", `/api/v1/applications/${id}/concept-note`, token, {
    fields: {
      problem: "Harassment.",
      approach: "Clinics.",
      outcomes: "Fewer takeovers.",
      organisation: "A collective.",
    },
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
  return { id, token };
}

async function uploadDocument(id: string, token: string, documentId: string, file: Buffer, type: string) {
  const base = `/api/v1/applications/${id}/documents/${documentId}`;
  const presign = await applicantRequest("POST", `${base}/upload`, token, {
    fileName: "f",
    contentType: type,
    size: file.length,
  });
  const { url, fields } = (await presign.json()) as { url: string; fields: Record<string, string> };
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append("file", new Blob([new Uint8Array(file)], { type }), "f");
  await fetch(url, { method: "POST", body: form, redirect: "manual" });
  expect((await applicantRequest("POST", `${base}/confirm`, token)).status).toBe(200);
}

const view = async (id: string, token: string) =>
  (await (await applicantRequest("GET", `/api/v1/applications/${id}`, token)).json()) as {
    stage: string;
    version: number;
    fullApplication: { dueAt: string; submittedAt?: string };
  };

describe("the full application's due date", () => {
  it("refuses a submission after it (409, nothing changed); a coordinator's extension lets it through", async () => {
    const email = uniqueEmail();
    const { id, token } = await shortlistedGrant(email);
    await applicantRequest("PUT", `/api/v1/applications/${id}/full-application`, token, {
      fields: { context: "Context.", activities: "Activities.", risks: "Risks." },
    });
    await uploadDocument(id, token, "detailed-budget", csv(), "text/csv");
    await uploadDocument(id, token, "work-plan", pdf(), "application/pdf");
    const written = await view(id, token);
    passTo(written.fullApplication.dueAt, 50);

    const late = await applicantRequest("POST", `/api/v1/applications/${id}/full-application/submit`, token);
    expect(late.status).toBe(409);
    expect(((await late.json()) as Problem).code).toBe("full_application.past_due");
    const edit = await applicantRequest("PUT", `/api/v1/applications/${id}/full-application`, token, {
      fields: { context: "Later." },
    });
    expect(((await edit.json()) as Problem).code).toBe("full_application.past_due");
    expect(await view(id, token)).toEqual(written);

    // Not later than the date it had: refused, and nothing changes.
    const earlier = await review(`/${id}/due`, "POST", { dueAt: written.fullApplication.dueAt });
    expect(earlier.status).toBe(422);
    expect(await view(id, token)).toEqual(written);

    // Within the call's days beyond the invitation's date (an extension goes no further); 20 days of 300 ms leave
    // the applicant time to send on a slow machine.
    const dueAt = Clock.fromNow(20 * dayMs).toISOString();
    const extended = await review(`/${id}/due`, "POST", { dueAt });
    expect(extended.status).toBe(200);
    expect(await extended.json()).toEqual({ dueAt, version: written.version + 1 });
    expect((await view(id, token)).fullApplication.dueAt).toBe(dueAt);
    const notice = (await inbox(email)).find((mail) => mail.body.text?.includes("La fecha que le indicamos cambió"));
    expect(notice?.subject).toBe("Novedad");
    const events = ((await (await review(`/${id}`)).json()) as { events: { type: string; dueAt?: string }[] }).events;
    expect(events).toContainEqual(expect.objectContaining({ type: "due_extended", dueAt }));

    const sent = await applicantRequest("POST", `/api/v1/applications/${id}/full-application/submit`, token);
    expect(sent.status).toBe(200);
    expect((await view(id, token)).stage).toBe("full_submitted");
    // Sent: nothing left to extend.
    expect((await review(`/${id}/due`, "POST", { dueAt: Clock.fromNow(2 * 3_600_000).toISOString() })).status).toBe(
      409,
    );
  }, 120_000);
});
