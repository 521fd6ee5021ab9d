import { beforeAll, describe, expect, it } from "vitest";
import * as Audit from "@amparo/core/audit";
import * as Clock from "@amparo/core/clock";
import { formatDate, formatMoney } from "@amparo/core/i18n";
import type * as User from "@amparo/core/user";
import { app as staffApp } from "@amparo/functions/staff/index";
import {
  assignReviewer,
  pageText as text,
  reviewAndApprove,
  sendAndAcceptAgreement,
  submittedOverApi,
} from "../support/award.js";
import { formEntries, withValue } from "../support/page-form.js";
import { signIn, staffAccount, staffRequest } from "../support/staff.js";

type Session = { session: string; user: User.Info };
let coordinator: Session;
let reviewer: Session;
let admin: Session;

const get = (path: string, as: Session = coordinator) =>
  staffApp.request(path, { headers: { Cookie: `staff_session=${as.session}` } });

/** Posts a page form as a browser without JavaScript does, from our own page. */
const post = (path: string, fields: [string, string][], as: Session = coordinator) =>
  staffApp.request(path, {
    method: "POST",
    headers: {
      Cookie: `staff_session=${as.session}`,
      "Content-Type": "application/x-www-form-urlencoded",
      "Sec-Fetch-Site": "same-origin",
    },
    body: new URLSearchParams(fields).toString(),
  });

async function current(id: string): Promise<{ version: number; stage: string }> {
  const response = await staffRequest("GET", `/api/v1/review/applications/${id}`, coordinator.session);
  return (await response.json()) as { version: number; stage: string };
}

const account = "BR15 0000 0000 0000 1093 2840 814 P2";

/**
 * An emergency grant of EUR 3,000, approved, its agreement accepted by typing a name, and how the money
 * reaches the applicant given; a reviewer assigned to it who declared no conflict.
 */
async function agreedGrant(): Promise<string> {
  const { id } = await submittedOverApi({ asked: 3_000 });
  await assignReviewer(coordinator.user, reviewer.user, id);
  await reviewAndApprove(coordinator.user, id, 3_000);
  await sendAndAcceptAgreement(coordinator.user, id, {
    name: "Ana Lima",
    method: { kind: "bank_transfer", accountHolder: "Ana Lima", bankName: "Banco Exemplo", account, bankCountry: "BR" },
  });
  return id;
}

const today = () => Clock.iso().slice(0, 10);

/** The payment form's fields as the page fills them, with `changes` typed in. */
async function paymentForm(id: string, changes: Record<string, string>): Promise<[string, string][]> {
  let entries = formEntries(
    await (await get(`/staff/applications/${id}`)).text(),
    `/staff/applications/${id}/payments`,
  );
  for (const [name, value] of Object.entries(changes)) {
    entries = name === "final" ? [...entries, ["final", value]] : withValue(entries, name, value);
  }
  return entries;
}

beforeAll(async () => {
  coordinator = await signIn((await staffAccount(["coordinator"], ["digital-emergency"])).email);
  reviewer = await signIn((await staffAccount(["reviewer"], ["digital-emergency"])).email);
  admin = await signIn((await staffAccount(["admin"], [])).email);
}, 90_000);

