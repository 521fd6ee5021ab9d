import * as Application from "@amparo/core/application";
import * as Audit from "@amparo/core/audit";
import { formatDate } from "@amparo/core/i18n";
import type * as User from "@amparo/core/user";
import { app as staffApp } from "@amparo/functions/staff/index";
import { beforeAll, describe, expect, it } from "vitest";
import { applicantRequest, startApplication, uploadBudget } from "../support/applications.js";
import { csv, pdf } from "../support/files.js";
import { formEntries, withValue } from "../support/page-form.js";
import { signIn, staffAccount, staffRequest } from "../support/staff.js";

/**
 * A grant call's second stage on the staff's pages: the coordinators' list shortlists and declines several applications at once,
 * the application page extends a full application's due date and shows it once sent with both rounds' scores,
 * and a reviewer scores it on the second rubric. Plain links and form posts, as a browser without script.
 */
const callId = "concept-notes-2026";
let coordinator: { session: string; user: User.Info };
let reviewer: { session: string; user: User.Info };

beforeAll(async () => {
  coordinator = await signIn((await staffAccount(["coordinator"], [callId])).email);
  reviewer = await signIn((await staffAccount(["reviewer"], [callId])).email);
}, 60_000);

const get = (path: string, session = coordinator.session) =>
  staffApp.request(path, { headers: { Cookie: `staff_session=${session}` } });

/** Posts a form as a browser would from our own page (the button pressed is among the entries, if any). */
const post = (path: string, entries: [string, string][], session = coordinator.session) =>
  staffApp.request(path, {
    method: "POST",
    headers: {
      Cookie: `staff_session=${session}`,
      "Content-Type": "application/x-www-form-urlencoded",
      "Sec-Fetch-Site": "same-origin",
    },
    body: new URLSearchParams(entries).toString(),
  });

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#39;|&rsquo;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();

const review = (path: string, session: string, method = "GET", body?: unknown) =>
  staffRequest(method, `/api/v1/review${path}`, session, body);

const stageOf = async (id: string) => (await Application.fromID(id))!.stage;

/** A grant application written and submitted through the API. */
async function submitted(): Promise<{ id: string; token: string }> {
  const { id, token } = await startApplication(callId);
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
  return { id, token };
}

/** The same, then moved to review by the coordinator. */
async function inReview(): Promise<{ id: string; token: string }> {
  const application = await submitted();
  await move(application.id, "in_review");
  return application;
}

async function move(id: string, to: string, extra: Record<string, unknown> = {}) {
  const { version } = (await (await review(`/applications/${id}`, coordinator.session)).json()) as { version: number };
  const moved = await review(`/applications/${id}/transition`, coordinator.session, "POST", { to, version, ...extra });
  expect(moved.status).toBe(200);
}

/** The list's bulk form as a browser would send it, with only `ids` ticked (the list shows every row's box). */
async function ticked(ids: string[], stage = "in_review"): Promise<[string, string][]> {
  const html = await (await get(`/staff/applications?callId=${callId}&stage=${stage}`)).text();
  const boxes = [...html.matchAll(/<input type="checkbox" class="pick" name="items" value="([^"]+)"/g)].map(
    (match) => match[1]!,
  );
  const entries = formEntries(html, "/staff/applications/shortlist").filter(([name]) => name !== "items");
  for (const id of ids) {
    const value = boxes.find((box) => box.startsWith(`${id}:`));
    expect(value, `a box for ${id}`).toBeDefined();
    entries.push(["items", value!]);
  }
  return entries;
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
  expect((await fetch(url, { method: "POST", body: form, redirect: "manual" })).status).toBeLessThan(400);
  expect((await applicantRequest("POST", `${base}/confirm`, token)).status).toBe(200);
}

