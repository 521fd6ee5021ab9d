import { z } from "zod";
import * as Audit from "../audit/index.js";
import { Slug } from "../call/index.js";
import * as Clock from "../clock/index.js";
import * as Dynamo from "../dynamo/index.js";
import { StaffLocale } from "../i18n/index.js";
import * as Secret from "../secret/index.js";
import { parseStored } from "../util/stored.js";

export const Role = z.enum(["reviewer", "coordinator", "funder", "admin"]);
export type Role = z.infer<typeof Role>;

/**
 * Roles that need a second factor: all of them. Reviewers read application content and funders will read
 * reports, so an inbox alone must not be enough to sign in as anyone.
 */
export const rolesNeedingTotp: Role[] = ["reviewer", "coordinator", "funder", "admin"];

/** A staff account. Applicants have no account: they hold an access code instead. */
export const Info = z.object({
  id: z.string(),
  email: z.email(),
  roles: z.array(Role).min(1),
  /** The calls this person works on; admins see every call whatever this says. */
  callIds: z.array(Slug),
  createdAt: z.iso.datetime(),
  /** The language of this person's emails; accounts made before it existed have none and get English. */
  language: StaffLocale.optional(),
  /** The TOTP secret, sealed; present once enrolment is confirmed. */
  totpSealed: z.string().optional(),
  /** A secret shown for enrolment and not yet confirmed with a code. */
  pendingTotpSealed: z.string().optional(),
  /** The last TOTP time step accepted, so a code cannot be used twice. */
  totpLastStep: z.number().int().optional(),
  /** Wrong TOTP codes in a row since the last right one. */
  totpFailures: z.number().int().optional(),
  /** When too many wrong codes locked the second factor; a link asked for after it unlocks. */
  totpLockedAt: z.iso.datetime().optional(),
  /** When an admin deactivated the account: it cannot sign in and has no sessions until reactivated. */
  deactivatedAt: z.iso.datetime().optional(),
  /**
   * When an admin last reset the second factor (a lost phone and lost recovery codes): no session begun before
   * it works, even one the index had not listed yet when the sessions were ended.
   */
  secondFactorResetAt: z.iso.datetime().optional(),
  /**
   * Counts the changes an admin or the person makes to roles, calls, language and activity; an edit names the
   * version it was made on, so a stale form cannot undo a newer change. Accounts made before it have none (0).
   */
  version: z.number().int().optional(),
});
export type Info = z.infer<typeof Info>;

export const CreateInput = z.object({
  email: z.email().transform((email) => email.toLowerCase()),
  roles: z.array(Role).min(1),
  callIds: z.array(Slug).default([]),
  language: StaffLocale.default("en"),
});

/** The language a staff member's emails are written in. */
export const localeOf = (user: Pick<Info, "language">): StaffLocale => user.language ?? "en";

/**
 * Who makes an admin's change, and how they prove, when the change needs it, that they hold the account's second
 * factor now (`stepUp`: checks a fresh code, or throws). Without `stepUp` such a change is refused.
 */
export interface Actor {
  id: string;
  stepUp?: () => Promise<void>;
}

/** Roles whose grant needs a fresh code and is told to every other admin. */
export const privilegedRoles: readonly Role[] = ["admin", "coordinator"];

/** Whether the account counts towards the fund's active admins. */
export const isActiveAdmin = (user: Pick<Info, "roles" | "deactivatedAt">): boolean =>
  user.roles.includes("admin") && user.deactivatedAt === undefined;

/** Staff addresses are looked up by a keyed hash: the key does not spell the address out, nor can a list of addresses be matched against it without the platform's secret. */
export function emailKey(email: string) {
  return Dynamo.Key.userEmail(Secret.hmac(email.toLowerCase()));
}

/** Whether the account needs a second factor. */
export function needsTotp(user: Pick<Info, "roles">): boolean {
  return user.roles.some((role) => rolesNeedingTotp.includes(role));
}

/** Whether the account works on `callId` (admins work on every call). */
export function worksOn(user: Pick<Info, "roles" | "callIds">, callId: string): boolean {
  return user.roles.includes("admin") || user.callIds.includes(callId);
}

/** What creating an account answers. */
export const Created = z.object({ id: z.string() });

/** What anyone but the account's owner sees of it: never its second-factor state. */
export const PublicInfo = Info.pick({ id: true, email: true, roles: true });
export type PublicInfo = z.infer<typeof PublicInfo>;

