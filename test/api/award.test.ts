import * as Application from "@amparo/core/application";
import * as Audit from "@amparo/core/audit";
import * as Call from "@amparo/core/call";
import * as Clock from "@amparo/core/clock";
import * as Report from "@amparo/core/report";
import * as Retention from "@amparo/core/retention";
import type * as User from "@amparo/core/user";
import { beforeAll, describe, expect, it } from "vitest";
import { applicantRequest, emergencyAnswers, inbox, uniqueEmail } from "../support/applications.js";
import { approvedEmergency } from "../support/award.js";
import { csv } from "../support/files.js";
import { shortlistedGrant } from "../support/full-application.js";
import { bucketContents, everyItem, postJson } from "../support/http.js";
import { signIn, staffAccount, staffRequest } from "../support/staff.js";

// After the award, through the HTTP API as clients use it: a grant call's award paid in two tranches, and an
// applicant who turns an award down. Then the whole table and bucket are read raw for anything about the money.
const GRANT = "concept-notes-2026";
const EMERGENCY = "digital-emergency";
const DAY_MS = 86_400_000;
type Session = { session: string; user: User.Info };
let coordinator: Session;

/** Everything typed about the money in this file: none of it may be stored in the clear. */
const secrets = {
  holder: "Instituto Mulheres em Rede",
  bank: "Banco Cooperativo Sicredi",
  account: "BR15 0000 0000 0000 1093 2840 814",
  routing: "BCSIBRRS748",
  typedName: "Joana Prado Nascimento",
  tranche1: "PIX-E2E-77193 ag 0748",
  tranche2: "PIX-E2E-88240 ag 0748",
};

beforeAll(async () => {
  coordinator = await signIn((await staffAccount(["coordinator"], [GRANT, EMERGENCY])).email);
}, 60_000);

const review = (id: string, path: string, method = "GET", body?: unknown) =>
  staffRequest(method, `/api/v1/review/applications/${id}${path}`, coordinator.session, body);
const version = async (id: string) => ((await (await review(id, "")).json()) as { version: number }).version;
const moveTo = async (id: string, to: string, extra: Record<string, unknown> = {}) => {
  const moved = await review(id, "/transition", "POST", { to, version: await version(id), ...extra });
  expect(moved.status, await moved.clone().text()).toBe(200);
};
const award = async (id: string, token: string) =>
  (await (await applicantRequest("GET", `/api/v1/applications/${id}/award`, token)).json()) as {
    stage: string;
    amount: number;
    currency: string;
    agreedAt?: string;
    endsAt?: string;
    reports: { id: string; dueAt?: string }[];
    payments: Record<string, unknown>[];
    paid: number;
    paymentMethod: { given: boolean; open: boolean; deleteAt?: string };
  };

/** Sends the full application a shortlisting invited: its fields and two documents, then submits it. */
async function sendFullApplication(id: string, token: string) {
  const fields = {
    context: "Women journalists in three states lose their accounts after each election.",
    activities: "Monthly clinics, a peer help line and a yearly audit of three newsrooms.",
    risks: "Clinics meet in private venues; no participant lists are kept.",
  };
  expect((await applicantRequest("PUT", `/api/v1/applications/${id}/full-application`, token, { fields })).status).toBe(
    200,
  );
  for (const documentId of ["detailed-budget", "work-plan"]) {
    const base = `/api/v1/applications/${id}/documents/${documentId}`;
    const file = csv();
    const presign = await applicantRequest("POST", `${base}/upload`, token, {
      fileName: `${documentId}.csv`,
      contentType: "text/csv",
      size: file.length,
    });
    const { url, fields: post } = (await presign.json()) as { url: string; fields: Record<string, string> };
    const form = new FormData();
    for (const [name, value] of Object.entries(post)) form.append(name, value);
    form.append("file", new Blob([new Uint8Array(file)], { type: "text/csv" }), `${documentId}.csv`);
    expect((await fetch(url, { method: "POST", body: form, redirect: "manual" })).status).toBeLessThan(400);
    expect((await applicantRequest("POST", `${base}/confirm`, token)).status).toBe(200);
  }
  expect((await applicantRequest("POST", `/api/v1/applications/${id}/full-application/submit`, token)).status).toBe(
    200,
  );
}

