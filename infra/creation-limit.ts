import { callLimitMessage } from "@amparo/core/rate-limit";
import { Duration } from "aws-cdk-lib";
import { type Alarm, ComparisonOperator, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import { FilterPattern, type ILogGroup, MetricFilter } from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";

/** The metric a tripped per-call creation limit counts, one per refused request. */
export const creationLimitMetric = { namespace: "Amparo", name: "CallCreationLimitTripped" } as const;

/**
 * A flood against one call is an event for the fund to look at, not a silent wall: the applicants' function logs
 * one line (the call's id, no address) for each request a call's hourly limit refuses, a metric filter counts
 * them, and an alarm goes off at the first.
 */
export class CreationLimitAlarm extends Construct {
  readonly alarm: Alarm;

  constructor(scope: Construct, id: string, props: { logGroup: ILogGroup }) {
    super(scope, id);
    const filter = new MetricFilter(this, "Tripped", {
      logGroup: props.logGroup,
      filterPattern: FilterPattern.stringValue("$.message", "=", callLimitMessage),
      metricNamespace: creationLimitMetric.namespace,
      metricName: creationLimitMetric.name,
      metricValue: "1",
    });
    this.alarm = filter.metric({ period: Duration.minutes(5), statistic: "Sum" }).createAlarm(this, "Alarm", {
      alarmDescription: "A call's hourly limit on new applications refused requests: a flood, or a surge to plan for",
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}
