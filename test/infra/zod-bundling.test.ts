import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { build } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import { deployedBuildOptions } from "../../bench/esbuild-options.js";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "../..");
const cache = join(root, "node_modules", ".cache");
mkdirSync(cache, { recursive: true });
const dir = mkdtempSync(join(cache, "amparo-zod-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * zod's file as ours should be: its relative imports pointed at node_modules, no `locales` namespace, and the
 * `core` namespace (which holds another `locales`) taken from our copy of core's entry.
 */
function expectedLean(zodFile: string, folder: "classic" | "core"): string {
  return readFileSync(join(root, "node_modules/zod/v4", folder, zodFile), "utf8")
    .split("\n")
    .filter((line) => !line.startsWith("export * as locales"))
    .map((line) =>
      line.startsWith("export * as core ")
        ? 'export * as core from "./zod-core.mjs";'
        : line
            .replaceAll('"../core/', '"../../node_modules/zod/v4/core/')
            .replaceAll('"../locales/', '"../../node_modules/zod/v4/locales/')
            .replaceAll('"./', `"../../node_modules/zod/v4/${folder}/`),
    )
    .join("\n");
}

/** Our file without its first line, the comment that says where it comes from. */
const ours = (file: string) =>
  readFileSync(join(root, "infra/bundling", file), "utf8")
    .split("\n")
    .slice(1)
    .join("\n");

describe("zod as the functions are bundled with it", () => {
  it("is zod's own entry less the locales, line for line, so an upgrade of zod that changes it fails here", () => {
    expect(ours("zod-external.mjs")).toBe(expectedLean("external.js", "classic"));
    expect(ours("zod-core.mjs")).toBe(expectedLean("index.js", "core"));
  });

  it("carries English alone, and still validates and explains in English", async () => {
    const outfile = join(dir, "probe", "index.mjs");
    const result = await build({
      ...deployedBuildOptions(outfile),
      stdin: {
        contents: `import { z } from "@hono/zod-openapi";
          const checked = z.object({ amount: z.number() }).safeParse({ amount: "many" });
          console.log(JSON.stringify({ ok: checked.success, message: checked.error?.issues[0]?.message }));`,
        resolveDir: root,
        sourcefile: "probe.ts",
        loader: "ts",
      },
      absWorkingDir: root,
      metafile: true,
      logLevel: "silent",
    });
    const [output] = Object.values(result.metafile.outputs);
    const locales = Object.entries(output!.inputs)
      .filter(([path, { bytesInOutput }]) => path.includes("zod/v4/locales/") && bytesInOutput > 0)
      .map(([path]) => path.replace(/^.*locales\//, ""));
    expect(locales).toEqual(["en.js"]);
    const { stdout } = await run(process.execPath, [outfile], { cwd: dir });
    expect(JSON.parse(stdout)).toEqual({ ok: false, message: "Invalid input: expected number, received string" });
  });
});
