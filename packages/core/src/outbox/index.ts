// The outbox folder's public face: queueing emails (queue.ts), sending them (send.ts), the sweep that retries
// (sweep.ts) and the addresses never written to again (failing.ts). Only re-exports, so that those modules
// never import their folder back.

/**
 * The email outbox. A change that causes an email writes it here, in the same transaction as the change, so
 * the request never waits on SES or fails because of it, and no email is lost. A sender off the request path
 * (a function on the table's stream in AWS, the local runtime's stream reader locally) sends each item once:
 * it claims the item with a conditional write before calling SES and marks it sent after. A failure is
 * recorded on the item and retried later by the sweep, with backoff, up to `maxAttempts`.
 */
export { Status } from "./stored.js";
export { item, keyHashOf, toStaff, type Email } from "./queue.js";
export { claimSeconds, deliver, handleStream, maxAttempts, type Outcome, type StreamRecord } from "./send.js";
export { sweep } from "./sweep.js";
export { FailingReason, isFailing, markFailing, recordSesNotification, SesNotification } from "./failing.js";