describe("the grant on a coordinator's application page", () => {
  it("shows the agreement with the name typed, the amounts and that the method was given, never the method", async () => {
    const id = await agreedGrant();
    const response = await get(`/staff/applications/${id}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    const shown = text(html);
    const date = formatDate("en", Clock.iso());
    expect(shown).toContain("Grant Agreement");
    expect(shown).toContain(`Accepted on ${date}; the name typed to accept it: “Ana Lima”.`);
    expect(shown).toContain(`Amount approved ${formatMoney("en", 3_000, "EUR")}`);
    expect(shown).toContain(`Remaining ${formatMoney("en", 3_000, "EUR")}`);
    expect(shown).toContain(`How the money reaches them Given on ${date}.`);
    expect(shown).toContain("Show how the money reaches them (your opening is recorded)");
    expect(shown).toContain("Final report: due on");
    expect(shown).not.toContain(account);
    // The move form names what each move does.
    expect(shown).toContain("Suspend the grant (write a note)");
    expect(shown).toContain("Cancel the grant (write a note; you confirm it next)");
    // Every staff language renders it.
    for (const lang of ["es", "pt"]) expect((await get(`/staff/applications/${id}?lang=${lang}`)).status).toBe(200);
  });

  it("records a payment (the grant becomes active) and lists it with its reference", async () => {
    const id = await agreedGrant();
    const fields = await paymentForm(id, { amount: "1,000", reference: "TX-0001" });
    expect(fields.find(([name]) => name === "paidOn")?.[1]).toBe(today());
    const response = await post(`/staff/applications/${id}/payments`, fields);
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe(`/staff/applications/${id}#grant`);
    expect((await current(id)).stage).toBe("active");
    const shown = text(await (await get(`/staff/applications/${id}`)).text());
    expect(shown).toContain(`1 ${formatDate("en", today())} ${formatMoney("en", 1_000, "EUR")} TX-0001 —`);
    expect(shown).toContain(`Paid so far ${formatMoney("en", 1_000, "EUR")}`);
    expect(shown).toContain("recorded payment 1");
  });

  it("refuses an amount above what remains, a date to come and an empty reference, at each field", async () => {
    const id = await agreedGrant();
    const tomorrow = new Date(Clock.nowMs() + 86_400_000).toISOString().slice(0, 10);
    const cases: [Record<string, string>, string, string][] = [
      [{ amount: "5000", reference: "TX-1" }, "paymentAmount", "This is more than what remains of the grant"],
      [{ amount: "100", paidOn: tomorrow, reference: "TX-1" }, "paymentPaidOn", "Give the date the payment was made"],
      [{ amount: "100", reference: "" }, "paymentReference", "Give the payment's reference."],
    ];
    for (const [changes, field, message] of cases) {
      const response = await post(`/staff/applications/${id}/payments`, await paymentForm(id, changes));
      expect(response.status).toBe(422);
      const html = await response.text();
      expect(text(html)).toContain(message);
      expect(html).toContain(`href="#${field}"`);
      expect(html).toMatch(new RegExp(`id="${field}"[^>]*aria-invalid="true"`));
    }
    expect((await current(id)).stage).toBe("agreed");
  });

  it("refuses a payment from a page gone stale with the changed-meanwhile notice", async () => {
    const id = await agreedGrant();
    const fields = await paymentForm(id, { amount: "100", reference: "TX-1" });
    await post(`/staff/applications/${id}/payments`, fields);
    const again = await post(`/staff/applications/${id}/payments`, fields);
    expect(again.status).toBe(409);
    expect(text(await again.text())).toContain("Someone else changed this application");
  });

  it("confirms a final payment first; after it, no form and the method's deletion date", async () => {
    const id = await agreedGrant();
    const before = await current(id);
    const asked = await post(
      `/staff/applications/${id}/payments`,
      await paymentForm(id, { amount: "3.000", reference: "TX-END", final: "yes" }),
    );
    expect(asked.status).toBe(200);
    const html = await asked.text();
    expect(text(html)).toContain("Confirm the final payment");
    expect(text(html)).toContain("deleted 30 days later");
    expect(await current(id)).toEqual(before);
    const confirmed = await post(
      `/staff/applications/${id}/payments`,
      formEntries(html, `/staff/applications/${id}/payments`),
    );
    expect(confirmed.status).toBe(303);
    const page = await (await get(`/staff/applications/${id}`)).text();
    expect(page).not.toContain(`action="/staff/applications/${id}/payments"`);
    const shown = text(page);
    expect(shown).toContain("The final payment is recorded: no payment can follow it.");
    expect(shown).toContain(
      `It will be deleted on ${formatDate("en", new Date(Clock.nowMs() + 30 * Clock.dayMs()).toISOString())}.`,
    );
    expect(shown).toContain("recorded payment 1, the final one");
  });
});

describe("how the money reaches them", () => {
  it("opens on its own page, never cached, on record in the history and the list of who opened what", async () => {
    const id = await agreedGrant();
    const response = await post(`/staff/applications/${id}/payment-method`, []);
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const shown = text(await response.text());
    expect(shown).toContain(`Account (IBAN or number) ${account}`);
    expect(shown).toContain("Bank’s country Brazil");
    const events = await Audit.list({ application: id });
    expect(events.filter((event) => event.type === "payment_method_opened")).toHaveLength(1);
    expect(text(await (await get(`/staff/applications/${id}`)).text())).toContain("opened how the money reaches them");
    const access = text(await (await get(`/staff/admin/access?application=${id}`, admin)).text());
    expect(access).toContain("Opened how the money reaches the grantee");
  });

  it("is not for the application's reviewer, who sees neither the grant nor its references", async () => {
    const id = await agreedGrant();
    await post(`/staff/applications/${id}/payments`, await paymentForm(id, { amount: "100", reference: "TX-SECRET" }));
    const page = await get(`/staff/applications/${id}`, reviewer);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toContain("TX-SECRET");
    expect(html).not.toContain("/payment-method");
    expect(text(html)).not.toContain("Record a payment");
    expect((await post(`/staff/applications/${id}/payment-method`, [], reviewer)).status).toBe(404);
    const events = await Audit.list({ application: id });
    expect(events.some((event) => event.type === "payment_method_opened")).toBe(false);
  });
});

describe("suspending, resuming and cancelling a grant", () => {
  const transition = (id: string) => `/staff/applications/${id}/transition`;

  it("asks for a note to suspend, then resumes to the stage it came from", async () => {
    const id = await agreedGrant();
    await post(`/staff/applications/${id}/payments`, await paymentForm(id, { amount: "100", reference: "TX-1" }));
    const form = formEntries(await (await get(`/staff/applications/${id}`)).text(), transition(id));
    const refused = await post(transition(id), withValue(form, "to", "suspended"));
    expect(refused.status).toBe(422);
    expect(await refused.text()).toMatch(/id="note"[^>]*aria-invalid="true"/);
    const suspended = await post(
      transition(id),
      withValue(withValue(form, "to", "suspended"), "note", "Audit pending."),
    );
    expect(suspended.status).toBe(200);
    expect((await current(id)).stage).toBe("suspended");
    const page = await (await get(`/staff/applications/${id}`)).text();
    expect(text(page)).toContain("Resume the grant (active)");
    expect(text(page)).toContain("Payments can be recorded from the agreement until the grant closes.");
    const resumed = await post(transition(id), withValue(formEntries(page, transition(id)), "to", "active"));
    expect(resumed.status).toBe(200);
    expect((await current(id)).stage).toBe("active");
  });

  it("confirms a cancellation, which deletes how the money reaches them at once", async () => {
    const id = await agreedGrant();
    const form = formEntries(await (await get(`/staff/applications/${id}`)).text(), transition(id));
    const asked = await post(transition(id), withValue(withValue(form, "to", "cancelled"), "note", "Fraud suspected."));
    expect(asked.status).toBe(200);
    const html = await asked.text();
    expect(text(html)).toContain("Confirm the cancellation");
    expect(text(html)).toContain("deleted at once");
    expect((await current(id)).stage).toBe("agreed");
    const confirmed = await post(transition(id), formEntries(html, transition(id)));
    expect(confirmed.status).toBe(200);
    expect((await current(id)).stage).toBe("cancelled");
    expect(text(await confirmed.text())).toContain(`Deleted on ${formatDate("en", Clock.iso())}.`);
    expect((await post(`/staff/applications/${id}/payment-method`, [])).status).toBe(404);
  });
});

describe("the call's payments ledger", () => {
  it("lists every payment of the call with its grant and the total, never a reference, for coordinators only", async () => {
    const id = await agreedGrant();
    await post(
      `/staff/applications/${id}/payments`,
      await paymentForm(id, { amount: "700", reference: "LEDGER-REF-1" }),
    );
    const list = text(await (await get("/staff/applications?callId=digital-emergency")).text());
    expect(list).toContain("Payments ledger");
    const response = await get("/staff/ledger?callId=digital-emergency");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`href="/staff/applications/${id}#grant"`);
    const shown = text(html);
    expect(shown).toContain(`${formatDate("en", today())} ${formatMoney("en", 700, "EUR")} ${id.slice(0, 8)} 1 —`);
    expect(shown).toMatch(/Paid in all: €[\d,]+/);
    expect(shown).not.toContain("LEDGER-REF-1");
    // A reviewer of the call reads no ledger.
    expect((await get("/staff/ledger?callId=digital-emergency", reviewer)).status).toBe(403);
  });
});
