import { formatNumber } from "@amparo/core/i18n";
import { HeadObjectCommand } from "@aws-sdk/client-s3";
import * as Call from "@amparo/core/call";
import * as Dynamo from "@amparo/core/dynamo";
import * as Retention from "@amparo/core/retention";
import * as Stage from "@amparo/core/stage";
import * as Account from "@amparo/core/account";
import * as Storage from "@amparo/core/storage";
import { describe, expect, it } from "vitest";
import {
  applicantRequest,
  confirmContact,
  emergencyAnswers,
  grantAnswers,
  inbox,
  startApplication,
  uniqueEmail,
  uploadBudget,
} from "../support/applications.js";
import { csv, ods, pdf, windowsExecutable, xlsx } from "../support/files.js";
import { everyItem, postJson } from "../support/http.js";

type Problem = { status: number; detail: string; errors?: { path: string; message: string }[] };

const emergencyNote = {
  situation: "Our phones were seized at a checkpoint and our messaging accounts show logins from unknown devices.",
  need: "Two replacement phones and a month of secure hosting for our documentation site.",
};

async function ready(callId: "digital-emergency" | "concept-notes-2026", extra: Record<string, unknown> = {}) {
  const created = await startApplication(callId, extra);
  const { id, token } = created;
  if (callId === "digital-emergency") {
    expect(
      (await applicantRequest("PUT", `/api/v1/applications/${id}/concept-note`, token, { fields: emergencyNote }))
        .status,
    ).toBe(200);
    expect(
      (
        await applicantRequest("PUT", `/api/v1/applications/${id}/funding`, token, {
          amount: 2_400,
          annualBudget: 0,
          months: 3,
        })
      ).status,
    ).toBe(200);
  }
  return created;
}

const isItem = (item: Record<string, unknown>, key: { pk: string; sk: string }) =>
  item["pk"] === key.pk && item["sk"] === key.sk;
const eventsOf = async (id: string) => {
  const events = Dynamo.Collection.events({ application: id });
  return (await everyItem()).filter(
    (item) => item["pk"] === events.pk && String(item["sk"]).startsWith(events.skPrefix),
  );
};

describe("creating an application", () => {
  it("returns a random id and a long access code once, and stores only the code's hash", async () => {
    const response = await postJson("/api/v1/applications", {
      callId: "digital-emergency",
      language: "es",
      eligibility: { answers: emergencyAnswers },
    });
    expect(response.status).toBe(201);
    const created = (await response.json()) as { id: string; token: string; stage: string };
    expect(created.stage).toBe("draft");
    expect(created.id).toMatch(/^[a-z0-9]{26}$/);
    expect(created.token).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
    const stored = JSON.stringify(await everyItem());
    expect(stored).not.toContain(created.token);
    expect(stored).not.toContain(created.token.replace(/-/g, ""));
  });

  it("re-checks eligibility on the server: ineligible answers get 422 with the reasons and store nothing", async () => {
    const before = JSON.stringify(await everyItem());
    const response = await postJson("/api/v1/applications?lang=pt", {
      callId: "digital-emergency",
      language: "pt",
      eligibility: { answers: { ...emergencyAnswers, country: "FR" } },
      contact: { email: "someone@example.org" },
    });
    expect(response.status).toBe(422);
    const problem = (await response.json()) as Problem;
    expect(problem.errors).toEqual([
      {
        path: "eligibility.answers.country",
        message: "Este fundo atende pessoas defensoras que vivem na América Latina e no Sudeste Asiático.",
      },
    ]);
    expect(JSON.stringify(await everyItem())).toBe(before);
  });

  it("refuses a closed call with 409", async () => {
    const emergency = await Call.get("digital-emergency");
    await Call.put({ ...emergency, id: "paused-fund", paused: true });
    const response = await postJson("/api/v1/applications", {
      callId: "paused-fund",
      language: "en",
      eligibility: { answers: emergencyAnswers },
    });
    expect(response.status).toBe(409);
  });

  it("answers 400 for a malformed contact address and 404 for an unknown call", async () => {
    const bad = await postJson("/api/v1/applications", {
      callId: "digital-emergency",
      language: "es",
      eligibility: { answers: emergencyAnswers },
      contact: { email: "not an address" },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Problem).errors?.[0]?.path).toBe("contact.email");
    const unknown = await postJson("/api/v1/applications", {
      callId: "nope",
      language: "es",
      eligibility: { answers: {} },
    });
    expect(unknown.status).toBe(404);
  });
});

