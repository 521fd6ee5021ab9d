import { keys, outboxPrefix } from "@amparo/core/dynamo";
import { Duration, Stack } from "aws-cdk-lib";
import { type Alarm, ComparisonOperator, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { Rule, Schedule } from "aws-cdk-lib/aws-events";
import { LambdaFunction } from "aws-cdk-lib/aws-events-targets";
import { PolicyStatement, Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import type { IKey } from "aws-cdk-lib/aws-kms";
import { FilterCriteria, FilterRule, StartingPosition } from "aws-cdk-lib/aws-lambda";
import { DynamoEventSource, SqsDlq } from "aws-cdk-lib/aws-lambda-event-sources";
import type { ISecret } from "aws-cdk-lib/aws-secretsmanager";
import {
  ConfigurationSet,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
  SuppressionReasons,
} from "aws-cdk-lib/aws-ses";
import { Topic } from "aws-cdk-lib/aws-sns";
import { LambdaSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { NagSuppressions } from "cdk-nag";
import { Construct } from "constructs";
import { type AppEnvironment, AppFunction } from "./app-function.js";

/** Where the outbox's Lambda handlers live, relative to the repository root. */
export const outboxEntry = "packages/functions/src/outbox/index.ts";

export interface MailProps {
  /** The table whose stream carries new outbox items; it must have a stream. */
  table: ITable;
  /** The key that seals outbox items' recipients; the sender only opens them. */
  sealingKey: IKey;
  /**
   * The key that encrypts SES's bounce and complaint notifications at rest in SNS (they name addresses). SES
   * is allowed to use it for that topic only.
   */
  notificationKey: IKey;
  /** The HMAC key: failing addresses are stored and looked up as keyed hashes. */
  hmacSecret: ISecret;
  /** The sender address (`MAIL_FROM`): a neutral one such as `no-reply@`, never a person. */
  from: string;
  /**
   * A domain to verify as the SES identity (DKIM records to add to its DNS), so any address under it may send.
   * @default the `from` address alone is the identity (verified by a link SES mails to it)
   */
  domain?: string;
  /**
   * The settings every app function gets (table, bucket, keys, stage, address, `HMAC_KEY_SECRET_ARN`);
   * `MAIL_FROM` is added here.
   */
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
  /** SES's bounce and complaint notifications. */
  readonly notifications: Topic;
  /** Marks the addresses the notifications name as failing; it cannot send email. */
  readonly failureRecorder: AppFunction;
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
    // The sender looks each recipient up among the failing addresses, by its keyed hash.
    props.hmacSecret.grantRead(this.role);

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

    NagSuppressions.addResourceSuppressions(this.failures, [
      {
        id: "AwsSolutions-SQS3",
        reason: "This queue is itself the dead-letter destination of the sender's stream; it has nowhere further to go",
      },
    ]);
    NagSuppressions.addResourceSuppressions(
      this.role,
      [
        {
          id: "AwsSolutions-IAM5",
          reason:
            "Reading a DynamoDB stream needs dynamodb:ListStreams, which AWS only allows on all resources; the " +
            "other stream actions are on this table's stream alone",
          appliesTo: ["Resource::*"],
        },
      ],
      true,
    );

    this.errorsAlarm = this.sender.metricErrors({ period: Duration.minutes(5) }).createAlarm(this, "SenderErrors", {
      alarmDescription: "The outbox sender failed: emails may be waiting for the sweep",
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    // Bounces and complaints: SES publishes them to an encrypted topic, whose one subscriber marks the addresses
    // as failing. Opens, clicks and deliveries are not published: nothing about reading is recorded.
    this.notifications = new Topic(this, "Notifications", {
      displayName: "Amparo: email bounces and complaints",
      masterKey: props.notificationKey,
      enforceSSL: true,
    });
    // SES publishes to the encrypted topic only if the key lets it; only this account's SES may.
    props.notificationKey.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal("ses.amazonaws.com")],
        actions: ["kms:GenerateDataKey*", "kms:Decrypt"],
        resources: ["*"],
        conditions: { StringEquals: { "aws:SourceAccount": Stack.of(this).account } },
      }),
    );
    this.configurationSet.addEventDestination("Failures", {
      destination: EventDestination.snsTopic(this.notifications),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });
    this.failureRecorder = new AppFunction(this, "FailureRecorder", {
      entry: outboxEntry,
      handler: "recordFailures",
      environment: props.environment,
    });
    props.table.grantReadWriteData(this.failureRecorder);
    props.hmacSecret.grantRead(this.failureRecorder);
    this.notifications.addSubscription(new LambdaSubscription(this.failureRecorder));

    new Rule(this, "SweepSchedule", {
      description: "Amparo: retry the outbox items the stream did not send",
      schedule: Schedule.rate(props.sweepEvery ?? Duration.minutes(5)),
      targets: [new LambdaFunction(this.sweep, { retryAttempts: 0 })],
    });
  }
}
