import type { S3Client } from "@aws-sdk/client-s3";
import * as Config from "../config/index.js";

/** The SDK's S3 module: the client, its commands and its errors. */
export type Sdk = typeof import("@aws-sdk/client-s3");
let loading: Promise<Sdk> | undefined;

/**
 * The SDK's S3 module, loaded on first use rather than when this module loads: in Lambda it comes from the
 * runtime (not the bundle), and a request that touches no file does not wait for it on a cold start.
 */
export function sdk(): Promise<Sdk> {
  return (loading ??= import("@aws-sdk/client-s3"));
}

let client: S3Client | undefined;

/** The S3 client for uploads, pointed at s3rver when an endpoint is configured. */
export async function s3(): Promise<S3Client> {
  const { S3Client } = await sdk();
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
