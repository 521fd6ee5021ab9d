import { performance } from "node:perf_hooks";
import * as Config from "@amparo/core/config";
import * as Dynamo from "@amparo/core/dynamo";
import * as Seed from "@amparo/core/seed";
import * as Session from "@amparo/core/session";
import * as Account from "@amparo/core/account";
import * as User from "@amparo/core/user";
import { ensureTable } from "../packages/local/src/provision.js";
import { callers, describeFinding, prepare } from "../test/fuzz/fuzzer.js";

/**
 * The contract fuzzer at length: `total` hostile requests to every API operation and page form, as every
 * kind of caller, each checked for a 5xx, a refusal that is not a problem (or not a page), and a refusal that
 * changed stored data. Another seed than the test's, so the two together cover more. Needs the platform
 * started (bench/run.ts does it).
 */
export async function contractFuzz(total = 10_000, seed = 8_012_026) {
  // A table of its own, freshly seeded: every request scans the table twice over, and the benches before
  // this one leave thousands of applications in the platform's.
  const platformTable = Config.get().TABLE_NAME;
  Config.set({ TABLE_NAME: `amparo-fuzz-${Date.now()}` });
  Dynamo.reset();
  try {
    await ensureTable();
    await Seed.run();
    return await fuzz(total, seed);
  } finally {
    Config.set({ TABLE_NAME: platformTable });
    Dynamo.reset();
  }
}

async function fuzz(total: number, seed: number) {
  const fuzzer = await prepare({
    staffAccount: async (roles, callIds) => {
      const email = `fuzz-${roles.join("-")}-${Math.random().toString(36).slice(2, 10)}@staff.example.org`;
      return (await Account.create({ email, roles, callIds }))!;
    },
    // Sign-in by email is the tests' subject; the bench starts full sessions in core.
    signIn: async (email) => Session.start((await User.fromEmail(email))!, "full"),
  });
  const started = performance.now();
  const totals = await fuzzer.run({ runs: total, seed });
  const seconds = (performance.now() - started) / 1000;
  const apiTargets = fuzzer.targets.filter((target) => target.kind === "api").length;
  console.log(
    `\nContract fuzzing: ${apiTargets} API operations and ${fuzzer.targets.length - apiTargets} page forms and ` +
      `pages, ${callers.length} kinds of caller, seed ${seed}`,
  );
  console.log(`  requests sent ${totals.sent} in ${seconds.toFixed(1)} s, ${(totals.sent / seconds).toFixed(1)}/s`);
  console.log(
    `  answers ${Object.entries(totals.byStatus)
      .map(([status, count]) => `${status}: ${count}`)
      .join(", ")}`,
  );
  console.log(`  5xx answers ${totals.serverErrors} (goal 0)`);
  console.log(`  API refusals that are not problem+json ${totals.notProblem} (goal 0)`);
  console.log(`  page refusals that are not HTML pages ${totals.pageNotHtml} (goal 0)`);
  console.log(`  refused requests that changed stored data ${totals.changedOnRejection} (goal 0)`);
  for (const finding of totals.findings) console.log(`  ${describeFinding(finding).replace(/\n/g, "\n  ")}`);
  return totals;
}
