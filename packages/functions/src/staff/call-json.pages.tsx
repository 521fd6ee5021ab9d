// A call's configuration as raw JSON, to export it or import one, with the problems an import ran into.
import type * as User from "@amparo/core/user";
import { ErrorSummary, Field, Notice, described, type PageContext } from "../shared/pages.js";
import { StepUpField } from "./fields.js";
import { StaffLayout } from "./layout.js";

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
