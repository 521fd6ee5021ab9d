import { randomUUID } from "node:crypto";
import * as Call from "@amparo/core/call";
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
