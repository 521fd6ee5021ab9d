import * as Call from "@amparo/core/call";
import { beforeAll, describe, expect, it } from "vitest";
import { applicantRequest, grantAnswers, startApplication } from "../support/applications.js";
import { postJson } from "../support/http.js";

/** The annual budget in `PUT .../funding`: required, as a 422, only by a call whose rules read it. */

/** The grant call's ratio rule without its quiz question: the funding request itself must give the budget. */
const RATIO = "ratio-fund-api";

type Problem = { status: number; errors?: { path: string; message: string }[] };

beforeAll(async () => {
  const grant = await Call.get("concept-notes-2026");
  const { annualBudgetQuestion: _asked, ...funding } = grant.funding;
  await Call.put({ ...grant, id: RATIO, funding });
});

describe("the annual budget in a funding request", () => {
  it("may be left out where no rule needs it: the emergency fund keeps the request without one", async () => {
    const { id, token } = await startApplication("digital-emergency");
    const path = `/api/v1/applications/${id}/funding`;
    expect((await applicantRequest("PUT", path, token, { amount: 2_500, months: 3 })).status).toBe(200);
    const back = (await (await applicantRequest("GET", `/api/v1/applications/${id}`, token)).json()) as {
      funding: unknown;
    };
    expect(back.funding).toEqual({ amount: 2_500, months: 3 });
    // A client that still sends one is not refused.
    expect((await applicantRequest("PUT", path, token, { amount: 2_500, annualBudget: 0, months: 3 })).status).toBe(
      200,
    );
  });

  it("is taken from the quiz where the call asked it there", async () => {
    const { id, token } = await startApplication("concept-notes-2026");
    const path = `/api/v1/applications/${id}/funding`;
    expect((await applicantRequest("PUT", path, token, { amount: 20_000, months: 12 })).status).toBe(200);
  });

  it("is required, as a 422 naming it, where a rule needs it and the quiz did not ask it", async () => {
    const created = await postJson("/api/v1/applications", {
      callId: RATIO,
      language: "es",
      eligibility: { answers: grantAnswers },
    });
    const { id, token } = (await created.json()) as { id: string; token: string };
    const path = `/api/v1/applications/${id}/funding`;
    const missing = await applicantRequest("PUT", path, token, { amount: 20_000, months: 12 });
    expect(missing.status).toBe(422);
    expect(((await missing.json()) as Problem).errors).toEqual([
      { path: "annualBudget", message: "Write your current annual budget." },
    ]);
    const stored = (await (await applicantRequest("GET", `/api/v1/applications/${id}`, token)).json()) as object;
    expect(stored).not.toHaveProperty("funding");

    const given = await applicantRequest("PUT", path, token, { amount: 20_000, annualBudget: 10_000, months: 12 });
    expect(given.status).toBe(200);
  });
});
