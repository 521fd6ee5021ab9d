// Step-up: a fresh second-factor code that a security action asks of a signed-in session.
import { z } from "zod";
import { InvalidTotpError, StepUpRequiredError, VisibleError } from "../error/index.js";
import * as Session from "../session/index.js";
import * as User from "../user/index.js";
import * as Recovery from "./recovery.js";
import { acceptCode, sealedSecret } from "./totp.js";

/** Wrong step-up codes from one session that end it. */
export const stepUpFailuresToEnd = 3;

/** A security action's fresh second-factor code: a TOTP code, or an unused recovery code. */
export const StepUpCode = z.string().max(40);

/** A signed-in session ended by too many wrong step-up codes: 401, sign in again. */
export class StepUpEndedError extends VisibleError {
  override readonly name = "StepUpEndedError";
  constructor() {
    super({ kind: "unauthenticated", code: "auth.step_up_ended", message: "error.step_up_ended" });
  }
}

/**
 * Checks a security action's fresh second-factor code, sent by the signed-in `session`: a TOTP code not used
 * before, or an unused recovery code (which is then used up). None: `StepUpRequiredError`. A wrong one is a
 * `InvalidTotpError` and counts against the session, not the account: after `stepUpFailuresToEnd` the session
 * ends (`StepUpEndedError`), so a stolen session can neither guess on for long nor lock the owner's second factor.
 */
export async function stepUp(session: { user: User.Info; token: string }, code: string | undefined): Promise<void> {
  const given = code?.trim() ?? "";
  if (given === "") throw new StepUpRequiredError();
  const user = (await User.fromID(session.user.id)) ?? session.user;
  const secret = await sealedSecret(user, "totpSealed");
  const totp = given.replace(/\s/g, "");
  const accepted =
    secret && /^\d{6}$/.test(totp) ? await acceptCode(user, secret, totp) : await Recovery.use(user.id, given);
  if (accepted) return;
  if (await Session.countStepUpFailure(session.token, stepUpFailuresToEnd)) throw new StepUpEndedError();
  throw new InvalidTotpError();
}

/** The step-up of a signed-in session, for a core change that asks for one only when it needs it. */
export const stepUpWith =
  (session: { user: User.Info; token: string }, code: string | undefined): (() => Promise<void>) =>
  () =>
    stepUp(session, code);
