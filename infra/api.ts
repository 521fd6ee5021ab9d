import { type App, apps, fallback, table } from "@amparo/core/routes";
import { RemovalPolicy } from "aws-cdk-lib";
import { AccessLogFormat } from "aws-cdk-lib/aws-apigateway";
import {
  HttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  LogGroupLogDestination,
} from "aws-cdk-lib/aws-apigatewayv2";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import { NagSuppressions } from "cdk-nag";
import { Construct } from "constructs";

export interface ApiProps {
  /**
   * Steady requests per second the API accepts before answering 429, across all clients: the cap on what a flood
   * can cost.
   * @default 100
   */
  rateLimit?: number;
  /**
   * Requests the API accepts at once above the steady rate, for a surge.
   * @default 200
   */
  burstLimit?: number;
  /**
   * How long the access log is kept.
   * @default RetentionDays.ONE_MONTH
   */
  logRetention?: RetentionDays;
}

/**
 * The access log's fields, and nothing else: no source IP, no user agent, no path or query (a path may carry a
 * token). Enough to count errors and latency per route; too little to tell who visited.
 */
export const accessLogFormat = {
  requestId: "$context.requestId",
  routeKey: "$context.routeKey",
  status: "$context.status",
  responseLatency: "$context.responseLatency",
} as const;

/** The API Gateway route keys the route table asks for, each with the app that answers it. */
export function routeKeys(): { key: string; app: App }[] {
  const routes = table.flatMap(({ app, prefixes }) =>
    prefixes.flatMap((prefix) => [
      { key: `ANY ${prefix}`, app },
      { key: `ANY ${prefix}/{proxy+}`, app },
    ]),
  );
  return [...routes, { key: "$default", app: fallback }];
}

/**
 * The HTTP API (API Gateway v2), its routes generated from core's route table so that AWS and the local server
 * send every path to the same app. API Gateway picks the most specific route, which is the longest prefix, as
 * `appFor` does.
 */
export class Api extends Construct {
  readonly api: HttpApi;
  readonly accessLog: LogGroup;
  readonly stage: HttpStage;

  constructor(scope: Construct, id: string, props: ApiProps = {}) {
    super(scope, id);
    this.api = new HttpApi(this, "Http", {
      // The stage is made below, where its throttling and access log can be set.
      createDefaultStage: false,
    });

    this.accessLog = new LogGroup(this, "AccessLog", {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stage = new HttpStage(this, "Stage", {
      httpApi: this.api,
      stageName: "$default",
      autoDeploy: true,
      throttle: { rateLimit: props.rateLimit ?? 100, burstLimit: props.burstLimit ?? 200 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLog),
        format: AccessLogFormat.custom(JSON.stringify(accessLogFormat)),
      },
    });
  }

  /**
   * Sends each path to its app as the route table says. Separate from the constructor so the functions can be
   * given the API's address (the API exists before its routes, so there is no cycle).
   */
  route(functions: Record<App, IFunction>): void {
    const integrations = Object.fromEntries(
      apps.map((app) => [app, new HttpLambdaIntegration(`${app}Integration`, functions[app])]),
    ) as Record<App, HttpLambdaIntegration>;
    for (const { app, prefixes } of table) {
      for (const prefix of prefixes) {
        for (const path of [prefix, `${prefix}/{proxy+}`]) {
          this.api.addRoutes({ path, methods: [HttpMethod.ANY], integration: integrations[app] });
        }
      }
    }
    new HttpRoute(this, "DefaultRoute", {
      httpApi: this.api,
      routeKey: HttpRouteKey.DEFAULT,
      integration: integrations[fallback],
    });
    this.acceptAppAuthentication();
  }

  /** Why no route has an API Gateway authorizer: the apps authenticate, and some paths must be public. */
  private acceptAppAuthentication(): void {
    NagSuppressions.addResourceSuppressions(
      this,
      [
        {
          id: "AwsSolutions-APIG4",
          reason:
            "Authentication is the apps' own (access codes for applicants, magic link and TOTP sessions for " +
            "staff), checked on every request by the function; a defender must reach the calls, the quiz and " +
            "their application without an account, so a gateway authorizer would either block them or pass all",
        },
      ],
      true,
    );
  }

  /** The API's address, e.g. `https://abc123.execute-api.eu-west-1.amazonaws.com`. */
  get url(): string {
    return this.stage.url;
  }
}
