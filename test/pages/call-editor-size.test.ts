import { randomUUID } from "node:crypto";
import * as Call from "@amparo/core/call";
import { languageName, t } from "@amparo/core/i18n";
import * as Seed from "@amparo/core/seed";
import { maxBodyBytes, maxCallBodyBytes } from "@amparo/functions/shared/app";
import { app as staffApp } from "@amparo/functions/staff/index";
import { beforeAll, describe, expect, it } from "vitest";
import { formEntries } from "../support/page-form.js";
import { signIn, staffAccount } from "../support/staff.js";

let session = "";

beforeAll(async () => {
  session = (await signIn((await staffAccount(["admin"], [])).email)).session;
}, 60_000);

const post = (path: string, body: string) =>
  staffApp.request(path, {
    method: "POST",
    headers: {
      Cookie: `staff_session=${session}`,
      "Content-Type": "application/x-www-form-urlencoded",
      "Sec-Fetch-Site": "same-origin",
    },
    body,
  });

describe("the call editor's body limit", () => {
  it("saves a call whose whole form is larger than other pages may send, and refuses one past its own limit", async () => {
    // Next steps as long as a fund may write them (a payment procedure, a list of helplines), in three languages.
    const long = (language: string) => `${language}: ${"Ayuda y próximos pasos. ".repeat(400)}`;
    const text = { en: long("en"), es: long("es"), pt: long("pt") };
    const seed = Seed.calls[1]!;
    const call = await Call.put({
      ...seed,
      id: `large-${randomUUID().slice(0, 8)}`,
      nextSteps: { approved: text, declined: text },
    });
    const path = `/staff/admin/calls/${call.id}`;
    const page = await staffApp.request(path, { headers: { Cookie: `staff_session=${session}` } });
    const body = new URLSearchParams([...formEntries(await page.text(), path), ["action", "save"]]).toString();
    expect(body.length).toBeGreaterThan(maxBodyBytes);

    const saved = await post(path, body);
    expect(saved.status).toBe(303);
    expect((await Call.get(call.id)).version).toBe(call.version + 1);

    const tooLarge = await post(path, `${body}&padding=${"x".repeat(maxCallBodyBytes)}`);
    expect(tooLarge.status).toBe(413);
    expect((await Call.get(call.id)).version).toBe(call.version + 1);
  });
});

describe("the call editor's page weight warning", () => {
  it("warns, naming the page and language, when a call's texts make an applicant page slower than one round trip", async () => {
    const seed = Seed.calls[1]!;
    const plain = await staffApp.request(`/staff/admin/calls/${seed.id}`, {
      headers: { Cookie: `staff_session=${session}` },
    });
    expect(await plain.text()).not.toContain('id="heavy-pages"');

    // Help that does not compress (no two sentences alike), in Thai, three bytes a character.
    const thai = Array.from({ length: 900 }, (_, index) => String.fromCodePoint(0x0e01 + ((index * 7919) % 46))).join(
      "",
    );
    const [first, ...rest] = seed.eligibility.questions;
    const call = await Call.put({
      ...seed,
      id: `heavy-${randomUUID().slice(0, 8)}`,
      eligibility: {
        ...seed.eligibility,
        questions: [
          { ...first!, help: { en: `${thai}a`, es: `${thai}b`, pt: `${thai}c` } },
          ...rest.map((question, n) => ({ ...question, help: { en: `${thai}${n}`, es: `${thai}${n}`, pt: thai } })),
        ],
      },
    });
    const page = await staffApp.request(`/staff/admin/calls/${call.id}`, {
      headers: { Cookie: `staff_session=${session}` },
    });
    const html = await page.text();
    const warning = /<section class="outcome no" aria-labelledby="heavy-pages">([\s\S]*?)<\/section>/.exec(html)?.[1];
    expect(warning).toBeDefined();
    // The quiz in every language the call offers, and each figure over the budget.
    for (const code of Call.offeredLanguages([call])) {
      expect(warning).toContain(
        t("en", "editor.heavy.quiz", { language: languageName(code, "en"), bytes: "", sent: "" }).split(":")[0],
      );
    }
  });
});
