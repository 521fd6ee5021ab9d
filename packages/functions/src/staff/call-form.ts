import * as Call from "@amparo/core/call";
import { t, type Locale, type MessageKey } from "@amparo/core/i18n";
import type { ZodError } from "zod";

/**
 * The structured call editor's working copy, and how it travels.
 *
 * The working copy is the form itself: every field of the call is a control of one form, and every button
 * (save, check, add, remove, move) posts the whole of it. The server decodes the post into a draft, applies the
 * button's action and renders the editor again from the draft. Nothing is stored until the whole call validates
 * and the admin saves. Why not a draft item in the table: a draft would be written by posts that are refused (a
 * save that does not validate must still keep what was typed), would need a key per admin and call, cleaning up,
 * and care when two admins edit one call; the form round trip has none of that, survives the back button, and a
 * whole call is well within the page-form body limit.
 *
 * A control's name is `<flags>:<path>`: the path is where the value goes in the call (`eligibility.questions.2.
 * label.es`), so a schema issue's path names the control that caused it; the flags say how the text becomes a
 * value (below). A control's id is its path.
 */
export type Draft = Record<string, unknown>;

/**
 * How a control's text becomes a value:
 * - `n` a number (text that is not one is kept, so the schema names it);
 * - `M` a number of megabytes, stored as bytes;
 * - `d` a `datetime-local` value, read as UTC;
 * - `b` a checkbox (a hidden `0` comes first, the checkbox sends `1`);
 * - `y` a yes/no select (`true`/`false`);
 * - `l` the checked values of a group of checkboxes (a hidden empty value marks the group);
 * - `c` a comma-separated list;
 * - `a` marks a list, so a list with every item removed is still an (empty) list;
 * - `N` empty is null; `O` empty is left out.
 */
export type Flags = string;

export const controlName = (flags: Flags, path: string) => `${flags}:${path}`;

/** A path's parts must be keys of the call schema or small indexes: nothing a post can use to reach elsewhere. */
const validSegment = (part: string) =>
  /^(?:\d{1,3}|[A-Za-z][A-Za-z0-9]{0,63})$/.test(part) && part !== "constructor" && part !== "prototype";

const omit = Symbol("omit");

/** `2027-03-31T23:59` or `…:59` from a `datetime-local` control, as UTC ISO; anything else kept for the schema. */
function fromLocalTime(text: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2})?(?:\.\d+)?Z?$/.exec(text);
  return match ? `${match[1]}T${match[2]}${match[3] ?? ":00"}.000Z` : text;
}

/** A stored ISO time as a `datetime-local` control shows it (UTC, to the second). */
export function toLocalTime(value: unknown): string {
  if (typeof value !== "string") return "";
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})/.exec(value);
  return match ? match[1]! : value;
}

const numeric = /^-?\d+(?:\.\d+)?$/;

function leafValue(flags: Flags, strings: string[]): unknown {
  if (flags.includes("a")) return [];
  if (flags.includes("b")) return strings.includes("1");
  if (flags.includes("l")) return strings.filter((value) => value !== "");
  const text = (strings[0] ?? "").trim();
  if (flags.includes("c")) {
    const items = text
      .split(",")
      .map((item) => item.trim())
      .filter(Boolean);
    return items.length === 0 && flags.includes("O") ? omit : items;
  }
  if (text === "") return flags.includes("N") ? null : flags.includes("O") ? omit : "";
  if (flags.includes("y")) return text === "true" ? true : text === "false" ? false : text;
  if (flags.includes("d")) return fromLocalTime(text);
  if (flags.includes("n")) return numeric.test(text) ? Number(text) : text;
  if (flags.includes("M")) return numeric.test(text) ? Math.round(Number(text) * 1024 * 1024) : text;
  return text;
}

function setAt(draft: Draft, path: string[], value: unknown, onlyIfMissing: boolean) {
  let node: Record<string, unknown> | unknown[] = draft;
  for (const [index, part] of path.entries()) {
    const last = index === path.length - 1;
    const key = Array.isArray(node) ? Number(part) : part;
    if (Array.isArray(node) && !/^\d+$/.test(part)) return;
    if (!Array.isArray(node) && /^\d+$/.test(part)) return;
    const container = node as Record<string | number, unknown>;
    if (last) {
      if (!(onlyIfMissing && container[key] !== undefined)) container[key] = value;
      return;
    }
    const wantsList = /^\d+$/.test(path[index + 1]!);
    const next = container[key];
    if (next === undefined) container[key] = wantsList ? [] : {};
    else if (typeof next !== "object" || next === null || Array.isArray(next) !== wantsList) return;
    node = container[key] as Record<string, unknown> | unknown[];
  }
}

