import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, inject } from "vitest";
import * as Config from "@amparo/core/config";
import * as Crypto from "@amparo/core/crypto";
import * as Dynamo from "@amparo/core/dynamo";
import * as Mail from "@amparo/core/mail";
import * as Seed from "@amparo/core/seed";
import * as Storage from "@amparo/core/storage";
import { ensureBucket, ensureTable } from "../../packages/local/src/provision.js";

// Each test file runs in its own process with its own table and bucket on the shared stand-ins, so files
// never see each other's data.
const endpoints = inject("endpoints");
const suffix = randomUUID().slice(0, 8);
Config.set({
  STAGE: "test",
  DYNAMODB_ENDPOINT: endpoints.dynamodb,
  S3_ENDPOINT: endpoints.s3,
  SES_ENDPOINT: endpoints.ses,
  TABLE_NAME: `amparo-test-${suffix}`,
  BUCKET_NAME: `amparo-test-${suffix}`,
  // The local data key (the stand-in for KMS) lives here, away from the developer's own .data/.
  DATA_DIR: mkdtempSync(join(tmpdir(), "amparo-test-")),
  // Requests through `app.request` have no socket, so they all count as one source: limits far above any test's
  // needs. The tests of the limits set their own, on a call of their own.
  LIMIT_CALL_PER_HOUR: 1_000_000,
  LIMIT_SOURCE_PER_HOUR: 1_000_000,
});
Dynamo.reset();
Storage.reset();
Mail.reset();
Crypto.reset();

beforeAll(async () => {
  await ensureTable();
  await ensureBucket();
  await Seed.run();
});

afterAll(() => {
  Dynamo.reset();
  Storage.reset();
});
