// The call editor's errors: each schema issue in the reader's words, placed on the nearest control or group
// the page shows.
import { t, type Locale, type MessageKey } from "@amparo/core/i18n";
import type { ZodError } from "zod";
import { at } from "./call-form.js";

/** One error as the editor shows it: where (a control's or a group's id) and what, in the reader's language. */
export interface PlacedError {
  anchor: string;
  path: string;
  /** The field as the page labels it ("Question 1 › Label (Português)"); the path where the page shows none. */
  label?: string;
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
  labels: FieldLabels = { names: new Map(), languageGroups: new Set() },
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
    const label = labelOf(parts, labels);
    return { anchor, path: parts.join("."), ...(label ? { label } : {}), message: issueMessage(issue, locale, input) };
  });
}

/** The ids an editor page shows, read from its HTML: the anchors errors can be placed on. */
export function anchorsOf(html: string): Set<string> {
  return new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]!));
}

const decodeEntities = (text: string) =>
  text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, "&");

/** The words that label each control (`<label for>`) and group (a fieldset's legend, an optional part's heading)
 * of an editor page, by id. */
export interface FieldLabels {
  names: Map<string, string>;
  /** The groups whose controls are one text in several languages (each control labelled by its language). */
  languageGroups: Set<string>;
}

export function labelsOf(html: string): FieldLabels {
  const names = new Map<string, string>();
  const languageGroups = new Set<string>();
  const text = (inner: string) =>
    decodeEntities(inner.replace(/<[^>]*>/g, ""))
      .replace(/\s+/g, " ")
      .trim();
  for (const match of html.matchAll(/<label[^>]*\sfor="([^"]+)"[^>]*>([\s\S]*?)<\/label>/g)) {
    names.set(match[1]!, text(match[2]!));
  }
  // A part of the call that may be there or not is a section named by its heading ("After the award").
  for (const match of html.matchAll(/<section\s+id="([^"]+)"[^>]*>\s*<h2[^>]*>([\s\S]*?)<\/h2>/g)) {
    names.set(match[1]!, text(match[2]!));
  }
  for (const match of html.matchAll(/<fieldset([^>]*)>\s*<legend[^>]*>([\s\S]*?)<\/legend>/g)) {
    const id = /\sid="([^"]+)"/.exec(match[1]!)?.[1];
    if (!id) continue;
    names.set(id, text(match[2]!));
    if (/\sclass="localized"/.test(match[1]!)) languageGroups.add(id);
  }
  return { names, languageGroups };
}

/**
 * A path named as the page labels it: each enclosing group's words, then the field's, a language in brackets
 * ("Title (Português)"). A list's own name is left out where its item is named ("Question 2" says enough).
 * Undefined when the page labels nothing on the path.
 */
function labelOf(parts: string[], { names, languageGroups }: FieldLabels): string | undefined {
  const words: string[] = [];
  for (let length = 1; length <= parts.length; length++) {
    const prefix = parts.slice(0, length).join(".");
    const name = names.get(prefix);
    if (!name) continue;
    const nextIsItem =
      length < parts.length && /^\d+$/.test(parts[length]!) && names.has(`${prefix}.${parts[length]!}`);
    if (nextIsItem) continue;
    const inLanguageGroup = languageGroups.has(parts.slice(0, length - 1).join("."));
    if (inLanguageGroup && words.length > 0) words[words.length - 1] = `${words.at(-1)} (${name})`;
    else words.push(name);
  }
  return words.length > 0 ? words.join(" › ") : undefined;
}
