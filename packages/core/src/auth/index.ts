import { randomUUID } from "node:crypto";
import * as OTPAuth from "otpauth";
// The QR code's model and its SVG renderer alone: the package's entry also loads its PNG, terminal and UTF-8
// renderers (pngjs among them), which every function that bundles this module would carry for nothing.
import { create as createQrCode } from "qrcode/lib/core/qrcode.js";
import { render as renderQrSvg } from "qrcode/lib/renderer/svg-tag.js";
import { z } from "zod";
import * as Clock from "../clock/index.js";
import * as Config from "../config/index.js";
import * as Crypto from "../crypto/index.js";
import * as Dynamo from "../dynamo/index.js";
import {
  InvalidTotpError,
  ConflictError,
  NotFoundError,
  StepUpRequiredError,
  UnauthenticatedError,
  VisibleError,
} from "../error/index.js";
import type { Locale } from "../i18n/index.js";
import * as Outbox from "../outbox/index.js";
import * as RateLimit from "../rate-limit/index.js";
import * as Session from "../session/index.js";
import * as Account from "../account/index.js";
import * as User from "../user/index.js";
import { parseStored } from "../util/stored.js";
import * as Recovery from "./recovery.js";

export { codeCount as recoveryCodeCount } from "./recovery.js";

/** How long a sign-in link works. */
export const linkMinutes = 15;
/**
 * Sign-in links emailed per address per quarter hour. Past it a request still answers 202 and does the same
 * work, but nothing is emailed: the links already sent keep working, so nobody can be locked out by it.
 */
export const linksPerAddress = 5;
/** Wrong TOTP codes in a row that lock the second factor until a link asked for after the lock is used. */
export const totpFailuresToLock = 5;

const { hash, newToken, tokenPattern } = Session;
const linkKey = (token: string) => Dynamo.Key.signInLink(hash(token));
const epoch = (date: Date) => Math.floor(date.getTime() / 1000);

/** Where a sign-in link leads: a page with a button, so link previews that fetch it do not use it up. */
export function linkUrl(token: string): string {
  return `${Config.get().PUBLIC_URL}/staff/sign-in/link?token=${token}`;
}

export const Email = z.email().transform((email) => email.trim().toLowerCase());

/** A request for a sign-in link. */
export const LinkRequest = z.object({ email: z.string().max(320) });

/** A link request's answer: the same, whoever asked. */
export const LinkRequested = z.object({});

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

/** Wrong step-up codes from one session that end it. */
export const stepUpFailuresToEnd = 3;

/** A security action's fresh second-factor code: a TOTP code, or an unused recovery code. */
export const StepUpCode = z.string().max(40);

/** Making new recovery codes needs a fresh code (`stepUp`): a stolen session alone cannot. */
export const NewRecoveryCodesInput = z.object({ code: StepUpCode });
export const NewRecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });

/**
 * Emails a one-time sign-in link to a staff address. It answers the same, and does the same work, whatever the
 * address and however often it is asked: a known and an unknown address both count against the address's
 * limit, read two items, and write a link and an outbox item in one transaction; only the outbox item of a
 * known address within its limit carries a recipient, so only that one is ever sent. Nothing here refuses, so a
 * flood of requests (for made-up addresses or for a real one) locks nobody out and tells nothing apart. Addresses
 * are counted under a keyed hash, never in the clear.
 */
export async function requestLink(input: z.input<typeof LinkRequest> & { locale: Locale }): Promise<void> {
  const email = Email.parse(LinkRequest.parse(input).email);
  const now = Clock.now();
  const withinLimit = await RateLimit.take(`link:${Crypto.hmac(email)}`, linksPerAddress, linkMinutes * 60);
  // An unknown address reads an account that does not exist, so both cases read twice. A deactivated account
  // is then treated exactly as an unknown address: same answer, same writes, no recipient.
  const found = (await User.fromEmail(email)) ?? (await User.fromID(randomUUID()));
  const user = found && User.isActive(found) ? found : undefined;
  const token = newToken();
  const expires = new Date(now.getTime() + linkMinutes * 60_000);
  await Dynamo.transact([
    Dynamo.tx.put({
      ...linkKey(token),
      // An unknown address's link names an account nobody has: using it fails like any invalid link.
      userId: user?.id ?? randomUUID(),
      requestedAt: now.toISOString(),
      [Dynamo.keys.ttl]: epoch(expires),
      validUntil: expires.toISOString(),
    }),
    await Outbox.item(
      `link:${hash(token)}`,
      {
        to: user && withinLimit ? user.email : undefined,
        locale: input.locale,
        body: "mail.sign_in_body",
        params: { link: linkUrl(token), minutes: linkMinutes },
      },
      now,
    ),
  ]);
}

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

async function sealedSecret(user: User.Info, which: "totpSealed" | "pendingTotpSealed") {
  const sealed = user[which];
  if (!sealed) return undefined;
  return parseStored(z.string(), await Crypto.open(sealed, { purpose: "totp", userId: user.id }), "TOTP secret");
}

/**
 * Accepts a code once: the step is recorded with a conditional write, so a replayed code fails. The write also
 * needs the secret the code was checked against (`which`) to be the account's still, so a code read just before
 * an admin reset the second factor does not sign in after it.
 */
async function acceptCode(
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

/** An admin's reset of someone's second factor names the account's version as last read (409 if it changed). */
export const ResetSecondFactorInput = Account.ActivityInput;

/**
 * An admin resets a staff member's second factor, for someone who lost both their authenticator and their
 * recovery codes: the TOTP secret (and any enrolment begun), the replay and lock state and every recovery code
 * are removed, on the admin's fresh code (`by.stepUp`), with an audit event on the account
 * (`second_factor_reset`), a neutral email to the member and one to every other active admin, all in one
 * transaction on the account's version; then every session of the account ends (and any the index
 * had not listed yet is refused by its start time). The next sign-in asks for enrolment again. Not one's own:
 * another admin must (`OwnSecondFactorError`). @returns the account as it now is, and how many sessions ended.
 */
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

/** How many unused recovery codes the account has. */
export const recoveryCodesLeft = (userId: string) => Recovery.remaining(userId);

/**
 * The code for a secret now, or at another time (tests and the local runtime's seeded accounts use it; a code
 * for the next step lets a test sign in again without waiting, since one step of drift is accepted).
 */
export function currentCode(secret: string, at: Date = Clock.now()): string {
  return totpFor(secret).generate({ timestamp: at.getTime() });
}
