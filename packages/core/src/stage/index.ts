import { createHash } from "node:crypto";
import { z } from "zod";
import * as Application from "../application/index.js";
import * as Call from "../call/index.js";
import * as Clock from "../clock/index.js";
import * as Dynamo from "../dynamo/index.js";
import { ApplicationChangedError, ImpossibleMoveError } from "../error/index.js";
// access.ts, not the folder index: the index also exports bulk moves, which import this folder back.
import * as Review from "../review/access.js";
import * as User from "../user/index.js";
import { parseStored } from "../util/stored.js";
import { commit } from "./commit.js";
import { plan } from "./plan.js";
import { Stage } from "./stages.js";

/**
 * The one home of stage changes: the stages, the moves each actor may make (`moves`), a pure `plan` of what a
 * move writes, and one `commit`. Submitting, withdrawing, a coordinator's moves and decisions, and the decision
 * clock's overdue mark all go through here.
 */
export * from "./stages.js";
export {
  allowedMoves,
  moves,
  plan,
  type Actor,
  type AfterCommit,
  type Move,
  type Plan,
  type PlannedEmail,
} from "./plan.js";
export { commit } from "./commit.js";

/* ------------------------------------ applicant ------------------------------------ */

/** How long the answer to a submission made with an `Idempotency-Key` is kept for a repeat of it. */
const idempotencyDays = 7;

const keyHash = (key: string) => createHash("sha256").update(key).digest("hex");

export const SubmitOptions = z.object({
  /** A client's key for this submission: a repeat with the same key answers what the first answered. */
  idempotencyKey: z.string().min(1).max(200).optional(),
});

/**
 * Submits: checks everything, then moves the stage with its audit event and counters in one conditional
 * transaction. Submitting again (or at the same moment from two tabs) answers the same and changes nothing;
 * with an `Idempotency-Key`, a repeat answers exactly what the first request answered.
 */
export async function submit(
  app: Application.Info,
  options: z.input<typeof SubmitOptions> = {},
): Promise<Application.Submission> {
  const { idempotencyKey } = SubmitOptions.parse(options);
  const recordKey = idempotencyKey ? Dynamo.Key.submission(app.id, keyHash(idempotencyKey)) : undefined;
  if (recordKey) {
    const stored = await Dynamo.get(recordKey);
    if (stored) return parseStored(Application.Submission, stored["answer"], "submission answer");
  }
  const record = (answer: Application.Submission) => ({
    ...recordKey!,
    answer,
    [Dynamo.keys.ttl]: Math.floor(Clock.nowMs() / 1000) + idempotencyDays * 86_400,
  });

  const previous = Application.submissionOf(app);
  if (previous) {
    if (recordKey) await Dynamo.putIfNew(record(previous));
    return previous;
  }
  const call = await Call.forApplication(app);
  const move = plan({ app, call, actor: { kind: "applicant" }, move: { kind: "submit" }, now: Clock.now() });
  const answer: Application.Submission = {
    stage: "submitted",
    submittedAt: String(move.update.set["submittedAt"]),
    decisionDueAt: String(move.update.set["decisionDueAt"]),
  };
  try {
    await commit(app, move, recordKey ? [Dynamo.tx.putIfNew(record(answer))] : []);
  } catch (error) {
    if (!(error instanceof ApplicationChangedError)) throw error;
    // Someone else got there first. If that was a submission, this one answers the same.
    const current = await Application.fromID(app.id);
    const theirs = current && Application.submissionOf(current);
    if (theirs) return theirs;
    throw error;
  }
  return answer;
}

/**
 * Sends the full application a shortlisting invited (a grant call's second stage): checks everything (409 when
 * there is none to send or its due date has passed; 422 listing all that is missing), then moves the stage to
 * `full_submitted` and starts the decision clock's next generation, in one conditional transaction. Sending
 * again answers the same and changes nothing; with an `Idempotency-Key`, a repeat answers exactly what the first
 * request answered.
 */