describe("access", () => {
  it("answers 404 without the code, with a wrong code, or with another application's code", async () => {
    const mine = await startApplication("digital-emergency");
    const theirs = await startApplication("digital-emergency");
    const path = `/api/v1/applications/${mine.id}`;
    expect((await applicantRequest("GET", path, mine.token)).status).toBe(200);
    expect((await applicantRequest("GET", path, theirs.token)).status).toBe(404);
    expect((await applicantRequest("GET", path, "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH")).status).toBe(404);
    const none = await postJson(path, {});
    expect([404, 405]).toContain(none.status);
    const noToken = await applicantRequest("GET", path, "");
    expect(noToken.status).toBe(404);
    expect(noToken.headers.get("content-type")).toMatch(/problem\+json/);
    expect((await applicantRequest("GET", "/api/v1/applications/does-not-exist", mine.token)).status).toBe(404);
  });

  it("accepts the code typed loosely: lower case, without dashes", async () => {
    const { id, token } = await startApplication("digital-emergency");
    const loose = token.toLowerCase().replace(/-/g, " ");
    expect((await applicantRequest("GET", `/api/v1/applications/${id}`, loose)).status).toBe(200);
  });
});

describe("the concept note", () => {
  it("saves a draft over the limit and reports words per field", async () => {
    const { id, token } = await startApplication("digital-emergency");
    const long = Array.from({ length: 320 }, (_, index) => `word${index}`).join(" ");
    const response = await applicantRequest("PUT", `/api/v1/applications/${id}/concept-note`, token, {
      fields: { situation: long, need: "Two phones." },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      fields: {
        situation: { words: 320, maxWords: 300, ok: false },
        need: { words: 2, maxWords: 250, ok: true },
        timeline: { words: 0, maxWords: 100, ok: true },
      },
      complete: false,
    });
    const saved = (await (await applicantRequest("GET", `/api/v1/applications/${id}`, token)).json()) as {
      conceptNote: { fields: Record<string, string> };
    };
    expect(saved.conceptNote.fields["situation"]).toBe(long);
  });

  it("counts words in Thai, which has no spaces between words", async () => {
    const response = await postJson("/api/v1/applications", {
      callId: "concept-notes-2026",
      language: "th",
      eligibility: { answers: grantAnswers },
    });
    const { id, token } = (await response.json()) as { id: string; token: string };
    // "We train women human rights defenders in digital security" (ten words in Thai, no spaces).
    const thai = "เราฝึกอบรมนักปกป้องสิทธิมนุษยชนหญิงด้านความปลอดภัยดิจิทัล";
    const report = (await (
      await applicantRequest("PUT", `/api/v1/applications/${id}/concept-note`, token, { fields: { problem: thai } })
    ).json()) as { fields: Record<string, { words: number }> };
    expect(report.fields["problem"]!.words).toBeGreaterThanOrEqual(8);
    expect(thai.split(/\s+/)).toHaveLength(1);
  });

  it("refuses fields the call does not have (400) and changes nothing", async () => {
    const { id, token } = await startApplication("digital-emergency");
    const response = await applicantRequest("PUT", `/api/v1/applications/${id}/concept-note`, token, {
      fields: { situation: "x", favourite_colour: "blue" },
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as Problem).errors).toEqual([
      { path: "fields.favourite_colour", message: "This field is not part of the concept note." },
    ]);
    const saved = (await (await applicantRequest("GET", `/api/v1/applications/${id}`, token)).json()) as {
      conceptNote: { fields: Record<string, string> };
    };
    expect(saved.conceptNote.fields).toEqual({});
  });

  it("is stored as ciphertext: no raw item holds the note or the contact address", async () => {
    const email = uniqueEmail();
    const { id, token } = await startApplication("digital-emergency", { contact: { email } });
    const secret = "Paramilitaries photographed our office in Tumaco on Tuesday";
    await applicantRequest("PUT", `/api/v1/applications/${id}/concept-note`, token, { fields: { situation: secret } });
    const raw = (await everyItem()).find((item) => isItem(item, Dynamo.Key.application(id)))!;
    expect(typeof raw["sealed"]).toBe("string");
    expect(Buffer.from(String(raw["sealed"]), "base64").length).toBeGreaterThan(100);
    const everything = JSON.stringify(await everyItem());
    for (const plaintext of [secret, "Tumaco", email]) expect(everything).not.toContain(plaintext);
    // And the applicant still reads it back.
    const back = (await (await applicantRequest("GET", `/api/v1/applications/${id}`, token)).json()) as {
      conceptNote: { fields: Record<string, string> };
    };
    expect(back.conceptNote.fields["situation"]).toBe(secret);
  });

  it("keeps no amount in the clear: what was asked, the annual budget, the months, and what was granted", async () => {
    const { id, token } = await startApplication("digital-emergency");
    await applicantRequest("PUT", `/api/v1/applications/${id}/concept-note`, token, { fields: emergencyNote });
    const funding = { amount: 7_913, annualBudget: 18_457, months: 4 };
    expect((await applicantRequest("PUT", `/api/v1/applications/${id}/funding`, token, funding)).status).toBe(200);
    expect((await applicantRequest("POST", `/api/v1/applications/${id}/submit`, token)).status).toBe(200);
    const coordinator = (await Account.create({
      email: uniqueEmail(),
      roles: ["coordinator"],
      callIds: ["digital-emergency"],
    }))!;
    let { version } = (await (await applicantRequest("GET", `/api/v1/applications/${id}`, token)).json()) as {
      version: number;
    };
    ({ version } = await Stage.transition(coordinator, id, { to: "in_review", version }));
    await Stage.transition(coordinator, id, { to: "approved", version, amount: 7_651 });

    const partition = Dynamo.Key.application(id).pk;
    const stored = JSON.stringify((await everyItem()).filter((item) => item["pk"] === partition));
    for (const figure of ["7913", "18457", "7651"]) expect(stored).not.toContain(figure);
    expect(stored).not.toMatch(/"(funding|amount|annualBudget|months|approvedAmount)"/);
    // The applicant still reads every figure back.
    const back = (await (await applicantRequest("GET", `/api/v1/applications/${id}`, token)).json()) as {
      funding: typeof funding;
      decision: { outcome: string; amount: number };
    };
    expect(back.funding).toEqual(funding);
    expect(back.decision).toEqual({ outcome: "approved", amount: 7_651 });
  });

  it("keeps the budget file's hash sealed: a hash could confirm a guessed file", async () => {
    const { id, token } = await startApplication("digital-emergency");
    await uploadBudget(id, token, pdf(), "application/pdf", "budget.pdf");
    const confirmed = await applicantRequest("POST", `/api/v1/applications/${id}/budget-file/confirm`, token);
    const { budgetFile } = (await confirmed.json()) as { budgetFile: { sha256: string } };
    expect(budgetFile.sha256).toMatch(/^[0-9a-f]{64}$/);
    const partition = Dynamo.Key.application(id).pk;
    const stored = JSON.stringify((await everyItem()).filter((item) => item["pk"] === partition));
    expect(stored).not.toContain(budgetFile.sha256);
  });
});

