// The call editor's controls for one item of the call's lists: an eligibility question, a rule, a note's field,
// a rubric criterion, a document asked for, a helpline; and the file types a budget file or document may be.
import * as Call from "@amparo/core/call";
import type { MessageKey } from "@amparo/core/i18n";
import { at, listAt, textAt } from "./call-form.js";
import {
  Checkbox,
  Checkboxes,
  List,
  Localized,
  NumberControl,
  Select,
  TextControl,
  type Editor,
} from "./call-editor-controls.js";

const questionTypes = Call.QuestionType.options;
const ruleTests = ["in", "not_in", "equals", "range"] as const;
export const fileTypes: [string, string][] = [
  ["text/csv", "CSV"],
  ["application/pdf", "PDF"],
  ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel (.xlsx)"],
  ["application/vnd.oasis.opendocument.spreadsheet", "OpenDocument (.ods)"],
];

export function QuestionControls({ e, path }: { e: Editor; path: string }) {
  const { t } = e.page;
  const type = textAt(e.draft, `${path}.type`);
  return (
    <>
      <TextControl e={e} path={`${path}.id`} label={t("editor.id")} help={t("editor.id.help")} />
      <Select
        e={e}
        path={`${path}.type`}
        label={t("editor.question.type")}
        options={questionTypes.map((value) => [value, t(`editor.question.type.${value}` as MessageKey)])}
      />
      <Checkbox e={e} path={`${path}.required`} label={t("editor.required")} />
      <Localized e={e} path={`${path}.label`} legend={t("editor.question.label")} />
      <Localized e={e} path={`${path}.help`} legend={t("editor.help_text")} optional />
      {(type === "single" || type === "multi") && (
        <List
          e={e}
          path={`${path}.options`}
          legend={t("editor.options")}
          itemName={(index) => t("editor.option.n", { n: index + 1 })}
          add={t("editor.option.add")}
          item={(option) => (
            <>
              <TextControl e={e} path={`${option}.value`} label={t("editor.option.value")} help={t("editor.id.help")} />
              <Localized e={e} path={`${option}.label`} legend={t("editor.option.label")} />
            </>
          )}
        />
      )}
      {type === "country" && (
        <TextControl
          e={e}
          path={`${path}.countries`}
          flags="cO"
          label={t("editor.countries")}
          help={t("editor.countries.help")}
        />
      )}
      {type === "number" && (
        <div class="pair">
          <NumberControl e={e} path={`${path}.min`} flags="nO" step="any" label={t("editor.number.min")} />
          <NumberControl e={e} path={`${path}.max`} flags="nO" step="any" label={t("editor.number.max")} />
        </div>
      )}
    </>
  );
}

export function RuleControls({ e, path }: { e: Editor; path: string }) {
  const { t } = e.page;
  const test = textAt(e.draft, `${path}.test`);
  const questionIds = listAt(e.draft, "eligibility.questions")
    .map((question) => textAt(question, "id"))
    .filter(Boolean);
  const target = listAt(e.draft, "eligibility.questions").find(
    (question) => textAt(question, "id") === textAt(e.draft, `${path}.questionId`),
  );
  const values = listAt(target, "options")
    .map((option) => textAt(option, "value"))
    .filter(Boolean);
  return (
    <>
      <TextControl e={e} path={`${path}.id`} label={t("editor.id")} help={t("editor.id.help")} />
      <Select
        e={e}
        path={`${path}.questionId`}
        label={t("editor.rule.question")}
        options={questionIds.map((id) => [id, id])}
      />
      <Select
        e={e}
        path={`${path}.test`}
        label={t("editor.rule.test")}
        options={ruleTests.map((value) => [value, t(`editor.rule.test.${value}` as MessageKey)])}
      />
      {(test === "in" || test === "not_in") && (
        <TextControl
          e={e}
          path={`${path}.values`}
          flags="c"
          label={t("editor.rule.values")}
          help={
            values.length > 0
              ? t("editor.rule.values.help_options", { values: values.join(", ") })
              : t("editor.rule.values.help")
          }
        />
      )}
      {test === "equals" && (
        <Select
          e={e}
          path={`${path}.value`}
          flags="y"
          label={t("editor.rule.value")}
          options={[
            ["true", t("editor.yes")],
            ["false", t("editor.no")],
          ]}
        />
      )}
      {test === "range" && (
        <div class="pair">
          <NumberControl e={e} path={`${path}.min`} flags="nO" step="any" label={t("editor.number.min")} />
          <NumberControl e={e} path={`${path}.max`} flags="nO" step="any" label={t("editor.number.max")} />
        </div>
      )}
      <p class="help">{t("editor.rule.change_test")}</p>
      <Localized e={e} path={`${path}.reason`} legend={t("editor.rule.reason")} rows={2} />
    </>
  );
}

