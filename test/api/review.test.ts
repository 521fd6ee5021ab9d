import { formatNumber } from "@amparo/core/i18n";
import type * as User from "@amparo/core/user";
import * as Report from "@amparo/core/report";
import * as Call from "@amparo/core/call";
import * as Audit from "@amparo/core/audit";
import * as Clock from "@amparo/core/clock";
import * as Dynamo from "@amparo/core/dynamo";
import * as Retention from "@amparo/core/retention";
import { beforeAll, describe, expect, it } from "vitest";
import {
  applicantRequest,
  confirmContact,
  inbox,
  startApplication,
  uniqueEmail,
  uploadBudget,
} from "../support/applications.js";
import { pdf } from "../support/files.js";
import { everyItem } from "../support/http.js";
import { signIn, staffAccount, staffRequest } from "../support/staff.js";

type Problem = { status: number; detail: string; errors?: { path: string; message: string }[] };

let coordinator: { session: string; user: User.Info };
let reviewerA: { session: string; user: User.Info };
let reviewerB: { session: string; user: User.Info };

beforeAll(async () => {
  coordinator = await signIn((await staffAccount(["coordinator"], ["concept-notes-2026"])).email);
  reviewerA = await signIn((await staffAccount(["reviewer"], ["concept-notes-2026"])).email);
  reviewerB = await signIn((await staffAccount(["reviewer"], ["concept-notes-2026"])).email);
}, 60_000);

