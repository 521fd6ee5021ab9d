import * as Audit from "@amparo/core/audit";
import * as Auth from "@amparo/core/auth";
import * as Call from "@amparo/core/call";
import * as Session from "@amparo/core/session";
import {
  CallChangedError,
  InvalidInputError,
  InvalidTotpError,
  NotFoundError,
  StepUpRequiredError,
} from "@amparo/core/error";
import { t } from "@amparo/core/i18n";
import * as Account from "@amparo/core/account";
import * as User from "@amparo/core/user";
import { z, type ZodError } from "zod";
import { createArea, type AppContext } from "../shared/app.js";
import { readForm, schemaErrors } from "../shared/forms.js";
import { html, pageOf } from "../shared/pages.js";
import {
  AccessPage,
  AccountPage,
  AdminPage,
  CallEditorPage,
  CallJsonPage,
  ResetSecondFactorPage,
  type JsonProblem,
} from "./admin.pages.js";
import {
  anchorsOf,
  applyAction,
  decode,
  draftOf,
  jsonErrorOffset,
  lineAndColumn,
  newCallDraft,
  normalize,
  parseAction,
  placeErrors,
  type Draft,
} from "./call-form.js";
import { staff } from "./session.js";

type Status = 200 | 400 | 403 | 409 | 422 | 428;

/** The administration page for an admin, with what the last action left on it. */
const renderAdmin = async (
  c: AppContext,
  extra: Partial<Parameters<typeof AdminPage>[0]> = {},
  status: Status = 200,
) => {
  const { user } = await staff(c, { roles: ["admin"] });
  return html(
    c,
    AdminPage({ page: pageOf(c), user, calls: await Call.list(), users: await User.list(), ...extra }),
    status,
  );
};

/** The call id in the path; a 404 for one that could never be a call. */
const callIdOf = (c: AppContext) => {
  const id = c.req.param("id") ?? "";
  if (!Call.CallId.safeParse(id).success) throw new NotFoundError("call.not_found");
  return id;
};

/**
 * The editor, with the schema's issues (if any) placed next to the controls that caused them. Rendered twice
 * when there are issues: first to learn which controls and groups the page shows (their ids), then with each
 * issue on the nearest of them, so an issue is never lost for want of a control of its own.
 */
async function renderEditor(
  c: AppContext,
  options: { callId: string; draft: Draft; basedOn: number; notice?: string; issues?: ZodError; problem?: string },
  status: Status = 200,
) {
  const { user } = await staff(c, { roles: ["admin"] });
  const page = pageOf(c);
  const props = { page, user, callId: options.callId, draft: options.draft, basedOn: options.basedOn };
  if (options.problem) {
    const problem = { anchor: "", path: "", message: options.problem };
    return html(c, CallEditorPage({ ...props, errors: [problem] }), status);
  }
  if (!options.issues) {
    return html(c, CallEditorPage({ ...props, ...(options.notice ? { notice: options.notice } : {}) }), status);
  }
  const anchors = anchorsOf(String(CallEditorPage(props)));
  return html(
    c,
    CallEditorPage({ ...props, errors: placeErrors(options.issues, options.draft, anchors, page.locale) }),
    status,
  );
}

/**
 * The version of the call the admin's form was opened at (a hidden field), so that a save over someone else's
 * is refused rather than silently undoing it (`Call.newCall` when the form was for a new call). A post without
 * it saves nothing (428, as the JSON API without `If-Match`): `check` is false, and `basedOn` is the stored
 * version, for the page that says so.
 */
async function basedOnOf(callId: string, sent: unknown): Promise<{ basedOn: number; check: boolean }> {
  const version = Number(typeof sent === "string" && sent !== "" ? sent : Number.NaN);
  if (Number.isInteger(version) && version >= 0) return { basedOn: version, check: true };
  return { basedOn: (await Call.fromID(callId))?.version ?? Call.newCall, check: false };
}

/** Why an admin's save of a call was refused, in the page's words, with its status; other errors are thrown on. */
function saveRefusal(error: unknown, locale: Parameters<typeof t>[0]): { message: string; status: Status } {
  if (error instanceof CallChangedError) return { message: t(locale, "error.call_changed"), status: 409 };
  if (error instanceof StepUpRequiredError) return { message: t(locale, "error.step_up_required"), status: 403 };
  if (error instanceof InvalidTotpError) return { message: t(locale, "error.totp_invalid"), status: 422 };
  throw error;
}

/** A stored call as the editor and the JSON page show it: its configuration, without the stored version. */
function configOf({ version: _version, ...config }: Call.Stored): Call.Info {
  return config;
}

/** A page form's fields as sent, every value of each (the editor's controls are named by where they go). */
async function formBody(c: AppContext): Promise<Record<string, unknown>> {
  try {
    return await c.req.parseBody({ all: true });
  } catch (error) {
    if (error instanceof TypeError) throw new InvalidInputError("malformed_body", []);
    throw error;
  }
}

/** Administration pages: calls' configuration and staff accounts (admins only). */
export const adminRoutes = createArea();

adminRoutes.get("/staff/admin", (c) => renderAdmin(c));

// The "new call" form asks for an id, then opens the editor at the call's own address.
adminRoutes.get("/staff/admin/calls", async (c) => {
  await staff(c, { roles: ["admin"] });
  const id = (c.req.query("id") ?? "").trim();
  if (!Call.CallId.safeParse(id).success) {
    return renderAdmin(c, { errors: [{ path: "newCallId", message: "validation.invalid" }] }, 400);
  }
  return c.redirect(`/staff/admin/calls/${id}`, 303);
});

