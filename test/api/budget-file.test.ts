import * as Application from "@amparo/core/application";
import { createHash } from "node:crypto";
import { HeadObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import * as Dynamo from "@amparo/core/dynamo";
import * as Storage from "@amparo/core/storage";
import type * as User from "@amparo/core/user";
import { app as staffApp } from "@amparo/functions/staff/index";
import { beforeAll, describe, expect, it } from "vitest";
import { applicantRequest, startApplication } from "../support/applications.js";
import {
  csvWithFormulas,
  deflatedXlsx,
  pdf,
  pdfWithEmbeddedFile,
  pdfWithEscapedJavaScript,
  pdfWithHiddenJavaScript,
  pdfWithJavaScript,
  pdfWithLaunch,
  pdfCallingHome,
  windowsExecutable,
  zipBombXlsx,
} from "../support/files.js";
import { signIn, staffAccount, staffRequest } from "../support/staff.js";

type Problem = { status: number; detail: string; code: string };
type StaffView = {
  budgetFile?: {
    url: string;
    fileName: string;
    contentType: string;
    sha256: string;
    warnings?: { code: string; cells: number; first: string }[];
  };
  events?: { type: string; actor: string; at: string }[];
};

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

let coordinator: { session: string; user: User.Info };
let reviewer: { session: string; user: User.Info };

beforeAll(async () => {
  coordinator = await signIn((await staffAccount(["coordinator"], ["concept-notes-2026"])).email);
  reviewer = await signIn((await staffAccount(["reviewer"], ["concept-notes-2026"])).email);
}, 60_000);

/** A presigned upload form for the budget file, as the API hands it out. */
async function uploadForm(id: string, token: string, contentType: string, fileName: string, size: number) {
  const response = await applicantRequest("POST", `/api/v1/applications/${id}/budget-file/upload`, token, {
    fileName,
    contentType,
    size,
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { url: string; fields: Record<string, string> };
}

/** Posts bytes to S3 with a form, as a browser or script holding it would (again, if it likes). */
async function post(form: { url: string; fields: Record<string, string> }, bytes: Buffer, fileName: string) {
  const body = new FormData();
  for (const [name, value] of Object.entries(form.fields)) body.append(name, value);
  body.append("file", new Blob([new Uint8Array(bytes)]), fileName);
  const response = await fetch(form.url, { method: "POST", body, redirect: "manual" });
  expect(response.status).toBeLessThan(400);
}

const confirm = (id: string, token: string) =>
  applicantRequest("POST", `/api/v1/applications/${id}/budget-file/confirm`, token);

/** Uploads and confirms a budget file; answers the form used and the confirmation. */
async function upload(id: string, token: string, bytes: Buffer, contentType: string, fileName: string) {
  const form = await uploadForm(id, token, contentType, fileName, bytes.length);
  await post(form, bytes, fileName);
  return { form, confirmed: await confirm(id, token) };
}

/** A grant application with everything but the budget file, started and written. */
async function grantDraft() {
  const { id, token } = await startApplication("concept-notes-2026");
  await applicantRequest("PUT", `/api/v1/applications/${id}/concept-note`, token, {
    fields: {
      problem: "Surveillance of community radio hosts.",
      approach: "Secure phones and training.",
      outcomes: "No more seized devices.",
      organisation: "A network of community radios since 2011.",
    },
  });
  await applicantRequest("PUT", `/api/v1/applications/${id}/funding`, token, {
    amount: 20_000,
    annualBudget: 15_000,
    months: 12,
  });
  return { id, token };
}

async function submit(id: string, token: string) {
  expect((await applicantRequest("POST", `/api/v1/applications/${id}/submit`, token)).status).toBe(200);
}

const download = (id: string, session: string) =>
  staffRequest("GET", `/api/v1/review/applications/${id}/budget-file`, session);

const staffView = async (id: string, session: string) =>
  (await (await staffRequest("GET", `/api/v1/review/applications/${id}`, session)).json()) as StaffView;

/** Every object in this test file's bucket under `prefix`. */
async function objects(prefix: string): Promise<string[]> {
  const s3 = await Storage.s3();
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: Storage.bucketName(), Prefix: prefix }));
  return (listed.Contents ?? []).map((object) => object.Key!);
}

async function exists(key: string): Promise<boolean> {
  try {
    await (await Storage.s3()).send(new HeadObjectCommand({ Bucket: Storage.bucketName(), Key: key }));
    return true;
  } catch {
    return false;
  }
}

