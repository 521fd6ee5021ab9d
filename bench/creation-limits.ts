import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import * as Config from "@amparo/core/config";
import * as Outbox from "@amparo/core/outbox";
import { start } from "../packages/local/src/platform.js";
import { applyOnce, call, completeAndSubmit, ms, newApplication, percentile, sourceFor } from "./applications.js";

/** What the creation limits did, at the settings the platform runs with (the shipped defaults in `npm run bench`). */
export interface CreationLimitFigures {
  genuine: { total: number; refused: number; failed: number; seconds: number };
  flood: { sent: number; accepted: number; refused: number; confirmations: number; otherEmails: number };
  answerMs: { accepted: { p50: number; p95: number }; refused: { p50: number; p95: number } };
}

/** Everything the SES stand-in received for `address`. */
async function received(ses: string, address: string): Promise<{ body: { text?: string } }[]> {
  const { emails } = (await (await fetch(`${ses}/store`)).json()) as {
    emails: { destination: { to: string[] }; body: { text?: string } }[];
  };
  return emails.filter((email) => email.destination.to.includes(address));
}

/**
 * The creation limits at work, at the settings in force: a genuine surge (`total` applications from as many
 * sources, created and submitted at once, `concurrency` at a time: none may be refused), then one source sending
 * `flood` applications, each naming the same stranger's address (refused past the source's limit, and the
 * stranger gets one confirmation and nothing else), and the answer time of a refused start against an accepted one.
 */
export async function creationLimits(
  ses: string,
  { total = 1_000, concurrency = 50, flood = 200 } = {},
): Promise<CreationLimitFigures> {
  const config = Config.get();
  console.log(
    `\nStarting applications at LIMIT_CALL_PER_HOUR=${config.LIMIT_CALL_PER_HOUR}, ` +
      `LIMIT_SOURCE_PER_HOUR=${config.LIMIT_SOURCE_PER_HOUR} (sliding hour)`,
  );

  // A genuine surge: every applicant from a different address (100.64.0.0/10, apart from the other benches').
  const began = performance.now();
  const results: { failed?: string }[] = [];
  for (let offset = 0; offset < total; offset += concurrency) {
    const batch = Array.from({ length: Math.min(concurrency, total - offset) }, (_, index) =>
      applyOnce(offset + index, sourceFor(offset + index, 100)).catch((error: Error) => ({ failed: error.name })),
    );
    results.push(...(await Promise.all(batch)));
  }
  const seconds = (performance.now() - began) / 1000;
  const refused = results.filter((result) => result.failed === "create 429").length;
  const failed = results.filter((result) => result.failed && result.failed !== "create 429").length;
  console.log(
    `  ${total} applications from ${total} distinct sources, created and submitted in ${seconds.toFixed(1)} s: ` +
      `${total - refused - failed} accepted, ${refused} refused, ${failed} failed otherwise`,
  );

  // One source, one stranger's address on every application, each accepted one submitted at once.
  const stranger = `stranger-${Date.now()}@example.org`;
  const times = { accepted: [] as number[], refused: [] as number[] };
  let accepted = 0;
  for (let attempt = 0; attempt < flood; attempt++) {
    const sent = performance.now();
    const created = await call("POST", "/api/v1/applications", undefined, newApplication(stranger), "203.0.113.66");
    const took = performance.now() - sent;
    if (created.status === 201) {
      accepted++;
      times.accepted.push(took);
      await completeAndSubmit(created, attempt);
    } else {
      times.refused.push(took);
      await created.arrayBuffer();
    }
  }
  // Send what the outbox holds (the platform's sender does too), then read what reached the stranger.
  for (let round = 0; round < 10 && (await Outbox.sweep()).unfinished > 0; round++);
  const mails = await received(ses, stranger);
  const confirmations = mails.filter((mail) => mail.body.text?.includes("/apply/contact?token=")).length;
  const otherEmails = mails.length - confirmations;
  console.log(
    `  one source sending ${flood}, each naming the same unconfirmed address: ${accepted} accepted (and submitted), ` +
      `${flood - accepted} refused; emails to that address: ${confirmations} confirmation, ${otherEmails} other`,
  );

  const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
  const answerMs = {
    accepted: { p50: percentile(sorted(times.accepted), 50), p95: percentile(sorted(times.accepted), 95) },
    refused: times.refused.length
      ? { p50: percentile(sorted(times.refused), 50), p95: percentile(sorted(times.refused), 95) }
      : { p50: Number.NaN, p95: Number.NaN },
  };
  console.log(
    `  answer time of POST /api/v1/applications (in process): accepted p50 ${ms(answerMs.accepted.p50)} ` +
      `p95 ${ms(answerMs.accepted.p95)}; refused (429) p50 ${ms(answerMs.refused.p50)} p95 ${ms(answerMs.refused.p95)}`,
  );
  return {
    genuine: { total, refused, failed, seconds },
    flood: { sent: flood, accepted, refused: flood - accepted, confirmations, otherEmails },
    answerMs,
  };
}

/**
 * Run alone (`npx tsx bench/creation-limits.ts`): on a fresh platform at the shipped limits. Exits non-zero when a
 * genuine application is refused, the flood is not refused, or the stranger gets more than the one confirmation.
 */
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const platform = await start({ port: 0 });
  try {
    const figures = await creationLimits(platform.endpoints.ses);
    if (!creationLimitsHeld(figures)) process.exitCode = 1;
  } finally {
    await platform.stop();
  }
}

/** Whether the figures are what the limits promise. */
export function creationLimitsHeld(figures: CreationLimitFigures): boolean {
  return (
    figures.genuine.refused === 0 &&
    figures.genuine.failed === 0 &&
    figures.flood.refused > 0 &&
    figures.flood.confirmations <= 1 &&
    figures.flood.otherEmails === 0
  );
}