adminRoutes.get("/staff/admin/calls/:id", async (c) => {
  await staff(c, { roles: ["admin"] });
  const callId = callIdOf(c);
  const existing = await Call.fromID(callId);
  return renderEditor(c, {
    callId,
    draft: existing ? draftOf(configOf(existing)) : newCallDraft(callId),
    basedOn: existing?.version ?? Call.newCall,
  });
});

adminRoutes.post("/staff/admin/calls/:id", async (c) => {
  const session = await staff(c, { roles: ["admin"] });
  const callId = callIdOf(c);
  const body = await formBody(c);
  const { basedOn, check } = await basedOnOf(callId, body["basedOn"]);
  const draft = normalize({ ...decode(body), id: callId });
  const action = parseAction(typeof body["action"] === "string" ? body["action"] : "");
  const locale = c.get("language");

  if (action.kind === "none" || !applyAction(draft, action)) {
    // A button this editor never shows: nothing happens, and the editor shows what was sent.
    return renderEditor(c, { callId, draft, basedOn }, 400);
  }
  if (action.kind !== "save" && action.kind !== "check") return renderEditor(c, { callId, draft, basedOn });

  const result = Call.Info.safeParse(draft);
  if (!result.success) return renderEditor(c, { callId, draft, basedOn, issues: result.error }, 422);
  if (action.kind === "check") {
    return renderEditor(c, { callId, draft, basedOn, notice: t(locale, "editor.checked") });
  }
  if (!check) return renderEditor(c, { callId, draft, basedOn, problem: t(locale, "error.version_required") }, 428);
  const code = typeof body["code"] === "string" ? body["code"] : undefined;
  let saved: Call.Stored;
  try {
    saved = await Call.put(result.data, { basedOn, stepUp: Auth.stepUpWith(session, code) });
  } catch (error) {
    // The admin's draft stays on the page, so nothing they wrote is lost; the form still names the old version.
    const { message, status } = saveRefusal(error, locale);
    return renderEditor(c, { callId, draft, basedOn, problem: message }, status);
  }
  return renderEditor(c, {
    callId,
    draft: draftOf(configOf(saved)),
    basedOn: saved.version,
    notice: t(locale, "staff.admin.saved"),
  });
});

/** The JSON page, with the stored call (or what was sent) and any problems. */
async function renderJson(
  c: AppContext,
  options: { callId: string; json: string; basedOn: number; notice?: string; problems?: JsonProblem[] },
  status: Status = 200,
) {
  const { user } = await staff(c, { roles: ["admin"] });
  return html(c, CallJsonPage({ page: pageOf(c), user, ...options }), status);
}

adminRoutes.get("/staff/admin/calls/:id/json", async (c) => {
  await staff(c, { roles: ["admin"] });
  const callId = callIdOf(c);
  const existing = await Call.fromID(callId);
  return renderJson(c, {
    callId,
    json: JSON.stringify(existing ? configOf(existing) : newCallDraft(callId), null, 2),
    basedOn: existing?.version ?? Call.newCall,
  });
});

adminRoutes.post("/staff/admin/calls/:id/json", async (c) => {
  const session = await staff(c, { roles: ["admin"] });
  const callId = callIdOf(c);
  const { text } = await readForm(c);
  const json = text("config");
  const { basedOn, check } = await basedOnOf(callId, text("basedOn"));
  const locale = c.get("language");
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    const { line, column } = lineAndColumn(json, jsonErrorOffset(json) ?? json.length);
    const where = t(locale, "editor.json.line_column", { line, column });
    const problems = [{ where, message: t(locale, "staff.admin.invalid_json") }];
    return renderJson(c, { callId, json, basedOn, problems }, 400);
  }
  const config = parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? parsed : { value: parsed };
  const result = Call.Info.safeParse({ ...config, id: callId });
  if (!result.success) {
    const placed = placeErrors(result.error, config, new Set(), locale);
    const problems = placed.map((error) => ({
      where: error.path || t(locale, "editor.json.whole"),
      message: error.message,
    }));
    return renderJson(c, { callId, json, basedOn, problems }, 422);
  }
  if (!check) {
    const problems = [{ where: t(locale, "editor.json.whole"), message: t(locale, "error.version_required") }];
    return renderJson(c, { callId, json, basedOn, problems }, 428);
  }
  let saved: Call.Stored;
  try {
    saved = await Call.put(result.data, { basedOn, stepUp: Auth.stepUpWith(session, text("code")) });
  } catch (error) {
    const { message, status } = saveRefusal(error, locale);
    return renderJson(
      c,
      { callId, json, basedOn, problems: [{ where: t(locale, "editor.json.whole"), message }] },
      status,
    );
  }
  return renderJson(c, {
    callId,
    json: JSON.stringify(configOf(saved), null, 2),
    basedOn: saved.version,
    notice: t(locale, "staff.admin.saved"),
  });
});

adminRoutes.post("/staff/admin/users", async (c) => {
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
  return renderAdmin(c, { notice: t(c.get("language"), "staff.admin.user.added") });
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

adminRoutes.get("/staff/admin/users/:id", async (c) => {
  await staff(c, { roles: ["admin"] });
  return renderAccount(c, await accountOf(c));
});

adminRoutes.post("/staff/admin/users/:id", async (c) => {
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
  adminRoutes.post(`/staff/admin/users/:id/${action}`, async (c) => {
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
adminRoutes.get("/staff/admin/users/:id/reset-second-factor", async (c) => {
  const { user } = await staff(c, { roles: ["admin"] });
  return html(c, ResetSecondFactorPage({ page: pageOf(c), user, account: await accountOf(c) }));
});

adminRoutes.post("/staff/admin/users/:id/reset-second-factor", async (c) => {
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

adminRoutes.get("/staff/admin/access", async (c) => {
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