describe("an accepted budget file cannot change", () => {
  it("serves the checked PDF even when the same upload form later sends an executable", async () => {
    const { id, token } = await grantDraft();
    const { form, confirmed } = await upload(id, token, pdf(), "application/pdf", "budget.pdf");
    expect(confirmed.status).toBe(200);
    expect(await exists(form.fields["key"]!)).toBe(false);

    await post(form, windowsExecutable(), "budget.pdf"); // the form is still valid for 15 minutes
    // Confirming again finds nothing pending: what the form wrote afterwards is never read.
    const again = await confirm(id, token);
    expect(again.status).toBe(422);
    expect(((await again.json()) as Problem).code).toBe("upload.nothing_pending");
    await submit(id, token);

    const response = await download(id, coordinator.session);
    expect(response.status).toBe(200);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(Buffer.from(bytes).equals(pdf())).toBe(true);
    expect(sha256(bytes)).toBe(sha256(pdf()));
    expect((await staffView(id, coordinator.session)).budgetFile?.sha256).toBe(sha256(pdf()));
  });

  it("keeps the accepted copy at a key that names no application, and the upload key names none either", async () => {
    const { id, token } = await grantDraft();
    const form = await uploadForm(id, token, "application/pdf", "budget.pdf", pdf().length);
    expect(form.fields["key"]).toMatch(/^uploads\/[0-9a-f-]{36}$/);
    expect(form.fields["key"]).not.toContain(id);
    await post(form, pdf(), "budget.pdf");
    expect((await confirm(id, token)).status).toBe(200);
    const item = (await Dynamo.get(Dynamo.Key.application(id)))!;
    const stored = item["budgetFile"] as { key: string; sha256?: string };
    expect(stored.key).toMatch(/^accepted\/[0-9a-f-]{36}$/);
    expect(stored.key).not.toContain(id);
    // The hash of what was checked is kept, sealed with the content (a hash in the clear confirms a guess).
    expect(stored.sha256).toBeUndefined();
    expect((await Application.fromID(id))!.budgetFile!.sha256).toBe(sha256(pdf()));
    expect(item).not.toHaveProperty("pendingUpload");
  });
});

describe("the download name", () => {
  it("takes its extension from the bytes: budget.exe holding a PDF downloads as budget.pdf, an attachment", async () => {
    const { id, token } = await grantDraft();
    const { confirmed } = await upload(id, token, pdf(), "application/pdf", "budget.exe");
    expect(confirmed.status).toBe(200);
    expect(((await confirmed.json()) as { budgetFile: { fileName: string } }).budgetFile.fileName).toBe("budget.pdf");
    await submit(id, token);

    for (const response of [
      await download(id, coordinator.session),
      await staffApp.request(`/staff/applications/${id}/budget-file`, {
        headers: { Cookie: `staff_session=${coordinator.session}` },
      }),
    ]) {
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/pdf");
      expect(response.headers.get("content-disposition")).toBe("attachment; filename*=UTF-8''budget.pdf");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("cache-control")).toBe("no-store");
    }
  });

  it("keeps the applicant's base name, made safe", async () => {
    const { id, token } = await grantDraft();
    const { confirmed } = await upload(id, token, pdf(), "application/pdf", 'presupuesto "2026"<script>.html');
    const { budgetFile } = (await confirmed.json()) as { budgetFile: { fileName: string } };
    expect(budgetFile.fileName).toBe("presupuesto _2026__script_.pdf");
  });
});

