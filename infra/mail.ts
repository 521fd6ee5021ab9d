import { keys, outboxPrefix } from "@amparo/core/dynamo";
import { Duration, Stack } from "aws-cdk-lib";
import { type Alarm, ComparisonOperator, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { Rule, Schedule } from "aws-cdk-lib/aws-events";
import { LambdaFunction } from "aws-cdk-lib/aws-events-targets";
import { ManagedPolicy, PolicyStatement, Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import type { IKey } from "aws-cdk-lib/aws-kms";
import { FilterCriteria, FilterRule, StartingPosition } from "aws-cdk-lib/aws-lambda";
import { DynamoEventSource, SqsDlq } from "aws-cdk-lib/aws-lambda-event-sources";
import { ConfigurationSet, EmailIdentity, Identity, SuppressionReasons } from "aws-cdk-lib/aws-ses";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { type AppEnvironment, AppFunction } from "./app-function.js";

/** Where the outbox's Lambda handlers live, relative to the repository root. */
export const outboxEntry = "packages/functions/src/outbox/index.ts";

export interface MailProps {
  /** The table whose stream carries new outbox items; it must have a stream. */
  table: ITable;
  /** The key that seals outbox items' recipients; the sender only opens them. */
  sealingKey: IKey;
  /** The sender address (`MAIL_FROM`): a neutral one such as `no-reply@`, never a person. */
  from: string;
  /**
   * A domain to verify as the SES identity (DKIM records to add to its DNS), so any address under it may send.
   * @default the `from` address alone is the identity (verified by a link SES mails to it)
   */
  domain?: string;
  /** The settings every app function gets (table, bucket, keys, stage, address); `MAIL_FROM` is added here. */
  environment: AppEnvironment;
  /**
   * Times a failed stream batch is retried before it goes to the failure queue. The sender records its own
   * failures on the item and never fails a batch, so a retry here means the function itself crashed.
   * @default 3
   */
  retryAttempts?: number;
  /**
   * How often the sweep retries what the stream did not send.
   * @default Duration.minutes(5)
   */
  sweepEvery?: Duration;
}

/**
 * Email: the SES identity and a configuration set without open or click tracking (a tracking pixel or a
 * rewritten link would tell a third party when and where a defender read a message), the outbox sender on the
 * table's stream, and the sweep that retries what it did not send. The sender and the sweep share one role,
 * the only one allowed to send email.
 */
export class Mail extends Construct {
  readonly identity: EmailIdentity;
  readonly configurationSet: ConfigurationSet;
  readonly role: Role;
  readonly sender: AppFunction;
  readonly sweep: AppFunction;
  /** Stream batches that failed every retry, kept for two weeks for a person to look at. */
  readonly failures: Queue;
  readonly errorsAlarm: Alarm;

  constructor(scope: Construct, id: string, props: MailProps) {
    super(scope, id);
    // No `customTrackingRedirectDomain`, no event destination for opens or clicks: nothing is tracked.
    this.configurationSet = new ConfigurationSet(this, "ConfigurationSet", {
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.identity = new EmailIdentity(this, "Identity", {
      identity: props.domain ? Identity.domain(props.domain) : Identity.email(props.from),
      // The default configuration set applies to every message from the identity, so the app needs no setting.
      configurationSet: this.configurationSet,
    });

    this.role = new Role(this, "Role", {
      assumedBy: new ServicePrincipal("lambda.amazonaws.com"),
      description: "Amparo: the outbox sender and its sweep, the only senders of email",
      managedPolicies: [ManagedPolicy.fromAwsManagedPolicyName("service-role/AWSLambdaBasicExecutionRole")],
    });
    this.role.addToPolicy(
      new PolicyStatement({
        actions: ["ses:SendEmail"],
        resources: [
          this.identity.emailIdentityArn,
          Stack.of(this).formatArn({
            service: "ses",
            resource: "configuration-set",
            resourceName: this.configurationSet.configurationSetName,
          }),
        ],
      }),
    );
    props.table.grantReadWriteData(this.role);
    props.sealingKey.grantDecrypt(this.role);

    const environment = { ...props.environment, MAIL_FROM: props.from };
    this.sender = new AppFunction(this, "Sender", { entry: outboxEntry, environment, role: this.role });
    this.sweep = new AppFunction(this, "Sweep", {
      entry: outboxEntry,
      handler: "sweep",
      environment,
      role: this.role,
      // A sweep may send many items in one run.
      timeout: Duration.minutes(2),
    });

    this.failures = new Queue(this, "Failures", {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.sender.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.LATEST,
        batchSize: 10,
        retryAttempts: props.retryAttempts ?? 3,
        bisectBatchOnError: true,
        onFailure: new SqsDlq(this.failures),
        // Only new outbox items wake the sender; every other write to the table costs nothing.
        filters: [
          FilterCriteria.filter({
            eventName: FilterRule.isEqual("INSERT"),
            dynamodb: { Keys: { [keys.partition]: { S: FilterRule.beginsWith(outboxPrefix) } } },
          }),
        ],
      }),
    );

    this.errorsAlarm = this.sender.metricErrors({ period: Duration.minutes(5) }).createAlarm(this, "SenderErrors", {
      alarmDescription: "The outbox sender failed: emails may be waiting for the sweep",
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    new Rule(this, "SweepSchedule", {
      description: "Amparo: retry the outbox items the stream did not send",
      schedule: Schedule.rate(props.sweepEvery ?? Duration.minutes(5)),
      targets: [new LambdaFunction(this.sweep, { retryAttempts: 0 })],
    });
  }
}
