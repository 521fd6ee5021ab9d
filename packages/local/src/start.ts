import * as Config from "@amparo/core/config";
import { start } from "./platform.js";
import { dynamoExposure } from "./stand-ins.js";

/** `npm start`: the whole platform on this machine, against the stand-ins, until Ctrl-C. */
async function main() {
  const config = Config.get();
  const platform = await start({
    dataDir: config.DATA_DIR,
    port: config.PORT,
    standInPorts: { dynamodb: config.DYNAMODB_PORT, s3: config.S3_PORT, ses: config.SES_PORT },
  });
  const { endpoints } = platform;
  console.log(
    [
      "",
      `Amparo is running at ${platform.url}`,
      "",
      `  pages          ${platform.url}/`,
      `  API            ${platform.url}/api/v1/calls`,
      `  API reference  ${platform.url}/api/v1/openapi.json`,
      `  DynamoDB Local ${endpoints.dynamodb}  (table ${config.TABLE_NAME})`,
      `  S3 (s3rver)    ${endpoints.s3}  (bucket ${config.BUCKET_NAME})`,
      `  email inbox    ${endpoints.ses}  (sent emails; JSON at ${endpoints.ses}/store)`,
      `  data           ${config.DATA_DIR}/`,
      platform.seeded.calls + platform.seeded.users > 0
        ? `  seeded         ${platform.seeded.calls} calls, ${platform.seeded.users} staff accounts`
        : "  seed data      already present",
      "",
      "Press Ctrl-C to stop.",
      "",
    ].join("\n"),
  );
  // Said once, last and loudly: the one stand-in that may be reachable from other machines.
  const exposure = dynamoExposure();
  if (exposure) console.warn(["", "WARNING " + "!".repeat(60), exposure, "!".repeat(68), ""].join("\n"));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping Amparo and its stand-ins...`);
    await platform.stop();
    console.log("Stopped.");
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
