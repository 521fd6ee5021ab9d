// The applicant's award pages: the agreement, turning the grant down, and how the money should reach them.
// Each post redirects to the status page, which says what happened; a refusal about the grant's state answers
// 409 with the status page as it stands now.
import * as Application from "@amparo/core/application";
import * as Award from "@amparo/core/award";
import * as Call from "@amparo/core/call";
import { NotFoundError, StageConflictError, VisibleError, type FieldError } from "@amparo/core/error";
import type { MessageKey } from "@amparo/core/i18n";
import { ZodError } from "zod";
import { createArea, type AppContext } from "../shared/app.js";
import { pageErrors, readForm } from "../shared/forms.js";
import { html, pageOf } from "../shared/pages.js";
import { reread, withApplication } from "./application-access.js";
import { paths } from "./application-blocks.js";
import { OverviewPage } from "./application-overview.pages.js";
import { awardPaths, declinable } from "./award-blocks.js";
import { AgreementPage, DeclinePage, methodFields, PaymentMethodPage } from "./award.pages.js";

/** The award's pages, fixed paths under /apply/my: mounted before /apply/:callId, as the other parts are. */
export const awardRoutes = createArea();

/** The status page as it stands now, saying why what was sent changed nothing. */
async function refused(c: AppContext, application: Application.Info, call: Call.Info, key: MessageKey) {
  const now = await reread(c, application);
  const page = pageOf(c);
  const report = Application.wordReport(call, now);
  const award = await Award.view(now);
  return html(c, OverviewPage({ page, call, app: now, report, notice: page.t(key), award }), 409);
}

const isConflict = (error: unknown) => error instanceof VisibleError && error.kind === "conflict";

awardRoutes.get(
  awardPaths.agreement,
  withApplication(async (c, application) => {
    const view = await Award.view(application);
    // Nothing to accept here (not sent yet, answered, or signed outside Amparo): the status page says where it is.
    if (view?.stage !== "agreement_sent" || view.agreement !== "in_amparo") return c.redirect(paths.overview, 303);
    return html(c, AgreementPage({ page: pageOf(c), view }));
  }),
);
awardRoutes.post(
  awardPaths.agreement,
  withApplication(async (c, application, call) => {
    const name = (await readForm(c)).text("name");
    try {
      await Award.answerAgreement(application, { decision: "accept", name });
    } catch (error) {
      if (isConflict(error)) return refused(c, application, call, "award.changed");
      const errors = pageErrors(error, { kinds: ["unprocessable"], schema: true });
      const view = await Award.view(application);
      if (!errors || !view) throw error;
      return html(c, AgreementPage({ page: pageOf(c), view, name, errors }), 422);
    }
    return c.redirect(`${paths.overview}?done=agreed`, 303);
  }),
);

awardRoutes.get(
  awardPaths.decline,
  withApplication(async (c, application) => {
    const view = await Award.view(application);
    if (!view || !declinable(view)) return c.redirect(paths.overview, 303);
    return html(c, DeclinePage({ page: pageOf(c) }));
  }),
);
awardRoutes.post(
  awardPaths.decline,
  withApplication(async (c, application, call) => {
    try {
      await Award.answerAgreement(application, { decision: "decline" });
    } catch (error) {
      if (isConflict(error)) return refused(c, application, call, "award.changed");
      throw error;
    }
    return c.redirect(`${paths.overview}?done=declined_by_applicant`, 303);
  }),
);

/** The award, when how the money reaches the applicant may be given now; else the refusal to answer. */
async function openView(c: AppContext, application: Application.Info, call: Call.Info) {
  const view = await Award.view(application);
  if (!view) return { answer: c.redirect(paths.overview, 303) };
  if (!view.paymentMethod.open) return { answer: await refused(c, application, call, "error.payment_method_closed") };
  return { view };
}

/** The way named in the path, when the call offers it; anything else is not a page. */
function offered(view: Award.AwardView, kind: string): Call.PaymentMethodKind {
  const found = view.paymentMethods.find((item) => item === kind);
  if (!found) throw new NotFoundError("payment_method.kind");
  return found;
}

awardRoutes.get(
  awardPaths.paymentMethod,
  withApplication(async (c, application, call) => {
    const { view, answer } = await openView(c, application, call);
    if (!view) return answer;
    // One way only: nothing to choose.
    const only = view.paymentMethods.length === 1 ? view.paymentMethods[0] : undefined;
    if (only) return c.redirect(`${awardPaths.paymentMethod}/${only}`, 303);
    return html(c, PaymentMethodPage({ page: pageOf(c), view }));
  }),
);
awardRoutes.get(
  `${awardPaths.paymentMethod}/:kind`,
  withApplication(async (c, application, call) => {
    const { view, answer } = await openView(c, application, call);
    if (!view) return answer;
    return html(c, PaymentMethodPage({ page: pageOf(c), view, kind: offered(view, c.req.param("kind") ?? "") }));
  }),
);

/** A schema refusal, field by field: "required" where nothing was typed, else "not valid". */
function methodErrors(error: ZodError, values: Record<string, string>): FieldError[] {
  return error.issues.map((issue) => {
    const path = issue.path.join(".");
    return { path, message: values[path] ? "validation.invalid" : "validation.required" };
  });
}

awardRoutes.post(
  `${awardPaths.paymentMethod}/:kind`,
  withApplication(async (c, application, call) => {
    const { view, answer } = await openView(c, application, call);
    if (!view) return answer;
    const kind = offered(view, c.req.param("kind") ?? "");
    const form = await readForm(c);
    const values = Object.fromEntries(methodFields[kind].map((field) => [field.name, form.text(field.name)]));
    // An optional field left empty is not given at all.
    const given = Object.fromEntries(Object.entries(values).filter(([name, value]) => value || !optional(kind, name)));
    try {
      await Award.givePaymentMethod(application, { kind, ...given });
    } catch (error) {
      if (error instanceof StageConflictError) return refused(c, application, call, "error.payment_method_closed");
      if (isConflict(error)) return refused(c, application, call, "award.changed");
      const errors =
        error instanceof ZodError ? methodErrors(error, values) : pageErrors(error, { kinds: ["unprocessable"] });
      if (!errors) throw error;
      return html(c, PaymentMethodPage({ page: pageOf(c), view, kind, values, errors }), 422);
    }
    return c.redirect(`${paths.overview}?done=payment_method`, 303);
  }),
);

const optional = (kind: Call.PaymentMethodKind, name: string) =>
  methodFields[kind].some((field) => field.name === name && field.optional);
