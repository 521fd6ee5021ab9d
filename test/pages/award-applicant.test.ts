import * as Application from "@amparo/core/application";
import * as Award from "@amparo/core/award";
import * as Clock from "@amparo/core/clock";
import { formatMoney } from "@amparo/core/i18n";
import type * as User from "@amparo/core/user";
import { app as apply } from "@amparo/functions/apply/index";
import { beforeAll, describe, expect, it } from "vitest";
import { approvedEmergency, moveAs, pageText as text } from "../support/award.js";
import { postForm } from "../support/http.js";
import { formEntries, withValue } from "../support/page-form.js";
import { staffAccount } from "../support/staff.js";

const EMERGENCY = "digital-emergency";

const cookieFor = (token: string) => ({ Cookie: `access=${token}` });
const get = (path: string, token: string) => apply.request(path, { headers: cookieFor(token) });
const post = (path: string, token: string, fields: [string, string][]) => postForm(path, fields, cookieFor(token));

let coordinator: User.Info;

beforeAll(async () => {
  coordinator = await staffAccount(["coordinator"], [EMERGENCY]);
});

/** An emergency application asking for EUR 2,000, sent and approved for EUR 1,500. */
const approved = () => approvedEmergency(coordinator, 1_500, { asked: 2_000 });

/** Approved, the agreement sent, and accepted on its page. */
async function agreed() {
  const made = await approved();
  await moveAs(coordinator, made.id, "agreement_sent");
  const accepted = await post("/apply/my/agreement", made.token, [["name", "Ana María Pérez"]]);
  expect(accepted.status).toBe(303);
  return made;
}

const stageOf = async (id: string) => (await Application.fromID(id))!.stage;

describe("the grant on the applicant's status page", () => {
  it("shows the amount, period and reports once approved, with a way to turn the grant down", async () => {
    const { token } = await approved();
    const html = await (await get("/apply/my", token)).text();
    const page = text(html);
    expect(page).toContain("Your grant");
    expect(page).toContain(formatMoney("en", 1_500, "EUR"));
    expect(page).toContain("120 days from the agreement");
    expect(page).toContain("Final report: 150 days after the agreement");
    expect(page).toContain("The fund will prepare a grant agreement for you");
    expect(html).toContain('href="/apply/my/decline"');
    // Nothing to accept before the coordinator sends it: the agreement page leads back to the status.
    expect((await get("/apply/my/agreement", token)).headers.get("Location")).toBe("/apply/my");
  });

  it("shows the grant's words in the reader's language", async () => {
    const { token } = await approved();
    const page = text(await (await get("/apply/my?lang=es", token)).text());
    expect(page).toContain("Informe final");
    expect(page).not.toContain("award.");
  });
});

describe("the agreement", () => {
  it("is accepted by typing a full name once the coordinator sends it", async () => {
    const { id, token } = await approved();
    await moveAs(coordinator, id, "agreement_sent");
    expect(await (await get("/apply/my", token)).text()).toContain('href="/apply/my/agreement"');
    const html = await (await get("/apply/my/agreement", token)).text();
    expect(html).toContain("Type your full name to accept");
    expect(html).toContain("The fund grants the amount below");
    expect(html).toMatch(/<input[^>]*name="name"[^>]*autocomplete="off"/);
    expect(html).toContain(formatMoney("en", 1_500, "EUR"));

    const entries = withValue(formEntries(html, "/apply/my/agreement"), "name", "Ana María Pérez");
    const accepted = await post("/apply/my/agreement", token, entries);
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get("Location")).toBe("/apply/my?done=agreed");
    expect(await stageOf(id)).toBe("agreed");
    const status = text(await (await get("/apply/my?done=agreed", token)).text());
    expect(status).toContain("You accepted the agreement");
    expect(status).toContain("Tell us how to receive the money");
    expect(status).toMatch(/From .+ to .+/);
  });

  it("refuses an empty name with the error linked to the field (422), and nothing changes", async () => {
    const { id, token } = await approved();
    await moveAs(coordinator, id, "agreement_sent");
    const refused = await post("/apply/my/agreement", token, [["name", "   "]]);
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toContain('href="#agreement-name"');
    expect(html).toContain("Type your full name to accept the agreement.");
    expect(html).toMatch(/id="agreement-name"[^>]*aria-invalid="true"/);
    expect(await stageOf(id)).toBe("agreement_sent");
  });

  it("answers 409 with the status page when there is no agreement to accept", async () => {
    const { id, token } = await approved();
    const refused = await post("/apply/my/agreement", token, [["name", "Ana"]]);
    expect(refused.status).toBe(409);
    expect(text(await refused.text())).toContain("was not saved");
    expect(await stageOf(id)).toBe("approved");
  });
});

describe("turning the grant down", () => {
  it("asks once more, then moves to declined_by_applicant", async () => {
    const { id, token } = await approved();
    await moveAs(coordinator, id, "agreement_sent");
    // The agreement page's own button leads to the confirmation, without JavaScript.
    expect(await (await get("/apply/my/agreement", token)).text()).toMatch(
      /<form method="get" action="\/apply\/my\/decline">/,
    );
    const confirm = await get("/apply/my/decline", token);
    expect(confirm.status).toBe(200);
    expect(text(await confirm.text())).toContain("This cannot be undone.");
    const declined = await post("/apply/my/decline", token, []);
    expect(declined.status).toBe(303);
    expect(declined.headers.get("Location")).toBe("/apply/my?done=declined_by_applicant");
    expect(await stageOf(id)).toBe("declined_by_applicant");
    const status = text(await (await get("/apply/my", token)).text());
    expect(status).toContain("You turned this grant down");
    // Nothing left to confirm, and the same answer again changes nothing.
    expect((await get("/apply/my/decline", token)).status).toBe(303);
    expect((await post("/apply/my/decline", token, [])).status).toBe(303);
  });
});

