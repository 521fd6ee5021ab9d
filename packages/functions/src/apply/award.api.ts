import * as Application from "@amparo/core/application";
import * as Award from "@amparo/core/award";
import { NotFoundError } from "@amparo/core/error";
import * as Stage from "@amparo/core/stage";
import { createRoute, z } from "@hono/zod-openapi";
import { bearerToken, createArea, type AppContext } from "../shared/app.js";
import { body, IdParam, json, problems } from "../shared/openapi.js";

/**
 * The applicant's side of an award over the JSON API: what was granted and paid, the answer to the agreement, and
 * how the money should reach them (given, never read back).
 */
const bearer = [{ applicantToken: [] }];

const applicant = (c: AppContext, id: string) => Application.authorize(id, bearerToken(c));

// The award as `Award.view` gives it to an applicant: payments carry no reference, the method only its dates.
const AwardView = z
  .object({ ...Award.View.shape, payments: z.array(z.object(Award.Payment.omit({ reference: true }).shape)) })
  .openapi("Award");

// The bodies are the core's unions, remade from their members' shapes so that the description can name them.
const [accept, decline] = Award.AgreementAnswer.options;
const AgreementAnswer = z
  .discriminatedUnion("decision", [z.object(accept.shape), z.object(decline.shape)])
  .openapi("AgreementAnswer");
const [bank, intermediary, other] = Award.PaymentMethodInput.options;
const PaymentMethodInput = z
  .discriminatedUnion("kind", [z.object(bank.shape), z.object(intermediary.shape), z.object(other.shape)])
  .openapi("PaymentMethodInput");

const getAward = createRoute({
  method: "get",
  path: "/api/v1/applications/{id}/award",
  operationId: "getAward",
  tags: ["Applications"],
  summary: "The grant: amount, period, reports due, payments sent, and where the payment method stands",
  description:
    "Once the application is approved, in a call with award settings; 404 before. Reports have a due date once " +
    "the agreement is accepted (else `dueDays` after it). Payments carry no reference, and the payment method " +
    "only when it was given and when it is (or was) deleted: what was given is never returned.",
  security: bearer,
  request: { params: IdParam },
  responses: { 200: json(AwardView, "The grant"), ...problems(404) },
});

const answerAgreement = createRoute({
  method: "post",
  path: "/api/v1/applications/{id}/agreement",
  operationId: "answerAgreement",
  tags: ["Applications"],
  summary: "Accepts the grant agreement by typing a full name, or turns the grant down",
  description:
    'Accept (`{"decision": "accept", "name": "..."}`) while the agreement is sent and signed in Amparo; an ' +
    'empty name is a 422 naming `name`. Decline (`{"decision": "decline"}`) from `approved` or ' +
    "`agreement_sent`; it cannot be undone. The same answer again answers the same; any other move the " +
    "stage does not allow, or an agreement signed outside Amparo, is a 409.",
  security: bearer,
  request: { params: IdParam, body: body(AgreementAnswer) },
  responses: {
    200: json(z.object({ stage: Stage.Stage }).openapi("AgreementAnswered"), "Answered"),
    ...problems(400, 404, 409, 422),
  },
});

const putPaymentMethod = createRoute({
  method: "put",
  path: "/api/v1/applications/{id}/payment-method",
  operationId: "givePaymentMethod",
  tags: ["Applications"],
  summary: "Gives (or replaces) how the money should reach the applicant; never returned",
  description:
    "One of the ways the call offers (`paymentMethods` of the award; another is a 422), once the agreement is " +
    "accepted and until the final payment (409 outside that). Sealed, readable only by the call's coordinators " +
    "(each reading recorded), never emailed, and deleted 30 days after the final payment. There is no way to " +
    "read it back: a replacement is sent whole.",
  security: bearer,
  request: { params: IdParam, body: body(PaymentMethodInput) },
  responses: {
    200: json(z.object({ givenAt: z.string(), version: z.number().int() }).openapi("PaymentMethodGiven"), "Given"),
    ...problems(400, 404, 409, 422),
  },
});

/** The applicant's award over the JSON API. */
export const awardApi = createArea();

awardApi.openapi(getAward, async (c) => {
  const application = await applicant(c, c.req.valid("param").id);
  const view = await Award.view(application);
  if (!view) throw new NotFoundError("award.none");
  // Only what the description lists: never a reference, whatever the view holds.
  const payments = view.payments.map(({ reference: _reference, ...payment }) => payment);
  return c.json({ ...view, payments }, 200);
});

awardApi.openapi(answerAgreement, async (c) => {
  const application = await applicant(c, c.req.valid("param").id);
  return c.json(await Award.answerAgreement(application, c.req.valid("json")), 200);
});

awardApi.openapi(putPaymentMethod, async (c) => {
  const application = await applicant(c, c.req.valid("param").id);
  return c.json(await Award.givePaymentMethod(application, c.req.valid("json")), 200);
});
