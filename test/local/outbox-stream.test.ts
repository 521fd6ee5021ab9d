import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOutbox, type OutboxSender } from "../../packages/local/src/outbox.js";
import { sesStore } from "../support/applications.js";
import { staffAccount, staffRequest } from "../support/staff.js";

// The local runtime's sender reads this file's table's stream from DynamoDB Local, as the stream function does in
// AWS; nothing here runs the sweep (its interval is longer than the test).
let sender: OutboxSender;
beforeAll(async () => {
  sender = await startOutbox({ pollMs: 100, sweepMs: 600_000 });
});
afterAll(async () => {
  await sender.stop();
});

async function arrived(address: string, count: number, withinMs: number) {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const mails = await sesStore(address);
    if (mails.length >= count || Date.now() > deadline) return mails;
    await new Promise((done) => setTimeout(done, 50));
  }
}

describe("the local outbox sender", () => {
  it("sends what the table's stream brings, off the request path, once each", async () => {
    const reviewers = [
      await staffAccount(["reviewer"], ["digital-emergency"]),
      await staffAccount(["reviewer"], ["digital-emergency"]),
    ];
    const started = Date.now();
    for (const reviewer of reviewers) {
      const answer = await staffRequest("POST", "/api/v1/auth/magic-link", undefined, { email: reviewer.email });
      expect(answer.status).toBe(202);
    }
    for (const reviewer of reviewers) {
      const mails = await arrived(reviewer.email, 1, 10_000);
      expect(mails).toHaveLength(1);
      expect(mails[0]!.body.text).toMatch(/\/staff\/sign-in\/link\?token=/);
    }
    expect(Date.now() - started).toBeLessThan(10_000);
    // Nothing is sent twice, however long the reader keeps reading.
    await sender.readsDone(5);
    for (const reviewer of reviewers) expect(await sesStore(reviewer.email)).toHaveLength(1);
  });
});