describe("funding rules", () => {
  it("names each broken rule of the grant call: minimum, twice the annual budget, months", async () => {
    const { id, token } = await startApplication("concept-notes-2026");
    const response = await applicantRequest("PUT", `/api/v1/applications/${id}/funding?lang=es`, token, {
      amount: 12_000,
      annualBudget: 5_000,
      months: 18,
    });
    expect(response.status).toBe(422);
    const problem = (await response.json()) as Problem;
    expect(problem.errors).toEqual([
      { path: "amount", message: `El monto es inferior al mínimo de ${formatNumber("es", 15_000)} USD.` },
      {
        path: "amount",
        message: `El monto puede ser como máximo 2 veces su presupuesto anual, es decir ${formatNumber("es", 10_000)}.`,
      },
      { path: "months", message: "Las actividades pueden durar como máximo 12 meses." },
    ]);
    const stored = (await (await applicantRequest("GET", `/api/v1/applications/${id}`, token)).json()) as object;
    expect(stored).not.toHaveProperty("funding");
  });

  it("accepts a request at exactly twice the annual budget, and refuses one above the maximum", async () => {
    const { id, token } = await startApplication("concept-notes-2026");
    const path = `/api/v1/applications/${id}/funding`;
    expect(
      (await applicantRequest("PUT", path, token, { amount: 20_000, annualBudget: 10_000, months: 12 })).status,
    ).toBe(200);
    const over = await applicantRequest("PUT", path, token, { amount: 30_000, annualBudget: 100_000, months: 12 });
    expect(((await over.json()) as Problem).errors?.map((error) => error.path)).toEqual(["amount"]);
  });

  it("holds the emergency fund to four months", async () => {
    const { id, token } = await startApplication("digital-emergency");
    const response = await applicantRequest("PUT", `/api/v1/applications/${id}/funding`, token, {
      amount: 3_000,
      annualBudget: 0,
      months: 5,
    });
    expect(((await response.json()) as Problem).errors).toEqual([
      { path: "months", message: "The activities may last at most 4 months." },
    ]);
  });

  it("answers 400 for amounts that are not whole numbers", async () => {
    const { id, token } = await startApplication("digital-emergency");
    const response = await applicantRequest("PUT", `/api/v1/applications/${id}/funding`, token, {
      amount: "lots",
      annualBudget: 1.5,
      months: 3,
    });
    expect(response.status).toBe(400);
  });
});