export const publicInfo = (user: Info): PublicInfo => ({ id: user.id, email: user.email, roles: user.roles });

/** Whether the account may sign in and use its sessions. */
export const isActive = (user: Pick<Info, "deactivatedAt">): boolean => user.deactivatedAt === undefined;

/** The version an edit of `user` must name. */
export const versionOf = (user: Pick<Info, "version">): number => user.version ?? 0;

function parse(item: Record<string, unknown>): Info {
  return parseStored(Info, Dynamo.withoutKeys(item), "user");
}

export async function fromID(id: string): Promise<Info | undefined> {
  const found = await Dynamo.get(Dynamo.Key.user(id));
  return found ? parse(found) : undefined;
}

export async function fromEmail(email: string): Promise<Info | undefined> {
  const userId = (await Dynamo.get(emailKey(email), { consistent: false }))?.["userId"];
  return typeof userId === "string" ? fromID(userId) : undefined;
}

/** Several accounts at once (for names in lists); unknown ids are left out. */
export async function many(ids: string[]): Promise<Map<string, Info>> {
  const found = await Dynamo.getMany([...new Set(ids)].map(Dynamo.Key.user));
  return new Map(found.map(parse).map((user) => [user.id, user]));
}

/** Every staff account (a small list: a fund has tens of staff, not thousands). */
export async function list(): Promise<Info[]> {
  const users = (await Dynamo.queryIndex(Dynamo.IndexPartition.users)).map(parse);
  return users.sort((a, b) => a.email.localeCompare(b.email));
}

/** The coordinators of a call (admins are not: they are told through their own channels). */
export async function coordinatorsOf(callId: string): Promise<Info[]> {
  return (await list()).filter((user) => user.roles.includes("coordinator") && user.callIds.includes(callId));
}

/** Sets the language of an account's emails, by the admin or the person. @returns false if there is no such account. */
export async function setLanguage(id: string, language: StaffLocale, by: string): Promise<boolean> {
  const at = Clock.iso();
  try {
    await Dynamo.transact([
      // A change of its own (the version moves), so an admin's form opened before it cannot undo it.
      Dynamo.tx.update(
        Dynamo.Key.user(id),
        { set: { language }, add: { version: 1 } },
        Dynamo.when.exists(Dynamo.keys.partition),
      ),
      Audit.put({ user: id }, "language_set", `user:${by}`, at, { language }),
    ]);
    return true;
  } catch (error) {
    if (Dynamo.isConditionFailure(error)) return false;
    throw error;
  }
}

/** Sets fields of an account (TOTP state); `condition` guards against a concurrent change. @returns false if it failed. */
export async function patch(
  id: string,
  changes: Partial<Pick<Info, "totpSealed" | "pendingTotpSealed" | "totpLastStep" | "totpFailures">>,
  remove: (keyof Info)[] = [],
  condition?: Dynamo.Condition,
): Promise<boolean> {
  try {
    await Dynamo.update(
      Dynamo.Key.user(id),
      { set: changes, remove },
      condition
        ? Dynamo.when.all(Dynamo.when.exists(Dynamo.keys.partition), condition)
        : Dynamo.when.exists(Dynamo.keys.partition),
    );
    return true;
  } catch (error) {
    if (Dynamo.isConditionFailure(error)) return false;
    throw error;
  }
}

/**
 * Counts a wrong TOTP code (one atomic ADD, so concurrent guesses all count) and locks the second factor once
 * `limit` are reached in a row.
 */
export async function countTotpFailure(id: string, limit: number, at: Date): Promise<void> {
  const after = await Dynamo.update(
    Dynamo.Key.user(id),
    { add: { totpFailures: 1 } },
    Dynamo.when.exists(Dynamo.keys.partition),
  );
  if (Number(after["totpFailures"]) < limit || after["totpLockedAt"] !== undefined) return;
  try {
    await Dynamo.update(
      Dynamo.Key.user(id),
      { set: { totpLockedAt: at.toISOString() } },
      Dynamo.when.missing("totpLockedAt"),
    );
  } catch (error) {
    if (!Dynamo.isConditionFailure(error)) throw error; // locked meanwhile
  }
}

/** Lifts a TOTP lock and starts the count again (only if it is still the lock that was read). */
export async function unlockTotp(id: string, lockedAt: string): Promise<void> {
  await patch(id, { totpFailures: 0 }, ["totpLockedAt"], Dynamo.when.equals("totpLockedAt", lockedAt));
}
