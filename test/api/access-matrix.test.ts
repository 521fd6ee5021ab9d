import * as Call from "@amparo/core/call";
import type * as User from "@amparo/core/user";
import { app as staffApp } from "@amparo/functions/staff/index";
import { beforeAll, describe, expect, it } from "vitest";
import { applicantRequest, startApplication, uploadBudget } from "../support/applications.js";
import { pdf } from "../support/files.js";
import { signIn, staffAccount, staffRequest } from "../support/staff.js";

type Actor =
  | "nobody"
  | "applicant"
  | "assigned reviewer"
  | "unassigned reviewer"
  | "conflicted reviewer"
  | "other call's coordinator"
  | "coordinator"
  | "funder"
  | "admin";

const secretText = "Our shelter's address in Cobán is known to the people following us";
let applicationId = "";
const sessions = {} as Record<Actor, string | undefined>;
const users = {} as Record<string, User.Info>;

beforeAll(async () => {
  const emergency = await Call.get("digital-emergency");
  await Call.put({ ...emergency, id: "other-fund" });

  users["assigned"] = await staffAccount(["reviewer"], ["digital-emergency"]);
  users["unassigned"] = await staffAccount(["reviewer"], ["digital-emergency"]);
  users["conflicted"] = await staffAccount(["reviewer"], ["digital-emergency"]);
  users["otherCoordinator"] = await staffAccount(["coordinator"], ["other-fund"]);
  users["coordinator"] = await staffAccount(["coordinator"], ["digital-emergency"]);
  users["funder"] = await staffAccount(["funder"], ["digital-emergency"]);
  users["admin"] = await staffAccount(["admin"], []);

  const { id, token } = await startApplication("digital-emergency");
  applicationId = id;
  await applicantRequest("PUT", `/api/v1/applications/${id}/concept-note`, token, {
    fields: { situation: secretText, need: "A new phone." },
  });
  await applicantRequest("PUT", `/api/v1/applications/${id}/funding`, token, {
    amount: 900,
    annualBudget: 0,
    months: 2,
  });
  await uploadBudget(id, token, pdf(), "application/pdf", "budget.pdf");
  expect((await applicantRequest("POST", `/api/v1/applications/${id}/budget-file/confirm`, token)).status).toBe(200);
  expect((await applicantRequest("POST", `/api/v1/applications/${id}/submit`, token)).status).toBe(200);

  sessions["nobody"] = undefined;
  sessions["applicant"] = token;
  sessions["assigned reviewer"] = (await signIn(users["assigned"].email)).session;
  sessions["unassigned reviewer"] = (await signIn(users["unassigned"].email)).session;
  sessions["conflicted reviewer"] = (await signIn(users["conflicted"].email)).session;
  sessions["other call's coordinator"] = (await signIn(users["otherCoordinator"].email)).session;
  sessions["coordinator"] = (await signIn(users["coordinator"].email)).session;
  sessions["funder"] = (await signIn(users["funder"].email)).session;
  sessions["admin"] = (await signIn(users["admin"].email)).session;

  const assign = await staffRequest("POST", `/api/v1/review/applications/${id}/assign`, sessions["coordinator"], {
    reviewerIds: [users["assigned"].id, users["conflicted"].id],
  });
  expect(assign.status).toBe(200);
  await staffRequest("POST", `/api/v1/review/applications/${id}/conflict`, sessions["assigned reviewer"], {
    conflict: false,
  });
  await staffRequest("POST", `/api/v1/review/applications/${id}/conflict`, sessions["conflicted reviewer"], {
    conflict: true,
    note: "I know the applicant personally",
  });
}, 120_000);

interface Route {
  name: string;
  send: (session: string | undefined) => Response | Promise<Response>;
  expected: Record<Actor, number>;
}

const everyone = (status: number) =>
  Object.fromEntries(
    (
      [
        "nobody",
        "applicant",
        "assigned reviewer",
        "unassigned reviewer",
        "conflicted reviewer",
        "other call's coordinator",
        "coordinator",
        "funder",
        "admin",
      ] as Actor[]
    ).map((actor) => [actor, status]),
  ) as Record<Actor, number>;

