import * as Config from "@amparo/core/config";
import * as Crypto from "@amparo/core/crypto";
import * as Dynamo from "@amparo/core/dynamo";
import * as Mail from "@amparo/core/mail";
import * as Seed from "@amparo/core/seed";
import * as Storage from "@amparo/core/storage";
import { ensureBucket, ensureTable } from "./provision.js";
import { listen, type Listening } from "./server.js";
import * as StandIns from "./stand-ins.js";

export interface PlatformOptions {
  /** Persist data here; omit to keep everything in memory. */
  dataDir?: string;
  port?: number;
  standInPorts?: StandIns.StandInOptions["ports"];
  /** Reuse stand-ins that are already running (tests start them once for the whole run). */
  endpoints?: StandIns.Endpoints;
  tableName?: string;
  bucketName?: string;
}

export interface Platform {
  url: string;
  endpoints: StandIns.Endpoints;
  seeded: { calls: number; users: number };
  stop(): Promise<void>;
}

/**
 * Brings the whole platform up: stand-ins (unless given), table and bucket, seed data, and every app on
 * one port. `stop()` takes it all down again, in reverse order.
 */
export async function start(options: PlatformOptions = {}): Promise<Platform> {
  let standIns: StandIns.StandIns | undefined;
  if (!options.endpoints) {
    await StandIns.checkJava();
    standIns = await StandIns.start({ dataDir: options.dataDir, ports: options.standInPorts });
  }
  const endpoints = options.endpoints ?? standIns!.endpoints;
  let server: Listening | undefined;
  try {
    const port = options.port ?? 0;
    Config.set({
      DYNAMODB_ENDPOINT: endpoints.dynamodb,
      S3_ENDPOINT: endpoints.s3,
      SES_ENDPOINT: endpoints.ses,
      ...(options.tableName ? { TABLE_NAME: options.tableName } : {}),
      ...(options.bucketName ? { BUCKET_NAME: options.bucketName } : {}),
    });
    Dynamo.reset();
    Storage.reset();
    Mail.reset();
    Crypto.reset();
    await ensureTable();
    await ensureBucket();
    const seeded = await Seed.run();
    server = await listen(port);
    Config.set({ PUBLIC_URL: server.url });
    const listening = server;
    return {
      url: listening.url,
      endpoints,
      seeded,
      stop: async () => {
        await listening.close();
        await standIns?.stop();
      },
    };
  } catch (error) {
    await server?.close();
    await standIns?.stop();
    throw error;
  }
}
