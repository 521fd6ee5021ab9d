import * as Auth from "@amparo/core/auth";
import { InvalidTotpError, StepUpRequiredError } from "@amparo/core/error";
import { t } from "@amparo/core/i18n";
import * as Session from "@amparo/core/session";
import { createArea, showsSecret, type AppContext } from "../shared/app.js";
import { readForm } from "../shared/forms.js";
import { html, pageOf } from "../shared/pages.js";
import { staff } from "./session.js";
import { RecoveryCodesPage, SessionsPage } from "./sessions.pages.js";

/** The staff member's own sessions and recovery codes: any full session, for its own account only. */
export const sessionRoutes = createArea();

async function renderSessions(
  c: AppContext,
  extra: { notice?: string; error?: string } = {},
  status: 200 | 401 | 403 | 422 = 200,
) {
  const { user, token } = await staff(c);
  const [sessions, codesLeft] = await Promise.all([Session.list(user.id, token), Auth.recoveryCodesLeft(user.id)]);
  return html(c, SessionsPage({ page: pageOf(c), user, sessions, codesLeft, ...extra }), status);
}

sessionRoutes.get("/staff/sessions", (c) => {
  const notice = c.req.query("signed-in") === "recovery-code" ? t(c.get("language"), "staff.recovery.used") : undefined;
  return renderSessions(c, notice ? { notice } : {});
});

// Each answer is a page of its own (not a redirect), so the notice needs no query string and a reload of it
// only asks to post again, which ends nothing twice.
sessionRoutes.post("/staff/sessions/end", async (c) => {
  const { user } = await staff(c);
  const { text } = await readForm(c);
  const ended = await Session.endById(user, text("session"));
  return renderSessions(c, { notice: t(c.get("language"), ended ? "staff.sessions.ended" : "staff.sessions.gone") });
});

sessionRoutes.post("/staff/sessions/end-others", async (c) => {
  const { user, token } = await staff(c);
  const ended = await Session.endOthers(user, token);
  const page = pageOf(c);
  return renderSessions(c, {
    notice: ended > 0 ? page.plural("staff.sessions.ended_others", ended) : page.t("staff.sessions.none_ended"),
  });
});

sessionRoutes.post("/staff/recovery-codes", async (c) => {
  const session = await staff(c);
  const { text } = await readForm(c);
  try {
    const codes = await Auth.newRecoveryCodes(session, { code: text("code") });
    showsSecret(c);
    return html(c, RecoveryCodesPage({ page: pageOf(c), user: session.user, codes }));
  } catch (error) {
    if (error instanceof StepUpRequiredError) {
      return renderSessions(c, { error: t(c.get("language"), "error.step_up_required") }, 403);
    }
    if (!(error instanceof InvalidTotpError)) throw error;
    return renderSessions(c, { error: t(c.get("language"), "error.totp_invalid") }, 422);
  }
});
