import { z } from "zod";
import * as Application from "../application/index.js";
import * as Audit from "../audit/index.js";
import * as Call from "../call/index.js";
import * as Clock from "../clock/index.js";
import { logger } from "../log/index.js";
import * as Stage from "../stage/index.js";
import type { Output } from "./definition.js";
import { runs } from "./times.js";

/**
 * What each step of the decision clock's state machine (`definition.ts`) does. The steps are thin handlers in
 * `packages/functions/src/decision-clock/`; the moves they make are the system's moves in `stage`.
 */

/** What starts an execution, and what every step reads of its input: the application and the clock's generation. */
export const Input = z.object({
  applicationId: z.string().regex(/^[a-z0-9]{26}$/),
  generation: z.number().int().positive(),
  /** A report's clock (`reportClock`): the same steps, its reminder at `remind` and its due date at `overdue`. */
  reportId: z
    .string()
    .regex(/^[a-z0-9_-]{1,30}$/)
    .optional(),
});
export type Input = z.infer<typeof Input>;

/** What the failure step is given: the execution's state, with the caught error beside it. */
export const FailureInput = Input.extend({
  next: z.string().optional(),
  error: z.object({ Error: z.string().optional() }).loose().optional(),
});

/**
 * The longest single wait. A JavaScript timer (the local runner's) cannot wait longer than about 24.8 days, so
 * a longer wait is taken in hops: the step that wakes early finds nothing due and waits again.
 */
export const longestWaitMs = 20 * 86_400_000;

type Step = Exclude<Output["next"], "done">;

/** The steps in order, each with its time and the mark it leaves. */
export const order: {
  step: Step;
  at: "reminderAt" | "escalationAt" | "decisionDueAt";
  mark: keyof Application.Info;
}[] = [
  { step: "remind", at: "reminderAt", mark: "remindedAt" },
  { step: "escalate", at: "escalationAt", mark: "escalatedAt" },
  { step: "overdue", at: "decisionDueAt", mark: "overdueAt" },
];

/**
 * What is next for this execution, from the application as it is now: nothing ("done") if the application is
 * gone, decided, withdrawn, waiting on its applicant, or has a newer clock; otherwise the first step not made
 * yet, with the times to wake at.
 */
function whatIsNext(app: Application.Info | undefined, call: Call.Info | undefined, input: Input, now: Date): Output {
  const wake = (at: string | undefined) =>
    !at || Date.parse(at) - now.getTime() > longestWaitMs ? new Date(now.getTime() + longestWaitMs).toISOString() : at;
  if (input.reportId) return whatIsNextForReport(app, call, { ...input, reportId: input.reportId }, wake);
  const running =
    app && call && app.clockGeneration === input.generation && runs(app.stage, call.kind) && !app.pausedAt;
  const due = running ? order.find(({ at, mark }) => app[at] !== undefined && app[mark] === undefined) : undefined;
  return {
    applicationId: input.applicationId,
    generation: input.generation,
    next: due?.step ?? "done",
    reminderAt: wake(app?.reminderAt),
    escalationAt: wake(app?.escalationAt),
    decisionDueAt: wake(app?.decisionDueAt),
  };
}

/**
 * What is next for a report's clock: its reminder while the report is unsent and unreminded, then its due date
 * (where it is counted), unless the grant stopped running, the report was counted, or a newer clock took over.
 * The report's times ride in the decision clock's fields, so one state machine serves both.
 */
function whatIsNextForReport(
  app: Application.Info | undefined,
  call: Call.Info | undefined,
  input: Input & { reportId: string },
  wake: (at: string | undefined) => string,
): Output {
  const state = app && call ? Application.reportStates(app, call)[input.reportId] : undefined;
  const running =
    app &&
    state &&
    state.clockGeneration === input.generation &&
    !state.countedAt &&
    Stage.runningGrantStages.includes(app.stage);
  const next = !running ? "done" : !state.remindedAt && !state.sentAt ? "remind" : "overdue";
  return {
    applicationId: input.applicationId,
    generation: input.generation,
    reportId: input.reportId,
    next,
    reminderAt: wake(state?.remindAt),
    escalationAt: wake(state?.dueAt),
    decisionDueAt: wake(state?.dueAt),
  };
}

async function read(applicationId: string) {
  const app = await Application.fromID(applicationId);
  const call = app && (await Call.fromID(app.callId)) ? await Call.forApplication(app) : undefined;
  return { app, call };
}

/** The first step: reads the clock and says what is next. */
export async function clock(input: Input, now = Clock.now()): Promise<Output> {
  const { app, call } = await read(input.applicationId);
  return whatIsNext(app, call, input, now);
}

/**
 * A step that wakes at its time: reads the application, makes the clock's move if it is still due (and the
 * execution is still the application's clock), and says what is next. Run again, it makes no move twice.
 */
async function act(step: Step, input: Input, now: Date): Promise<Output> {
  const { app, call } = await read(input.applicationId);
  const planned = whatIsNext(app, call, input, now);
  // Not this step's turn (already made, decided meanwhile, a newer clock) or not its time yet (the times moved
  // later, or the wait was one hop of a long one): make no move, say what is next.
  if (planned.next !== step || now.toISOString() < planned[order.find((entry) => entry.step === step)!.at]) {
    return planned;
  }
  if (input.reportId) {
    await Stage.reportClockMove(app!, step === "remind" ? "report_remind" : "report_due", input.reportId, now);
  } else {
    await Stage.clockMove(app!, step, now);
  }
  // Made now, or refused because the application changed meanwhile: either way, what is next is read afresh.
  const after = await read(input.applicationId);
  return whatIsNext(after.app, after.call, input, now);
}

/** Reminds the reviewers who have not scored, and the coordinators, if the application is still undecided. */
export const remind = (input: Input, now = Clock.now()) => act("remind", input, now);
/** Warns the call's coordinators and the admins that the decision date is near, if still undecided. */
export const escalate = (input: Input, now = Clock.now()) => act("escalate", input, now);
/** Marks the application overdue and tells the applicant (neutrally) and the coordinators, if still undecided. */
export const overdue = (input: Input, now = Clock.now()) => act("overdue", input, now);

/** An error's name as the state machine caught it, if it is a plain name: a message could hold anything. */
const safeName = (name: string | undefined) => (name && /^[A-Za-z][\w.]{0,99}$/.test(name) ? name : "Error");

/**
 * A step failed after its retries: recorded on the application (an audit event) and in the log, with the step
 * and the error's name only. The execution then ends; the reconciler starts a new clock if something is due.
 */
export async function recordFailure(input: z.infer<typeof FailureInput>): Promise<void> {
  const step = input.next && order.some((entry) => entry.step === input.next) ? input.next : "clock";
  const error = safeName(input.error?.Error);
  logger.error("decision clock step failed", { step, error, generation: input.generation });
  if (await Application.fromID(input.applicationId)) {
    await Audit.record({ application: input.applicationId }, "clock_failed", "system", { step, error });
  }
}
