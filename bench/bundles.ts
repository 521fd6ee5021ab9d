import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { analyzeMetafile, build, type BuildOptions, type Metafile } from "esbuild";
import { zipSync } from "fflate";
import { stepEntries } from "../infra/decision-clock.js";
import { outboxEntry } from "../infra/mail.js";
import { entries } from "../stacks/web.js";
import { besideBundle } from "../infra/app-function.js";
import { printBundles } from "./bundles-table.js";
import { copyBesideBundle, deployedBuildOptions } from "./esbuild-options.js";

const run = promisify(execFile);
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/**
 * Where the bundles are written and run: inside the repository (and git-ignored), because the AWS SDK is left
 * out of them (`bundling.externalModules`) and Node must find it in the repository's node_modules, as Lambda
 * finds the runtime's own copy.
 */
export const benchDir = join(root, "node_modules", ".cache", "amparo-bench");

/** One deployed function: its entry, what a cold start is asked to do, and how to tell it answered. */
interface Target {
  name: string;
  entry: string;
  /** The export Lambda calls. */
  handler: string;
  /** The event of the one invocation after the import; `undefined`: the import only (see `what`). */
  event?: unknown;
  /** What the cold start does, for the table. */
  what: string;
}

/**
 * An API Gateway HTTP API (payload 2.0) GET, as the three apps receive it. The paths chosen need no table: a
 * cold start here measures loading the code and answering, not DynamoDB Local's latency on this machine.
 */
function httpGet(path: string, query = "") {
  const now = Date.now();
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath: path,
    rawQueryString: query,
    cookies: [],
    headers: {
      accept: "text/html",
      "accept-language": "en",
      host: "bench.example",
      "user-agent": "bench",
      "x-forwarded-proto": "https",
    },
    requestContext: {
      accountId: "123456789012",
      apiId: "bench",
      domainName: "bench.example",
      domainPrefix: "bench",
      http: { method: "GET", path, protocol: "HTTP/1.1", sourceIp: "203.0.113.1", userAgent: "bench" },
      requestId: "bench",
      routeKey: "$default",
      stage: "$default",
      time: new Date(now).toUTCString(),
      timeEpoch: now,
    },
    isBase64Encoded: false,
  };
}

/**
 * Every distinct bundle CDK deploys (the outbox's sender and sweep share one), with the entries read from the
 * stacks themselves. The reconciler's and the retention sweep's entries are written inline in
 * infra/decision-clock.ts, so they are repeated here; their handlers need the table at once, so only their
 * import is timed, as for the clock's steps (whose input is an execution's state).
 */
function targets(): Target[] {
  return [
    {
      name: "apply",
      entry: entries.apply,
      handler: "handler",
      event: httpGet("/apply/resume"),
      what: "GET /apply/resume",
    },
    {
      // The same page in Thai: the first use of a drafted language reads its catalog from beside the bundle.
      name: "apply, in Thai",
      entry: entries.apply,
      handler: "handler",
      event: httpGet("/apply/resume", "lang=th"),
      what: "GET /apply/resume?lang=th (reads th.json)",
    },
    { name: "staff", entry: entries.staff, handler: "handler", event: httpGet("/staff"), what: "GET /staff (sign-in)" },
    {
      name: "report",
      entry: entries.report,
      handler: "handler",
      event: httpGet("/api/v1/reports/pipeline"),
      what: "GET /api/v1/reports/pipeline (401)",
    },
    {
      name: "docs",
      entry: entries.docs,
      handler: "handler",
      event: httpGet("/api/v1/openapi.json"),
      what: "GET /api/v1/openapi.json",
    },
    { name: "outbox", entry: outboxEntry, handler: "handler", event: { Records: [] }, what: "empty stream batch" },
    ...Object.entries(stepEntries).map(([step, entry]) => ({
      name: `decision-clock-${step}`,
      entry,
      handler: "handler",
      what: "import only",
    })),
    {
      name: "reconcile",
      entry: "packages/functions/src/decision-clock/reconcile.ts",
      handler: "handler",
      what: "import only",
    },
    { name: "retention", entry: "packages/functions/src/retention/index.ts", handler: "handler", what: "import only" },
  ];
}

/** The smallest Hono app on Lambda, bundled the same way: what the ratio is against. */
const bareHono = `import { Hono } from "hono";
import { handle } from "hono/aws-lambda";
export const handler = handle(new Hono().get("/", (c) => c.text("ok")));
`;

/** `bundling` as esbuild options, from the repository root, with the metafile the table is made from. */
function esbuildOptions(outdir: string): BuildOptions {
  return {
    ...deployedBuildOptions(join(outdir, "index.mjs")),
    absWorkingDir: root,
    metafile: true,
    logLevel: "warning",
  };
}

