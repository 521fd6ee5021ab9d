// What an engine of the decision clock offers; in its own module so that both the executions module and the
// engines (aws-engine.ts) import it.

/** An execution's state, as Step Functions names it. */
export type Status = "RUNNING" | "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED" | "PENDING_REDRIVE";

/** What an execution is started with: plain JSON. */
export type ExecutionInput = Record<string, string | number>;

export interface Engine {
  /**
   * Starts an execution named `name`, unless one by that name exists (running or finished): one execution per
   * name, so starting the same one twice (two reconcilers, a retried request) is harmless.
   */
  start(name: string, input: ExecutionInput): Promise<"started" | "exists">;
  /** Stops the execution if it is running; nothing if it is not, or does not exist. */
  stop(name: string): Promise<void>;
  /** The execution's status, or undefined when no execution has that name. */
  describe(name: string): Promise<{ status: Status } | undefined>;
}
