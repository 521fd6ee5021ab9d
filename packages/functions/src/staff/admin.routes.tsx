import * as Call from "@amparo/core/call";
import { InvalidInputError, NotFoundError } from "@amparo/core/error";
import { t } from "@amparo/core/i18n";
import * as User from "@amparo/core/user";
import type { ZodError } from "zod";
import { createArea, type AppContext } from "../shared/app.js";
import { readForm, schemaErrors } from "../shared/forms.js";
import { html, pageOf } from "../shared/pages.js";
import { AdminPage, CallEditorPage, CallJsonPage, type JsonProblem } from "./admin.pages.js";
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

type Status = 200 | 400 | 409 | 422;

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
  options: { callId: string; draft: Draft; isNew: boolean; notice?: string; issues?: ZodError },
  status: Status = 200,
) {
  const { user } = await staff(c, { roles: ["admin"] });
  const page = pageOf(c);
  const props = { page, user, callId: options.callId, draft: options.draft, isNew: options.isNew };
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
  return renderEditor(c, { callId, draft: existing ? draftOf(existing) : newCallDraft(callId), isNew: !existing });
});

adminRoutes.post("/staff/admin/calls/:id", async (c) => {
  await staff(c, { roles: ["admin"] });
  const callId = callIdOf(c);
  const body = await formBody(c);
  const isNew = (await Call.fromID(callId)) === undefined;
  const draft = normalize({ ...decode(body), id: callId });
  const action = parseAction(typeof body["action"] === "string" ? body["action"] : "");
  const locale = c.get("language");

  if (action.kind === "none" || !applyAction(draft, action)) {
    // A button this editor never shows: nothing happens, and the editor shows what was sent.
    return renderEditor(c, { callId, draft, isNew }, 400);
  }
  if (action.kind !== "save" && action.kind !== "check") return renderEditor(c, { callId, draft, isNew });

  const result = Call.Info.safeParse(draft);
  if (!result.success) return renderEditor(c, { callId, draft, isNew, issues: result.error }, 422);
  if (action.kind === "check") {
    return renderEditor(c, { callId, draft, isNew, notice: t(locale, "editor.checked") });
  }
  const saved = await Call.put(result.data);
  return renderEditor(c, { callId, draft: draftOf(saved), isNew: false, notice: t(locale, "staff.admin.saved") });
});

/** The JSON page, with the stored call (or what was sent) and any problems. */
async function renderJson(
  c: AppContext,
  options: { callId: string; json: string; notice?: string; problems?: JsonProblem[] },
  status: Status = 200,
) {
  const { user } = await staff(c, { roles: ["admin"] });
  return html(c, CallJsonPage({ page: pageOf(c), user, ...options }), status);
}

adminRoutes.get("/staff/admin/calls/:id/json", async (c) => {
  await staff(c, { roles: ["admin"] });
  const callId = callIdOf(c);
  const existing = await Call.fromID(callId);
  return renderJson(c, { callId, json: JSON.stringify(existing ?? newCallDraft(callId), null, 2) });
});

adminRoutes.post("/staff/admin/calls/:id/json", async (c) => {
  await staff(c, { roles: ["admin"] });
  const callId = callIdOf(c);
  const { text } = await readForm(c);
  const json = text("config");
  const locale = c.get("language");
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    const { line, column } = lineAndColumn(json, jsonErrorOffset(json) ?? json.length);
    const where = t(locale, "editor.json.line_column", { line, column });
    return renderJson(c, { callId, json, problems: [{ where, message: t(locale, "staff.admin.invalid_json") }] }, 400);
  }
  const config = parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? parsed : { value: parsed };
  const result = Call.Info.safeParse({ ...config, id: callId });
  if (!result.success) {
    const placed = placeErrors(result.error, config, new Set(), locale);
    const problems = placed.map((error) => ({
      where: error.path || t(locale, "editor.json.whole"),
      message: error.message,
    }));
    return renderJson(c, { callId, json, problems }, 422);
  }
  const saved = await Call.put(result.data);
  return renderJson(c, { callId, json: JSON.stringify(saved, null, 2), notice: t(locale, "staff.admin.saved") });
});

adminRoutes.post("/staff/admin/users", async (c) => {
  const { user } = await staff(c, { roles: ["admin"] });
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
  const created = await User.create({ ...input.data, createdBy: user.id });
  if (!created) return renderAdmin(c, { errors: [{ path: "email", message: "staff.admin.user.exists" }] }, 409);
  return renderAdmin(c, { notice: t(c.get("language"), "staff.admin.user.added") });
});
