import { type App as AppName, apps } from "@amparo/core/routes";
import { acceptedPrefix, uploadPrefix } from "@amparo/core/upload";
import { Fn } from "aws-cdk-lib";
import { type StackContext, use } from "sst/constructs";
import { Api } from "../infra/api.js";
import { AppFunction } from "../infra/app-function.js";
import { CreationLimitAlarm } from "../infra/creation-limit.js";
import { DecisionClock } from "../infra/decision-clock.js";
import { Mail } from "../infra/mail.js";
import { ReportSnapshots } from "../infra/report-snapshots.js";
import { Sweeps } from "../infra/sweeps.js";
import { Uploads } from "../infra/uploads.js";
import { Data } from "./data.js";
import { acceptInStack } from "../infra/nag.js";
import { settingsFor } from "./settings.js";

/** Where each app's Lambda handler lives, relative to the repository root (where `sst` runs). */
export const entries: Record<AppName, string> = {
  apply: "packages/functions/src/apply/index.ts",
  staff: "packages/functions/src/staff/index.ts",
  report: "packages/functions/src/report/index.ts",
  docs: "packages/functions/src/docs/index.ts",
};

/**
 * What a defender reaches: the uploads bucket, one function per audience and the HTTP API in front of them, and
 * the email they receive.
 * Each function gets only what its app does (docs/security.md): the report app reads the table and nothing else.
 */
export function Web({ stack, app }: StackContext) {
  const { table, keys, hmacSecret } = use(Data);
  const settings = settingsFor(app.stage);

  // The API resource exists before its routes, so the functions can be told its address without a cycle.
  const api = new Api(stack, "Api");
  const publicUrl = settings.publicUrl ?? api.url;
  // The bucket's CORS origin is scheme and host only: `https://x.execute-api...`, without the stage's `/`.
  const origin = settings.publicUrl
    ? new URL(settings.publicUrl).origin
    : Fn.join("", ["https://", Fn.select(2, Fn.split("/", api.url))]);

  const uploads = new Uploads(stack, "Uploads", {
    encryptionKey: keys.data,
    allowedOrigin: origin,
    noncurrentRetentionDays: settings.noncurrentRetentionDays,
    retain: settings.retain,
  });

  const environment = {
    STAGE: app.stage,
    TABLE_NAME: table.tableName,
    BUCKET_NAME: uploads.bucket.bucketName,
    KMS_KEY_ID: keys.sealing.keyArn,
    PUBLIC_URL: publicUrl,
  };
  // HMAC_KEY itself is never set: a secret must not be a plain Lambda environment value. Apply and staff hash
  // (staff addresses, rate-limit keys) and read the key from Secrets Manager at a cold start; report never does.
  const hashing = { ...environment, HMAC_KEY_SECRET_ARN: hmacSecret.secretArn };
  const functions = Object.fromEntries(
    apps.map((name) => [
      name,
      new AppFunction(stack, `${name}-function`, {
        entry: entries[name],
        environment: name === "report" || name === "docs" ? environment : hashing,
      }),
    ]),
  ) as Record<AppName, AppFunction>;

  // apply: the table, sealing and opening fields, and the two prefixes its uploads live under: the forms'
  // (the presigned POST is signed with apply's credentials) and the accepted copies (copy, check, replace;
  // `grantReadWrite` includes `s3:DeleteObject*`).
  table.grantReadWriteData(functions.apply);
  keys.sealing.grantEncryptDecrypt(functions.apply);
  uploads.bucket.grantReadWrite(functions.apply, `${uploadPrefix}*`);
  uploads.bucket.grantReadWrite(functions.apply, `${acceptedPrefix}*`);
  hmacSecret.grantRead(functions.apply);
  // A call's hourly limit on new applications tripping raises an alarm (the log line names the call, no source).
  new CreationLimitAlarm(stack, "CreationLimit", { logGroup: functions.apply.logGroup });
  // staff: the table, sealing and opening notes and TOTP secrets, and reading accepted files for review (never
  // the unchecked uploads).
  table.grantReadWriteData(functions.staff);
  keys.sealing.grantEncryptDecrypt(functions.staff);
  uploads.bucket.grantRead(functions.staff, `${acceptedPrefix}*`);
  hmacSecret.grantRead(functions.staff);
  // report: reads the table and nothing else; without the sealing key it cannot open a sealed field, and it
  // neither hashes nor reads the HMAC key.
  table.grantReadData(functions.report);
  // docs: describes the API from the code; it is granted nothing (the table's name is in its environment only
  // because the one config schema asks every app for it).

  // Email: only the outbox sender and its sweep may send; the apps write outbox items to the table.
  const mail = new Mail(stack, "Mail", {
    table,
    sealingKey: keys.sealing,
    notificationKey: keys.data,
    hmacSecret,
    from: settings.mailFrom,
    domain: settings.mailDomain,
    environment: hashing,
  });

  // The decision clock; apply starts it on submission and staff stops it on a decision.
  const decisionClock = new DecisionClock(stack, "DecisionClock", {
    table,
    sealingKey: keys.sealing,
    hmacSecret,
    environment: hashing,
  });
  decisionClock.allowClocks(functions.apply);
  decisionClock.allowClocks(functions.staff);

  // What runs on a schedule besides the clock: deleting what retention says to, and freezing report periods.
  const sweeps = new Sweeps(stack, "Sweeps", { table, bucket: uploads.bucket, environment: hashing });
  const reportSnapshots = new ReportSnapshots(stack, "ReportSnapshots", { table, environment: hashing });

  api.route(functions);
  stack.addOutputs({ ApiUrl: api.url, SiteUrl: publicUrl });
  acceptInStack(stack);
  return { api, functions, bucket: uploads.bucket, mail, decisionClock, sweeps, reportSnapshots };
}
