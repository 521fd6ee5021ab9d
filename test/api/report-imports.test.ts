import * as esbuild from "esbuild";
import { describe, expect, it } from "vitest";

/**
 * The report app's function is meant to be given no permission to decrypt or read uploads, so its code must not
 * need any: this walks its static imports (esbuild's metafile), following the workspace's own packages and
 * recording every other package it reaches.
 */
describe("the report app's imports", () => {
  it("reaches nothing that decrypts or reads uploads, not even through the session check", async () => {
    const result = await esbuild.build({
      entryPoints: ["packages/functions/src/report/index.ts"],
      bundle: true,
      write: false,
      metafile: true,
      platform: "node",
      format: "esm",
      logLevel: "silent",
      // Follow the workspace's own packages (they are the code that could pull something in); keep every
      // other package external, but record it.
      plugins: [
        {
          name: "external-packages",
          setup(build) {
            build.onResolve({ filter: /^[^./]/ }, (args) =>
              args.path.startsWith("@amparo/") ? undefined : { path: args.path, external: true },
            );
          },
        },
      ],
    });
    const inputs = Object.keys(result.metafile.inputs);
    const externals = Object.values(result.metafile.inputs).flatMap((input) =>
      input.imports.filter((imported) => imported.external).map((imported) => imported.path),
    );
    expect(inputs).toContain("packages/functions/src/report/pipeline.api.ts");
    expect(inputs.some((input) => input.startsWith("packages/core/src/session/"))).toBe(true);
    const forbidden = ["crypto", "auth", "application", "upload", "review", "outbox"].map(
      (folder) => `packages/core/src/${folder}/`,
    );
    expect(inputs.filter((input) => forbidden.some((folder) => input.startsWith(folder)))).toEqual([]);
    expect(externals.filter((name) => /^@aws-crypto\/|^@aws-sdk\/client-s3/.test(name))).toEqual([]);
  });
});
