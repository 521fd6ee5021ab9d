// When a second factor is lost or spent: new recovery codes on a fresh code, and an admin's reset of someone's
// TOTP and recovery codes.
import { z } from "zod";
import * as Account from "../account/index.js";
import * as Clock from "../clock/index.js";
import { ConflictError, NotFoundError, StepUpRequiredError } from "../error/index.js";
import * as Outbox from "../outbox/index.js";
import * as Session from "../session/index.js";
import * as User from "../user/index.js";
import * as Recovery from "./recovery.js";
import { stepUp, StepUpCode } from "./step-up.js";

/** Making new recovery codes needs a fresh code (`stepUp`): a stolen session alone cannot. */
export const NewRecoveryCodesInput = z.object({ code: StepUpCode });
export const NewRecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });

/**
 * Replaces the account's recovery codes with new ones, on a fresh code (`stepUp`: a wrong one counts against the
 * session, never towards the account's lock). @returns the new codes, to show once.
 */
export async function newRecoveryCodes(
  session: { user: User.Info; token: string },
  input: z.input<typeof NewRecoveryCodesInput>,
): Promise<string[]> {
  const { code } = NewRecoveryCodesInput.parse(input);
  const { user } = session;
  if (!user.totpSealed) throw new ConflictError("auth.totp_not_started", "error.totp_not_started");
  await stepUp(session, code);
  return Recovery.replace(user.id, `user:${user.id}`);
}

/** How many unused recovery codes the account has. */
export const recoveryCodesLeft = (userId: string) => Recovery.remaining(userId);

/** An admin's reset of someone's second factor names the account's version as last read (409 if it changed). */
export const ResetSecondFactorInput = Account.ActivityInput;

/** An admin resets another member's TOTP, lock state and recovery codes on a fresh code, in one transaction on the
 * account's version with an audit event and emails, then ends their sessions. Not one's own (`OwnSecondFactorError`).
 * @returns the account and how many sessions ended. In full: docs/decisions/second-factor-recovery.md */
export async function resetSecondFactor(
  accountId: string,
  raw: z.input<typeof ResetSecondFactorInput>,
  by: User.Actor,
): Promise<{ account: User.Info; sessionsEnded: number }> {
  const { version } = ResetSecondFactorInput.parse(raw);
  if (accountId === by.id) throw new Account.OwnSecondFactorError();
  const account = await User.fromID(accountId);
  if (!account) throw new NotFoundError("user.not_found");
  if (!by.stepUp) throw new StepUpRequiredError();
  await by.stepUp();
  const removals = await Recovery.removeAll(accountId);
  const at = Clock.iso();
  await Account.writeOnVersion(
    accountId,
    version,
    {
      set: { secondFactorResetAt: at },
      remove: ["totpSealed", "pendingTotpSealed", "totpLastStep", "totpFailures", "totpLockedAt"],
    },
    { type: "second_factor_reset", by: by.id, detail: { recoveryCodes: removals.length }, at },
    [
      ...removals,
      // Named by the version it was made on: one email per reset, however often the request is retried.
      await Outbox.item(`second_factor_reset:${accountId}:${version}`, {
        to: account.email,
        locale: User.localeOf(account),
        body: "mail.staff_second_factor_reset_body",
      }),
      ...(await Account.noticeToAdmins(accountId, `second_factor_reset:${accountId}:${version}`, by.id)),
    ],
  );
  const sessionsEnded = await Session.endAllOf(accountId);
  return { account: (await User.fromID(accountId)) ?? account, sessionsEnded };
}
