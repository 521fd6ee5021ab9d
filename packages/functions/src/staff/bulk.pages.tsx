import type * as Call from "@amparo/core/call";
import type * as Review from "@amparo/core/review";
import type { FieldError } from "@amparo/core/error";
import { pick } from "@amparo/core/i18n";
import type * as User from "@amparo/core/user";
import { ErrorSummary, Field, described, fieldMessage, type PageContext } from "../shared/pages.js";
import { StaffLayout } from "./layout.js";

/** One application ticked on the list, with the version the list showed. */
export interface Ticked {
  id: string;
  version: number;
}

/** How each ticked application fared: moved (200), or not, with the reason (as the JSON API answers). */
export type BulkResult = Review.BulkResultItem;

const listHref = (callId: string) => `/staff/applications?${new URLSearchParams({ callId }).toString()}`;

/** Links to applications by their short id. */
function Applications({ ids, link = true }: { ids: string[]; link?: boolean }) {
  return (
    <ul>
      {ids.map((id) => (
        <li>{link ? <a href={`/staff/applications/${id}`}>{id.slice(0, 8)}</a> : id.slice(0, 8)}</li>
      ))}
    </ul>
  );
}

/**
 * What a bulk shortlist or decline did: which moved, and which were left as they are, grouped by why (changed
 * since the list was loaded, a move not allowed from their stage, the viewer's own conflict, not found): each is
 * its own conditional move, so one refused row stops none of the others.
 */
export function BulkResultPage({
  page,
  user,
  call,
  kind,
  results,
}: {
  page: PageContext;
  user: User.Info;
  call: Call.Info;
  kind: "shortlist" | "decline";
  results: BulkResult[];
}) {
  const { t } = page;
  const moved = results.filter((result) => result.status === 200).map((result) => result.id);
  const refused = (reason: Review.BulkReason) =>
    results.filter((result) => result.reason === reason).map((result) => result.id);
  const changed = refused("stale");
  const notAllowed = refused("not_allowed");
  const conflicted = refused("conflicted");
  const missing = refused("not_found");
  return (
    <StaffLayout page={page} user={user}>
      <span class="tag">{pick(call.title, page.locale)}</span>
      <h1>{t(kind === "shortlist" ? "staff.bulk.result.shortlist" : "staff.bulk.result.decline")}</h1>
      <h2 id="bulk-moved">
        {t(kind === "shortlist" ? "staff.bulk.moved.shortlist" : "staff.bulk.moved.decline", { count: moved.length })}
      </h2>
      {moved.length === 0 ? <p>{t("staff.bulk.moved.none")}</p> : <Applications ids={moved} />}
      {changed.length > 0 && (
        <div class="summary" role="alert" aria-labelledby="bulk-changed">
          <h2 id="bulk-changed">{t("staff.bulk.changed", { count: changed.length })}</h2>
          <p>{t("staff.bulk.changed.help")}</p>
          <Applications ids={changed} />
        </div>
      )}
      {notAllowed.length > 0 && (
        <>
          <h2 id="bulk-not-allowed">{t("staff.bulk.not_allowed", { count: notAllowed.length })}</h2>
          <p>{t("staff.bulk.not_allowed.help")}</p>
          <Applications ids={notAllowed} />
        </>
      )}
      {conflicted.length > 0 && (
        <>
          <h2 id="bulk-conflicted">{t("staff.bulk.conflicted", { count: conflicted.length })}</h2>
          {/* Their own declared conflict: nothing of it is theirs to open. */}
          <Applications ids={conflicted} link={false} />
        </>
      )}
      {missing.length > 0 && (
        <>
          <h2 id="bulk-missing">{t("staff.bulk.not_found", { count: missing.length })}</h2>
          {/* Not found, or not the viewer's to move: no link to what they may not open. */}
          <Applications ids={missing} link={false} />
        </>
      )}
      <p>
        <a href={listHref(call.id)}>{t("staff.bulk.back")}</a>
      </p>
    </StaffLayout>
  );
}

/**
 * The step between ticking applications to decline and declining them: the applications, and the one note
 * every decline needs. Confirming posts the same items with the versions the list showed.
 */
export function DeclineConfirmPage({
  page,
  user,
  call,
  items,
  note = "",
  error,
}: {
  page: PageContext;
  user: User.Info;
  call: Call.Info;
  items: Ticked[];
  note?: string;
  error?: FieldError;
}) {
  const { t } = page;
  const message = error ? fieldMessage(page, error) : undefined;
  return (
    <StaffLayout page={page} user={user}>
      <span class="tag">{pick(call.title, page.locale)}</span>
      <h1>{page.plural("staff.bulk.decline.heading", items.length)}</h1>
      <ErrorSummary page={page} items={message ? [{ href: "#note", text: message }] : []} />
      <p>{t("staff.bulk.decline.intro")}</p>
      <Applications ids={items.map((item) => item.id)} />
      <form method="post" action="/staff/applications/decline">
        <input type="hidden" name="callId" value={call.id} />
        <input type="hidden" name="confirm" value="yes" />
        {items.map((item) => (
          <input type="hidden" name="items" value={`${item.id}:${item.version}`} />
        ))}
        <Field id="note" label={t("staff.bulk.decline.note")} help={t("staff.bulk.decline.note.help")} error={message}>
          <textarea id="note" name="note" rows={4} required {...described("note", { help: true, error: message })}>
            {note}
          </textarea>
        </Field>
        <p class="actions">
          <button type="submit">{page.plural("staff.bulk.decline.submit", items.length)}</button>
          <a href={listHref(call.id)}>{t("staff.confirm.back")}</a>
        </p>
      </form>
    </StaffLayout>
  );
}

/** Nothing was ticked: said in words, with the way back to the list. */
export function NothingTickedPage({ page, user, call }: { page: PageContext; user: User.Info; call: Call.Info }) {
  const { t } = page;
  return (
    <StaffLayout page={page} user={user}>
      <span class="tag">{pick(call.title, page.locale)}</span>
      <h1>{t("staff.bulk.nothing.heading")}</h1>
      <p>{t("staff.bulk.nothing")}</p>
      <p>
        <a href={listHref(call.id)}>{t("staff.bulk.back")}</a>
      </p>
    </StaffLayout>
  );
}