/** Records the time, imports the bundle, answers one event, prints the elapsed milliseconds as JSON. */
const runner = `const start = performance.now();
const cpu = process.cpuUsage();
const [bundle, name, event] = process.argv.slice(2);
const module = await import(bundle);
const imported = performance.now();
let status = "-";
if (event) {
  const context = { awsRequestId: "bench", functionName: "bench", getRemainingTimeInMillis: () => 15000 };
  const result = await module[name](JSON.parse(event), context);
  status = String(result?.statusCode ?? "ok");
}
const done = performance.now();
const { user, system } = process.cpuUsage(cpu);
// performance.now() counts from the process's start: \`done\` is the whole cold start, Node's own boot included.
console.log(JSON.stringify({ importMs: imported - start, totalMs: done - start, processMs: done, cpuMs: (user + system) / 1000, status }));
`;

/**
 * What the functions are given in AWS (stacks/web.ts), with local values. HMAC_KEY stands in for
 * HMAC_KEY_SECRET_ARN: with the ARN, the import would wait on Secrets Manager. Nothing of this process's own
 * environment is passed on.
 */
function lambdaEnvironment(dataDir: string): Record<string, string> {
  return {
    STAGE: "bench",
    AWS_REGION: "eu-west-1",
    TABLE_NAME: "amparo-bench",
    BUCKET_NAME: "amparo-bench-uploads",
    PUBLIC_URL: "https://bench.example/",
    KMS_KEY_ID: "arn:aws:kms:eu-west-1:123456789012:key/00000000-0000-0000-0000-000000000000",
    HMAC_KEY: randomBytes(32).toString("base64"),
    MAIL_FROM: "no-reply@bench.example",
    LOG_LEVEL: "WARN",
    DATA_DIR: dataDir,
    // The stand-in credentials: nothing here may reach AWS, and no request above needs to.
    AWS_ACCESS_KEY_ID: "bench",
    AWS_SECRET_ACCESS_KEY: "bench",
  };
}

interface ColdStart {
  importMs: number;
  totalMs: number;
  /** From the process's start to the answer: Node's boot, the import and the answer, as a Lambda cold start. */
  processMs: number;
  /** CPU time of the same span: steadier than the elapsed time on a machine that is busy with other work. */
  cpuMs: number;
  status: string;
}

async function coldStart(dir: string, bundle: string, handler: string, event: unknown, env: Record<string, string>) {
  const args = [join(dir, "runner.mjs"), pathToFileURL(bundle).href, handler];
  if (event !== undefined) args.push(JSON.stringify(event));
  try {
    const { stdout } = await run(process.execPath, args, { cwd: dir, env, maxBuffer: 1 << 24, timeout: 30_000 });
    const last = stdout.trim().split("\n").at(-1) ?? "";
    return JSON.parse(last) as ColdStart;
  } catch (error) {
    // Exit code 13: the import's top-level await never settled (the event loop ran dry), which in Lambda is an
    // init that hangs until it times out. Either way the function cannot answer: no time to report.
    const { code, stderr } = error as { code?: number; stderr?: string };
    if (code !== 13) console.error(stderr);
    const nothing = Number.NaN;
    return {
      importMs: nothing,
      totalMs: nothing,
      processMs: nothing,
      cpuMs: nothing,
      status: code === 13 ? "HANGS" : "FAILS",
    };
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

export interface BundleRow {
  name: string;
  what: string;
  minifiedBytes: number;
  /** The bundle, zipped: what a cold start loads; the goal. */
  zippedBytes: number;
  /** The files beside it (every language's catalog but English's), zipped: uploaded with it, read only when used. */
  besideZippedBytes: number;
  /** Median milliseconds from a fresh process's start to the answer: the cold start. */
  coldMs: number;
  /** The bare Hono handler's median, measured alternately with this function's runs. */
  baselineMs: number;
  /** `coldMs` against the bare handler's: the goal (at most 3). */
  ratio: number;
  /** The same ratio of the import and the answer alone, without Node's boot: the part the code decides. */
  loadRatio: number;
  /** The same ratio of CPU time (see `ColdStart.cpuMs`). */
  cpuRatio: number;
  /** The answer's status code, `ok` for a non-HTTP answer, `-` for an import only. */
  status: string;
  /** The largest parts of the bundle (packages, or core and functions folders), bytes in the output. */
  largest: [string, number][];
  metafile: Metafile;
}

/** Where an input file belongs: its npm package, or its folder of packages/core or packages/functions. */
function partOf(input: string): string {
  const modules = input.lastIndexOf("node_modules/");
  if (modules >= 0) {
    const [scope, name] = input.slice(modules + "node_modules/".length).split("/");
    return scope!.startsWith("@") ? `${scope}/${name}` : scope!;
  }
  const ours = /^packages\/(core|functions)\/src\/([^/.]+)/.exec(input);
  return ours ? `${ours[1]}/${ours[2]}` : input;
}

function largestParts(metafile: Metafile, count: number): [string, number][] {
  const parts = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      parts.set(partOf(input), (parts.get(partOf(input)) ?? 0) + bytesInOutput);
    }
  }
  return [...parts].sort((a, b) => b[1] - a[1]).slice(0, count);
}

