// TOTP, the second factor: enrolment with a new secret, its confirmation, and checking a code once.
import * as OTPAuth from "otpauth";
// The QR code's model and its SVG renderer alone: the package's entry also loads its PNG, terminal and UTF-8
// renderers (pngjs among them), which every function that bundles this module would carry for nothing.
import { create as createQrCode } from "qrcode/lib/core/qrcode.js";
import { render as renderQrSvg } from "qrcode/lib/renderer/svg-tag.js";
import { z } from "zod";
import * as Clock from "../clock/index.js";
import * as Crypto from "../crypto/index.js";
import * as Dynamo from "../dynamo/index.js";
import { ConflictError, InvalidTotpError } from "../error/index.js";
import * as Session from "../session/index.js";
import * as User from "../user/index.js";
import { parseStored } from "../util/stored.js";
import * as Recovery from "./recovery.js";

/** A new TOTP secret, as text, as an otpauth URI and as a QR code. */
export const Enrolment = z.object({ secret: z.string(), uri: z.string(), qrSvg: z.string() });
export type Enrolment = z.infer<typeof Enrolment>;

/** Confirming enrolment with a code from the new secret. */
export const ConfirmInput = z.object({ code: z.string().max(20) });
export const Confirmed = z.object({
  session: z.string(),
  /**
   * The account's one-time recovery codes, shown this once (only their keyed hashes are kept): each signs in
   * once in place of a code from the authenticator app. Always present; optional in the schema only so that
   * clients written before it still read the answer as they did.
   */
  recoveryCodes: z.array(z.string()).optional(),
});

function totpFor(secret: string, label = "staff") {
  return new OTPAuth.TOTP({
    issuer: "Amparo",
    label,
    algorithm: "SHA1",
    digits: 6,
    period: 30,
    secret: OTPAuth.Secret.fromBase32(secret),
  });
}

/** The time step a code belongs to, if it is valid now (one step of clock drift either way). */
function stepOf(secret: string, code: string): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  // The library would read the system clock; the platform's is the one tests can move.
  const now = Clock.nowMs();
  const delta = totpFor(secret).validate({ token: code, window: 1, timestamp: now });
  return delta === null ? undefined : Math.floor(now / 30_000) + delta;
}

export async function sealedSecret(user: User.Info, which: "totpSealed" | "pendingTotpSealed") {
  const sealed = user[which];
  if (!sealed) return undefined;
  return parseStored(z.string(), await Crypto.open(sealed, { purpose: "totp", userId: user.id }), "TOTP secret");
}

/**
 * Accepts a code once: the step is recorded with a conditional write, so a replayed code fails. The write also
 * needs the secret the code was checked against (`which`) to be the account's still, so a code read just before
 * an admin reset the second factor does not sign in after it.
 */
export async function acceptCode(
  user: User.Info,
  secret: string,
  code: string | undefined,
  which: "totpSealed" | "pendingTotpSealed" = "totpSealed",
): Promise<boolean> {
  const step = code === undefined ? undefined : stepOf(secret, code);
  if (step === undefined) return false;
  return User.patch(
    user.id,
    { totpLastStep: step, totpFailures: 0 },
    [],
    Dynamo.when.all(
      Dynamo.when.equals(which, user[which]),
      Dynamo.when.any(Dynamo.when.missing("totpLastStep"), Dynamo.when.lessThan("totpLastStep", step)),
    ),
  );
}

/**
 * Starts TOTP enrolment: a new secret as text, an otpauth URI and a QR code (inline SVG). With `reuse`,
 * a secret already shown and not yet confirmed is shown again (a page reload must not change it).
 */
export async function enrol(
  user: User.Info,
  options: { reuse?: boolean } = {},
): Promise<{ secret: string; uri: string; qrSvg: string }> {
  if (user.totpSealed) throw new ConflictError("auth.totp_enrolled", "error.totp_enrolled");
  let secret = options.reuse ? await sealedSecret(user, "pendingTotpSealed") : undefined;
  if (!secret) {
    secret = new OTPAuth.Secret({ size: 20 }).base32;
    await User.patch(user.id, {
      pendingTotpSealed: await Crypto.seal(secret, { purpose: "totp", userId: user.id }),
    });
  }
  const uri = totpFor(secret, user.email).toString();
  const qrSvg = renderQrSvg(createQrCode(uri, { errorCorrectionLevel: "M" }), { margin: 2 });
  return { secret, uri, qrSvg };
}

/**
 * Confirms enrolment with a code from the new secret, and replaces the enrol-only session with a full one. The
 * secret becomes the account's in the same transaction that makes its recovery codes, so no account is ever
 * enrolled without them.
 */
export async function confirm(
  user: User.Info,
  input: z.input<typeof ConfirmInput>,
  oldSession: string,
): Promise<{ session: string; recoveryCodes: string[] }> {
  const { code } = ConfirmInput.parse(input);
  const secret = await sealedSecret(user, "pendingTotpSealed");
  if (!secret) throw new ConflictError("auth.totp_not_started", "error.totp_not_started");
  if (!(await acceptCode(user, secret, code, "pendingTotpSealed"))) throw new InvalidTotpError();
  let recoveryCodes: string[];
  try {
    recoveryCodes = await Recovery.replace(user.id, `user:${user.id}`, [
      Dynamo.tx.update(
        Dynamo.Key.user(user.id),
        { set: { totpSealed: user.pendingTotpSealed! }, remove: ["pendingTotpSealed"] },
        Dynamo.when.equals("pendingTotpSealed", user.pendingTotpSealed!),
      ),
    ]);
  } catch (error) {
    // Confirmed meanwhile, from another tab: that one showed the codes.
    if (Dynamo.isConditionFailure(error)) throw new ConflictError("auth.totp_enrolled", "error.totp_enrolled");
    throw error;
  }
  await Session.end(oldSession);
  return { session: await Session.start(user, "full"), recoveryCodes };
}

/**
 * The code for a secret now, or at another time (tests and the local runtime's seeded accounts use it; a code
 * for the next step lets a test sign in again without waiting, since one step of drift is accepted).
 */
export function currentCode(secret: string, at: Date = Clock.now()): string {
  return totpFor(secret).generate({ timestamp: at.getTime() });
}
