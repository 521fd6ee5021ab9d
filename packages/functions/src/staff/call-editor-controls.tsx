// The call editor's generic form controls (text, number, checkbox, select, localized text, list, section), each
// bound to a path of the working copy and showing the errors placed on it.
import { languageName, locales, unreviewedLocales, type Locale } from "@amparo/core/i18n";
import type { Child } from "hono/jsx";
import { Field, described, type PageContext } from "../shared/pages.js";
import { at, controlName, listAt, textAt, textLanguagesOf, type Draft, type Flags } from "./call-form.js";

/** What every control of the editor needs: the reader, the working copy, and the errors by the id they belong to. */
export interface Editor {
  page: PageContext;
  draft: Draft;
  errors: Map<string, string[]>;
}

const errorText = (e: Editor, id: string) => e.errors.get(id)?.join(" ");

/** Errors of a group (a list, an item, a localized text) shown at its top. */
export function GroupErrors({ e, id }: { e: Editor; id: string }) {
  const text = errorText(e, id);
  return text ? (
    <p class="error" id={`${id}-error`}>
      {text}
    </p>
  ) : null;
}

export function TextControl({
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

export function NumberControl(props: {
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

export function Checkbox({ e, path, label }: { e: Editor; path: string; label: Child }) {
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

export function Select({
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

export function Checkboxes({
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

/**
 * A text in each of the call's text languages (required unless the text is optional), and in any other language
 * it already has (optional, so a language taken off the list keeps its words until they are cleared).
 */
export function Localized({
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
  // Languages the text has words in: a new item's empty boxes for a language the call is not written in go away.
  const given =
    stored && typeof stored === "object"
      ? Object.entries(stored)
          .filter(([, words]) => words !== "")
          .map(([code]) => code)
      : [];
  const required = textLanguagesOf(e.draft);
  const shown = [
    ...locales.filter((code) => required.includes(code) || given.includes(code)),
    ...given.filter((code) => !locales.includes(code as never)),
  ];
  return (
    <fieldset id={path} class="localized">
      <legend>{legend}</legend>
      <GroupErrors e={e} id={path} />
      {shown.map((code) => {
        const asked = required.includes(code as Locale);
        const name = languageName(code, e.page.locale);
        return (
          <TextControl
            e={e}
            path={`${path}.${code}`}
            label={asked || optional ? name : e.page.t("editor.text_language.optional", { language: name })}
            flags={optional || !asked ? "O" : ""}
            {...(rows ? { rows } : {})}
          />
        );
      })}
    </fieldset>
  );
}

/** A list whose items can be added, removed and moved, each a group of controls. */
export function List({
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

export function Section({ id, title, children }: { id: string; title: string; children: Child }) {
  return (
    <section aria-labelledby={`section-${id}`} class="editor-section">
      <h2 id={`section-${id}`}>{title}</h2>
      {children}
    </section>
  );
}

/**
 * The languages a call's texts are written in, and the unreviewed interface languages it offers its applicants
 * (docs/languages.md): each language named in the admin's language, the drafted ones in their own too.
 */
export function CallLanguages({ e }: { e: Editor }) {
  const { t, locale } = e.page;
  return (
    <>
      <Checkboxes
        e={e}
        path="textLanguages"
        legend={t("editor.text_languages")}
        options={locales.map((code) => [code, languageName(code, locale)])}
      />
      <p class="help">{t("editor.text_languages.help")}</p>
      <Checkboxes
        e={e}
        path="unreviewedLanguages"
        legend={t("editor.unreviewed_languages")}
        options={unreviewedLocales.map((code) => [code, `${languageName(code, locale)} (${languageName(code)})`])}
      />
      <p class="help">{t("editor.unreviewed_languages.help")}</p>
    </>
  );
}
