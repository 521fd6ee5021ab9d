// The call editor's errors: each schema issue in the reader's words, placed on the nearest control or group
// the page shows.
import { t, type Locale, type MessageKey } from "@amparo/core/i18n";
import type { ZodError } from "zod";
import { at } from "./call-form.js";

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
