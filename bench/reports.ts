import { performance } from "node:perf_hooks";
import * as Application from "@amparo/core/application";
import * as Call from "@amparo/core/call";
import * as Dynamo from "@amparo/core/dynamo";
import { Counter, snapshotDue } from "@amparo/core/report";
import * as Session from "@amparo/core/session";
import * as Stage from "@amparo/core/stage";
import * as Account from "@amparo/core/account";
import { app as report } from "@amparo/functions/report/index";
import { sourceFor } from "./applications.js";
// The counters' own writer, as `stage` calls it: for the fallback that drives counter writes directly.
import { monthOf, update } from "@amparo/core/report";

/** A call of the bench's own (the emergency fund's copy), so its hourly creation limit is this bench's alone. */
const callId = "bench-report-fund";
const countries = ["GT", "MX", "CO", "HN", "PE", "BR", "PH", "ID"];
const groups = ["land-environment", "journalists", "women", "indigenous"];

const answers = (index: number) => ({
  "applicant-type": "collective",
  country: countries[index % countries.length],
  "under-attack": true,
  "human-rights-work": true,
  "target-groups": [groups[index % groups.length]],
  "funded-recently": false,
});

/** Over this, the rest of a size is made by counter writes instead of real applications. */
const realBudgetSeconds = 180;
/** Real applications stay under the call's hourly creation limit (`LIMIT_CALL_PER_HOUR`, 5,000 by default). */
const realCap = 4_000;

/**
 * Reads what DynamoDB says each read consumed. The SDK middleware asks for `ReturnConsumedCapacity: TOTAL` on
 * every command while `on` and sums the read units of what comes back; DynamoDB Local answers it as DynamoDB
 * does. Added once, on the one document client every core helper (`queryCollection` and the rest) uses.
 */
