import * as Award from "@amparo/core/award";
import * as Call from "@amparo/core/call";
import * as Clock from "@amparo/core/clock";
import { ApplicationChangedError, VisibleError, type FieldError } from "@amparo/core/error";
import { notWholeError, readTypedNumber } from "@amparo/core/form";
import * as Review from "@amparo/core/review";
import * as Stage from "@amparo/core/stage";
import { createArea } from "../shared/app.js";
import { pageErrors, readForm, type ShownOnPage } from "../shared/forms.js";
import { html, pageOf } from "../shared/pages.js";
import { FinalPaymentConfirmPage } from "./award-confirm.pages.js";
import { LedgerPage } from "./award-ledger.pages.js";
import { PaymentMethodPage } from "./award-method.pages.js";
import { paymentFields } from "./award-section.js";
import { renderApplication } from "./review.routes.js";
import { signedIn, staff } from "./session.js";

/** Payment refusals shown on the application's page: bad input, a broken rule, a stale version or a closed grant. */
const shown: ShownOnPage = { kinds: ["input", "unprocessable", "conflict"], schema: true };

/** The core names the payment's fields as the API does; the page's have their own ids (`paymentFields`). */
const onPage = (errors: FieldError[]) =>
  errors.map((error) => ({
    ...error,
    path: paymentFields[error.path as keyof typeof paymentFields] ?? error.path,
  }));

/** The coordinators' side of a grant on pages: recording payments, and opening how the money reaches the grantee. */
export const awardRoutes = createArea();

/**
 * Records a payment at the version read, then back to the application. A final payment goes through a
 * confirmation page first: checked without writing anything (the core's own plan of it), and repeated there.
 */
awardRoutes.post("/staff/applications/:id/payments", async (c) => {
  const { user } = await staff(c, { roles: ["coordinator", "admin"] });
  const { text } = await readForm(c);
  const id = c.req.param("id");
  const final = text("final") === "yes";
  const typed = {
    amount: text("amount"),
    paidOn: text("paidOn"),
    reference: text("reference"),
    final: final ? "yes" : "",
  };
  const read = readTypedNumber(text("amount"));
  if (read.kind !== "whole") {
    const error: FieldError =
      read.kind === "fraction"
        ? notWholeError(paymentFields.amount, read.value)
        : { path: paymentFields.amount, message: "eligibility.expected_number" };
    return renderApplication(c, id, { errors: [error], typed }, 422);
  }
  const input = {
    version: Number(text("version")),
    amount: read.value,
    paidOn: text("paidOn"),
    reference: text("reference"),
    final,
  };
  try {
    if (final && text("confirm") !== "yes") {
      const app = await Review.coordinated(user, id);
      const call = await Call.forApplication(app);
      const paidSoFar = (await Award.view(app))?.paid ?? 0;
      Stage.plan({
        app,
        call,
        actor: { kind: "coordinator", userId: user.id },
        move: { kind: "record_payment", ...Award.PaymentInput.parse(input), paidSoFar },
        now: Clock.now(),
      });
      return html(c, FinalPaymentConfirmPage({ page: pageOf(c), user, call, id, payment: input }));
    }
    await Award.recordPayment(user, id, input);
  } catch (error) {
    if (error instanceof ApplicationChangedError) return renderApplication(c, id, { changed: true }, 409);
    const errors = pageErrors(error, shown);
    if (!errors) throw error;
    const status = error instanceof VisibleError && error.kind === "conflict" ? 409 : 422;
    return renderApplication(c, id, { errors: onPage(errors), typed }, status);
  }
  return c.redirect(`/staff/applications/${id}#grant`, 303);
});

/**
 * Opens how the money reaches the grantee: only to a POST (each opening is recorded before anything is
 * shown), never cached. A reviewer, or a method never given or deleted: 404.
 */
awardRoutes.post("/staff/applications/:id/payment-method", async (c) => {
  const { user } = await staff(c, { roles: ["reviewer", "coordinator", "admin"] });
  const id = c.req.param("id");
  const app = await Review.coordinated(user, id);
  const method = await Award.openPaymentMethod(user, id);
  const call = await Call.forApplication(app);
  c.header("Cache-Control", "no-store");
  return html(c, PaymentMethodPage({ page: pageOf(c), user, call, id, method }));
});

/** A call's payment ledger, for its coordinators (anyone else: 403); without a call, the calls to choose from. */
awardRoutes.get("/staff/ledger", async (c) => {
  const session = await signedIn(c);
  if ("redirect" in session) return c.redirect(session.redirect, 303);
  if (!c.req.query("callId")) return c.redirect("/staff", 303);
  const call = await Call.get(c.req.query("callId") ?? "");
  const ledger = await Award.callLedger(session.user, call.id);
  return html(c, LedgerPage({ page: pageOf(c), user: session.user, call, ledger }));
});
