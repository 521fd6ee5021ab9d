import { setTimeout as sleep } from "node:timers/promises";
import { DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from "@aws-sdk/client-dynamodb-streams";
import * as Config from "@amparo/core/config";
import * as Dynamo from "@amparo/core/dynamo";
import { logger } from "@amparo/core/log";
import * as Outbox from "@amparo/core/outbox";

export interface OutboxOptions {
  /** How often the stream is read. */
  pollMs?: number;
  /** How often the sweep retries what failed. */
  sweepMs?: number;
}

export interface OutboxSender {
  /** Resolves once the stream has been read to its end `count` more times: what was there then is handled. */
  readsDone(count: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The local outbox sender: reads the table's stream from DynamoDB Local, as the stream function does in AWS, and
 * hands the records to the same core function (`Outbox.handleStream`); runs the sweep on an interval, as the
 * schedule does in AWS. Every shard is read from its start, so nothing written while the runtime was down is
 * missed (items already sent are skipped).
 */
export async function startOutbox(options: OutboxOptions = {}): Promise<OutboxSender> {
  const pollMs = options.pollMs ?? 250;
  const sweepMs = options.sweepMs ?? 30_000;
  const config = Config.get();
  const streams = new DynamoDBStreamsClient({
    region: config.AWS_REGION,
    ...(config.DYNAMODB_ENDPOINT
      ? { endpoint: config.DYNAMODB_ENDPOINT, credentials: { accessKeyId: "local", secretAccessKey: "local" } }
      : {}),
  });
  const tables = await Dynamo.documentClient();
  const { Table } = await tables.send(new DescribeTableCommand({ TableName: Dynamo.tableName() }));
  const streamArn = Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`table ${Dynamo.tableName()} has no stream: the outbox needs one`);

  /** Open iterators by shard; a shard read to its end is remembered as done. */
  const iterators = new Map<string, string>();
  const done = new Set<string>();

  async function discoverShards(): Promise<void> {
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of StreamDescription?.Shards ?? []) {
      const shardId = shard.ShardId;
      if (!shardId || iterators.has(shardId) || done.has(shardId)) continue;
      const { ShardIterator } = await streams.send(
        new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: "TRIM_HORIZON" }),
      );
      if (ShardIterator) iterators.set(shardId, ShardIterator);
    }
  }

  /** Completed reads so far, and who waits for a number of them. */
  let reads = 0;
  const waiting: { at: number; done: () => void }[] = [];

  async function poll(): Promise<void> {
    await discoverShards();
    for (const [shardId, iterator] of iterators) {
      const { Records, NextShardIterator } = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
      if (Records && Records.length > 0) await Outbox.handleStream(Records);
      if (NextShardIterator) iterators.set(shardId, NextShardIterator);
      else {
        iterators.delete(shardId);
        done.add(shardId);
      }
    }
    reads++;
    for (const waiter of waiting.filter((entry) => entry.at <= reads)) {
      waiting.splice(waiting.indexOf(waiter), 1);
      waiter.done();
    }
  }

  const stopped = new AbortController();
  const safely = (what: string, step: () => Promise<unknown>) => async () => {
    try {
      await step();
    } catch (error) {
      if (!stopped.signal.aborted) {
        logger.error(`outbox ${what} failed`, { error: error instanceof Error ? error.name : "Error" });
      }
    }
  };
  // One loop each, never overlapping itself: the next round starts after the previous one ends.
  const loop = async (step: () => Promise<void>, everyMs: number) => {
    while (!stopped.signal.aborted) {
      await step();
      await sleep(everyMs, undefined, { signal: stopped.signal }).catch(() => undefined);
    }
  };
  const running = Promise.all([
    loop(safely("stream read", poll), pollMs),
    loop(
      safely("sweep", () => Outbox.sweep()),
      sweepMs,
    ),
  ]);
  return {
    readsDone: (count) => new Promise((done) => waiting.push({ at: reads + count, done })),
    stop: async () => {
      stopped.abort();
      await running;
      streams.destroy();
    },
  };
}
