// Signing in: a sign-in link's token, and a TOTP code (or a recovery code) once the account is enrolled.
import { z } from "zod";
import * as Clock from "../clock/index.js";
import * as Dynamo from "../dynamo/index.js";
import { UnauthenticatedError } from "../error/index.js";
import * as Session from "../session/index.js";
import * as User from "../user/index.js";
import * as Recovery from "./recovery.js";
import { linkKey } from "./sign-in-link.js";
import { acceptCode, sealedSecret } from "./totp.js";

/** Wrong TOTP codes in a row that lock the second factor until a link asked for after the lock is used. */
export const totpFailuresToLock = 5;

const { tokenPattern } = Session;

/**
 * Signing in with a link's token, and a TOTP code once enrolled, or instead of the code one of the account's
 * recovery codes (used only when no TOTP code is given).
 */
export const VerifyInput = z.object({
  token: z.string().max(200),
  totp: z.string().max(20).optional(),
  recoveryCode: z.string().max(40).optional(),
});

export const TotpState = z.enum(["not_required", "required", "enrolled"]);
export type TotpState = z.infer<typeof TotpState>;

/** What signing in answers: the session, who it is for, and where they stand with the second factor. */
export const SignedIn = z.object({
  session: z.string(),
  user: User.PublicInfo,
  totp: TotpState,
  /** Present when a recovery code signed in: how many unused codes the account has left. */
  recoveryCodesLeft: z.number().int().min(0).optional(),
});

/**
 * Signs in with a link's token, which works once and for `linkMinutes`. An enrolled account must also give a
 * valid TOTP code; staff who have not enrolled get a session that can only enrol. Anything wrong is the same
 * 401, and uses the link up. After `totpFailuresToLock` wrong codes in a row the second factor is locked: only a
 * link asked for after the lock (which reaches the account's own inbox) opens it again, and it still needs a
 * valid code.
 */
export async function verify(raw: z.input<typeof VerifyInput>): Promise<{
  session: string;
  user: User.Info;
  totp: TotpState;
  scope: Session.Scope;
  /** Set when a recovery code stood in for the TOTP code: how many the account has left. */
  recoveryCodesLeft?: number;
}> {
  const input = VerifyInput.parse(raw);
  if (!tokenPattern.test(input.token)) throw new UnauthenticatedError("auth.link_invalid");
  const now = Clock.now();
  let userId: unknown;
  let requestedAt: unknown;
  try {
    const used = await Dynamo.remove(
      linkKey(input.token),
      Dynamo.when.all(
        Dynamo.when.exists(Dynamo.keys.partition),
        Dynamo.when.greaterThan("validUntil", now.toISOString()),
      ),
    );
    userId = used?.["userId"];
    requestedAt = used?.["requestedAt"];
  } catch (error) {
    if (Dynamo.isConditionFailure(error)) throw new UnauthenticatedError("auth.link_invalid");
    throw error;
  }
  const user = typeof userId === "string" ? await User.fromID(userId) : undefined;
  // A link sent before the account was deactivated fails like any invalid link.
  if (!user || !User.isActive(user)) throw new UnauthenticatedError("auth.link_invalid");

  const secret = await sealedSecret(user, "totpSealed");
  if (secret) {
    if (user.totpLockedAt) {
      if (typeof requestedAt !== "string" || requestedAt <= user.totpLockedAt) {
        throw new UnauthenticatedError("auth.totp_locked");
      }
      await User.unlockTotp(user.id, user.totpLockedAt);
    }
    // A recovery code counts against the same limit as a TOTP code: the lock above, the count below.
    const byRecovery = !input.totp && input.recoveryCode !== undefined;
    const accepted = byRecovery
      ? await Recovery.use(user.id, input.recoveryCode!)
      : await acceptCode(user, secret, input.totp);
    if (!accepted) {
      await User.countTotpFailure(user.id, totpFailuresToLock, now);
      throw new UnauthenticatedError("auth.totp_invalid");
    }
    const session = await Session.start(user, "full");
    return {
      session,
      user,
      totp: "enrolled",
      scope: "full",
      ...(byRecovery ? { recoveryCodesLeft: await Recovery.remaining(user.id) } : {}),
    };
  }
  if (User.needsTotp(user)) {
    return { session: await Session.start(user, "enrol"), user, totp: "required", scope: "enrol" };
  }
  return { session: await Session.start(user, "full"), user, totp: "not_required", scope: "full" };
}
