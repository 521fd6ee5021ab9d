// `npm test` on a fresh clone: install what is missing (scripts/setup.mjs), then type check, lint, and run
// every test. Arguments after `--` go to vitest (`npm test -- test/pages`); `--clean-install` reinstalls the
// npm dependencies first whatever node_modules holds (CI does, through .ci/run).
import { join } from "node:path";
import { checkNode, ensureDependencies, ensureSystemPackages, npm, root, run } from "./setup.mjs";

const args = process.argv.slice(2);
const clean = args.includes("--clean-install");
const vitestArgs = args.filter((arg) => arg !== "--clean-install");

checkNode();
ensureSystemPackages({ chromium: true });
ensureDependencies({ clean });

run(npm, ["run", "--silent", "typecheck"]);
run(npm, ["run", "--silent", "lint"]);
// The SDK warns that Node 20 support ends in 2027; the README says so once instead. Nothing is printed after
// vitest, so its summary line ("N passed, N failed") stays the last one.
run(join(root, "node_modules", ".bin", "vitest"), ["run", ...vitestArgs], {
  env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
});
