// `npm start` on a fresh clone: install what is missing (scripts/setup.mjs), then run the local platform
// (packages/local). Plain Node with no dependencies, because it runs before anything is installed.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { checkNode, ensureDependencies, ensureSystemPackages, root } from "./setup.mjs";

checkNode();
ensureSystemPackages();
ensureDependencies();

const child = spawn(process.execPath, ["--import", "tsx", join(root, "packages/local/src/start.ts")], {
  cwd: root,
  stdio: "inherit",
  // The SDK warns that Node 20 support ends in 2027; the README says so once instead of on every start.
  env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", ...process.env },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
