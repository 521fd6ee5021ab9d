import { randomUUID } from "node:crypto";
import { z } from "zod";
import * as Audit from "../audit/index.js";
import { Slug } from "../call/index.js";
import * as Clock from "../clock/index.js";
import * as Dynamo from "../dynamo/index.js";
import { ConflictError, ForbiddenError, NotFoundError, StepUpRequiredError } from "../error/index.js";
import { defaultLocale, Locale } from "../i18n/index.js";
import * as Outbox from "../outbox/index.js";
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
  language: Locale.optional(),
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
  language: Locale.default(defaultLocale),
});

/** The language a staff member's emails are written in. */
export const localeOf = (user: Pick<Info, "language">): Locale => user.language ?? defaultLocale;

/**
 * Who makes an admin's change, and how they prove, when the change needs it, that they hold the account's second
 * factor now (`stepUp`: checks a fresh code, or throws). Without `stepUp` such a change is refused.
 */
export interface Actor {
  id: string;
  stepUp?: () => Promise<void>;
}

/** Asks the actor for a fresh second-factor code: a stolen session alone cannot make a security change. */
async function stepUp(by: Actor): Promise<void> {
  if (!by.stepUp) throw new StepUpRequiredError();
  await by.stepUp();
}

/** Roles whose grant needs a fresh code and is told to every other admin. */
export const privilegedRoles: readonly Role[] = ["admin", "coordinator"];

/** Whether the account counts towards the fund's active admins. */
export const isActiveAdmin = (user: Pick<Info, "roles" | "deactivatedAt">): boolean =>
  user.roles.includes("admin") && user.deactivatedAt === undefined;

