// The call editor's working copy: how a post of the form becomes a draft, and how the controls read it back.
// The buttons' actions are in call-form-actions.ts, the placing of errors in call-form-errors.ts.
import { locales, staffLocales, type Locale } from "@amparo/core/i18n";

/** The working copy is the form: every button posts all of it, and nothing is stored until the call validates and
 * the admin saves. A control is named `<flags>:<path>` (its path in the call, so a schema issue names it), its id
 * is the path. Why no stored draft: docs/decisions/call-editor-form.md */
export type Draft = Record<string, unknown>;

/** How a control's text becomes a value, a letter each: `n` number, `M` megabytes (as bytes), `d` UTC time, `b`
 * checkbox, `y` yes/no, `l` checked values, `c` comma list, `a` a list even if emptied, `N` empty is null, `O` empty
 * is left out. Each in full: docs/decisions/call-editor-form.md */
export type Flags = string;

export const controlName = (flags: Flags, path: string) => `${flags}:${path}`;

/** A path's parts must be keys of the call schema or small indexes: nothing a post can use to reach elsewhere. */
export const validSegment = (part: string) =>
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

export function setAt(draft: Draft, path: string[], value: unknown, onlyIfMissing: boolean) {
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

/**
 * Drops what a question's type does not take: the editor shows options only for choices, countries only for a
 * country question, bounds only for a number, so after a change of type the controls of the old one (still in
 * the post) must not make the call invalid.
 */
export function normalize(draft: Draft): Draft {
  dropUnaskedLanguages(draft, textLanguagesOf(draft));
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

/** The interface languages the working copy's texts are written in (all of them for a call that names none). */
export function textLanguagesOf(draft: Draft): Locale[] {
  const named = listAt(draft, "textLanguages");
  const chosen = locales.filter((code) => named.includes(code));
  return chosen.length > 0 ? chosen : [...staffLocales];
}

const isText = (value: object) =>
  Object.entries(value).every(([key, words]) => /^[a-z]{2,3}$/.test(key) && typeof words === "string");

/**
 * Empty boxes of a language the call is no longer written in are dropped (a text left with none goes too): taking
 * a language off the list must not make every one of its empty boxes an error the first time the call is checked.
 */
function dropUnaskedLanguages(node: unknown, asked: readonly Locale[]): void {
  if (!node || typeof node !== "object") return;
  for (const [key, value] of Object.entries(node)) {
    if (!value || typeof value !== "object") continue;
    if (!Array.isArray(value) && Object.keys(value).length > 0 && isText(value)) {
      const text = value as Record<string, string>;
      for (const code of locales) if (!asked.includes(code) && text[code] === "") delete text[code];
      if (Object.keys(text).length === 0 && !Array.isArray(node)) delete (node as Record<string, unknown>)[key];
    } else {
      dropUnaskedLanguages(value, asked);
    }
  }
}
