import * as Audit from "@amparo/core/audit";
import * as Clock from "@amparo/core/clock";
import type * as User from "@amparo/core/user";
import { app as apply } from "@amparo/functions/apply/index";
import { app as staffApp } from "@amparo/functions/staff/index";
import { beforeAll, describe, expect, it } from "vitest";
import { applicantRequest, startApplication } from "../support/applications.js";
import { everyItem, postForm } from "../support/http.js";
import { signIn, staffAccount, staffRequest } from "../support/staff.js";

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

const name = "Colectivo Raíces de Alta Verapaz";
const secretNote = "The safe house is behind the market in Cobán";

const applicantPage = (path: string, token: string) => apply.request(path, { headers: { Cookie: `access=${token}` } });
const staffPage = (path: string, session: string) =>
  staffApp.request(path, { headers: { Cookie: `staff_session=${session}` } });
const versionIn = (html: string) => /name="_version" value="(\d+)"/.exec(html)?.[1] ?? "";

type Staff = { session: string; user: User.Info };
let assigned: Staff;
let unassigned: Staff;
let coordinator: Staff;
let conflictedCoordinator: Staff;
let applicationId = "";
let token = "";

/** A submitted emergency application whose applicant gave `identity` through the API (or nothing). */
async function submitted(identity?: { name?: string; country?: string }) {
  const made = await startApplication("digital-emergency");
  await applicantRequest("PUT", `/api/v1/applications/${made.id}/concept-note`, made.token, {
    fields: { situation: secretNote, need: "Two new phones." },
  });
  await applicantRequest("PUT", `/api/v1/applications/${made.id}/funding`, made.token, {
    amount: 2_000,
    annualBudget: 0,
    months: 2,
  });
  if (identity) {
    expect(
      (await applicantRequest("PUT", `/api/v1/applications/${made.id}/identity`, made.token, identity)).status,
    ).toBe(200);
  }
  expect((await applicantRequest("POST", `/api/v1/applications/${made.id}/submit`, made.token)).status).toBe(200);
  return made;
}

beforeAll(async () => {
  assigned = await signIn((await staffAccount(["reviewer"], ["digital-emergency"])).email);
  unassigned = await signIn((await staffAccount(["reviewer"], ["digital-emergency"])).email);
  coordinator = await signIn((await staffAccount(["coordinator"], ["digital-emergency"])).email);
  conflictedCoordinator = await signIn((await staffAccount(["coordinator", "reviewer"], ["digital-emergency"])).email);

  // The applicant gives a name and a country on the "About you" page, as a browser without JavaScript would.
  const made = await startApplication("digital-emergency");
  ({ id: applicationId, token } = made);
  await applicantRequest("PUT", `/api/v1/applications/${applicationId}/concept-note`, token, {
    fields: { situation: secretNote, need: "Two new phones." },
  });
  await applicantRequest("PUT", `/api/v1/applications/${applicationId}/funding`, token, {
    amount: 2_500,
    annualBudget: 0,
    months: 2,
  });
  const form = await (await applicantPage("/apply/my/about", token)).text();
  const saved = await postForm(
    "/apply/my/about",
    [
      ["_version", versionIn(form)],
      ["name", name],
      ["country", "GT"],
    ],
    { Cookie: `access=${token}` },
  );
  expect(saved.status).toBe(303);
  expect((await applicantRequest("POST", `/api/v1/applications/${applicationId}/submit`, token)).status).toBe(200);

  await staffRequest("POST", `/api/v1/review/applications/${applicationId}/assign`, coordinator.session, {
    reviewerIds: [assigned.user.id, conflictedCoordinator.user.id],
  });
  await staffRequest("POST", `/api/v1/review/applications/${applicationId}/conflict`, conflictedCoordinator.session, {
    conflict: true,
  });
}, 120_000);