/** Lists lose their holes (a post that skipped an index), so every item is a whole one. */
function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== undefined).map(compact);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, compact(item)]));
  }
  return value;
}

/** The draft a post of the editor carries. Fields whose names are not controls (the action) are ignored. */
export function decode(body: Record<string, unknown>): Draft {
  const draft: Draft = {};
  for (const [name, raw] of Object.entries(body)) {
    const match = /^([a-zA-Z]{0,8}):(.{1,300})$/.exec(name);
    if (!match) continue;
    const path = match[2]!.split(".");
    if (!path.every(validSegment)) continue;
    const strings = (Array.isArray(raw) ? raw : [raw]).filter((item): item is string => typeof item === "string");
    const value = leafValue(match[1]!, strings);
    if (value === omit) continue;
    setAt(draft, path, value, match[1]!.includes("a"));
  }
  return compact(draft) as Draft;
}

/* ---------- reading a draft ---------- */

/** The value at a dotted path of the draft, or undefined. */
export function at(draft: unknown, path: string): unknown {
  let node = draft;
  for (const part of path.split(".")) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

export const listAt = (draft: unknown, path: string): unknown[] => {
  const value = at(draft, path);
  return Array.isArray(value) ? value : [];
};

/** A leaf as its control shows it. */
export function textAt(draft: unknown, path: string): string {
  const value = at(draft, path);
  if (value === undefined || value === null) return "";
  if (Array.isArray(value)) return value.join(", ");
  return typeof value === "object" ? "" : String(value);
}

/* ---------- the buttons' actions ---------- */

const emptyText = () => ({ en: "", es: "", pt: "" });

/** What a new item of each list starts as. */
function template(listPath: string, draft: Draft): unknown {
  const shape = listPath.replace(/\.\d+\./g, ".*.");
  switch (shape) {
    case "covers":
      return emptyText();
    case "eligibility.questions":
      return {
        id: "",
        type: "single",
        label: emptyText(),
        required: true,
        options: [{ value: "", label: emptyText() }],
      };
    case "eligibility.questions.*.options":
      return { value: "", label: emptyText() };
    case "eligibility.rules": {
      const first = listAt(draft, "eligibility.questions")[0];
      return { id: "", questionId: textAt(first, "id"), test: "in", values: [], reason: emptyText() };
    }
    case "conceptNote.fields":
    case "fullApplication.fields":
      return { id: "", label: emptyText(), help: emptyText(), maxWords: 300, required: true };
    case "rubric.criteria":
    case "fullApplication.rubric.criteria":
      return {
        id: "",
        label: emptyText(),
        weight: 1,
        scale: { low: emptyText(), mid: emptyText(), high: emptyText() },
      };
    case "fullApplication.documents":
      return { id: "", label: emptyText(), required: true, maxBytes: 10 * 1024 * 1024, types: ["application/pdf"] };
    default:
      return undefined;
  }
}

/** The parts of a call that may be there or not, each added and removed whole by its own buttons. */
const optionalParts = ["fullApplication"] as const;
type OptionalPart = (typeof optionalParts)[number];

export type Action =
  | { kind: "save" }
  | { kind: "check" }
  | { kind: "add"; list: string }
  | { kind: "remove" | "up" | "down"; list: string; index: number }
  | { kind: "include" | "exclude"; part: OptionalPart };

/** The button pressed; anything unknown only shows the editor again ("check" without the errors). */
export function parseAction(value: string): Action | { kind: "none" } {
  if (value === "save" || value === "check") return { kind: value };
  const part = /^(include|exclude):(.+)$/.exec(value);
  if (part) {
    const name = optionalParts.find((known) => known === part[2]);
    return name ? { kind: part[1] as "include" | "exclude", part: name } : { kind: "none" };
  }
  const match = /^(add|remove|up|down):([A-Za-z0-9.]{1,200})$/.exec(value);
  if (!match || !match[2]!.split(".").every(validSegment)) return { kind: "none" };
  if (match[1] === "add") return { kind: "add", list: match[2]! };
  const parts = match[2]!.split(".");
  const index = Number(parts.pop());
  if (!Number.isInteger(index)) return { kind: "none" };
  return { kind: match[1] as "remove" | "up" | "down", list: parts.join("."), index };
}

/**
 * A full application as it starts in the editor: one field and one criterion to fill in, no documents yet, and
 * the call's own decision clock (the second one is usually as long as the first).
 */
function fullApplicationTemplate(draft: Draft): Draft {
  const days = (name: string, fallback: number) => (typeof draft[name] === "number" ? draft[name] : fallback);
  return {
    fields: [template("fullApplication.fields", draft)],
    documents: [],
    rubric: { criteria: [template("fullApplication.rubric.criteria", draft)] },
    days: 30,
    decisionDays: days("decisionDays", 45),
    reminderDays: days("reminderDays", 20),
    escalationDays: days("escalationDays", 35),
  };
}

/**
 * Adds or removes an optional part. A full application needs the stages it moves through, so adding one ticks
 * them (the admin sees them ticked and may still untick them, which the check then refuses).
 */
function applyPart(draft: Draft, action: { kind: "include" | "exclude"; part: OptionalPart }): boolean {
  if (action.kind === "exclude") {
    delete draft[action.part];
    return true;
  }
  if (draft[action.part] === undefined) draft[action.part] = fullApplicationTemplate(draft);
  const stages = Array.isArray(draft["stages"]) ? (draft["stages"] as unknown[]) : [];
  const wanted = new Set([...stages, "shortlisted", "full_submitted"]);
  draft["stages"] = [
    ...Call.Stage.options.filter((stage) => wanted.has(stage)),
    ...stages.filter((stage) => !Call.Stage.options.includes(stage as Call.Stage)),
  ];
  return true;
}

/** Applies an add, remove or move to the draft's list (in place); false when there is no such list or item. */
export function applyAction(draft: Draft, action: Action): boolean {
  if (action.kind === "save" || action.kind === "check") return true;
  if ("part" in action) return applyPart(draft, action);
  let list = at(draft, action.list);
  if (action.kind === "add") {
    const item = template(action.list, draft);
    if (item === undefined) return false;
    if (list === undefined) {
      setAt(draft, action.list.split("."), [], true);
      list = at(draft, action.list);
    }
    if (!Array.isArray(list)) return false;
    list.push(item);
    return true;
  }
  if (!Array.isArray(list) || action.index >= list.length) return false;
  const to = action.kind === "up" ? action.index - 1 : action.index + 1;
  if (action.kind === "remove") list.splice(action.index, 1);
  else if (to >= 0 && to < list.length) [list[action.index], list[to]] = [list[to], list[action.index]];
  return true;
}

/* ---------- errors, next to the controls that caused them ---------- */

/** One error as the editor shows it: where (a control's or a group's id) and what, in the reader's language. */
export interface PlacedError {
  anchor: string;
  path: string;
  message: string;
}

const slugKeys = new Set(["id", "value", "questionId"]);

function issueMessage(issue: ZodError["issues"][number], locale: Locale, input: unknown): string {
  const last = String(issue.path.at(-1) ?? "");
  // zod 4 leaves the input out of its issues: the value is read from what was checked.
  const value = at(input, issue.path.map(String).join("."));
  switch (issue.code) {
    case "custom": {
      const params = (issue as { params?: Record<string, string> }).params;
      if (params?.["key"]) {
        return t(locale, params["key"] as MessageKey, {
          stage: params["stage"] ? t(locale, `staff.stage.${params["stage"]}` as MessageKey) : "",
        });
      }
      return issue.message;
    }
    case "invalid_type":
      if (value === undefined || value === "") return t(locale, "validation.required");
      if (issue.expected === "number") return t(locale, "call.issue.number");
      return t(locale, "validation.invalid");
    case "too_small":
      if (issue.origin === "string") return t(locale, "validation.required");
      if (issue.origin === "array") return t(locale, "call.issue.too_few", { minimum: Number(issue.minimum) });
      return t(locale, "call.issue.at_least", { minimum: Number(issue.minimum) });
    case "too_big":
      if (issue.origin === "string") return t(locale, "validation.too_big");
      return t(locale, "call.issue.at_most", { maximum: Number(issue.maximum) });
    case "invalid_format":
      if (last === "currency") return t(locale, "call.issue.currency");
      if (last === "opensAt" || last === "closesAt") return t(locale, "call.issue.date");
      if (slugKeys.has(last) || issue.path[0] === "id") return t(locale, "call.issue.slug");
      if (issue.path[0] === "languages") return t(locale, "call.issue.language");
      return t(locale, "validation.invalid_format");
    case "invalid_value":
    case "invalid_union":
      return t(locale, "validation.invalid_value");
    default:
      return t(locale, "validation.invalid");
  }
}

/**
 * Places each schema issue of `input` on the nearest control or group the editor shows (`anchors`, the ids on the page):
 * its own path if that is a control, else the closest enclosing item, list or section; "" when none is shown.
 */
export function placeErrors(
  error: ZodError,
  input: unknown,
  anchors: ReadonlySet<string>,
  locale: Locale,
): PlacedError[] {
  return error.issues.map((issue) => {
    const parts = issue.path.map(String);
    let anchor = "";
    for (let length = parts.length; length > 0; length--) {
      const candidate = parts.slice(0, length).join(".");
      if (anchors.has(candidate)) {
        anchor = candidate;
        break;
      }
    }
    return { anchor, path: parts.join("."), message: issueMessage(issue, locale, input) };
  });
}

/** The ids an editor page shows, read from its HTML: the anchors errors can be placed on. */
export function anchorsOf(html: string): Set<string> {
  return new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]!));
}

