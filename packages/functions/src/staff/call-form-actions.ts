// The call editor's buttons (add, remove and move an item, add or remove an optional part), what a new item or
// a new call starts as, and a stored call as a draft.
import * as Call from "@amparo/core/call";
import * as Stage from "@amparo/core/stage";
import { at, listAt, setAt, textAt, validSegment, type Draft } from "./call-form.js";

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
    case "award.reports.*.fields":
      return { id: "", label: emptyText(), help: emptyText(), maxWords: 300, required: true };
    case "rubric.criteria":
    case "fullApplication.rubric.criteria":
      return {
        id: "",
        label: emptyText(),
        weight: 1,
        scale: { low: emptyText(), mid: emptyText(), high: emptyText() },
      };
    case "immediateHelp":
      return { name: emptyText(), description: emptyText(), phone: "", url: "", email: "" };
    case "fullApplication.documents":
    case "award.reports.*.documents":
      return { id: "", label: emptyText(), required: true, maxBytes: 10 * 1024 * 1024, types: ["application/pdf"] };
    case "award.reports": {
      // Due a month after the grant's period by default: the usual time for a final report. It asks what a call
      // naming nothing asks (the narrative), reminded a week before.
      const period = at(draft, "award.periodDays");
      return {
        id: "",
        title: emptyText(),
        dueDays: typeof period === "number" && period > 0 ? period + 30 : 30,
        remindDays: 7,
        fields: structuredClone(Call.defaultReportFields),
        documents: [],
      };
    }
    default:
      return undefined;
  }
}

/** The parts of a call that may be there or not, each added and removed whole by its own buttons. */
const optionalParts = ["fullApplication", "award"] as const;
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
 * What follows an approval as it starts in the editor: terms to write, a period as long as the call's longest
 * funded one, no reports yet, and every way of paying offered.
 */
function awardTemplate(draft: Draft): Draft {
  const months = at(draft, "funding.maxMonths");
  return {
    agreement: "in_amparo",
    terms: emptyText(),
    periodDays: typeof months === "number" && months > 0 ? Math.min(months * 30, 1830) : 120,
    reports: [],
    paymentMethods: ["bank_transfer", "intermediary", "other"],
  };
}

/** The stages an optional part moves applications through. */
const partStages: Record<OptionalPart, readonly Stage.Stage[]> = {
  fullApplication: ["shortlisted", "full_submitted"],
  award: Stage.awardStages,
};

/**
 * Adds or removes an optional part. A part needs the stages it moves through, so adding one ticks them (the admin
 * sees them ticked and may still untick them, which the check then refuses). Removing the award unticks its
 * stages too: the call refuses them without the award's settings.
 */
function applyPart(draft: Draft, action: { kind: "include" | "exclude"; part: OptionalPart }): boolean {
  const stages = Array.isArray(draft["stages"]) ? (draft["stages"] as unknown[]) : [];
  const wanted = new Set(stages);
  if (action.kind === "exclude") {
    delete draft[action.part];
    if (action.part !== "award") return true;
    for (const stage of partStages.award) wanted.delete(stage);
  } else {
    if (draft[action.part] === undefined) {
      draft[action.part] = action.part === "award" ? awardTemplate(draft) : fullApplicationTemplate(draft);
    }
    for (const stage of partStages[action.part]) wanted.add(stage);
  }
  draft["stages"] = [
    ...Stage.Stage.options.filter((stage) => wanted.has(stage)),
    ...stages.filter((stage) => !Stage.Stage.options.includes(stage as Stage.Stage)),
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
    textLanguages: ["en", "es", "pt"],
    stages: ["draft", "submitted", "in_review", "more_info", "approved", "declined", "withdrawn"],
    eligibility: { questions: [], rules: [] },
    conceptNote: { fields: [template("conceptNote.fields", {})] },
    funding: { currency: "EUR", min: 0, max: 10000, maxRatioToAnnualBudget: null, maxMonths: 6 },
    budgetFile: { required: false, maxBytes: 5 * 1024 * 1024, types: ["text/csv", "application/pdf"] },
    rubric: { criteria: [template("rubric.criteria", {})] },
  };
}