/** One field of a note (the concept note's or the full application's): its id, word limit, heading and help. */
export function NoteFieldControls({ e, path }: { e: Editor; path: string }) {
  const { t } = e.page;
  return (
    <>
      <TextControl e={e} path={`${path}.id`} label={t("editor.id")} help={t("editor.id.help")} />
      <NumberControl e={e} path={`${path}.maxWords`} label={t("editor.field.max_words")} />
      <Checkbox e={e} path={`${path}.required`} label={t("editor.required")} />
      <Localized e={e} path={`${path}.label`} legend={t("editor.field.label")} />
      <Localized e={e} path={`${path}.help`} legend={t("editor.help_text")} optional rows={2} />
    </>
  );
}

/**
 * One document asked for (the full application's or a report's): its id, whether it is required, its name and
 * help, its largest size and the file types it may be.
 */
export function DocumentControls({ e, path }: { e: Editor; path: string }) {
  const { t } = e.page;
  return (
    <>
      <TextControl e={e} path={`${path}.id`} label={t("editor.id")} help={t("editor.id.help")} />
      <Checkbox e={e} path={`${path}.required`} label={t("editor.required")} />
      <Localized e={e} path={`${path}.label`} legend={t("editor.document.label")} />
      <Localized e={e} path={`${path}.help`} legend={t("editor.help_text")} optional rows={2} />
      <NumberControl
        e={e}
        path={`${path}.maxBytes`}
        flags="M"
        step="any"
        value={maxMegabytes(at(e.draft, `${path}.maxBytes`))}
        label={t("editor.budget_file.max")}
      />
      <Checkboxes e={e} path={`${path}.types`} legend={t("editor.budget_file.types")} options={fileTypes} keepOrder />
    </>
  );
}

/** Bytes as the megabytes the control shows (kept as typed when it is not a number). */
export function maxMegabytes(value: unknown): string {
  if (typeof value !== "number") return value === undefined ? "" : String(value);
  return String(Math.round((value / (1024 * 1024)) * 1000) / 1000);
}

/** One rubric criterion (of either rubric): its id, weight, words, and what a 1, a 3 and a 5 mean. */
export function CriterionControls({ e, path }: { e: Editor; path: string }) {
  const { t } = e.page;
  return (
    <>
      <TextControl e={e} path={`${path}.id`} label={t("editor.id")} help={t("editor.id.help")} />
      <NumberControl e={e} path={`${path}.weight`} step="any" label={t("editor.criterion.weight")} />
      <Localized e={e} path={`${path}.label`} legend={t("editor.criterion.label")} />
      <Localized e={e} path={`${path}.scale.low`} legend={t("editor.criterion.low")} optional rows={2} />
      <Localized e={e} path={`${path}.scale.mid`} legend={t("editor.criterion.mid")} optional rows={2} />
      <Localized e={e} path={`${path}.scale.high`} legend={t("editor.criterion.high")} optional rows={2} />
    </>
  );
}

/** A helpline for someone who needs help now: its name, a line on what it does, and how to reach it. */
export function HelpContactControls({ e, path }: { e: Editor; path: string }) {
  const { t } = e.page;
  return (
    <>
      <Localized e={e} path={`${path}.name`} legend={t("editor.help_contact.name")} />
      <Localized e={e} path={`${path}.description`} legend={t("editor.help_contact.description")} optional />
      <TextControl
        e={e}
        path={`${path}.phone`}
        flags="O"
        type="tel"
        label={t("editor.help_contact.phone")}
        help={t("editor.help_contact.phone.help")}
      />
      <TextControl e={e} path={`${path}.url`} flags="O" type="url" label={t("editor.help_contact.url")} />
      <TextControl e={e} path={`${path}.email`} flags="O" type="email" label={t("editor.help_contact.email")} />
    </>
  );
}
