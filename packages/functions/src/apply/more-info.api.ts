import * as Application from "@amparo/core/application";
import { createRoute, z } from "@hono/zod-openapi";
import { bearerToken, createArea, type AppContext } from "../shared/app.js";
import { body, IdParam, json, problems } from "../shared/openapi.js";

/**
 * The applicant's answer to a coordinator's question, over the JSON API: saved as a draft while more information
 * is asked for, and sent with the resubmission (`POST /api/v1/applications/{id}/submit`).
 */
const bearer = [{ applicantToken: [] }];

const applicant = (c: AppContext, id: string) => Application.authorize(id, bearerToken(c));

const putAnswer = createRoute({
  method: "put",
  path: "/api/v1/applications/{id}/more-info-answer",
  operationId: "saveMoreInfoAnswer",
  tags: ["Applications"],
  summary: "Saves the answer to the open question (even over its limit) and counts its words",
  description:
    'One field, `answer` (`{"fields": {"answer": "..."}}`), at most 500 words, counted in the application\'s ' +
    "language as the concept note's. The answer is sent with the resubmission, which needs it (422 without " +
    "one); it then shows in `moreInfo.rounds` beside its question, and the next question starts with an empty " +
    "answer. Only while more information is asked for (`more_info`); otherwise 409. An unknown field: 400; a " +
    "field far longer in characters than its limit could need: 422, and nothing is saved.",
  security: bearer,
  request: {
    params: IdParam,
    body: body(z.object(Application.MoreInfoAnswerInput.shape).openapi("MoreInfoAnswer")),
  },
  responses: {
    200: json(z.object(Application.WordReport.shape).openapi("WordReport"), "Saved, with its word count"),
    ...problems(400, 404, 409, 413, 422),
  },
});

/** The applicant's answer to a request for more information over the JSON API. */
export const moreInfoApi = createArea();

moreInfoApi.openapi(putAnswer, async (c) => {
  const application = await applicant(c, c.req.valid("param").id);
  return c.json(await Application.saveMoreInfoAnswer(application, c.req.valid("json")), 200);
});
