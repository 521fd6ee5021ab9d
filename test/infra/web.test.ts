import { table as routeTable, fallback } from "@amparo/core/routes";
import { Match, Template } from "aws-cdk-lib/assertions";
import { App, getStack } from "sst/constructs";
import { initProject } from "sst/project.js";
import { beforeAll, describe, expect, it } from "vitest";
import { Data } from "../../stacks/data.js";
import { Web } from "../../stacks/web.js";

type Resource = { Type: string; Properties: Record<string, unknown> };
let web: Template;
let data: Template;

// Bundling the three apps takes a while: synthesize once for the whole file.
beforeAll(async () => {
  await initProject({ stage: "test" });
  const app = new App({ mode: "deploy", stage: "test" });
  app.stack(Data).stack(Web);
  await app.finish();
  web = Template.fromStack(getStack(Web));
  data = Template.fromStack(getStack(Data));
}, 240_000);

/** The logical id of the one resource of `type` whose logical id starts with `prefix`. */
function logicalId(template: Template, type: string, prefix: string): string {
  const ids = Object.keys(template.findResources(type)).filter((id) => id.startsWith(prefix));
  expect(ids, `${type} ${prefix}*`).toHaveLength(1);
  return ids[0]!;
}

function functionId(app: string): string {
  return logicalId(web, "AWS::Lambda::Function", `${app}function`);
}

/** Every statement of the policies attached to the role of `app`'s function. */
function statementsOf(app: string): { Action: string | string[]; Resource: unknown; Effect: string }[] {
  const fn = web.findResources("AWS::Lambda::Function")[functionId(app)] as Resource;
  const role = (fn.Properties.Role as { "Fn::GetAtt": [string, string] })["Fn::GetAtt"][0];
  const policies = Object.values(web.findResources("AWS::IAM::Policy")) as Resource[];
  expect(policies.length).toBeGreaterThan(0);
  return policies
    .filter((policy) => (policy.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === role))
    .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: never[] }).Statement);
}

function actionsOf(app: string): string[] {
  return statementsOf(app).flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
}

/** The data stack's output name for `keyPrefix`'s ARN, as the web stack imports it. */
function importsKey(statementResource: unknown, keyPrefix: string): boolean {
  return JSON.stringify(statementResource).includes(keyPrefix);
}

describe("the keys", () => {
  it("are two customer-managed keys, both rotating", () => {
    data.resourceCountIs("AWS::KMS::Key", 2);
    data.allResourcesProperties("AWS::KMS::Key", { EnableKeyRotation: true });
  });

  it("encrypt the table with the data key, not the sealing key", () => {
    const dataKey = logicalId(data, "AWS::KMS::Key", "KeysData");
    data.hasResourceProperties("AWS::DynamoDB::Table", {
      SSESpecification: { SSEEnabled: true, SSEType: "KMS", KMSMasterKeyId: { "Fn::GetAtt": [dataKey, "Arn"] } },
    });
  });
});

describe("the uploads bucket", () => {
  it("blocks every public access and enforces the bucket as owner", () => {
    web.hasResourceProperties("AWS::S3::Bucket", {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: "BucketOwnerEnforced" }] },
    });
  });

  it("encrypts every object with the customer data key", () => {
    web.hasResourceProperties("AWS::S3::Bucket", {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          Match.objectLike({
            ServerSideEncryptionByDefault: {
              SSEAlgorithm: "aws:kms",
              KMSMasterKeyID: Match.objectLike({ "Fn::ImportValue": Match.stringLikeRegexp("KeysData") }),
            },
          }),
        ],
      },
    });
  });

  it("refuses any request not made over TLS", () => {
    web.hasResourceProperties("AWS::S3::BucketPolicy", {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: "Deny",
            Action: "s3:*",
            Principal: { AWS: "*" },
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          }),
        ]),
      },
    });
  });

  it("keeps versions, removes unconfirmed uploads after a day and old versions after the retention period", () => {
    web.hasResourceProperties("AWS::S3::Bucket", {
      VersioningConfiguration: { Status: "Enabled" },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ Prefix: "uploads/", ExpirationInDays: 1, Status: "Enabled" }),
          Match.objectLike({ NoncurrentVersionExpiration: { NoncurrentDays: 30 }, Status: "Enabled" }),
        ]),
      },
    });
  });

  it("lets only the site's origin POST to it from a browser", () => {
    const [bucket] = Object.values(web.findResources("AWS::S3::Bucket")) as Resource[];
    const rules = (bucket!.Properties.CorsConfiguration as { CorsRules: Record<string, unknown>[] }).CorsRules;
    expect(rules).toHaveLength(1);
    expect(rules[0]!.AllowedMethods).toEqual(["POST"]);
    expect(rules[0]!.AllowedOrigins).toHaveLength(1);
    expect(JSON.stringify(rules[0]!.AllowedOrigins)).not.toContain('"*"');
  });
});