export async function submitFull(
  app: Application.Info,
  options: z.input<typeof SubmitOptions> = {},
): Promise<Application.FullSubmission> {
  const { idempotencyKey } = SubmitOptions.parse(options);
  // Its own records, apart from the concept note's: a client may use one key for both submissions.
  const recordKey = idempotencyKey ? Dynamo.Key.submission(app.id, keyHash(`full:${idempotencyKey}`)) : undefined;
  if (recordKey) {
    const stored = await Dynamo.get(recordKey);
    if (stored) return parseStored(Application.FullSubmission, stored["answer"], "full submission answer");
  }
  const record = (answer: Application.FullSubmission) => ({
    ...recordKey!,
    answer,
    [Dynamo.keys.ttl]: Math.floor(Clock.nowMs() / 1000) + idempotencyDays * 86_400,
  });
  const sent = app.fullApplication?.submittedAt;
  if (sent) {
    if (recordKey) await Dynamo.putIfNew(record({ submittedAt: sent }));
    return { submittedAt: sent };
  }
  const call = await Call.forApplication(app);
  const move = plan({ app, call, actor: { kind: "applicant" }, move: { kind: "submit_full" }, now: Clock.now() });
  const answer: Application.FullSubmission = { submittedAt: move.at };
  // Reviewers who scored the concept note have the full application to score: pending again (their declaration
  // of no conflict holds), so their queue, the reminders and the coordinators' counts see the second round.
  const reopened = (await Review.assignments(app.id))
    .filter((assignment) => assignment.status === "done")
    .map((assignment) =>
      Dynamo.tx.update(
        Dynamo.Key.assignment(app.id, assignment.reviewerId),
        { set: { status: "pending" } },
        Dynamo.when.equals("status", "done"),
      ),
    );
  try {
    await commit(app, move, [...(recordKey ? [Dynamo.tx.putIfNew(record(answer))] : []), ...reopened]);
  } catch (error) {
    if (!(error instanceof ApplicationChangedError)) throw error;
    // Someone else got there first. If that was this submission (another tab), this one answers the same.
    const theirs = (await Application.fromID(app.id))?.fullApplication?.submittedAt;
    if (theirs) return { submittedAt: theirs };
    throw error;
  }
  return answer;
}

export const Withdrawal = z.object({ stage: z.literal("withdrawn") });

/** Withdraws before a decision; its content is deleted once the call's retention period has passed. */
export async function withdraw(app: Application.Info): Promise<z.infer<typeof Withdrawal>> {
  if (app.stage === "withdrawn") return { stage: "withdrawn" };
  const call = await Call.forApplication(app);
  const move = plan({ app, call, actor: { kind: "applicant" }, move: { kind: "withdraw" }, now: Clock.now() });
  try {
    await commit(app, move);
  } catch (error) {
    if (!(error instanceof ApplicationChangedError)) throw error;
    const current = await Application.fromID(app.id);
    if (current?.stage === "withdrawn") return { stage: "withdrawn" };
    throw error;
  }
  return { stage: "withdrawn" };
}

/* ----------------------------------- coordinator ----------------------------------- */

export const TransitionInput = z.object({
  to: Stage,
  version: z.number().int().positive(),
  /** For staff only, whatever the move (sealed in the application's history); required to decline. */
  note: z.string().trim().max(4_000).optional(),
  amount: z.number().int().positive().optional(),
  /**
   * What the applicant reads (sealed with the application; emails still only point to their pages): with a
   * decision, a short message; with `more_info`, where it is required, the question they answer.
   */
  messageToApplicant: z.string().trim().max(1000).optional(),
});
export type TransitionInput = z.input<typeof TransitionInput>;

export const TransitionResult = z.object({ stage: Stage, version: z.number().int() });
export type TransitionResult = z.infer<typeof TransitionResult>;

/**
 * A coordinator moves an application on: a stage the call does not allow from here, or a stale `version`,
 * is a 409. `approved` needs an amount no higher than requested and the call's maximum; `declined` needs a
 * note (for staff); `more_info` needs the question (`messageToApplicant`). The applicant is told, neutrally,
 * when the decision is made or more is asked of them.
 * With `dryRun`, it checks the move (the same 404, 409 and 422) and writes nothing: a confirmation page asks
 * only about a move that would be made.
 */
