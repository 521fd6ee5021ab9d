import { createRequire } from "node:module";
import { Info } from "@amparo/core/config";
import { Duration, RemovalPolicy, Token } from "aws-cdk-lib";
import { type IRole, Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Architecture, Runtime } from "aws-cdk-lib/aws-lambda";
import { type BundlingOptions, NodejsFunction, OutputFormat } from "aws-cdk-lib/aws-lambda-nodejs";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import { NagSuppressions } from "cdk-nag";
import type { Construct } from "constructs";

/** The settings an app may be given in AWS: the config schema's names, as strings (Lambda environment values). */
export type AppEnvironment = Partial<Record<keyof Info, string>>;

/**
 * Settings that only make sense on a developer machine: the stand-ins' endpoints and ports. Giving one to a
 * function in AWS would point it at a stand-in that is not there, so it is refused at synth time.
 */
const localOnly = [
  "DYNAMODB_ENDPOINT",
  "S3_ENDPOINT",
  "SES_ENDPOINT",
  "PORT",
  "DATA_DIR",
  "DYNAMODB_PORT",
  "S3_PORT",
  "SES_PORT",
  "TIME_SCALE",
  // Lambda sets it itself and refuses a function that tries to.
  "AWS_REGION",
] as const satisfies (keyof Info)[];

/** What every app needs in AWS; their schema defaults are the local ones, wrong in AWS. */
export const requiredInAws = [
  "STAGE",
  "TABLE_NAME",
  "BUCKET_NAME",
  "PUBLIC_URL",
  "KMS_KEY_ID",
] as const satisfies (keyof Info)[];

export interface AppFunctionProps {
  /** The module that exports `handler`, e.g. `packages/functions/src/apply/index.ts`. */
  entry: string;
  /**
   * The export of `entry` that Lambda calls, when a module exports more than one (the outbox's `sweep`).
   * @default "handler"
   */
  handler?: string;
  /**
   * A role to run as, shared by functions that must hold the same grants (the outbox sender and its sweep).
   * @default a role of its own that may write only to the function's own log group, until grants are added
   */
  role?: IRole;
  /**
   * The settings, named as in `@amparo/core/config`'s `Info`. Each known value is checked against the schema
   * when the app synthesizes (a deploy-time token, such as a table name, is checked only for presence).
   */
  environment: AppEnvironment;
  /**
   * Settings that must be present; a missing one fails the synth rather than the first request.
   * @default {@link requiredInAws}
   */
  required?: readonly (keyof Info)[];
  /**
   * Memory in MB. CPU grows with memory, so this also sets how fast a cold start is.
   * @default 1024
   */
  memorySize?: number;
  /**
   * How long one request may run. API Gateway gives up after 30 seconds anyway.
   * @default Duration.seconds(15)
   */
  timeout?: Duration;
  /**
   * How long the function's logs are kept. Logs carry nothing personal, but keeping them short limits what a
   * seizure of the account yields and what they cost.
   * @default RetentionDays.ONE_MONTH
   */
  logRetention?: RetentionDays;
}

/** Checks the settings against the config schema, so a deploy cannot ship a function that fails on its first read. */
export function checkEnvironment(
  environment: AppEnvironment,
  required: readonly (keyof Info)[],
): Record<string, string> {
  const problems: string[] = [];
  for (const name of required) if (environment[name] === undefined) problems.push(`${name} is missing`);
  for (const [name, value] of Object.entries(environment)) {
    if (!(name in Info.shape)) problems.push(`${name} is not a setting of @amparo/core/config`);
    else if ((localOnly as readonly string[]).includes(name)) problems.push(`${name} is for the local runtime only`);
    else if (value !== undefined && !Token.isUnresolved(value)) {
      const checked = Info.shape[name as keyof Info].safeParse(value);
      if (!checked.success) problems.push(`${name}: ${checked.error.issues.map((i) => i.message).join(", ")}`);
    }
  }
  if (problems.length) throw new Error(`AppFunction environment: ${problems.join("; ")}`);
  return Object.fromEntries(Object.entries(environment).filter(([, v]) => v !== undefined)) as Record<string, string>;
}

/** Where the Encryption SDK's own bn.js is, wherever npm has put it (an absolute path, as esbuild's alias takes). */
function encryptionSdkBnJs(): string {
  const sdk = createRequire(import.meta.url).resolve("@aws-crypto/material-management");
  return createRequire(sdk).resolve("bn.js");
}

