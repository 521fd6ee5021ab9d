import type * as Audit from "@amparo/core/audit";
import * as Call from "@amparo/core/call";
import type { FieldError } from "@amparo/core/error";
import { formatDate, formatMoney, languageName, pick, t as translate } from "@amparo/core/i18n";
import type * as Review from "@amparo/core/review";
import type * as User from "@amparo/core/user";
import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import { megabytes } from "../apply/application-pages.js";
import { ErrorSummary, Field, Layout, type PageContext } from "../shared/pages.js";

const message = (page: PageContext, error: FieldError) =>
  error.text ? pick(error.text, page.locale) : translate(page.locale, error.message, error.params);

/** Staff pages have no quick exit (they are not the people at risk) but the same frame otherwise. */
function StaffLayout({ page, user, children }: { page: PageContext; user?: User.Info; children: Child }) {
  return (
    <Layout page={page} quickExit={false}>
      {user && (
        <form method="post" action="/staff/sign-out" class="signout">
          <span class="note">
            {page.t("staff.home.signed_in", {
              email: user.email,
              roles: user.roles.map((role) => page.t(`staff.role.${role}`)).join(", "),
            })}
          </span>{" "}
          <button type="submit" class="secondary">
            {page.t("staff.signout")}
          </button>
        </form>
      )}
      {children}
    </Layout>
  );
}

function Notice({ text }: { text?: string }) {
  return text ? (
    <p class="outcome" role="status">
      {text}
    </p>
  ) : null;
}

export function SignInPage({
  page,
  sent = false,
  errors = [],
}: {
  page: PageContext;
  sent?: boolean;
  errors?: FieldError[];
}) {
  const { t } = page;
  if (sent) {
    return (
      <StaffLayout page={page}>
        <h1>{t("staff.signin.sent.heading")}</h1>
        <p>{t("staff.signin.sent.text")}</p>
      </StaffLayout>
    );
  }
  return (
    <StaffLayout page={page}>
      <h1>{t("staff.signin.heading")}</h1>
      <p class="lead">{t("staff.signin.intro")}</p>
      <ErrorSummary page={page} items={errors.map((error) => ({ href: "#email", text: message(page, error) }))} />
      <form method="post" action="/staff/sign-in/request">
        <Field id="email" label={t("staff.signin.email")}>
          <input type="email" id="email" name="email" autocomplete="email" required />
        </Field>
        <p class="actions">
          <button type="submit">{t("staff.signin.submit")}</button>
        </p>
      </form>
    </StaffLayout>
  );
}

/** The emailed link lands here: a button signs in, so a preview that fetches the link does not use it up. */
export function LinkPage({ page, token, invalid = false }: { page: PageContext; token: string; invalid?: boolean }) {
  const { t } = page;
  return (
    <StaffLayout page={page}>
      <h1>{t("staff.link.heading")}</h1>
      {invalid ? (
        <>
          <ErrorSummary page={page} items={[{ href: "/staff", text: t("staff.link.invalid") }]} />
          <p>
            <a href="/staff">{t("staff.signin.submit")}</a>
          </p>
        </>
      ) : (
        <form method="post" action="/staff/sign-in" autocomplete="off">
          <p>{t("staff.link.intro")}</p>
          <input type="hidden" name="token" value={token} />
          <Field id="totp" label={t("staff.link.totp")}>
            <input type="text" id="totp" name="totp" inputmode="numeric" autocomplete="one-time-code" maxlength={6} />
          </Field>
          <p class="actions">
            <button type="submit">{t("staff.link.submit")}</button>
          </p>
        </form>
      )}
    </StaffLayout>
  );
}

