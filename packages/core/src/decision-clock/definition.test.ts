import validate from "asl-validator";
import { describe, expect, it } from "vitest";
import { definition, stateNames, steps, taskStates, type Resources } from "./definition.js";

// What the infrastructure will give: one Lambda function per step.
const inAws = Object.fromEntries(
  steps.map((step) => [
    step,
    `arn:aws:lambda:eu-west-1:123456789012:function:amparo-production-decision-clock-${step}`,
  ]),
) as Resources;

describe("the decision clock's state machine", () => {
  it("is valid Amazon States Language, with the ARNs of AWS", () => {
    const result = validate(definition(inAws));
    expect(result.errors).toEqual([]);
    expect(result.isValid).toBe(true);
    // The validator does look: a definition that names a state it lacks is refused.
    const broken = definition(inAws);
    delete (broken.States as Record<string, unknown>)[stateNames.done];
    expect(validate(broken).isValid).toBe(false);
  });

  it("is the same definition with local names for its tasks, as the local runner runs it", () => {
    const local = Object.fromEntries(steps.map((step) => [step, `local-${step}`])) as Resources;
    expect(validate(definition(local), { checkArn: false, checkPaths: true }).isValid).toBe(true);
    expect(JSON.stringify(definition(local)).replaceAll("local-", "")).toBe(
      JSON.stringify(definition(Object.fromEntries(steps.map((step) => [step, step])) as Resources)),
    );
  });

  it("waits only until times stored on the application, and retries then catches every task", () => {
    const states = Object.entries(definition(inAws).States) as [string, Record<string, unknown>][];
    const waits = states.filter(([, state]) => state["Type"] === "Wait").map(([, state]) => state["TimestampPath"]);
    expect(waits).toEqual(["$.reminderAt", "$.escalationAt", "$.decisionDueAt"]);
    const tasks = states.filter(([, state]) => state["Type"] === "Task");
    expect(tasks.map(([name]) => name).sort()).toEqual(Object.values(taskStates).sort());
    for (const [name, state] of tasks) {
      expect(state["Retry"], name).toEqual([expect.objectContaining({ ErrorEquals: ["States.ALL"], MaxAttempts: 3 })]);
      // Every caught failure is recorded, and the record's own failure still ends the execution handled.
      const next = name === stateNames.failed ? stateNames.stopped : stateNames.failed;
      expect(state["Catch"], name).toEqual([expect.objectContaining({ ErrorEquals: ["States.ALL"], Next: next })]);
    }
    const ends = states.filter(([, state]) => state["Type"] === "Fail");
    expect(ends).toEqual([]);
  });
});
