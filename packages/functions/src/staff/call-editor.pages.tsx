// The structured call editor's page: one form holding the whole call, in sections, with the optional full
// application section that only it has.
import * as Call from "@amparo/core/call";
import type { MessageKey } from "@amparo/core/i18n";
import * as Stage from "@amparo/core/stage";
import type * as User from "@amparo/core/user";
import { ErrorSummary, Notice, type PageContext } from "../shared/pages.js";
import { HeavyPages, type HeavyPage } from "./call-weight.js";
import { at, listAt, textAt, toLocalTime, type Draft } from "./call-form.js";
import type { PlacedError } from "./call-form-errors.js";
import {
  CallLanguages,
  Checkbox,
  Checkboxes,
  GroupErrors,
  List,
  Localized,
  NumberControl,
  Section,
  Select,
  TextControl,
  type Editor,
} from "./call-editor-controls.js";
import {
  CriterionControls,
  DocumentControls,
  HelpContactControls,
  NoteFieldControls,
  QuestionControls,
  RuleControls,
  fileTypes,
  maxMegabytes,
} from "./call-editor-items.js";
import { AwardSection } from "./call-editor-award.js";
import { StepUpField } from "./fields.js";
import { StaffLayout } from "./layout.js";

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
            item={(document) => <DocumentControls e={e} path={document} />}
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
  heavy = [],
}: {
  page: PageContext;
  user: User.Info;
  callId: string;
  draft: Draft;
  /** The stored version this form edits (`Call.newCall` for a new call): a save over a newer one is refused. */
  basedOn: number;
  notice?: string;
  errors?: PlacedError[];
  /** The applicants' pages this call's texts make heavier than the page budget (`call-weight.ts`). */
  heavy?: HeavyPage[];
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
      <HeavyPages page={page} heavy={heavy} />
      <ErrorSummary
        page={page}
        items={errors.map((error) => ({
          href: `#${error.anchor || "call-editor"}`,
          text: `${error.label ?? error.path}${error.label || error.path ? ": " : ""}${error.message}`,
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
          <CallLanguages e={e} />
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
            options={Stage.Stage.options.map((stage) => [stage, t(`staff.stage.${stage}`)])}
          />
        </Section>

        <AwardSection e={e} />

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

        <Section id="immediate-help" title={t("editor.section.immediate_help")}>
          <List
            e={e}
            path="immediateHelp"
            legend={t("editor.help_contacts")}
            hint={t("editor.help_contacts.hint")}
            itemName={(index) => t("editor.help_contact.n", { n: index + 1 })}
            add={t("editor.help_contact.add")}
            item={(contact) => <HelpContactControls e={e} path={contact} />}
          />
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
