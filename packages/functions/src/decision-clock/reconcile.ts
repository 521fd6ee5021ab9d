import * as DecisionClock from "@amparo/core/decision-clock";

/**
 * The reconciler, run on a schedule: starts the clock of every submitted, undecided application whose clock is
 * not running (a start that failed after its request, an execution that ended in a recorded failure).
 */
export async function handler(): Promise<{ checked: number; started: number }> {
  return DecisionClock.reconcile();
}