describe("the applicant's name or organisation and country, for reviewers' conflict checks", () => {
  it("are asked on an optional 'About you' step and shown on the review step as reviewers will see them", async () => {
    const draft = await startApplication("digital-emergency");
    const overview = await (await applicantPage("/apply/my", draft.token)).text();
    expect(overview).toContain('<a href="/apply/my/about">About you</a>');
    expect((await applicantPage("/apply/my/about", draft.token)).status).toBe(200);
    const review = text(await (await applicantPage("/apply/my/submit", token)).text());
    expect(review).toContain("Name or organisation, as reviewers should know it");
    expect(review).toContain(name);
    expect(review).toContain("Guatemala");
  });

  it("are kept sealed: no stored item holds them in the clear", async () => {
    const stored = JSON.stringify(await everyItem());
    expect(stored).not.toContain(name);
    expect(stored).not.toContain("Raíces");
  });

  it("can be given over the JSON API, optional, and bad values are refused without changing anything", async () => {
    const made = await startApplication("digital-emergency");
    const path = `/api/v1/applications/${made.id}/identity`;
    const put = (body: unknown) => applicantRequest("PUT", path, made.token, body);
    expect(await (await put({ name: "  Red de Defensoras  ", country: "MX" })).json()).toEqual({
      identity: { name: "Red de Defensoras", country: "MX" },
    });
    expect((await put({ country: "XX" })).status).toBe(400);
    expect((await put({ name: "x".repeat(201) })).status).toBe(400);
    const view = (await (await applicantRequest("GET", `/api/v1/applications/${made.id}`, made.token)).json()) as {
      identity?: unknown;
    };
    expect(view.identity).toEqual({ name: "Red de Defensoras", country: "MX" });
    // Both left out: nothing kept.
    expect(await (await put({})).json()).toEqual({});
  });

  it("are shown to the assigned reviewer on the conflict declaration page, with nothing else, and on record", async () => {
    const response = await staffPage(`/staff/applications/${applicationId}`, assigned.session);
    expect(response.status).toBe(403);
    const page = text(await response.text());
    expect(page).toContain(name);
    expect(page).toContain("Guatemala");
    expect(page).not.toContain(secretNote);
    const events = await Audit.list({ application: applicationId });
    expect(events).toContainEqual(expect.objectContaining({ type: "viewed", actor: `user:${assigned.user.id}` }));
  });

  it("fall back to the quiz's country on the declaration page when none was given, said to be from the quiz", async () => {
    const quizOnly = await submitted();
    await staffRequest("POST", `/api/v1/review/applications/${quizOnly.id}/assign`, coordinator.session, {
      reviewerIds: [assigned.user.id],
    });
    const response = await staffPage(`/staff/applications/${quizOnly.id}`, assigned.session);
    expect(response.status).toBe(403);
    const page = text(await response.text());
    expect(page).toContain("Colombia (from the eligibility quiz)");
    // Opened on record, as the identity itself is.
    expect(await Audit.list({ application: quizOnly.id })).toContainEqual(
      expect.objectContaining({ type: "viewed", actor: `user:${assigned.user.id}` }),
    );
  });

  it("come with the eligibility answers for coordinators, on record as their own part; reviewers get neither", async () => {
    const page = await staffPage(`/staff/applications/${applicationId}`, coordinator.session);
    expect(page.status).toBe(200);
    const shown = text(await page.text());
    expect(shown).toContain("Eligibility answers");
    expect(shown).toContain("Colombia");
    expect(await Audit.list({ application: applicationId })).toContainEqual(
      expect.objectContaining({ type: "viewed", actor: `user:${coordinator.user.id}`, part: "eligibility" }),
    );
    const api = await staffRequest("GET", `/api/v1/review/applications/${applicationId}`, coordinator.session);
    expect((await api.json()).eligibility).toMatchObject({ country: "CO" });
    const asReviewer = await staffRequest("GET", `/api/v1/review/applications/${applicationId}`, assigned.session);
    // Undeclared yet: refused, and nothing of the answers in the refusal.
    expect(asReviewer.status).toBe(403);
    expect(await asReviewer.text()).not.toContain("eligibility");
    expect(await Audit.list({ application: applicationId })).not.toContainEqual(
      expect.objectContaining({ actor: `user:${assigned.user.id}`, part: "eligibility" }),
    );
  });

  it("are refused to a reviewer of the call who is not assigned", async () => {
    const response = await staffPage(`/staff/applications/${applicationId}`, unassigned.session);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain(name);
  });

  it("stay out of the reviewer's queue until they declare no conflict, then head it, each one shown on record", async () => {
    const queueRow = async () => {
      const html = await (await staffPage("/staff", assigned.session)).text();
      const headers = [...html.matchAll(/<th scope="col">([^<]*)<\/th>/g)].map((match) => match[1]);
      expect(headers).toEqual(["Name or organisation", "Application", "Call", "Days left", "Your review"]);
      return text(
        [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].find((row) => row[1]!.includes(applicationId.slice(0, 8)))?.[1] ??
          "",
      );
    };
    const queueItem = async () =>
      (
        (await (await staffRequest("GET", "/api/v1/review/queue", assigned.session)).json()) as {
          items: { applicationId: string; name: string | null; daysLeft: number | null }[];
        }
      ).items.find((entry) => entry.applicationId === applicationId)!;
    const viewsBy = async (userId: string) =>
      (await Audit.list({ application: applicationId })).filter(
        (event) => event.type === "viewed" && event.actor === `user:${userId}`,
      );

    // Before declaring: the row says where the review stands, not who applied, and nothing is opened.
    const before = await viewsBy(assigned.user.id);
    const undeclared = await queueRow();
    expect(undeclared).not.toContain(name);
    expect(undeclared).toContain("shown when you open it to declare");
    expect(undeclared).toContain("declare conflicts first");
    expect(undeclared).toMatch(/\d+ days? left/);
    expect((await queueItem()).name).toBeNull();
    expect(await viewsBy(assigned.user.id)).toEqual(before);

    // Declared no conflict: the name heads the row, and showing it is on record, in the next window too.
    const declared = await staffRequest(
      "POST",
      `/api/v1/review/applications/${applicationId}/conflict`,
      assigned.session,
      {
        conflict: false,
      },
    );
    expect(declared.status).toBe(200);
    Clock.advance(Audit.viewWindowMs);
    expect(await queueRow()).toContain(name);
    const item = await queueItem();
    expect(item.name).toBe(name);
    expect(item.daysLeft).toBeGreaterThan(0);
    const after = await viewsBy(assigned.user.id);
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)!.at >= before.at(-1)!.at).toBe(true);
  });

  it("fill the coordinators' list, but not for an application the viewer declared a conflict on", async () => {
    const other = await submitted();
    const list = await (await staffPage("/staff/applications?callId=digital-emergency", coordinator.session)).text();
    const rowOf = (html: string, id: string) =>
      text([...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].find((row) => row[1]!.includes(id.slice(0, 8)))?.[1] ?? "");
    expect(rowOf(list, applicationId)).toContain(`${name} Guatemala`);
    // No "About you": no name, and the country the quiz asked, marked as from the quiz.
    expect(rowOf(list, other.id)).toContain("not given Colombia (from the eligibility quiz)");
    // Each row opened is on record as the coordinator's view of that application.
    for (const id of [applicationId, other.id]) {
      expect(await Audit.list({ application: id })).toContainEqual(
        expect.objectContaining({ type: "viewed", actor: `user:${coordinator.user.id}` }),
      );
    }
    const own = await (
      await staffPage("/staff/applications?callId=digital-emergency", conflictedCoordinator.session)
    ).text();
    expect(rowOf(own, applicationId)).toContain("You declared a conflict of interest");
    expect(own).not.toContain(name);
    // Their own conflict's row opened nothing, so it records nothing.
    expect(await Audit.list({ application: applicationId })).not.toContainEqual(
      expect.objectContaining({ type: "viewed", actor: `user:${conflictedCoordinator.user.id}` }),
    );
  });
});