describe("the coordinators' list acting on several applications", () => {
  it("shortlists fresh applications straight from submitted, each passing through review", async () => {
    const [first, second] = [await submitted(), await submitted()];
    const response = await post("/staff/applications/shortlist", await ticked([first.id, second.id], "submitted"));
    const page = text(await response.text());
    expect(page).toContain("Shortlisted: 2");
    expect(page).not.toContain("changed since the list was loaded");
    expect(await stageOf(first.id)).toBe("shortlisted");
    expect(await stageOf(second.id)).toBe("shortlisted");
  }, 120_000);

  it("offers the shortlist only where a shown row can take it", async () => {
    const shown = await inReview();
    await move(shown.id, "shortlisted");
    const html = await (await get(`/staff/applications?callId=${callId}&stage=shortlisted`)).text();
    expect(html).toContain(`value="${shown.id}:`);
    expect(text(html)).toContain("Decline the ticked applications");
    expect(text(html)).not.toContain("Shortlist the ticked applications");
    await submitted();
    const fresh = await (await get(`/staff/applications?callId=${callId}&stage=submitted`)).text();
    expect(text(fresh)).toContain("Shortlist the ticked applications");
  }, 120_000);

  it("shortlists the ticked applications in one post, and names the one changed since the list was loaded", async () => {
    const [first, second, stale, untouched] = [await inReview(), await inReview(), await inReview(), await inReview()];
    const entries = await ticked([first.id, second.id, stale.id]);
    // Someone else moves one of them after the list was loaded: its version is no longer the one ticked.
    await move(stale.id, "more_info", { messageToApplicant: "Please send the budget in USD." });

    const response = await post("/staff/applications/shortlist", entries);
    expect(response.status).toBe(200);
    const html = await response.text();
    const page = text(html);
    expect(page).toContain("Shortlisted: 2");
    expect(page).toContain("Not moved, because they changed since the list was loaded: 1");
    const changed = /<div class="summary" role="alert"[\s\S]*?<\/div>/.exec(html)?.[0] ?? "";
    expect(changed).toContain(`href="/staff/applications/${stale.id}"`);
    expect(changed).not.toContain(first.id);

    expect(await stageOf(first.id)).toBe("shortlisted");
    expect(await stageOf(second.id)).toBe("shortlisted");
    expect(await stageOf(stale.id)).toBe("more_info");
    expect(await stageOf(untouched.id)).toBe("in_review");
    // The shortlisted are invited: their full application is open, due in the call's 30 days.
    const invited = (await Application.fromID(first.id))!.fullApplication!;
    expect(Date.parse(invited.dueAt) - Date.parse(invited.invitedAt)).toBe(30 * 86_400_000);
  }, 120_000);

  it("reports apart what it did not move: a move not allowed from its stage, the viewer's own conflict, not found", async () => {
    const both = await signIn((await staffAccount(["coordinator", "reviewer"], [callId])).email);
    const [movable, waiting, declared] = [await inReview(), await inReview(), await inReview()];
    // Waiting on the applicant: shortlisting is not a move the call allows from there, whatever the version.
    await move(waiting.id, "more_info", { messageToApplicant: "Please send the budget in USD." });
    await review(`/applications/${declared.id}/assign`, coordinator.session, "POST", { reviewerIds: [both.user.id] });
    await review(`/applications/${declared.id}/conflict`, both.session, "POST", { conflict: true });
    const versionOf = async (id: string) => (await Application.fromID(id))!.version;
    const list = await (await get(`/staff/applications?callId=${callId}`, both.session)).text();
    const entries = formEntries(list, "/staff/applications/shortlist").filter(([name]) => name !== "items");
    for (const { id } of [movable, waiting, declared]) entries.push(["items", `${id}:${await versionOf(id)}`]);
    entries.push(["items", `${"z".repeat(26)}:1`]);

    const response = await post("/staff/applications/shortlist", entries, both.session);
    expect(response.status).toBe(200);
    const html = await response.text();
    const page = text(html);
    expect(page).toContain("Shortlisted: 1");
    expect(page).toContain("Not moved, because that move is not possible from their stage: 1");
    expect(page).toContain("Not moved, because you declared a conflict of interest on them: 1");
    expect(page).toContain("Not moved, because they were not found or are not yours to move: 1");
    expect(page).not.toContain("changed since the list was loaded");
    // No link to the one they declared a conflict on: nothing of it is theirs to open.
    expect(html).toContain(`href="/staff/applications/${waiting.id}"`);
    expect(html).not.toContain(`href="/staff/applications/${declared.id}"`);
    expect(await stageOf(movable.id)).toBe("shortlisted");
    expect(await stageOf(waiting.id)).toBe("more_info");
    expect(await stageOf(declared.id)).toBe("in_review");
  }, 120_000);

  it("declines the ticked applications with one note, after a confirmation page that changes nothing", async () => {
    const [one, two] = [await inReview(), await inReview()];
    const entries = await ticked([one.id, two.id]);

    // The list's second button: the confirmation page, which repeats the applications and asks for the note.
    const asked = await post("/staff/applications/decline", entries);
    expect(asked.status).toBe(200);
    const confirm = await asked.text();
    expect(text(confirm)).toContain("Decline 2 applications?");
    expect(confirm).toContain(one.id.slice(0, 8));
    expect(await stageOf(one.id)).toBe("in_review");

    // Confirmed without a note: said next to the note, and nothing moves.
    const form = formEntries(confirm, "/staff/applications/decline");
    const refused = await post("/staff/applications/decline", form);
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain(
      '<span class="error" id="note-error">Write a note: a decline needs one.</span>',
    );
    expect(await stageOf(one.id)).toBe("in_review");

    const declined = await post("/staff/applications/decline", withValue(form, "note", "Outside this year's focus."));
    expect(declined.status).toBe(200);
    expect(text(await declined.text())).toContain("Declined: 2");
    for (const { id } of [one, two]) {
      expect(await stageOf(id)).toBe("declined");
      const { events } = (await (await review(`/applications/${id}`, coordinator.session)).json()) as {
        events: { type: string; note?: string }[];
      };
      expect(events.find((event) => event.type === "decided")?.note).toBe("Outside this year's focus.");
    }
  }, 120_000);

  it("answers a post with nothing ticked in words (422), and moves nothing", async () => {
    const { id } = await inReview();
    const entries = await ticked([]);
    const response = await post("/staff/applications/shortlist", entries);
    expect(response.status).toBe(422);
    expect(text(await response.text())).toContain("Tick at least one application in the list");
    expect(await stageOf(id)).toBe("in_review");
  }, 60_000);
});

