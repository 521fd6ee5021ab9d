import type * as Call from "@amparo/core/call";
import { pick } from "@amparo/core/i18n";
import type * as User from "@amparo/core/user";
import { moneyIn } from "../shared/format.js";
import { type PageContext } from "../shared/pages.js";
import { StaffLayout } from "./layout.js";

/** A decision as the coordinator asked for it, before it is confirmed. */
export interface DecisionInput {
  to: "approved" | "declined";
  version: number;
  note?: string;
  amount?: number;
  messageToApplicant?: string;
}

/**
 * The step between choosing a decision and making it: the outcome, the amount and the words that go with it,
 * repeated, with a button that makes it (the same version, so a page gone stale is still refused) and a way back.
 */
export function ConfirmPage({
  page,
  user,
  call,
  id,
  decision,
}: {
  page: PageContext;
  user: User.Info;
  call: Call.Info;
  id: string;
  decision: DecisionInput;
}) {
  const { t } = page;
  const money = moneyIn(page, call.funding.currency);
  return (
    <StaffLayout page={page} user={user}>
      <span class="tag">{pick(call.title, page.locale)}</span>
      <h1>{t("staff.confirm.heading")}</h1>
      <p>{t("staff.app.heading", { id: id.slice(0, 8) })}</p>
      <p>{t("staff.confirm.intro")}</p>
      <dl class="confirm">
        <dt>{t("staff.confirm.outcome")}</dt>
        <dd>
          <strong>{t(`staff.stage.${decision.to}`)}</strong>
        </dd>
        {decision.to === "approved" && (
          <>
            <dt>{t("staff.confirm.amount")}</dt>
            <dd>
              <strong>{decision.amount === undefined ? "—" : money(decision.amount)}</strong>
            </dd>
          </>
        )}
        <dt>{t("staff.confirm.note")}</dt>
        <dd class="prose">{decision.note || t("staff.confirm.none")}</dd>
        <dt>{t("staff.confirm.message")}</dt>
        <dd class="prose">{decision.messageToApplicant || t("staff.confirm.none")}</dd>
      </dl>
      <form method="post" action={`/staff/applications/${id}/transition`}>
        <input type="hidden" name="confirm" value="yes" />
        <input type="hidden" name="to" value={decision.to} />
        <input type="hidden" name="version" value={String(decision.version)} />
        {decision.note && <input type="hidden" name="note" value={decision.note} />}
        {decision.amount !== undefined && <input type="hidden" name="amount" value={String(decision.amount)} />}
        {decision.messageToApplicant && (
          <input type="hidden" name="messageToApplicant" value={decision.messageToApplicant} />
        )}
        <p class="actions">
          <button type="submit">{t("staff.confirm.submit")}</button>
          <a href={`/staff/applications/${id}`}>{t("staff.confirm.back")}</a>
        </p>
      </form>
    </StaffLayout>
  );
}
