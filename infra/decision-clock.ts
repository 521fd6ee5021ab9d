import { definition, type Resources, type Step, steps } from "@amparo/core/decision-clock";
import { Duration, RemovalPolicy } from "aws-cdk-lib";
import { type Alarm, ComparisonOperator, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { Rule, Schedule } from "aws-cdk-lib/aws-events";
import { LambdaFunction } from "aws-cdk-lib/aws-events-targets";
import type { IKey } from "aws-cdk-lib/aws-kms";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import type { ISecret } from "aws-cdk-lib/aws-secretsmanager";
import { DefinitionBody, LogLevel, StateMachine } from "aws-cdk-lib/aws-stepfunctions";
import { NagSuppressions } from "cdk-nag";
import { Construct } from "constructs";
import { type AppEnvironment, AppFunction } from "./app-function.js";

/** Where each step's handler lives, relative to the repository root. */
export const stepEntries: Record<Step, string> = Object.fromEntries(
  steps.map((step) => [step, `packages/functions/src/decision-clock/${step}.ts`]),
) as Record<Step, string>;

/** The placeholder core's definition gets for each step's resource, replaced by Step Functions at deploy time. */
export const placeholders: Resources = Object.fromEntries(steps.map((step) => [step, `\${${step}}`])) as Resources;

export interface DecisionClockProps {
  table: ITable;
  /** Reviewers' and coordinators' addresses are sealed, and the steps seal the emails they queue. */
  sealingKey: IKey;
  /** The steps queue emails, whose idempotency keys are keyed hashes. */
  hmacSecret: ISecret;
  /** The settings every app function gets; `HMAC_KEY_SECRET_ARN` must be among them. */
  environment: AppEnvironment;
  /**
   * How often the reconciler starts the clocks that should run and do not.
   * @default Duration.minutes(5)
   */
  reconcileEvery?: Duration;
  /**
   * How long the state machine's log is kept (it holds state names and errors, never execution data).
   * @default RetentionDays.ONE_MONTH
   */
  logRetention?: RetentionDays;
}

/**
 * The decision clock: core's state machine definition deployed as written, with each step's Lambda ARN put in
 * by Step Functions' definition substitutions (so the template holds core's definition verbatim), its task
 * functions, a log without execution data (that would be an application's state) and an alarm on failed
 * executions; and the reconciler on a schedule. (The sweeps and the report snapshots are `sweeps.ts` and
 * `report-snapshots.ts`: they run on schedules too, but are not the clock.)
 */
export class DecisionClock extends Construct {
  readonly stateMachine: StateMachine;
  readonly tasks: Record<Step, AppFunction>;
  readonly reconciler: AppFunction;
  readonly failedAlarm: Alarm;

  constructor(scope: Construct, id: string, props: DecisionClockProps) {
    super(scope, id);
    const { environment } = props;
    this.tasks = Object.fromEntries(
      steps.map((step) => [step, new AppFunction(this, `Step-${step}`, { entry: stepEntries[step], environment })]),
    ) as Record<Step, AppFunction>;
    for (const fn of Object.values(this.tasks)) {
      props.table.grantReadWriteData(fn);
      props.sealingKey.grantEncryptDecrypt(fn);
      props.hmacSecret.grantRead(fn);
    }

    const logs = new LogGroup(this, "Logs", {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stateMachine = new StateMachine(this, "StateMachine", {
      definitionBody: DefinitionBody.fromString(JSON.stringify(definition(placeholders))),
      definitionSubstitutions: Object.fromEntries(steps.map((step) => [step, this.tasks[step].functionArn])),
      logs: { destination: logs, level: LogLevel.ALL, includeExecutionData: false },
      tracingEnabled: false,
    });
    for (const fn of Object.values(this.tasks)) fn.grantInvoke(this.stateMachine);
    NagSuppressions.addResourceSuppressions(this.stateMachine, [
      {
        id: "AwsSolutions-SF2",
        reason:
          "No X-Ray tracing on purpose: a trace is a second timeline of each application's clock, named by the " +
          "execution (the application), kept outside the table's encryption and retention; the log (without " +
          "execution data) and the failed-execution alarm are what operating it needs",
      },
    ]);
    NagSuppressions.addResourceSuppressions(
      this.stateMachine.role,
      [
        {
          id: "AwsSolutions-IAM5",
          reason:
            "Logging to CloudWatch Logs needs the log-delivery actions (logs:CreateLogDelivery and the rest), " +
            "which AWS only allows on all resources",
          appliesTo: ["Resource::*"],
        },
      ],
      true,
    );

    this.failedAlarm = this.stateMachine.metricFailed({ period: Duration.minutes(5) }).createAlarm(this, "Failed", {
      alarmDescription: "A decision clock execution failed: its reminders may not be sent",
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    this.reconciler = new AppFunction(this, "Reconciler", {
      entry: "packages/functions/src/decision-clock/reconcile.ts",
      environment,
      timeout: Duration.minutes(2),
    });
    props.table.grantReadWriteData(this.reconciler);
    this.allowClocks(this.reconciler);

    new Rule(this, "ReconcileSchedule", {
      description: "Amparo: start the decision clocks that should run and do not",
      schedule: Schedule.rate(props.reconcileEvery ?? Duration.minutes(5)),
      targets: [new LambdaFunction(this.reconciler, { retryAttempts: 0 })],
    });
  }

  /** Lets `fn` start, read and stop the clocks' executions, told where through `STATE_MACHINE_ARN`. */
  allowClocks(fn: AppFunction): void {
    fn.addEnvironment("STATE_MACHINE_ARN", this.stateMachine.stateMachineArn);
    this.stateMachine.grantStartExecution(fn);
    this.stateMachine.grantExecution(fn, "states:DescribeExecution", "states:StopExecution");
    NagSuppressions.addResourceSuppressions(
      fn.role!,
      [
        {
          id: "AwsSolutions-IAM5",
          reason:
            "An execution is named when its clock starts (after its application), so reading and stopping one " +
            "can only be granted on this state machine's executions as a whole",
          appliesTo: [
            { regex: "/^Resource::arn:<AWS::Partition>:states:.*:execution:.*DecisionClockStateMachine.*:\\*$/" },
          ],
        },
      ],
      true,
    );
  }
}
