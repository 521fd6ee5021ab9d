import * as Application from "@amparo/core/application";
import * as Audit from "@amparo/core/audit";
import * as Clock from "@amparo/core/clock";
import * as Report from "@amparo/core/report";
import type * as User from "@amparo/core/user";
import * as Words from "@amparo/core/words";
import { beforeAll, describe, expect, it } from "vitest";
import { applicantRequest } from "../support/applications.js";
import { csv } from "../support/files.js";
import { shortlistedGrant } from "../support/full-application.js";
import { bucketContents, everyItem } from "../support/http.js";
import { signIn, staffAccount, staffRequest } from "../support/staff.js";

// A grant's reports through the HTTP API as clients use it: a grant call's award approved, agreed and paid; its
// interim report written, sent without its financial statement (refused), sent, asked about, answered and
// accepted; its final report given a later due date, sent and accepted; the grant closed. Then the whole table
// and bucket are read raw for anything the grantee or the coordinator typed.
const GRANT = "concept-notes-2026";
const EMERGENCY = "digital-emergency";
const DAY_MS = 86_400_000;
type Session = { session: string; user: User.Info };
let coordinator: Session;
let otherCoordinator: Session;
let reviewer: Session;
/** The grant every test here follows, from its approval to its closing. */
let grant: { id: string; token: string };

/** Everything typed about the reports in this file: none of it may be stored in the clear. */
const secrets = {
  interimProgress: "Capacitamos quarenta e duas defensoras de Marabá em segurança digital",
  interimChanges: "O encontro em Altamira foi adiado pela enchente de março",
  question: "Quanto custou o aluguel da sala comunitária em Altamira?",
  answer: "O aluguel custou mil e duzentos reais, pagos à associação do bairro Jatobá",
  finalProgress: "A linha de ajuda atendeu trezentos pedidos vindos de Itaituba em doze meses",
  interimFile: "demonstrativo-interino-rede-maraba.csv",
  finalFile: "demonstrativo-final-rede-itaituba.csv",
};

type Shown = {
  id: string;
  dueAt: string;
  status: string;
  open: boolean;
  fields: { id: string }[];
  documents: { id: string; required: boolean }[];
  texts: Record<string, string>;
  files: Record<string, { fileName: string; contentType: string; size: number }>;
  rounds: { question: string; answer?: string }[];
  version?: number;
};
type Problem = { status: number; code: string; errors?: { path: string }[] };

beforeAll(async () => {
  coordinator = await signIn((await staffAccount(["coordinator"], [GRANT])).email);
  otherCoordinator = await signIn((await staffAccount(["coordinator"], [EMERGENCY])).email);
  reviewer = await signIn((await staffAccount(["reviewer"], [GRANT])).email);
}, 60_000);

const mine = (path: string, method = "GET", body?: unknown) =>
  applicantRequest(method, `/api/v1/applications/${grant.id}${path}`, grant.token, body);
const review = (path: string, method = "GET", body?: unknown, as = coordinator) =>
  staffRequest(method, `/api/v1/review/applications/${grant.id}${path}`, as.session, body);
const version = async () => ((await (await review("")).json()) as { version: number }).version;
const moveTo = async (to: string, extra: Record<string, unknown> = {}) => {
  const moved = await review("/transition", "POST", { to, version: await version(), ...extra });
  expect(moved.status, await moved.clone().text()).toBe(200);
};
const shown = async (reportId: string) => {
  const answer = await mine(`/reports/${reportId}`);
  expect(answer.status, await answer.clone().text()).toBe(200);
  return (await answer.json()) as Shown;
};
const opened = async (reportId: string) => {
  const answer = await review(`/reports/${reportId}`);
  expect(answer.status, await answer.clone().text()).toBe(200);
  expect(answer.headers.get("Cache-Control")).toBe("no-store");
  return (await answer.json()) as Shown & { version: number };
};
const decide = async (reportId: string, body: Record<string, unknown>) =>
  review(`/reports/${reportId}/decision`, "POST", body);
