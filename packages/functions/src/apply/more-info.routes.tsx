// The applicant's page for answering a request for more information: the question and its answer box, saved as
// a draft like any part's text and sent with the resubmission (the review page's button).
import * as Application from "@amparo/core/application";
import { createArea } from "../shared/app.js";
import { readForm, single } from "../shared/forms.js";
import { html, pageOf } from "../shared/pages.js";
import { fieldErrors, openedEarlier, reread, stateRefusal, withApplication } from "./application-access.js";
import { paths } from "./application-blocks.js";
import { MoreInfoPage } from "./application-more-info.pages.js";

/** The answer's page, a fixed path under /apply/my: mounted before /apply/:callId, as the other parts are. */
export const moreInfoRoutes = createArea();

const part = Application.moreInfoAnswerPart;

moreInfoRoutes.get(
  paths.moreInfo,
  withApplication(async (c, application, call) =>
    html(
      c,
      MoreInfoPage({
        page: pageOf(c),
        call,
        app: application,
        report: Application.answerWordReport(call, application),
        saved: c.req.query("saved") === "1",
      }),
    ),
  ),
);

moreInfoRoutes.post(
  paths.moreInfo,
  withApplication(async (c, application, call) => {
    const ids = part.fields(call).map((field) => field.id);
    const form = await readForm(c);
    const values = form.values(ids);
    const fields = Object.fromEntries(ids.map((id) => [id, single(values[id])]));
    const refused = async (why: "changed" | "locked") => {
      const now = await reread(c, application);
      const report = Application.answerWordReport(call, now);
      const page = MoreInfoPage({
        page: pageOf(c),
        call,
        app: now,
        report,
        changed: why === "changed",
        unsaved: fields,
      });
      return html(c, page, 409);
    };
    if (!Application.openQuestion(application)) return refused("locked");
    if (openedEarlier(form, application)) return refused("changed");
    try {
      await Application.saveMoreInfoAnswer(application, { fields });
    } catch (error) {
      const why = stateRefusal(error);
      if (why) return refused(why);
      const problems = fieldErrors(error);
      if (!problems) throw error;
      // Nothing was saved: show the answer as sent, counted afresh, so the applicant can shorten it.
      const sent: Application.Info = {
        ...application,
        parts: { ...application.parts, [part.name]: { texts: fields, files: {}, pending: {} } },
      };
      const counted = Application.answerWordReport(call, sent);
      return html(c, MoreInfoPage({ page: pageOf(c), call, app: sent, report: counted, problems }), 422);
    }
    // Post/redirect/get: the page says it is saved, and a reload does not send the answer again.
    return c.redirect(`${paths.moreInfo}?saved=1`, 303);
  }),
);
