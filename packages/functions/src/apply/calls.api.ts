import * as Call from "@amparo/core/call";
import * as Eligibility from "@amparo/core/eligibility";
import { createRoute, z } from "@hono/zod-openapi";
import { createArea } from "../shared/app.js";
import { body, json, problems } from "../shared/openapi.js";

const CallId = z.object({
  callId: z.string().openapi({ param: { name: "callId", in: "path" }, example: "digital-emergency" }),
});
const Lang = z.object({ lang: z.enum(["en", "es", "pt"]).optional() });

const listCalls = createRoute({
  method: "get",
  path: "/api/v1/calls",
  operationId: "listCalls",
  tags: ["Calls"],
  summary: "Every call, open ones first",
  description: "Titles and summaries come in the reader's language (`?lang=` or `Accept-Language`: en, es, pt).",
  request: { query: Lang },
  responses: {
    200: json(
      z.object({ calls: z.array(z.object(Call.Summary.shape).openapi("CallSummary")) }),
      "The calls, in the reader's language",
    ),
  },
});

const getCall = createRoute({
  method: "get",
  path: "/api/v1/calls/{callId}",
  operationId: "getCall",
  tags: ["Calls"],
  summary: "One call with its quiz, concept note fields, funding and budget rules, and rubric",
  description: "Everything an applicant (or a client building a form) needs to apply, in the reader's language.",
  request: { params: CallId, query: Lang },
  responses: {
    200: json(z.object(Call.Detail.shape).openapi("Call"), "The call"),
    ...problems(404),
  },
});

const checkEligibility = createRoute({
  method: "post",
  path: "/api/v1/calls/{callId}/eligibility",
  operationId: "checkEligibility",
  tags: ["Calls"],
  summary: "Checks quiz answers; stores nothing about the person",
  description:
    "Every reason the answers fall short, at once. An unknown question or a wrongly typed answer is a 400, a " +
    "missing required answer a 422. Only an anonymous counter of which rule failed is kept.",
  request: {
    params: CallId,
    query: Lang,
    body: body(
      z
        .object(Eligibility.CheckInput.shape)
        .openapi("EligibilityRequest", { example: { answers: { "applicant-type": "collective", country: "CO" } } }),
    ),
  },
  responses: {
    200: json(
      z.object(Eligibility.Outcome.shape).openapi("EligibilityResult"),
      "Whether the answers meet the call's rules, and why not",
    ),
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
