import { randomUUID } from "node:crypto";
import { inject } from "vitest";
import * as Clock from "@amparo/core/clock";
import * as Outbox from "@amparo/core/outbox";
import { app as apply } from "@amparo/functions/apply/index";
import { checkAgainstContract } from "./contract.js";
import { postJson } from "./http.js";

export { emergencyAnswers, grantAnswers } from "./answers.js";
import { emergencyAnswers, grantAnswers } from "./answers.js";

/** An address no other test uses, so the shared SES stand-in's inbox can be read per test. */
export const uniqueEmail = () => `defender-${randomUUID().slice(0, 8)}@example.org`;

export async function startApplication(
  callId: "digital-emergency" | "concept-notes-2026",
  extra: Record<string, unknown> = {},
): Promise<{ id: string; token: string }> {
  const answers = callId === "digital-emergency" ? emergencyAnswers : grantAnswers;
  const response = await postJson("/api/v1/applications", {
    callId,
    language: "es",
    eligibility: { answers },
    ...extra,
  });
  if (response.status !== 201) throw new Error(`create answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as { id: string; token: string };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Calls the applicant API with an access code; the answer must match the published contract. */
export async function applicantRequest(method: string, path: string, token: string, body?: unknown, headers = {}) {
  const response = await apply.request(path, {
    method,
    headers: { ...bearer(token), ...(body === undefined ? {} : { "Content-Type": "application/json" }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return checkAgainstContract(method, path, response);
}

/** Asks for a presigned POST and sends the file to the S3 stand-in with it, as a browser or script would. */
export async function uploadBudget(
  id: string,
  token: string,
  file: Buffer,
  contentType: string,
  fileName = "budget.xlsx",
  declaredSize = file.length,
): Promise<Response> {
  const presign = await applicantRequest("POST", `/api/v1/applications/${id}/budget-file/upload`, token, {
    fileName,
    contentType,
    size: declaredSize,
  });
  if (presign.status !== 200) throw new Error(`upload answered ${presign.status}: ${await presign.text()}`);
  const { url, fields } = (await presign.json()) as { url: string; fields: Record<string, string> };
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append("file", new Blob([new Uint8Array(file)], { type: contentType }), fileName);
  return fetch(url, { method: "POST", body: form, redirect: "manual" });
}

export type ReceivedEmail = { subject: string; body: { text?: string } };

/**
 * Sends what this test file's outbox holds, with the same core sender the stream function calls, until nothing
 * is left: each round runs the sweep a few hours later than the last, so items waiting on their backoff are
 * due. A handful of rounds is enough for everything but an SES that keeps refusing.
 */
export async function deliverOutbox(rounds = 5): Promise<{ unfinished: number }> {
  let unfinished = 0;
  for (let round = 1; round <= rounds; round++) {
    ({ unfinished } = await Outbox.sweep({ now: Clock.fromNow(round * 3 * 3_600_000) }));
    if (unfinished === 0) break;
  }
  return { unfinished };
}

/** What the SES stand-in has received for `address` so far (nothing is sent from the outbox first). */
export async function sesStore(address: string, ses = inject("endpoints").ses): Promise<ReceivedEmail[]> {
  const { emails } = (await (await fetch(`${ses}/store`)).json()) as {
    emails: ({ destination: { to: string[] } } & ReceivedEmail)[];
  };
  return emails.filter((email) => email.destination.to.includes(address));
}

/** Every email sent to `address`: the outbox is delivered first, as the sender off the request path would. */
export async function inbox(address: string): Promise<ReceivedEmail[]> {
  await deliverOutbox();
  return sesStore(address);
}

/**
 * Confirms a contact address the way its owner would: by the link in the one confirmation email it received
 * (until then the fund sends it nothing else): for every application made before now. The confirmation email
 * stays in the inbox.
 */
export async function confirmContact(address: string): Promise<void> {
  const links = (await inbox(address)).map((mail) =>
    /\/apply\/contact\?token=([A-Za-z0-9_-]{43})/.exec(mail.body.text ?? ""),
  );
  // The newest: an older link may have expired, and any live one confirms the address from now on.
  const token = links.filter((link) => link).at(-1)?.[1];
  if (!token) throw new Error("no confirmation email reached this address");
  const response = await postJson("/api/v1/contact/confirm", { token });
  if (response.status !== 200) throw new Error(`confirm answered ${response.status}: ${await response.text()}`);
}
