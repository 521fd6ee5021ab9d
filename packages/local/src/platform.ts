import { chmodSync, mkdirSync } from "node:fs";
import * as Application from "@amparo/core/application";
import * as Config from "@amparo/core/config";
import * as Contact from "@amparo/core/contact";
import * as Report from "@amparo/core/report";
import * as Retention from "@amparo/core/retention";
import { logger } from "@amparo/core/log";
import * as Crypto from "@amparo/core/crypto";
import * as Dynamo from "@amparo/core/dynamo";
import * as Mail from "@amparo/core/mail";
import * as RateLimit from "@amparo/core/rate-limit";
import * as Seed from "@amparo/core/seed";
import * as Storage from "@amparo/core/storage";
import { startOutbox, type OutboxOptions, type OutboxSender } from "./outbox.js";
import { ensureBucket, ensureTable } from "./provision.js";
import { listen, type Listening } from "./server.js";
import * as StandIns from "./stand-ins.js";
import { startDecisionClock, type LocalDecisionClock, type DecisionClockOptions } from "./decision-clock.js";

export interface PlatformOptions {
  /** Persist data here; omit to keep everything in memory. */
  dataDir?: string;
  port?: number;
  standInPorts?: StandIns.StandInOptions["ports"];
  /** Reuse stand-ins that are already running (tests start them once for the whole run). */
  endpoints?: StandIns.Endpoints;
  tableName?: string;
  bucketName?: string;
  /** How the outbox sender polls the stream and sweeps; `false` runs no sender. */
  outbox?: OutboxOptions | false;
  /** The decision clock (its runner and reconciler); `false` runs no clock. */
  decisionClock?: DecisionClockOptions | false;
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
  if (options.dataDir) keepPrivate(options.dataDir);
  if (!options.endpoints) {
    await StandIns.checkJava();
    standIns = await StandIns.start({ dataDir: options.dataDir, ports: options.standInPorts });
  }
  const endpoints = options.endpoints ?? standIns!.endpoints;
  let server: Listening | undefined;
  let outbox: OutboxSender | undefined;
  let decisionClock: LocalDecisionClock | undefined;
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
    // Emails leave through the outbox: the sender reads the table's stream, as the stream function does in AWS.
    if (options.outbox !== false) outbox = await startOutbox(options.outbox);
    // The decision clocks run in process, as Step Functions runs them in AWS; clocks that were running when the
    // platform last stopped are started again from the times stored on their applications.
    if (options.decisionClock !== false) decisionClock = await startDecisionClock(options.decisionClock);
    // What a schedule does in AWS: abandoned drafts are deleted, with their uploads, once an hour.
    // And content past its call's retention period is deleted once a (scaled) day.
    const sweeps = [
      setInterval(() => void sweep("draft", Application.sweepAbandonedDrafts), DRAFT_SWEEP_MS).unref(),
      setInterval(() => void sweep("retention", Retention.sweep), Retention.sweepEveryMs()).unref(),
      // Each closed period's report figures are frozen once they became due, as the hourly schedule does.
      setInterval(() => void sweep("report", Report.snapshotDue), REPORT_SWEEP_MS).unref(),
      // What DynamoDB's TTL does in AWS, for the items whose expiry is a promise: rate-limit windows (a
      // source's keyed hash lives only while it counts) and contact confirmations. DynamoDB Local never expires.
      setInterval(() => void expire(), EXPIRY_SWEEP_MS).unref(),
    ];
    await sweep("draft", Application.sweepAbandonedDrafts);
    await sweep("retention", Retention.sweep);
    await sweep("report", Report.snapshotDue);
    const listening = server;
    const sender = outbox;
    const clocks = decisionClock;
    return {
      url: listening.url,
      endpoints,
      seeded,
      stop: async () => {
        for (const timer of sweeps) clearInterval(timer);
        await clocks?.stop();
        await listening.close();
        await sender?.stop();
        await standIns?.stop();
      },
    };
  } catch (error) {
    await decisionClock?.stop();
    await outbox?.stop();
    await server?.close();
    await standIns?.stop();
    throw error;
  }
}

const DRAFT_SWEEP_MS = 60 * 60 * 1000;
const REPORT_SWEEP_MS = 60 * 60 * 1000;
const EXPIRY_SWEEP_MS = 10 * 60 * 1000;

/** Deletes what DynamoDB's TTL would have: expired rate-limit windows and contact confirmations. */
async function expire(): Promise<void> {
  try {
    const count = (await RateLimit.sweep()) + (await Contact.sweep());
    if (count > 0) logger.info("sweep deleted expired items", { sweep: "expiry", count });
  } catch (error) {
    logger.error("sweep failed", { sweep: "expiry", errorName: error instanceof Error ? error.name : "unknown" });
  }
}

/** Runs one scheduled sweep; a failed one is tried again at the next interval and never stops the platform. */
async function sweep(name: "draft" | "retention" | "report", run: () => Promise<number>): Promise<void> {
  try {
    const count = await run();
    if (count > 0 && name === "report") logger.info("sweep made report snapshots", { sweep: name, count });
    else if (count > 0) logger.info("sweep deleted applications", { sweep: name, count });
  } catch (error) {
    logger.error("sweep failed", { sweep: name, errorName: error instanceof Error ? error.name : "unknown" });
  }
}

/**
 * Everything under the data folder is readable by this user only: the local data key, DynamoDB Local's
 * files and the uploads hold what applicants sent. The umask covers what the stand-ins (Java included,
 * which inherits it) create from now on; the folder's own mode closes what an older version left open.
 */
function keepPrivate(dataDir: string): void {
  process.umask(0o077);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
}
