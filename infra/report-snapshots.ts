import { Duration } from "aws-cdk-lib";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { Rule, Schedule } from "aws-cdk-lib/aws-events";
import { LambdaFunction } from "aws-cdk-lib/aws-events-targets";
import { Construct } from "constructs";
import { snapshotEveryMinutes } from "@amparo/core/report";
import { type AppEnvironment, AppFunction } from "./app-function.js";

export interface ReportSnapshotsProps {
  table: ITable;
  /** The settings every app function gets. */
  environment: AppEnvironment;
}

/**
 * Makes each closed period's frozen report figures, hourly, so a period's figures appear within the hour after
 * they become due (a day after it ends). The report function itself only reads the table.
 */
export class ReportSnapshots extends Construct {
  readonly function: AppFunction;

  constructor(scope: Construct, id: string, props: ReportSnapshotsProps) {
    super(scope, id);
    this.function = new AppFunction(this, "Function", {
      entry: "packages/functions/src/report/snapshot.ts",
      environment: props.environment,
      timeout: Duration.minutes(5),
    });
    // Counters and call versions in, snapshots out: the table and nothing else (no key opens a sealed field).
    props.table.grantReadWriteData(this.function);
    new Rule(this, "Schedule", {
      description: "Amparo: freeze the report figures of the periods that ended a day ago",
      schedule: Schedule.rate(Duration.minutes(snapshotEveryMinutes)),
      targets: [new LambdaFunction(this.function, { retryAttempts: 2 })],
    });
  }
}
