import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import * as Clock from "@amparo/core/clock";
import * as Config from "@amparo/core/config";
import * as Dynamo from "@amparo/core/dynamo";
import * as Mail from "@amparo/core/mail";
import * as Outbox from "@amparo/core/outbox";
import type * as User from "@amparo/core/user";
import {
  applicantRequest,
  confirmContact,
  deliverOutbox,
  inbox,
  sesStore,
  startApplication,
  uniqueEmail,
} from "../support/applications.js";
import { recordFailures, type SnsEvent } from "../../packages/functions/src/outbox/index.js";
import { everyItem } from "../support/http.js";
import { startSesProxy, type SesProxy } from "../support/ses-proxy.js";
import { signIn, staffAccount, staffRequest } from "../support/staff.js";

// This file's SES is a proxy in front of the stand-in that refuses on demand.
let proxy: SesProxy;
let coordinator: { session: string; user: User.Info };

beforeAll(async () => {
  proxy = await startSesProxy(inject("endpoints").ses);
  Config.set({ SES_ENDPOINT: proxy.url });
  Mail.reset();
  coordinator = await signIn((await staffAccount(["coordinator"], ["digital-emergency"])).email);
}, 60_000);

afterAll(async () => {
  await proxy.close();
});

const outboxItems = async () =>
  (await everyItem()).filter((item) => String(item[Dynamo.keys.partition]).startsWith(Dynamo.outboxPrefix));

/** Writes one outbox item the way a change does, in a transaction of its own. */
async function queued(to: string | undefined, key = `test:${crypto.randomUUID()}`): Promise<string> {
  await Dynamo.transact([await Outbox.item(key, { to, locale: "en", body: "mail.staff_update_body" })]);
  return Outbox.keyHashOf(key);
}

const stored = async (keyHash: string) => (await Dynamo.get(Dynamo.Key.outbox(keyHash)))!;

const review = (path: string, body: unknown) =>
  staffRequest("POST", `/api/v1/review/applications${path}`, coordinator.session, body);

