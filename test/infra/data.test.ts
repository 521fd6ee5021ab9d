import { Match, Template } from "aws-cdk-lib/assertions";
import { App, getStack } from "sst/constructs";
import { initProject } from "sst/project.js";
import { describe, expect, it } from "vitest";
import { Data } from "../../stacks/data.js";

async function synth(stage: string) {
  await initProject({ stage });
  const app = new App({ mode: "deploy", stage });
  app.stack(Data);
  await app.finish();
  return Template.fromStack(getStack(Data));
}

describe("the data stack", () => {
  it("creates one on-demand table with the keys core uses, TTL, point-in-time recovery and encryption", async () => {
    const template = await synth("test");
    template.resourceCountIs("AWS::DynamoDB::Table", 1);
    template.hasResourceProperties("AWS::DynamoDB::Table", {
      BillingMode: "PAY_PER_REQUEST",
      KeySchema: [
        { AttributeName: "pk", KeyType: "HASH" },
        { AttributeName: "sk", KeyType: "RANGE" },
      ],
      GlobalSecondaryIndexes: [Match.objectLike({ IndexName: "gsi1" })],
      TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
    });
  });

  it("streams new items' images, for the outbox sender", async () => {
    const template = await synth("test");
    template.hasResourceProperties("AWS::DynamoDB::Table", {
      StreamSpecification: { StreamViewType: "NEW_IMAGE" },
    });
  });

  it("keeps and protects the production table, and lets other stages clean up", async () => {
    const production = await synth("production");
    const [table] = Object.values(production.findResources("AWS::DynamoDB::Table"));
    expect(table).toMatchObject({ DeletionPolicy: "Retain", Properties: { DeletionProtectionEnabled: true } });
  });
});
