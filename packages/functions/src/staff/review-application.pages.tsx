import type * as Call from "@amparo/core/call";
import type { FieldError } from "@amparo/core/error";
import { formatDate, languageName, pick } from "@amparo/core/i18n";
import type * as Review from "@amparo/core/review";
import * as Stage from "@amparo/core/stage";
import type * as User from "@amparo/core/user";
import { fileSize, moneyIn } from "../shared/format.js";
import { ErrorSummary, Notice, fieldMessage, type PageContext } from "../shared/pages.js";
import { DueDateForm, FullApplicationPart } from "./full-application.pages.js";
import { StaffLayout, dueDate } from "./layout.js";
import { type Reviewer, Reviews, ScoreForm, Assignments, MoveForm } from "./review-actions.js";
import { type AwardData, AwardSection } from "./award-section.js";
import { AuditTrail } from "./review-audit.js";
import { Conversation } from "./review-conversation.js";
import { EligibilityAnswers } from "../shared/eligibility-answers.js";

export interface ApplicationPageProps {
  page: PageContext;
  user: User.Info;
  call: Call.Info;
  view: Review.StaffView;
  emails: Map<string, string>;
  reviewers?: Reviewer[];
  notice?: string;
  errors?: FieldError[];
  /** A move was refused because someone else changed the application since the coordinator read it. */
  changed?: boolean;
  /** What the coordinator typed in a move refused for a missing or wrong value, to correct rather than retype. */
  typed?: Record<string, string>;
  /** The grant, after an approval, for the call's coordinators only (`loadAward`). */
  award?: AwardData | undefined;
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
  changed = false,
  typed,
  award,
}: ApplicationPageProps) {
  const { t } = page;
  const own = view.reviews.find((review) => review.reviewerId === user.id);
  const final = Stage.isFinal(view.stage);
  // Once the full application is sent, reviewers score it on the second rubric (the first round is over).
  const spec = call.fullApplication;
  const full = view.fullApplication;
  const round: Review.Round = spec && full?.submittedAt ? "full" : "concept";
  const ownOfRound = round === "full" ? view.rounds?.full.reviews.find((review) => review.reviewerId === user.id) : own;
  const coordinates = view.allowedMoves !== undefined;
  const clock = view.clock && (
    <DecisionClock
      page={page}
      clock={view.clock}
      final={final}
      waitsForFullUntil={
        view.stage === "shortlisted" && view.fullApplication && !view.fullApplication.submittedAt
          ? view.fullApplication.dueAt
          : undefined
      }
    />
  );
  return (
    <StaffLayout page={page} user={user}>
      <span class="tag">{pick(call.title, page.locale)}</span>
      <h1>{t("staff.app.heading", { id: view.id.slice(0, 8) })}</h1>
      <Notice text={notice} />
      {changed && (
        <div class="summary" role="alert" aria-labelledby="changed">
          <h2 id="changed">{t("staff.changed.heading")}</h2>
          <p>{t("staff.changed.text", { stage: t(`staff.stage.${view.stage}`) })}</p>
        </div>
      )}
      <ErrorSummary
        page={page}
        items={errors.map((error) => ({ href: `#${error.path.split(".")[0]}`, text: fieldMessage(page, error) }))}
      />
      <Status page={page} view={view} />
      {view.decision && <DecisionMade page={page} call={call} view={view} />}
      {award && (
        <AwardSection
          page={page}
          call={call}
          id={view.id}
          version={view.version}
          data={award}
          errors={errors}
          {...(typed ? { typed } : {})}
        />
      )}
      {/* Coordinators run the clock, so it comes first for them; a reviewer reads the note first. */}
      {coordinates && clock}
      {view.moreInfo && <Conversation page={page} rounds={view.moreInfo} stage={view.stage} language={view.language} />}
      <NoteAndFunding page={page} call={call} view={view} />
      {!coordinates && clock}
      {view.eligibility && (
        <section aria-labelledby="eligibility">
          <h2 id="eligibility">{t("staff.app.eligibility")}</h2>
          <EligibilityAnswers page={page} call={call} answers={view.eligibility} />
        </section>
      )}
      <BudgetFile page={page} view={view} />
      {spec && full && <FullApplicationPart page={page} spec={spec} view={view} full={full} />}
      {view.rounds ? (
        <>
          <Reviews page={page} user={user} view={view} emails={emails} round="concept" scores={view.rounds.concept} />
          <Reviews page={page} user={user} view={view} emails={emails} round="full" scores={view.rounds.full} />
        </>
      ) : (
        <Reviews page={page} user={user} view={view} emails={emails} />
      )}
      {view.review !== undefined && !final && (
        <ScoreForm
          page={page}
          id={view.id}
          own={ownOfRound}
          round={round}
          rubric={round === "full" ? spec!.rubric : call.rubric}
        />
      )}
      {view.allowedMoves !== undefined && (
        <>
          <Assignments
            page={page}
            id={view.id}
            assignments={view.assignments!}
            reviewers={reviewers}
            emails={emails}
            final={final}
            error={errors.find((error) => error.path === "reviewerIds")}
          />
          {full && !full.submittedAt && view.stage === "shortlisted" && (
            <DueDateForm page={page} id={view.id} full={full} error={errors.find((error) => error.path === "dueAt")} />
          )}
          <MoveForm
            page={page}
            call={call}
            view={view}
            allowedMoves={view.allowedMoves}
            errors={errors}
            {...(typed ? { typed } : {})}
          />
          <AuditTrail page={page} events={view.events!} emails={emails} />
        </>
      )}
      <p>
        <a href="/staff">{t("staff.home.heading")}</a>
      </p>
    </StaffLayout>
  );
}