describe("the email outbox", () => {
  it("keeps SES out of the request: while SES refuses, sign-in, submission, assignment and a decision all answer 2xx, and after the sweep every email arrives once", async () => {
    const reviewer = await staffAccount(["reviewer"], ["digital-emergency"]);
    const applicant = uniqueEmail();
    const { id, token } = await startApplication("digital-emergency", { contact: { email: applicant } });
    await confirmContact(applicant);
    await applicantRequest("PUT", `/api/v1/applications/${id}/concept-note`, token, {
      fields: { situation: "Our accounts were taken over.", need: "Two new phones." },
    });
    await applicantRequest("PUT", `/api/v1/applications/${id}/funding`, token, {
      amount: 2_000,
      annualBudget: 0,
      months: 2,
    });

    proxy.refusing = true;
    const refusedBefore = proxy.refused;
    const statuses: number[] = [];
    statuses.push((await staffRequest("POST", "/api/v1/auth/magic-link", undefined, { email: reviewer.email })).status);
    statuses.push((await applicantRequest("POST", `/api/v1/applications/${id}/submit`, token)).status);
    statuses.push((await review(`/${id}/assign`, { reviewerIds: [reviewer.id] })).status);
    statuses.push((await review(`/${id}/transition`, { to: "in_review", version: 4 })).status);
    statuses.push((await review(`/${id}/transition`, { to: "approved", version: 5, amount: 2_000 })).status);
    expect(statuses.map((status) => Math.floor(status / 100))).toEqual([2, 2, 2, 2, 2]);

    // The sender runs (as the stream would) and SES refuses: each failure is recorded on its item.
    await Outbox.sweep();
    expect(proxy.refused).toBeGreaterThan(refusedBefore);
    const failing = (await outboxItems()).filter((item) => item["status"] === "pending");
    expect(failing).toHaveLength(4); // the link, the submission, the assignment, the decision
    for (const item of failing) {
      expect(item["attempts"]).toBe(1);
      expect(item["lastError"]).toMatch(/^[A-Za-z]+ \((500|400)\)$/);
    }
    expect(JSON.stringify(failing)).not.toContain(applicant);
    expect(JSON.stringify(failing)).not.toContain(reviewer.email);
    expect(await sesStore(applicant)).toHaveLength(1); // the confirmation, sent before SES refused

    // SES recovers; the sweep retries with backoff until everything is sent, once.
    proxy.refusing = false;
    expect(await deliverOutbox()).toEqual({ unfinished: 0 });
    expect(await inbox(applicant)).toHaveLength(3); // the confirmation (before SES refused), submitted, decided
    const reviewerMails = await inbox(reviewer.email);
    expect(reviewerMails).toHaveLength(2); // the sign-in link, the assignment
    expect(reviewerMails.map((mail) => mail.subject).sort()).toEqual(["New assignment", "Sign-in link"]);
    // The link sent late still works.
    const linkToken = reviewerMails
      .map((mail) => /\/staff\/sign-in\/link\?token=([A-Za-z0-9_-]{43})/.exec(mail.body.text ?? "")?.[1])
      .find(Boolean);
    expect((await staffRequest("POST", "/api/v1/auth/verify", undefined, { token: linkToken })).status).toBe(200);
    // Sent items keep no recipient.
    const done = (await outboxItems()).filter((item) => item["status"] === "sent");
    expect(done.every((item) => item["sealed"] === undefined && item[Dynamo.keys.gsi1.partition] === undefined)).toBe(
      true,
    );
    await deliverOutbox();
    expect(await inbox(applicant)).toHaveLength(3);
    expect(await inbox(reviewer.email)).toHaveLength(2);
  });

  it("never fails the stream's batch: a refused email is recorded on its item, and the next one is still sent", async () => {
    const refused = uniqueEmail();
    const fine = uniqueEmail();
    const first = await queued(refused);
    const second = await queued(fine);
    const record = (keyHash: string) => ({
      eventName: "INSERT",
      dynamodb: { Keys: { pk: { S: Dynamo.Key.outbox(keyHash).pk }, sk: { S: "OUTBOX" } } },
    });
    proxy.refusing = true;
    await expect(Outbox.handleStream([record(first)])).resolves.toBeUndefined();
    proxy.refusing = false;
    await expect(Outbox.handleStream([record(second)])).resolves.toBeUndefined();
    expect(await stored(first)).toMatchObject({ status: "pending", attempts: 1 });
    expect(((await stored(first))["nextAttemptAt"] as string) > Clock.iso()).toBe(true);
    expect(await stored(second)).toMatchObject({ status: "sent" });
    expect(await sesStore(fine)).toHaveLength(1);
    await deliverOutbox();
    expect(await sesStore(refused)).toHaveLength(1);
  });

  it("gives up on an email after a bounded number of tries, records it, and never tries it again", async () => {
    const to = uniqueEmail();
    const keyHash = await queued(to);
    proxy.refusing = true;
    for (let attempt = 0; attempt < Outbox.maxAttempts; attempt++) {
      Clock.advance(2 * 3_600_000);
      await Outbox.sweep();
    }
    const item = await stored(keyHash);
    expect(item).toMatchObject({ status: "failed", attempts: Outbox.maxAttempts });
    expect(item["sealed"]).toBeUndefined();
    const refused = proxy.refused;
    proxy.refusing = false;
    Clock.advance(30 * 86_400_000);
    await Outbox.sweep();
    expect(proxy.refused).toBe(refused);
    expect(await sesStore(to)).toEqual([]);
  });

  it("sends an email once when two senders take it at the same moment", async () => {
    const to = uniqueEmail();
    const keyHash = await queued(to);
    const outcomes = await Promise.all([Outbox.deliver(keyHash), Outbox.deliver(keyHash), Outbox.deliver(keyHash)]);
    expect(outcomes.filter((outcome) => outcome === "sent")).toHaveLength(1);
    expect(await sesStore(to)).toHaveLength(1);
  });

  it("takes over the claim of a sender that crashed before marking its email sent", async () => {
    const to = uniqueEmail();
    const keyHash = await queued(to);
    await Dynamo.update(Dynamo.Key.outbox(keyHash), { set: { status: "sending", claimedAt: Clock.iso() } });
    // The sender crashed; a while later its claim is stale.
    Clock.advance((Outbox.claimSeconds + 60) * 1000);
    // A claim that is not stale yet is left alone.
    const fresh = await queued(uniqueEmail());
    await Dynamo.update(Dynamo.Key.outbox(fresh), { set: { status: "sending", claimedAt: Clock.iso() } });
    await Outbox.sweep();
    expect(await stored(keyHash)).toMatchObject({ status: "sent" });
    expect(await stored(fresh)).toMatchObject({ status: "sending" });
    expect(await sesStore(to)).toHaveLength(1);
    await Dynamo.update(Dynamo.Key.outbox(fresh), { set: { status: "pending" }, remove: ["claimedAt"] });
  });

  it("finishes an email without a recipient without calling SES, like any other", async () => {
    const passed = proxy.passed;
    const keyHash = await queued(undefined);
    expect(await Outbox.deliver(keyHash)).toBe("sent");
    expect(proxy.passed).toBe(passed);
    expect((await stored(keyHash))["sealed"]).toBeUndefined();
  });
});

