// `npm start` on a fresh clone: install what is missing, then run the local platform (packages/local).
// Plain Node with no dependencies, because it runs before anything is installed.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const [major] = process.versions.node.split(".").map(Number);
if (major < 20) {
  console.error(`Amparo needs Node.js 20 or newer; this is ${process.version}.`);
  process.exit(1);
}

if (!existsSync(join(root, "node_modules", "tsx")) || !existsSync(join(root, "node_modules", "@amparo", "core"))) {
  const command = existsSync(join(root, "package-lock.json")) ? "ci" : "install";
  console.log(`Installing dependencies (npm ${command})...`);
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const installed = spawnSync(npm, [command, "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" });
  if (installed.status !== 0) process.exit(installed.status ?? 1);
}

const child = spawn(process.execPath, ["--import", "tsx", join(root, "packages/local/src/start.ts")], {
  cwd: root,
  stdio: "inherit",
  // The SDK warns that Node 20 support ends in 2027; the README says so once instead of on every start.
  env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", ...process.env },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
