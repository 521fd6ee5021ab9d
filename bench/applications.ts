import { performance } from "node:perf_hooks";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import * as Dynamo from "@amparo/core/dynamo";
import { app as apply } from "@amparo/functions/apply/index";

const answers = {
  "applicant-type": "collective",
  country: "GT",
  "under-attack": true,
  "human-rights-work": true,
  "target-groups": ["land-environment"],
  "funded-recently": false,
};

/**
 * One request to the applicants' app, in process. With `sourceIp`, as API Gateway passes it (`hono/aws-lambda`'s
 * bindings): the address the creation limits count.
 */
export async function call(method: string, path: string, token?: string, body?: unknown, sourceIp?: string) {
  const response = await apply.request(
    path,
    {
      method,
      headers: {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    },
    sourceIp ? { event: { requestContext: { http: { sourceIp } } } } : undefined,
  );
  return response;
}

/** A distinct address per index, from a private range: one applicant each, as a real surge would be. */
export const sourceFor = (index: number, range = 10) =>
  `${range}.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`;

/** What a new application is started with. */
export const newApplication = (contact?: string) => ({
  callId: "digital-emergency",
  language: "es",
  eligibility: { answers },
  ...(contact ? { contact: { email: contact } } : {}),
});

/** One applicant's whole path: start, write, ask, submit. Returns the id, or the step that failed. */
export async function applyOnce(
  index: number,
  sourceIp = sourceFor(index),
): Promise<{ id?: string; token?: string; failed?: string }> {
  const created = await call("POST", "/api/v1/applications", undefined, newApplication(), sourceIp);
  if (created.status !== 201) return { failed: `create ${created.status}` };
  return completeAndSubmit(created, index);
}

/** Writes, asks and submits a started application (`created`: its 201 answer). */
export async function completeAndSubmit(
  created: Response,
  index: number,
): Promise<{ id?: string; token?: string; failed?: string }> {
  const { id, token } = (await created.json()) as { id: string; token: string };
  const note = await call("PUT", `/api/v1/applications/${id}/concept-note`, token, {
    fields: {
      situation: `Ataque número ${index}: nuestras cuentas fueron comprometidas y el sitio está caído.`,
      need: "Equipos nuevos y alojamiento seguro por tres meses.",
    },
  });
  if (note.status !== 200) return { failed: `concept-note ${note.status}` };
  const funding = await call("PUT", `/api/v1/applications/${id}/funding`, token, {
    amount: 1_000 + index,
    annualBudget: 0,
    months: 3,
  });
  if (funding.status !== 200) return { failed: `funding ${funding.status}` };
  const submitted = await call("POST", `/api/v1/applications/${id}/submit`, token);
  if (submitted.status !== 200) return { failed: `submit ${submitted.status}` };
  return { id, token };
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const ms = (value: number) => `${value.toFixed(2)} ms`;

/** Creates and submits `total` applications `concurrency` at a time, each from its own source, then checks every one landed. */
export async function throughput(total = 1_000, concurrency = 50) {
  const started = performance.now();
  const results: { id?: string; token?: string; failed?: string }[] = [];
  for (let offset = 0; offset < total; offset += concurrency) {
    const batch = Array.from({ length: Math.min(concurrency, total - offset) }, (_, index) =>
      applyOnce(offset + index),
    );
    results.push(
      ...(await Promise.all(batch.map((attempt) => attempt.catch((error: Error) => ({ failed: error.name }))))),
    );
  }
  const seconds = (performance.now() - started) / 1000;
  const errors = results.filter((result) => result.failed);
  let lost = 0;
  for (const result of results) {
    if (!result.id) continue;
    const read = await call("GET", `/api/v1/applications/${result.id}`, result.token);
    const body = (await read.json()) as { stage?: string };
    if (read.status !== 200 || body.stage !== "submitted") lost++;
  }
  console.log(`\nCreated and submitted ${total} applications, ${concurrency} at a time (4 requests each)`);
  console.log(`  time ${seconds.toFixed(1)} s, ${(total / seconds).toFixed(1)} applications/s`);
  console.log(
    `  errors ${errors.length}${errors.length ? ` (${[...new Set(errors.map((e) => e.failed))].join(", ")})` : ""}`,
  );
  console.log(`  lost ${lost} (read back afterwards, not in stage submitted)`);
  return { ids: results.filter((result) => result.id) as { id: string; token: string }[], errors: errors.length, lost };
}

/** p50 and p95 of reading an application through the API, against a raw GetItem of the same item. */
export async function readLatency(sample: { id: string; token: string }[], rounds = 1_000) {
  const api: number[] = [];
  const raw: number[] = [];
  const client = await Dynamo.documentClient();
  for (let round = 0; round < rounds + 50; round++) {
    const { id, token } = sample[round % sample.length]!;
    let start = performance.now();
    await client.send(
      new GetCommand({ TableName: Dynamo.tableName(), Key: Dynamo.Key.application(id), ConsistentRead: true }),
    );
    const rawTime = performance.now() - start;
    start = performance.now();
    const response = await call("GET", `/api/v1/applications/${id}`, token);
    await response.arrayBuffer();
    const apiTime = performance.now() - start;
    if (round >= 50) {
      raw.push(rawTime);
      api.push(apiTime);
    }
  }
  api.sort((a, b) => a - b);
  raw.sort((a, b) => a - b);
  const p50 = { api: percentile(api, 50), raw: percentile(raw, 50) };
  const p95 = { api: percentile(api, 95), raw: percentile(raw, 95) };
  console.log(
    `\nGET /api/v1/applications/{id} (in-process, decrypting) against a raw consistent GetItem, ${rounds} reads each`,
  );
  console.log(`  p50  API ${ms(p50.api)}  raw ${ms(p50.raw)}  ratio ${(p50.api / p50.raw).toFixed(2)}x`);
  console.log(`  p95  API ${ms(p95.api)}  raw ${ms(p95.raw)}  ratio ${(p95.api / p95.raw).toFixed(2)}x`);
  console.log("  goal: at most 2x");
  return { p50, p95 };
}