/** A grant application, complete and submitted, with a contact address to read the applicant's emails. */
async function submittedGrant(email = uniqueEmail()) {
  const { id, token } = await startApplication("concept-notes-2026", { contact: { email } });
  await confirmContact(email);
  const fields = {
    problem: "Coordinated harassment of women journalists in Sindh.",
    approach: "Digital security clinics and a rapid-response line.",
    outcomes: "Fewer account takeovers.",
    organisation: "A collective of lawyers and technologists since 2016.",
  };
  await applicantRequest("PUT", `/api/v1/applications/${id}/concept-note`, token, { fields });
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
  staffRequest(method, `/api/v1/review/applications${path}`, session, body);

async function version(id: string) {
  const view = (await (await review(`/${id}`, coordinator.session)).json()) as { version: number; stage: string };
  return view;
}

describe("reviewers", () => {
  it("see nothing before declaring, are told the queue soonest deadline first, and score on the rubric", async () => {
    const first = await submittedGrant();
    const second = await submittedGrant();
    for (const { id } of [second, first]) {
      await review(`/${id}/assign`, coordinator.session, "POST", { reviewerIds: [reviewerA.user.id] });
    }
    const queue = (await (await staffRequest("GET", "/api/v1/review/queue", reviewerA.session)).json()) as {
      items: { applicationId: string; review: string; decisionDueAt: string }[];
    };
    const mine = queue.items.filter((item) => [first.id, second.id].includes(item.applicationId));
    expect(mine.map((item) => item.applicationId)).toEqual([first.id, second.id]);
    expect(mine.map((item) => item.review)).toEqual(["conflict_check", "conflict_check"]);

    const before = await review(`/${first.id}`, reviewerA.session);
    expect(before.status).toBe(403);
    expect(await before.text()).not.toContain("Sindh");

    const declared = await review(`/${first.id}/conflict`, reviewerA.session, "POST", { conflict: false });
    expect(await declared.json()).toEqual({ review: "pending" });
    const view = (await (await review(`/${first.id}`, reviewerA.session)).json()) as {
      conceptNote: { fields: Record<string, string> };
      budgetFile: { url: string };
    };
    expect(view["conceptNote"].fields.problem).toContain("Sindh");
    // Through the staff API (checked copy, recorded), no longer a presigned link into the bucket.
    expect(view["budgetFile"].url).toBe(`/api/v1/review/applications/${first.id}/budget-file`);
    expect(view).not.toHaveProperty("contact");

    // relevance 3, approach 3, capacity 2, value 2: (5*3 + 4*3 + 3*2 + 2*2) / 10 = 3.7
    const scored = await review(`/${first.id}/score`, reviewerA.session, "PUT", {
      scores: { relevance: 5, approach: 4, capacity: 3, value: 2 },
      recommendation: "fund",
      comment: "Strong local partners.",
    });
    expect(await scored.json()).toEqual({ weightedScore: 3.7 });
  });

  it("refuse scores out of range or for unknown criteria (422), naming each", async () => {
    const { id } = await submittedGrant();
    await review(`/${id}/assign`, coordinator.session, "POST", { reviewerIds: [reviewerA.user.id] });
    await review(`/${id}/conflict`, reviewerA.session, "POST", { conflict: false });
    const response = await review(`/${id}/score`, reviewerA.session, "PUT", {
      scores: { relevance: 6, approach: 0, capacity: 2.5, charm: 5 },
      recommendation: "fund",
    });
    expect(response.status).toBe(422);
    expect(((await response.json()) as Problem).errors?.map((error) => error.path)).toEqual([
      "scores.relevance",
      "scores.approach",
      "scores.capacity",
      "scores.charm",
      "scores.value",
    ]);
    const view = (await (await review(`/${id}`, coordinator.session)).json()) as { reviews: unknown[] };
    expect(view.reviews).toEqual([]);
  });

  it("see other reviewers' scores only after saving their own, and can change theirs until the decision", async () => {
    const { id } = await submittedGrant();
    await review(`/${id}/assign`, coordinator.session, "POST", { reviewerIds: [reviewerA.user.id, reviewerB.user.id] });
    for (const reviewer of [reviewerA, reviewerB])
      await review(`/${id}/conflict`, reviewer.session, "POST", { conflict: false });
    const scores = { relevance: 4, approach: 4, capacity: 4, value: 4 };
    await review(`/${id}/score`, reviewerA.session, "PUT", { scores, recommendation: "maybe", comment: "Fine." });

    const beforeOwn = (await (await review(`/${id}`, reviewerB.session)).json()) as {
      reviews: unknown[];
      meanScore: unknown;
    };
    expect(beforeOwn.reviews).toEqual([]);
    expect(beforeOwn.meanScore).toBeNull();
    await review(`/${id}/score`, reviewerB.session, "PUT", {
      scores: { ...scores, value: 1 },
      recommendation: "decline",
    });
    const afterOwn = (await (await review(`/${id}`, reviewerB.session)).json()) as { reviews: unknown[] };
    expect(afterOwn.reviews).toHaveLength(2);

    const changed = await review(`/${id}/score`, reviewerA.session, "PUT", {
      scores: { ...scores, relevance: 5 },
      recommendation: "fund",
      comment: "Better on a second read.",
    });
    expect(changed.status).toBe(200);
    const list = (await (
      await staffRequest("GET", "/api/v1/review/applications?callId=concept-notes-2026", coordinator.session)
    ).json()) as {
      items: { id: string; reviews: number; meanScore: number }[];
    };
    const row = list.items.find((item) => item.id === id)!;
    expect(row.reviews).toBe(2);
    expect(row.meanScore).toBe(Math.round(((4.3 + 3.4) / 2) * 100) / 100);

    const { version: current } = await version(id);
    await review(`/${id}/transition`, coordinator.session, "POST", { to: "in_review", version: current });
    await review(`/${id}/transition`, coordinator.session, "POST", {
      to: "declined",
      version: current + 1,
      note: "Outside our focus this year.",
    });
    const late = await review(`/${id}/score`, reviewerA.session, "PUT", { scores, recommendation: "fund" });
    expect(late.status).toBe(409);
  });

  it("who declare a conflict are taken off the application, and its coordinators are told", async () => {
    const coordinatorEmail = coordinator.user.email;
    const before = (await inbox(coordinatorEmail)).length;
    const { id } = await submittedGrant();
    await review(`/${id}/assign`, coordinator.session, "POST", { reviewerIds: [reviewerB.user.id] });
    const declared = await review(`/${id}/conflict`, reviewerB.session, "POST", {
      conflict: true,
      note: "Former employer",
    });
    expect(await declared.json()).toEqual({ review: "conflicted" });
    expect((await review(`/${id}`, reviewerB.session)).status).toBe(403);
    expect(
      (await review(`/${id}/score`, reviewerB.session, "PUT", { scores: {}, recommendation: "fund" })).status,
    ).toBe(403);
    expect((await inbox(coordinatorEmail)).length).toBe(before + 1);
    const view = (await (await review(`/${id}`, coordinator.session)).json()) as {
      assignments: { reviewerId: string; status: string }[];
      events: { type: string; note?: string }[];
    };
    expect(view.assignments).toEqual([
      expect.objectContaining({ reviewerId: reviewerB.user.id, status: "conflicted" }),
    ]);
    expect(view.events.find((event) => event.type === "conflict_declared")?.note).toBe("Former employer");
    // The note is encrypted at rest.
    expect(JSON.stringify(await everyItem())).not.toContain("Former employer");
  });

  it("must work on the call to be assigned (422)", async () => {
    const { id } = await submittedGrant();
    const outsider = await staffAccount(["reviewer"], ["digital-emergency"]);
    const response = await review(`/${id}/assign`, coordinator.session, "POST", {
      reviewerIds: [outsider.id, "nobody"],
    });
    expect(response.status).toBe(422);
    expect(((await response.json()) as Problem).errors?.map((error) => error.path)).toEqual([
      "reviewerIds.0",
      "reviewerIds.1",
    ]);
  });
});

describe("coordinators", () => {
  it("refuse a move the call does not allow, or a stale version, with 409", async () => {
    const { id } = await submittedGrant();
    const { version: current } = await version(id);
    // Approving needs a review first: the call allows no decision straight from submitted.
    const skip = await review(`/${id}/transition`, coordinator.session, "POST", {
      to: "approved",
      version: current,
      amount: 1_000,
    });
    expect(skip.status).toBe(409);
    const stale = await review(`/${id}/transition`, coordinator.session, "POST", {
      to: "in_review",
      version: current - 1,
    });
    expect(stale.status).toBe(409);
    expect((await version(id)).stage).toBe("submitted");
  });

  it("decide approval with an amount no higher than requested or the call's maximum, and the applicant sees it", async () => {
    const { id, token, email } = await submittedGrant();
    let { version: current } = await version(id);
    await review(`/${id}/transition`, coordinator.session, "POST", { to: "in_review", version: current++ });
    await review(`/${id}/transition`, coordinator.session, "POST", { to: "shortlisted", version: current++ });
    const tooMuch = await review(`/${id}/transition`, coordinator.session, "POST", {
      to: "approved",
      version: current,
      amount: 23_000,
    });
    expect(tooMuch.status).toBe(422);
    expect(((await tooMuch.json()) as Problem).errors?.[0]?.message).toBe(
      `The amount approved cannot be more than the ${formatNumber("en", 22_000)} requested.`,
    );
    const none = await review(`/${id}/transition`, coordinator.session, "POST", { to: "approved", version: current });
    expect(none.status).toBe(422);

    const mailsBefore = (await inbox(email)).length;
    const approved = await review(`/${id}/transition`, coordinator.session, "POST", {
      to: "approved",
      version: current,
      amount: 20_000,
    });
    expect(await approved.json()).toEqual({ stage: "approved", version: current + 1 });

    const seen = (await (await applicantRequest("GET", `/api/v1/applications/${id}`, token)).json()) as Record<
      string,
      unknown
    >;
    expect(seen["stage"]).toBe("approved");
    expect(seen["decision"]).toEqual({ outcome: "approved", amount: 20_000 });
    const mails = await inbox(email);
    expect(mails.length).toBe(mailsBefore + 1);
    expect(mails.at(-1)!.body.text).not.toMatch(/20[.,]?000|approved|aprobad/i);

    const counters = await Report.counters("concept-notes-2026", new Date().getUTCFullYear());
    expect(counters[Report.Counter.approved("USD")]).toBeGreaterThanOrEqual(20_000);
    const withdraw = await applicantRequest("POST", `/api/v1/applications/${id}/withdraw`, token);
    expect(withdraw.status).toBe(409);
  });

  it("decline with a note, kept encrypted, and the content is set to be deleted after the retention period", async () => {
    const { id } = await submittedGrant();
    const { version: current } = await version(id);
    const noNote = await review(`/${id}/transition`, coordinator.session, "POST", { to: "declined", version: current });
    expect(noNote.status).toBe(422);
    const declined = await review(`/${id}/transition`, coordinator.session, "POST", {
      to: "declined",
      version: current,
      note: "Budget does not match the activities described.",
    });
    expect(declined.status).toBe(200);
    const raw = (await everyItem()).find(
      (item) => item["pk"] === Dynamo.Key.application(id).pk && item["sk"] === Dynamo.Key.application(id).sk,
    )!;
    // Deleted by the retention sweep (test/api/retention.test.ts), not by TTL: no `expiresAt` to race it.
    expect(raw["expiresAt"]).toBeUndefined();
    const due = Retention.dueAt(raw as Retention.Retained, await Call.get("concept-notes-2026"))!;
    expect(Math.round((due.getTime() - Date.now()) / 86_400_000)).toBe(365);
    expect(JSON.stringify(await everyItem())).not.toContain("Budget does not match");
  });

  it("ask for more information: the applicant sees the request, edits, answers and submits again", async () => {
    const { id, token } = await submittedGrant();
    const { version: current } = await version(id);
    await review(`/${id}/transition`, coordinator.session, "POST", {
      to: "more_info",
      version: current,
      messageToApplicant: "Please split staff costs by month.",
    });
    const seen = (await (await applicantRequest("GET", `/api/v1/applications/${id}`, token)).json()) as Record<
      string,
      unknown
    >;
    expect(seen["stage"]).toBe("more_info");
    expect(seen["moreInfoRequest"]).toBe("Please split staff costs by month.");
    const edited = await applicantRequest("PUT", `/api/v1/applications/${id}/concept-note`, token, {
      fields: { approach: "Monthly clinics; staff costs split by month in the budget." },
    });
    expect(edited.status).toBe(200);
    const answered = await applicantRequest("PUT", `/api/v1/applications/${id}/more-info-answer`, token, {
      fields: { answer: "Done: the budget now splits staff costs by month." },
    });
    expect(answered.status).toBe(200);
    const again = await applicantRequest("POST", `/api/v1/applications/${id}/submit`, token);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { stage: string }).stage).toBe("submitted");
  });

  it("see every step in the audit trail: who, what, when", async () => {
    const { id } = await submittedGrant();
    await review(`/${id}/assign`, coordinator.session, "POST", { reviewerIds: [reviewerA.user.id] });
    await review(`/${id}/conflict`, reviewerA.session, "POST", { conflict: false });
    await review(`/${id}/score`, reviewerA.session, "PUT", {
      scores: { relevance: 3, approach: 3, capacity: 3, value: 3 },
      recommendation: "maybe",
    });
    const { version: current } = await version(id);
    await review(`/${id}/transition`, coordinator.session, "POST", { to: "in_review", version: current });
    const { events } = (await (await review(`/${id}`, coordinator.session)).json()) as {
      events: { type: string; actor: string; at: string }[];
    };
    const changes = events.filter((event) => event.type !== "viewed");
    expect(changes.map((event) => [event.type, event.actor])).toEqual([
      ["created", "applicant"],
      ["submitted", "applicant"],
      ["assigned", `user:${coordinator.user.id}`],
      ["no_conflict_declared", `user:${reviewerA.user.id}`],
      ["scored", `user:${reviewerA.user.id}`],
      ["moved", `user:${coordinator.user.id}`],
    ]);
    expect(events.every((event) => !Number.isNaN(Date.parse(event.at)))).toBe(true);
  });

  it("bind everyone to a declared conflict: a coordinator who also reviews may then neither read nor move it", async () => {
    const both = await signIn((await staffAccount(["coordinator", "reviewer"], ["concept-notes-2026"])).email);
    const { id } = await submittedGrant();
    expect((await review(`/${id}`, both.session)).status).toBe(200);
    await review(`/${id}/assign`, coordinator.session, "POST", { reviewerIds: [both.user.id] });
    await review(`/${id}/conflict`, both.session, "POST", { conflict: true, note: "My sister runs this collective." });

    const read = await review(`/${id}`, both.session);
    expect(read.status).toBe(403);
    expect(await read.text()).not.toContain("Sindh");
    const { version: current } = await version(id);
    const moved = await review(`/${id}/transition`, both.session, "POST", { to: "in_review", version: current });
    expect(moved.status).toBe(403);
    expect((await version(id)).stage).toBe("submitted");

    const list = (await (
      await staffRequest("GET", "/api/v1/review/applications?callId=concept-notes-2026", both.session)
    ).json()) as { items: { id: string; conflicted: boolean; meanScore: number | null }[] };
    expect(list.items.find((item) => item.id === id)).toMatchObject({ conflicted: true, meanScore: null });
    const others = (await (
      await staffRequest("GET", "/api/v1/review/applications?callId=concept-notes-2026", coordinator.session)
    ).json()) as { items: { id: string; conflicted: boolean }[] };
    expect(others.items.find((item) => item.id === id)?.conflicted).toBe(false);
  });

  it("bind every coordinator action to a declared conflict: assign, due date, file and bulk moves answer 403", async () => {
    const both = await signIn((await staffAccount(["coordinator", "reviewer"], ["concept-notes-2026"])).email);
    const { id } = await submittedGrant();
    await review(`/${id}/assign`, coordinator.session, "POST", { reviewerIds: [both.user.id] });
    await review(`/${id}/conflict`, both.session, "POST", { conflict: true });

    const assigned = await review(`/${id}/assign`, both.session, "POST", { reviewerIds: [reviewerA.user.id] });
    expect(assigned.status).toBe(403);
    expect((await (await review(`/${id}`, coordinator.session)).json()).assignments).toHaveLength(1);
    expect((await review(`/${id}/budget-file`, both.session)).status).toBe(403);
    const { version: submitted } = await version(id);
    const bulk = (body: unknown) => staffRequest("POST", "/api/v1/review/shortlist", both.session, body);
    const declined = await staffRequest("POST", "/api/v1/review/decline", both.session, {
      callId: "concept-notes-2026",
      items: [{ id, version: submitted }],
      note: "Out of scope.",
    });
    expect(await declined.json()).toEqual({ results: [{ id, status: 403, reason: "conflicted" }] });
    expect((await version(id)).stage).toBe("submitted");

    // Shortlisted by another coordinator: the one who declared may not extend its due date either.
    for (const to of ["in_review", "shortlisted"]) {
      const { version: current } = await version(id);
      expect((await review(`/${id}/transition`, coordinator.session, "POST", { to, version: current })).status).toBe(
        200,
      );
    }
    const due = await review(`/${id}/due`, both.session, "POST", { dueAt: "2099-01-01T00:00:00.000Z" });
    expect(due.status).toBe(403);
    const { version: shortlisted } = await version(id);
    expect(await (await bulk({ callId: "concept-notes-2026", items: [{ id, version: shortlisted }] })).json()).toEqual({
      results: [{ id, status: 403, reason: "conflicted" }],
    });
  });

  it("answer each bulk item with its reason: stale, not_allowed, not_found", async () => {
    const waiting = await submittedGrant();
    const moved = await submittedGrant();
    await review(`/${waiting.id}/transition`, coordinator.session, "POST", {
      to: "more_info",
      version: (await version(waiting.id)).version,
      messageToApplicant: "Which provinces?",
    });
    await review(`/${moved.id}/transition`, coordinator.session, "POST", {
      to: "in_review",
      version: (await version(moved.id)).version,
    });
    const answered = await staffRequest("POST", "/api/v1/review/shortlist", coordinator.session, {
      callId: "concept-notes-2026",
      items: [
        // Waiting on its applicant: the call does not allow shortlisting it from there.
        { id: waiting.id, version: (await version(waiting.id)).version },
        // Read before its move into review.
        { id: moved.id, version: (await version(moved.id)).version - 1 },
        { id: "z".repeat(26), version: 1 },
      ],
    });
    expect(await answered.json()).toEqual({
      results: [
        { id: waiting.id, status: 409, reason: "not_allowed" },
        { id: moved.id, status: 409, reason: "stale" },
        { id: "z".repeat(26), status: 404, reason: "not_found" },
      ],
    });
  });

  it("shortlist fresh applications from the list and one by one, each passing through review in one move", async () => {
    const [first, second, single] = [await submittedGrant(), await submittedGrant(), await submittedGrant()];
    const answered = await staffRequest("POST", "/api/v1/review/shortlist", coordinator.session, {
      callId: "concept-notes-2026",
      items: [
        { id: first.id, version: (await version(first.id)).version },
        { id: second.id, version: (await version(second.id)).version },
      ],
    });
    expect(await answered.json()).toEqual({
      results: [
        { id: first.id, status: 200 },
        { id: second.id, status: 200 },
      ],
    });
    const before = (await version(single.id)).version;
    const moved = await review(`/${single.id}/transition`, coordinator.session, "POST", {
      to: "shortlisted",
      version: before,
    });
    expect(await moved.json()).toEqual({ stage: "shortlisted", version: before + 2 });
    for (const { id } of [first, second, single]) {
      expect((await version(id)).stage).toBe("shortlisted");
      const moves = (await Audit.list({ application: id }))
        .filter((event) => event.type === "moved")
        .map((event) => [event["from"], event["stage"], event.actor]);
      expect(moves).toEqual([
        ["submitted", "in_review", `user:${coordinator.user.id}`],
        ["in_review", "shortlisted", `user:${coordinator.user.id}`],
      ]);
    }
  });

  it("take a reviewer's access away once the applicant withdraws", async () => {
    const { id, token } = await submittedGrant();
    await review(`/${id}/assign`, coordinator.session, "POST", { reviewerIds: [reviewerB.user.id] });
    await review(`/${id}/conflict`, reviewerB.session, "POST", { conflict: false });
    expect((await review(`/${id}`, reviewerB.session)).status).toBe(200);
    expect((await applicantRequest("POST", `/api/v1/applications/${id}/withdraw`, token)).status).toBe(200);
    const after = await review(`/${id}`, reviewerB.session);
    expect(after.status).toBe(404);
    expect(await after.text()).not.toContain("Sindh");
  });

  it("record who read the application: one event per person and 5-minute window, which coordinators see", async () => {
    const { id } = await submittedGrant();
    await review(`/${id}/assign`, coordinator.session, "POST", { reviewerIds: [reviewerA.user.id] });
    await review(`/${id}/conflict`, reviewerA.session, "POST", { conflict: false });
    // A fresh window, so that its start is known: every view below falls in it or the next.
    Clock.advance(Audit.viewWindowMs - (Clock.nowMs() % Audit.viewWindowMs) + 1_000);
    const windowStart = new Date(Math.floor(Clock.nowMs() / Audit.viewWindowMs) * Audit.viewWindowMs).toISOString();
    for (let load = 0; load < 3; load++) expect((await review(`/${id}`, reviewerA.session)).status).toBe(200);
    expect((await review(`/${id}/budget-file`, reviewerA.session)).status).toBe(200);
    const viewsOf = async () => {
      const { events } = (await (await review(`/${id}`, coordinator.session)).json()) as {
        events: { type: string; actor: string; at: string }[];
      };
      return events.filter((event) => event.type === "viewed" && event.actor === `user:${reviewerA.user.id}`);
    };
    // Three page loads in one window: one row, dated at the window's start.
    expect(await viewsOf()).toEqual([{ type: "viewed", actor: `user:${reviewerA.user.id}`, at: windowStart }]);
    Clock.advance(Audit.viewWindowMs);
    expect((await review(`/${id}`, reviewerA.session)).status).toBe(200);
    expect(await viewsOf()).toHaveLength(2);
    const { events } = (await (await review(`/${id}`, coordinator.session)).json()) as {
      events: { type: string; actor: string }[];
    };
    expect(events.filter((event) => event.type === "viewed").map((event) => event.actor)).toContain(
      `user:${coordinator.user.id}`,
    );
    // Downloads stay events of their own, one per download.
    expect(events.filter((event) => event.type === "budget_file_downloaded")).toHaveLength(1);
  });

  it("race: of twenty simultaneous transitions, exactly one succeeds and the rest get 409", async () => {
    const { id } = await submittedGrant();
    const { version: current } = await version(id);
    const targets = ["in_review", "more_info", "declined"] as const;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        review(`/${id}/transition`, coordinator.session, "POST", {
          to: targets[index % 3],
          version: current,
          note: "Racing coordinators.",
          ...(targets[index % 3] === "more_info" ? { messageToApplicant: "Racing question?" } : {}),
        }),
      ),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(19);
    const { events } = (await (await review(`/${id}`, coordinator.session)).json()) as { events: { type: string }[] };
    expect(events.filter((event) => event.type === "moved" || event.type === "decided")).toHaveLength(1);
    expect((await version(id)).version).toBe(current + 1);
  });
});

