// `npm test` on a fresh clone: install what is missing (scripts/setup.mjs), move onto the project's Node 22, then
// type check, lint, and run every test. Arguments after `--` go to vitest (`npm test -- --project unit`,
// `npm test -- test/pages`) and run only those tests, without the type check and lint; `--clean-install`
// reinstalls the npm dependencies first whatever node_modules holds (CI does, through .ci/run).
import { join } from "node:path";
import {
  checkNode,
  ensureDependencies,
  ensureSystemPackages,
  isReexecuted,
  npm,
  projectEnv,
  reexecOnProjectNode,
  root,
  run,
  runTogether,
} from "./setup.mjs";

const args = process.argv.slice(2);
const clean = args.includes("--clean-install");
const vitestArgs = args.filter((arg) => arg !== "--clean-install");
const projects = vitestArgs.flatMap((arg, index) =>
  arg.startsWith("--project=") ? [arg.slice("--project=".length)] : arg === "--project" ? [vitestArgs[index + 1]] : [],
);
// The unit layer needs neither Java nor Chromium.
const onlyUnit = projects.length > 0 && projects.every((name) => name === "unit");

checkNode();
if (!onlyUnit) ensureSystemPackages({ chromium: true });
// The run on the project's Node must not reinstall what the first run just installed.
ensureDependencies({ clean: clean && !isReexecuted() });
await reexecOnProjectNode();

console.log(`node ${process.version} (the project's own, node_modules/.bin/node)`);
const env = projectEnv();
if (vitestArgs.length === 0) {
  await runTogether(
    [
      [npm, ["run", "--silent", "typecheck"]],
      [npm, ["run", "--silent", "lint"]],
    ],
    { env },
  );
}
// Nothing is printed after vitest, so its summary line ("N passed, N failed") stays the last one.
run(join(root, "node_modules", ".bin", "vitest"), ["run", ...vitestArgs], { env });