/**
 * Files a function reads beside its bundle, from the repository (`from`) to the bundle's directory (`to`): the
 * catalogs of the interface languages that are not in the bundle, which core's i18n reads on first use.
 */
export const besideBundle = [{ from: "packages/core/src/i18n/catalogs", to: "catalogs" }] as const;

/**
 * How every function is bundled: locally by esbuild (never Docker, so `sst deploy` and the tests need no daemon)
 * into one minified ES module. Exported so that `npm run bench` weighs and times exactly what is deployed.
 */
export const bundling = {
  forceDockerBundling: false,
  minify: true,
  sourceMap: false,
  format: OutputFormat.ESM,
  target: "node22",
  mainFields: ["module", "main"],
  // Some dependencies still `require` Node built-ins; an ES module bundle needs `require` defined for them.
  banner: "import { createRequire } from 'module';const require = createRequire(import.meta.url);",
  // The nodejs22.x runtime ships the whole AWS SDK v3 (clients, lib-dynamodb, the S3 presigners), so it is
  // neither uploaded nor loaded from the bundle (as CDK does by default): some 200 KB less per zip, and the
  // adapters in core load each client only when first used. The trade-off: the SDK's version in AWS is the
  // runtime's, which AWS updates, not the one tested here; the code uses only long-stable commands and options.
  // The Encryption SDK (`@aws-crypto/*`) is not in the runtime and stays bundled; its KMS client is the runtime's.
  externalModules: ["@aws-sdk/*"],
  esbuildArgs: {
    // The Encryption SDK is loaded on the first seal or open (core's crypto), but the ES module builds of these
    // two import the SDK's KMS and DynamoDB clients statically, and a static import of an external module is
    // hoisted to the top of the bundle: every cold start would load them. Their CommonJS builds `require` them
    // instead, when the Encryption SDK itself loads. (`npm run bench` reads these aliases too.)
    "--alias:@aws-crypto/kms-keyring-node": "@aws-crypto/kms-keyring-node/build/main/src/index.js",
    "--alias:@aws-crypto/branch-keystore-node": "@aws-crypto/branch-keystore-node/build/main/src/index.js",
    // zod without the error messages of fifty languages nobody reads (infra/bundling/zod.mjs says why).
    "--alias:zod": "./infra/bundling/zod.mjs",
    // One copy of bn.js instead of three (the Encryption SDK's two packages each have their own 5.x, asn1.js a
    // 4.x): some 25 KB less per zip. They only serve the signing algorithm suites, which core's crypto never uses.
    "--alias:bn.js": encryptionSdkBnJs(),
    // exceljs's CSV module, which the report's spreadsheet never uses (infra/bundling/no-csv.cjs says why).
    "--alias:fast-csv": "./infra/bundling/no-csv.cjs",
  },
  commandHooks: {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir: string, outputDir: string) =>
      besideBundle.map(({ from, to }) => `cp -R "${inputDir}/${from}" "${outputDir}/${to}"`),
  },
} satisfies BundlingOptions;

/**
 * One helper for every Lambda: Node 22 on arm64 (cheaper per millisecond than x86), bundled locally by esbuild
 * into one minified ES module (never Docker, so `sst deploy` and the tests need no daemon), logs kept for a
 * bounded time, and an environment checked against the config schema.
 */
export class AppFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    const environment = checkEnvironment(props.environment, props.required ?? requiredInAws);
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      // Logs go with the function: nothing in them is worth keeping once the stage is removed.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Not AWS's basic execution policy, which lets a function create and write any log group in the account:
    // a role that may write to this function's log group alone (a shared role gets each function's group).
    const role =
      props.role ?? new Role(scope, `${id}Role`, { assumedBy: new ServicePrincipal("lambda.amazonaws.com") });
    logGroup.grantWrite(role);
    super(scope, id, {
      entry: props.entry,
      handler: props.handler ?? "handler",
      role,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.seconds(15),
      logGroup,
      environment,
      bundling,
    });
    NagSuppressions.addResourceSuppressions(this, [
      {
        id: "AwsSolutions-L1",
        reason:
          "nodejs22.x is the runtime sst.config.ts and package.json engines name and the code is tested on; moving to a newer one is a " +
          "deliberate change with its own test run, not something a deploy should do by itself",
      },
    ]);
  }
}
