import { randomInt } from "node:crypto";
import * as Audit from "../audit/index.js";
import * as Clock from "../clock/index.js";
import * as Dynamo from "../dynamo/index.js";
import * as Secret from "../secret/index.js";

// One-time recovery codes stand in for the authenticator at sign-in: shown once, stored only as keyed hashes (HMAC
// under `HMAC_KEY`), one item each, so using one is one conditional delete and of two uses at once one wins.
// Why a keyed hash and not a slow one: docs/decisions/second-factor-recovery.md

/** How many codes enrolment gives. */
export const codeCount = 10;

// Crockford's base32, as the applicants' access codes: no I, L, O or U, so a code copied by hand survives.
const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/** 16 characters of 5 bits: 80 random bits a code. */
const codeLength = 16;

/** A new code: 16 characters in groups of four, `7K2Q-9XMD-...`. */
function newCode(): string {
  let code = "";
  for (let index = 0; index < codeLength; index++) code += alphabet[randomInt(alphabet.length)];
  return code.match(/.{4}/g)!.join("-");
}

/** Reads a code the way people type it: any case, with or without dashes and spaces, O for 0, I or L for 1. */
export function normalize(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
}

/** Whether a normalised code could be one of ours at all (so garbage costs no hash and no read). */
const wellFormed = (normalized: string) =>
  normalized.length === codeLength && [...normalized].every((char) => alphabet.includes(char));

/** The keyed hash a code is stored under, bound to its account so it could not be moved to another. */
const hashOf = (userId: string, normalized: string) => Secret.hmac(`recovery-code:${userId}:${normalized}`);

/** The account's unused codes, as items (hashes only). */
async function stored(userId: string) {
  return Dynamo.queryCollection(Dynamo.Collection.recoveryCodes(userId));
}

/** The deletes of every unused code of the account, for a transaction that takes them away (a reset). */
export async function removeAll(userId: string) {
  return (await stored(userId)).map((item) =>
    Dynamo.tx.delete({ pk: String(item[Dynamo.keys.partition]), sk: String(item[Dynamo.keys.sort]) }),
  );
}

/** How many unused codes the account has. */
export async function remaining(userId: string): Promise<number> {
  return (await stored(userId)).length;
}

/**
 * Makes a new set of codes for the account, replacing any it had, in one transaction with `alongside` (the write
 * that confirms enrolment) or else with an audit event (`recovery_codes_replaced`): enrolment's own record is
 * the full sign-in that follows it. @returns the codes, to show once: they are not kept.
 */
export async function replace(
  userId: string,
  by: Audit.Actor,
  alongside: Parameters<typeof Dynamo.transact>[0] = [],
): Promise<string[]> {
  const old = await stored(userId);
  const codes = Array.from({ length: codeCount }, newCode);
  const at = Clock.iso();
  await Dynamo.transact([
    ...alongside,
    ...old.map((item) =>
      Dynamo.tx.delete({ pk: String(item[Dynamo.keys.partition]), sk: String(item[Dynamo.keys.sort]) }),
    ),
    ...codes.map((code) =>
      Dynamo.tx.putIfNew({ ...Dynamo.Key.recoveryCode(userId, hashOf(userId, normalize(code))), createdAt: at }),
    ),
    ...(alongside.length > 0
      ? []
      : [Audit.put({ user: userId }, "recovery_codes_replaced", by, at, { count: codeCount, replaced: old.length })]),
  ]);
  return codes;
}

/**
 * Uses a code: deletes its item on condition that it is still there, in one transaction with the account's
 * wrong-code count set back to 0 and an audit event. Of two uses of one code at once, one wins.
 * @returns whether the code was good (and is now used up).
 */
export async function use(userId: string, code: string): Promise<boolean> {
  const normalized = normalize(code);
  if (!wellFormed(normalized)) return false;
  const at = Clock.iso();
  try {
    await Dynamo.transact([
      Dynamo.tx.delete(
        Dynamo.Key.recoveryCode(userId, hashOf(userId, normalized)),
        Dynamo.when.exists(Dynamo.keys.partition),
      ),
      Dynamo.tx.update(
        Dynamo.Key.user(userId),
        { set: { totpFailures: 0 } },
        Dynamo.when.exists(Dynamo.keys.partition),
      ),
      Audit.put({ user: userId }, "recovery_code_used", `user:${userId}`, at),
    ]);
    return true;
  } catch (error) {
    if (Dynamo.isConditionFailure(error)) return false;
    throw error;
  }
}
