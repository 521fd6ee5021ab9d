import { app as apply } from "@amparo/functions/apply/index";
import * as Dynamo from "@amparo/core/dynamo";
import { describe, expect, it } from "vitest";
import { applicantRequest, startApplication, uploadBudget } from "../support/applications.js";
import { pdf } from "../support/files.js";
import { everyItem, postForm } from "../support/http.js";
import { khmerText } from "../support/notes.js";

const cookieFor = (token: string) => ({ Cookie: `access=${token}` });

const applicationItem = async (id: string) => {
  const key = Dynamo.Key.application(id);
  return (await everyItem()).find((item) => item["pk"] === key.pk && item["sk"] === key.sk)!;
};

describe("the concept note page and word limits", () => {
  it("accepts a Khmer note at its full word limit from the form (not 413), and it submits", async () => {
    const { id, token } = await startApplication("concept-notes-2026", { language: "km" });
    const limits = { problem: 400, approach: 500, outcomes: 300, organisation: 250 };
    const fields = Object.entries(limits).map(([field, words]): [string, string] => [field, khmerText(words)]);
    // Percent-encoding turns each 3-byte Khmer character into 9 bytes: this form is well over 64 KiB.
    expect(new URLSearchParams(fields).toString().length).toBeGreaterThan(64 * 1024);

    const response = await postForm("/apply/my/concept-note", fields, cookieFor(token));
    expect(response.status).toBe(303);
    const page = await (await apply.request("/apply/my/concept-note", { headers: cookieFor(token) })).text();
    for (const words of Object.values(limits)) expect(page).toContain(`${words} of ${words} words`);
    expect((await applicationItem(id))["wordCounts"]).toEqual(limits);

    await applicantRequest("PUT", `/api/v1/applications/${id}/funding`, token, {
      amount: 18_000,
      annualBudget: 20_000,
      months: 12,
    });
    await uploadBudget(id, token, pdf(), "application/pdf", "budget.pdf");
    await applicantRequest("POST", `/api/v1/applications/${id}/budget-file/confirm`, token);
    const submitted = await postForm("/apply/my/submit", [], cookieFor(token));
    expect(submitted.status).toBe(200);
    expect((await applicationItem(id))["stage"]).toBe("submitted");
  });

  it("refuses a field far longer in characters than its word limit (422), keeps what was typed, stores nothing", async () => {
    const { id, token } = await startApplication("digital-emergency");
    const before = await applicationItem(id);
    const typed = "a".repeat(7_501);
    const response = await postForm(
      "/apply/my/concept-note?lang=es",
      [
        ["situation", typed],
        ["need", "Dos teléfonos."],
        ["timeline", ""],
      ],
      cookieFor(token),
    );
    expect(response.status).toBe(422);
    const page = await response.text();
    expect(page).toContain("¿Qué está pasando?: supera los 7500 caracteres que admite esta parte.");
    expect(page).toContain(typed);
    expect(await applicationItem(id)).toEqual(before);
  });
});
