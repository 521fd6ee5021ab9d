import { start } from "../packages/local/src/platform.js";
import { readLatency, throughput } from "./applications.js";
import { contractFuzz } from "./fuzz.js";
import { weighPages } from "./page-weight.js";
import { reportCost } from "./reports.js";
import { signInTiming } from "./sign-in-timing.js";

/** Page budget for slow connections: HTML and CSS of any applicant page together. */
const pageBudgetBytes = 32 * 1024;

/**
 * `npm run bench`: starts the platform on fresh in-memory stand-ins and prints figures. It asserts
 * nothing about time; it exits non-zero only when a page breaks the weight budget or loads from elsewhere,
 * when an application is lost or fails, or when the contract fuzzer finds a 5xx, a refusal in the wrong form,
 * or a refusal that changed stored data.
 */
async function main() {
  const platform = await start({ port: 0 });
  let failed = false;
  try {
    console.log("\nApplicant pages, JavaScript off, nothing cached: bytes of HTML + CSS, requests to other origins\n");
    const weights = await weighPages(platform.url);
    const nameWidth = Math.max(...weights.map((weight) => weight.name.length));
    console.log(
      `${"lang".padEnd(5)}${"page".padEnd(nameWidth + 2)}${"bytes".padStart(8)}  ${"other origins".padStart(13)}  budget`,
    );
    for (const weight of weights) {
      const ok = weight.bytes <= pageBudgetBytes && weight.otherOrigins === 0;
      failed ||= !ok;
      console.log(
        `${weight.lang.padEnd(5)}${weight.name.padEnd(nameWidth + 2)}${String(weight.bytes).padStart(8)}  ${String(weight.otherOrigins).padStart(13)}  ${ok ? "ok" : "OVER"}`,
      );
    }
    const largest = weights.reduce((max, weight) => (weight.bytes > max.bytes ? weight : max));
    console.log(
      `\nLargest: ${largest.name} (${largest.lang}) ${largest.bytes} bytes of ${pageBudgetBytes}; ` +
        `requests to other origins in all: ${weights.reduce((sum, weight) => sum + weight.otherOrigins, 0)}`,
    );

    const { ids, errors, lost } = await throughput(1_000, 50);
    failed ||= errors > 0 || lost > 0;
    await readLatency(ids.slice(0, 100), 1_000);
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
