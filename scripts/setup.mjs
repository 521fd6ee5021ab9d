// What `npm start`, `npm test` and CI (.ci/run) need before they can run, installed when missing: the npm
// dependencies (which bring the project's own Node 22), Java (DynamoDB Local) and, for the browser tests,
// Chromium. One copy of this logic for all three. Plain Node with no dependencies, because it runs before anything
// is installed, on whatever `node` the machine has.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const npm = process.platform === "win32" ? "npm.cmd" : "npm";

/** The browser tests drive Debian's Chromium at this path (test/support/browser.ts). */
export const chromiumPath = "/usr/bin/chromium";
/** A file of Debian's `fonts-noto-core`, the Noto fonts of every script the applicants' pages are offered in. */
const notoThaiPath = "/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf";
const aptPackages = { chromium: "chromium", fonts: "fonts-noto-core" };

/** Stops with a message, and nothing else on the screen after it. */
export function fail(message) {
  console.error(`\n${message}\n`);
  process.exit(1);
}

/** The oldest Node that can start these scripts; everything after them runs on the project's own Node. */
const oldestBootstrapNode = 18;

export function checkNode() {
  const [major] = process.versions.node.split(".").map(Number);
  if (major < oldestBootstrapNode) {
    fail(`Amparo's scripts need Node.js ${oldestBootstrapNode} or newer to start; this is ${process.version}.`);
  }
}

/**
 * The project's own Node: the `node` dev dependency (an exact 22.x, as Lambda's nodejs22.x runs) puts its binary
 * at node_modules/.bin/node. npm scripts find it first on their PATH; these scripts re-exec themselves on it.
 */
export const projectNodePath = join(root, "node_modules", ".bin", "node");
const projectBin = join(root, "node_modules", ".bin");

/** The version the lock file pins for the `node` dev dependency, e.g. "22.23.3". */
function pinnedNodeVersion() {
  const lockfile = join(root, "package-lock.json");
  return existsSync(lockfile) ? readJson(lockfile).packages?.["node_modules/node"]?.version : undefined;
}

/** The version the installed project Node reports, or undefined when its binary is missing or does not run. */
function installedNodeVersion() {
  if (!existsSync(projectNodePath)) return undefined;
  const result = spawnSync(projectNodePath, ["--version"], { encoding: "utf8" });
  return result.status === 0 ? result.stdout.trim().replace(/^v/, "") : undefined;
}

/** The environment for anything run on the project's Node: its bin folder first, so `node`, npm and tsx use it. */
export function projectEnv(extra = {}) {
  const path = process.env.PATH ?? "";
  const first = path.split(delimiter)[0];
  return { ...process.env, PATH: first === projectBin ? path : `${projectBin}${delimiter}${path}`, ...extra };
}

/** Set in the environment of a script re-run on the project's Node: what the first run did is not done again. */
const reexecuted = "AMPARO_ON_PROJECT_NODE";
export const isReexecuted = () => process.env[reexecuted] === "1";

/**
 * Runs this script again on the project's Node when it started on another (a machine whose own `node` is 20, say),
 * with the same arguments, and exits with its code; returns when it already runs on it. Signals are passed on, so
 * Ctrl-C stops `npm start`'s child as before.
 */
export function reexecOnProjectNode() {
  const version = installedNodeVersion();
  if (!version) {
    fail(
      "The project's Node (the `node` dev dependency) is not installed: its install script fetches the binary. " +
        "Run `npm ci` without --ignore-scripts.",
    );
  }
  if (process.version === `v${version}`) return;
  if (isReexecuted()) fail(`Started on the project's Node, yet this is ${process.version}, not v${version}.`);
  const env = projectEnv({ [reexecuted]: "1" });
  const child = spawn(projectNodePath, process.argv.slice(1), { cwd: root, stdio: "inherit", env });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  child.on("error", (error) => fail(`The project's Node could not be started: ${error.message}`));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  // Nothing after this line may run in the outer process: it only waits for the child.
  return new Promise(() => {});
}

/** Runs a command in the repository with its output on this terminal; stops everything if it fails. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", ...options });
  if (result.error) fail(`${command} could not be run: ${result.error.message}`);
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/**
 * Runs commands side by side (the type check and lint are each mostly one core), then prints each one's output
 * whole, in order, so they do not interleave; stops everything if any failed.
 */
export async function runTogether(commands, options = {}) {
  const results = await Promise.all(
    commands.map(
      ([command, args]) =>
        new Promise((resolveRun) => {
          const child = spawn(command, args, { cwd: root, ...options, stdio: ["ignore", "pipe", "pipe"] });
          let output = "";
          child.stdout.on("data", (chunk) => (output += chunk));
          child.stderr.on("data", (chunk) => (output += chunk));
          child.on("error", (error) =>
            resolveRun({ code: 1, output: `${command} could not be run: ${error.message}` }),
          );
          child.on("close", (code) => resolveRun({ code: code ?? 1, output }));
        }),
    ),
  );
  for (const { output } of results) if (output) process.stdout.write(output);
  const failed = results.find(({ code }) => code !== 0);
  if (failed) process.exit(failed.code);
}

const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));

/**
 * Why node_modules cannot be used as it is, or undefined. npm records what it installed in
 * node_modules/.package-lock.json; a package the lockfile asks for in another version, or not there at all (a
 * pull, a new dependency), means the install is stale. Optional packages for other platforms are never there.
 */