/** A refusal: the status, as problem+json through the one error path. */
const refused = async (answer: Response, status: number) => {
  expect(answer.status, await answer.clone().text()).toBe(status);
  expect(answer.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
  return (await answer.json()) as Problem;
};

/** Uploads a report's financial statement through its presigned POST to the S3 stand-in, then confirms it. */
async function uploadStatement(reportId: string, fileName: string) {
  const base = `/reports/${reportId}/documents/financial-statement`;
  const file = csv();
  const presign = await mine(`${base}/upload`, "POST", { fileName, contentType: "text/csv", size: file.length });
  expect(presign.status, await presign.clone().text()).toBe(200);
  const { url, fields } = (await presign.json()) as { url: string; fields: Record<string, string> };
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append("file", new Blob([new Uint8Array(file)], { type: "text/csv" }), fileName);
  expect((await fetch(url, { method: "POST", body: form, redirect: "manual" })).status).toBeLessThan(400);
  const confirmed = await mine(`${base}/confirm`, "POST");
  expect(confirmed.status, await confirmed.clone().text()).toBe(200);
  expect(await confirmed.json()).toMatchObject({ contentType: "text/csv", size: file.length });
}

/** Sends the full application a shortlisting invited: its fields and two documents, then submits it. */
async function sendFullApplication() {
  const fields = {
    context: "Women defenders in three states lose their accounts after each election.",
    activities: "Monthly clinics and a peer help line.",
    risks: "Clinics meet in private venues; no participant lists are kept.",
  };
  expect((await mine("/full-application", "PUT", { fields })).status).toBe(200);
  for (const documentId of ["detailed-budget", "work-plan"]) {
    const file = csv();
    const presign = await mine(`/documents/${documentId}/upload`, "POST", {
      fileName: `${documentId}.csv`,
      contentType: "text/csv",
      size: file.length,
    });
    const { url, fields: post } = (await presign.json()) as { url: string; fields: Record<string, string> };
    const form = new FormData();
    for (const [name, value] of Object.entries(post)) form.append(name, value);
    form.append("file", new Blob([new Uint8Array(file)], { type: "text/csv" }), `${documentId}.csv`);
    expect((await fetch(url, { method: "POST", body: form, redirect: "manual" })).status).toBeLessThan(400);
    expect((await mine(`/documents/${documentId}/confirm`, "POST")).status).toBe(200);
  }
  expect((await mine("/full-application/submit", "POST")).status).toBe(200);
}

/** The call's report counters of this year, to compare before and after. */
async function reportCounters() {
  const counters = await Report.counters(GRANT, Clock.now().getUTCFullYear());
  return ["reports:due", "reports:onTime", "reports:late"].map((name) => counters[name] ?? 0);
}

/** Every object in the bucket, its key and its bytes. */

describe("a grant's reports, over the API", () => {
  let counted: number[];

  it("takes the interim report from its draft through a question and its answer to its acceptance", async () => {
    grant = await shortlistedGrant("pt");
    await sendFullApplication();
    await moveTo("approved", { amount: 18_000 });
    // No report before the agreement.
    await refused(await mine("/reports/interim"), 404);
    await moveTo("agreement_sent");
    const accepted = await mine("/agreement", "POST", { decision: "accept", name: "Joana Prado" });
    expect(accepted.status).toBe(200);
    const { agreedAt } = (await (await mine("/award")).json()) as { agreedAt: string };
    const paid = await review("/payments", "POST", {
      version: await version(),
      amount: 9_000,
      paidOn: Clock.iso().slice(0, 10),
      reference: "TRX-REPORTS-1",
      final: false,
    });
    expect(paid.status).toBe(201);
    counted = await reportCounters();

    // What the interim report asks, due 183 days after the agreement; open at once.
    const blank = await shown("interim");
    expect(blank).toMatchObject({ id: "interim", status: "upcoming", open: true, texts: {}, files: {}, rounds: [] });
    expect(Date.parse(blank.dueAt) - Date.parse(agreedAt)).toBe(183 * DAY_MS);
    expect(blank.fields.map((field) => field.id)).toEqual(["progress", "changes"]);
    expect(blank.documents).toMatchObject([{ id: "financial-statement", required: true }]);

    // A draft is saved with its word counts; sending without the financial statement names it.
    const texts = { progress: secrets.interimProgress, changes: secrets.interimChanges };
    const saved = await mine("/reports/interim", "PUT", { fields: texts });
    expect(saved.status, await saved.clone().text()).toBe(200);
    const words = (await saved.json()) as { fields: Record<string, { words: number; ok: boolean }> };
    expect(words.fields["progress"]).toMatchObject({ ok: true });
    expect(words.fields["progress"]!.words).toBeGreaterThan(5);
    expect((await shown("interim")).texts).toEqual(texts);
    const incomplete = await refused(await mine("/reports/interim/submit", "POST"), 422);
    expect(incomplete.errors?.map((error) => error.path)).toEqual(["files.financial-statement"]);

    await uploadStatement("interim", secrets.interimFile);
    const sent = await mine("/reports/interim/submit", "POST");
    expect(sent.status, await sent.clone().text()).toBe(200);
    expect(await sent.json()).toMatchObject({ stage: "reported", version: expect.any(Number) });
    // Sent, it is closed to the applicant until a coordinator reopens it.
    await refused(await mine("/reports/interim", "PUT", { fields: { changes: "later" } }), 409);

    // The coordinator reads it, and the reading is recorded.
    const read = await opened("interim");
    expect(read).toMatchObject({ status: "sent", texts });
    expect(read.files["financial-statement"]?.fileName).toContain("demonstrativo-interino");
    const readings = (await Audit.list({ application: grant.id })).filter((e) => e.type === "report_opened");
    expect(readings.map((e) => [e.actor, e["report"]])).toEqual([[`user:${coordinator.user.id}`, "interim"]]);

    // An empty question is refused; a question reopens it, owed again.
    const empty = await refused(
      await decide("interim", { decision: "more", version: read.version, question: "   " }),
      422,
    );
    expect(empty.errors?.map((error) => error.path)).toEqual(["question"]);
    const asked = await decide("interim", { decision: "more", version: read.version, question: secrets.question });
    expect(asked.status, await asked.clone().text()).toBe(200);
    expect(await asked.json()).toMatchObject({ stage: "report_due" });
    const reopened = await shown("interim");
    expect(reopened).toMatchObject({ status: "more_asked", open: true, rounds: [{ question: secrets.question }] });

    // The applicant answers and sends it again; a coordinator acting on what they read before is refused.
    const stale = (await opened("interim")).version;
    const resent = await mine("/reports/interim/submit", "POST", { answer: secrets.answer });
    expect(resent.status, await resent.clone().text()).toBe(200);
    expect(await resent.json()).toMatchObject({ stage: "reported" });
    expect((await shown("interim")).rounds).toMatchObject([{ question: secrets.question, answer: secrets.answer }]);
    const changed = await refused(await decide("interim", { decision: "accept", version: stale }), 409);
    expect(changed.code).toBe("application.changed");

    // Accepted: the grant runs on, its final report still to come.
    const accept = await decide("interim", { decision: "accept", version: (await opened("interim")).version });
    expect(accept.status, await accept.clone().text()).toBe(200);
    expect(await accept.json()).toMatchObject({ stage: "active" });
    expect((await shown("interim")).status).toBe("accepted");
    await refused(await decide("interim", { decision: "accept", version: await version() }), 409);
    const award = (await (await mine("/award")).json()) as { reports: { id: string; status: string }[] };
    expect(award.reports.map((report) => [report.id, report.status])).toEqual([
      ["interim", "accepted"],
      ["final", "upcoming"],
    ]);
  }, 120_000);

  it("answers bad requests with 400, 404 or 422 problems, never a 5xx, and changes nothing", async () => {
    const before = await version();
    const checks: [() => Promise<Response>, number][] = [
      [() => mine("/reports/final", "PUT", { fields: "all of it" }), 400],
      [() => mine("/reports/final", "PUT", { fields: { budget: "an unknown field" } }), 400],
      [() => mine("/reports/final", "PUT", { fields: { changes: "a".repeat(Words.maxChars(600, "pt") + 1) } }), 422],
      [() => mine("/reports/final", "PUT", "not an object"), 400],
      [() => mine("/reports/midterm"), 404],
      [
        () =>
          mine("/reports/final/documents/photos/upload", "POST", {
            fileName: "a.csv",
            contentType: "text/csv",
            size: 9,
          }),
        404,
      ],
      [() => mine("/reports/final/documents/financial-statement/upload", "POST", { fileName: "a.csv" }), 400],
      [
        () =>
          mine("/reports/final/documents/financial-statement/upload", "POST", {
            fileName: "a.csv",
            contentType: "text/csv",
            size: 50 * 1024 * 1024,
          }),
        422,
      ],
      [() => mine("/reports/final/documents/financial-statement/confirm", "POST"), 422],
      [() => mine("/reports/final/submit", "POST", { answer: 42 }), 400],
      [() => mine("/reports/final/submit", "POST", { answer: "a".repeat(4_001) }), 400],
      [() => review("/reports/final/decision", "POST", { decision: "maybe", version: before }), 400],
      [() => review("/reports/final/decision", "POST", { decision: "accept" }), 400],
      [() => review("/reports/final/due", "POST", { version: before, dueAt: "2030-01-01" }), 404],
      [() => review("/reports/final/due", "PUT", { version: before, dueAt: "next month" }), 400],
      [() => review("/reports/final/due", "PUT", { version: before }), 400],
      [() => review("/reports/final/due", "PUT", { version: before, dueAt: "2020-01-01" }), 422],
      [() => review("/reports/midterm/due", "PUT", { version: before, dueAt: "2040-01-01" }), 404],
    ];
    // Each one checked on its own, so one answer out of line does not hide the rest.
    for (const [index, [request, status]] of checks.entries()) {
      const answer = await request();
      expect.soft(answer.status, `check ${index}: ${await answer.clone().text()}`).toBe(status);
      expect.soft(answer.headers.get("Content-Type"), `check ${index}`).toMatch(/^application\/problem\+json/);
    }
    // The final report was never sent: nothing to accept yet.
    await refused(await decide("final", { decision: "accept", version: before }), 409);
    expect(await version()).toBe(before);
    expect((await shown("final")).texts).toEqual({});
  }, 60_000);

  it("takes the final report, given a later due date, to its acceptance, and closes the grant", async () => {
    // A later due date, as a day: the end of that day (UTC).
    const day = new Date(Clock.nowMs() + 420 * DAY_MS).toISOString().slice(0, 10);
    const extended = await review("/reports/final/due", "PUT", {
      version: (await opened("final")).version,
      dueAt: day,
    });
    expect(extended.status, await extended.clone().text()).toBe(200);
    expect(await extended.json()).toMatchObject({ stage: "active", dueAt: `${day}T23:59:59.000Z` });
    expect((await shown("final")).dueAt).toBe(`${day}T23:59:59.000Z`);

    expect((await mine("/reports/final", "PUT", { fields: { progress: secrets.finalProgress } })).status).toBe(200);
    await uploadStatement("final", secrets.finalFile);
    const sent = await mine("/reports/final/submit", "POST", {});
    expect(sent.status, await sent.clone().text()).toBe(200);
    expect(await sent.json()).toMatchObject({ stage: "reported" });
    // Not closed while a report waits for a coordinator.
    await refused(await review("/transition", "POST", { to: "closed", version: await version() }), 409);
    const accepted = await decide("final", { decision: "accept", version: (await opened("final")).version });
    expect(accepted.status, await accepted.clone().text()).toBe(200);
    expect(await accepted.json()).toMatchObject({ stage: "reported" });

    await moveTo("closed");
    const closed = (await Application.fromID(grant.id))!;
    expect(closed.stage).toBe("closed");
    expect(closed.closedAt).toBeDefined();
    // Both reports counted at the closing, on time (neither was late).
    const now = await reportCounters();
    expect(now.map((value, index) => value - counted[index]!)).toEqual([2, 2, 0]);
    const types = (await Audit.list({ application: grant.id })).map((event) => event.type);
    for (const type of ["report_sent", "report_more_asked", "report_accepted", "report_extended"]) {
      expect(types).toContain(type);
    }

    // Closed: nothing about its reports changes any more; what is not there, or not theirs, is not found.
    await refused(await mine("/reports/final", "PUT", { fields: { progress: "more" } }), 409);
    await refused(await mine("/reports/final/submit", "POST", { answer: "more" }), 409);
    await refused(await decide("final", { decision: "more", version: await version(), question: "More?" }), 409);
    await refused(await review("/reports/final/due", "PUT", { version: await version(), dueAt: day }), 409);
    expect((await shown("final")).open).toBe(false);
    await refused(await mine("/reports/midterm"), 404);
    await refused(await review("/reports/midterm"), 404);
    await refused(await review("/reports/final", "GET", undefined, otherCoordinator), 404);
    await refused(await review("/reports/final", "GET", undefined, reviewer), 404);
    const stranger = { decision: "accept", version: await version() };
    await refused(await review("/reports/final/decision", "POST", stranger, otherCoordinator), 404);
    const readers = (await Audit.list({ application: grant.id })).filter((e) => e.type === "report_opened");
    expect(new Set(readers.map((event) => event.actor))).toEqual(new Set([`user:${coordinator.user.id}`]));
  }, 120_000);

  it("leaves nothing typed in a report, nor a file's name, in the clear in the table or the bucket", async () => {
    const stored = JSON.stringify(await everyItem()) + (await bucketContents());
    // What was read holds the reports (their parts' word counts) and the statements' bytes.
    expect(stored).toContain('"report-interim"');
    expect(stored).toContain("replacement laptop");
    for (const detail of Object.values(secrets)) expect(stored).not.toContain(detail);
    // Nor any part of them that is a phrase of its own.
    for (const phrase of ["Marabá", "Altamira", "Itaituba", "Jatobá"]) expect(stored).not.toContain(phrase);
  }, 60_000);
});
