import { createHash } from "node:crypto";
import { shownTextLanguage } from "@amparo/core/call";
import * as Config from "@amparo/core/config";
import type { FieldError } from "@amparo/core/error";
import {
  isReviewed,
  languageName,
  pick,
  plural,
  t,
  t as translate,
  textLanguage,
  type Locale,
  type LocalizedText,
  type MessageKey,
  type MessageParams,
} from "@amparo/core/i18n";
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Problem } from "./problem.js";
import { siteCss } from "./site-css.js";

/** What every page component needs to speak the reader's language. */
export interface PageContext {
  locale: Locale;
  /** The languages the page offers to switch to. */
  languages: readonly Locale[];
  /** The current path, so the language switch can stay on the same page. */
  path: string;
  t: (key: MessageKey, params?: MessageParams) => string;
  plural: typeof plural extends (locale: Locale, ...rest: infer R) => infer O ? (...rest: R) => O : never;
}

export function pageContext(locale: Locale, path: string, languages: readonly Locale[] = [locale]): PageContext {
  return {
    locale,
    languages,
    path,
    t: (key, params) => t(locale, key, params),
    plural: (base, count, params) => plural(locale, base, count, params),
  };
}

/** The page context of a request: its reader's language and its path. */
export function pageOf(c: Context<{ Variables: { language: Locale; languages: readonly Locale[] } }>): PageContext {
  return pageContext(c.get("language"), c.req.path, c.get("languages"));
}

/**
 * What matters most to a person's safety, in English too, where the page's language has not been reviewed by a
 * native speaker (the access-code warning, the quick exit): a drafted sentence may be wrong, so a reader who
 * knows some English can check it.
 */
export function InEnglishToo({ page, text }: { page: PageContext; text: MessageKey }) {
  if (isReviewed(page.locale)) return null;
  return (
    <p class="in-english" lang="en">
      {t("en", text)}
    </p>
  );
}

/** What a field error says, in the reader's language: staff-written words where it has them, else the catalog's. */
export function fieldMessage(page: PageContext, error: FieldError): string {
  return error.text ? pick(error.text, page.locale) : t(page.locale, error.message, error.params);
}

/** A text staff wrote, in the reader's language or the one it falls back to, marked with that language if it differs. */
export function Text({ text, locale }: { text: LocalizedText; locale: Locale }) {
  const lang = textLanguage(text, locale);
  return lang === locale ? <>{pick(text, locale)}</> : <span lang={lang}>{pick(text, locale)}</span>;
}

/** `lang` for an element holding a staff-written text, when the reader is shown it in another language. */
export function langOf(text: LocalizedText | undefined, locale: Locale): { lang?: string } {
  const lang = text ? textLanguage(text, locale) : locale;
  return lang === locale ? {} : { lang };
}

/** Tells a reader whose language a call is not written in which language they will read its texts in. */
export function TextLanguageNotice({ page, call }: { page: PageContext; call: { textLanguages: readonly Locale[] } }) {
  const shown = shownTextLanguage(call, page.locale);
  if (shown === page.locale) return null;
  return (
    <p class="note" role="note">
      {page.t("call.text_language", { language: languageName(shown, page.locale, true) })}
    </p>
  );
}

/** The line above an applicant page's heading naming the call ("Call: …"), and the notice of its text language. */
export function CallTag({
  page,
  call,
}: {
  page: PageContext;
  call: { title: LocalizedText; textLanguages: readonly Locale[] };
}) {
  // The title goes into the sentence as an element, so that it keeps its own `lang`.
  const [before, after] = page.t("my.call", { title: "\u0000" }).split("\u0000");
  return (
    <>
      <span class="tag">
        {before}
        <Text text={call.title} locale={page.locale} />
        {after}
      </span>
      <TextLanguageNotice page={page} call={call} />
    </>
  );
}

/**
 * The stylesheet's address is named by its content: it is cached for good, so a changed stylesheet must be a new
 * address, or browsers would keep the old one for a year.
 */
export const stylesheetPath = `/assets/site-${createHash("sha256").update(siteCss).digest("hex").slice(0, 12)}.css`;

/**
 * The id of an applicant's draft form: the page's language switch posts it (`switchForm`), which saves what was
 * typed as the page's own button would, then shows the page again in the other language.
 */
export const draftFormId = "draft";

interface LayoutProps {
  page: PageContext;
  /** Applicant pages offer a quick exit; staff pages do not need one. */
  quickExit?: boolean;
  /** Staff pages: a wider frame, so their tables are readable on a desktop (text keeps its measure). */
  wide?: boolean;
  /**
   * A page whose form holds what the person typed and nothing stored (the quiz, the start): its language switch
   * posts that form (`id`) back to `action` in the other language, so the switch loses nothing.
   */
  switchForm?: { id: string; action: string };
  children: Child;
}

/**
 * The frame of every page: the same neutral title everywhere (history and tabs reveal nothing), a quick
 * exit, a language switch made of plain links, and no script.
 */
