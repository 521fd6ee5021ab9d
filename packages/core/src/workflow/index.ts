import * as Config from "../config/index.js";
import { logger } from "../log/index.js";
import { awsEngine } from "./aws.js";

/**
 * The decision clock's engine, behind the few operations core uses: start an execution by name, stop it, and
 * describe it. In AWS it is Step Functions (`STATE_MACHINE_ARN`); locally the runtime gives an in-process
 * runner of the same definition (`use`), so core talks to "Step Functions" the same way in both places.
 */

/** An execution's state, as Step Functions names it. */
export type Status = "RUNNING" | "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED" | "PENDING_REDRIVE";

/** What an execution is started with: plain JSON. */
export type Input = Record<string, string | number>;

export interface Engine {
  /**
   * Starts an execution named `name`, unless one by that name exists (running or finished): one execution per
   * name, so starting the same one twice (two reconcilers, a retried request) is harmless.
   */
  start(name: string, input: Input): Promise<"started" | "exists">;
  /** Stops the execution if it is running; nothing if it is not, or does not exist. */
  stop(name: string): Promise<void>;
  /** The execution's status, or undefined when no execution has that name. */
  describe(name: string): Promise<{ status: Status } | undefined>;
}

let chosen: Engine | undefined;
let warned = false;

/** Runs the clock on `engine` from now on (the local runtime's runner), or on the configured one again (undefined). */
export function use(engine: Engine | undefined): void {
  chosen = engine;
}

/** The engine in use: the one given to `use`, else Step Functions if a state machine is configured. */
export function engine(): Engine | undefined {
  if (chosen) return chosen;
  const arn = Config.get().STATE_MACHINE_ARN;
  if (arn) return (chosen = awsEngine(arn));
  // Tests of other concerns and tools run without a clock; in AWS a missing state machine is a deployment fault.
  if (!warned && !Config.isLocal()) logger.warn("no state machine configured: decision clocks do not run");
  warned = true;
  return undefined;
}

/** Starts an execution by name (see `Engine.start`); "not_configured" when no engine runs here. */
export async function start(name: string, input: Input): Promise<"started" | "exists" | "not_configured"> {
  return (await engine()?.start(name, input)) ?? "not_configured";
}

export async function stop(name: string): Promise<void> {
  await engine()?.stop(name);
}

export async function describe(name: string): Promise<{ status: Status } | undefined> {
  return engine()?.describe(name);
}
