import { start } from "../packages/local/src/platform.js";
import { readLatency, throughput } from "./applications.js";
import { printBundles } from "./bundles-table.js";
import { measureBundles } from "./bundles.js";
import { creationLimits, creationLimitsHeld } from "./creation-limits.js";
import { contractFuzz } from "./fuzz.js";
import { pageBudgetBytes, sentBudgetBytes } from "../packages/functions/src/shared/page-budget.js";
import { weighPages } from "./page-weight.js";
import { reportCost } from "./reports.js";
import { signInTiming } from "./sign-in-timing.js";

/**
 * `npm run bench`: starts the platform on fresh in-memory stand-ins and prints figures. It asserts
 * nothing about request time; it exits non-zero only when a page breaks the weight budget or loads from elsewhere,
 * when a Lambda bundle is over 300 KB zipped or starts cold more than 3 times slower than a bare Hono handler,
 * when an application is lost or fails, when a genuine surge is refused or a flood is not (or mails a stranger
 * more than one confirmation), or when the contract fuzzer finds a 5xx, a refusal in the wrong form,
 * or a refusal that changed stored data.
 */
async function main() {
  const platform = await start({ port: 0 });
  let failed = false;
  try {
    console.log(
      "\nApplicant pages, JavaScript off, nothing cached: bytes of HTML + CSS, as shown and as sent (compressed), " +
        "requests to other origins\n",
    );
    const weights = await weighPages(platform.url);
    const nameWidth = Math.max(...weights.map((weight) => weight.name.length));
    console.log(
      `${"lang".padEnd(5)}${"page".padEnd(nameWidth + 2)}${"bytes".padStart(8)}  ${"sent".padStart(8)}  ${"other origins".padStart(13)}  budget`,
    );
    for (const weight of weights) {
      const ok = weight.bytes <= pageBudgetBytes && weight.sentBytes <= sentBudgetBytes && weight.otherOrigins === 0;
      failed ||= !ok;
      console.log(
        `${weight.lang.padEnd(5)}${weight.name.padEnd(nameWidth + 2)}${String(weight.bytes).padStart(8)}  ${String(weight.sentBytes).padStart(8)}  ${String(weight.otherOrigins).padStart(13)}  ${ok ? "ok" : "OVER"}`,
      );
    }
    const largest = weights.reduce((max, weight) => (weight.bytes > max.bytes ? weight : max));
    const largestSent = weights.reduce((max, weight) => (weight.sentBytes > max.sentBytes ? weight : max));
    console.log(
      `\nLargest: ${largest.name} (${largest.lang}) ${largest.bytes} bytes of ${pageBudgetBytes}; ` +
        `largest sent: ${largestSent.name} (${largestSent.lang}) ${largestSent.sentBytes} bytes of ${sentBudgetBytes}; ` +
        `requests to other origins in all: ${weights.reduce((sum, weight) => sum + weight.otherOrigins, 0)}`,
    );

    // Each function's bundle as CDK deploys it: its size, and its cold start against a bare Hono handler.
    // Each measure runs whatever came before it: `failed ||= <a call>` would skip the call once anything failed.
    const bundlesWithinGoals = printBundles(await measureBundles());
    failed ||= !bundlesWithinGoals;

    const { ids, errors, lost } = await throughput(1_000, 50);
    failed ||= errors > 0 || lost > 0;
    await readLatency(ids.slice(0, 100), 1_000);
    const limitsHeld = creationLimitsHeld(await creationLimits(platform.endpoints.ses));
    failed ||= !limitsHeld;
    const fuzzed = await contractFuzz(10_000);
    failed ||= fuzzed.serverErrors + fuzzed.notProblem + fuzzed.pageNotHtml + fuzzed.changedOnRejection > 0;
    await signInTiming(300);
    // 100,000 applications take a while even as counter writes: only when asked (`npm run bench -- --report-100k`).
    await reportCost(process.argv.includes("--report-100k") ? [100, 10_000, 100_000] : [100, 10_000]);
    console.log("");
  } finally {
    await platform.stop();
  }
  if (failed) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