async function bundle(dir: string, name: string, entry: string | { contents: string }, withBeside = true) {
  const outdir = join(dir, name.replace(/\W+/g, "-"));
  await mkdir(outdir, { recursive: true });
  const options = esbuildOptions(outdir);
  const result = await build(
    typeof entry === "string"
      ? { ...options, entryPoints: [entry] }
      : { ...options, stdin: { contents: entry.contents, resolveDir: root, sourcefile: `${name}.ts`, loader: "ts" } },
  );
  const file = options.outfile!;
  const code = await readFile(file);
  // What CDK uploads: the bundle, deflated (CDK's asset zip uses the highest level), and beside it the files read
  // only when first needed (every language's catalog but English's), weighed apart: a cold start loads the bundle only.
  const zipped = zipSync({ "index.mjs": [code, { level: 9 }] });
  const beside: Record<string, [Uint8Array, { level: 9 }]> = {};
  if (withBeside) {
    await copyBesideBundle(outdir);
    for (const { to } of besideBundle) {
      for (const entry of await readdir(join(outdir, to), { recursive: true, withFileTypes: true })) {
        if (!entry.isFile()) continue;
        const path = join(entry.parentPath, entry.name);
        beside[relative(outdir, path)] = [await readFile(path), { level: 9 }];
      }
    }
  }
  const besideZippedBytes = Object.keys(beside).length > 0 ? zipSync(beside).length : 0;
  return {
    file,
    minifiedBytes: code.length,
    zippedBytes: zipped.length,
    besideZippedBytes,
    metafile: result.metafile!,
  };
}

/**
 * Bundles every function as CDK does, weighs each bundle minified and zipped, and times its cold start (a fresh
 * Node process importing the bundle and answering one event), `runs` times alternately with a bare Hono handler
 * bundled the same way, taking the medians.
 */
export async function measureBundles(runs = 5): Promise<BundleRow[]> {
  await mkdir(benchDir, { recursive: true });
  const dir = await mkdtemp(join(benchDir, "bundles-"));
  try {
    await writeFile(join(dir, "runner.mjs"), runner);
    const env = lambdaEnvironment(join(dir, "data"));
    const baseline = await bundle(dir, "bare-hono", { contents: bareHono }, false);
    const baselineEvent = httpGet("/");
    const rows: BundleRow[] = [];
    for (const target of targets()) {
      const built = await bundle(dir, target.name, target.entry);
      const times: number[] = [];
      const baseTimes: number[] = [];
      const loads: number[] = [];
      const baseLoads: number[] = [];
      const cpu: number[] = [];
      const baseCpu: number[] = [];
      let status = "";
      for (let i = 0; i < runs; i++) {
        const bare = await coldStart(dir, baseline.file, "handler", baselineEvent, env);
        baseTimes.push(bare.processMs);
        baseLoads.push(bare.totalMs);
        baseCpu.push(bare.cpuMs);
        const measured = await coldStart(dir, built.file, target.handler, target.event, env);
        times.push(measured.processMs);
        loads.push(measured.totalMs);
        cpu.push(measured.cpuMs);
        status = measured.status;
      }
      // One run that cannot answer makes the function's cold start unmeasurable, not faster.
      const coldMs = times.some(Number.isNaN) ? Number.NaN : median(times);
      const baselineMs = median(baseTimes);
      rows.push({
        name: target.name,
        what: target.what,
        minifiedBytes: built.minifiedBytes,
        zippedBytes: built.zippedBytes,
        besideZippedBytes: built.besideZippedBytes,
        coldMs,
        baselineMs,
        ratio: coldMs / baselineMs,
        loadRatio: (loads.some(Number.isNaN) ? Number.NaN : median(loads)) / median(baseLoads),
        cpuRatio: (cpu.some(Number.isNaN) ? Number.NaN : median(cpu)) / median(baseCpu),
        status,
        largest: largestParts(built.metafile, 3),
        metafile: built.metafile,
      });
    }
    rows.push({
      name: "bare Hono",
      what: "GET /",
      minifiedBytes: baseline.minifiedBytes,
      zippedBytes: baseline.zippedBytes,
      besideZippedBytes: 0,
      coldMs: median(rows.map((row) => row.baselineMs)),
      baselineMs: median(rows.map((row) => row.baselineMs)),
      ratio: 1,
      loadRatio: 1,
      cpuRatio: 1,
      status: "200",
      largest: largestParts(baseline.metafile, 3),
      metafile: baseline.metafile,
    });
    return rows;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// `npx tsx bench/bundles.ts [--analyze]`: this part alone; `--analyze` adds esbuild's breakdown of each bundle.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const rows = await measureBundles();
  const ok = printBundles(rows);
  if (process.argv.includes("--analyze")) {
    for (const row of rows) console.log(`\n${row.name}:${await analyzeMetafile(row.metafile, { verbose: false })}`);
  }
  if (!ok) process.exitCode = 1;
}