export async function transition(
  actor: User.Info,
  applicationId: string,
  input: TransitionInput,
  { dryRun = false }: { dryRun?: boolean } = {},
): Promise<TransitionResult> {
  const { to, version, note, amount, messageToApplicant } = TransitionInput.parse(input);
  // Whoever declared a conflict on it may not move it, even as the call's coordinator.
  const app = await Review.coordinated(actor, applicationId);
  const call = await Call.forApplication(app);
  const move = plan({
    app,
    call,
    actor: { kind: "coordinator", userId: actor.id },
    move: {
      kind: "move",
      to,
      version,
      ...(note ? { note } : {}),
      ...(amount !== undefined ? { amount } : {}),
      ...(messageToApplicant ? { messageToApplicant } : {}),
    },
    now: Clock.now(),
  });
  if (dryRun) return { stage: to, version: app.version };
  return commit(app, move);
}

export const ExtendDueInput = z.object({ dueAt: z.iso.datetime({ offset: true }) });
export type ExtendDueInput = z.input<typeof ExtendDueInput>;

export const DueExtended = z.object({ dueAt: z.string(), version: z.number().int() });
export type DueExtended = z.infer<typeof DueExtended>;

/**
 * A coordinator gives one shortlisted applicant until a later date to send their full application (even once
 * the first date has passed): a 409 when there is nothing to extend (sent, decided, never invited), a 422 when
 * the date is not later than both the current one and now. The applicant gets a neutral email with the new
 * date; the change is an audit event (`due_extended`).
 */
export async function extendDue(actor: User.Info, applicationId: string, input: ExtendDueInput): Promise<DueExtended> {
  const { dueAt } = ExtendDueInput.parse(input);
  const app = await Review.coordinated(actor, applicationId);
  const call = await Call.forApplication(app);
  const move = plan({
    app,
    call,
    actor: { kind: "coordinator", userId: actor.id },
    move: { kind: "extend_due", dueAt },
    now: Clock.now(),
  });
  const { version } = await commit(app, move);
  return { dueAt: new Date(dueAt).toISOString(), version };
}

/* -------------------------------------- system -------------------------------------- */

/** What the decision clock does to an undecided application as its times pass. */
export type ClockMove = "remind" | "escalate" | "overdue";

/**
 * One of the decision clock's moves, on the application as just read: remind the reviewers who have not
 * scored and the coordinators, warn the coordinators and admins, or mark it overdue and tell the applicant
 * (neutrally) and the coordinators. Each is recorded on the application (`remindedAt`, `escalatedAt`,
 * `overdueAt`) in the same transaction as its emails, so a step run again sends nothing twice.
 * @returns whether it made the move now.
 */
export async function clockMove(app: Application.Info, kind: ClockMove, now = Clock.now()): Promise<boolean> {
  const call = await Call.forApplication(app);
  try {
    await commit(app, plan({ app, call, actor: { kind: "system" }, move: { kind }, now }));
    return true;
  } catch (error) {
    // Decided, withdrawn, paused, already done or not yet due (perhaps by a move a moment ago): nothing to do.
    if (error instanceof ImpossibleMoveError || error instanceof ApplicationChangedError) return false;
    throw error;
  }
}

/**
 * The decision clock's last move: marks an undecided application overdue once its decision date has passed.
 * Reads first, so a clock that runs again does only what is still due. @returns whether it marked it now.
 */
export async function markOverdue(applicationId: string, now = Clock.now()): Promise<boolean> {
  const app = await Application.fromID(applicationId);
  if (!app) return false;
  return clockMove(app, "overdue", now);
}

/**
 * A report clock's move (`stage/plan-reports.ts`): reminds the applicant of a report, or counts it at its due
 * date. Like `clockMove`, a move no longer due (sent, counted, the grant stopped) is no move. @returns whether
 * it moved.
 */
export async function reportClockMove(
  app: Application.Info,
  kind: "report_remind" | "report_due",
  reportId: string,
  now = Clock.now(),
): Promise<boolean> {
  const call = await Call.forApplication(app);
  try {
    await commit(app, plan({ app, call, actor: { kind: "system" }, move: { kind, reportId }, now }));
    return true;
  } catch (error) {
    if (error instanceof ImpossibleMoveError || error instanceof ApplicationChangedError) return false;
    throw error;
  }
}
