import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { App, Stack } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { afterAll, describe, expect, it } from "vitest";
import { AppFunction } from "../../infra/app-function.js";

const outdir = mkdtempSync(join(tmpdir(), "amparo-cdk-"));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const environment = {
  STAGE: "test",
  TABLE_NAME: "amparo-test",
  BUCKET_NAME: "amparo-test-uploads",
  KMS_KEY_ID: "arn:aws:kms:eu-west-1:111111111111:key/test",
  PUBLIC_URL: "https://amparo.example.org",
};

function stack() {
  // Asset metadata names the bundle's directory in the template, so the test can read what esbuild wrote.
  const app = new App({ outdir, context: { "aws:cdk:enable-asset-metadata": true } });
  return { app, stack: new Stack(app, "Test", { env: { account: "111111111111", region: "eu-west-1" } }) };
}

describe("an app function", () => {
  it("bundles its handler locally with esbuild into one minified ES module that Node loads, without Docker", async () => {
    const { app, stack: scope } = stack();
    new AppFunction(scope, "Report", { entry: "packages/functions/src/report/index.ts", environment });
    const assembly = app.synth();
    const [fn] = Object.values(Template.fromStack(scope).findResources("AWS::Lambda::Function"));
    const assetPath = (fn as { Metadata: Record<string, string> }).Metadata["aws:asset:path"]!;
    const bundle = join(assembly.directory, assetPath, "index.mjs");
    expect(existsSync(bundle)).toBe(true);
    const code = readFileSync(bundle, "utf8");
    expect(code).toMatch(/export\s*\{[^}]*as handler/);
    // Minified: long lines (only template literals and kept licence comments break them), no source indentation.
    expect(code.length / code.split("\n").length).toBeGreaterThan(1000);
    // The module loads as Lambda's Node would load it (`require` of built-ins works) and exports the handler.
    const loaded = (await import(pathToFileURL(bundle).href)) as { handler?: unknown };
    expect(typeof loaded.handler).toBe("function");
  });

  it("refuses at synth time a setting the apps need in AWS that is missing", () => {
    const { stack: scope } = stack();
    const { KMS_KEY_ID: _left, ...withoutKey } = environment;
    expect(
      () =>
        new AppFunction(scope, "Apply", { entry: "packages/functions/src/apply/index.ts", environment: withoutKey }),
    ).toThrow(/KMS_KEY_ID is missing/);
  });

  it("refuses a value the config schema rejects, and a stand-in setting that has no place in AWS", () => {
    const { stack: scope } = stack();
    expect(
      () =>
        new AppFunction(scope, "Bad", {
          entry: "packages/functions/src/report/index.ts",
          environment: { ...environment, PUBLIC_URL: "not a url" },
        }),
    ).toThrow(/PUBLIC_URL/);
    expect(
      () =>
        new AppFunction(scope, "Local", {
          entry: "packages/functions/src/report/index.ts",
          environment: { ...environment, DYNAMODB_ENDPOINT: "http://127.0.0.1:8000" },
        }),
    ).toThrow(/DYNAMODB_ENDPOINT is for the local runtime only/);
  });
});
