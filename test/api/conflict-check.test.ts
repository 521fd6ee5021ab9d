import * as Audit from "@amparo/core/audit";
import type * as User from "@amparo/core/user";
import { app as staffApp } from "@amparo/functions/staff/index";
import { beforeAll, describe, expect, it } from "vitest";
import { applicantRequest, startApplication } from "../support/applications.js";
import { signIn, staffAccount, staffRequest } from "../support/staff.js";

/**
 * Before declaring, an assigned reviewer gets over the JSON API exactly what the declaration page
 * shows them (the call, and the name or organisation and country the applicant gave) and nothing of the content;
 * after declaring a conflict, not even that.
 */

const name = "Red de Comunicadoras del Petén";
const secretNote = "Our lawyer keeps the files at her sister's house";

type Staff = { session: string; user: User.Info };
let reviewer: Staff;
let conflicted: Staff;
let unassigned: Staff;
let coordinator: Staff;
let applicationId = "";

const checkPath = (id: string) => `/api/v1/review/applications/${id}/conflict`;
const staffPage = (path: string, session: string) =>
  staffApp.request(path, { headers: { Cookie: `staff_session=${session}` } });

beforeAll(async () => {
  reviewer = await signIn((await staffAccount(["reviewer"], ["digital-emergency"])).email);
  conflicted = await signIn((await staffAccount(["reviewer"], ["digital-emergency"])).email);
  unassigned = await signIn((await staffAccount(["reviewer"], ["digital-emergency"])).email);
  coordinator = await signIn((await staffAccount(["coordinator"], ["digital-emergency"])).email);

  const made = await startApplication("digital-emergency");
  applicationId = made.id;
  await applicantRequest("PUT", `/api/v1/applications/${made.id}/concept-note`, made.token, {
    fields: { situation: secretNote, need: "A safe laptop." },
  });
  await applicantRequest("PUT", `/api/v1/applications/${made.id}/funding`, made.token, {
    amount: 1_800,
    annualBudget: 0,
    months: 2,
  });
  await applicantRequest("PUT", `/api/v1/applications/${made.id}/identity`, made.token, { name, country: "GT" });
  expect((await applicantRequest("POST", `/api/v1/applications/${made.id}/submit`, made.token)).status).toBe(200);
  const assigned = await staffRequest("POST", `/api/v1/review/applications/${made.id}/assign`, coordinator.session, {
    reviewerIds: [reviewer.user.id, conflicted.user.id],
  });
  expect(assigned.status).toBe(200);
}, 120_000);

describe("what an assigned reviewer gets over the API before declaring a conflict of interest", () => {
  it("is the call and the identity the applicant gave, as on the declaration page, on record, and no content", async () => {
    const response = await staffRequest("GET", checkPath(applicationId), reviewer.session);
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(JSON.parse(body)).toEqual({
      applicationId,
      callId: "digital-emergency",
      identity: { name, country: "GT" },
    });
    expect(body).not.toContain(secretNote);
    expect(body).not.toContain("1800");
    const events = await Audit.list({ application: applicationId });
    expect(events).toContainEqual(expect.objectContaining({ type: "viewed", actor: `user:${reviewer.user.id}` }));

    // The page shows the same: the call's title and the same name and country.
    const page = await (await staffPage(`/staff/applications/${applicationId}`, reviewer.session)).text();
    expect(page).toContain("Emergency fund for digital attacks");
    expect(page).toContain(applicationId.slice(0, 8));
    expect(page).toContain(name);
    expect(page).toContain("Guatemala");
  });

  it("is all: the content, the file and the scores stay closed until the declaration", async () => {
    for (const path of [
      `/api/v1/review/applications/${applicationId}`,
      `/api/v1/review/applications/${applicationId}/budget-file`,
    ]) {
      const response = await staffRequest("GET", path, reviewer.session);
      expect(response.status).toBe(403);
      expect(await response.text()).not.toContain(secretNote);
    }
  });

  it("is refused to a reviewer not assigned (404) and to a coordinator, who reads the application instead (403)", async () => {
    const stranger = await staffRequest("GET", checkPath(applicationId), unassigned.session);
    expect(stranger.status).toBe(404);
    expect(await stranger.text()).not.toContain(name);
    expect((await staffRequest("GET", checkPath(applicationId), coordinator.session)).status).toBe(403);
  });

  it("is no longer given after declaring a conflict: not the name, not the country, nowhere", async () => {
    const declared = await staffRequest("POST", checkPath(applicationId), conflicted.session, { conflict: true });
    expect(declared.status).toBe(200);
    const check = await staffRequest("GET", checkPath(applicationId), conflicted.session);
    expect(check.status).toBe(403);
    const view = await staffRequest("GET", `/api/v1/review/applications/${applicationId}`, conflicted.session);
    expect(view.status).toBe(403);
    const queue = await staffRequest("GET", "/api/v1/review/queue", conflicted.session);
    for (const body of [await check.text(), await view.text(), await queue.text()]) {
      expect(body).not.toContain(name);
      expect(body).not.toContain('"GT"');
    }
    const page = await (await staffPage(`/staff/applications/${applicationId}`, conflicted.session)).text();
    expect(page).not.toContain(name);
    expect(page).not.toContain("Guatemala");
  });

  it("is a 409 after declaring no conflict: the reviewer reads the application itself from then on", async () => {
    const other = await signIn((await staffAccount(["reviewer"], ["digital-emergency"])).email);
    await staffRequest("POST", `/api/v1/review/applications/${applicationId}/assign`, coordinator.session, {
      reviewerIds: [other.user.id],
    });
    expect((await staffRequest("POST", checkPath(applicationId), other.session, { conflict: false })).status).toBe(200);
    expect((await staffRequest("GET", checkPath(applicationId), other.session)).status).toBe(409);
    expect((await staffRequest("GET", `/api/v1/review/applications/${applicationId}`, other.session)).status).toBe(200);
  });
});
