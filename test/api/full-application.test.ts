import * as Application from "@amparo/core/application";
import * as Dynamo from "@amparo/core/dynamo";
import * as Report from "@amparo/core/report";
import type * as Review from "@amparo/core/review";
import type * as User from "@amparo/core/user";
import { app as applyApp } from "@amparo/functions/apply/index";
import { beforeAll, describe, expect, it } from "vitest";
import {
  applicantRequest,
  confirmContact,
  grantAnswers,
  inbox,
  startApplication,
  uniqueEmail,
  uploadBudget,
} from "../support/applications.js";
import { csv, libreOfficePdf, pdf, pdfCallingHome } from "../support/files.js";
import { postJson } from "../support/http.js";
import { checkAgainstContract } from "../support/contract.js";
import { signIn, staffAccount, staffRequest } from "../support/staff.js";

// A grant call's whole path through its second stage, over the JSON API, against the stand-ins.
const callId = "concept-notes-2026";
type Problem = { status: number; code: string; errors?: { path: string }[] };

let coordinator: { session: string; user: User.Info };
let reviewer: { session: string; user: User.Info };

beforeAll(async () => {
  coordinator = await signIn((await staffAccount(["coordinator"], [callId])).email);
  reviewer = await signIn((await staffAccount(["reviewer"], [callId])).email);
}, 60_000);

