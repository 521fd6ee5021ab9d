// The auth folder's public face: sign-in links (sign-in-link.ts), signing in (sign-in.ts), TOTP (totp.ts),
// step-up (step-up.ts), and new recovery codes and an admin's reset (second-factor.ts). Only re-exports, so
// that those modules never import their folder back.
export { codeCount as recoveryCodeCount } from "./recovery.js";
export {
  Email,
  LinkRequest,
  LinkRequested,
  linkMinutes,
  linksPerAddress,
  linkUrl,
  requestLink,
} from "./sign-in-link.js";
export { SignedIn, TotpState, totpFailuresToLock, verify, VerifyInput } from "./sign-in.js";
export { confirm, ConfirmInput, Confirmed, currentCode, enrol, Enrolment } from "./totp.js";
export { stepUp, StepUpCode, StepUpEndedError, stepUpFailuresToEnd, stepUpWith } from "./step-up.js";
export {
  NewRecoveryCodes,
  newRecoveryCodes,
  NewRecoveryCodesInput,
  recoveryCodesLeft,
  resetSecondFactor,
  ResetSecondFactorInput,
} from "./second-factor.js";
