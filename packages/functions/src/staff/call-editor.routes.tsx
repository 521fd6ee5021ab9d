// The call editor and the raw JSON import and export: a call's configuration, shown, checked and saved.
import * as Auth from "@amparo/core/auth";
import * as Call from "@amparo/core/call";
import {
  CallChangedError,
  InvalidInputError,
  InvalidTotpError,
  NotFoundError,
  StepUpRequiredError,
} from "@amparo/core/error";
import { t } from "@amparo/core/i18n";
import * as User from "@amparo/core/user";
import type { ZodError } from "zod";
import { createArea, type AppContext } from "../shared/app.js";
import { readForm } from "../shared/forms.js";
import { html, pageOf } from "../shared/pages.js";
import { CallEditorPage } from "./call-editor.pages.js";
import { heavyPages } from "./call-weight.js";
import { CallOpenConfirmPage } from "./call-open-confirm.pages.js";
import { anchorsOf, labelsOf, placeErrors } from "./call-form-errors.js";
import { applyAction, draftOf, newCallDraft, parseAction } from "./call-form-actions.js";
import { decode, normalize, type Draft } from "./call-form.js";
import { CallJsonPage, type JsonProblem } from "./call-json.pages.js";
import { jsonErrorOffset, lineAndColumn } from "./call-json.js";
import { staff } from "./session.js";

type Status = 200 | 400 | 403 | 409 | 422 | 428;

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
  // A call that is valid as it stands: how heavy its texts make the applicants' pages, to warn before they load slowly.
  const valid = options.issues ? undefined : Call.Info.safeParse(options.draft);
  const heavy = valid?.success ? heavyPages(valid.data) : [];
  const props = { page, user, callId: options.callId, draft: options.draft, basedOn: options.basedOn, heavy };
  if (options.problem) {
    const problem = { anchor: "", path: "", message: options.problem };
    return html(c, CallEditorPage({ ...props, errors: [problem] }), status);
  }
  if (!options.issues) {
    return html(c, CallEditorPage({ ...props, ...(options.notice ? { notice: options.notice } : {}) }), status);
  }
  const shown = String(CallEditorPage(props));
  const errors = placeErrors(options.issues, options.draft, anchorsOf(shown), page.locale, labelsOf(shown));
  return html(c, CallEditorPage({ ...props, errors }), status);
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

/**
 * The confirmation a save asks for when it would open a call that lacks a quiz, a coordinator or a reviewer;
 * undefined when there is nothing to ask (or the admin has answered it: `confirmOpen`).
 */
async function openingConfirmation(
  c: AppContext,
  call: Call.Info,
  basedOn: number,
  confirmed: boolean,
): Promise<Response | undefined> {
  if (confirmed) return undefined;
  const stored = await Call.fromID(call.id);
  const gaps = Call.openingGaps(call, stored, await User.list());
  if (gaps.length === 0) return undefined;
  const { user } = await staff(c, { roles: ["admin"] });
  const stepUp = !!stored && Call.retentionSettings.some((name) => stored[name] !== call[name]);
  return html(c, CallOpenConfirmPage({ page: pageOf(c), user, call, gaps, basedOn, stepUp }));
}

/** The working copy a post carries: the editor's controls, or the whole call from the confirmation page. */
function draftFrom(body: Record<string, unknown>, callId: string): Draft | undefined {
  const sent = body["draft"];
  if (typeof sent !== "string") return normalize({ ...decode(body), id: callId });
  try {
    const parsed: unknown = JSON.parse(sent);
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return undefined;
    return { ...(parsed as Draft), id: callId };
  } catch {
    return undefined;
  }
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

/** The call editor and the call's raw JSON (admins only). */
export const callEditorRoutes = createArea();

callEditorRoutes.get("/staff/admin/calls/:id", async (c) => {
  await staff(c, { roles: ["admin"] });
  const callId = callIdOf(c);
  const existing = await Call.fromID(callId);
  return renderEditor(c, {
    callId,
    draft: existing ? draftOf(configOf(existing)) : newCallDraft(callId),
    basedOn: existing?.version ?? Call.newCall,
    // After a save the editor is shown again from its own address, so a reload does not save twice.
    ...(existing && c.req.query("saved") === "1" ? { notice: t(c.get("language"), "staff.admin.saved") } : {}),
  });
});

callEditorRoutes.post("/staff/admin/calls/:id", async (c) => {
  const session = await staff(c, { roles: ["admin"] });
  const callId = callIdOf(c);
  const body = await formBody(c);
  const { basedOn, check } = await basedOnOf(callId, body["basedOn"]);
  const draft = draftFrom(body, callId);
  if (!draft) {
    const problem = t(c.get("language"), "staff.admin.invalid_json");
    return renderEditor(c, { callId, draft: newCallDraft(callId), basedOn, problem }, 400);
  }
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
  const confirmation = await openingConfirmation(c, result.data, basedOn, body["confirmOpen"] === "1");
  if (confirmation) return confirmation;
  const code = typeof body["code"] === "string" ? body["code"] : undefined;
  let saved: Call.Stored;
  try {
    saved = await Call.put(result.data, { basedOn, stepUp: Auth.stepUpWith(session, code) });
  } catch (error) {
    // The admin's draft stays on the page, so nothing they wrote is lost; the form still names the old version.
    const { message, status } = saveRefusal(error, locale);
    return renderEditor(c, { callId, draft, basedOn, problem: message }, status);
  }
  return c.redirect(`/staff/admin/calls/${saved.id}?saved=1`, 303);
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

callEditorRoutes.get("/staff/admin/calls/:id/json", async (c) => {
  await staff(c, { roles: ["admin"] });
  const callId = callIdOf(c);
  const existing = await Call.fromID(callId);
  return renderJson(c, {
    callId,
    json: JSON.stringify(existing ? configOf(existing) : newCallDraft(callId), null, 2),
    basedOn: existing?.version ?? Call.newCall,
    ...(existing && c.req.query("saved") === "1" ? { notice: t(c.get("language"), "staff.admin.saved") } : {}),
  });
});

callEditorRoutes.post("/staff/admin/calls/:id/json", async (c) => {
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
  const confirmation = await openingConfirmation(c, result.data, basedOn, false);
  if (confirmation) return confirmation;
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
  return c.redirect(`/staff/admin/calls/${saved.id}/json?saved=1`, 303);
});
