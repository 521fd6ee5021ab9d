import * as Config from "../config/index.js";
import { logger } from "../log/index.js";
import { awsEngine } from "./aws-engine.js";
import type { Engine, ExecutionInput, Status } from "./engine.js";

/**
 * The decision clock's executions, behind the few operations core uses: start an execution by name, stop it, and
 * describe it. In AWS it is Step Functions (`STATE_MACHINE_ARN`); locally the runtime gives an in-process
 * runner of the same definition (`use`), so core talks to "Step Functions" the same way in both places.
 */

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
export async function start(name: string, input: ExecutionInput): Promise<"started" | "exists" | "not_configured"> {
  return (await engine()?.start(name, input)) ?? "not_configured";
}

export async function stop(name: string): Promise<void> {
  await engine()?.stop(name);
}

export async function describe(name: string): Promise<{ status: Status } | undefined> {
  return engine()?.describe(name);
}