/** A call's stored configuration as the editor's draft (the same shape, as an admin would post it back). */
export const draftOf = (call: Call.Info): Draft => structuredClone(call) as unknown as Draft;

/** What a new call starts as in the editor: the least that validates once its texts are written. */
export function newCallDraft(id: string): Draft {
  return {
    id,
    kind: "emergency",
    title: emptyText(),
    summary: emptyText(),
    covers: [],
    opensAt: null,
    closesAt: null,
    paused: true,
    decisionDays: 14,
    reminderDays: 5,
    escalationDays: 10,
    retentionDays: 180,
    approvedRetentionDays: 3650,
    draftRetentionDays: 30,
    languages: ["en", "es", "pt"],
    stages: ["draft", "submitted", "in_review", "more_info", "approved", "declined", "withdrawn"],
    eligibility: { questions: [], rules: [] },
    conceptNote: { fields: [template("conceptNote.fields", {})] },
    funding: { currency: "EUR", min: 0, max: 10000, maxRatioToAnnualBudget: null, maxMonths: 6 },
    budgetFile: { required: false, maxBytes: 5 * 1024 * 1024, types: ["text/csv", "application/pdf"] },
    rubric: { criteria: [template("rubric.criteria", {})] },
  };
}

/* ---------- the raw JSON import: where a syntax error is ---------- */