export function Layout({ page, quickExit = true, wide = false, switchForm, children }: LayoutProps) {
  const { t } = page;
  return (
    <html lang={page.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{t("site.title")}</title>
        <link rel="stylesheet" href={stylesheetPath} />
      </head>
      <body class={wide ? "wide" : undefined}>
        <a class="skip" href="#main">
          {t("site.skip")}
        </a>
        <header class="top">
          <a class="brand" href="/">
            {t("site.name")}
          </a>
          <nav class="languages" aria-label={t("site.language")}>
            <ul>
              {page.languages.map((code) => (
                <li>
                  {switchForm ? (
                    <button
                      type="submit"
                      form={switchForm.id}
                      formaction={`${switchForm.action}?lang=${code}`}
                      formnovalidate
                      name="_switch"
                      value="1"
                      lang={code}
                      aria-current={code === page.locale ? "true" : undefined}
                    >
                      {languageName(code)}
                    </button>
                  ) : (
                    <a
                      href={`${page.path}?lang=${code}`}
                      lang={code}
                      hreflang={code}
                      aria-current={code === page.locale ? "true" : undefined}
                    >
                      {languageName(code)}
                    </a>
                  )}
                </li>
              ))}
            </ul>
          </nav>
          {quickExit && (
            <a
              class="exit"
              href={Config.get().QUICK_EXIT_URL}
              rel="noreferrer noopener"
              title={t("site.quick_exit.help")}
            >
              {t("site.quick_exit")}
              {!isReviewed(page.locale) && <span lang="en">· {translate("en", "site.quick_exit")}</span>}
            </a>
          )}
        </header>
        <main id="main">{children}</main>
        <footer class="bottom">
          <p>{t("site.footer.privacy")}</p>
          <p>{t("site.footer.safety")}</p>
        </footer>
      </body>
    </html>
  );
}

/** The page shown for an error on a page route: the same words as the API's problem. */
export function ErrorPage({
  locale,
  languages,
  problem,
  path = "/",
}: {
  locale: Locale;
  languages?: readonly Locale[];
  problem: Problem;
  path?: string;
}) {
  const page = pageContext(locale, path, languages);
  return (
    <Layout page={page}>
      <h1>{problem.title}</h1>
      <p>{problem.detail}</p>
      {problem.errors && (
        <ul>
          {problem.errors.map((error) => (
            <li>{error.message}</li>
          ))}
        </ul>
      )}
      <p>
        <a href="/">{page.t("site.back_home")}</a>
      </p>
    </Layout>
  );
}

/**
 * The height of a text area for a field of `maxWords` words: about half the limit shows at once in the reading
 * column (some twelve words a line), so a long answer gets a tall box and a short one a small box; it can be
 * dragged taller.
 */
export function rowsForWords(maxWords: number): number {
  return Math.min(24, Math.max(4, Math.round(maxWords / 20) + 2));
}

/** Answers a page: a doctype and the rendered tree. */
export function html(c: Context, node: unknown, status: ContentfulStatusCode = 200): Response {
  return c.html(`<!doctype html>${String(node)}`, status);
}

/** What just happened (saved, sent, moved), announced to screen readers; nothing when there is no text. */
export function Notice({ text }: { text?: string | undefined }) {
  return text ? (
    <p class="outcome" role="status">
      {text}
    </p>
  ) : null;
}

/** A problem list at the top of a form, linking to each field; announced when the page loads. */
export function ErrorSummary({ page, items }: { page: PageContext; items: { href: string; text: string }[] }) {
  if (items.length === 0) return null;
  return (
    <div class="summary" role="alert" aria-labelledby="error-summary">
      <h2 id="error-summary">{page.t("quiz.errors.heading")}</h2>
      <ul>
        {items.map((item) => (
          <li>
            <a href={item.href}>{item.text}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Values carried from one form to the next as hidden fields (the quiz answers, between steps). */
export function HiddenFields({ values }: { values: Record<string, string | string[]> }) {
  return (
    <>
      {Object.entries(values).flatMap(([name, value]) =>
        (Array.isArray(value) ? value : [value]).map((item) => <input type="hidden" name={name} value={item} />),
      )}
    </>
  );
}

/**
 * The attributes that tie a control to its field's help and error text, for screen readers. Spread them on
 * the control inside a `Field` with the same `id`.
 */
export function described(id: string, parts: { help?: unknown; error?: unknown }) {
  const ids = [parts.help ? `${id}-help` : "", parts.error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return {
    ...(ids ? { "aria-describedby": ids } : {}),
    ...(parts.error ? { "aria-invalid": "true" as const } : {}),
  };
}

/** One form field: its label, optional help and error text, then the control (`children`, id `id`). */
export function Field({
  id,
  label,
  help,
  error,
  children,
}: {
  id: string;
  label: Child;
  help?: string;
  error?: string;
  children: Child;
}) {
  return (
    <div class="field">
      <label class="label" for={id}>
        {label}
      </label>
      {help && (
        <span class="help" id={`${id}-help`}>
          {help}
        </span>
      )}
      {error && (
        <span class="error" id={`${id}-error`}>
          {error}
        </span>
      )}
      {children}
    </div>
  );
}
