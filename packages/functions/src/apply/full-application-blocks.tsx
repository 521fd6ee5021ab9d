// What the full application's pages share: whether it can still be changed and why not, and the concept note
// it follows.
import * as Application from "@amparo/core/application";
import * as Call from "@amparo/core/call";
import * as Clock from "@amparo/core/clock";
import { formatDate } from "@amparo/core/i18n";
import type { PageContext } from "../shared/pages.js";
import { lockedReason } from "./application-blocks.js";
import { SentTexts } from "./part-components.js";

export type FullConfig = NonNullable<Call.Info["fullApplication"]>;
export type Document = FullConfig["documents"][number];

/**
 * Whether the applicant may still write and send the full application: invited, not sent, before the due date,
 * and the application still shortlisted (not withdrawn or decided meanwhile).
 */
export function fullEditable(app: Application.Info, now = Clock.now()): boolean {
  return app.stage === "shortlisted" && Application.fullApplicationState(app, now) === "writing";
}

/** Why the full application can no longer be changed (or was never open), in one plain sentence. */
export function fullLockedReason(page: PageContext, app: Application.Info): string {
  const full = app.fullApplication;
  if (app.stage === "withdrawn") return lockedReason(page, app);
  if (full?.submittedAt) return page.t("full.locked.sent", { date: formatDate(page.locale, full.submittedAt) });
  if (full && Application.fullApplicationState(app) === "past_due") {
    return page.t("my.full.past_due", { date: formatDate(page.locale, full.dueAt) });
  }
  if (full) return page.t("my.locked");
  return page.t("full.locked.not_open");
}

/** The concept note as it was sent, folded away above the full application: to write from, never to change. */
export function EarlierNote({ page, call, app }: { page: PageContext; call: Call.Info; app: Application.Info }) {
  return (
    <details class="earlier">
      <summary>{page.t("full.concept_note")}</summary>
      <SentTexts page={page} part={Application.conceptNotePart} call={call} app={app} />
    </details>
  );
}
