import type { TestProject } from "vitest/node";
import * as StandIns from "../../packages/local/src/stand-ins.js";

declare module "vitest" {
  export interface ProvidedContext {
    endpoints: StandIns.Endpoints;
  }
}

/** Starts DynamoDB Local, s3rver and aws-ses-v2-local once, in memory, for every test file of the run. */
export default async function setup(project: TestProject) {
  await StandIns.checkJava();
  const standIns = await StandIns.start();
  project.provide("endpoints", standIns.endpoints);
  return () => standIns.stop();
}