const routes = (): Route[] => [
  {
    name: "GET /api/v1/review/queue",
    send: (session) => staffRequest("GET", "/api/v1/review/queue", session),
    expected: {
      ...everyone(403),
      nobody: 401,
      applicant: 401,
      "assigned reviewer": 200,
      "unassigned reviewer": 200,
      "conflicted reviewer": 200,
    },
  },
  {
    name: "GET /api/v1/review/applications?callId=",
    send: (session) => staffRequest("GET", "/api/v1/review/applications?callId=digital-emergency", session),
    expected: { ...everyone(403), nobody: 401, applicant: 401, coordinator: 200, admin: 200 },
  },
  {
    name: "GET /api/v1/review/applications/{id}",
    send: (session) => staffRequest("GET", `/api/v1/review/applications/${applicationId}`, session),
    expected: {
      ...everyone(403),
      nobody: 401,
      applicant: 401,
      "assigned reviewer": 200,
      "unassigned reviewer": 404,
      "other call's coordinator": 404,
      coordinator: 200,
      admin: 200,
    },
  },
  {
    name: "POST /api/v1/review/applications/{id}/conflict",
    send: (session) =>
      staffRequest("POST", `/api/v1/review/applications/${applicationId}/conflict`, session, { conflict: false }),
    expected: {
      ...everyone(403),
      nobody: 401,
      applicant: 401,
      "assigned reviewer": 409,
      "unassigned reviewer": 404,
      "conflicted reviewer": 409,
    },
  },
  {
    name: "PUT /api/v1/review/applications/{id}/score",
    send: (session) =>
      staffRequest("PUT", `/api/v1/review/applications/${applicationId}/score`, session, {
        scores: { urgency: 5, fit: 4, feasibility: 3 },
        recommendation: "fund",
        comment: "Urgent and well argued.",
      }),
    expected: { ...everyone(403), nobody: 401, applicant: 401, "assigned reviewer": 200, "unassigned reviewer": 404 },
  },
  {
    name: "POST /api/v1/review/applications/{id}/assign",
    send: (session) =>
      staffRequest("POST", `/api/v1/review/applications/${applicationId}/assign`, session, {
        reviewerIds: [users["assigned"]!.id],
      }),
    expected: {
      ...everyone(403),
      nobody: 401,
      applicant: 401,
      "other call's coordinator": 404,
      coordinator: 200,
      admin: 200,
    },
  },
  {
    name: "POST /api/v1/review/applications/{id}/transition (stale version)",
    send: (session) =>
      staffRequest("POST", `/api/v1/review/applications/${applicationId}/transition`, session, {
        to: "in_review",
        version: 1,
      }),
    expected: {
      ...everyone(403),
      nobody: 401,
      applicant: 401,
      "other call's coordinator": 404,
      coordinator: 409,
      admin: 409,
    },
  },
  {
    name: "GET /api/v1/review/applications/{id}/budget-file",
    send: (session) => staffRequest("GET", `/api/v1/review/applications/${applicationId}/budget-file`, session),
    expected: {
      ...everyone(403),
      nobody: 401,
      applicant: 401,
      "assigned reviewer": 200,
      "unassigned reviewer": 404,
      "other call's coordinator": 404,
      coordinator: 200,
      admin: 200,
    },
  },
  {
    name: "PUT /api/v1/admin/calls/{id}",
    send: async (session) =>
      staffRequest("PUT", "/api/v1/admin/calls/digital-emergency", session, await Call.get("digital-emergency"), {
        "If-Match": "*",
      }),
    expected: { ...everyone(403), nobody: 401, applicant: 401, admin: 200 },
  },
  {
    name: "POST /api/v1/admin/users",
    send: (session) =>
      staffRequest("POST", "/api/v1/admin/users", session, {
        email: `new-${Math.random().toString(36).slice(2)}@staff.example.org`,
        roles: ["reviewer"],
        callIds: ["digital-emergency"],
      }),
    expected: { ...everyone(403), nobody: 401, applicant: 401, admin: 201 },
  },
  {
    name: "GET /staff/applications/{id} (page)",
    send: (session) =>
      staffApp.request(`/staff/applications/${applicationId}`, {
        headers: session ? { Cookie: `staff_session=${session}` } : {},
      }),
    expected: {
      ...everyone(403),
      nobody: 303,
      applicant: 303,
      "assigned reviewer": 200,
      "unassigned reviewer": 404,
      "other call's coordinator": 404,
      coordinator: 200,
      admin: 200,
    },
  },
  {
    name: "GET /staff/applications/{id}/budget-file (page area)",
    send: (session) =>
      staffApp.request(`/staff/applications/${applicationId}/budget-file`, {
        headers: session ? { Cookie: `staff_session=${session}` } : {},
      }),
    expected: {
      ...everyone(403),
      nobody: 303,
      applicant: 303,
      "assigned reviewer": 200,
      "unassigned reviewer": 404,
      "other call's coordinator": 404,
      coordinator: 200,
      admin: 200,
    },
  },
];

describe("the staff access matrix", () => {
  it("answers every staff route with exactly the expected status for each kind of caller, and leaks no content", async () => {
    const actual: Record<string, Record<string, number>> = {};
    const expected: Record<string, Record<string, number>> = {};
    const leaks: string[] = [];
    for (const route of routes()) {
      actual[route.name] = {};
      expected[route.name] = route.expected;
      for (const actor of Object.keys(route.expected) as Actor[]) {
        const response = await route.send(sessions[actor]);
        actual[route.name]![actor] = response.status;
        const body = await response.text();
        if (response.status !== 200 && body.includes("Cobán")) leaks.push(`${route.name} as ${actor}`);
        if (response.status >= 500) leaks.push(`${route.name} as ${actor}: ${response.status}`);
      }
    }
    expect(actual).toEqual(expected);
    expect(leaks).toEqual([]);
  });

  it("never shows the applicant's contact details to staff", async () => {
    const response = await staffRequest("GET", `/api/v1/review/applications/${applicationId}`, sessions["coordinator"]);
    const view = (await response.json()) as Record<string, unknown>;
    expect(view).not.toHaveProperty("contact");
    expect(JSON.stringify(view)).not.toMatch(/@example\.org/);
  });
});
