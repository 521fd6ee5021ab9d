import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import * as Seed from "@amparo/core/seed";
import { app as staff } from "@amparo/functions/staff/index";

async function requestLink(email: string): Promise<number> {
  const started = performance.now();
  const response = await staff.request("/api/v1/auth/magic-link", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email }),
  });
  await response.arrayBuffer();
  const elapsed = performance.now() - started;
  if (response.status !== 202) throw new Error(`magic-link answered ${response.status}`);
  return elapsed;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/**
 * How long a sign-in link request takes for a known staff address and for an unknown one, interleaved in random
 * order so both see the same load. The goal is a ratio of at most 1.1: the answer must not tell them apart.
 * Known addresses are past their email limit after a few requests, which is the point: the work stays the same.
 */
export async function signInTiming(pairs = 300, warmUp = 20): Promise<{ known: number; unknown: number }> {
  const staffAddresses = Seed.users.map((user) => user.email);
  const known: number[] = [];
  const unknown: number[] = [];
  for (let index = 0; index < warmUp + pairs; index++) {
    const knownAddress = staffAddresses[index % staffAddresses.length]!;
    const unknownAddress = `nobody-${randomUUID().slice(0, 8)}@amparo.local`;
    const knownFirst = Math.random() < 0.5;
    const first = await requestLink(knownFirst ? knownAddress : unknownAddress);
    const second = await requestLink(knownFirst ? unknownAddress : knownAddress);
    if (index < warmUp) continue;
    known.push(knownFirst ? first : second);
    unknown.push(knownFirst ? second : first);
  }
  const result = { known: median(known), unknown: median(unknown) };
  const ratio = Math.max(result.known, result.unknown) / Math.min(result.known, result.unknown);
  console.log(`\nSign-in link requests, ${pairs} of each interleaved (median answer time)\n`);
  console.log(`  known staff address   ${result.known.toFixed(2)} ms`);
  console.log(`  unknown address       ${result.unknown.toFixed(2)} ms`);
  console.log(`  ratio (slower/faster) ${ratio.toFixed(3)}x  (goal: at most 1.1x)`);
  return result;
}
