// How heavy a call's own texts make the applicant pages that show most of them, in each language it offers:
// the call editor warns before a fund's long questions push a page past one round trip on a slow phone link.
import { gzipSync } from "node:zlib";
import * as Call from "@amparo/core/call";
import * as Eligibility from "@amparo/core/eligibility";
import { VisibleError, type FieldError } from "@amparo/core/error";
import { languageName, type Locale } from "@amparo/core/i18n";
import { CallPage, QuizPage } from "../apply/quiz.pages.js";
import { pageBudgetBytes, sentBudgetBytes } from "../shared/page-budget.js";
import { pageContext, type PageContext } from "../shared/pages.js";
import { siteCss } from "../shared/site-css.js";

export interface HeavyPage {
  page: "call" | "quiz";
  language: Locale;
  bytes: number;
  sentBytes: number;
}

/** The quiz as an applicant sees it after sending it empty: every question with its error, the heaviest form. */
function everyError(call: Call.Info): FieldError[] {
  try {
    Eligibility.check(call, Eligibility.fromForm(call, {}));
    return [];
  } catch (error) {
    return error instanceof VisibleError ? error.errors : [];
  }
}

const weigh = (html: string) => ({
  bytes: Buffer.byteLength(html) + Buffer.byteLength(siteCss),
  sentBytes: gzipSync(html).length + gzipSync(siteCss).length,
});

/**
 * The call's page and its quiz (with every error showing), rendered as the applicants' app renders them in each
 * language the call offers: those over the page budget (`page-budget.ts`, the figures `npm run bench` holds the
 * seeded calls to).
 */
export function heavyPages(call: Call.Info): HeavyPage[] {
  const languages = Call.offeredLanguages([call]);
  const errors = everyError(call);
  const heavy: HeavyPage[] = [];
  for (const language of languages) {
    const path = `/apply/${call.id}`;
    const pages = {
      call: CallPage({ call, page: pageContext(language, path, languages) }),
      quiz: QuizPage({ call, page: pageContext(language, `${path}/eligibility`, languages), errors }),
    };
    for (const [page, node] of Object.entries(pages) as [HeavyPage["page"], unknown][]) {
      const weight = weigh(`<!doctype html>${String(node)}`);
      if (weight.bytes > pageBudgetBytes || weight.sentBytes > sentBudgetBytes)
        heavy.push({ page, language, ...weight });
    }
  }
  return heavy;
}

/** A warning that the call's texts make some applicants' pages slow to load on a poor connection. */
export function HeavyPages({ page, heavy }: { page: PageContext; heavy: HeavyPage[] }) {
  if (heavy.length === 0) return null;
  const { t } = page;
  return (
    <section class="outcome no" aria-labelledby="heavy-pages">
      <h2 id="heavy-pages">{t("editor.heavy.heading")}</h2>
      <p>{t("editor.heavy.intro", { bytes: { bytes: pageBudgetBytes }, sent: { bytes: sentBudgetBytes } })}</p>
      <ul>
        {heavy.map((weight) => (
          <li>
            {t(weight.page === "call" ? "editor.heavy.call" : "editor.heavy.quiz", {
              language: languageName(weight.language, page.locale),
              bytes: { bytes: weight.bytes },
              sent: { bytes: weight.sentBytes },
            })}
          </li>
        ))}
      </ul>
    </section>
  );
}