function dependenciesOutOfDate() {
  const needed = [".bin/tsc", ".bin/tsx", ".bin/vitest", ".bin/eslint", "@amparo/core", "@amparo/functions"];
  if (needed.some((path) => !existsSync(join(root, "node_modules", path))))
    return "node_modules is missing or incomplete";
  const hidden = join(root, "node_modules", ".package-lock.json");
  const lockfile = join(root, "package-lock.json");
  if (!existsSync(lockfile)) return undefined;
  if (!existsSync(hidden)) return "node_modules was not installed by npm";
  // The `node` package's install script fetches its binary in a nested npm install, outside the lock file:
  // `npm ci --ignore-scripts`, or a failed fetch, leaves the package without it.
  const pinned = pinnedNodeVersion();
  if (pinned && installedNodeVersion() !== pinned) return `the project's Node ${pinned} is not installed`;
  const installed = readJson(hidden).packages ?? {};
  for (const [path, wanted] of Object.entries(readJson(lockfile).packages ?? {})) {
    if (!path.includes("node_modules/")) continue;
    const found = installed[path];
    if (!found ? !wanted.optional : found.version !== wanted.version) return `${path} is not as package-lock.json says`;
  }
  return undefined;
}

/** Installs the npm dependencies when they are missing or stale (always, with `clean`), exactly as locked. */
export function ensureDependencies({ clean = false } = {}) {
  const reason = clean ? "a clean install was asked for" : dependenciesOutOfDate();
  if (!reason) return;
  const command = existsSync(join(root, "package-lock.json")) ? "ci" : "install";
  console.log(`Installing dependencies (npm ${command}: ${reason})...`);
  // The lock file pins every version and its integrity: the cache may answer without asking the registry first.
  run(npm, [command, "--prefer-offline", "--no-audit", "--no-fund"]);
}

/** The major version of the `java` on the PATH, or 0 when there is none. */
function javaMajor() {
  const result = spawnSync("java", ["-version"], { encoding: "utf8" });
  if (result.error || result.status !== 0) return 0;
  const [, first, second] = /version "(\d+)(?:\.(\d+))?/.exec(`${result.stderr}${result.stdout}`) ?? [];
  // Java 8 and older call themselves 1.x.
  return Number(first) === 1 ? Number(second) : Number(first ?? 0);
}

/** The first of `names` that apt can install here (after apt-get update), or the last one. */
function aptCandidate(names) {
  for (const name of names) {
    const policy = spawnSync("apt-cache", ["policy", name], { encoding: "utf8" });
    if (/Candidate: (?!\(none\))/.test(policy.stdout ?? "")) return name;
  }
  return names[names.length - 1];
}

const withSudo = (sudo, [command, ...args]) => (sudo ? ["sudo", ["-n", command, ...args]] : [command, args]);

/** How this process may install system packages: as root, through passwordless sudo, or not at all. */
function installer() {
  if (process.platform !== "linux" || spawnSync("apt-get", ["--version"], { stdio: "ignore" }).status !== 0) {
    return undefined;
  }
  if (process.getuid?.() === 0) return { sudo: false };
  if (spawnSync("sudo", ["-n", "true"], { stdio: "ignore" }).status === 0) return { sudo: true };
  return undefined;
}

/**
 * Makes sure Java 17 or newer (DynamoDB Local) and, with `chromium`, Debian's Chromium (the browser tests)
 * are present. Installs them with apt when this process may (as root, as .ci/run does, or with passwordless
 * sudo); otherwise stops with the one command that installs them.
 */
export function ensureSystemPackages({ chromium = false } = {}) {
  const java = javaMajor();
  const missing = [];
  if (java < 17) missing.push("java");
  if (chromium && !existsSync(chromiumPath)) missing.push("chromium");
  // The fonts Android phones read Thai, Khmer and Burmese in: without them Chromium draws boxes, and the browser
  // tests would measure the width of boxes, not of words.
  if (chromium && !existsSync(notoThaiPath)) missing.push("fonts");
  if (missing.length === 0) return;

  const names = {
    java: `Java 17 or newer${java ? ` (found Java ${java})` : ""}`,
    chromium: `Chromium at ${chromiumPath}`,
    fonts: "the Noto fonts for Thai, Khmer and Burmese",
  };
  const what = missing.map((name) => names[name]).join(" and ");
  const how = installer();
  if (!how) {
    const packages = missing.map((name) => (name === "java" ? "openjdk-17-jre-headless" : aptPackages[name])).join(" ");
    fail(
      process.platform === "darwin"
        ? `Missing: ${what}. Install Java with: brew install openjdk@17` +
            (missing.includes("chromium") ? `; the browser tests expect Chromium at ${chromiumPath}.` : "")
        : `Missing: ${what}. Install with:\n\n  sudo apt-get install -y --no-install-recommends ${packages}`,
    );
  }
  console.log(`Installing ${what} with apt...`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  run(...withSudo(how.sudo, ["apt-get", "update", "-qq"]), { env });
  const packages = missing.map((name) =>
    // Debian 12 has 17; later releases only newer ones.
    name === "java"
      ? aptCandidate(["openjdk-17-jre-headless", "openjdk-21-jre-headless", "default-jre-headless"])
      : aptPackages[name],
  );
  run(...withSudo(how.sudo, ["apt-get", "install", "-y", "-qq", "--no-install-recommends", ...packages]), { env });
}
