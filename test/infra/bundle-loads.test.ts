import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { build } from "esbuild";
import { apps } from "@amparo/core/routes";
import { afterAll, describe, expect, inject, it } from "vitest";
import * as Config from "@amparo/core/config";
import { copyBesideBundle, deployedBuildOptions } from "../../bench/esbuild-options.js";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "../..");
// Inside the repository (node_modules is git-ignored): the bundles leave the AWS SDK out, as Lambda's runtime
// provides it, and Node must find it in the repository's node_modules instead.
const cache = join(root, "node_modules", ".cache");
mkdirSync(cache, { recursive: true });
const dir = mkdtempSync(join(cache, "amparo-bundle-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The AWS SDK packages this process has loaded so far: CommonJS all, so each is in the module cache. */
const sdkLoaded = `import { createRequire } from "node:module";
const sdkLoaded = () => [...new Set(Object.keys(createRequire(import.meta.url).cache)
  .map((file) => [...file.matchAll(/node_modules\\/(@aws-sdk\\/[^/]+)\\//g)].at(-1)?.[1]).filter(Boolean))].sort();
`;

/**
 * Imports the bundle in a fresh Node process, as Lambda does, and answers one API Gateway (payload 2.0) GET;
 * prints the status and the SDK packages loaded by then.
 */
const runner = `${sdkLoaded}const [bundle, path, query = ""] = process.argv.slice(2);
const { handler } = await import(bundle);
const http = { method: "GET", path, protocol: "HTTP/1.1", sourceIp: "203.0.113.1", userAgent: "test" };
const event = { version: "2.0", routeKey: "$default", rawPath: path, rawQueryString: query, headers: { host: "amparo.example.org" },
  requestContext: { http, domainName: "amparo.example.org", requestId: "test", routeKey: "$default", stage: "$default" },
  isBase64Encoded: false };
const answer = await handler(event, {});
const lang = /<html lang="([^"]+)"/.exec(answer.body ?? "")?.[1];
console.log(JSON.stringify({ status: answer.statusCode, sdk: sdkLoaded(), lang, body: answer.body }));
`;
writeFileSync(join(dir, "runner.mjs"), runner);

/** Bundles an entry (a file, or code of its own) with the options every AppFunction is deployed with. */
async function bundle(name: string, entry: string | { contents: string }) {
  const options = deployedBuildOptions(join(dir, name, "index.mjs"));
  const result = await build({
    ...options,
    ...(typeof entry === "string"
      ? { entryPoints: [entry] }
      : { stdin: { contents: entry.contents, resolveDir: root, sourcefile: `${name}.ts`, loader: "ts" } }),
    absWorkingDir: root,
    metafile: true,
    logLevel: "silent",
  });
  await copyBesideBundle(join(dir, name));
  return { file: options.outfile!, inputs: Object.keys(result.metafile.inputs) };
}

describe("a deployed app's bundle", () => {
  // esbuild turns a module that a dynamic import reaches into a lazy initializer; with the secret module's
  // top-level await those initializers are async, and an import cycle among them never settles: Node exits
  // with code 13 (Lambda: an init that times out). The local server and the other tests run the sources, not
  // the bundle, so only loading the bundle shows it.
  it.each([
    ["apply", "packages/functions/src/apply/index.ts", "/apply/resume"],
    ["staff", "packages/functions/src/staff/index.ts", "/staff"],
    ["report", "packages/functions/src/report/index.ts", "/api/v1/reports/pipeline"],
    ["docs", "packages/functions/src/docs/index.ts", "/api/v1/openapi.json"],
  ])(
    "finishes loading and answers a request (%s), loading no AWS SDK client it did not need",
    async (name, entry, path) => {
      const { file, inputs } = await bundle(name, entry);
      // The applicants' function carries its own modules and the shared ones, none of staff's, the reports' or the
      // API description's (which imports every audience's API modules): they would only slow its cold starts.
      if (name === "apply") {
        const others = apps.filter((app) => app !== name).map((app) => `packages/functions/src/${app}/`);
        expect(inputs.filter((input) => others.some((other) => input.startsWith(other)))).toEqual([]);
        // Nor the staff strings; so no applicant page or API module may ask for one (it would throw).
        expect(inputs.filter((input) => input.startsWith("packages/core/src/i18n/staff/"))).toEqual([]);
        const own = inputs.filter((input) => input.startsWith("packages/functions/src/"));
        const staffKey = /["'`](staff|editor|report)\.[a-z_]+/;
        expect(own.filter((input) => staffKey.test(readFileSync(join(root, input), "utf8")))).toEqual([]);
      }
      const env = {
        STAGE: "test",
        DATA_DIR: join(dir, "data"),
        KMS_KEY_ID: "arn:aws:kms:eu-west-1:111111111111:key/test",
        LOG_LEVEL: "SILENT",
      };
      const { stdout } = await run(process.execPath, [join(dir, "runner.mjs"), pathToFileURL(file).href, path], {
        cwd: dir,
        env,
        timeout: 60_000,
      });
      const answer = JSON.parse(stdout.trim().split("\n").at(-1)!) as { status: number; sdk: string[] };
      expect(answer.status).toBeLessThan(500);
      // None of these requests reads the table or a file, sends mail, or opens a sealed field.
      expect(answer.sdk).toEqual([]);
    },
    120_000,
  );

  // The drafted languages' catalogs are files beside the bundle, read when first asked for: not in the bundle.
  it("answers the applicants' pages in Thai and Burmese from the catalogs beside the bundle", async () => {
    const { file } = await bundle("apply-languages", "packages/functions/src/apply/index.ts");
    const code = readFileSync(file, "utf8");
    const thai = JSON.parse(readFileSync(join(root, "packages/core/src/i18n/catalogs/th.json"), "utf8")) as Record<
      string,
      string
    >;
    expect(code).not.toContain(thai["resume.heading"]);
    const env = {
      STAGE: "test",
      DATA_DIR: join(dir, "data"),
      KMS_KEY_ID: "arn:aws:kms:eu-west-1:1:key/t",
      LOG_LEVEL: "SILENT",
    };
    for (const lang of ["th", "my"]) {
      const catalog = JSON.parse(
        readFileSync(join(root, `packages/core/src/i18n/catalogs/${lang}.json`), "utf8"),
      ) as Record<string, string>;
      const args = [join(dir, "runner.mjs"), pathToFileURL(file).href, "/apply/resume", `lang=${lang}`];
      const { stdout } = await run(process.execPath, args, { cwd: dir, env, timeout: 60_000 });
      const answer = JSON.parse(stdout.trim().split("\n").at(-1)!) as { status: number; lang: string; body: string };
      expect({ status: answer.status, lang: answer.lang }).toEqual({ status: 200, lang });
      expect(answer.body).toContain(catalog["resume.heading"]);
    }
  }, 120_000);

  // In Lambda the SDK comes from the runtime: the bundle must not carry it, and must not load a client on a
  // cold start that the request does not use (a static import of an external module would, wherever it is).
  it("leaves the AWS SDK to the runtime and loads each client when first used", async () => {
    const probe = await bundle("probe", {
      contents: `import * as Crypto from "@amparo/core/crypto";
import * as Dynamo from "@amparo/core/dynamo";
import "@amparo/core/mail";
import "@amparo/core/retention";
import "@amparo/core/upload";
import "@amparo/core/decision-clock";
export const readTable = () => Dynamo.get(Dynamo.Key.application("bundle-probe"));
export const roundTrip = async (value: string) => Crypto.open(await Crypto.seal(value, { probe: "1" }), { probe: "1" });
`,
    });
    expect(probe.inputs.filter((input) => input.includes("node_modules/@aws-sdk/"))).toEqual([]);

    writeFileSync(
      join(dir, "probe.mjs"),
      `${sdkLoaded}const probe = await import(process.argv[2]);
const imported = sdkLoaded();
await probe.readTable();
const read = sdkLoaded();
const opened = await probe.roundTrip("kept secret");
console.log(JSON.stringify({ imported, read, opened, sealed: sdkLoaded() }));
`,
    );
    const config = Config.get();
    const { stdout } = await run(process.execPath, [join(dir, "probe.mjs"), pathToFileURL(probe.file).href], {
      cwd: dir,
      // The test's own table on DynamoDB Local, and the local data key in place of KMS.
      env: {
        STAGE: "test",
        DYNAMODB_ENDPOINT: inject("endpoints").dynamodb,
        TABLE_NAME: config.TABLE_NAME,
        DATA_DIR: join(dir, "probe-data"),
        LOG_LEVEL: "SILENT",
      },
      timeout: 60_000,
    });
    const steps = JSON.parse(stdout.trim().split("\n").at(-1)!) as {
      imported: string[];
      read: string[];
      opened: unknown;
      sealed: string[];
    };
    expect(steps.imported).toEqual([]);
    expect(steps.read).toEqual(expect.arrayContaining(["@aws-sdk/client-dynamodb", "@aws-sdk/lib-dynamodb"]));
    for (const unused of ["client-kms", "client-s3", "client-sesv2", "client-sfn", "s3-presigned-post"]) {
      expect(steps.read).not.toContain(`@aws-sdk/${unused}`);
    }
    // The Encryption SDK is bundled, and its KMS client is the runtime's, loaded with it.
    expect(steps.opened).toBe("kept secret");
    expect(steps.sealed).toContain("@aws-sdk/client-kms");
  }, 120_000);
});
