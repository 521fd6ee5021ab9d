// Staff accounts: adding one (from the administration page), changing one, resetting its second factor, and the
// log of who opened which application or file.
import * as Audit from "@amparo/core/audit";
import * as Auth from "@amparo/core/auth";
import * as Call from "@amparo/core/call";
import * as Session from "@amparo/core/session";
import { InvalidInputError, InvalidTotpError, NotFoundError, StepUpRequiredError } from "@amparo/core/error";
import { t } from "@amparo/core/i18n";
import * as Account from "@amparo/core/account";
import * as User from "@amparo/core/user";
import { z } from "zod";
import { createArea, type AppContext } from "../shared/app.js";
import { readForm, schemaErrors } from "../shared/forms.js";
import { html, pageOf } from "../shared/pages.js";
import { AccessPage, AccountPage, ResetSecondFactorPage } from "./account.pages.js";
import { renderAdmin } from "./admin.routes.js";
import { staff } from "./session.js";

/** The staff accounts' routes (admins only). */
export const accountRoutes = createArea();

accountRoutes.post("/staff/admin/users", async (c) => {
  const session = await staff(c, { roles: ["admin"] });
  const { text, list } = await readForm(c);
  const input = User.CreateInput.safeParse({
    email: text("email"),
    roles: list("roles"),
    callIds: list("callIds"),
    // A form always sends the language; left out (an older form), the account gets the default.
    language: text("language") || undefined,
  });
  if (!input.success) {
    return renderAdmin(c, { errors: schemaErrors(input.error) }, 400);
  }
  let created: User.Info | undefined;
  try {
    created = await Account.create(input.data, actor(session, text("code")));
  } catch (error) {
    if (error instanceof StepUpRequiredError) {
      return renderAdmin(c, { errors: [{ path: "code", message: "error.step_up_required" }] }, 403);
    }
    if (error instanceof InvalidTotpError) {
      return renderAdmin(c, { errors: [{ path: "code", message: "error.totp_invalid" }] }, 422);
    }
    throw error;
  }
  if (!created) return renderAdmin(c, { errors: [{ path: "email", message: "staff.admin.user.exists" }] }, 409);
  // Post/redirect/get: the administration page says so, and a reload adds nobody twice.
  return c.redirect("/staff/admin?added=1", 303);
});

/* ---------- one staff account ---------- */

/** The signed-in admin as the actor of a change, with the step-up code the form carried. */
const actor = (session: Session.Session & { token: string }, code: string): User.Actor => ({
  id: session.user.id,
  stepUp: Auth.stepUpWith(session, code),
});

/** The account in the path; a 404 for an id that is no account. */
async function accountOf(c: AppContext): Promise<User.Info> {
  const id = c.req.param("id") ?? "";
  const account = z.uuid().safeParse(id).success ? await User.fromID(id) : undefined;
  if (!account) throw new NotFoundError("user.not_found");
  return account;
}

const renderAccount = async (
  c: AppContext,
  account: User.Info,
  extra: { notice?: string; error?: string } = {},
  status: 200 | 400 | 403 | 409 | 422 = 200,
) => {
  const { user } = await staff(c, { roles: ["admin"] });
  return html(c, AccountPage({ page: pageOf(c), user, account, calls: await Call.list(), ...extra }), status);
};

/** The version a form was made on (a form without one is as stale as can be). */
const versionOf = (text: (name: string) => string) => {
  const version = Number(text("version"));
  return Number.isInteger(version) && version >= 0 ? version : -1;
};

/** Runs an admin's change; a stale form or an attempt to lock oneself out shows the account with why, and changes nothing. */
async function change(c: AppContext, account: User.Info, run: () => Promise<{ notice: string }>) {
  const locale = c.get("language");
  try {
    const { notice } = await run();
    return renderAccount(c, (await User.fromID(account.id)) ?? account, { notice });
  } catch (error) {
    if (error instanceof Account.AccountChangedError) {
      const now = (await User.fromID(account.id)) ?? account;
      return renderAccount(c, now, { error: t(locale, "staff.account.stale") }, 409);
    }
    if (error instanceof Account.SelfLockoutError) {
      return renderAccount(c, account, { error: t(locale, "staff.account.self_lockout") }, 403);
    }
    if (error instanceof Account.OwnSecondFactorError) {
      return renderAccount(c, account, { error: t(locale, "staff.account.reset.self") }, 403);
    }
    if (error instanceof Account.LastAdminError) {
      return renderAccount(c, account, { error: t(locale, "staff.account.last_admin") }, 409);
    }
    if (error instanceof StepUpRequiredError) {
      return renderAccount(c, account, { error: t(locale, "error.step_up_required") }, 403);
    }
    if (error instanceof InvalidTotpError) {
      return renderAccount(c, account, { error: t(locale, "error.totp_invalid") }, 422);
    }
    throw error;
  }
}