const secrets = {
  accountHolder: "Cooperativa Sol Naciente",
  bankName: "Banco Rural Xq7",
  account: "GT82TRAJ01020000001210029690",
  routing: "TRAJGTGC",
  organisation: "Red Intermediaria Zk4",
  contact: "Signal only, ask for Marta-9R",
  description: "Cash through cousin Ypsilon-3",
};

describe("how the money reaches the applicant", () => {
  it("offers the call's ways, and refuses missing fields of each with errors per field (422)", async () => {
    const { token } = await agreed();
    const choice = await (await get("/apply/my/payment-method", token)).text();
    expect(choice).toContain("never sent by email");
    for (const kind of ["bank_transfer", "intermediary", "other"]) {
      expect(choice).toContain(`href="/apply/my/payment-method/${kind}"`);
    }
    const bank = await (await get("/apply/my/payment-method/bank_transfer", token)).text();
    expect(bank).toMatch(/<select[^>]*name="bankCountry"/);
    expect(bank).toMatch(/<input[^>]*name="accountHolder"[^>]*autocomplete="off"[^>]*dir="auto"/);
    const empty = await post(
      "/apply/my/payment-method/bank_transfer",
      token,
      formEntries(bank, "/apply/my/payment-method/bank_transfer"),
    );
    expect(empty.status).toBe(422);
    const refused = await empty.text();
    for (const field of ["accountHolder", "bankName", "account", "bankCountry"]) {
      expect(refused).toContain(`href="#method-${field}"`);
    }
    expect(refused).not.toContain('href="#method-routing"');

    const intermediary = await post("/apply/my/payment-method/intermediary", token, [
      ["organisation", secrets.organisation],
      ["contact", ""],
    ]);
    expect(intermediary.status).toBe(422);
    const again = await intermediary.text();
    expect(again).toContain('href="#method-contact"');
    // What was just typed comes back to be corrected.
    expect(again).toContain(secrets.organisation);
    expect((await get("/apply/my/payment-method/carrier_pigeon", token)).status).toBe(404);
  });

  it("is saved, shown as given on its date, replaced from an empty form, and never shown back", async () => {
    const { id, token } = await agreed();
    const saved = await post("/apply/my/payment-method/other", token, [["description", secrets.description]]);
    expect(saved.status).toBe(303);
    expect(saved.headers.get("Location")).toBe("/apply/my?done=payment_method");
    const status = text(await (await get("/apply/my?done=payment_method", token)).text());
    expect(status).toContain("we received how to send you the money");
    expect(status).toContain("You gave it on");
    expect(status).toContain("Replace it");

    const replace = await (await get("/apply/my/payment-method/bank_transfer", token)).text();
    expect(replace).toContain("What you send now replaces it");
    const entries: [string, string][] = [
      ["accountHolder", secrets.accountHolder],
      ["bankName", secrets.bankName],
      ["account", secrets.account],
      ["routing", secrets.routing],
      ["bankCountry", "GT"],
    ];
    expect((await post("/apply/my/payment-method/bank_transfer", token, entries)).status).toBe(303);
    expect((await Application.fromID(id))!.payment?.methodGivenAt).toBeTruthy();

    const pages = [
      "/apply/my",
      "/apply/my/payment-method",
      "/apply/my/payment-method/bank_transfer",
      "/apply/my/payment-method/intermediary",
      "/apply/my/payment-method/other",
      "/apply/my/submit",
    ];
    for (const path of pages) {
      const html = await (await get(path, token)).text();
      for (const secret of Object.values(secrets)) expect(html).not.toContain(secret);
    }
  });

  it("closes after the final payment (409), and the status lists the payments without their references", async () => {
    const { id, token } = await agreed();
    expect((await post("/apply/my/payment-method/other", token, [["description", secrets.description]])).status).toBe(
      303,
    );
    const paidOn = Clock.iso().slice(0, 10);
    const { version } = (await Application.fromID(id))!;
    await Award.recordPayment(coordinator, id, { version, amount: 1_000, paidOn, reference: "REF-Q9Z-first" });
    const next = (await Application.fromID(id))!;
    await Award.recordPayment(coordinator, id, {
      version: next.version,
      amount: 500,
      paidOn,
      reference: "REF-Q9Z-last",
      final: true,
    });
    expect(await stageOf(id)).toBe("active");

    const html = await (await get("/apply/my", token)).text();
    const status = text(html);
    expect(status).toContain(formatMoney("en", 1_000, "EUR"));
    expect(status).toContain("final payment");
    expect(status).toContain("it will be deleted on");
    expect(status).not.toContain("Replace it");
    expect(html).not.toContain("REF-Q9Z");
    expect(html).not.toContain(secrets.description);

    const form = await get("/apply/my/payment-method/other", token);
    expect(form.status).toBe(409);
    const closed = await post("/apply/my/payment-method/other", token, [["description", "A new way"]]);
    expect(closed.status).toBe(409);
    expect(text(await closed.text())).toContain("until the final payment");
  });

  it("explains a suspended and a cancelled grant in neutral words", async () => {
    const { id, token } = await agreed();
    await moveAs(coordinator, id, "suspended", { note: "Checking the bank." });
    expect(text(await (await get("/apply/my", token)).text())).toContain("The fund has put this grant on hold.");
    await moveAs(coordinator, id, "cancelled", { note: "Closed." });
    const page = text(await (await get("/apply/my", token)).text());
    expect(page).toContain("The fund has cancelled this grant.");
    expect(page).toContain("see how to reach the fund's team below");
  });
});