/**
 * The offset of the first syntax error in `text` read as strict JSON (RFC 8259), or undefined if it has none.
 * JSON.parse says whether text is JSON, but on Node 20 not always where it is not ("Unexpected token ']'"),
 * so this small scanner finds the place.
 */
export function jsonErrorOffset(text: string): number | undefined {
  let at = 0;
  class Stop extends Error {}
  const fail = (): never => {
    throw new Stop();
  };
  const space = () => {
    while (at < text.length && " \t\n\r".includes(text[at]!)) at++;
  };
  const expect = (literal: string) => {
    for (const char of literal) {
      if (text[at] !== char) fail();
      at++;
    }
  };
  const string = () => {
    expect('"');
    for (;;) {
      const char = text[at];
      if (char === undefined || char < " ") fail();
      if (char === '"') return void at++;
      if (char === "\\") {
        at++;
        const escape = text[at];
        if (escape === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 1, at + 5))) {
            at++;
            fail();
          }
          at += 5;
        } else if (escape !== undefined && '"\\/bfnrt'.includes(escape)) at++;
        else fail();
      } else at++;
    }
  };
  const value = (): void => {
    space();
    const char = text[at];
    if (char === "{") {
      at++;
      space();
      if (text[at] === "}") return void at++;
      for (;;) {
        space();
        string();
        space();
        expect(":");
        value();
        space();
        if (text[at] === ",") at++;
        else return expect("}");
      }
    }
    if (char === "[") {
      at++;
      space();
      if (text[at] === "]") return void at++;
      for (;;) {
        value();
        space();
        if (text[at] === ",") at++;
        else return expect("]");
      }
    }
    if (char === '"') return string();
    if (char === "t") return expect("true");
    if (char === "f") return expect("false");
    if (char === "n") return expect("null");
    const number = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(at));
    if (!number) fail();
    at += number![0].length;
  };
  try {
    value();
    space();
    return at < text.length ? at : undefined;
  } catch {
    // A Stop, or a RangeError from nesting deeper than the stack: either way, the text goes wrong about here.
    return Math.min(at, text.length);
  }
}

/** Line and column (both from 1) of an offset in `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

/**
 * Drops what a question's type does not take: the editor shows options only for choices, countries only for a
 * country question, bounds only for a number, so after a change of type the controls of the old one (still in
 * the post) must not make the call invalid.
 */
export function normalize(draft: Draft): Draft {
  for (const question of listAt(draft, "eligibility.questions")) {
    if (!question || typeof question !== "object") continue;
    const fields = question as Record<string, unknown>;
    const type = fields["type"];
    if (type !== "single" && type !== "multi") delete fields["options"];
    if (type !== "country") delete fields["countries"];
    if (type !== "number") {
      delete fields["min"];
      delete fields["max"];
    }
  }
  return draft;
}
