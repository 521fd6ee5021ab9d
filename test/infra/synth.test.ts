import { App as CdkApp, Aspects, Stack, type Stack as StackType } from "aws-cdk-lib";
import { Annotations, Match, Template } from "aws-cdk-lib/assertions";
import type { SynthesisMessage } from "aws-cdk-lib/cx-api";
import { Bucket } from "aws-cdk-lib/aws-s3";
import { AwsSolutionsChecks } from "cdk-nag";
import { App, getStack } from "sst/constructs";
import { initProject } from "sst/project.js";
import { describe, expect, it } from "vitest";
import { Data } from "../../stacks/data.js";
import { Web } from "../../stacks/web.js";
import { describeStacks } from "./stack-assertions.js";

/** The synthesized stacks, for cdk-nag's annotations. */
let stacks: StackType[] = [];

// The stacks synthesized in this process, as SST's tests do: quick to debug, but not quite what is deployed (SST
// skips its bootstrap lookups under NODE_ENV=test, and the app gets SST's default name, account and region, not
// sst.config.ts's), so sst-build.test.ts runs the same assertions on a real `sst build`. cdk-nag's AwsSolutions
// pack runs as an aspect of the same synthesis (it needs the constructs, not only the templates).
describeStacks("test", async () => {
  await initProject({ stage: "test" });
  const app = new App({ mode: "deploy", stage: "test" });
  Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
  app.stack(Data).stack(Web);
  await app.finish();
  stacks = [getStack(Data), getStack(Web)];
  return { web: Template.fromStack(getStack(Web)), data: Template.fromStack(getStack(Data)) };
});

interface Finding {
  path: string;
  message: string;
}

/** cdk-nag's AwsSolutions findings of `stack`, errors and warnings, as "rule: text" with the construct path. */
function findingsOf(stack: StackType): { errors: Finding[]; warnings: Finding[] } {
  const annotations = Annotations.fromStack(stack);
  const rule = Match.stringLikeRegexp("AwsSolutions-.*");
  const shape = (found: SynthesisMessage) => ({
    path: found.id,
    message: String(found.entry.data).slice(0, 200),
  });
  return {
    errors: annotations.findError("*", rule).map(shape),
    warnings: annotations.findWarning("*", rule).map(shape),
  };
}

interface Suppression {
  id: string;
  reason: string;
  applies_to?: unknown[];
}

/** Every cdk-nag suppression written into a template: on the stack and on each resource. */
function suppressionsIn(template: Template): Suppression[] {
  const json = template.toJSON() as {
    Metadata?: { cdk_nag?: { rules_to_suppress?: Suppression[] } };
    Resources: Record<string, { Metadata?: { cdk_nag?: { rules_to_suppress?: Suppression[] } } }>;
  };
  return [
    ...(json.Metadata?.cdk_nag?.rules_to_suppress ?? []),
    ...Object.values(json.Resources).flatMap((resource) => resource.Metadata?.cdk_nag?.rules_to_suppress ?? []),
  ];
}

describe("cdk-nag's AwsSolutions rules", () => {
  it("run for real: a bucket built without care is flagged", () => {
    const app = new CdkApp();
    const stack = new Stack(app, "Careless");
    new Bucket(stack, "Bucket");
    Aspects.of(app).add(new AwsSolutionsChecks());
    const { errors } = findingsOf(stack);
    expect(errors.map((error) => error.message).join("\n")).toMatch(/AwsSolutions-S1/);
    expect(errors.map((error) => error.message).join("\n")).toMatch(/AwsSolutions-S10/);
  });

  it("find no error and no warning in either stack", () => {
    for (const stack of stacks) {
      const { errors, warnings } = findingsOf(stack);
      expect(errors, stack.stackName).toEqual([]);
      expect(warnings, stack.stackName).toEqual([]);
    }
  });

  it("are set aside only with a written reason, and only for the findings each reason is about", () => {
    const suppressions = stacks.flatMap((stack) => suppressionsIn(Template.fromStack(stack)));
    expect(suppressions.length).toBeGreaterThan(0);
    for (const suppression of suppressions) {
      expect(suppression.id).toMatch(/^AwsSolutions-/);
      // A sentence that says why, not a placeholder.
      expect(suppression.reason.split(/\s+/).length, suppression.id).toBeGreaterThanOrEqual(10);
      // A wildcard finding is set aside for the exact actions or resources named, never for the whole rule.
      if (suppression.id === "AwsSolutions-IAM5") expect(suppression.applies_to?.length).toBeGreaterThan(0);
    }
    // Nothing weakens encryption or TLS: those rules are never set aside.
    const ids = new Set(suppressions.map((suppression) => suppression.id));
    for (const never of ["AwsSolutions-S10", "AwsSolutions-SNS2", "AwsSolutions-SNS3", "AwsSolutions-DDB3"]) {
      expect(ids.has(never), never).toBe(false);
    }
  });
});
