import { type App as AppName, apps } from "@amparo/core/routes";
import { Fn } from "aws-cdk-lib";
import { type StackContext, use } from "sst/constructs";
import { Api } from "../infra/api.js";
import { AppFunction } from "../infra/app-function.js";
import { Uploads } from "../infra/uploads.js";
import { Data } from "./data.js";
import { settingsFor } from "./settings.js";

/** Where each app's Lambda handler lives, relative to the repository root (where `sst` runs). */
export const entries: Record<AppName, string> = {
  apply: "packages/functions/src/apply/index.ts",
  staff: "packages/functions/src/staff/index.ts",
  report: "packages/functions/src/report/index.ts",
};

/**
 * What a defender reaches: the uploads bucket, one function per audience and the HTTP API in front of them.
 * Each function gets only what its app does (docs/security.md): the report app reads the table and nothing else.
 */
export function Web({ stack, app }: StackContext) {
  const { table, keys } = use(Data);
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

  // HMAC_KEY is left unset: a secret must not be a plain Lambda environment value (see the report of issue 11).
  const environment = {
    STAGE: app.stage,
    TABLE_NAME: table.tableName,
    BUCKET_NAME: uploads.bucket.bucketName,
    KMS_KEY_ID: keys.sealing.keyArn,
    PUBLIC_URL: publicUrl,
  };
  const functions = Object.fromEntries(
    apps.map((name) => [name, new AppFunction(stack, `${name}-function`, { entry: entries[name], environment })]),
  ) as Record<AppName, AppFunction>;

  // apply: the table, sealing and opening fields, and its own uploads (presigned POST, confirm, move, delete:
  // `grantReadWrite` includes `s3:DeleteObject*`).
  table.grantReadWriteData(functions.apply);
  keys.sealing.grantEncryptDecrypt(functions.apply);
  uploads.bucket.grantReadWrite(functions.apply);
  // staff: the table, sealing and opening notes and TOTP secrets, and reading uploads for review.
  table.grantReadWriteData(functions.staff);
  keys.sealing.grantEncryptDecrypt(functions.staff);
  uploads.bucket.grantRead(functions.staff);
  // report: reads the table and nothing else; without the sealing key it cannot open a sealed field.
  table.grantReadData(functions.report);

  api.route(functions);
  stack.addOutputs({ ApiUrl: api.url, SiteUrl: publicUrl });
  return { api, functions, bucket: uploads.bucket };
}