describe("a full application on the staff's application page", () => {
  it("lets the coordinator extend one application's due date, says so in words, and refuses an earlier date", async () => {
    const { id } = await inReview();
    await move(id, "shortlisted");
    const path = `/staff/applications/${id}`;
    const before = (await Application.fromID(id))!.fullApplication!.dueAt;
    const html = await (await get(path)).text();
    expect(html).toContain(`action="/staff/applications/${id}/due"`);
    // Nothing of it is shown before it is sent: only when it was invited and is due.
    expect(text(html)).toContain("Not sent yet");

    const later = new Date(Date.parse(before) + 10 * 86_400_000).toISOString().slice(0, 10);
    const extended = await post(`${path}/due`, withValue(formEntries(html, `${path}/due`), "dueAt", later));
    expect(extended.status).toBe(200);
    const date = formatDate("en", `${later}T23:59:59.000Z`);
    expect(text(await extended.text())).toContain(`The full application is now due by ${date}.`);
    const dueAt = (await Application.fromID(id))!.fullApplication!.dueAt;
    expect(dueAt).toBe(`${later}T23:59:59.000Z`);
    const trail = (await Audit.list({ application: id })).map((event) => event.type);
    expect(trail).toContain("due_extended");

    // An earlier date is refused next to the control, and nothing changes.
    const earlier = new Date(Date.parse(before) - 5 * 86_400_000).toISOString().slice(0, 10);
    const refused = await post(`${path}/due`, [["dueAt", earlier]]);
    expect([409, 422]).toContain(refused.status);
    expect(await refused.text()).toMatch(/<span class="error" id="dueAt-error">[^<]+<\/span>/);
    expect((await Application.fromID(id))!.fullApplication!.dueAt).toBe(dueAt);
    // Not a date at all: the same, before anything is asked of core.
    expect((await post(`${path}/due`, [["dueAt", "soon"]])).status).toBe(422);
    // No further than the call's 30 days beyond the date the invitation set: said in words, with the last date.
    const forever = await post(`${path}/due`, [["dueAt", "9999-12-31"]]);
    expect(forever.status).toBe(422);
    const latest = formatDate("en", new Date(Date.parse(before) + 30 * 86_400_000).toISOString());
    expect(text(await forever.text())).toContain(
      `An extension can go at most 30 days beyond the date the invitation set: choose ${latest} or earlier.`,
    );
    expect((await Application.fromID(id))!.fullApplication!.dueAt).toBe(dueAt);
  }, 120_000);

  it("shows the full application once sent, lets the reviewer score it on the second rubric, and shows both rounds", async () => {
    const { id, token } = await inReview();
    // The concept note's round: the reviewer declares and scores through the API.
    await review(`/applications/${id}/assign`, coordinator.session, "POST", { reviewerIds: [reviewer.user.id] });
    await review(`/applications/${id}/conflict`, reviewer.session, "POST", { conflict: false });
    await review(`/applications/${id}/score`, reviewer.session, "PUT", {
      scores: { relevance: 2, approach: 2, capacity: 2, value: 2 },
      recommendation: "maybe",
    });
    await move(id, "shortlisted");
    await applicantRequest("PUT", `/api/v1/applications/${id}/full-application`, token, {
      fields: {
        context: "Journalists in three provinces lost their accounts.",
        activities: "Monthly clinics and a help line.",
        risks: "Clinics are held in private venues.",
      },
    });
    await uploadDocument(id, token, "detailed-budget", csv(), "text/csv", "presupuesto.csv");
    await uploadDocument(id, token, "work-plan", pdf(), "application/pdf", "plan.pdf");
    const path = `/staff/applications/${id}`;

    // Before it is sent, the reviewer still sees the concept note's form, and no full application.
    const early = await (await get(path, reviewer.session)).text();
    expect(early).not.toContain("Journalists in three provinces");
    expect(early).toContain('name="round" value="concept"');
    // The coordinator sees the first clock stopped while the applicant writes, not reminders still "planned".
    const waiting = text(await (await get(path, coordinator.session)).text());
    expect(waiting).toContain("Stopped: waiting for the full application, due on");
    expect(waiting).not.toContain("Planned for");

    const sent = await applicantRequest("POST", `/api/v1/applications/${id}/full-application/submit`, token);
    expect(sent.status).toBe(200);

    // The queue says the full application is the reviewer's to score.
    const queue = text(await (await get("/staff", reviewer.session)).text());
    expect(queue).toContain("full application to score");

    // The reviewer's page: the full application, its documents through this app, the second rubric's form.
    const html = await (await get(path, reviewer.session)).text();
    expect(text(html)).toContain("Journalists in three provinces lost their accounts.");
    expect(html).toContain(`href="/staff/applications/${id}/documents/work-plan"`);
    expect(text(html)).toContain("Your review of the full application");
    expect(html).toContain('name="round" value="full"');
    expect(html).toContain('name="score-feasibility"');
    expect(html).not.toContain('name="score-relevance"');
    // What a 1, a 3 and a 5 mean, as for the first rubric.
    expect(text(html)).toContain("The plan cannot be done with this team, time or money.");

    // A small file's size reads in kilobytes, not "0 MB".
    expect(text(html)).toMatch(/presupuesto\.csv, \d+ kB/);
    const download = await get(`${path}/documents/detailed-budget`, reviewer.session);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(csv())).toBe(true);

    let entries = formEntries(html, `${path}/score`);
    for (const [criterion, value] of [
      ["feasibility", "4"],
      ["safety", "5"],
      ["budget", "3"],
    ] as const) {
      entries = [...entries.filter(([name]) => name !== `score-${criterion}`), [`score-${criterion}`, value]];
    }
    entries = [...entries.filter(([name]) => name !== "recommendation"), ["recommendation", "fund"]];
    const scored = await post(`${path}/score`, entries, reviewer.session);
    expect(scored.status).toBe(200);
    expect(text(await scored.text())).toContain("Your review of the full application");
    const queueAfter = text(await (await get("/staff", reviewer.session)).text());
    expect(queueAfter).toContain("full application scored");

    // The coordinator sees both rounds, each with its own mean.
    const coordinatorPage = text(await (await get(path)).text());
    expect(coordinatorPage).toContain("Reviews of the concept note Mean weighted score: 2 ");
    expect(coordinatorPage).toContain("Reviews of the full application Mean weighted score: 4 ");
    expect(coordinatorPage).toContain("scored the full application 4 (fund)");
  }, 120_000);
});
