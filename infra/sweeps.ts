import { Duration } from "aws-cdk-lib";
import { type Alarm, ComparisonOperator, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { Rule, Schedule } from "aws-cdk-lib/aws-events";
import { LambdaFunction } from "aws-cdk-lib/aws-events-targets";
import type { IBucket } from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";
import { type AppEnvironment, AppFunction } from "./app-function.js";

export interface SweepsProps {
  table: ITable;
  /** The uploads: a swept application or draft takes every version of its files with it. */
  bucket: IBucket;
  /** The settings every app function gets. */
  environment: AppEnvironment;
}

/**
 * What deletes on a schedule: the retention sweep (the content of applications past their call's retention
 * period, daily) and the draft sweep (drafts nobody touched for their call's `draftRetentionDays`, hourly).
 */
export class Sweeps extends Construct {
  readonly retention: AppFunction;
  readonly drafts: AppFunction;
  /** A sweep that fails deletes nothing (no item has a TTL, on purpose): content would outlive its period. */
  readonly failedAlarms: Alarm[];

  constructor(scope: Construct, id: string, props: SweepsProps) {
    super(scope, id);
    const { environment } = props;

    this.retention = new AppFunction(this, "Retention", {
      entry: "packages/functions/src/retention/index.ts",
      environment,
      timeout: Duration.minutes(10),
    });
    // The item, its access code and its uploads: the draft sweep deletes the same things, for drafts.
    this.drafts = new AppFunction(this, "Drafts", {
      entry: "packages/functions/src/retention/index.ts",
      handler: "sweepDrafts",
      environment,
      timeout: Duration.minutes(10),
    });
    for (const fn of [this.retention, this.drafts]) {
      props.table.grantReadWriteData(fn);
      // Deleting every version of an application's uploads: listing versions is part of reading.
      props.bucket.grantRead(fn);
      props.bucket.grantDelete(fn);
    }

    const alarmOnErrors = (fn: AppFunction, id: string, alarmDescription: string) =>
      fn.metricErrors({ period: Duration.hours(1) }).createAlarm(this, id, {
        alarmDescription,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
    this.failedAlarms = [
      alarmOnErrors(this.retention, "RetentionFailed", "The retention sweep failed: content may outlive its period"),
      alarmOnErrors(this.drafts, "DraftsFailed", "The draft sweep failed: drafts may outlive their call's period"),
    ];

    new Rule(this, "RetentionSchedule", {
      description: "Amparo: delete the content of applications past their retention period",
      schedule: Schedule.rate(Duration.days(1)),
      targets: [new LambdaFunction(this.retention, { retryAttempts: 2 })],
    });
    new Rule(this, "DraftsSchedule", {
      description: "Amparo: delete the drafts nobody has touched for their call's retention period",
      schedule: Schedule.rate(Duration.hours(1)),
      targets: [new LambdaFunction(this.drafts, { retryAttempts: 2 })],
    });
  }
}
