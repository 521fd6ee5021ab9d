import * as Call from "@amparo/core/call";
import type { FieldError } from "@amparo/core/error";
import { languageName, locales, pick, type MessageKey } from "@amparo/core/i18n";
import type * as User from "@amparo/core/user";
import type { Child } from "hono/jsx";
import { ErrorSummary, Field, Notice, described, fieldMessage, type PageContext } from "../shared/pages.js";
import { at, controlName, listAt, textAt, toLocalTime, type Draft, type Flags, type PlacedError } from "./call-form.js";
import { StaffAccountFields, StepUpField } from "./fields.js";
import { StaffLayout } from "./layout.js";

/** Administration: the calls (each opens in the editor) and the staff accounts. */
export function AdminPage({
  page,
  user,
  calls,
  users,
  notice,
  errors = [],
}: {
  page: PageContext;
  user: User.Info;
  calls: Call.Info[];
  users: User.Info[];
  notice?: string;
  errors?: FieldError[];
}) {
  const { t } = page;
  const codeError = errors.find((error) => error.path === "code");
  return (
    <StaffLayout page={page} user={user}>
      <h1>{t("staff.admin.heading")}</h1>
      <Notice text={notice} />
      <ErrorSummary
        page={page}
        items={errors.map((error) => ({
          href: error.path === "newCallId" ? "#new-call-id" : error.path === "code" ? "#user-code" : "#user-email",
          text: `${error.path && error.path !== "newCallId" ? `${error.path}: ` : ""}${fieldMessage(page, error)}`,
        }))}
      />
      <h2>{t("staff.admin.calls")}</h2>
      <ul>
        {calls.map((call) => (
          <li>
            <a href={`/staff/admin/calls/${call.id}`}>{t("staff.admin.edit", { id: call.id })}</a> —{" "}
            {pick(call.title, page.locale)} (<a href={`/staff/admin/calls/${call.id}/json`}>{t("editor.json.link")}</a>)
          </li>
        ))}
      </ul>
      <form method="get" action="/staff/admin/calls" class="inline-form">
        <Field
          id="new-call-id"
          label={t("staff.admin.new_call")}
          help={t("editor.new_call.help")}
          error={errors.find((error) => error.path === "newCallId") ? t("call.issue.slug") : undefined}
        >
          <input
            type="text"
            id="new-call-id"
            name="id"
            autocomplete="off"
            spellcheck={false}
            {...described("new-call-id", { help: true })}
          />
        </Field>
        <p class="actions">
          <button type="submit" class="secondary">
            {t("editor.new_call.open")}
          </button>
        </p>
      </form>
      <h2>{t("staff.admin.users")}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t("staff.admin.user.email")}</th>
            <th scope="col">{t("staff.admin.user.roles")}</th>
            <th scope="col">{t("staff.admin.user.calls")}</th>
            <th scope="col">{t("staff.admin.user.language")}</th>
            <th scope="col">{t("staff.account.status")}</th>
            <th scope="col">
              <span class="visually-hidden">{t("staff.account.edit")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((account) => (
            <tr>
              <td>{account.email}</td>
              <td>{account.roles.map((role) => t(`staff.role.${role}`)).join(", ")}</td>
              <td>{account.callIds.join(", ")}</td>
              <td>{languageName(account.language ?? "en")}</td>
              <td>{t(account.deactivatedAt ? "staff.account.inactive" : "staff.account.active")}</td>
              <td>
                <a href={`/staff/admin/users/${account.id}`} aria-label={`${t("staff.account.edit")} ${account.email}`}>
                  {t("staff.account.edit")}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <a href="/staff/admin/access">{t("staff.access.heading")}</a>
      </p>
      <form method="post" action="/staff/admin/users">
        <Field id="user-email" label={t("staff.admin.user.email")}>
          <input type="email" id="user-email" name="email" required autocomplete="off" />
        </Field>
        <StaffAccountFields page={page} calls={calls} />
        <StepUpField
          page={page}
          id="user-code"
          required={false}
          help={t("staff.admin.user.step_up")}
          {...(codeError ? { error: fieldMessage(page, codeError) } : {})}
        />
        <p class="actions">
          <button type="submit" class="secondary">
            {t("staff.admin.user.submit")}
          </button>
        </p>
      </form>
    </StaffLayout>
  );
}

/* ---------- the structured call editor ---------- */

/** What every control of the editor needs: the reader, the working copy, and the errors by the id they belong to. */
interface Editor {
  page: PageContext;
  draft: Draft;
  errors: Map<string, string[]>;
}

const errorText = (e: Editor, id: string) => e.errors.get(id)?.join(" ");

/** Errors of a group (a list, an item, a localized text) shown at its top. */
function GroupErrors({ e, id }: { e: Editor; id: string }) {
  const text = errorText(e, id);
  return text ? (
    <p class="error" id={`${id}-error`}>
      {text}
    </p>
  ) : null;
}

function TextControl({
  e,
  path,
  label,
  flags = "",
  help,
  type = "text",
  rows,
  value,
  step,
  inputmode,
}: {
  e: Editor;
  path: string;
  label: Child;
  flags?: Flags;
  help?: string;
  type?: string;
  rows?: number;
  value?: string;
  step?: string;
  inputmode?: "decimal";
}) {
  const error = errorText(e, path);
  const shown = value ?? textAt(e.draft, path);
  const attributes = { id: path, name: controlName(flags, path), ...described(path, { help, error }) };
  return (
    <Field id={path} label={label} help={help} error={error}>
      {rows ? (
        <textarea {...attributes} rows={rows}>
          {shown}
        </textarea>
      ) : (
        <input
          type={type}
          {...attributes}
          value={shown}
          {...(step ? { step } : {})}
          {...(inputmode ? { inputmode } : {})}
          autocomplete="off"
          spellcheck={type === "text" ? false : undefined}
        />
      )}
    </Field>
  );
}

function NumberControl(props: {
  e: Editor;
  path: string;
  label: Child;
  flags?: Flags;
  help?: string;
  step?: string;
  value?: string;
}) {
  return (
    <TextControl {...props} flags={props.flags ?? "n"} type="number" step={props.step ?? "1"} inputmode="decimal" />
  );
}

function Checkbox({ e, path, label }: { e: Editor; path: string; label: Child }) {
  const error = errorText(e, path);
  return (
    <div class="choice">
      <input type="hidden" name={controlName("b", path)} value="0" />
      <input
        type="checkbox"
        id={path}
        name={controlName("b", path)}
        value="1"
        checked={at(e.draft, path) === true}
        {...described(path, { error })}
      />
      <label for={path}>{label}</label>
      {error && (
        <span class="error" id={`${path}-error`}>
          {error}
        </span>
      )}
    </div>
  );
}

function Select({
  e,
  path,
  label,
  options,
  flags = "",
}: {
  e: Editor;
  path: string;
  label: Child;
  options: [value: string, label: string][];
  flags?: Flags;
}) {
  const error = errorText(e, path);
  const current = textAt(e.draft, path);
  const all = options.some(([value]) => value === current)
    ? options
    : [...options, [current, current] as [string, string]];
  return (
    <Field id={path} label={label} error={error}>
      <select id={path} name={controlName(flags, path)} {...described(path, { error })}>
        {all.map(([value, text]) => (
          <option value={value} selected={value === current}>
            {text}
          </option>
        ))}
      </select>
    </Field>
  );
}

function Checkboxes({
  e,
  path,
  legend,
  options,
  keepOrder = false,
}: {
  e: Editor;
  path: string;
  legend: Child;
  options: [value: string, label: string][];
  /**
   * The ticked options first, in the order stored: a list whose order means nothing (file types) then comes back
   * exactly as it was stored, so saving an unchanged call changes nothing.
   */
  keepOrder?: boolean;
}) {
  const chosen = listAt(e.draft, path);
  const shown = keepOrder
    ? [
        ...chosen.flatMap((value) => options.filter(([option]) => option === value)),
        ...options.filter(([option]) => !chosen.includes(option)),
      ]
    : options;
  return (
    <fieldset id={path}>
      <legend>{legend}</legend>
      <GroupErrors e={e} id={path} />
      {shown.map(([value, text]) => (
        <div class="choice">
          <input
            type="checkbox"
            id={`${path}--${value}`}
            name={controlName("l", path)}
            value={value}
            checked={chosen.includes(value)}
          />
          <label for={`${path}--${value}`}>{text}</label>
        </div>
      ))}
      {/* Last, not first: a control right after the legend would sit beside it (the legend floats). */}
      <input type="hidden" name={controlName("l", path)} value="" />
    </fieldset>
  );
}

/** A text in each interface language (and any other language the stored text already has). */
function Localized({
  e,
  path,
  legend,
  optional = false,
  rows,
}: {
  e: Editor;
  path: string;
  legend: Child;
  optional?: boolean;
  rows?: number;
}) {
  const stored = at(e.draft, path);
  const others =
    stored && typeof stored === "object" ? Object.keys(stored).filter((key) => !locales.includes(key as never)) : [];
  return (
    <fieldset id={path} class="localized">
      <legend>{legend}</legend>
      <GroupErrors e={e} id={path} />
      {[...locales, ...others].map((code) => (
        <TextControl
          e={e}
          path={`${path}.${code}`}
          label={languageName(code, e.page.locale)}
          flags={optional || !locales.includes(code as never) ? "O" : ""}
          {...(rows ? { rows } : {})}
        />
      ))}
    </fieldset>
  );
}

/** A list whose items can be added, removed and moved, each a group of controls. */
function List({
  e,
  path,
  legend,
  itemName,
  add,
  item,
  hint,
}: {
  e: Editor;
  path: string;
  legend: string;
  itemName: (index: number) => string;
  add: string;
  item: (itemPath: string, index: number) => Child;
  hint?: string;
}) {
  const { t } = e.page;
  const items = listAt(e.draft, path);
  return (
    <fieldset id={path} class="editor-list">
      <legend>{legend}</legend>
      {hint && <p class="help">{hint}</p>}
      <GroupErrors e={e} id={path} />
      {items.length === 0 && <p class="note">{t("editor.list.empty")}</p>}
      {items.map((_, index) => {
        const itemPath = `${path}.${index}`;
        const name = itemName(index);
        const hidden = <span class="visually-hidden">: {name}</span>;
        return (
          <fieldset id={itemPath} class="editor-item">
            <legend>{name}</legend>
            <GroupErrors e={e} id={itemPath} />
            {item(itemPath, index)}
            <p class="actions item-actions">
              {index > 0 && (
                <button type="submit" name="action" value={`up:${itemPath}`} class="secondary">
                  {t("editor.move_up")}
                  {hidden}
                </button>
              )}
              {index < items.length - 1 && (
                <button type="submit" name="action" value={`down:${itemPath}`} class="secondary">
                  {t("editor.move_down")}
                  {hidden}
                </button>
              )}
              <button type="submit" name="action" value={`remove:${itemPath}`} class="secondary">
                {t("editor.remove")}
                {hidden}
              </button>
            </p>
          </fieldset>
        );
      })}
      <p class="actions">
        <button type="submit" name="action" value={`add:${path}`} class="secondary">
          {add}
        </button>
      </p>
      <input type="hidden" name={controlName("a", path)} value="" />
    </fieldset>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: Child }) {
  return (
    <section aria-labelledby={`section-${id}`} class="editor-section">
      <h2 id={`section-${id}`}>{title}</h2>
      {children}
    </section>
  );
}

const questionTypes = Call.QuestionType.options;
const ruleTests = ["in", "not_in", "equals", "range"] as const;
const fileTypes: [string, string][] = [
  ["text/csv", "CSV"],
  ["application/pdf", "PDF"],
  ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel (.xlsx)"],
  ["application/vnd.oasis.opendocument.spreadsheet", "OpenDocument (.ods)"],
];

function QuestionControls({ e, path }: { e: Editor; path: string }) {
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

function RuleControls({ e, path }: { e: Editor; path: string }) {
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
function NoteFieldControls({ e, path }: { e: Editor; path: string }) {
  const { t } = e.page;
  return (
    <>
      <TextControl e={e} path={`${path}.id`} label={t("editor.id")} help={t("editor.id.help")} />
      <NumberControl e={e} path={`${path}.maxWords`} label={t("editor.field.max_words")} />
      <Checkbox e={e} path={`${path}.required`} label={t("editor.required")} />
      <Localized e={e} path={`${path}.label`} legend={t("editor.field.label")} />
      <Localized e={e} path={`${path}.help`} legend={t("editor.help_text")} rows={2} />
    </>
  );
}

/** One rubric criterion (of either rubric): its id, weight, words, and what a 1, a 3 and a 5 mean. */
function CriterionControls({ e, path }: { e: Editor; path: string }) {
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

/**
 * A grant call's second stage, which a call may have or not: a button adds it (with one field and one criterion
 * to fill in) or removes it whole. Its controls are only on the page while it is there, so a call without one
 * posts none, and one with it posts it back whole with every other press of a button.
 */
function FullApplicationSection({ e }: { e: Editor }) {
  const { t } = e.page;
  const path = "fullApplication";
  const present = at(e.draft, path) !== undefined;
  return (
    <section id={path} aria-labelledby="section-full-application" class="editor-section">
      <h2 id="section-full-application">{t("editor.section.full_application")}</h2>
      <p class="help">{t("editor.full.intro")}</p>
      <GroupErrors e={e} id={path} />
      {!present ? (
        <>
          <p class="note">{t("editor.full.none")}</p>
          <p class="actions">
            <button type="submit" name="action" value={`include:${path}`} class="secondary">
              {t("editor.full.add")}
            </button>
          </p>
        </>
      ) : (
        <>
          <List
            e={e}
            path={`${path}.fields`}
            legend={t("editor.full.fields")}
            hint={t("editor.full.fields.hint")}
            itemName={(index) => t("editor.field.n", { n: index + 1 })}
            add={t("editor.field.add")}
            item={(field) => <NoteFieldControls e={e} path={field} />}
          />
          <List
            e={e}
            path={`${path}.documents`}
            legend={t("editor.documents")}
            hint={t("editor.documents.hint")}
            itemName={(index) => t("editor.document.n", { n: index + 1 })}
            add={t("editor.document.add")}
            item={(document) => (
              <>
                <TextControl e={e} path={`${document}.id`} label={t("editor.id")} help={t("editor.id.help")} />
                <Checkbox e={e} path={`${document}.required`} label={t("editor.required")} />
                <Localized e={e} path={`${document}.label`} legend={t("editor.document.label")} />
                <Localized e={e} path={`${document}.help`} legend={t("editor.help_text")} optional rows={2} />
                <NumberControl
                  e={e}
                  path={`${document}.maxBytes`}
                  flags="M"
                  step="any"
                  value={maxMegabytes(at(e.draft, `${document}.maxBytes`))}
                  label={t("editor.budget_file.max")}
                />
                <Checkboxes
                  e={e}
                  path={`${document}.types`}
                  legend={t("editor.budget_file.types")}
                  options={fileTypes}
                  keepOrder
                />
              </>
            )}
          />
          <List
            e={e}
            path={`${path}.rubric.criteria`}
            legend={t("editor.full.criteria")}
            hint={t("editor.criteria.hint")}
            itemName={(index) => t("editor.criterion.n", { n: index + 1 })}
            add={t("editor.criterion.add")}
            item={(criterion) => <CriterionControls e={e} path={criterion} />}
          />
          <NumberControl e={e} path={`${path}.days`} label={t("editor.full.days")} help={t("editor.full.days.help")} />
          <fieldset>
            <legend>{t("editor.full.clock")}</legend>
            <div class="triple">
              <NumberControl e={e} path={`${path}.reminderDays`} label={t("editor.days.reminder")} />
              <NumberControl e={e} path={`${path}.escalationDays`} label={t("editor.days.escalation")} />
              <NumberControl e={e} path={`${path}.decisionDays`} label={t("editor.days.decision")} />
            </div>
          </fieldset>
          <p class="actions">
            <button type="submit" name="action" value={`exclude:${path}`} class="secondary">
              {t("editor.full.remove")}
            </button>
          </p>
        </>
      )}
    </section>
  );
}

/**
 * The call editor: one form holding the whole call, in sections; the buttons add, remove and move items, check
 * the call or save it (see `call-form.ts` for how the working copy travels).
 */
export function CallEditorPage({
  page,
  user,
  callId,
  draft,
  basedOn,
  notice,
  errors = [],
}: {
  page: PageContext;
  user: User.Info;
  callId: string;
  draft: Draft;
  /** The stored version this form edits (`Call.newCall` for a new call): a save over a newer one is refused. */
  basedOn: number;
  notice?: string;
  errors?: PlacedError[];
}) {
  const { t } = page;
  const byAnchor = new Map<string, string[]>();
  for (const error of errors) byAnchor.set(error.anchor, [...(byAnchor.get(error.anchor) ?? []), error.message]);
  const e: Editor = { page, draft, errors: byAnchor };
  const numberQuestions = listAt(draft, "eligibility.questions")
    .filter((question) => textAt(question, "type") === "number")
    .map((question): [string, string] => [textAt(question, "id"), textAt(question, "id")]);
  const buttons = (
    <p class="actions">
      <button type="submit" name="action" value="check" class="secondary">
        {t("editor.check")}
      </button>
      <button type="submit" name="action" value="save">
        {t("staff.admin.save")}
      </button>
    </p>
  );
  return (
    <StaffLayout page={page} user={user}>
      <p>
        <a href="/staff/admin">{t("editor.back")}</a>
      </p>
      <h1>{t(basedOn === Call.newCall ? "editor.heading_new" : "editor.heading", { id: callId })}</h1>
      <p>
        {t("editor.intro")} <a href={`/staff/admin/calls/${callId}/json`}>{t("editor.json.link_long")}</a>
      </p>
      <Notice text={notice} />
      <ErrorSummary
        page={page}
        items={errors.map((error) => ({
          href: `#${error.anchor || "call-editor"}`,
          text: `${error.path ? `${error.path}: ` : ""}${error.message}`,
        }))}
      />
      {byAnchor.has("") && <GroupErrors e={e} id="" />}
      <form method="post" action={`/staff/admin/calls/${callId}`} id="call-editor" class="call-editor" novalidate>
        <input type="hidden" name="basedOn" value={String(basedOn)} />
        {buttons}
        <Section id="basics" title={t("editor.section.basics")}>
          <Select
            e={e}
            path="kind"
            label={t("editor.kind")}
            options={Call.Kind.options.map((kind) => [kind, t(`editor.kind.${kind}` as MessageKey)])}
          />
          <Localized e={e} path="title" legend={t("editor.title")} />
          <Localized e={e} path="summary" legend={t("editor.summary")} rows={3} />
          <List
            e={e}
            path="covers"
            legend={t("editor.covers")}
            itemName={(index) => t("editor.cover.n", { n: index + 1 })}
            add={t("editor.cover.add")}
            item={(cover) => <Localized e={e} path={cover} legend={t("editor.cover.text")} />}
          />
          <TextControl
            e={e}
            path="languages"
            flags="c"
            label={t("editor.languages")}
            help={t("editor.languages.help")}
          />
          <div class="pair">
            <TextControl
              e={e}
              path="opensAt"
              flags="dN"
              type="datetime-local"
              step="1"
              value={toLocalTime(at(draft, "opensAt"))}
              label={t("editor.opens")}
              help={t("editor.date.help")}
            />
            <TextControl
              e={e}
              path="closesAt"
              flags="dN"
              type="datetime-local"
              step="1"
              value={toLocalTime(at(draft, "closesAt"))}
              label={t("editor.closes")}
              help={t("editor.date.help")}
            />
          </div>
          <Checkbox e={e} path="paused" label={t("editor.paused")} />
        </Section>

        <Section id="eligibility" title={t("editor.section.eligibility")}>
          <List
            e={e}
            path="eligibility.questions"
            legend={t("editor.questions")}
            hint={t("editor.questions.hint")}
            itemName={(index) => t("editor.question.n", { n: index + 1 })}
            add={t("editor.question.add")}
            item={(question) => <QuestionControls e={e} path={question} />}
          />
          <List
            e={e}
            path="eligibility.rules"
            legend={t("editor.rules")}
            hint={t("editor.rules.hint")}
            itemName={(index) => t("editor.rule.n", { n: index + 1 })}
            add={t("editor.rule.add")}
            item={(rule) => <RuleControls e={e} path={rule} />}
          />
        </Section>

        <Section id="note" title={t("editor.section.note")}>
          <List
            e={e}
            path="conceptNote.fields"
            legend={t("editor.fields")}
            itemName={(index) => t("editor.field.n", { n: index + 1 })}
            add={t("editor.field.add")}
            item={(field) => <NoteFieldControls e={e} path={field} />}
          />
        </Section>

        <Section id="funding" title={t("editor.section.funding")}>
          <TextControl e={e} path="funding.currency" label={t("editor.currency")} help={t("editor.currency.help")} />
          <div class="pair">
            <NumberControl e={e} path="funding.min" label={t("editor.funding.min")} />
            <NumberControl e={e} path="funding.max" label={t("editor.funding.max")} />
          </div>
          <div class="pair">
            <NumberControl
              e={e}
              path="funding.maxRatioToAnnualBudget"
              flags="nN"
              step="any"
              label={t("editor.funding.ratio")}
              help={t("editor.funding.ratio.help")}
            />
            <NumberControl e={e} path="funding.maxMonths" label={t("editor.funding.months")} />
          </div>
          <Select
            e={e}
            path="funding.annualBudgetQuestion"
            flags="O"
            label={t("editor.funding.budget_question")}
            options={[["", t("editor.funding.budget_question.none")], ...numberQuestions]}
          />
        </Section>

        <Section id="budget-file" title={t("editor.section.budget_file")}>
          <Checkbox e={e} path="budgetFile.required" label={t("editor.budget_file.required")} />
          <NumberControl
            e={e}
            path="budgetFile.maxBytes"
            flags="M"
            step="any"
            value={maxMegabytes(at(draft, "budgetFile.maxBytes"))}
            label={t("editor.budget_file.max")}
          />
          <Checkboxes
            e={e}
            path="budgetFile.types"
            legend={t("editor.budget_file.types")}
            options={fileTypes}
            keepOrder
          />
        </Section>

        <Section id="rubric" title={t("editor.section.rubric")}>
          <List
            e={e}
            path="rubric.criteria"
            legend={t("editor.criteria")}
            hint={t("editor.criteria.hint")}
            itemName={(index) => t("editor.criterion.n", { n: index + 1 })}
            add={t("editor.criterion.add")}
            item={(criterion) => <CriterionControls e={e} path={criterion} />}
          />
        </Section>

        <FullApplicationSection e={e} />

        <Section id="stages" title={t("editor.section.stages")}>
          <Checkboxes
            e={e}
            path="stages"
            legend={t("editor.stages")}
            options={Call.Stage.options.map((stage) => [stage, t(`staff.stage.${stage}`)])}
          />
        </Section>

        <Section id="deadlines" title={t("editor.section.deadlines")}>
          <div class="triple">
            <NumberControl e={e} path="reminderDays" label={t("editor.days.reminder")} />
            <NumberControl e={e} path="escalationDays" label={t("editor.days.escalation")} />
            <NumberControl e={e} path="decisionDays" label={t("editor.days.decision")} />
          </div>
        </Section>

        <Section id="retention" title={t("editor.section.retention")}>
          <div class="triple">
            <NumberControl e={e} path="retentionDays" label={t("editor.days.retention")} />
            <NumberControl e={e} path="approvedRetentionDays" label={t("editor.days.approved_retention")} />
            <NumberControl e={e} path="draftRetentionDays" label={t("editor.days.draft_retention")} />
          </div>
          <StepUpField page={page} id="retention-code" required={false} help={t("editor.step_up.help")} />
        </Section>

        <Section id="next-steps" title={t("editor.section.next_steps")}>
          <Localized e={e} path="nextSteps.approved" legend={t("editor.next.approved")} optional rows={4} />
          <Localized e={e} path="nextSteps.declined" legend={t("editor.next.declined")} optional rows={4} />
          <Localized e={e} path="contact" legend={t("editor.contact")} optional rows={2} />
        </Section>
        {buttons}
      </form>
    </StaffLayout>
  );
}

/** Bytes as the megabytes the control shows (kept as typed when it is not a number). */
function maxMegabytes(value: unknown): string {
  if (typeof value !== "number") return value === undefined ? "" : String(value);
  return String(Math.round((value / (1024 * 1024)) * 1000) / 1000);
}

/* ---------- the raw JSON, for import and export ---------- */

/** One problem with an imported configuration: where (a line and column, or a path) and what. */
export interface JsonProblem {
  where: string;
  message: string;
}

export function CallJsonPage({
  page,
  user,
  callId,
  json,
  basedOn,
  notice,
  problems = [],
}: {
  page: PageContext;
  user: User.Info;
  callId: string;
  json: string;
  /** As the editor's: the stored version this text was exported from. */
  basedOn: number;
  notice?: string;
  problems?: JsonProblem[];
}) {
  const { t } = page;
  return (
    <StaffLayout page={page} user={user}>
      <p>
        <a href={`/staff/admin/calls/${callId}`}>{t("editor.json.back")}</a>
      </p>
      <h1>{t("editor.json.heading", { id: callId })}</h1>
      <p>{t("editor.json.intro")}</p>
      <Notice text={notice} />
      <ErrorSummary
        page={page}
        items={problems.map((problem) => ({ href: "#config", text: `${problem.where}: ${problem.message}` }))}
      />
      <form method="post" action={`/staff/admin/calls/${callId}/json`}>
        <input type="hidden" name="basedOn" value={String(basedOn)} />
        <Field id="config" label={t("staff.admin.config")}>
          <textarea
            id="config"
            name="config"
            rows={24}
            spellcheck={false}
            class="code-input"
            {...described("config", { error: problems.length > 0 ? "error" : undefined })}
          >
            {json}
          </textarea>
        </Field>
        <StepUpField page={page} id="retention-code" required={false} help={t("editor.step_up.help")} />
        {problems.length > 0 && (
          <ul class="error" id="config-error">
            {problems.map((problem) => (
              <li>
                {problem.where}: {problem.message}
              </li>
            ))}
          </ul>
        )}
        <p class="actions">
          <button type="submit">{t("editor.json.import")}</button>
        </p>
      </form>
    </StaffLayout>
  );
}

/* ---------- one staff account, and who opened what ---------- */

/**
 * One staff account: its roles, calls and language (an edit names the version it was made on), and a separate
 * form to deactivate or reactivate it.
 */
export function AccountPage({
  page,
  user,
  account,
  calls,
  notice,
  error,
}: {
  page: PageContext;
  user: User.Info;
  account: User.Info;
  calls: Call.Info[];
  notice?: string;
  error?: string;
}) {
  const { t } = page;
  const version = String(account.version ?? 0);
  const active = account.deactivatedAt === undefined;
  return (
    <StaffLayout page={page} user={user}>
      <p>
        <a href="/staff/admin">{t("staff.admin.heading")}</a>
      </p>
      <h1>{t("staff.account.heading")}</h1>
      <p>
        <strong>{account.email}</strong> — {t(active ? "staff.account.active" : "staff.account.inactive")}
      </p>
      <Notice text={notice} />
      {error ? (
        <div class="summary" role="alert">
          <p>{error}</p>
        </div>
      ) : null}
      <form method="post" action={`/staff/admin/users/${account.id}`}>
        <input type="hidden" name="version" value={version} />
        <StaffAccountFields page={page} calls={calls} account={account} />
        <StepUpField page={page} id="edit-code" required={false} help={t("staff.account.edit.step_up")} />
        <p class="actions">
          <button type="submit">{t("staff.account.save")}</button>
        </p>
      </form>
      <h2>{t("staff.account.status")}</h2>
      {account.id === user.id ? (
        <p>{t("staff.account.self_lockout")}</p>
      ) : (
        <form method="post" action={`/staff/admin/users/${account.id}/${active ? "deactivate" : "reactivate"}`}>
          <input type="hidden" name="version" value={version} />
          {active ? <p id="deactivate-help">{t("staff.account.deactivate.help")}</p> : null}
          <StepUpField page={page} id="activity-code" />
          <p class="actions">
            <button type="submit" class="secondary" {...(active ? { "aria-describedby": "deactivate-help" } : {})}>
              {t(active ? "staff.account.deactivate" : "staff.account.reactivate")}
            </button>
          </p>
        </form>
      )}
      <h2>{t("staff.account.reset.heading")}</h2>
      {account.id === user.id ? (
        <p>{t("staff.account.reset.self")}</p>
      ) : (
        <>
          <p>{t("staff.account.reset.help")}</p>
          <p>
            <a href={`/staff/admin/users/${account.id}/reset-second-factor`}>{t("staff.account.reset.open")}</a>
          </p>
        </>
      )}
    </StaffLayout>
  );
}

/**
 * The confirmation step of a second-factor reset: what it does and how to be sure of the request, then a POST
 * form naming the account's version (so a reset already done by another admin is not done twice).
 */
export function ResetSecondFactorPage({
  page,
  user,
  account,
}: {
  page: PageContext;
  user: User.Info;
  account: User.Info;
}) {
  const { t } = page;
  const path = `/staff/admin/users/${account.id}`;
  return (
    <StaffLayout page={page} user={user}>
      <p>
        <a href={path}>{t("staff.account.heading")}</a>
      </p>
      <h1>{t("staff.account.reset.confirm_heading")}</h1>
      <p>
        <strong>{account.email}</strong>
      </p>
      <p>{t("staff.account.reset.what")}</p>
      <p>
        <strong>{t("staff.account.reset.check")}</strong>
      </p>
      {account.id === user.id ? (
        <p>{t("staff.account.reset.self")}</p>
      ) : (
        <form method="post" action={`${path}/reset-second-factor`}>
          <input type="hidden" name="version" value={String(account.version ?? 0)} />
          <StepUpField page={page} id="reset-code" />
          <p class="actions">
            <button type="submit">{t("staff.account.reset.confirm")}</button>{" "}
            <a href={path}>{t("staff.account.reset.cancel")}</a>
          </p>
        </form>
      )}
    </StaffLayout>
  );
}

/** Who opened which application or file, newest first, filtered by staff member and application (a GET form). */
export function AccessPage({
  page,
  user,
  users,
  items,
  filter,
  next,
}: {
  page: PageContext;
  user: User.Info;
  users: User.Info[];
  items: { type: string; userId: string; applicationId: string; at: string }[];
  filter: { userId?: string; applicationId?: string };
  next?: string;
}) {
  const { t } = page;
  const emails = new Map(users.map((account) => [account.id, account.email]));
  const when = new Intl.DateTimeFormat(page.locale, { dateStyle: "short", timeStyle: "short", timeZone: "UTC" });
  const query = (extra: Record<string, string>) =>
    new URLSearchParams({
      ...(filter.userId ? { user: filter.userId } : {}),
      ...(filter.applicationId ? { application: filter.applicationId } : {}),
      ...extra,
    }).toString();
  return (
    <StaffLayout page={page} user={user}>
      <p>
        <a href="/staff/admin">{t("staff.admin.heading")}</a>
      </p>
      <h1 id="access-heading">{t("staff.access.heading")}</h1>
      <p>{t("staff.access.intro")}</p>
      <form method="get" action="/staff/admin/access" class="inline-form">
        <Field id="access-user" label={t("staff.access.staff")}>
          <select id="access-user" name="user">
            <option value="">{t("staff.access.all_staff")}</option>
            {users.map((account) => (
              <option value={account.id} selected={filter.userId === account.id}>
                {account.email}
              </option>
            ))}
          </select>
        </Field>
        <Field id="access-application" label={t("staff.access.application")} help={t("staff.access.application.help")}>
          <input
            type="text"
            id="access-application"
            name="application"
            value={filter.applicationId ?? ""}
            autocomplete="off"
            spellcheck={false}
            {...described("access-application", { help: true })}
          />
        </Field>
        <p class="actions">
          <button type="submit" class="secondary">
            {t("staff.access.filter")}
          </button>
        </p>
      </form>
      {items.length === 0 ? (
        <p>{t("staff.access.none")}</p>
      ) : (
        <div class="scroll" role="region" aria-labelledby="access-heading" tabindex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("staff.access.when")}</th>
                <th scope="col">{t("staff.access.application")}</th>
                <th scope="col">{t("staff.access.staff")}</th>
                <th scope="col">{t("staff.access.what")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr>
                  <td>
                    <time datetime={item.at}>{when.format(new Date(item.at))} UTC</time>
                  </td>
                  <td>
                    <a href={`/staff/applications/${item.applicationId}`}>{item.applicationId.slice(0, 8)}</a>
                  </td>
                  <td>{emails.get(item.userId) ?? item.userId.slice(0, 8)}</td>
                  <td>{t(item.type === "viewed" ? "staff.access.viewed" : "staff.access.downloaded")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next ? (
        <p>
          <a href={`/staff/admin/access?${query({ before: next })}`}>{t("staff.access.older")}</a>
        </p>
      ) : null}
    </StaffLayout>
  );
}
