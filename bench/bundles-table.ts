// The bench's table of the Lambda bundles (bundles.ts measures them).
import type { BundleRow } from "./bundles.js";

/** The largest zipped bundle a function may ship: what a cold start loads (the files beside it are weighed apart). */
export const zipBudgetBytes = 300 * 1024;
/** The slowest a cold start may be, as a multiple of a bare Hono handler's in the same run. */
export const coldStartBudgetRatio = 3;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** Prints the table; true when every bundle is within both goals. */
export function printBundles(rows: BundleRow[]): boolean {
  console.log(
    `\nLambda bundles, as CDK builds them (esbuild, ESM, minified, one file, the AWS SDK left to the runtime): ` +
      `size, and cold start against a bare Hono handler\n(median of runs alternating with it; cold start: a ` +
      `fresh Node process, from its start to its answer to one event; load ratio: the import and the answer ` +
      `alone, without Node's boot; cpu ratio: processor time of the same)\n`,
  );
  const nameWidth = Math.max(...rows.map((row) => row.name.length));
  const whatWidth = Math.max(...rows.map((row) => row.what.length));
  console.log(
    `${"function".padEnd(nameWidth + 2)}${"minified".padStart(10)}${"zipped".padStart(10)}${"beside".padStart(10)}${"cold ms".padStart(9)}` +
      `${"bare ms".padStart(9)}${"ratio".padStart(7)}${"load ratio".padStart(12)}${"cpu ratio".padStart(11)}  ${"answer".padEnd(7)}${"cold start does".padEnd(whatWidth + 2)}goals`,
  );
  let ok = true;
  for (const row of rows) {
    const within = row.zippedBytes <= zipBudgetBytes && row.ratio <= coldStartBudgetRatio;
    ok &&= within;
    console.log(
      `${row.name.padEnd(nameWidth + 2)}${kb(row.minifiedBytes).padStart(10)}${kb(row.zippedBytes).padStart(10)}` +
        `${kb(row.besideZippedBytes).padStart(10)}` +
        `${row.coldMs.toFixed(0).padStart(9)}${row.baselineMs.toFixed(0).padStart(9)}${row.ratio.toFixed(2).padStart(7)}` +
        `${row.loadRatio.toFixed(2).padStart(12)}` +
        `${row.cpuRatio.toFixed(2).padStart(11)}  ` +
        `${row.status.padEnd(7)}${row.what.padEnd(whatWidth + 2)}${within ? "ok" : "OVER"}`,
    );
  }
  console.log(
    `\nGoals: a bundle of at most ${kb(zipBudgetBytes)} zipped (${zipBudgetBytes} bytes), a cold start at most ` +
      `${coldStartBudgetRatio}x the bare handler's. "beside": the catalogs of every language but English, zipped, uploaded ` +
      `with each bundle and read only when a page or email first needs one. Largest parts of each bundle (bytes in ` +
      `the output):`,
  );
  for (const row of rows) {
    console.log(
      `  ${row.name.padEnd(nameWidth + 2)}${row.largest.map(([part, bytes]) => `${part} ${kb(bytes)}`).join(", ")}`,
    );
  }
  return ok;
}
