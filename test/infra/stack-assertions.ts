import { definition, steps } from "@amparo/core/decision-clock";
import { callLimitMessage } from "@amparo/core/rate-limit";
import { apps, table as routeTable, fallback } from "@amparo/core/routes";
import { Match, type Template } from "aws-cdk-lib/assertions";
import { creationLimitMetric } from "../../infra/creation-limit.js";
import { beforeAll, describe, expect, it } from "vitest";

type Resource = { Type: string; Properties: Record<string, unknown> };

/** The data and web stacks' templates, however they were made. */
export interface Stacks {
  data: Template;
  web: Template;
}

/**
 * What the data and web stacks must hold, asserted on templates from `load`: the same assertions run on the
 * stacks synthesized in the test process (synth.test.ts) and on what `sst build` writes (sst-build.test.ts),
 * so a difference between the two ways of building shows up as a failure of one of them.
 * `stage` is the stage `load` builds for.
 */
export function describeStacks(stage: string, load: () => Promise<Stacks>, timeout = 300_000): void {
  let web: Template;
  let data: Template;

  // Bundling the functions takes a while: build once for the whole file.
  beforeAll(async () => {
    ({ web, data } = await load());
  }, timeout);

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
        const app = apps.find((name) => uri.includes(functionId(name)))!;
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
      // Besides ours, SST adds its own `CustomResourceHandler` to every stack (it records the stack's metadata); the
      // outbox's, the decision clock's, the sweeps' and the report snapshots' functions are checked with them.
      const others = ["CustomResourceHandler", "Mail", "DecisionClock", "Sweeps", "ReportSnapshots"];
      const ours = Object.keys(functions).filter((id) => !others.some((prefix) => id.startsWith(prefix)));
      expect(ours).toHaveLength(apps.length);
      for (const app of apps) {
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
      for (const app of apps) {
        const fn = web.findResources("AWS::Lambda::Function")[functionId(app)] as Resource;
        const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
        // Apply and staff hash, so they are told where the HMAC key is (the key itself is never a variable), and
        // start or stop decision clocks.
        const hashing = app === "report" || app === "docs" ? [] : ["HMAC_KEY_SECRET_ARN", "STATE_MACHINE_ARN"];
        expect(Object.keys(variables).sort()).toEqual(
          ["BUCKET_NAME", "KMS_KEY_ID", "PUBLIC_URL", "STAGE", "TABLE_NAME", ...hashing].sort(),
        );
        expect(variables.STAGE).toBe(stage);
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

    /** The object keys (`<bucket>/...`) the statements of `app` that act on objects are granted on. */
    function objectGrants(app: string): string[] {
      return statementsOf(app)
        .filter((s) => actionsIn(s).some((a) => a.startsWith("s3:") && /Object/.test(a)))
        .flatMap((s) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]))
        .map((resource) => JSON.stringify(resource))
        .filter((resource) => resource.includes("/"));
    }

    it("let apply touch only the forms' and the accepted prefixes, and staff only read accepted files", () => {
      const apply = objectGrants("apply");
      expect(apply.length).toBeGreaterThan(0);
      for (const resource of apply) expect(resource).toMatch(/"\/(uploads|accepted)\/\*"/);
      expect(apply.some((r) => r.includes('"/uploads/*"'))).toBe(true);
      expect(apply.some((r) => r.includes('"/accepted/*"'))).toBe(true);
      const staff = objectGrants("staff");
      expect(staff.length).toBeGreaterThan(0);
      for (const resource of staff) expect(resource).toMatch(/"\/accepted\/\*"/);
    });

    it("write logs only to their own log group: no role has AWS's account-wide basic execution policy", () => {
      const roles = web.findResources("AWS::IAM::Role") as Record<string, Resource>;
      const withBasic = Object.keys(roles).filter((id) =>
        JSON.stringify(roles[id]!.Properties.ManagedPolicyArns ?? []).includes("AWSLambdaBasicExecutionRole"),
      );
      // SST's own deploy-time handler is the one exception (infra/nag.ts says why).
      expect(withBasic.map((id) => id.replace(/[0-9A-F]{8}$/, ""))).toEqual(["CustomResourceHandlerServiceRole"]);
      for (const app of apps) {
        const logs = statementsOf(app).filter((s) => actionsIn(s).some((a) => a.startsWith("logs:")));
        expect(logs.flatMap(actionsIn).sort()).toEqual(["logs:CreateLogStream", "logs:PutLogEvents"]);
        const own = logicalId(web, "AWS::Logs::LogGroup", `${app}functionLogs`);
        for (const statement of logs) expect(statement.Resource).toEqual({ "Fn::GetAtt": [own, "Arn"] });
      }
    });

    it("let no app send email: the outbox sender does", () => {
      for (const app of apps) {
        expect(actionsOf(app).filter((a) => a.startsWith("ses:"))).toEqual([]);
      }
    });

    it("give the API description's function nothing but its own logs", () => {
      expect(actionsOf("docs").sort()).toEqual(["logs:CreateLogStream", "logs:PutLogEvents"]);
    });
  });

  /** Every IAM policy statement in the web stack, with the roles its policy is attached to. */
  function allStatements(): { roles: string[]; Action: string | string[]; Resource: unknown }[] {
    return (Object.values(web.findResources("AWS::IAM::Policy")) as Resource[]).flatMap((policy) => {
      const roles = (policy.Properties.Roles as { Ref: string }[]).map((r) => r.Ref);
      return (
        policy.Properties.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }
      ).Statement.map((statement) => ({ ...statement, roles }));
    });
  }

  function actionsIn(statement: { Action: string | string[] }): string[] {
    return Array.isArray(statement.Action) ? statement.Action : [statement.Action];
  }

  describe("the HMAC key", () => {
    it("is a generated secret of at least 32 random bytes, kept with the data", () => {
      data.hasResourceProperties("AWS::SecretsManager::Secret", {
        GenerateSecretString: Match.objectLike({ PasswordLength: 64, ExcludePunctuation: true }),
      });
      // 64 letters and digits decode (as base64) to 48 bytes.
      expect((64 * 6) / 8).toBeGreaterThanOrEqual(32);
    });

    it("is readable by apply and staff, through its ARN, and not by report", () => {
      for (const app of ["apply", "staff"]) {
        const reads = statementsOf(app).filter((s) => actionsIn(s).includes("secretsmanager:GetSecretValue"));
        expect(reads.length, app).toBeGreaterThan(0);
        expect(JSON.stringify(reads)).toContain("HmacSecret");
        const fn = web.findResources("AWS::Lambda::Function")[functionId(app)] as Resource;
        const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
        expect(JSON.stringify(variables.HMAC_KEY_SECRET_ARN)).toContain("HmacSecret");
      }
      expect(actionsOf("report").filter((a) => a.startsWith("secretsmanager:"))).toEqual([]);
      expect(statementsOf("report").filter((s) => JSON.stringify(s.Resource).includes("HmacSecret"))).toEqual([]);
    });
  });

  describe("the mail", () => {
    it("tracks no opens or clicks, and keeps reputation metrics", () => {
      const sets = Object.values(web.findResources("AWS::SES::ConfigurationSet")) as Resource[];
      expect(sets).toHaveLength(1);
      expect(sets[0]!.Properties.TrackingOptions).toBeUndefined();
      expect(sets[0]!.Properties.ReputationOptions).toEqual({ ReputationMetricsEnabled: true });
      const destinations = Object.values(web.findResources("AWS::SES::ConfigurationSetEventDestination"));
      expect(JSON.stringify(destinations)).not.toMatch(/OPEN|CLICK/i);
    });

    it("sends from an identity whose default configuration set is that one", () => {
      const set = logicalId(web, "AWS::SES::ConfigurationSet", "MailConfigurationSet");
      web.hasResourceProperties("AWS::SES::EmailIdentity", {
        EmailIdentity: "no-reply@example.org",
        ConfigurationSetAttributes: { ConfigurationSetName: { Ref: set } },
      });
    });

    it("wakes the sender only for new outbox items, with bounded retries, bisection and a failure queue", () => {
      const sender = logicalId(web, "AWS::Lambda::Function", "MailSender");
      const queue = logicalId(web, "AWS::SQS::Queue", "MailFailures");
      web.hasResourceProperties("AWS::Lambda::EventSourceMapping", {
        FunctionName: { Ref: sender },
        EventSourceArn: Match.objectLike({ "Fn::ImportValue": Match.stringLikeRegexp("DataTable.*StreamArn") }),
        MaximumRetryAttempts: 3,
        BisectBatchOnFunctionError: true,
        DestinationConfig: { OnFailure: { Destination: { "Fn::GetAtt": [queue, "Arn"] } } },
        FilterCriteria: {
          Filters: [
            {
              Pattern: JSON.stringify({
                eventName: ["INSERT"],
                dynamodb: { Keys: { pk: { S: [{ prefix: "OUTBOX#" }] } } },
              }),
            },
          ],
        },
      });
      web.hasResourceProperties("AWS::SQS::Queue", { SqsManagedSseEnabled: true });
    });

    it("raises an alarm when a call's limit on new applications refuses a request", () => {
      web.hasResourceProperties("AWS::Logs::MetricFilter", {
        FilterPattern: `{ $.message = "${callLimitMessage}" }`,
        MetricTransformations: [
          { MetricNamespace: creationLimitMetric.namespace, MetricName: creationLimitMetric.name, MetricValue: "1" },
        ],
      });
      web.hasResourceProperties("AWS::CloudWatch::Alarm", {
        Namespace: creationLimitMetric.namespace,
        MetricName: creationLimitMetric.name,
        Threshold: 1,
      });
    });

    it("raises an alarm when the sender fails", () => {
      const sender = logicalId(web, "AWS::Lambda::Function", "MailSender");
      web.hasResourceProperties("AWS::CloudWatch::Alarm", {
        Namespace: "AWS/Lambda",
        MetricName: "Errors",
        Dimensions: [{ Name: "FunctionName", Value: { Ref: sender } }],
        Threshold: 1,
      });
    });

    it("runs the outbox sweep every 5 minutes", () => {
      const sweep = logicalId(web, "AWS::Lambda::Function", "MailSweep");
      web.hasResourceProperties("AWS::Lambda::Function", { Handler: "index.sweep" });
      web.hasResourceProperties("AWS::Events::Rule", {
        ScheduleExpression: "rate(5 minutes)",
        State: "ENABLED",
        Targets: [Match.objectLike({ Arn: { "Fn::GetAtt": [sweep, "Arn"] } })],
      });
    });

    it("publishes only bounces and complaints, to a topic encrypted with the data key and reachable over TLS only", () => {
      const topic = logicalId(web, "AWS::SNS::Topic", "MailNotifications");
      web.hasResourceProperties("AWS::SNS::Topic", {
        KmsMasterKeyId: Match.objectLike({ "Fn::ImportValue": Match.stringLikeRegexp("KeysData") }),
      });
      web.hasResourceProperties("AWS::SES::ConfigurationSetEventDestination", {
        ConfigurationSetName: { Ref: logicalId(web, "AWS::SES::ConfigurationSet", "MailConfigurationSet") },
        EventDestination: {
          Enabled: true,
          MatchingEventTypes: ["bounce", "complaint"],
          SnsDestination: { TopicARN: { Ref: topic } },
        },
      });
      web.resourceCountIs("AWS::SES::ConfigurationSetEventDestination", 1);
      web.hasResourceProperties("AWS::SNS::TopicPolicy", {
        Topics: [{ Ref: topic }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
            Match.objectLike({ Effect: "Allow", Action: "sns:Publish", Principal: { Service: "ses.amazonaws.com" } }),
          ]),
        },
      });
      // SES may use the data key to publish, and only on this account's behalf.
      data.hasResourceProperties("AWS::KMS::Key", {
        KeyPolicy: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Principal: { Service: "ses.amazonaws.com" },
              Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
              Condition: { StringEquals: { "aws:SourceAccount": Match.anyValue() } },
            }),
          ]),
        },
      });
    });

    it("has the topic's one subscriber mark addresses as failing, with a role that cannot send email", () => {
      const recorder = logicalId(web, "AWS::Lambda::Function", "MailFailureRecorder");
      const fn = web.findResources("AWS::Lambda::Function")[recorder] as Resource;
      expect(fn.Properties.Handler).toBe("index.recordFailures");
      web.resourceCountIs("AWS::SNS::Subscription", 1);
      web.hasResourceProperties("AWS::SNS::Subscription", {
        Protocol: "lambda",
        TopicArn: { Ref: logicalId(web, "AWS::SNS::Topic", "MailNotifications") },
        Endpoint: { "Fn::GetAtt": [recorder, "Arn"] },
      });
      const role = (fn.Properties.Role as { "Fn::GetAtt": [string, string] })["Fn::GetAtt"][0];
      const statements = allStatements().filter((s) => s.roles.includes(role));
      const granted = statements.flatMap(actionsIn);
      expect(granted).toContain("dynamodb:PutItem");
      expect(granted).toContain("secretsmanager:GetSecretValue");
      expect(granted.filter((a) => a.startsWith("ses:") || a.startsWith("s3:"))).toEqual([]);
      // The table's key comes with the table; the sealing key does not: it never opens a sealed field.
      expect(statements.filter((s) => importsKey(s.Resource, "KeysSealing"))).toEqual([]);
    });

    it("lets only the outbox's role send email, on its identity and configuration set", () => {
      const role = logicalId(web, "AWS::IAM::Role", "MailRole");
      const senders = allStatements().filter((s) => actionsIn(s).some((a) => a.startsWith("ses:")));
      expect(senders.length).toBeGreaterThan(0);
      for (const statement of senders) {
        expect(statement.roles).toEqual([role]);
        expect(actionsIn(statement)).toEqual(["ses:SendEmail"]);
        expect(JSON.stringify(statement.Resource)).toMatch(/identity/);
        expect(JSON.stringify(statement.Resource)).toMatch(/configuration-set/);
      }
      // The sender and the sweep run as that role; nothing else does.
      const users = Object.entries(web.findResources("AWS::Lambda::Function")).filter(
        ([, fn]) =>
          JSON.stringify((fn as Resource).Properties.Role) === JSON.stringify({ "Fn::GetAtt": [role, "Arn"] }),
      );
      expect(users.map(([id]) => id.replace(/[0-9A-F]{8}$/, "")).sort()).toEqual(["MailSender", "MailSweep"]);
    });
  });

  describe("the decision clock", () => {
    function stateMachine(): Resource {
      const machines = Object.values(web.findResources("AWS::StepFunctions::StateMachine")) as Resource[];
      expect(machines).toHaveLength(1);
      return machines[0]!;
    }

    it("is core's definition, each step's resource replaced by its own task function", () => {
      const machine = stateMachine();
      const placeholders = Object.fromEntries(steps.map((step) => [step, `\${${step}}`])) as Record<
        (typeof steps)[number],
        string
      >;
      expect(JSON.parse(machine.Properties.DefinitionString as string)).toEqual(
        JSON.parse(JSON.stringify(definition(placeholders))),
      );
      const substitutions = machine.Properties.DefinitionSubstitutions as Record<string, unknown>;
      expect(Object.keys(substitutions).sort()).toEqual([...steps].sort());
      for (const step of steps) {
        const fn = logicalId(web, "AWS::Lambda::Function", `DecisionClockStep${step}`);
        expect(substitutions[step]).toEqual({ "Fn::GetAtt": [fn, "Arn"] });
        expect((web.findResources("AWS::Lambda::Function")[fn] as Resource).Properties.Handler).toBe("index.handler");
      }
    });

    it("logs no execution data", () => {
      expect(stateMachine().Properties.LoggingConfiguration).toMatchObject({
        IncludeExecutionData: false,
        Level: "ALL",
      });
    });

    it("raises an alarm on a failed execution", () => {
      const machine = logicalId(web, "AWS::StepFunctions::StateMachine", "DecisionClockStateMachine");
      web.hasResourceProperties("AWS::CloudWatch::Alarm", {
        Namespace: "AWS/States",
        MetricName: "ExecutionsFailed",
        Dimensions: [{ Name: "StateMachineArn", Value: { Ref: machine } }],
        Threshold: 1,
      });
    });

    it("lets apply and staff start, read and stop executions of that state machine only, and report not at all", () => {
      const machine = logicalId(web, "AWS::StepFunctions::StateMachine", "DecisionClockStateMachine");
      for (const app of ["apply", "staff"]) {
        const states = statementsOf(app).filter((s) => actionsIn(s).some((a) => a.startsWith("states:")));
        expect(states.flatMap(actionsIn).sort()).toEqual(
          ["states:DescribeExecution", "states:StartExecution", "states:StopExecution"].sort(),
        );
        for (const statement of states) expect(JSON.stringify(statement.Resource)).toContain(machine);
      }
      expect(actionsOf("report").filter((a) => a.startsWith("states:"))).toEqual([]);
    });
  });

  describe("the schedules", () => {
    it("runs the reconciler every 5 minutes, the draft sweep and report snapshots hourly, retention daily", () => {
      for (const [prefix, rate] of [
        ["DecisionClockReconciler", "rate(5 minutes)"],
        ["SweepsDrafts", "rate(1 hour)"],
        ["ReportSnapshotsFunction", "rate(1 hour)"],
        ["SweepsRetention", "rate(1 day)"],
      ] as const) {
        const fn = logicalId(web, "AWS::Lambda::Function", prefix);
        web.hasResourceProperties("AWS::Events::Rule", {
          ScheduleExpression: rate,
          Targets: [Match.objectLike({ Arn: { "Fn::GetAtt": [fn, "Arn"] } })],
        });
      }
    });

    it("raises an alarm when the retention or the draft sweep fails", () => {
      for (const prefix of ["SweepsRetention", "SweepsDrafts"]) {
        const fn = logicalId(web, "AWS::Lambda::Function", prefix);
        web.hasResourceProperties("AWS::CloudWatch::Alarm", {
          Namespace: "AWS/Lambda",
          MetricName: "Errors",
          Dimensions: [{ Name: "FunctionName", Value: { Ref: fn } }],
          Threshold: 1,
        });
      }
    });
  });
}
