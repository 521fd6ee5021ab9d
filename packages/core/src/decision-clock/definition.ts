// The decision clock's state machine in Amazon States Language, written once: run in process locally and deployed
// to Step Functions, only the task resources differ. Every step reads the application first and answers what is next.
// Why one definition, and steps that decide: docs/decisions/decision-clock.md

/** The steps that run code: each is a thin handler in `packages/functions/src/decision-clock/`. */
export const steps = ["clock", "remind", "escalate", "overdue", "failed"] as const;
export type Step = (typeof steps)[number];

/** Where each step's code runs: a Lambda function's ARN in AWS, a local name locally. */
export type Resources = Record<Step, string>;

/** The state names (shown in the Step Functions console and its history, and used to map local handlers). */
export const stateNames = {
  clock: "Read the clock",
  next: "What is next",
  waitForReminder: "Wait for the reminder time",
  remind: "Remind reviewers",
  waitForEscalation: "Wait for the escalation time",
  escalate: "Escalate to coordinators",
  waitForDecision: "Wait for the decision date",
  overdue: "Mark overdue",
  failed: "Record the failure",
  done: "Done",
  stopped: "Stopped after a recorded failure",
} as const;

/** The Task state that runs each step. */
export const taskStates: Record<Step, string> = {
  clock: stateNames.clock,
  remind: stateNames.remind,
  escalate: stateNames.escalate,
  overdue: stateNames.overdue,
  failed: stateNames.failed,
};

/** What every step but `failed` answers, and what the next one is given: the execution's whole state. */
export interface Output {
  applicationId: string;
  generation: number;
  /** A report's clock: its reminder and due date in `reminderAt` and `decisionDueAt` (`steps.ts`). */
  reportId?: string;
  /** The next step still due, or "done" when nothing is (decided, withdrawn, paused, superseded, all sent). */
  next: "remind" | "escalate" | "overdue" | "done";
  /** When to wake for each step: the stored time, or sooner (a long wait is taken in hops). */
  reminderAt: string;
  escalationAt: string;
  decisionDueAt: string;
}

// A task's error (DynamoDB unreachable, a throttled call) is retried with backoff: 5, 10, 20 seconds.
const retry = [{ ErrorEquals: ["States.ALL"], IntervalSeconds: 5, BackoffRate: 2, MaxAttempts: 3 }];
// Then caught: the failure is recorded with the execution's state, which says which step it was (`next`).
const caught = [{ ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: stateNames.failed }];

/** The state machine, with each step's code at `resources`. */
export function definition(resources: Resources) {
  const task = (step: Exclude<Step, "failed">, next: string) => ({
    Type: "Task" as const,
    Resource: resources[step],
    Retry: retry,
    Catch: caught,
    Next: next,
  });
  const waitUntil = (path: keyof Output, next: string) => ({
    Type: "Wait" as const,
    TimestampPath: `$.${path}`,
    Next: next,
  });
  return {
    Comment: "The decision clock of one application: remind, escalate, mark overdue, unless decided first.",
    StartAt: stateNames.clock,
    States: {
      [stateNames.clock]: task("clock", stateNames.next),
      [stateNames.next]: {
        Type: "Choice" as const,
        Choices: [
          { Variable: "$.next", StringEquals: "remind", Next: stateNames.waitForReminder },
          { Variable: "$.next", StringEquals: "escalate", Next: stateNames.waitForEscalation },
          { Variable: "$.next", StringEquals: "overdue", Next: stateNames.waitForDecision },
        ],
        Default: stateNames.done,
      },
      [stateNames.waitForReminder]: waitUntil("reminderAt", stateNames.remind),
      [stateNames.remind]: task("remind", stateNames.next),
      [stateNames.waitForEscalation]: waitUntil("escalationAt", stateNames.escalate),
      [stateNames.escalate]: task("escalate", stateNames.next),
      [stateNames.waitForDecision]: waitUntil("decisionDueAt", stateNames.overdue),
      [stateNames.overdue]: task("overdue", stateNames.next),
      [stateNames.failed]: {
        Type: "Task" as const,
        Resource: resources.failed,
        ResultPath: null as null,
        Retry: retry,
        // Not even the record could be written: the execution still ends handled, and the reconciler starts
        // the clock again (it is not running, and something is still due).
        Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.recordError", Next: stateNames.stopped }],
        Next: stateNames.stopped,
      },
      [stateNames.done]: { Type: "Succeed" as const },
      [stateNames.stopped]: { Type: "Succeed" as const },
    },
  };
}