/** The call's counters of this year after the award, to compare before and after. */
async function awardCounters() {
  const counters = await Report.counters(GRANT, Clock.now().getUTCFullYear());
  return ["agreed:USD", "agreedBy:USD", "paid:USD", "paidBy:USD", "activated"].map((name) => counters[name] ?? 0);
}

/** Every object in the bucket, read whole. */

describe("after the award, over the API", () => {
  it("takes a grant call's award from approval through the agreement to two tranches, the second final", async () => {
    const { id, token } = await shortlistedGrant("pt");
    await sendFullApplication(id, token);
    const counted = await awardCounters();

    // Approved: the applicant sees the amount, the period and the two reports, with no dates yet.
    await moveTo(id, "approved", { amount: 18_000 });
    const approved = await award(id, token);
    expect(approved).toMatchObject({ stage: "approved", amount: 18_000, currency: "USD", paid: 0 });
    expect(approved.reports.map((report) => [report.id, report.dueAt])).toEqual([
      ["interim", undefined],
      ["final", undefined],
    ]);
    // How the money reaches them is not asked for before the agreement.
    const early = await applicantRequest("PUT", `/api/v1/applications/${id}/payment-method`, token, {
      kind: "intermediary",
      organisation: "Rede",
      contact: "Marta",
    });
    expect(early.status).toBe(409);

    // The agreement: sent by the coordinator, accepted by typing a name; the period starts then.
    await moveTo(id, "agreement_sent");
    const empty = await applicantRequest("POST", `/api/v1/applications/${id}/agreement`, token, {
      decision: "accept",
      name: "   ",
    });
    expect(empty.status).toBe(422);
    const accepted = await applicantRequest("POST", `/api/v1/applications/${id}/agreement`, token, {
      decision: "accept",
      name: secrets.typedName,
    });
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toEqual({ stage: "agreed" });
    const agreed = await award(id, token);
    expect(Date.parse(agreed.endsAt!) - Date.parse(agreed.agreedAt!)).toBe(365 * DAY_MS);
    expect(agreed.reports.map((report) => Date.parse(report.dueAt!) - Date.parse(agreed.agreedAt!))).toEqual([
      183 * DAY_MS,
      395 * DAY_MS,
    ]);

    // How the money reaches them: only the ways the call offers; the answer never repeats the details.
    const other = await applicantRequest("PUT", `/api/v1/applications/${id}/payment-method`, token, {
      kind: "other",
      description: "Cash",
    });
    expect(other.status).toBe(422);
    const given = await applicantRequest("PUT", `/api/v1/applications/${id}/payment-method`, token, {
      kind: "bank_transfer",
      accountHolder: secrets.holder,
      bankName: secrets.bank,
      account: secrets.account,
      routing: secrets.routing,
      bankCountry: "BR",
    });
    expect(given.status).toBe(200);
    const answer = await given.text();
    for (const detail of [secrets.holder, secrets.bank, secrets.account]) expect(answer).not.toContain(detail);

    // The coordinator opens it (recorded), then pays in two tranches; nothing above what remains.
    const opened = await review(id, "/payment-method");
    expect(opened.status).toBe(200);
    expect(await opened.json()).toMatchObject({ kind: "bank_transfer", account: secrets.account });
    expect((await Audit.list({ application: id })).filter((e) => e.type === "payment_method_opened")).toHaveLength(1);
    const today = Clock.iso().slice(0, 10);
    const pay = async (amount: number, reference: string, final: boolean) =>
      review(id, "/payments", "POST", { version: await version(id), amount, paidOn: today, reference, final });
    const first = await pay(9_000, secrets.tranche1, false);
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ stage: "active", number: 1 });
    const tooMuch = await pay(10_000, secrets.tranche2, true);
    expect(tooMuch.status).toBe(422);
    expect(((await tooMuch.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(["amount"]);
    const second = await pay(9_000, secrets.tranche2, true);
    expect(second.status).toBe(201);
    expect(await second.json()).toMatchObject({ stage: "active", number: 2 });
    expect((await pay(1, "after", false)).status).toBe(409);

    // The applicant sees both payments and their dates, never a reference; the method goes 30 days on.
    const paid = await award(id, token);
    expect(paid.paid).toBe(18_000);
    expect(paid.payments.map((p) => [p["number"], p["amount"], p["paidOn"], p["final"]])).toEqual([
      [1, 9_000, today, false],
      [2, 9_000, today, true],
    ]);
    expect(JSON.stringify(paid)).not.toContain("PIX-E2E");
    expect(paid.paymentMethod).toMatchObject({ given: true, open: false });
    expect(Date.parse(paid.paymentMethod.deleteAt!) - Clock.nowMs()).toBeGreaterThan(29 * DAY_MS);
    const late = await applicantRequest("PUT", `/api/v1/applications/${id}/payment-method`, token, {
      kind: "intermediary",
      organisation: "Rede",
      contact: "Marta",
    });
    expect(late.status).toBe(409);
    // The coordinator's view has the references, for the fund's accounts.
    const staffView = (await (await review(id, "/award")).json()) as { payments: { reference: string }[] };
    expect(staffView.payments.map((p) => p.reference)).toEqual([secrets.tranche1, secrets.tranche2]);

    // Counted once each, in the month it happened: agreed, paid (one grant), activated.
    const now = await awardCounters();
    expect(now.map((value, index) => value - counted[index]!)).toEqual([18_000, 1, 18_000, 1, 1]);

    // Thirty days after the final payment the sweep deletes the method; the ledger stays.
    await Retention.sweep(new Date(Date.parse(paid.paymentMethod.deleteAt!) + 1_000));
    expect((await review(id, "/payment-method")).status).toBe(404);
    expect((await award(id, token)).payments).toHaveLength(2);
    expect((await Application.fromID(id))!.payment?.methodDeletedAt).toBeDefined();
  }, 120_000);

  it("lets an applicant turn an award down, telling the coordinators neutrally, and nothing follows it", async () => {
    const email = uniqueEmail();
    const { id, token } = await approvedEmergency(coordinator.user, 1_200, { contact: email });

    const declined = await applicantRequest("POST", `/api/v1/applications/${id}/agreement`, token, {
      decision: "decline",
    });
    expect(declined.status).toBe(200);
    expect(await declined.json()).toEqual({ stage: "declined_by_applicant" });
    // The same answer again answers the same; accepting now, or a coordinator moving it on, is refused.
    const again = await applicantRequest("POST", `/api/v1/applications/${id}/agreement`, token, {
      decision: "decline",
    });
    expect(await again.json()).toEqual({ stage: "declined_by_applicant" });
    const accept = await applicantRequest("POST", `/api/v1/applications/${id}/agreement`, token, {
      decision: "accept",
      name: "Ana",
    });
    expect(accept.status).toBe(409);
    const send = await review(id, "/transition", "POST", { to: "agreement_sent", version: await version(id) });
    expect(send.status).toBe(409);
    // Malformed answers are 400s that change nothing.
    const malformed = await applicantRequest("POST", `/api/v1/applications/${id}/agreement`, token, {
      decision: "maybe",
    });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);

    // The coordinators are told which application answered, and nothing of it.
    const notices = (await inbox(coordinator.user.email)).filter((mail) => mail.body.text?.includes(id));
    expect(notices.map((mail) => mail.subject)).toEqual([`Grant agreement answered: application ${id}`]);
    expect(notices[0]!.body.text).not.toMatch(/1[.,]?200|declin|turn/i);
    // Its content goes after the call's shorter period, counted from the answer.
    const app = (await Application.fromID(id))!;
    expect(app.stage).toBe("declined_by_applicant");
    await Retention.sweep(new Date(Date.parse(app.declinedByApplicantAt!) + 179 * DAY_MS));
    expect(await Application.fromID(id)).toBeDefined();
    await Retention.sweep(new Date(Date.parse(app.declinedByApplicantAt!) + 181 * DAY_MS));
    expect(await Application.fromID(id)).toBeUndefined();
  }, 120_000);

  it("lets a coordinator record an agreement signed outside Amparo, which the applicant cannot accept", async () => {
    const emergency = await Call.get(EMERGENCY);
    const OUTSIDE = "outside-agreement-fund";
    await Call.createIfMissing(
      Call.Info.parse({ ...emergency, id: OUTSIDE, award: { ...emergency.award!, agreement: "outside" } }),
    );
    const own = await signIn((await staffAccount(["coordinator"], [OUTSIDE])).email);
    const asOwn = (id: string, path: string, method = "GET", body?: unknown) =>
      staffRequest(method, `/api/v1/review/applications/${id}${path}`, own.session, body);
    const ownMove = async (id: string, to: string, extra: Record<string, unknown> = {}) => {
      const { version: at } = (await (await asOwn(id, "")).json()) as { version: number };
      return asOwn(id, "/transition", "POST", { to, version: at, ...extra });
    };
    const created = await postJson("/api/v1/applications", {
      callId: OUTSIDE,
      language: "es",
      eligibility: { answers: emergencyAnswers },
    });
    const { id, token } = (await created.json()) as { id: string; token: string };
    await applicantRequest("PUT", `/api/v1/applications/${id}/concept-note`, token, {
      fields: { situation: "Nos vigilan el teléfono.", need: "Un teléfono nuevo." },
    });
    await applicantRequest("PUT", `/api/v1/applications/${id}/funding`, token, { amount: 900, months: 2 });
    expect((await applicantRequest("POST", `/api/v1/applications/${id}/submit`, token)).status).toBe(200);
    expect((await ownMove(id, "in_review")).status).toBe(200);
    expect((await ownMove(id, "approved", { amount: 900 })).status).toBe(200);

    // Signed on paper: the applicant has nothing to accept here; the coordinator records it.
    expect((await award(id, token)) as unknown).toMatchObject({ stage: "approved", agreement: "outside" });
    const accept = await applicantRequest("POST", `/api/v1/applications/${id}/agreement`, token, {
      decision: "accept",
      name: "Ana",
    });
    expect(accept.status).toBe(409);
    expect((await ownMove(id, "agreed")).status).toBe(200);
    const recorded = await award(id, token);
    expect(recorded).toMatchObject({ stage: "agreed", signedOutside: true });
    expect(Date.parse(recorded.endsAt!) - Date.parse(recorded.agreedAt!)).toBe(120 * DAY_MS);
    const events = await Audit.list({ application: id });
    expect(events.filter((event) => event.type === "agreement_recorded").map((event) => event.actor)).toEqual([
      `user:${own.user.id}`,
    ]);
    // From here it runs as any agreed grant: how the money reaches them can be given.
    const given = await applicantRequest("PUT", `/api/v1/applications/${id}/payment-method`, token, {
      kind: "other",
      description: "En efectivo, a través de una persona de confianza.",
    });
    expect(given.status).toBe(200);
  }, 120_000);

  it("leaves nothing about the money in the clear in the table or the bucket", async () => {
    const stored = JSON.stringify(await everyItem()) + (await bucketContents());
    for (const detail of Object.values(secrets)) expect(stored).not.toContain(detail);
  }, 60_000);
});
