import { setTimeout as sleep } from "node:timers/promises";
import { StateMachine } from "aws-local-stepfunctions";
import * as Config from "@amparo/core/config";
import * as DecisionClock from "@amparo/core/decision-clock";
import { logger } from "@amparo/core/log";
import { handler as clock } from "@amparo/functions/decision-clock/clock";
import { handler as escalate } from "@amparo/functions/decision-clock/escalate";
import { handler as failed } from "@amparo/functions/decision-clock/failed";
import { handler as overdue } from "@amparo/functions/decision-clock/overdue";
import { handler as remind } from "@amparo/functions/decision-clock/remind";

type Handler = (input: unknown) => Promise<unknown>;

/** The same handlers AWS runs for each Task state (`packages/functions/src/decision-clock/`). */
export const handlers: Record<DecisionClock.Step, Handler> = { clock, remind, escalate, overdue, failed };

/** Local names for the task resources: there is no Lambda here, each Task state runs its handler in process. */
const localResources = Object.fromEntries(
  DecisionClock.steps.map((step) => [step, `amparo-local-decision-clock-${step}`]),
) as DecisionClock.Resources;

interface Execution {
  status: DecisionClock.Status;
  abort: () => void;
  ended: Promise<void>;
}

export interface RunnerOptions {
  /** Handlers to use instead of the real ones (tests make one fail). */
  handlers?: Partial<Record<DecisionClock.Step, Handler>>;
  /** Pause before each retry of a failed task, instead of the definition's seconds (tests). */
  retryMs?: number;
}

/**
 * Step Functions in process: runs the decision clock's definition with aws-local-stepfunctions, each Task
 * state mapped to its handler. Executions are kept by name, as Step Functions keeps them, so starting a name
 * that exists does nothing. They live in memory: after a restart none exists, and the reconciler starts every
 * clock still needed again from the times stored on the applications.
 */
export class LocalRunner implements DecisionClock.Engine {
  readonly executions = new Map<string, Execution>();
  readonly #machine = new StateMachine(DecisionClock.definition(localResources), {
    validationOptions: { checkArn: false },
  });
  readonly #overrides: Parameters<InstanceType<typeof StateMachine>["run"]>[1];

  constructor(options: RunnerOptions = {}) {
    const chosen = { ...handlers, ...options.handlers };
    this.#overrides = {
      noThrowOnAbort: true,
      overrides: {
        taskResourceLocalHandlers: Object.fromEntries(
          DecisionClock.steps.map((step) => [
            DecisionClock.taskStates[step],
            async (input: unknown) => (await chosen[step](input)) as never,
          ]),
        ),
        ...(options.retryMs !== undefined
          ? {
              retryIntervalOverrides: Object.fromEntries(
                DecisionClock.steps.map((step) => [DecisionClock.taskStates[step], options.retryMs!]),
              ),
            }
          : {}),
      },
    };
  }

  async start(name: string, input: DecisionClock.ExecutionInput): Promise<"started" | "exists"> {
    // Checked and claimed before any await: two starts of one name at once run one execution.
    if (this.executions.has(name)) return "exists";
    const run = this.#machine.run(input, this.#overrides);
    const execution: Execution = { status: "RUNNING", abort: run.abort, ended: Promise.resolve() };
    execution.ended = run.result.then(
      () => {
        if (execution.status === "RUNNING") execution.status = "SUCCEEDED";
      },
      (error: unknown) => {
        // Every task's failure is caught by the definition; this is the library or the definition failing.
        execution.status = "FAILED";
        logger.error("local decision clock failed", { error: error instanceof Error ? error.name : "Error" });
      },
    );
    this.executions.set(name, execution);
    return "started";
  }

  async stop(name: string): Promise<void> {
    const execution = this.executions.get(name);
    if (execution?.status !== "RUNNING") return;
    execution.status = "ABORTED";
    execution.abort();
    await execution.ended;
  }

  async describe(name: string): Promise<{ status: DecisionClock.Status } | undefined> {
    const execution = this.executions.get(name);
    return execution ? { status: execution.status } : undefined;
  }

  /** Aborts every running execution, as a stopped process would. */
  async close(): Promise<void> {
    await Promise.all([...this.executions.keys()].map((name) => this.stop(name)));
  }
}

export interface DecisionClockOptions extends RunnerOptions {
  /** How often the reconciler runs; a minute by default, divided by `TIME_SCALE` (at most once a second). */
  reconcileMs?: number;
  /** `false`: run no reconciler (tests run it themselves). */
  reconcile?: boolean;
}

export interface LocalDecisionClock {
  runner: LocalRunner;
  stop(): Promise<void>;
}

/**
 * The decision clock locally: a runner that core uses as its Step Functions (`DecisionClock.Executions.use`), and the
 * reconciler, run at start (so clocks come back after a restart) and every scaled minute, as a schedule runs
 * it in AWS.
 */
export async function startDecisionClock(options: DecisionClockOptions = {}): Promise<LocalDecisionClock> {
  const runner = new LocalRunner(options);
  DecisionClock.Executions.use(runner);
  const stopped = new AbortController();
  const everyMs = options.reconcileMs ?? Math.max(1_000, 60_000 / Config.get().TIME_SCALE);
  const reconcile = async () => {
    try {
      const { started } = await DecisionClock.reconcile();
      if (started > 0) logger.info("decision clocks started", { count: started });
    } catch (error) {
      if (!stopped.signal.aborted) {
        logger.error("decision clock reconciler failed", { error: error instanceof Error ? error.name : "Error" });
      }
    }
  };
  let loop: Promise<void> = Promise.resolve();
  if (options.reconcile !== false) {
    await reconcile();
    loop = (async () => {
      while (!stopped.signal.aborted) {
        await sleep(everyMs, undefined, { signal: stopped.signal }).catch(() => undefined);
        if (!stopped.signal.aborted) await reconcile();
      }
    })();
  }
  return {
    runner,
    stop: async () => {
      stopped.abort();
      await loop;
      if (DecisionClock.Executions.engine() === runner) DecisionClock.Executions.use(undefined);
      await runner.close();
    },
  };
}