export function EnrolPage({
  page,
  user,
  secret,
  qrSvg,
  error,
}: {
  page: PageContext;
  user: User.Info;
  secret: string;
  qrSvg: string;
  error?: string;
}) {
  const { t } = page;
  return (
    <StaffLayout page={page} user={user}>
      <h1>{t("staff.totp.heading")}</h1>
      <p class="lead">{t("staff.totp.intro")}</p>
      <ErrorSummary page={page} items={error ? [{ href: "#code", text: error }] : []} />
      {/* Inline SVG, drawn by the server: no image request, nothing from elsewhere. */}
      <div class="qr" role="img" aria-label={t("staff.totp.key")}>
        {raw(qrSvg)}
      </div>
      <p>
        {t("staff.totp.key")}: <code>{secret.match(/.{1,4}/g)!.join(" ")}</code>
      </p>
      <form method="post" action="/staff/totp" autocomplete="off">
        <Field id="code" label={t("staff.totp.code")}>
          <input
            type="text"
            id="code"
            name="code"
            inputmode="numeric"
            autocomplete="one-time-code"
            maxlength={6}
            required
          />
        </Field>
        <p class="actions">
          <button type="submit">{t("staff.totp.submit")}</button>
        </p>
      </form>
    </StaffLayout>
  );
}

const dueDate = (page: PageContext, iso: string | null | undefined) => (iso ? formatDate(page.locale, iso) : "—");

