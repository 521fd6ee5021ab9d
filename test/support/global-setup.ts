import { readdirSync, rmSync } from "node:fs";
import type { TestProject } from "vitest/node";
import * as StandIns from "../../packages/local/src/stand-ins.js";

declare module "vitest" {
  export interface ProvidedContext {
    endpoints: StandIns.Endpoints;
  }
}

/**
 * The stand-ins of this run, shared by every project that uses them (integration, browser, infra): vitest runs
 * each project's global setup, in one process, so they are kept on `globalThis` and stopped by the last teardown.
 */
interface Shared {
  started: Promise<StandIns.StandIns>;
  users: number;
}
const key = Symbol.for("amparo.test.stand-ins");
const shared = globalThis as unknown as Record<symbol, Shared | undefined>;

/** Starts DynamoDB Local, s3rver and aws-ses-v2-local once, in memory, for every test file of the run. */
export default async function setup(project: TestProject) {
  let entry = shared[key];
  if (!entry) {
    removeStaleSstConfigs();
    entry = shared[key] = {
      started: StandIns.checkJava().then(() => StandIns.start()),
      users: 0,
    };
  }
  entry.users++;
  const standIns = await entry.started;
  project.provide("endpoints", standIns.endpoints);
  return async () => {
    if (--entry.users > 0) return;
    shared[key] = undefined;
    await standIns.stop();
  };
}

/**
 * SST bundles `sst.config.ts` to `.sst.config.<time>.mjs` in the repository root on every start, and each start
 * also deletes such files older than 30 seconds without expecting another process to delete them first. A file
 * left by a run that was killed would be deleted by every infrastructure test file at once, and the losers
 * crash. Removing the leftovers before any test file starts leaves nothing to race over.
 */
function removeStaleSstConfigs(): void {
  const root = new URL("../../", import.meta.url);
  for (const file of readdirSync(root)) {
    if (file.startsWith(".sst.config.")) rmSync(new URL(file, root), { force: true });
  }
}
