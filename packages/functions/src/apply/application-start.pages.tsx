import * as Call from "@amparo/core/call";
import type { FieldError } from "@amparo/core/error";
import { languageName } from "@amparo/core/i18n";
import {
  described,
  ErrorSummary,
  Field,
  fieldMessage,
  HiddenFields,
  InEnglishToo,
  Layout,
  type PageContext,
  Text,
  TextLanguageNotice,
} from "../shared/pages.js";
import { paths, namedMessage } from "./application-blocks.js";
import { ImmediateHelp } from "./immediate-help.js";

/** Choices before the access code is made: the writing language and an optional address for notices. */
export function StartPage({
  call,
  page,
  answers,
  errors = [],
  email = "",
  language,
  limited,
}: {
  call: Call.Info;
  page: PageContext;
  answers: Record<string, string | string[]>;
  errors?: FieldError[];
  email?: string;
  /** The writing language chosen before a language switch re-showed the form. */
  language?: string;
  /** Refused by a creation limit: when to try again; the form keeps what was typed. */
  limited?: { minutes: number };
}) {
  const { t } = page;
  const emailError = errors.find((error) => error.path.startsWith("contact"));
  const preferred =
    language && call.languages.includes(language)
      ? language
      : call.languages.includes(page.locale)
        ? page.locale
        : call.languages[0];
  const action = `/apply/${call.id}/start`;
  return (
    <Layout page={page} switchForm={{ id: "start", action }}>
      <span class="tag">
        <Text text={call.title} locale={page.locale} />
      </span>
      <TextLanguageNotice page={page} call={call} />
      <h1>{t("start.heading")}</h1>
      <p class="lead">{t("start.intro")}</p>
      <InEnglishToo page={page} text="start.intro" />
      {limited && (
        <section class="outcome" role="status" aria-labelledby="limited">
          <h2 id="limited">{t("start.limited.heading")}</h2>
          <p>{t("start.limited.body", { minutes: limited.minutes })}</p>
          <ImmediateHelp page={page} call={call} level={3} />
          {call.contact && (
            <>
              <h3>{t("start.limited.contact")}</h3>
              <p class="prose">
                <Text text={call.contact} locale={page.locale} />
              </p>
            </>
          )}
        </section>
      )}
      <ErrorSummary
        page={page}
        items={errors.map((error) => ({ href: "#email", text: namedMessage(page, call, error) }))}
      />
      <form method="post" action={action} id="start" autocomplete="off">
        <HiddenFields values={answers} />
        <input type="hidden" name="_step" value="create" />
        <Field id="language" label={t("start.language")} help={t("start.language.help")}>
          <select id="language" name="language" {...described("language", { help: true })}>
            {call.languages.map((code) => (
              <option value={code} selected={code === preferred}>
                {languageName(code, page.locale)}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id="email"
          label={t("start.email")}
          help={t("start.email.help")}
          error={emailError && fieldMessage(page, emailError)}
        >
          <input
            type="email"
            id="email"
            name="email"
            dir="auto"
            value={email}
            autocomplete="off"
            {...described("email", { help: true, error: emailError })}
          />
        </Field>
        <p class="actions">
          <button type="submit">{t("start.submit")}</button>
        </p>
      </form>
    </Layout>
  );
}

/** The access code, shown this once, with advice on keeping it. */
export function CodePage({ page, token }: { page: PageContext; token: string }) {
  const { t } = page;
  return (
    <Layout page={page}>
      <h1>{t("code.heading")}</h1>
      <p class="lead">{t("code.intro")}</p>
      <InEnglishToo page={page} text="code.intro" />
      <p class="code" aria-label={t("code.heading")}>
        <strong>{token}</strong>
      </p>
      <ul>
        <li>{t("code.advice.share")}</li>
        <li>{t("code.advice.device")}</li>
      </ul>
      <p class="actions">
        <a class="button" href={paths.overview}>
          {t("code.continue")}
        </a>
      </p>
    </Layout>
  );
}

/**
 * Asks for the access code to come back to an application. A code that opens nothing comes back in the field,
 * to be corrected rather than typed again: the summary names the problem and links to the field, which says
 * what to do, so the same sentence is not read twice.
 */
export function ResumePage({ page, unknown }: { page: PageContext; unknown?: { code: string } }) {
  const { t } = page;
  return (
    <Layout page={page}>
      <h1>{t("resume.heading")}</h1>
      <p class="lead">{t("resume.intro")}</p>
      <ErrorSummary page={page} items={unknown ? [{ href: "#code", text: t("resume.unknown.summary") }] : []} />
      <form method="post" action={paths.resume} autocomplete="off">
        <Field id="code" label={t("resume.label")} error={unknown ? t("resume.unknown") : undefined}>
          <input
            type="text"
            id="code"
            name="code"
            dir="auto"
            value={unknown?.code ?? ""}
            autocomplete="off"
            autocapitalize="characters"
            spellcheck={false}
            {...described("code", { error: unknown })}
            class={unknown ? "invalid" : undefined}
          />
        </Field>
        <p class="actions">
          <button type="submit">{t("resume.submit")}</button>
        </p>
      </form>
    </Layout>
  );
}