describe("dangerous content", () => {
  it("refuses a zip bomb spreadsheet with 422 naming why, and deletes it, but takes a real one", async () => {
    const { id, token } = await grantDraft();
    const before = await objects("accepted/");
    const { form, confirmed } = await upload(id, token, zipBombXlsx(), xlsxType, "budget.xlsx");
    expect(confirmed.status).toBe(422);
    const problem = (await confirmed.json()) as Problem;
    expect(problem.code).toBe("upload.zip_bomb");
    expect(problem.detail).toContain("zip bomb");
    expect(await exists(form.fields["key"]!)).toBe(false);
    expect(await objects("accepted/")).toEqual(before);
    const app = (await (await applicantRequest("GET", `/api/v1/applications/${id}`, token)).json()) as object;
    expect(app).not.toHaveProperty("budgetFile");
    // A spreadsheet as a program writes it (deflated XML, in proportion) passes the same check.
    expect((await upload(id, token, deflatedXlsx(), xlsxType, "budget.xlsx")).confirmed.status).toBe(200);
  });

  it.each([
    ["JavaScript run on opening", pdfWithJavaScript(), "upload.pdf_script"],
    ["JavaScript behind escaped names", pdfWithEscapedJavaScript(), "upload.pdf_script"],
    ["JavaScript inside a compressed object stream", pdfWithHiddenJavaScript(), "upload.pdf_script"],
    ["a launch action", pdfWithLaunch(), "upload.pdf_launch"],
    ["an embedded file", pdfWithEmbeddedFile(), "upload.pdf_embedded"],
    ["an opening action that reaches a Windows share", pdfCallingHome(), "upload.pdf_action"],
  ])("refuses a PDF with %s (422) and deletes it", async (_, bytes, code) => {
    const { id, token } = await grantDraft();
    const before = await objects("accepted/");
    const { form, confirmed } = await upload(id, token, bytes, "application/pdf", "budget.pdf");
    expect(confirmed.status).toBe(422);
    expect(((await confirmed.json()) as Problem).code).toBe(code);
    expect(await exists(form.fields["key"]!)).toBe(false);
    expect(await objects("accepted/")).toEqual(before);
  });

  it("accepts a CSV with formula cells but warns staff, on the page before the link and in the API", async () => {
    const { id, token } = await grantDraft();
    const { confirmed } = await upload(id, token, csvWithFormulas(), "text/csv", "budget.csv");
    expect(confirmed.status).toBe(200);
    await submit(id, token);

    const view = await staffView(id, coordinator.session);
    expect(view.budgetFile?.warnings).toEqual([{ code: "csv_formula", cells: 3, first: "A3" }]);
    const page = await (
      await staffApp.request(`/staff/applications/${id}`, {
        headers: { Cookie: `staff_session=${coordinator.session}` },
      })
    ).text();
    const warning = page.indexOf("3 cells of this CSV start like a spreadsheet formula (the first is A3)");
    expect(warning).toBeGreaterThan(-1);
    expect(warning).toBeLessThan(page.indexOf(`href="/staff/applications/${id}/budget-file"`));
    expect(page).not.toContain("cmd|");
  });
});

describe("staff downloads", () => {
  it("are recorded as audit events, one per download, that coordinators see on the application", async () => {
    const { id, token } = await grantDraft();
    await upload(id, token, pdf(), "application/pdf", "budget.pdf");
    await submit(id, token);
    await staffRequest("POST", `/api/v1/review/applications/${id}/assign`, coordinator.session, {
      reviewerIds: [reviewer.user.id],
    });

    // Same access as the application: an undeclared reviewer gets 403, and nothing is recorded.
    expect((await download(id, reviewer.session)).status).toBe(403);
    await staffRequest("POST", `/api/v1/review/applications/${id}/conflict`, reviewer.session, { conflict: false });
    expect((await download(id, reviewer.session)).status).toBe(200);
    const page = await staffApp.request(`/staff/applications/${id}/budget-file`, {
      headers: { Cookie: `staff_session=${coordinator.session}` },
    });
    expect(page.status).toBe(200);

    const downloads = (await staffView(id, coordinator.session)).events!.filter(
      (event) => event.type === "budget_file_downloaded",
    );
    expect(downloads.map((event) => event.actor)).toEqual([`user:${reviewer.user.id}`, `user:${coordinator.user.id}`]);
    for (const event of downloads) expect(Date.parse(event.at)).toBeGreaterThan(Date.now() - 60_000);
    const html = await (
      await staffApp.request(`/staff/applications/${id}`, {
        headers: { Cookie: `staff_session=${coordinator.session}` },
      })
    ).text();
    expect(html).toContain("downloaded the budget file");
  });

  it("answer 404 to a staff member who may not read the application, and without a session 401", async () => {
    const { id, token } = await grantDraft();
    await upload(id, token, pdf(), "application/pdf", "budget.pdf");
    await submit(id, token);
    const outsider = await signIn((await staffAccount(["reviewer"], ["concept-notes-2026"])).email);
    expect((await download(id, outsider.session)).status).toBe(404);
    expect((await staffRequest("GET", `/api/v1/review/applications/${id}/budget-file`)).status).toBe(401);
    const events = (await staffView(id, coordinator.session)).events!;
    expect(events.filter((event) => event.type === "budget_file_downloaded")).toEqual([]);
  });
});
