// `npm start` on a fresh clone: install what is missing (scripts/setup.mjs), move onto the project's Node 22, then
// run the local platform (packages/local). Plain Node with no dependencies, because it runs before anything is
// installed.
import { spawn } from "node:child_process";
import { join } from "node:path";
import {
  checkNode,
  ensureDependencies,
  ensureSystemPackages,
  projectEnv,
  reexecOnProjectNode,
  root,
} from "./setup.mjs";

checkNode();
ensureSystemPackages();
ensureDependencies();
await reexecOnProjectNode();

const child = spawn(process.execPath, ["--import", "tsx", join(root, "packages/local/src/start.ts")], {
  cwd: root,
  stdio: "inherit",
  env: projectEnv(),
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
