import { readdirSync, rmSync } from "node:fs";
import type { TestProject } from "vitest/node";
import * as StandIns from "../../packages/local/src/stand-ins.js";

declare module "vitest" {
  export interface ProvidedContext {
    endpoints: StandIns.Endpoints;
  }
}

/** Starts DynamoDB Local, s3rver and aws-ses-v2-local once, in memory, for every test file of the run. */
export default async function setup(project: TestProject) {
  removeStaleSstConfigs();
  await StandIns.checkJava();
  const standIns = await StandIns.start();
  project.provide("endpoints", standIns.endpoints);
  return () => standIns.stop();
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