describe("nothing a staff client sends gives a 5xx", () => {
  it("answers garbage on every staff route with a 4xx", async () => {
    const { id } = await submittedGrant();
    const bodies = [
      '{"',
      "[]",
      "null",
      '{"to": "approved", "version": "1"}',
      '{"reviewerIds": "all"}',
      '{"scores": [1,2]}',
      '{"conflict": "maybe"}',
    ];
    const routes: [string, string, string][] = [
      ["POST", `/api/v1/review/applications/${id}/transition`, coordinator.session],
      ["POST", `/api/v1/review/applications/${id}/assign`, coordinator.session],
      ["PUT", `/api/v1/review/applications/${id}/score`, reviewerA.session],
      ["POST", `/api/v1/review/applications/${id}/conflict`, reviewerA.session],
      ["POST", "/api/v1/auth/verify", ""],
      ["POST", "/api/v1/auth/magic-link", ""],
    ];
    const { app } = await import("@amparo/functions/staff/index");
    for (const [method, path, session] of routes) {
      for (const body of bodies) {
        const response = await app.request(path, {
          method,
          headers: { "Content-Type": "application/json", ...(session ? { Authorization: `Bearer ${session}` } : {}) },
          body,
        });
        expect(response.status, `${method} ${path} ${body}`).toBeGreaterThanOrEqual(400);
        expect(response.status, `${method} ${path} ${body}`).toBeLessThan(500);
      }
    }
    for (const path of [
      "/staff/applications?callId=",
      "/staff/applications/..%2F..",
      "/api/v1/review/applications?callId=nope",
    ]) {
      const response = await app.request(path, {
        headers: { Authorization: `Bearer ${coordinator.session}`, Cookie: `staff_session=${coordinator.session}` },
      });
      expect(response.status, path).toBeLessThan(500);
    }
  });

  it("speaks Spanish and Portuguese on the staff pages too", async () => {
    const { app } = await import("@amparo/functions/staff/index");
    expect(await (await app.request("/staff?lang=es")).text()).toContain("Acceso del equipo");
    expect(await (await app.request("/staff?lang=pt")).text()).toContain("Acesso da equipe");
  });
});