/** An SNS delivery of an SES event, as the configuration set's event destination publishes it. */
const snsOf = (...messages: unknown[]): SnsEvent => ({
  Records: messages.map((message) => ({
    Sns: { Message: typeof message === "string" ? message : JSON.stringify(message) },
  })),
});
const bounce = (bounceType: string, ...addresses: string[]) => ({
  eventType: "Bounce",
  mail: { timestamp: new Date().toISOString(), source: "no-reply@example.org", destination: addresses },
  bounce: {
    bounceType,
    bounceSubType: bounceType === "Permanent" ? "General" : "MailboxFull",
    bouncedRecipients: addresses.map((emailAddress) => ({ emailAddress, action: "failed", status: "5.1.1" })),
  },
});

describe("bounces and complaints", () => {
  it("stops writing to an address SES reported as bouncing for good, without keeping the address in the clear", async () => {
    const to = uniqueEmail();
    expect(await recordFailures(snsOf(bounce("Permanent", to.toUpperCase())))).toEqual({ marked: 1 });
    const passed = proxy.passed;
    const keyHash = await queued(to);
    expect(await Outbox.deliver(keyHash)).toBe("suppressed");
    expect(proxy.passed).toBe(passed);
    expect(await sesStore(to)).toEqual([]);
    const item = await stored(keyHash);
    expect(item).toMatchObject({ status: "suppressed", lastError: "AddressFailing" });
    expect(item["sealed"]).toBeUndefined();
    // Never retried: the sweep, much later, leaves it alone.
    Clock.advance(86_400_000);
    await Outbox.sweep();
    expect(await sesStore(to)).toEqual([]);
    const everything = JSON.stringify(await everyItem()).toLowerCase();
    expect(everything).not.toContain(to.toLowerCase());
  });

  it("stops writing to an address whose owner complained, and keeps writing to everyone else", async () => {
    const complained = uniqueEmail();
    const other = uniqueEmail();
    const complaint = {
      eventType: "Complaint",
      complaint: { complainedRecipients: [{ emailAddress: complained }], complaintFeedbackType: "abuse" },
    };
    expect(await recordFailures(snsOf(complaint))).toEqual({ marked: 1 });
    expect(await Outbox.deliver(await queued(complained))).toBe("suppressed");
    expect(await Outbox.deliver(await queued(other))).toBe("sent");
    expect(await sesStore(complained)).toEqual([]);
    expect(await sesStore(other)).toHaveLength(1);
  });

  it("keeps writing after a transient bounce, and ignores messages that are not SES notifications", async () => {
    const to = uniqueEmail();
    const confirmation = { Type: "SubscriptionConfirmation", Message: "You have chosen to subscribe" };
    expect(await recordFailures(snsOf(bounce("Transient", to), "not json {", confirmation))).toEqual({ marked: 0 });
    expect(await Outbox.deliver(await queued(to))).toBe("sent");
    expect(await sesStore(to)).toHaveLength(1);
  });
});
