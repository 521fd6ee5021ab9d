// Asked before a save opens a call that lacks a quiz, a coordinator or a reviewer: what is missing, the public
// quiz as applicants will meet it, and the choice to open it anyway or go back to the editor with nothing lost.
import type * as Call from "@amparo/core/call";
import type { MessageKey } from "@amparo/core/i18n";
import type * as User from "@amparo/core/user";
import { QuestionField, questionHint } from "../apply/quiz.pages.js";
import { Text, type PageContext } from "../shared/pages.js";
import { StepUpField } from "./fields.js";
import { StaffLayout } from "./layout.js";

export function CallOpenConfirmPage({
  page,
  user,
  call,
  gaps,
  basedOn,
  stepUp,
}: {
  page: PageContext;
  user: User.Info;
  /** The call as it would be saved (checked against the schema). */
  call: Call.Info;
  gaps: Call.OpeningGap[];
  basedOn: number;
  /** The save changes how long content is kept, and so needs a fresh code. */
  stepUp: boolean;
}) {
  const { t } = page;
  const questions = call.eligibility.questions;
  return (
    <StaffLayout page={page} user={user}>
      <span class="tag">
        <Text text={call.title} locale={page.locale} />
      </span>
      <h1>{t("editor.open.heading")}</h1>
      <p class="lead">{t("editor.open.intro")}</p>
      <ul>
        {gaps.map((gap) => (
          <li>{t(`editor.open.${gap}` as MessageKey)}</li>
        ))}
      </ul>
      {gaps.some((gap) => gap !== "no_questions") && (
        <p>
          <a href="/staff/admin">{t("editor.open.assign")}</a>
        </p>
      )}
      <form method="post" action={`/staff/admin/calls/${call.id}`}>
        {/* The whole call travels with the form, so going back to the editor loses nothing that was written. */}
        <input type="hidden" name="draft" value={JSON.stringify(call)} />
        <input type="hidden" name="basedOn" value={String(basedOn)} />
        <input type="hidden" name="confirmOpen" value="1" />
        {stepUp && <StepUpField page={page} id="retention-code" help={t("editor.step_up.help")} />}
        <p class="actions">
          <button type="submit" name="action" value="save">
            {t("editor.open.confirm")}
          </button>
          <button type="submit" name="action" value="check" class="secondary">
            {t("editor.open.back")}
          </button>
        </p>
      </form>
      <section aria-labelledby="quiz-preview">
        <h2 id="quiz-preview">{t("editor.open.preview")}</h2>
        {questions.length === 0 ? (
          <p>{t("editor.open.preview_none")}</p>
        ) : (
          // Shown as applicants see it, but inert: nothing here is part of the form above.
          <fieldset disabled class="preview">
            <legend class="visually-hidden">{t("editor.open.preview")}</legend>
            {questions.map((question) => (
              <QuestionField question={question} page={page} values={{}} hint={questionHint(call, question, page)} />
            ))}
          </fieldset>
        )}
      </section>
    </StaffLayout>
  );
}