/** A grant application written and submitted through the API, with an address to read the applicant's emails. */
async function submittedGrant(email = uniqueEmail()) {
  const { id, token } = await startApplication(callId, { contact: { email } });
  await confirmContact(email);
  await applicantRequest("PUT", `/api/v1/applications/${id}/concept-note`, token, {
    fields: {
      problem: "Coordinated harassment of women journalists.",
      approach: "Digital security clinics.",
      outcomes: "Fewer account takeovers.",
      organisation: "A collective of lawyers since 2016.",
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
  return { id, token, email };
}

const review = (path: string, session: string, method = "GET", body?: unknown) =>
  staffRequest(method, `/api/v1/review${path}`, session, body);

async function staffView(id: string, session = coordinator.session) {
  return (await (await review(`/applications/${id}`, session)).json()) as Review.StaffView;
}

async function moveTo(id: string, to: string, extra: Record<string, unknown> = {}) {
  const { version } = await staffView(id);
  const moved = await review(`/applications/${id}/transition`, coordinator.session, "POST", { to, version, ...extra });
  expect(moved.status).toBe(200);
}

async function applicantView(id: string, token: string) {
  return (await (await applicantRequest("GET", `/api/v1/applications/${id}`, token)).json()) as Application.View;
}

/** The call's counters of this year, unsuppressed: the events the report counts (it keeps no stock of stages). */
async function counts() {
  const counters = await Report.counters(callId, new Date().getUTCFullYear());
  return {
    firstSubmissions: counters[Report.Counter.submitted] ?? 0,
    "decided:approved": counters[Report.Counter.decided("approved")] ?? 0,
    "decided:declined": counters[Report.Counter.decided("declined")] ?? 0,
  } as Record<string, number>;
}

/** What changed in the counters since `before`, leaving out what did not. */
function moved(before: Record<string, number>, after: Record<string, number>) {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return Object.fromEntries(
    [...names].map((name) => [name, (after[name] ?? 0) - (before[name] ?? 0)]).filter(([, delta]) => delta !== 0),
  );
}

/** Uploads one of the full application's documents through its presigned POST, as a browser would, and confirms it. */
async function uploadDocument(id: string, token: string, documentId: string, file: Buffer, type: string, name: string) {
  const base = `/api/v1/applications/${id}/documents/${documentId}`;
  const presign = await applicantRequest("POST", `${base}/upload`, token, {
    fileName: name,
    contentType: type,
    size: file.length,
  });
  expect(presign.status).toBe(200);
  const { url, fields } = (await presign.json()) as { url: string; fields: Record<string, string> };
  const form = new FormData();
  for (const [field, value] of Object.entries(fields)) form.append(field, value);
  form.append("file", new Blob([new Uint8Array(file)], { type }), name);
  const sent = await fetch(url, { method: "POST", body: form, redirect: "manual" });
  expect(sent.status).toBeLessThan(400);
  return applicantRequest("POST", `${base}/confirm`, token);
}

const fullFields = {
  context: "Journalists in three provinces lost their accounts after the election reporting.",
  activities: "Monthly clinics, a help line, and a yearly audit of the newsrooms.",
  risks: "Clinics are held in private venues; no lists of participants are kept.",
};

describe("a grant call's second stage, from the quiz to the decision", () => {
  it("invites the shortlisted, takes the full application with its documents, scores it again and decides, counting each step once", async () => {
    // The quiz.
    const quiz = await postJson(`/api/v1/calls/${callId}/eligibility`, { answers: grantAnswers });
    expect(await quiz.json()).toEqual({ eligible: true, reasons: [] });

    // The concept note, submitted: one submission counted.
    let before = await counts();
    const { id, token, email } = await submittedGrant();
    expect(moved(before, await counts())).toEqual({ firstSubmissions: 1 });

    // Review of the concept note.
    await review(`/applications/${id}/assign`, coordinator.session, "POST", { reviewerIds: [reviewer.user.id] });
    await review(`/applications/${id}/conflict`, reviewer.session, "POST", { conflict: false });
    const conceptScores = { relevance: 4, approach: 4, capacity: 3, value: 5 };
    const scoredConcept = await review(`/applications/${id}/score`, reviewer.session, "PUT", {
      scores: conceptScores,
      recommendation: "fund",
    });
    expect(scoredConcept.status).toBe(200);
    before = await counts();
    await moveTo(id, "in_review");
    expect(moved(before, await counts())).toEqual({});

    // Nothing to write before the shortlist: 409, nothing changed.
    const early = await applicantRequest("PUT", `/api/v1/applications/${id}/full-application`, token, {
      fields: fullFields,
    });
    expect(early.status).toBe(409);
    expect(((await early.json()) as Problem).code).toBe("full_application.not_invited");

    // The shortlist (one item of the bulk move), and the invitation in the SES stand-in.
    before = await counts();
    const { version } = await staffView(id);
    const shortlisted = await review("/shortlist", coordinator.session, "POST", { callId, items: [{ id, version }] });
    expect(await shortlisted.json()).toEqual({ results: [{ id, status: 200 }] });
    expect(moved(before, await counts())).toEqual({});
    const invited = await applicantView(id, token);
    expect(invited["stage"]).toBe("shortlisted");
    expect(invited["fullApplication"]).toEqual({
      invitedAt: expect.any(String),
      dueAt: expect.any(String),
      fields: {},
      documents: {},
    });
    const dueDays =
      (Date.parse(invited["fullApplication"]!.dueAt) - Date.parse(invited["fullApplication"]!.invitedAt)) / 86_400_000;
    expect(dueDays).toBe(30);
    const invitation = (await inbox(email)).find((mail) => mail.body.text?.includes("algo que hacer"));
    expect(invitation?.subject).toBe("Novedad");
    expect(invitation?.body.text).toContain("/apply/resume");
    expect(invitation?.body.text).not.toMatch(/propuesta|beca|fondo/i);

    // Sending it incomplete: 422 listing everything missing, and nothing changes.
    const incomplete = await applicantRequest("POST", `/api/v1/applications/${id}/full-application/submit`, token);
    expect(incomplete.status).toBe(422);
    expect(((await incomplete.json()) as Problem).errors?.map((error) => error.path)).toEqual([
      "fields.context",
      "fields.activities",
      "fields.risks",
      "documents.detailed-budget",
      "documents.work-plan",
    ]);
    expect((await applicantView(id, token))["version"]).toBe(invited["version"]);

    // The fields, with their word report, and two documents through presigned POSTs to the S3 stand-in.
    const saved = await applicantRequest("PUT", `/api/v1/applications/${id}/full-application`, token, {
      fields: fullFields,
    });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({
      complete: true,
      fields: { context: { words: 11, maxWords: 600, ok: true } },
    });
    const budget = await uploadDocument(id, token, "detailed-budget", csv(), "text/csv", "presupuesto.csv");
    expect(budget.status).toBe(200);
    expect(await budget.json()).toMatchObject({ document: { fileName: "presupuesto.csv", contentType: "text/csv" } });
    // A PDF that reaches out by itself when opened is refused, as a budget file would be; a real export passes.
    const callingHome = await uploadDocument(id, token, "work-plan", pdfCallingHome(), "application/pdf", "plan.pdf");
    expect(callingHome.status).toBe(422);
    expect(((await callingHome.json()) as { code: string }).code).toBe("upload.pdf_action");
    const plan = await uploadDocument(id, token, "work-plan", libreOfficePdf(), "application/pdf", "plan.pdf");
    expect(plan.status).toBe(200);
    const written = await applicantView(id, token);
    expect(written["fullApplication"]!.fields).toEqual(fullFields);
    expect(Object.keys(written["fullApplication"]!.documents).sort()).toEqual(["detailed-budget", "work-plan"]);
    // Sealed at rest: the item holds neither the text nor the documents' names.
    const stored = JSON.stringify(await Dynamo.get(Dynamo.Key.application(id)));
    expect(stored).not.toContain("Journalists in three provinces");
    expect(stored).not.toContain("presupuesto");

    // The second round cannot be scored before it is sent.
    const tooSoon = await review(`/applications/${id}/score`, reviewer.session, "PUT", {
      scores: { feasibility: 4, safety: 5, budget: 3 },
      recommendation: "fund",
      round: "full",
    });
    expect(tooSoon.status).toBe(409);

    // Sent: the second clock, counted once; sending again answers the same.
    before = await counts();
    const sent = await applicantRequest(
      "POST",
      `/api/v1/applications/${id}/full-application/submit`,
      token,
      undefined,
      {
        "Idempotency-Key": "full-1",
      },
    );
    expect(sent.status).toBe(200);
    const { submittedAt } = (await sent.json()) as { submittedAt: string };
    expect(moved(before, await counts())).toEqual({});
    const again = await applicantRequest("POST", `/api/v1/applications/${id}/full-application/submit`, token);
    expect(await again.json()).toEqual({ submittedAt });
    expect(moved(before, await counts())).toEqual({});
    const after = await applicantView(id, token);
    expect(after["stage"]).toBe("full_submitted");
    expect(after["fullApplication"]!.submittedAt).toBe(submittedAt);
    expect(Date.parse(after["decisionDueAt"]!) - Date.parse(submittedAt)).toBe(45 * 86_400_000);
    const late = await applicantRequest("PUT", `/api/v1/applications/${id}/full-application`, token, {
      fields: fullFields,
    });
    expect(((await late.json()) as Problem).code).toBe("full_application.submitted");

    // The reviewer's declaration holds: the full application is theirs to score on the second rubric.
    const queue = (await (await review("/queue", reviewer.session)).json()) as {
      items: { applicationId: string; review: string }[];
    };
    expect(queue.items.find((item) => item.applicationId === id)?.review).toBe("pending");
    const scored = await review(`/applications/${id}/score`, reviewer.session, "PUT", {
      scores: { feasibility: 4, safety: 5, budget: 3 },
      recommendation: "fund",
      round: "full",
    });
    expect(await scored.json()).toEqual({ weightedScore: 4 });
    const conceptAgain = await review(`/applications/${id}/score`, reviewer.session, "PUT", {
      scores: conceptScores,
      recommendation: "fund",
    });
    expect(conceptAgain.status).toBe(409);

    // The coordinator sees the full application, its documents' links, and both rounds.
    const view = await staffView(id);
    expect(view["fullApplication"]!.fields).toEqual(fullFields);
    expect(view["fullApplication"]!.documents["work-plan"]!.url).toBe(
      `/api/v1/review/applications/${id}/documents/work-plan`,
    );
    expect(view["rounds"]!.full).toMatchObject({ meanScore: 4, reviews: [{ round: "full", weightedScore: 4 }] });
    const download = await review(`/applications/${id}/documents/detailed-budget`, reviewer.session);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(csv())).toBe(true);

    // The decision, counted once.
    before = await counts();
    await moveTo(id, "approved", { amount: 20_000 });
    expect(moved(before, await counts())).toEqual({ "decided:approved": 1 });
    expect((await Application.fromID(id))?.stage).toBe("approved");
  }, 120_000);
});

describe("shortlisting and declining many at once", () => {
  it("moves each item on its own: a stale version answers 409 for that one without stopping the others", async () => {
    const apps = [await submittedGrant(), await submittedGrant(), await submittedGrant(), await submittedGrant()];
    for (const { id } of apps) await moveTo(id, "in_review");
    const versions = await Promise.all(apps.map(async ({ id }) => (await staffView(id))["version"] as number));
    const before = await counts();
    const answered = await review("/shortlist", coordinator.session, "POST", {
      callId,
      items: [
        { id: apps[0]!.id, version: versions[0] },
        // Read before someone else's change: stale.
        { id: apps[1]!.id, version: versions[1]! - 1 },
        { id: "z".repeat(26), version: 1 },
        { id: apps[2]!.id, version: versions[2] },
      ],
    });
    expect(await answered.json()).toEqual({
      results: [
        { id: apps[0]!.id, status: 200 },
        { id: apps[1]!.id, status: 409, reason: "stale" },
        { id: "z".repeat(26), status: 404, reason: "not_found" },
        { id: apps[2]!.id, status: 200 },
      ],
    });
    // Shortlisting is no event the report counts.
    expect(moved(before, await counts())).toEqual({});
    expect((await staffView(apps[1]!.id))["stage"]).toBe("in_review");
    // Each one shortlisted is invited; the stale one is not.
    expect((await applicantView(apps[0]!.id, apps[0]!.token))["fullApplication"]).toBeDefined();
    expect((await applicantView(apps[1]!.id, apps[1]!.token))["fullApplication"]).toBeUndefined();
    expect((await inbox(apps[1]!.email)).some((mail) => mail.body.text?.includes("algo que hacer"))).toBe(false);

    // The rest declined with one note, each its own move.
    const rest = [apps[1]!, apps[3]!];
    const declined = await review("/decline", coordinator.session, "POST", {
      callId,
      note: "The shortlist is full this year.",
      items: await Promise.all(rest.map(async ({ id }) => ({ id, version: (await staffView(id))["version"] }))),
    });
    expect(await declined.json()).toEqual({ results: rest.map(({ id }) => ({ id, status: 200 })) });
    for (const { id } of rest) expect((await staffView(id))["stage"]).toBe("declined");
    expect(moved(before, await counts())).toEqual({ "decided:declined": 2 });
  }, 120_000);

  it("is for the call's coordinators only", async () => {
    const answered = await review("/shortlist", reviewer.session, "POST", {
      callId,
      items: [{ id: "a".repeat(26), version: 1 }],
    });
    expect(answered.status).toBe(403);
  });
});

describe("refusals that change nothing", () => {
  it("answers 409 for a call without a full application and for an application that was not shortlisted", async () => {
    const emergency = await startApplication("digital-emergency");
    const none = await applicantRequest(
      "PUT",
      `/api/v1/applications/${emergency.id}/full-application`,
      emergency.token,
      {
        fields: { context: "x" },
      },
    );
    expect(none.status).toBe(409);
    expect(((await none.json()) as Problem).code).toBe("full_application.no_full_application");
    const submit = await applicantRequest(
      "POST",
      `/api/v1/applications/${emergency.id}/full-application/submit`,
      emergency.token,
    );
    expect(submit.status).toBe(409);

    const grant = await submittedGrant();
    const before = await applicantView(grant.id, grant.token);
    const upload = await applicantRequest(
      "POST",
      `/api/v1/applications/${grant.id}/documents/work-plan/upload`,
      grant.token,
      {
        fileName: "plan.pdf",
        contentType: "application/pdf",
        size: 100,
      },
    );
    expect(((await upload.json()) as Problem).code).toBe("full_application.not_invited");
    const sent = await applicantRequest(
      "POST",
      `/api/v1/applications/${grant.id}/full-application/submit`,
      grant.token,
    );
    expect(((await sent.json()) as Problem).code).toBe("full_application.not_invited");
    expect(await applicantView(grant.id, grant.token)).toEqual(before);
  }, 60_000);

  it("describes the call's full application publicly, in the reader's language", async () => {
    const response = await checkAgainstContract(
      "GET",
      `/api/v1/calls/${callId}`,
      await applyApp.request(`/api/v1/calls/${callId}?lang=pt`),
    );
    const call = (await response.json()) as {
      fullApplication: { days: number; documents: { id: string; label: string }[] };
    };
    expect(call.fullApplication.days).toBe(30);
    expect(call.fullApplication.documents.map((document) => document.label)).toEqual([
      "Orçamento detalhado",
      "Plano de trabalho",
    ]);
  });
});
