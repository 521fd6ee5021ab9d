import { randomUUID } from "node:crypto";
import { z } from "zod";
import * as Audit from "../audit/index.js";
import * as Clock from "../clock/index.js";
import * as Dynamo from "../dynamo/index.js";
import { ConflictError, ForbiddenError, NotFoundError, StepUpRequiredError } from "../error/index.js";
import { StaffLocale } from "../i18n/index.js";
import * as Outbox from "../outbox/index.js";
import { Slug } from "../call/index.js";
import {
  type Actor,
  CreateInput,
  emailKey,
  fromID,
  type Info,
  isActive,
  isActiveAdmin,
  list,
  localeOf,
  privilegedRoles,
  Role,
} from "../user/index.js";

/**
 * What admins change about staff accounts: creating, editing and (de)activating them. Apart from the account
 * lookups in `user/` because these email the other admins through the outbox, which seals its recipients: the
 * report function checks sessions through `user/` and must reach nothing that can decrypt.
 */

/** Asks the actor for a fresh second-factor code: a stolen session alone cannot make a security change. */
async function stepUp(by: Actor): Promise<void> {
  if (!by.stepUp) throw new StepUpRequiredError();
  await by.stepUp();
}

/**
 * Creates a staff account; the address must be new. The account and its address claim are written in one
 * transaction, so two admins adding the same address at once create one account.
 * @returns the new account, or undefined when the address is taken.
 */
export const CreateByAdminInput = CreateInput.extend({ createdBy: z.string().optional() });

/**
 * Made `by` an admin, an account with a privileged role needs their fresh code (`stepUp`) and is told to every
 * other active admin, and the new member gets a neutral email saying where to sign in; made by the platform
 * itself (seeding), none of these.
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
      // Only that an account exists and where to sign in: no roles, calls or name of who made it.
      ...(by
        ? [
            await Outbox.item(`account_created:${user.id}`, {
              to: user.email,
              locale: localeOf(user),
              body: "mail.staff_account_created_body",
            }),
          ]
        : []),
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

/* ---------- an admin's changes to an account ---------- */

/** An admin's edit of an account: what it works as, on which calls, in which language; made on `version`. */
export const EditInput = z.object({
  roles: z.array(Role).min(1),
  callIds: z.array(Slug).default([]),
  language: StaffLocale,
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
