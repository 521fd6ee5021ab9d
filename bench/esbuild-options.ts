import { cp } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { BuildOptions } from "esbuild";
import { besideBundle, bundling } from "../infra/app-function.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Copies what a function reads beside its bundle into `outdir`, as CDK's bundling does (`besideBundle`). */
export async function copyBesideBundle(outdir: string): Promise<void> {
  for (const { from, to } of besideBundle) await cp(join(root, from), join(outdir, to), { recursive: true });
}

/**
 * The esbuild options NodejsFunction builds from `bundling` (aws-lambda-nodejs's bundling command), for the
 * esbuild API: one file, `index.mjs`, bundled for Node. Shared by `npm run bench` and the bundle tests, so
 * both build exactly what is deployed.
 */
export function deployedBuildOptions(outfile: string): BuildOptions {
  const alias: Record<string, string> = {};
  for (const [arg, value] of Object.entries(bundling.esbuildArgs)) {
    const name = /^--alias:(.+)$/.exec(arg)?.[1];
    // Any other argument would be built here without it: better to fail than to measure something else.
    if (!name) throw new Error(`bundling.esbuildArgs: ${arg} has no equivalent here`);
    alias[name] = value;
  }
  return {
    bundle: true,
    platform: "node",
    format: bundling.format,
    target: bundling.target,
    minify: bundling.minify,
    sourcemap: bundling.sourceMap,
    mainFields: bundling.mainFields,
    banner: { js: bundling.banner },
    external: bundling.externalModules,
    alias,
    outfile,
  };
}
