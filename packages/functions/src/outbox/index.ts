import * as Outbox from "@amparo/core/outbox";

/** What Lambda hands a function on a DynamoDB stream (only the parts the outbox reads). */
export interface StreamEvent {
  Records: Outbox.StreamRecord[];
}

/**
 * The outbox sender: a Lambda function on the table's DynamoDB stream (NEW_IMAGE). It sends each new outbox
 * item once and never fails its batch (a failure is recorded on the item for the sweep), so one bad address
 * cannot hold up the stream. It reports no failed records, for the same reason.
 */
export async function handler(event: StreamEvent): Promise<{ batchItemFailures: { itemIdentifier: string }[] }> {
  await Outbox.handleStream(event.Records);
  return { batchItemFailures: [] };
}

/** The outbox sweep, run on a schedule: retries failed items with backoff and takes over stale claims. */
export async function sweep(): Promise<{ attempted: number; unfinished: number }> {
  return Outbox.sweep();
}