/** Staff addresses are looked up by a keyed hash: the key does not spell the address out, nor can a list of addresses be matched against it without the platform's secret. */
function emailKey(email: string) {
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

/**
 * Creates a staff account; the address must be new. The account and its address claim are written in one
 * transaction, so two admins adding the same address at once create one account.
 * @returns the new account, or undefined when the address is taken.
 */
export const CreateByAdminInput = CreateInput.extend({ createdBy: z.string().optional() });

/**
 * Made `by` an admin, an account with a privileged role needs their fresh code (`stepUp`) and is told to every
 * other active admin; made by the platform itself (seeding), neither.
 */
export async function create(input: z.input<typeof CreateByAdminInput>, by?: Actor): Promise<Info | undefined> {
  const { createdBy: named, ...fields } = CreateByAdminInput.parse(input);
  const createdBy = by?.id ?? named;
  const user: Info = { id: randomUUID(), ...fields, createdAt: Clock.iso() };
  const privileged = user.roles.some((role) => privilegedRoles.includes(role));
  if (by && privileged) {
    // Refused before anything is read about the address, so a stolen session learns nothing from it.
    await stepUp(by);
  }
  if (isActiveAdmin(user)) await ensureAdminCount();
  try {
    await Dynamo.transact([
      Dynamo.tx.putIfNew({ ...emailKey(user.email), userId: user.id }),
      Dynamo.tx.putIfNew({ ...Dynamo.Key.user(user.id), ...Dynamo.Index.user(user.id), ...user }),
      Audit.put({ user: user.id }, "created", createdBy ? `user:${createdBy}` : "system", user.createdAt, {
        roles: user.roles,
      }),
      ...(isActiveAdmin(user) ? [adminCountChange(1)] : []),
      ...(by && privileged ? await noticeToAdmins(user.id, `created:${user.id}`, by.id) : []),
    ]);
    return user;
  } catch (error) {
    if (Dynamo.isConditionFailure(error)) return undefined;
    throw error;
  }
}

/* ---------- the fund always keeps an admin ---------- */

const adminCountKey = Dynamo.Key.adminCount();

/**
 * Makes sure the active-admin count exists: a table from before it (or a new one) gets it counted once from the
 * accounts as they are. Every change of an admin's role or activity calls this first, so the count it then
 * changes by a conditional write is never missing.
 */
export async function ensureAdminCount(): Promise<void> {
  if (await Dynamo.get(adminCountKey)) return;
  const count = (await list()).filter(isActiveAdmin).length;
  // Two first changes at once both count; the first to write wins and the other's count is the same.
  await Dynamo.putIfNew({ ...adminCountKey, count, countedAt: Clock.iso() });
}

/** How many accounts are active admins, as counted. */
export async function activeAdminCount(): Promise<number> {
  await ensureAdminCount();
  return Number((await Dynamo.get(adminCountKey))?.["count"] ?? 0);
}

/** The count's change as a transaction part: one that would take it below 1 cancels the transaction. */
function adminCountChange(delta: number) {
  return Dynamo.tx.update(
    adminCountKey,
    { add: { count: delta } },
    delta < 0 ? Dynamo.when.greaterThan("count", -delta) : Dynamo.when.exists(Dynamo.keys.partition),
  );
}

/**
 * A change would leave the fund with no active admin (the last one demoted or deactivated, or two admins
 * demoting each other at the same moment): 409, and nothing is written.
 */
export class LastAdminError extends ConflictError {
  override readonly name = "LastAdminError";
  constructor() {
    super("user.last_admin", "staff.account.last_admin");
  }
}

/**
 * A neutral email to every other active admin about a change to account `accountId` (a grant, a role change, a
 * deactivation, a second-factor reset), with a link to the account's page: a stolen admin session cannot give
 * itself a lasting way in without the others hearing of it. `change` names the change, so each is sent once.
 */
export async function noticeToAdmins(accountId: string, change: string, by: string) {
  const others = (await list()).filter((admin) => isActiveAdmin(admin) && admin.id !== by);
  return Outbox.toStaff(others, `admin_notice:${change}`, "mail.staff_admin_notice_body", Clock.now(), {
    account: accountId,
  });
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
export async function setLanguage(id: string, language: Locale, by: string): Promise<boolean> {
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

/* ---------- an admin's changes to an account ---------- */

/** An admin's edit of an account: what it works as, on which calls, in which language; made on `version`. */
export const EditInput = z.object({
  roles: z.array(Role).min(1),
  callIds: z.array(Slug).default([]),
  language: Locale,
  version: z.number().int().min(0),
});
export type EditInput = z.infer<typeof EditInput>;

/** Deactivating or reactivating, made on `version`. */
export const ActivityInput = z.object({ version: z.number().int().min(0) });

/** The account changed since the form was opened: 409, and nothing is written. */
export class AccountChangedError extends ConflictError {
  override readonly name = "AccountChangedError";
  constructor() {
    super("user.changed", "staff.account.stale");
  }
}

/**
 * An admin tried to deactivate their own account or take away their own admin role: 403. Refused so that a fund
 * is never left with no admin able to sign in and undo it (the last admin would lock everyone out of
 * administration for good, with no one left to reactivate them).
 */
export class SelfLockoutError extends ForbiddenError {
  constructor() {
    super("user.self_lockout", "staff.account.self_lockout");
  }
}

/**
 * An admin tried to reset their own second factor: 403. Another admin must do it, so that a stolen admin
 * session cannot swap the account's authenticator for one of its own.
 */
export class OwnSecondFactorError extends ForbiddenError {
  constructor() {
    super("user.own_second_factor", "staff.account.reset.self");
  }
}

/** The write holds only on the version the form was made on (accounts made before versions count as 0). */
const onVersion = (version: number) =>
  Dynamo.when.all(
    Dynamo.when.exists(Dynamo.keys.partition),
    version === 0
      ? Dynamo.when.any(Dynamo.when.missing("version"), Dynamo.when.equals("version", 0))
      : Dynamo.when.equals("version", version),
  );

async function existing(id: string): Promise<Info> {
  const found = await fromID(id);
  if (!found) throw new NotFoundError("user.not_found");
  return found;
}

/**
 * Writes `changes` and its audit event only on `version`, with any writes that must go `alongside` (an email,
 * items to delete); a stale version is an `AccountChangedError`.
 */
export async function writeOnVersion(
  id: string,
  version: number,
  changes: Dynamo.Changes,
  event: { type: string; by: string; detail: Record<string, unknown>; at?: string },
  alongside: Parameters<typeof Dynamo.transact>[0] = [],
  adminDelta = 0,
): Promise<void> {
  if (adminDelta !== 0) await ensureAdminCount();
  try {
    await Dynamo.transact([
      Dynamo.tx.update(Dynamo.Key.user(id), { ...changes, add: { version: 1 } }, onVersion(version)),
      Audit.put({ user: id }, event.type, `user:${event.by}`, event.at ?? Clock.iso(), event.detail),
      // Third, so a failed condition here is told apart from a stale version.
      ...(adminDelta === 0 ? [] : [adminCountChange(adminDelta)]),
      ...alongside,
    ]);
  } catch (error) {
    if (adminDelta !== 0 && Dynamo.failedConditions(error).includes(2)) throw new LastAdminError();
    if (Dynamo.isConditionFailure(error)) throw new AccountChangedError();
    throw error;
  }
}

/**
 * An admin sets an account's roles, calls and language. The audit event names what changed, before and after
 * (roles, call ids, a language code: never the address). @returns the account as it now is.
 */
export async function edit(id: string, raw: z.input<typeof EditInput>, by: Actor): Promise<Info> {
  const input = EditInput.parse(raw);
  if (id === by.id && !input.roles.includes("admin")) throw new SelfLockoutError();
  const before = await existing(id);
  const roles = Role.options.filter((role) => input.roles.includes(role));
  const callIds = [...new Set(input.callIds)].sort();
  const changed: Record<string, unknown> = {};
  const same = (a: readonly string[], b: readonly string[]) => [...a].sort().join() === [...b].sort().join();
  if (!same(roles, before.roles)) changed["roles"] = { from: before.roles, to: roles };
  if (!same(callIds, before.callIds)) changed["callIds"] = { from: before.callIds, to: callIds };
  if (input.language !== localeOf(before)) changed["language"] = { from: localeOf(before), to: input.language };
  if (roles.some((role) => privilegedRoles.includes(role) && !before.roles.includes(role))) await stepUp(by);
  // Counted from the account as read; the write holds only on the version it was read at, when that was the one named.
  const adminDelta = Number(isActiveAdmin({ ...before, roles })) - Number(isActiveAdmin(before));
  await writeOnVersion(
    id,
    input.version,
    { set: { roles, callIds, language: input.language } },
    { type: "account_edited", by: by.id, detail: { changed } },
    changed["roles"] ? await noticeToAdmins(id, `roles:${id}:${input.version}`, by.id) : [],
    adminDelta,
  );
  return existing(id);
}

/**
 * Deactivates (`active` false) or reactivates an account, on the actor's fresh code; a deactivation is told to
 * every other active admin. Deactivating only marks the account: the caller ends its sessions
 * (`Session.endAllOf`), and sign-in and session lookup refuse a deactivated account meanwhile.
 */
export async function setActive(
  id: string,
  active: boolean,
  raw: z.input<typeof ActivityInput>,
  by: Actor,
): Promise<Info> {
  const { version } = ActivityInput.parse(raw);
  if (id === by.id && !active) throw new SelfLockoutError();
  const before = await existing(id);
  await stepUp(by);
  const adminDelta = before.roles.includes("admin") ? Number(active) - Number(isActive(before)) : 0;
  await writeOnVersion(
    id,
    version,
    active ? { remove: ["deactivatedAt"] } : { set: { deactivatedAt: Clock.iso() } },
    { type: active ? "reactivated" : "deactivated", by: by.id, detail: {} },
    active ? [] : await noticeToAdmins(id, `deactivated:${id}:${version}`, by.id),
    adminDelta,
  );
  return existing(id);
}
