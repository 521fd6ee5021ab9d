import { S3Client } from "@aws-sdk/client-s3";
import * as Config from "../config/index.js";

let client: S3Client | undefined;

/** The S3 client for uploads, pointed at s3rver when an endpoint is configured. */
export function s3(): S3Client {
  if (!client) {
    const config = Config.get();
    client = new S3Client({
      region: config.AWS_REGION,
      ...(config.S3_ENDPOINT
        ? {
            endpoint: config.S3_ENDPOINT,
            forcePathStyle: true,
            credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
          }
        : {}),
      // s3rver corrupts streamed bodies when the SDK adds its default checksums; S3 needs none we do not ask for.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
  }
  return client;
}

/** The uploads bucket. */
export function bucketName(): string {
  return Config.get().BUCKET_NAME;
}

/** Drops the cached client (the local runtime and tests choose endpoints at run time). */
export function reset(): void {
  client?.destroy();
  client = undefined;
}
