import * as Audit from "@amparo/core/audit";
import * as Auth from "@amparo/core/auth";
import * as Call from "@amparo/core/call";
import { InvalidInputError, NotFoundError, PreconditionRequiredError, VisibleError } from "@amparo/core/error";
import * as Session from "@amparo/core/session";
import * as Account from "@amparo/core/account";
import * as User from "@amparo/core/user";
import { createRoute, z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { body, json, problems } from "../shared/openapi.js";
import { bearer, createStaffApi, staff } from "./session.js";

/** A call's configuration as an admin sends it: the stored schema, its id optional (the path names it). */
const CallConfiguration = z.object({ ...Call.Info.shape, id: Call.CallId.optional() }).openapi("CallConfiguration");

/** The step-up code a security action takes beside its fields (never stored with them). */
const stepUpField = {
  code: Auth.StepUpCode.optional().openapi({
    description:
      "A fresh second-factor code (TOTP, or an unused recovery code), for a security action. Without it such an " +
      "action is refused (403, `auth.step_up_required`); three wrong ones from a session end it (401).",
  }),
};

/**
 * Before the body is read: who asks (401, then 403), then whether the save names the version it was made on
 * (428), so that no save can overwrite a change made since without saying so.
 */
const adminSaveGate: MiddlewareHandler = async (c, next) => {
  await staff(c, { roles: ["admin"] });
  if (c.req.header("if-match") === undefined) throw new PreconditionRequiredError("call.if_match_required");
  await next();
};

const putCall = createRoute({
  method: "put",
  path: "/api/v1/admin/calls/{callId}",
  operationId: "putCall",
  tags: ["Admin"],
  summary: "Creates or replaces a call's configuration",
  description:
    "The whole configuration: quiz questions and rules, concept note fields and word limits, funding and " +
    "budget-file rules, rubric, stages, deadlines, retention and languages. `id` may be left out; if given it " +
    "must match the path. Each save is a new version; applications keep the version they were made under " +
    "(questions, fields, rubric, currency), while dates, pausing and retention apply to all. Send the `version` " +
    'a save answered as `If-Match: "<version>"` (`"0"` for a call that must not exist yet); a save over one made ' +
    "since is refused with 409. `If-Match: *` saves over whatever is there (412 if there is no call yet). Without " +
    "`If-Match`: 428, checked after the session (401) and the role (403) and before the body. Changing " +
    "`retentionDays`, `approvedRetentionDays` or `draftRetentionDays` of a stored call needs `code` beside the " +
    "configuration (a fresh second-factor code, never stored with the call).",
  security: bearer,
  middleware: [adminSaveGate] as const,
  request: {
    params: z.object({ callId: z.string().openapi({ param: { name: "callId", in: "path" } }) }),
    headers: z.object({
      "if-match": z
        .string()
        .regex(/^(\*|(W\/)?"?\d{1,9}"?)$/, 'a version, as "3", or *')
        .openapi({ example: '"3"' }),
    }),
    body: body(z.object({ ...CallConfiguration.shape, ...stepUpField }).openapi("CallSave")),
  },
  responses: {
    200: json(z.object({ id: z.string(), version: z.number().int().positive() }), "Saved"),
    ...problems(400, 401, 403, 409, 412, 422, 428),
  },
});

const createUser = createRoute({
  method: "post",
  path: "/api/v1/admin/users",
  operationId: "createStaffAccount",
  tags: ["Admin"],
  summary: "Creates a staff account",
  description:
    "The address must be new (409 otherwise). Roles are scoped to `callIds`; admins work on every call. An admin " +
    "or coordinator account needs `code` (step-up), and every other active admin is emailed about it.",
  security: bearer,
  request: { body: body(z.object({ ...User.CreateInput.shape, ...stepUpField }).openapi("NewStaffAccount")) },
  responses: { 201: json(z.object({ id: z.string() }), "Created"), ...problems(400, 401, 403, 409, 422) },
});

/** Administration over the JSON API: calls and staff accounts (admins only). */
export const adminApi = createStaffApi();

adminApi.openapi(putCall, async (c) => {
  const session = await staff(c, { roles: ["admin"] });
  const callId = c.req.valid("param").callId;
  const { code, ...config } = c.req.valid("json");
  if (config.id !== undefined && config.id !== callId) {
    throw new InvalidInputError("admin.id_mismatch", [{ path: "id", message: "validation.invalid_value" }]);
  }
  const ifMatch = c.req.valid("header")["if-match"];
  const basedOn = ifMatch === "*" ? "any" : Number(ifMatch.replace(/\D/g, ""));
  // Parsed again whole: the call's cross-field rules (stages, deadlines, rule targets) hold only on the full schema.
  const saved = await Call.put({ ...config, id: callId }, { basedOn, stepUp: Auth.stepUpWith(session, code) });
  c.header("ETag", `"${saved.version}"`);
  return c.json({ id: saved.id, version: saved.version }, 200);
});

adminApi.openapi(createUser, async (c) => {
  const session = await staff(c, { roles: ["admin"] });
  const { code, ...input } = c.req.valid("json");
  const created = await Account.create(input, { id: session.user.id, stepUp: Auth.stepUpWith(session, code) });
  if (!created) throw new VisibleError({ kind: "conflict", code: "user.exists", message: "staff.admin.user.exists" });
  return c.json({ id: created.id }, 201);
});

/* ---------- editing staff accounts, and who opened what ---------- */

/** A staff account as an admin sees it (admins may see addresses; never second-factor state). */
const StaffAccount = z
  .object({
    id: z.string(),
    email: z.string(),
    roles: z.array(User.Role),
    callIds: z.array(z.string()),
    language: z.string(),
    active: z.boolean(),
    /** What the next edit must name as `version`. */
    version: z.number().int(),
  })
  .openapi("StaffAccount");

const accountOut = (account: User.Info): z.infer<typeof StaffAccount> => ({
  id: account.id,
  email: account.email,
  roles: account.roles,
  callIds: account.callIds,
  language: User.localeOf(account),
  active: User.isActive(account),
  version: User.versionOf(account),
});

const UserIdParam = z.object({ userId: z.string().openapi({ param: { name: "userId", in: "path" } }) });

/** The account named in the path; 404 for an id that is no account. */
async function accountOf(userId: string): Promise<User.Info> {
  const account = z.uuid().safeParse(userId).success ? await User.fromID(userId) : undefined;
  if (!account) throw new NotFoundError("user.not_found");
  return account;
}

const editUser = createRoute({
  method: "patch",
  path: "/api/v1/admin/users/{userId}",
  operationId: "editStaffAccount",
  tags: ["Admin"],
  summary: "Sets a staff account's roles, calls and language",
  description:
    "`version` is the account's version as last read: 409 if it changed since. An admin cannot remove their own " +
    "admin role (403), nor can a change leave the fund with no active admin (409, `user.last_admin`). Giving the " +
    "admin or coordinator role needs `code` (step-up). A change of roles is emailed to every other active admin. " +
    "Recorded as an audit event on the account.",
  security: bearer,
  request: {
    params: UserIdParam,
    body: body(z.object({ ...Account.EditInput.shape, ...stepUpField }).openapi("StaffAccountEdit")),
  },
  responses: { 200: json(StaffAccount, "Saved"), ...problems(400, 401, 403, 404, 409, 422) },
});

const activityRoute = (action: "deactivate" | "reactivate") =>
  createRoute({
    method: "post",
    path: `/api/v1/admin/users/{userId}/${action}`,
    operationId: `${action}StaffAccount`,
    tags: ["Admin"],
    summary:
      action === "deactivate"
        ? "Deactivates a staff account and ends its sessions"
        : "Reactivates a deactivated staff account",
    description:
      action === "deactivate"
        ? "The account can no longer sign in (a link request for it answers as for an unknown address) and every " +
          "session it has ends at once; every other active admin is emailed. An admin cannot deactivate themselves " +
          "(403), nor the last active admin be deactivated (409, `user.last_admin`). Needs `code` (step-up). " +
          "`version` as for an edit (409)."
        : "The account can sign in again. Needs `code` (step-up). `version` as for an edit (409).",
    security: bearer,
    request: {
      params: UserIdParam,
      body: body(z.object({ ...Account.ActivityInput.shape, ...stepUpField }).openapi("StaffAccountStepUp")),
    },
    responses: { 200: json(StaffAccount, "Done"), ...problems(400, 401, 403, 404, 409, 422) },
  });

const resetSecondFactor = createRoute({
  method: "post",
  path: "/api/v1/admin/users/{userId}/reset-second-factor",
  operationId: "resetStaffSecondFactor",
  tags: ["Admin"],
  summary: "Resets a staff member's second factor (a lost authenticator and lost recovery codes)",
  description:
    "Removes the account's TOTP secret and every recovery code, ends every session it has, records an audit " +
    "event on the account (`second_factor_reset`) and emails the member, neutrally, that they must set up a " +
    "second factor again at their next sign-in, which then asks for enrolment. Make sure through a channel you " +
    "trust that the request comes from them. Not your own account (403: another admin must). Needs `code` " +
    "(step-up); every other active admin is emailed. `version` as for an edit (409).",
  security: bearer,
  request: {
    params: UserIdParam,
    body: body(z.object({ ...Auth.ResetSecondFactorInput.shape, ...stepUpField }).openapi("StaffAccountStepUp")),
  },
  responses: {
    200: json(
      z.object({ account: StaffAccount, sessionsEnded: z.number().int().min(0) }).openapi("SecondFactorReset"),
      "Reset",
    ),
    ...problems(400, 401, 403, 404, 409, 422),
  },
});

const StaffAccess = z
  .object({
    items: z.array(
      z.object({
        type: z.enum(Audit.accessTypes),
        userId: z.string(),
        email: z.string().optional(),
        applicationId: z.string(),
        at: z.string(),
      }),
    ),
    /** Pass as `before` for the next (older) page; absent on the last. */
    next: z.string().optional(),
  })
  .openapi("StaffAccess");

const listAccess = createRoute({
  method: "get",
  path: "/api/v1/admin/access",
  operationId: "listStaffAccess",
  tags: ["Admin"],
  summary: "Which staff member opened which application or file",
  description:
    "Openings of an application and downloads of its file, newest first, 50 at a time; filtered by staff account " +
    "(`user`) and application (`application`: its whole id, or any start of it such as the 8 characters staff " +
    "pages show, in any case). Pass `next` as `before`, with the same filters, for the next page.",
  security: bearer,
  request: { query: z.object(Audit.AccessQuery.shape).partial() },
  responses: { 200: json(StaffAccess, "Openings"), ...problems(400, 401, 403) },
});

/** The signed-in admin as the actor of a change, with the step-up code the request carried. */
const actor = (session: Session.Session & { token: string }, code: string | undefined): User.Actor => ({
  id: session.user.id,
  stepUp: Auth.stepUpWith(session, code),
});

adminApi.openapi(editUser, async (c) => {
  const session = await staff(c, { roles: ["admin"] });
  const account = await accountOf(c.req.valid("param").userId);
  const { code, ...input } = c.req.valid("json");
  return c.json(accountOut(await Account.edit(account.id, input, actor(session, code))), 200);
});

for (const action of ["deactivate", "reactivate"] as const) {
  adminApi.openapi(activityRoute(action), async (c) => {
    const session = await staff(c, { roles: ["admin"] });
    const account = await accountOf(c.req.valid("param").userId);
    const { code, ...input } = c.req.valid("json");
    const after = await Account.setActive(account.id, action === "reactivate", input, actor(session, code));
    // Deleted after the account is marked, so a session cannot start in between and outlive it.
    if (action === "deactivate") await Session.endAllOf(account.id);
    return c.json(accountOut(after), 200);
  });
}

adminApi.openapi(resetSecondFactor, async (c) => {
  const session = await staff(c, { roles: ["admin"] });
  const account = await accountOf(c.req.valid("param").userId);
  const { code, ...input } = c.req.valid("json");
  const { account: after, sessionsEnded } = await Auth.resetSecondFactor(account.id, input, actor(session, code));
  return c.json({ account: accountOut(after), sessionsEnded }, 200);
});

adminApi.openapi(listAccess, async (c) => {
  await staff(c, { roles: ["admin"] });
  const { user: userId, application, before } = Audit.AccessQuery.parse(c.req.valid("query"));
  const users = await User.list();
  const emails = new Map(users.map((account) => [account.id, account.email]));
  const { items, next } = await Audit.access({
    userIds: userId ? [userId] : users.map((account) => account.id),
    ...(application ? { applicationId: application } : {}),
    ...(before ? { before } : {}),
    limit: Audit.accessPageSize,
  });
  const listed = items.map(({ type, userId: id, applicationId, at }) => {
    const email = emails.get(id);
    return { type, userId: id, applicationId, at, ...(email ? { email } : {}) };
  });
  return c.json({ items: listed, ...(next ? { next } : {}) }, 200);
});
