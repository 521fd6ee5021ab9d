/**
 * The decision clock: when an application is reminded, escalated and marked overdue (`times`), the state
 * machine that waits for those times (`definition`), what its steps do (`steps`), the reconciler that keeps one
 * running per application (`reconcile`), and the engine that runs it (Step Functions, or the local runner).
 */
export * from "./definition.js";
export * from "./steps.js";
export * from "./reconcile.js";
export * from "./times.js";
export type { Engine, ExecutionInput, Status } from "./engine.js";
export * as Executions from "./executions.js";
