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

/** What Lambda hands a function subscribed to an SNS topic (only the parts read here). */
export interface SnsEvent {
  Records: { Sns: { Message: string } }[];
}

/**
 * SES's bounce and complaint notifications, through the SNS topic of the configuration set: each permanent
 * bounce or complaint marks its addresses as failing, so the outbox stops writing to them. A message that is
 * not JSON or not such a notification is skipped rather than thrown, since a retry could not make it readable.
 */
export async function recordFailures(event: SnsEvent): Promise<{ marked: number }> {
  let marked = 0;
  for (const record of event.Records) {
    let message: unknown;
    try {
      message = JSON.parse(record.Sns.Message);
    } catch {
      continue;
    }
    marked += await Outbox.recordSesNotification(message);
  }
  return { marked };
}
