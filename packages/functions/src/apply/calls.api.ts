import * as Call from "@amparo/core/call";
import * as Eligibility from "@amparo/core/eligibility";
import { createRoute, z } from "@hono/zod-openapi";
import { createArea } from "../shared/app.js";
import { problems } from "../shared/openapi.js";

const CallId = z.object({
  callId: z.string().openapi({ param: { name: "callId", in: "path" }, example: "digital-emergency" }),
});
const Lang = z.object({ lang: z.enum(["en", "es", "pt"]).optional() });

const listCalls = createRoute({
  method: "get",
  path: "/api/v1/calls",
  tags: ["Calls"],
  summary: "Every call, open ones first",
  request: { query: Lang },
  responses: {
    200: {
      description: "The calls, in the reader's language",
      content: {
        "application/json": {
          schema: z.object({ calls: z.array(z.object(Call.Summary.shape).openapi("CallSummary")) }),
        },
      },
    },
  },
});

const getCall = createRoute({
  method: "get",
  path: "/api/v1/calls/{callId}",
  tags: ["Calls"],
  summary: "One call with its quiz, concept note fields, funding and budget rules, and rubric",
  request: { params: CallId, query: Lang },
  responses: {
    200: {
      description: "The call",
      content: { "application/json": { schema: z.object(Call.Detail.shape).openapi("Call") } },
    },
    ...problems(404),
  },
});

const EligibilityRequest = z
  .object({ answers: Eligibility.Answers.meta({ example: { "applicant-type": "collective", country: "CO" } }) })
  .openapi("EligibilityRequest");
const EligibilityResult = z
  .object({
    eligible: z.boolean(),
    reasons: z.array(z.object({ questionId: z.string(), message: z.string() })),
  })
  .openapi("EligibilityResult");

const checkEligibility = createRoute({
  method: "post",
  path: "/api/v1/calls/{callId}/eligibility",
  tags: ["Calls"],
  summary: "Checks quiz answers; stores nothing about the person",
  request: {
    params: CallId,
    query: Lang,
    body: { required: true, content: { "application/json": { schema: EligibilityRequest } } },
  },
  responses: {
    200: {
      description: "Whether the answers meet the call's rules, and why not",
      content: { "application/json": { schema: EligibilityResult } },
    },
    ...problems(400, 404, 413, 422),
  },
});

/** The public call routes of the JSON API: no sign-in, nothing stored about the reader. */
export const callsApi = createArea();

callsApi.openapi(listCalls, async (c) => {
  const locale = c.get("language");
  const calls = await Call.list();
  return c.json({ calls: calls.map((call) => Call.summarize(call, locale)) }, 200);
});

callsApi.openapi(getCall, async (c) => {
  const call = await Call.get(c.req.valid("param").callId);
  return c.json(Call.describe(call, c.get("language")), 200);
});

callsApi.openapi(checkEligibility, async (c) => {
  const call = await Call.get(c.req.valid("param").callId);
  const result = Eligibility.check(call, c.req.valid("json").answers);
  await Eligibility.count(call.id, result);
  return c.json({ eligible: result.eligible, reasons: Eligibility.reasons(result, c.get("language")) }, 200);
});