export function HomePage({
  page,
  user,
  queue,
  calls,
}: {
  page: PageContext;
  user: User.Info;
  queue?: Review.QueueItem[];
  calls: Call.Info[];
}) {
  const { t } = page;
  const coordinating = calls.filter(
    (call) =>
      (user.roles.includes("coordinator") || user.roles.includes("admin")) &&
      (user.roles.includes("admin") || user.callIds.includes(call.id)),
  );
  return (
    <StaffLayout page={page} user={user}>
      <h1>{t("staff.home.heading")}</h1>
      {queue && (
        <>
          <h2>{t("staff.queue.heading")}</h2>
          {queue.length === 0 ? (
            <p>{t("staff.queue.empty")}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("staff.col.application")}</th>
                  <th scope="col">{t("staff.col.call")}</th>
                  <th scope="col">{t("staff.col.due")}</th>
                  <th scope="col">{t("staff.col.review")}</th>
                </tr>
              </thead>
              <tbody>
                {queue.map((item) => (
                  <tr>
                    <td>
                      <a href={`/staff/applications/${item.applicationId}`}>{item.applicationId.slice(0, 8)}</a>
                    </td>
                    <td>
                      {pick(
                        calls.find((call) => call.id === item.callId)?.title ?? {
                          en: item.callId,
                          es: item.callId,
                          pt: item.callId,
                        },
                        page.locale,
                      )}
                    </td>
                    <td>{dueDate(page, item.decisionDueAt)}</td>
                    <td>{t(`staff.queue.${item.review}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
      {coordinating.length > 0 && (
        <>
          <h2>{t("staff.list.heading")}</h2>
          <ul>
            {coordinating.map((call) => (
              <li>
                <a href={`/staff/applications?callId=${call.id}`}>{pick(call.title, page.locale)}</a>
              </li>
            ))}
          </ul>
        </>
      )}
      {user.roles.includes("admin") && (
        <p>
          <a href="/staff/admin">{t("staff.admin.heading")}</a>
        </p>
      )}
      {user.roles.includes("funder") && <p>{t("staff.home.funder")}</p>}
    </StaffLayout>
  );
}

export function ListPage({
  page,
  user,
  call,
  stage,
  items,
}: {
  page: PageContext;
  user: User.Info;
  call: Call.Info;
  stage?: Call.Stage;
  items: { id: string; stage: Call.Stage; decisionDueAt: string | null; reviews: number; meanScore: number | null }[];
}) {
  const { t } = page;
  return (
    <StaffLayout page={page} user={user}>
      <span class="tag">{pick(call.title, page.locale)}</span>
      <h1>{t("staff.list.heading")}</h1>
      <form method="get" action="/staff/applications" class="actions">
        <input type="hidden" name="callId" value={call.id} />
        <label for="stage">{t("staff.list.filter")}</label>
        <select id="stage" name="stage">
          <option value="">{t("staff.list.all_stages")}</option>
          {call.stages
            .filter((option) => option !== "draft")
            .map((option) => (
              <option value={option} selected={option === stage}>
                {t(`staff.stage.${option}`)}
              </option>
            ))}
        </select>
        <button type="submit" class="secondary">
          {t("staff.list.filter")}
        </button>
      </form>
      {items.length === 0 ? (
        <p>{t("staff.list.empty")}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t("staff.col.application")}</th>
              <th scope="col">{t("staff.col.stage")}</th>
              <th scope="col">{t("staff.col.due")}</th>
              <th scope="col">{t("staff.col.reviews")}</th>
              <th scope="col">{t("staff.col.mean")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr>
                <td>
                  <a href={`/staff/applications/${item.id}`}>{item.id.slice(0, 8)}</a>
                </td>
                <td>{t(`staff.stage.${item.stage}`)}</td>
                <td>{dueDate(page, item.decisionDueAt)}</td>
                <td>{item.reviews}</td>
                <td>{item.meanScore ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <a href="/staff">{t("staff.home.heading")}</a>
      </p>
    </StaffLayout>
  );
}

export function ConflictPage({
  page,
  user,
  id,
  declared = false,
}: {
  page: PageContext;
  user: User.Info;
  id: string;
  declared?: boolean;
}) {
  const { t } = page;
  return (
    <StaffLayout page={page} user={user}>
      <h1>{t("staff.conflict.heading")}</h1>
      {declared ? (
        <p>{t("staff.conflict.declared")}</p>
      ) : (
        <form method="post" action={`/staff/applications/${id}/conflict`}>
          <p>{t("staff.conflict.intro")}</p>
          <fieldset>
            <legend>{t("staff.conflict.heading")}</legend>
            <div class="choice">
              <input type="radio" id="conflict-no" name="conflict" value="no" required />
              <label for="conflict-no">{t("staff.conflict.none")}</label>
            </div>
            <div class="choice">
              <input type="radio" id="conflict-yes" name="conflict" value="yes" />
              <label for="conflict-yes">{t("staff.conflict.yes")}</label>
            </div>
          </fieldset>
          <Field id="note" label={t("staff.conflict.note")}>
            <textarea id="note" name="note" rows={3} />
          </Field>
          <p class="actions">
            <button type="submit">{t("staff.conflict.submit")}</button>
          </p>
        </form>
      )}
      <p>
        <a href="/staff">{t("staff.home.heading")}</a>
      </p>
    </StaffLayout>
  );
}

function eventText(page: PageContext, event: Audit.Event, emails: Map<string, string>): string {
  const { t } = page;
  const stage = (value: unknown) => (typeof value === "string" ? t(`staff.stage.${value as Call.Stage}`) : "");
  switch (event.type) {
    case "assigned":
      return t("staff.event.assigned", { reviewer: emails.get(String(event["reviewerId"])) ?? "?" });
    case "scored":
      return t("staff.event.scored", {
        score: Number(event["weightedScore"]),
        recommendation: String(event["recommendation"]),
      });
    case "moved":
      return t("staff.event.moved", { from: stage(event["from"]), stage: stage(event["stage"]) });
    case "decided":
      return t("staff.event.decided", { stage: stage(event["stage"]) });
    case "created":
    case "submitted":
    case "resubmitted":
    case "withdrawn":
    case "no_conflict_declared":
    case "conflict_declared":
      return t(`staff.event.${event.type}`);
    default:
      return event.type;
  }
}

export interface ApplicationPageProps {
  page: PageContext;
  user: User.Info;
  call: Call.Info;
  view: Review.StaffView;
  emails: Map<string, string>;
  reviewers?: { id: string; email: string; open: number }[];
  notice?: string;
  errors?: FieldError[];
}

/** One application for staff: content (never contact details), reviews, and what the viewer may do. */
export function ApplicationPage({
  page,
  user,
  call,
  view,
  emails,
  reviewers = [],
  notice,
  errors = [],
}: ApplicationPageProps) {
  const { t } = page;
  const money = (amount: number) => formatMoney(page.locale, amount, call.funding.currency);
  const coordinator = view.allowedMoves !== undefined;
  const own = view.reviews.find((review) => review.reviewerId === user.id);
  return (
    <StaffLayout page={page} user={user}>
      <span class="tag">{pick(call.title, page.locale)}</span>
      <h1>{t("staff.app.heading", { id: view.id.slice(0, 8) })}</h1>
      <Notice text={notice} />
      <ErrorSummary
        page={page}
        items={errors.map((error) => ({ href: `#${error.path.split(".")[0]}`, text: message(page, error) }))}
      />
      <p>
        <strong>{t("staff.col.stage")}:</strong> {t(`staff.stage.${view.stage}`)}.{" "}
        {t("staff.app.language", { language: languageName(view.language, page.locale) })}.{" "}
        {view.submittedAt &&
          t("staff.app.submitted", {
            date: formatDate(page.locale, view.submittedAt),
            due: dueDate(page, view.decisionDueAt),
          })}
      </p>

      <h2>{t("staff.app.note")}</h2>
      {call.conceptNote.fields.map((field) => (
        <section>
          <h3>{pick(field.label, page.locale)}</h3>
          <p class="prose" lang={view.language}>
            {view.conceptNote.fields[field.id] ?? "—"}
          </p>
        </section>
      ))}
      <p>
        {view.funding
          ? t("staff.app.funding", {
              amount: money(view.funding.amount),
              months: view.funding.months,
              budget: money(view.funding.annualBudget),
            })
          : t("staff.app.no_funding")}
      </p>
      <p>
        {view.budgetFile ? (
          <a href={view.budgetFile.url} rel="noreferrer">
            {t("staff.app.budget", { name: view.budgetFile.fileName, size: megabytes(view.budgetFile.size, page) })}
          </a>
        ) : (
          t("staff.app.no_budget")
        )}
      </p>

      <h2>{t("staff.app.reviews")}</h2>
      {view.review !== undefined && !own && <p class="note">{t("staff.app.others_hidden")}</p>}
      {view.reviews.length === 0 ? (
        <p>{t("staff.app.no_reviews")}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t("staff.col.reviewer")}</th>
              <th scope="col">{t("staff.col.score")}</th>
              <th scope="col">{t("staff.col.recommendation")}</th>
              <th scope="col">{t("staff.col.comment")}</th>
            </tr>
          </thead>
          <tbody>
            {view.reviews.map((review, index) => (
              <tr>
                <td>
                  {coordinator
                    ? (emails.get(review.reviewerId) ?? "?")
                    : review.reviewerId === user.id
                      ? user.email
                      : `#${index + 1}`}
                </td>
                <td>{review.weightedScore}</td>
                <td>{t(`staff.score.${review.recommendation}`)}</td>
                <td>{review.comment}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {view.review !== undefined && !["approved", "declined", "withdrawn"].includes(view.stage) && (
        <ScoreForm page={page} call={call} id={view.id} own={own} />
      )}

      {coordinator && (
        <>
          <h2>{t("staff.assign.heading")}</h2>
          <p class="note">{t("staff.assign.intro")}</p>
          {reviewers.length === 0 ? (
            <p>{t("staff.assign.none")}</p>
          ) : ["approved", "declined", "withdrawn"].includes(view.stage) ? (
            <ul>
              {view.assignments!.map((assignment) => (
                <li>
                  {emails.get(assignment.reviewerId) ?? "?"} —{" "}
                  {t("staff.assign.assigned", { status: t(`staff.queue.${assignment.status}`) })}
                </li>
              ))}
            </ul>
          ) : (
            <form method="post" action={`/staff/applications/${view.id}/assign`}>
              <fieldset>
                <legend>{t("staff.assign.heading")}</legend>
                {reviewers.map((reviewer, index) => {
                  const assignment = view.assignments!.find((item) => item.reviewerId === reviewer.id);
                  return (
                    <div class="choice">
                      <input
                        type="checkbox"
                        id={`reviewer-${index}`}
                        name="reviewerIds"
                        value={reviewer.id}
                        checked={!!assignment}
                        disabled={!!assignment}
                      />
                      <label for={`reviewer-${index}`}>
                        {t("staff.assign.workload", { email: reviewer.email, count: reviewer.open })}
                        {assignment &&
                          ` — ${t("staff.assign.assigned", { status: t(`staff.queue.${assignment.status}`) })}`}
                      </label>
                    </div>
                  );
                })}
              </fieldset>
              <p class="actions">
                <button type="submit" class="secondary">
                  {t("staff.assign.submit")}
                </button>
              </p>
            </form>
          )}

          <h2>{t("staff.move.heading")}</h2>
          {view.allowedMoves!.length === 0 ? (
            <p>{t("staff.move.none")}</p>
          ) : (
            <form method="post" action={`/staff/applications/${view.id}/transition`}>
              <input type="hidden" name="version" value={String(view.version)} />
              <Field id="to" label={t("staff.move.to")}>
                <select id="to" name="to">
                  {view.allowedMoves!.map((stage) => (
                    <option value={stage}>{t(`staff.stage.${stage}`)}</option>
                  ))}
                </select>
              </Field>
              <Field id="note" label={t("staff.move.note")}>
                <textarea id="note" name="note" rows={3} />
              </Field>
              <Field
                id="amount"
                label={
                  <>
                    {t("staff.move.amount", {
                      currency: call.funding.currency,
                      max: money(Math.min(view.funding?.amount ?? call.funding.max, call.funding.max)),
                    })}
                  </>
                }
              >
                <input type="text" inputmode="numeric" id="amount" name="amount" autocomplete="off" />
              </Field>
              <p class="actions">
                <button type="submit">{t("staff.move.submit")}</button>
              </p>
            </form>
          )}

          <h2>{t("staff.app.audit")}</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("staff.col.when")}</th>
                <th scope="col">{t("staff.col.who")}</th>
                <th scope="col">{t("staff.col.what")}</th>
              </tr>
            </thead>
            <tbody>
              {view.events!.map((event) => (
                <tr>
                  <td>
                    {new Intl.DateTimeFormat(page.locale, {
                      dateStyle: "medium",
                      timeStyle: "short",
                      timeZone: "UTC",
                    }).format(new Date(event.at))}
                  </td>
                  <td>
                    {event.actor === "applicant" || event.actor === "system"
                      ? t(`staff.actor.${event.actor}`)
                      : (emails.get(event.actor.slice(5)) ?? "?")}
                  </td>
                  <td>
                    {eventText(page, event, emails)}
                    {event.note && <span class="note"> — {event.note}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <p>
        <a href="/staff">{t("staff.home.heading")}</a>
      </p>
    </StaffLayout>
  );
}

function ScoreForm({ page, call, id, own }: { page: PageContext; call: Call.Info; id: string; own?: Review.Review }) {
  const { t } = page;
  return (
    <form method="post" action={`/staff/applications/${id}/score`}>
      <h2>{t("staff.score.heading")}</h2>
      {call.rubric.criteria.map((criterion) => (
        <fieldset>
          <legend>
            {pick(criterion.label, page.locale)} (×{criterion.weight})
          </legend>
          <div class="scale">
            {[1, 2, 3, 4, 5].map((value) => (
              <span class="choice">
                <input
                  type="radio"
                  id={`${criterion.id}-${value}`}
                  name={`score-${criterion.id}`}
                  value={String(value)}
                  checked={own?.scores[criterion.id] === value}
                  required={value === 1}
                />
                <label for={`${criterion.id}-${value}`}>{value}</label>
              </span>
            ))}
          </div>
        </fieldset>
      ))}
      <fieldset>
        <legend>{t("staff.score.recommendation")}</legend>
        {(["fund", "maybe", "decline"] as const).map((value) => (
          <div class="choice">
            <input
              type="radio"
              id={`recommendation-${value}`}
              name="recommendation"
              value={value}
              checked={own?.recommendation === value}
              required={value === "fund"}
            />
            <label for={`recommendation-${value}`}>{t(`staff.score.${value}`)}</label>
          </div>
        ))}
      </fieldset>
      <Field id="comment" label={t("staff.score.comment")}>
        <textarea id="comment" name="comment" rows={5}>
          {own?.comment ?? ""}
        </textarea>
      </Field>
      <p class="actions">
        <button type="submit">{t("staff.score.submit")}</button>
      </p>
    </form>
  );
}

export function AdminPage({
  page,
  user,
  calls,
  users,
  editing,
  config,
  notice,
  errors = [],
}: {
  page: PageContext;
  user: User.Info;
  calls: Call.Info[];
  users: User.Info[];
  editing?: string;
  config?: string;
  notice?: string;
  errors?: FieldError[];
}) {
  const { t } = page;
  return (
    <StaffLayout page={page} user={user}>
      <h1>{t("staff.admin.heading")}</h1>
      <Notice text={notice} />
      <ErrorSummary
        page={page}
        items={errors.map((error) => ({
          href: editing ? "#config" : "#user-email",
          text: `${error.path ? `${error.path}: ` : ""}${message(page, error)}`,
        }))}
      />
      <h2>{t("staff.admin.calls")}</h2>
      <ul>
        {calls.map((call) => (
          <li>
            <a href={`/staff/admin/calls/${call.id}`}>{t("staff.admin.edit", { id: call.id })}</a> —{" "}
            {pick(call.title, page.locale)}
          </li>
        ))}
      </ul>
      {editing !== undefined && (
        <form method="post" action={`/staff/admin/calls/${editing}`}>
          <Field
            id="config"
            label={
              <>
                {t("staff.admin.config")} — {editing}
              </>
            }
          >
            <textarea id="config" name="config" rows={24} spellcheck={false} class="code-input">
              {config ?? ""}
            </textarea>
          </Field>
          <p class="actions">
            <button type="submit">{t("staff.admin.save")}</button>
          </p>
        </form>
      )}
      <h2>{t("staff.admin.users")}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t("staff.admin.user.email")}</th>
            <th scope="col">{t("staff.admin.user.roles")}</th>
            <th scope="col">{t("staff.admin.user.calls")}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((account) => (
            <tr>
              <td>{account.email}</td>
              <td>{account.roles.map((role) => t(`staff.role.${role}`)).join(", ")}</td>
              <td>{account.callIds.join(", ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="post" action="/staff/admin/users">
        <Field id="user-email" label={t("staff.admin.user.email")}>
          <input type="email" id="user-email" name="email" required autocomplete="off" />
        </Field>
        <fieldset>
          <legend>{t("staff.admin.user.roles")}</legend>
          {(["reviewer", "coordinator", "funder", "admin"] as const).map((role) => (
            <div class="choice">
              <input type="checkbox" id={`role-${role}`} name="roles" value={role} />
              <label for={`role-${role}`}>{t(`staff.role.${role}`)}</label>
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t("staff.admin.user.calls")}</legend>
          {calls.map((call) => (
            <div class="choice">
              <input type="checkbox" id={`call-${call.id}`} name="callIds" value={call.id} />
              <label for={`call-${call.id}`}>{pick(call.title, page.locale)}</label>
            </div>
          ))}
        </fieldset>
        <p class="actions">
          <button type="submit" class="secondary">
            {t("staff.admin.user.submit")}
          </button>
        </p>
      </form>
    </StaffLayout>
  );
}
