import * as Config from "@amparo/core/config";
import * as Upload from "@amparo/core/upload";
import { app as apply } from "@amparo/functions/apply/index";
import { describe, expect, it } from "vitest";
import { applicantRequest, startApplication } from "../support/applications.js";
import { pdf } from "../support/files.js";

const decode = (value: string) =>
  value
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<");

/** The upload form's action and hidden fields, as a browser would read them from the page. */
function uploadFormOn(html: string): { action: string; fields: [string, string][] } {
  const action = /<form method="post" action="([^"]+)" enctype="multipart\/form-data">/.exec(html)?.[1];
  if (!action) throw new Error("no upload form on the page");
  const fields = [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g)].map(
    ([, name, value]) => [name!, decode(value!)] as [string, string],
  );
  return { action: decode(action), fields };
}

describe("the budget upload page", () => {
  it("gives the size limit in megabytes and how long the form works as a duration, not a clock time", async () => {
    const { token } = await startApplication("digital-emergency");
    const page = await apply.request("/apply/my/budget?lang=es", {
      method: "POST",
      headers: {
        Cookie: `access=${token}`,
        "Content-Type": "application/x-www-form-urlencoded",
        "Sec-Fetch-Site": "same-origin",
      },
      body: new URLSearchParams([["type", "text/csv"]]).toString(),
    });
    const html = await page.text();
    expect(html).toContain("Se acepta: CSV, de hasta 5 MB.");
    expect(html).toContain(`Envíe el archivo dentro de ${Upload.uploadMinutes} minutos`);
    expect(html).not.toMatch(/\d{2}:\d{2}|bytes|5\.242\.880/);
  });

  it("works from another address the site answers on: S3 sends the browser back there and the file is confirmed", async () => {
    const origin = "http://127.0.0.1:3999";
    expect(new URL(Config.get().PUBLIC_URL).origin).not.toBe(origin);
    const { id, token } = await startApplication("digital-emergency");
    const browser = { Host: "127.0.0.1:3999", Cookie: `access=${token}` };

    const page = await apply.request(`${origin}/apply/my/budget`, {
      method: "POST",
      headers: { ...browser, "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin" },
      body: new URLSearchParams([["type", "application/pdf"]]).toString(),
    });
    expect(page.status).toBe(200);
    const form = uploadFormOn(await page.text());
    const redirect = form.fields.find(([name]) => name === "success_action_redirect")?.[1];
    expect(redirect).toBe(`${origin}/apply/my/budget/uploaded`);

    const body = new FormData();
    for (const [name, value] of form.fields) body.append(name, value);
    body.append("file", new Blob([new Uint8Array(pdf())], { type: "application/pdf" }), "budget.pdf");
    const sent = await fetch(form.action, { method: "POST", body, redirect: "manual" });
    const back = sent.headers.get("location");
    expect(back?.startsWith(`${origin}/apply/my/budget/uploaded`)).toBe(true);
    // S3 appends the bucket, key and ETag to its redirect, which the browser keeps in its history.
    expect(back).not.toContain(id);

    const landed = await apply.request(back!, { headers: browser });
    // Checked, the file's own page takes over (post/redirect/get): S3's return address is not reloaded.
    expect(landed.status).toBe(303);
    expect(landed.headers.get("location")).toBe("/apply/my/budget?accepted=1");
    const shown = await apply.request("/apply/my/budget?accepted=1", { headers: browser });
    expect(await shown.text()).toContain("Your budget file was received and checked.");
    const app = (await (await applicantRequest("GET", `/api/v1/applications/${id}`, token)).json()) as {
      budgetFile?: { fileName: string; contentType: string };
    };
    expect(app.budgetFile).toMatchObject({ fileName: "budget.pdf", contentType: "application/pdf" });
  });

  it("offers the check again when the browser did not come back from S3", async () => {
    const { id, token } = await startApplication("digital-emergency");
    const browser = { Cookie: `access=${token}` };
    const page = await apply.request("/apply/my/budget", {
      method: "POST",
      headers: { ...browser, "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin" },
      body: new URLSearchParams([["type", "application/pdf"]]).toString(),
    });
    const form = uploadFormOn(await page.text());
    const body = new FormData();
    for (const [name, value] of form.fields) body.append(name, value);
    body.append("file", new Blob([new Uint8Array(pdf())], { type: "application/pdf" }), "budget.pdf");
    await fetch(form.action, { method: "POST", body, redirect: "manual" }); // the redirect is lost

    const again = await (await apply.request("/apply/my/budget", { headers: browser })).text();
    expect(again).toContain('<form method="get" action="/apply/my/budget/uploaded">');
    expect(again).toContain("Check the uploaded file");
    const checked = await apply.request("/apply/my/budget/uploaded", { headers: browser });
    expect(checked.status).toBe(303);
    const after = await (await apply.request(checked.headers.get("location")!, { headers: browser })).text();
    expect(after).toContain("Your budget file was received and checked.");
    expect(after).not.toContain("Check the uploaded file");
    // Done looks done: going on is the main action, and replacing the file comes second.
    expect(after).toMatch(/<a class="button" href="\/apply\/my">\s*Continue\s*<\/a>/);
    expect(after).toMatch(/<button type="submit" class="secondary">\s*Replace the file\s*<\/button>/);
    expect(after).not.toMatch(/<button type="submit">\s*Next\s*<\/button>/);
    const app = (await (await applicantRequest("GET", `/api/v1/applications/${id}`, token)).json()) as object;
    expect(app).toHaveProperty("budgetFile");
  });
});