describe("the budget file", () => {
  it("gives a presigned POST whose policy fixes the key prefix, the type and the size range", async () => {
    const { id, token } = await startApplication("concept-notes-2026");
    const response = await applicantRequest("POST", `/api/v1/applications/${id}/budget-file/upload`, token, {
      fileName: "presupuesto.xlsx",
      contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      size: 20_000,
    });
    expect(response.status).toBe(200);
    const { fields, expiresAt } = (await response.json()) as { fields: Record<string, string>; expiresAt: string };
    // The key names no application (S3 appends it to its redirect, into the browser's history).
    expect(fields["key"]).toMatch(/^uploads\/[0-9a-f-]{36}$/);
    const policy = JSON.parse(Buffer.from(fields["Policy"]!, "base64").toString("utf8")) as { conditions: unknown[] };
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ["content-length-range", 1, 10 * 1024 * 1024],
        ["eq", "$Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
        { key: fields["key"] },
      ]),
    );
    expect(new Date(expiresAt).getTime()).toBeGreaterThan(Date.now());
  });

  it.each([
    ["CSV", csv(), "text/csv", "budget.csv"],
    ["PDF", pdf(), "application/pdf", "budget.pdf"],
    ["XLSX", xlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "budget.xlsx"],
    ["ODS", ods(), "application/vnd.oasis.opendocument.spreadsheet", "budget.ods"],
  ])("accepts a real %s posted straight to S3 with the presigned fields", async (_, file, type, name) => {
    const { id, token } = await startApplication("concept-notes-2026");
    const posted = await uploadBudget(id, token, file, type, name);
    expect(posted.status).toBeLessThan(300);
    const confirm = await applicantRequest("POST", `/api/v1/applications/${id}/budget-file/confirm`, token);
    expect(confirm.status).toBe(200);
    const { budgetFile } = (await confirm.json()) as { budgetFile: Record<string, unknown> };
    expect(budgetFile).toEqual({
      fileName: name,
      contentType: type,
      size: file.length,
      sha256: (await import("node:crypto")).createHash("sha256").update(file).digest("hex"),
    });
  });

  it("deletes an executable renamed budget.xlsx and answers 422", async () => {
    const { id, token } = await startApplication("concept-notes-2026");
    const presigned = await applicantRequest("POST", `/api/v1/applications/${id}/budget-file/upload`, token, {
      fileName: "budget.xlsx",
      contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      size: 512,
    });
    const { url, fields } = (await presigned.json()) as { url: string; fields: Record<string, string> };
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append("file", new Blob([new Uint8Array(windowsExecutable())]), "budget.xlsx");
    expect((await fetch(url, { method: "POST", body: form })).status).toBeLessThan(300);

    const confirm = await applicantRequest("POST", `/api/v1/applications/${id}/budget-file/confirm`, token);
    expect(confirm.status).toBe(422);
    expect(((await confirm.json()) as Problem).detail).toBe(
      "The file's contents are not of the type chosen, so it was deleted.",
    );
    await expect(
      (await Storage.s3()).send(new HeadObjectCommand({ Bucket: Storage.bucketName(), Key: fields["key"]! })),
    ).rejects.toMatchObject({ name: "NotFound" });
    const app = (await (await applicantRequest("GET", `/api/v1/applications/${id}`, token)).json()) as object;
    expect(app).not.toHaveProperty("budgetFile");
  });

  it("deletes a file larger than the limit even when the upload itself was not stopped", async () => {
    const { id, token } = await startApplication("digital-emergency");
    const big = Buffer.concat([csv(), Buffer.alloc(5 * 1024 * 1024 + 10, "1,2\n")]);
    const posted = await uploadBudget(id, token, big, "text/csv", "budget.csv", 1_000);
    expect(posted.status).toBeLessThan(300); // the stand-in does not enforce the policy; the app must
    const confirm = await applicantRequest("POST", `/api/v1/applications/${id}/budget-file/confirm`, token);
    expect(confirm.status).toBe(422);
  });

  it("refuses a disallowed type or a size over the limit before any upload (422)", async () => {
    const { id, token } = await startApplication("digital-emergency");
    const path = `/api/v1/applications/${id}/budget-file/upload`;
    const exe = await applicantRequest("POST", path, token, {
      fileName: "x.exe",
      contentType: "application/x-msdownload",
      size: 10,
    });
    expect(exe.status).toBe(422);
    const big = await applicantRequest("POST", path, token, {
      fileName: "b.pdf",
      contentType: "application/pdf",
      size: 6 * 1024 * 1024,
    });
    expect(((await big.json()) as Problem).errors?.map((error) => error.path)).toEqual(["size"]);
    const nothing = await applicantRequest("POST", `/api/v1/applications/${id}/budget-file/confirm`, token);
    expect(nothing.status).toBe(422);
  });

  it("answers 422 when the file never arrived", async () => {
    const { id, token } = await startApplication("digital-emergency");
    await applicantRequest("POST", `/api/v1/applications/${id}/budget-file/upload`, token, {
      fileName: "b.pdf",
      contentType: "application/pdf",
      size: 100,
    });
    const confirm = await applicantRequest("POST", `/api/v1/applications/${id}/budget-file/confirm`, token);
    expect(confirm.status).toBe(422);
    expect(((await confirm.json()) as Problem).detail).toBe("No file was received. Please upload it again.");
  });
});