accountRoutes.get("/staff/admin/users/:id", async (c) => {
  await staff(c, { roles: ["admin"] });
  return renderAccount(c, await accountOf(c));
});

accountRoutes.post("/staff/admin/users/:id", async (c) => {
  const session = await staff(c, { roles: ["admin"] });
  const account = await accountOf(c);
  const { text, list } = await readForm(c);
  const input = Account.EditInput.safeParse({
    roles: list("roles"),
    callIds: list("callIds"),
    language: text("language"),
    version: versionOf(text),
  });
  if (!input.success) {
    const messages = schemaErrors(input.error).map((error) => `${error.path}: ${t(c.get("language"), error.message)}`);
    return renderAccount(c, account, { error: messages.join(" ") }, 400);
  }
  return change(c, account, async () => {
    await Account.edit(account.id, input.data, actor(session, text("code")));
    return { notice: t(c.get("language"), "staff.account.saved") };
  });
});

for (const action of ["deactivate", "reactivate"] as const) {
  accountRoutes.post(`/staff/admin/users/:id/${action}`, async (c) => {
    const session = await staff(c, { roles: ["admin"] });
    const account = await accountOf(c);
    const { text } = await readForm(c);
    const version = versionOf(text);
    if (version < 0)
      throw new InvalidInputError("malformed_body", [{ path: "version", message: "validation.invalid" }]);
    return change(c, account, async () => {
      await Account.setActive(account.id, action === "reactivate", { version }, actor(session, text("code")));
      // Deleted after the account is marked, so a session cannot start in between and outlive it.
      if (action === "deactivate") await Session.endAllOf(account.id);
      return { notice: t(c.get("language"), `staff.account.${action}d`) };
    });
  });
}

/* ---------- a lost authenticator: resetting someone's second factor ---------- */

// The confirmation step: what the reset does, then a POST form with the account's version.
accountRoutes.get("/staff/admin/users/:id/reset-second-factor", async (c) => {
  const { user } = await staff(c, { roles: ["admin"] });
  return html(c, ResetSecondFactorPage({ page: pageOf(c), user, account: await accountOf(c) }));
});

accountRoutes.post("/staff/admin/users/:id/reset-second-factor", async (c) => {
  const session = await staff(c, { roles: ["admin"] });
  const account = await accountOf(c);
  const { text } = await readForm(c);
  const version = versionOf(text);
  if (version < 0) throw new InvalidInputError("malformed_body", [{ path: "version", message: "validation.invalid" }]);
  return change(c, account, async () => {
    await Auth.resetSecondFactor(account.id, { version }, actor(session, text("code")));
    return { notice: t(c.get("language"), "staff.account.reset.done") };
  });
});

/* ---------- who opened what ---------- */

accountRoutes.get("/staff/admin/access", async (c) => {
  const { user } = await staff(c, { roles: ["admin"] });
  const query = Audit.AccessQuery.safeParse(c.req.query());
  if (!query.success) throw new InvalidInputError("invalid_query", schemaErrors(query.error));
  const { user: userId, application, before } = query.data;
  const users = await User.list();
  const { items, next } = await Audit.access({
    userIds: userId ? [userId] : users.map((account) => account.id),
    ...(application ? { applicationId: application } : {}),
    ...(before ? { before } : {}),
    limit: Audit.accessPageSize,
  });
  const filter = { ...(userId ? { userId } : {}), ...(application ? { applicationId: application } : {}) };
  return html(c, AccessPage({ page: pageOf(c), user, users, items, filter, ...(next ? { next } : {}) }));
});
