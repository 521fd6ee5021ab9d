import * as Award from "@amparo/core/award";
import { NotFoundError } from "@amparo/core/error";
import * as Review from "@amparo/core/review";
import * as Stage from "@amparo/core/stage";
import { createRoute, z } from "@hono/zod-openapi";
import { body, IdParam, json, problems } from "../shared/openapi.js";
import { bearer, createStaffApi, staff } from "./session.js";

// The award as its coordinators see it: payments with their references.
const AwardSchema = z.object(Award.View.shape).openapi("Grant");

const [bank, intermediary, other] = Award.PaymentMethodInput.options;
const givenAt = { givenAt: z.string() };
const OpenedMethod = z
  .discriminatedUnion("kind", [
    z.object({ ...bank.shape, ...givenAt }),
    z.object({ ...intermediary.shape, ...givenAt }),
    z.object({ ...other.shape, ...givenAt }),
  ])
  .openapi("PaymentMethod");

const recordPayment = createRoute({
  method: "post",
  path: "/api/v1/review/applications/{id}/payments",
  operationId: "recordPayment",
  tags: ["Review"],
  summary: "Records a payment of a grant (coordinators); the first makes it active",
  description:
    "At the `version` read (409 when stale). Only while the grant is `agreed` or `active` and before its final " +
    "payment (409 otherwise). `amount` in whole units of the call's currency, at most what remains of the amount " +
    "approved; `paidOn` (`YYYY-MM-DD`) no later than today; `reference` (the bank's or intermediary's, never " +
    "account details) not empty: 422 naming each field otherwise. The reference is sealed; the applicant is told " +
    "neutrally. With `final: true` no payment can follow, and how the money reaches the grantee is deleted 30 " +
    "days later. An audit event `payment_recorded` (number, final). Not a coordinator of the call: 404.",
  security: bearer,
  request: { params: IdParam, body: body(z.object(Award.PaymentInput.shape).openapi("PaymentInput")) },
  responses: {
    201: json(
      z.object({ stage: Stage.Stage, version: z.number().int(), number: z.number().int() }).openapi("PaymentRecorded"),
      "Recorded",
    ),
    ...problems(400, 401, 403, 404, 409, 422),
  },
});

const getAward = createRoute({
  method: "get",
  path: "/api/v1/review/applications/{id}/award",
  operationId: "getGrant",
  tags: ["Review"],
  summary: "The grant after an approval: agreement, period, reports, payments with references (coordinators)",
  description:
    "For the call's coordinators only: everyone else, reviewers of the application included, gets 404, as does " +
    "an application with no award (not approved, or a call without award settings). Says whether how the money " +
    "reaches the grantee was given, when, and when it is or was deleted, never the details " +
    "(`GET .../payment-method`).",
  security: bearer,
  request: { params: IdParam },
  responses: { 200: json(AwardSchema, "The grant"), ...problems(401, 403, 404) },
});

const openPaymentMethod = createRoute({
  method: "get",
  path: "/api/v1/review/applications/{id}/payment-method",
  operationId: "openPaymentMethod",
  tags: ["Review"],
  summary: "Opens how the money reaches the grantee (coordinators; each opening is recorded)",
  description:
    "As the budget file's download: the session is enough, and each opening is an audit event " +
    "(`payment_method_opened`, listed with who opened what) written before anything is answered. " +
    "`Cache-Control: no-store`. Reviewers and everyone but the call's coordinators: 404; none given, or deleted " +
    "(30 days after the final payment, or at cancellation): 404.",
  security: bearer,
  request: { params: IdParam },
  responses: { 200: json(OpenedMethod, "How the money reaches the grantee"), ...problems(401, 403, 404) },
});

/** The coordinators' side of a grant over the JSON API: payments, the grant, and how the money reaches them. */
export const awardStaffApi = createStaffApi();

awardStaffApi.openapi(recordPayment, async (c) => {
  const { user } = await staff(c, { roles: ["coordinator", "admin"] });
  return c.json(await Award.recordPayment(user, c.req.valid("param").id, c.req.valid("json")), 201);
});

awardStaffApi.openapi(getAward, async (c) => {
  const { user } = await staff(c, { roles: ["reviewer", "coordinator", "admin"] });
  const app = await Review.coordinated(user, c.req.valid("param").id);
  const view = await Award.view(app, { references: true });
  if (!view) throw new NotFoundError("award.none");
  return c.json(view, 200);
});

awardStaffApi.openapi(openPaymentMethod, async (c) => {
  const { user } = await staff(c, { roles: ["reviewer", "coordinator", "admin"] });
  const method = await Award.openPaymentMethod(user, c.req.valid("param").id);
  c.header("Cache-Control", "no-store");
  return c.json(method, 200);
});