/** Where the application stands: its stage, writing language, and when it was sent and is due. */
function Status({ page, view }: { page: PageContext; view: Review.StaffView }) {
  const { t } = page;
  return (
    <p>
      <strong>{t("staff.col.stage")}:</strong> {t(`staff.stage.${view.stage}`)}.{" "}
      {t("staff.app.language", { language: languageName(view.language, page.locale) })}.{" "}
      {view.submittedAt &&
        t("staff.app.submitted", {
          date: formatDate(page.locale, view.submittedAt),
          due: dueDate(page, view.decisionDueAt),
        })}
    </p>
  );
}

/**
 * The decision as it was made: the outcome, when, the amount granted (sealed; opened with the application for
 * whoever may read it), and the coordinator's note, which only coordinators see (it is in the audit trail).
 */
function DecisionMade({ page, call, view }: { page: PageContext; call: Call.Info; view: Review.StaffView }) {
  const { t } = page;
  const decision = view.decision!;
  const date = formatDate(page.locale, decision.decidedAt);
  const note = view.events?.findLast((event) => event.type === "decided")?.note;
  return (
    <section aria-labelledby="decision">
      <h2 id="decision">{t("staff.decision.heading")}</h2>
      <p>
        {decision.outcome === "approved"
          ? t("staff.decision.approved", {
              date,
              amount: decision.amount === undefined ? "—" : moneyIn(page, call.funding.currency)(decision.amount),
            })
          : t("staff.decision.declined", { date })}
      </p>
      {note && (
        <>
          <h3>{t("staff.decision.note")}</h3>
          <p class="prose">{note}</p>
        </>
      )}
    </section>
  );
}

/**
 * The decision clock: when the decision is due, whether the reviewers were reminded and the coordinators
 * warned (or when they will be, unless it is decided or withdrawn), and whether it waits on the applicant.
 */
function DecisionClock({
  page,
  clock,
  final,
  waitsForFullUntil,
}: {
  page: PageContext;
  clock: Review.DecisionClock;
  final: boolean;
  /** The full application's due date while the shortlisted applicant writes it: the clock is stopped meanwhile. */
  waitsForFullUntil?: string | undefined;
}) {
  const { t } = page;
  const date = (iso: string) => formatDate(page.locale, iso);
  const step = (done: string | undefined, planned: string | undefined) =>
    done
      ? t("staff.clock.sent", { date: date(done) })
      : planned && !final && !waitsForFullUntil
        ? t("staff.clock.planned", { date: date(planned) })
        : "—";
  return (
    <section aria-labelledby="clock">
      <h2 id="clock">{t("staff.clock.heading")}</h2>
      <table class="clock">
        <tbody>
          <tr>
            <th scope="row">{t("staff.clock.due")}</th>
            <td>
              {date(clock.decisionDueAt)}
              {clock.overdueAt && (
                <>
                  {" "}
                  <strong class="overdue">{t("staff.clock.overdue", { date: date(clock.overdueAt) })}</strong>
                </>
              )}
            </td>
          </tr>
          <tr>
            <th scope="row">{t("staff.clock.reminder")}</th>
            <td>{step(clock.remindedAt, clock.reminderAt)}</td>
          </tr>
          <tr>
            <th scope="row">{t("staff.clock.escalation")}</th>
            <td>{step(clock.escalatedAt, clock.escalationAt)}</td>
          </tr>
          <tr>
            <th scope="row">{t("staff.clock.paused")}</th>
            <td>
              {waitsForFullUntil
                ? t("staff.clock.waiting_full", { date: date(waitsForFullUntil) })
                : clock.pausedAt
                  ? t("staff.clock.paused_since", { date: date(clock.pausedAt) })
                  : t("staff.clock.not_paused")}
            </td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}

/** The concept note, field by field in the applicant's language, then the funding asked for. */
function NoteAndFunding({ page, call, view }: { page: PageContext; call: Call.Info; view: Review.StaffView }) {
  const { t } = page;
  const money = moneyIn(page, call.funding.currency);
  return (
    <>
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
        {!view.funding
          ? t("staff.app.no_funding")
          : view.funding.annualBudget === undefined
            ? t("staff.app.funding.no_budget", { amount: money(view.funding.amount), months: view.funding.months })
            : t("staff.app.funding", {
                amount: money(view.funding.amount),
                months: view.funding.months,
                budget: money(view.funding.annualBudget),
              })}
      </p>
    </>
  );
}

/**
 * The budget file's download through this app (checked bytes, recorded), with any warning about it placed
 * before the link, so it is read before the file is opened; or that there is none.
 */
function BudgetFile({ page, view }: { page: PageContext; view: Review.StaffView }) {
  const { t } = page;
  if (!view.budgetFile) return <p>{t("staff.app.no_budget")}</p>;
  const file = view.budgetFile;
  return (
    <>
      {(file.warnings ?? []).map((warning) => (
        <p role="note">
          <strong>
            {t(`staff.app.budget_warning.${warning.code}`, { cells: warning.cells, first: warning.first })}
          </strong>
        </p>
      ))}
      <p>
        <a href={`/staff/applications/${view.id}/budget-file`} rel="noreferrer" download={file.fileName}>
          {t("staff.app.budget", { name: file.fileName, size: fileSize(file.size, page) })}
        </a>
      </p>
    </>
  );
}