const meter = { on: false, units: 0 };
const readCommands = /^(Get|BatchGet|TransactGet|Query|Scan)/;
let metered = false;
async function installMeter() {
  if (metered) return;
  metered = true;
  (await Dynamo.documentClient()).middlewareStack.add(
    (next, context) => async (args) => {
      const reading = meter.on && readCommands.test(context.commandName ?? "");
      const input = args.input as { ReturnConsumedCapacity?: string };
      if (reading) input.ReturnConsumedCapacity = "TOTAL";
      const result = await next(args);
      if (reading) {
        const consumed = (result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity;
        for (const entry of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) {
          meter.units += (entry as { CapacityUnits?: number }).CapacityUnits ?? 0;
        }
      }
      return result;
    },
    { step: "initialize", name: "benchConsumedCapacity" },
  );
}

/** One real application through core: started, written, submitted; the counters move in `stage`'s commit. */
async function realApplication(index: number): Promise<void> {
  // One applicant per address, as a real surge would be (each source has an hourly limit of its own).
  const { id } = await Application.create(
    { callId, language: "es", eligibility: { answers: answers(index) } },
    sourceFor(index, 11),
  );
  let app = (await Application.fromID(id))!;
  await Application.saveConceptNote(app, {
    fields: {
      situation: `Ataque ${index}: nuestras cuentas fueron comprometidas y el sitio está caído.`,
      need: "Equipos nuevos y alojamiento seguro por tres meses.",
    },
  });
  app = (await Application.fromID(id))!;
  await Application.setFunding(app, { amount: 1_000 + (index % 4_000), annualBudget: 0, months: 3 });
  await Stage.submit((await Application.fromID(id))!);
}

/**
 * What one submission adds to the counters, written the way `stage` writes it (the counters' `update`, in a
 * transaction, to the application's shard) but without an application: for sizes too large to create for real
 * in the time a bench may take.
 */
async function counterOnly(index: number): Promise<void> {
  const id = `bench-${index}-${Math.random().toString(36).slice(2)}`;
  const add: Record<string, number> = {
    [Counter.submitted]: 1,
    [Counter.requested("EUR")]: 1_000 + (index % 4_000),
    [Counter.requestedBy("EUR")]: 1,
    [Counter.country(countries[index % countries.length]!)]: 1,
    [Counter.targetGroup(groups[index % groups.length]!)]: 1,
  };
  await Dynamo.transact([update(callId, id, { month: monthOf(new Date().toISOString()), add })]);
}

async function inBatches(from: number, to: number, concurrency: number, make: (index: number) => Promise<void>) {
  for (let offset = from; offset < to; offset += concurrency) {
    await Promise.all(Array.from({ length: Math.min(concurrency, to - offset) }, (_, index) => make(offset + index)));
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const warmUp = 20;

/** p50 of `rounds` requests to one path of the report app, and the read units one request consumed. */
async function measure(path: string, headers: Record<string, string>, rounds: number) {
  const times: number[] = [];
  let units = 0;
  for (let round = 0; round < rounds + warmUp; round++) {
    meter.units = 0;
    meter.on = true;
    const started = performance.now();
    const response = await report.request(path, { headers });
    await response.arrayBuffer();
    const elapsed = performance.now() - started;
    meter.on = false;
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    if (round < warmUp) continue;
    times.push(elapsed);
    units = meter.units;
  }
  return { p50: median(times), units };
}

export interface ReportCost {
  applications: number;
  made: string;
  apiP50: number;
  pageP50: number;
  /** Read units of one JSON report. */
  readUnits: number;
  /** Read units of one report page (the report, and the call list its filter offers). */
  pageReadUnits: number;
}

/** The pipeline report's p50 latency (API and page) and DynamoDB read units per report, at growing numbers of
 * applications in one call (real ones while that takes a few minutes, then counter writes); goal: reads at the
 * largest size at most 1.2x those at the smallest. Why that goal holds: docs/decisions/report-snapshots.md */
export async function reportCost(sizes = [100, 10_000], rounds = 50, concurrency = 25): Promise<ReportCost[]> {
  await installMeter();
  await Call.put({ ...(await Call.get("digital-emergency")), id: callId });
  // What the hourly schedule does: freeze the year's closed periods, which every report then reads.
  await snapshotDue();
  const funder = (await Account.create({
    email: `bench-funder-${Math.random().toString(36).slice(2, 10)}@amparo.local`,
    roles: ["funder"],
    callIds: [callId],
  }))!;
  const session = await Session.start(funder, "full");
  const year = new Date().getUTCFullYear();
  const query = `callId=${callId}&year=${year}`;

  const results: ReportCost[] = [];
  let made = 0;
  let real = 0;
  let realSeconds = 0;
  for (const size of sizes) {
    // Real applications, a batch at a time, while the time spent on them stays within the budget.
    while (made < Math.min(size, realCap) && realSeconds < realBudgetSeconds) {
      const started = performance.now();
      const upTo = Math.min(size, realCap, made + concurrency * 4);
      await inBatches(made, upTo, concurrency, realApplication);
      realSeconds += (performance.now() - started) / 1000;
      real += upTo - made;
      made = upTo;
    }
    await inBatches(made, size, concurrency * 4, counterOnly);
    made = Math.max(made, size);
    const api = await measure(`/api/v1/reports/pipeline?${query}`, { Authorization: `Bearer ${session}` }, rounds);
    const page = await measure(`/staff/reports?${query}`, { Cookie: `staff_session=${session}` }, rounds);
    results.push({
      applications: size,
      made:
        real === made
          ? "real applications"
          : `${real} real applications + ${made - real} submissions as counter writes (real ones past ${realBudgetSeconds} s or ${realCap})`,
      apiP50: api.p50,
      pageP50: page.p50,
      readUnits: api.units,
      pageReadUnits: page.units,
    });
  }

  console.log(`\nPipeline report of one call, p50 of ${rounds} requests each; DynamoDB read units per report\n`);
  console.log(
    `${"applications".padStart(12)}  ${"API p50".padStart(10)}  ${"API reads".padStart(9)}  ${"page p50".padStart(10)}  ${"page reads".padStart(10)}  made as`,
  );
  for (const result of results) {
    console.log(
      `${String(result.applications).padStart(12)}  ${`${result.apiP50.toFixed(2)} ms`.padStart(10)}  ${result.readUnits.toFixed(1).padStart(9)}  ${`${result.pageP50.toFixed(2)} ms`.padStart(10)}  ${result.pageReadUnits.toFixed(1).padStart(10)}  ${result.made}`,
    );
  }
  const first = results[0]!;
  for (const result of results.slice(1)) {
    console.log(
      `  reads at ${result.applications} / reads at ${first.applications}: ` +
        `${(result.readUnits / first.readUnits).toFixed(2)}x  (goal: at most 1.2x)`,
    );
  }
  return results;
}
