import * as Contact from "@amparo/core/contact";
import { createRoute, z } from "@hono/zod-openapi";
import { createArea } from "../shared/app.js";
import { body, json, problems } from "../shared/openapi.js";

const confirmContact = createRoute({
  method: "post",
  path: "/api/v1/contact/confirm",
  operationId: "confirmContact",
  tags: ["Applications"],
  summary: "Confirms an applicant's contact address, from the link its one confirmation email holds",
  description:
    "An address given as an application's contact receives one neutral email with a link to " +
    "`/apply/contact?token=...` (a page with one button that posts here), at most one in 30 days whatever the " +
    "number of applications naming it, and nothing else until it is confirmed. The link works for 30 days and " +
    "may be used again; an unknown or expired token is a 404. Emails to one applicant address are also limited " +
    "per day (setting `LIMIT_APPLICANT_MAIL_PER_DAY`), across every application naming it.",
  request: { body: body(z.object(Contact.ConfirmInput.shape).openapi("ContactConfirmation")) },
  responses: {
    200: json(z.object(Contact.Confirmed.shape).openapi("ContactConfirmed"), "The address is confirmed"),
    ...problems(400, 404),
  },
});

/** Confirming an applicant's contact address: the link in the one email an unconfirmed address receives. */
export const contactApi = createArea();

contactApi.openapi(confirmContact, async (c) => {
  await Contact.confirm(c.req.valid("json").token);
  return c.json({ confirmed: true as const }, 200);
});
