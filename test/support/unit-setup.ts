import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as Config from "@amparo/core/config";

// The unit layer has no stand-ins: any call that would reach a service goes to a closed loopback port and fails
// at once, instead of waiting on, or reaching, AWS.
const closed = "http://127.0.0.1:9";
Config.set({
  STAGE: "test",
  DYNAMODB_ENDPOINT: closed,
  S3_ENDPOINT: closed,
  SES_ENDPOINT: closed,
  DATA_DIR: mkdtempSync(join(tmpdir(), "amparo-unit-")),
});