describe("submitting", () => {
  it("lists everything missing at once (422) and changes nothing", async () => {
    const { id, token } = await startApplication("concept-notes-2026");
    await applicantRequest("PUT", `/api/v1/applications/${id}/concept-note`, token, {
      fields: { problem: Array.from({ length: 401 }, () => "palabra").join(" ") },
    });
    const response = await applicantRequest("POST", `/api/v1/applications/${id}/submit?lang=es`, token);
    expect(response.status).toBe(422);
    const problem = (await response.json()) as Problem;
    expect(problem.errors?.map((error) => error.path)).toEqual([
      "conceptNote.problem",
      "conceptNote.approach",
      "conceptNote.outcomes",
      "conceptNote.organisation",
      "funding",
      "budgetFile",
    ]);
    expect(problem.errors?.[0]?.message).toBe("El problema: 401 palabras, más de las 400 permitidas.");
    expect(problem.errors?.[1]?.message).toBe("Lo que harán: escriba esta parte.");
    const app = (await (await applicantRequest("GET", `/api/v1/applications/${id}`, token)).json()) as {
      stage: string;
    };
    expect(app.stage).toBe("draft");
  });

  it("submits once: again, or with the same Idempotency-Key, answers the same and sends one email", async () => {
    const email = uniqueEmail();
    const { id, token } = await ready("digital-emergency", { contact: { email } });
    await confirmContact(email);
    const path = `/api/v1/applications/${id}/submit`;
    const first = await applicantRequest("POST", path, token, undefined, { "Idempotency-Key": "k-1" });
    expect(first.status).toBe(200);
    const answer = (await first.json()) as { stage: string; submittedAt: string; decisionDueAt: string };
    expect(answer.stage).toBe("submitted");
    const days = (Date.parse(answer.decisionDueAt) - Date.parse(answer.submittedAt)) / 86_400_000;
    expect(days).toBe(14);

    for (const headers of [{ "Idempotency-Key": "k-1" }, {}, { "Idempotency-Key": "k-2" }]) {
      const again = await applicantRequest("POST", path, token, undefined, headers);
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual(answer);
    }
    expect((await eventsOf(id)).filter((event) => event["type"] === "submitted")).toHaveLength(1);

    // The confirmation came first; then one update, however many times it was submitted.
    const mails = (await inbox(email)).slice(1);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe("Novedad");
    expect(mails[0]!.body.text).not.toMatch(/phones|seized|Tumaco|2400|2\.400/);
    expect(mails[0]!.body.text).toContain("/apply/resume");
  });

  it("answers a repeated Idempotency-Key with the first answer, even after the application has moved on", async () => {
    const { id, token } = await ready("digital-emergency");
    const path = `/api/v1/applications/${id}/submit`;
    const keyed = { "Idempotency-Key": "retry-after-timeout" };
    const simultaneous = await Promise.all(
      Array.from({ length: 4 }, () => applicantRequest("POST", path, token, undefined, keyed)),
    );
    const bodies = await Promise.all(simultaneous.map((answer) => answer.json()));
    expect(new Set(bodies.map((body) => JSON.stringify(body))).size).toBe(1);
    const first = bodies[0] as { stage: string; submittedAt: string };
    expect(first.stage).toBe("submitted");

    const coordinator = (await Account.create({
      email: uniqueEmail(),
      roles: ["coordinator"],
      callIds: ["digital-emergency"],
    }))!;
    const { version } = (await (await applicantRequest("GET", `/api/v1/applications/${id}`, token)).json()) as {
      version: number;
    };
    await Stage.transition(coordinator, id, { to: "in_review", version });

    const repeated = await applicantRequest("POST", path, token, undefined, keyed);
    expect(await repeated.json()).toEqual(first);
    const unkeyed = await applicantRequest("POST", path, token);
    expect(((await unkeyed.json()) as { stage: string }).stage).toBe("in_review");
    expect((await eventsOf(id)).filter((event) => event["type"] === "submitted")).toHaveLength(1);
  });

  it("makes one transition out of simultaneous submits", async () => {
    const { id, token } = await ready("digital-emergency");
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => applicantRequest("POST", `/api/v1/applications/${id}/submit`, token)),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(200));
    const bodies = await Promise.all(answers.map((answer) => answer.json()));
    expect(new Set(bodies.map((body) => JSON.stringify(body))).size).toBe(1);
    expect((await eventsOf(id)).filter((event) => event["type"] === "submitted")).toHaveLength(1);
  });

  it("refuses edits after submission with 409 and keeps what was submitted", async () => {
    const { id, token } = await ready("digital-emergency");
    await applicantRequest("POST", `/api/v1/applications/${id}/submit`, token);
    const note = await applicantRequest("PUT", `/api/v1/applications/${id}/concept-note`, token, {
      fields: { situation: "changed" },
    });
    expect(note.status).toBe(409);
    const funding = await applicantRequest("PUT", `/api/v1/applications/${id}/funding`, token, {
      amount: 1,
      annualBudget: 0,
      months: 1,
    });
    expect(funding.status).toBe(409);
    const upload = await applicantRequest("POST", `/api/v1/applications/${id}/budget-file/upload`, token, {
      fileName: "b.csv",
      contentType: "text/csv",
      size: 10,
    });
    expect(upload.status).toBe(409);
    const app = (await (await applicantRequest("GET", `/api/v1/applications/${id}`, token)).json()) as {
      conceptNote: { fields: Record<string, string> };
      funding: { amount: number };
    };
    expect(app.conceptNote.fields["situation"]).toBe(emergencyNote.situation);
    expect(app.funding.amount).toBe(2_400);
  });

  it("needs the budget file when the call requires one", async () => {
    const { id, token } = await startApplication("concept-notes-2026");
    const fields = {
      problem: "Trolls.",
      approach: "Training.",
      outcomes: "Safer people.",
      organisation: "Since 2015.",
    };
    await applicantRequest("PUT", `/api/v1/applications/${id}/concept-note`, token, { fields });
    await applicantRequest("PUT", `/api/v1/applications/${id}/funding`, token, {
      amount: 18_000,
      annualBudget: 20_000,
      months: 12,
    });
    const missing = await applicantRequest("POST", `/api/v1/applications/${id}/submit`, token);
    expect(((await missing.json()) as Problem).errors?.map((error) => error.path)).toEqual(["budgetFile"]);
    await uploadBudget(id, token, pdf(), "application/pdf", "budget.pdf");
    await applicantRequest("POST", `/api/v1/applications/${id}/budget-file/confirm`, token);
    const submitted = await applicantRequest("POST", `/api/v1/applications/${id}/submit`, token);
    expect(submitted.status).toBe(200);
  });
});