describe("the API", () => {
  it("has exactly the routes of core's route table, each to its app, and the rest to the fallback app", () => {
    const expected = new Map<string, string>([["$default", fallback]]);
    for (const { app, prefixes } of routeTable) {
      for (const prefix of prefixes) {
        expected.set(`ANY ${prefix}`, app);
        expected.set(`ANY ${prefix}/{proxy+}`, app);
      }
    }
    const integrations = web.findResources("AWS::ApiGatewayV2::Integration") as Record<string, Resource>;
    const actual = new Map<string, string>();
    for (const route of Object.values(web.findResources("AWS::ApiGatewayV2::Route")) as Resource[]) {
      const target = JSON.stringify(route.Properties.Target);
      const integration = Object.entries(integrations).find(([id]) => target.includes(id))![1];
      const uri = JSON.stringify(integration.Properties.IntegrationUri);
      const app = ["apply", "staff", "report"].find((name) => uri.includes(functionId(name)))!;
      actual.set(route.Properties.RouteKey as string, app);
    }
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
  });

  it("throttles its one stage", () => {
    web.hasResourceProperties("AWS::ApiGatewayV2::Stage", {
      StageName: "$default",
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
    });
  });

  it("logs each request's id, route, status and latency, and no IP address or user agent", () => {
    const [stage] = Object.values(web.findResources("AWS::ApiGatewayV2::Stage")) as Resource[];
    const settings = stage!.Properties.AccessLogSettings as { Format: string; DestinationArn: unknown };
    expect(settings.DestinationArn).toBeDefined();
    expect(JSON.parse(settings.Format)).toEqual({
      requestId: "$context.requestId",
      routeKey: "$context.routeKey",
      status: "$context.status",
      responseLatency: "$context.responseLatency",
    });
    expect(settings.Format).not.toMatch(/sourceIp|userAgent|identity/);
  });
});

describe("the functions", () => {
  it("are one per audience, each on Node 22 on arm64 with memory, timeout and bounded logs", () => {
    const functions = web.findResources("AWS::Lambda::Function");
    // Besides ours, SST adds its own `CustomResourceHandler` to every stack (it records the stack's metadata).
    expect(Object.keys(functions).filter((id) => !id.startsWith("CustomResourceHandler"))).toHaveLength(3);
    for (const app of ["apply", "staff", "report"]) {
      expect(functions[functionId(app)]).toMatchObject({
        Properties: {
          Runtime: "nodejs22.x",
          Architectures: ["arm64"],
          Handler: "index.handler",
          MemorySize: expect.any(Number),
          Timeout: expect.any(Number),
          LoggingConfig: { LogGroup: { Ref: logicalId(web, "AWS::Logs::LogGroup", `${app}functionLogs`) } },
        },
      });
    }
    web.allResourcesProperties("AWS::Logs::LogGroup", { RetentionInDays: 30 });
  });

  it("are given the table, bucket, sealing key, stage and address, and no secret in plain text", () => {
    for (const app of ["apply", "staff", "report"]) {
      const fn = web.findResources("AWS::Lambda::Function")[functionId(app)] as Resource;
      const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(Object.keys(variables).sort()).toEqual(
        ["BUCKET_NAME", "KMS_KEY_ID", "PUBLIC_URL", "STAGE", "TABLE_NAME"].sort(),
      );
      expect(variables.STAGE).toBe("test");
      expect(JSON.stringify(variables.KMS_KEY_ID)).toContain("KeysSealing");
    }
  });

  it("let apply and staff use the sealing key, and report not at all", () => {
    for (const app of ["apply", "staff"]) {
      expect(statementsOf(app).some((s) => importsKey(s.Resource, "KeysSealing"))).toBe(true);
    }
    expect(statementsOf("report").filter((s) => importsKey(s.Resource, "KeysSealing"))).toEqual([]);
  });

  it("let report only read the table: no write, no S3", () => {
    const actions = actionsOf("report");
    expect(actions).toContain("dynamodb:GetItem");
    expect(actions).toContain("dynamodb:Query");
    expect(actions.filter((a) => a.startsWith("s3:"))).toEqual([]);
    expect(actions).not.toContain("s3:GetObject*");
    expect(actions).not.toContain("dynamodb:PutItem");
  });

  it("let apply write and delete uploads and staff only read them", () => {
    const apply = actionsOf("apply");
    expect(apply).toEqual(expect.arrayContaining(["s3:GetObject*", "s3:PutObject", "s3:DeleteObject*"]));
    const staff = actionsOf("staff");
    expect(staff).toContain("s3:GetObject*");
    expect(staff.filter((a) => a.startsWith("s3:Put") || a.startsWith("s3:Delete"))).toEqual([]);
  });

  it("let no app send email: the outbox sender does", () => {
    for (const app of ["apply", "staff", "report"]) {
      expect(actionsOf(app).filter((a) => a.startsWith("ses:"))).toEqual([]);
    }
  });
});
