// The steps between choosing an irreversible grant action and making it: a final payment (after which how the
// money reaches the grantee is deleted 30 days later) and a cancellation (deleted at once). Each repeats what
// will be done, with the same version, so a page gone stale meanwhile is still refused.
import type * as Call from "@amparo/core/call";
import { formatDate, pick } from "@amparo/core/i18n";
import type * as User from "@amparo/core/user";
import { moneyIn } from "../shared/format.js";
import { type PageContext } from "../shared/pages.js";
import { StaffLayout } from "./layout.js";

/** A final payment as the coordinator typed it, checked but not recorded. */
export interface FinalPayment {
  version: number;
  amount: number;
  paidOn: string;
  reference: string;
}

export function FinalPaymentConfirmPage({
  page,
  user,
  call,
  id,
  payment,
}: {
  page: PageContext;
  user: User.Info;
  call: Call.Info;
  id: string;
  payment: FinalPayment;
}) {
  const { t } = page;
  return (
    <StaffLayout page={page} user={user}>
      <span class="tag">{pick(call.title, page.locale)}</span>
      <h1>{t("staff.award.confirm.heading")}</h1>
      <p>{t("staff.app.heading", { id: id.slice(0, 8) })}</p>
      <p>{t("staff.award.confirm.intro")}</p>
      <dl class="confirm">
        <dt>{t("staff.award.col.amount")}</dt>
        <dd>
          <strong>{moneyIn(page, call.funding.currency)(payment.amount)}</strong>
        </dd>
        <dt>{t("staff.award.col.paid_on")}</dt>
        <dd>{formatDate(page.locale, payment.paidOn)}</dd>
        <dt>{t("staff.award.col.reference")}</dt>
        <dd>{payment.reference}</dd>
      </dl>
      <form method="post" action={`/staff/applications/${id}/payments`}>
        <input type="hidden" name="confirm" value="yes" />
        <input type="hidden" name="final" value="yes" />
        <input type="hidden" name="version" value={String(payment.version)} />
        <input type="hidden" name="amount" value={String(payment.amount)} />
        <input type="hidden" name="paidOn" value={payment.paidOn} />
        <input type="hidden" name="reference" value={payment.reference} />
        <p class="actions">
          <button type="submit">{t("staff.award.confirm.submit")}</button>
          <a href={`/staff/applications/${id}#grant`}>{t("staff.confirm.back")}</a>
        </p>
      </form>
    </StaffLayout>
  );
}

/** A cancellation as the coordinator asked for it, checked but not made. */
export interface Cancellation {
  version: number;
  note?: string;
  messageToApplicant?: string;
}

export function CancelConfirmPage({
  page,
  user,
  call,
  id,
  move,
}: {
  page: PageContext;
  user: User.Info;
  call: Call.Info;
  id: string;
  move: Cancellation;
}) {
  const { t } = page;
  return (
    <StaffLayout page={page} user={user}>
      <span class="tag">{pick(call.title, page.locale)}</span>
      <h1>{t("staff.award.cancel.heading")}</h1>
      <p>{t("staff.app.heading", { id: id.slice(0, 8) })}</p>
      <p>{t("staff.award.cancel.intro")}</p>
      <dl class="confirm">
        <dt>{t("staff.confirm.note")}</dt>
        <dd class="prose">{move.note || t("staff.confirm.none")}</dd>
        <dt>{t("staff.confirm.message")}</dt>
        <dd class="prose">{move.messageToApplicant || t("staff.confirm.none")}</dd>
      </dl>
      <form method="post" action={`/staff/applications/${id}/transition`}>
        <input type="hidden" name="confirm" value="yes" />
        <input type="hidden" name="to" value="cancelled" />
        <input type="hidden" name="version" value={String(move.version)} />
        {move.note && <input type="hidden" name="note" value={move.note} />}
        {move.messageToApplicant && <input type="hidden" name="messageToApplicant" value={move.messageToApplicant} />}
        <p class="actions">
          <button type="submit">{t("staff.award.cancel.submit")}</button>
          <a href={`/staff/applications/${id}`}>{t("staff.confirm.back")}</a>
        </p>
      </form>
    </StaffLayout>
  );
}