describe("withdrawing", () => {
  it("withdraws before a decision and marks the content for deletion after the retention period", async () => {
    const { id, token } = await ready("digital-emergency");
    await applicantRequest("POST", `/api/v1/applications/${id}/submit`, token);
    const response = await applicantRequest("POST", `/api/v1/applications/${id}/withdraw`, token);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ stage: "withdrawn" });
    const raw = (await everyItem()).find((item) => isItem(item, Dynamo.Key.application(id)))!;
    // Deleted by the retention sweep (test/api/retention.test.ts), not by TTL: no `expiresAt` to race it.
    expect(raw["expiresAt"]).toBeUndefined();
    const due = Retention.dueAt(raw as Retention.Retained, await Call.get("digital-emergency"))!;
    const days = (due.getTime() - Date.now()) / 86_400_000;
    expect(Math.round(days)).toBe(180);
    expect((await eventsOf(id)).map((event) => event["type"]).sort()).toEqual(["created", "submitted", "withdrawn"]);
  });

  it("answers 409 after a decision", async () => {
    const { id, token } = await ready("digital-emergency");
    await applicantRequest("POST", `/api/v1/applications/${id}/submit`, token);
    await Dynamo.update(Dynamo.Key.application(id), { set: { stage: "approved" } });
    const response = await applicantRequest("POST", `/api/v1/applications/${id}/withdraw`, token);
    expect(response.status).toBe(409);
  });
});

describe("nothing a client sends gives a 5xx", () => {
  it("answers every route's garbage with a 4xx problem", async () => {
    const { id, token } = await startApplication("digital-emergency");
    const bodies = [
      '{"',
      "[]",
      "null",
      '{"fields": 5}',
      '{"amount": {"$gt": 0}}',
      JSON.stringify({ fileName: "../../etc/passwd", contentType: "text/csv", size: -1 }),
    ];
    const routes: [string, string][] = [
      ["POST", "/api/v1/applications"],
      ["PUT", `/api/v1/applications/${id}/concept-note`],
      ["PUT", `/api/v1/applications/${id}/funding`],
      ["POST", `/api/v1/applications/${id}/budget-file/upload`],
    ];
    for (const [method, path] of routes) {
      for (const body of bodies) {
        const { app } = await import("@amparo/functions/apply/index");
        const response = await app.request(path, {
          method,
          headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
          body,
        });
        expect(response.status, `${method} ${path} ${body}`).toBeGreaterThanOrEqual(400);
        expect(response.status, `${method} ${path} ${body}`).toBeLessThan(500);
      }
    }
  });
});
