// The call editor's "After the award" section: how the grant agreement is made, its terms, the grant's period,
// the reports it owes and the ways the money may reach the grantee (`Call.Award`).
import * as Call from "@amparo/core/call";
import type { MessageKey } from "@amparo/core/i18n";
import type { Child } from "hono/jsx";
import { at, controlName, textAt } from "./call-form.js";
import {
  Checkboxes,
  GroupErrors,
  List,
  Localized,
  NumberControl,
  TextControl,
  type Editor,
} from "./call-editor-controls.js";
import { DocumentControls, NoteFieldControls } from "./call-editor-items.js";

/** One choice of several, as radio buttons in a group named by its legend. */
function Radios({
  e,
  path,
  legend,
  options,
}: {
  e: Editor;
  path: string;
  legend: Child;
  options: [value: string, label: string][];
}) {
  const current = textAt(e.draft, path);
  return (
    <fieldset id={path}>
      <legend>{legend}</legend>
      <GroupErrors e={e} id={path} />
      {options.map(([value, text]) => (
        <div class="choice">
          <input
            type="radio"
            id={`${path}--${value}`}
            name={controlName("", path)}
            value={value}
            checked={current === value}
          />
          <label for={`${path}--${value}`}>{text}</label>
        </div>
      ))}
    </fieldset>
  );
}

/**
 * One report the grant owes: its name and due date, when the applicant is reminded of it, and what it asks (fields
 * and documents, with the same controls as the full application's), since the applicant writes and sends it as a
 * part of the application.
 */
function ReportControls({ e, path }: { e: Editor; path: string }) {
  const { t } = e.page;
  return (
    <>
      <TextControl e={e} path={`${path}.id`} label={t("editor.id")} help={t("editor.id.help")} />
      <Localized e={e} path={`${path}.title`} legend={t("editor.award.report.title")} />
      <NumberControl e={e} path={`${path}.dueDays`} label={t("editor.award.report.due")} />
      <NumberControl
        e={e}
        path={`${path}.remindDays`}
        label={t("editor.award.report.remind")}
        help={t("editor.award.report.remind.help")}
      />
      <List
        e={e}
        path={`${path}.fields`}
        legend={t("editor.award.report.fields")}
        hint={t("editor.award.report.fields.hint")}
        itemName={(index) => t("editor.field.n", { n: index + 1 })}
        add={t("editor.field.add")}
        item={(field) => <NoteFieldControls e={e} path={field} />}
      />
      <List
        e={e}
        path={`${path}.documents`}
        legend={t("editor.award.report.documents")}
        hint={t("editor.award.report.documents.hint")}
        itemName={(index) => t("editor.document.n", { n: index + 1 })}
        add={t("editor.document.add")}
        item={(document) => <DocumentControls e={e} path={document} />}
      />
    </>
  );
}

/**
 * What follows an approval, which a call may have or not: a button adds it (ticking the award's stages) or
 * removes it whole (unticking them, since the call refuses them without it). Its controls are only on the page
 * while it is there, so a call without one posts none.
 */
export function AwardSection({ e }: { e: Editor }) {
  const { t } = e.page;
  const path = "award";
  const present = at(e.draft, path) !== undefined;
  return (
    <section id={path} aria-labelledby="section-award" class="editor-section">
      <h2 id="section-award">{t("editor.section.award")}</h2>
      <p class="help">{t("editor.award.intro")}</p>
      <GroupErrors e={e} id={path} />
      {!present ? (
        <>
          <p class="note">{t("editor.award.none")}</p>
          <p class="actions">
            <button type="submit" name="action" value={`include:${path}`} class="secondary">
              {t("editor.award.add")}
            </button>
          </p>
        </>
      ) : (
        <>
          <Radios
            e={e}
            path={`${path}.agreement`}
            legend={t("editor.award.agreement")}
            options={(["in_amparo", "outside"] as const).map((mode) => [
              mode,
              t(`editor.award.agreement.${mode}` as MessageKey),
            ])}
          />
          <Localized e={e} path={`${path}.terms`} legend={t("editor.award.terms")} rows={6} />
          <p class="help">{t("editor.award.terms.help")}</p>
          <NumberControl
            e={e}
            path={`${path}.periodDays`}
            label={t("editor.award.period")}
            help={t("editor.award.period.help")}
          />
          <List
            e={e}
            path={`${path}.reports`}
            legend={t("editor.award.reports")}
            hint={t("editor.award.reports.hint")}
            itemName={(index) => t("editor.award.report.n", { n: index + 1 })}
            add={t("editor.award.report.add")}
            item={(report) => <ReportControls e={e} path={report} />}
          />
          <Checkboxes
            e={e}
            path={`${path}.paymentMethods`}
            legend={t("editor.award.methods")}
            options={Call.PaymentMethodKind.options.map((kind) => [
              kind,
              t(`editor.award.method.${kind}` as MessageKey),
            ])}
            keepOrder
          />
          <p class="help">{t("editor.award.methods.help")}</p>
          <p class="actions">
            <button type="submit" name="action" value={`exclude:${path}`} class="secondary">
              {t("editor.award.remove")}
            </button>
          </p>
        </>
      )}
    </section>
  );
}
