import { randomUUID } from "node:crypto";
import { inject } from "vitest";
import { app as apply } from "@amparo/functions/apply/index";
import { checkAgainstContract } from "./contract.js";
import { postJson } from "./http.js";

export const emergencyAnswers = {
  "applicant-type": "individual",
  country: "CO",
  "under-attack": true,
  "human-rights-work": true,
  "target-groups": ["women"],
  "funded-recently": false,
};

export const grantAnswers = {
  "organisation-type": "ngo",
  country: "TH",
  "thematic-area": "digital-security",
  "target-groups": ["lgbtqia"],
  "years-active": 7,
  "annual-budget": 20_000,
  "applied-recently": false,
};

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

/** Every email the SES stand-in received for `address`. */
export async function inbox(address: string): Promise<{ subject: string; body: { text?: string } }[]> {
  const { emails } = (await (await fetch(`${inject("endpoints").ses}/store`)).json()) as {
    emails: { destination: { to: string[] }; subject: string; body: { text?: string } }[];
  };
  return emails.filter((email) => email.destination.to.includes(address));
}
