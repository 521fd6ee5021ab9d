import * as Application from "@amparo/core/application";
import * as Config from "@amparo/core/config";
import { formatDate, t } from "@amparo/core/i18n";
import { app as apply } from "@amparo/functions/apply/index";
import { describe, expect, it } from "vitest";
import { startApplication } from "../support/applications.js";
import { passTo } from "../support/clock.js";
import { pdf } from "../support/files.js";
import { shortlistedGrant } from "../support/full-application.js";
import { khmerText } from "../support/notes.js";
import { everyItem, postForm } from "../support/http.js";

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

const decode = (value: string) =>
  value
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");

const cookieFor = (token: string) => ({ Cookie: `access=${token}` });

async function page(path: string, token: string) {
  const response = await apply.request(path, { headers: cookieFor(token) });
  return { status: response.status, html: await response.text() };
}

const fullOf = async (id: string) => (await Application.fromID(id))!.fullApplication!;

/** The full application's text, every required field written within its limit. */
const written: [string, string][] = [
  ["context", "Las amenazas en línea contra defensoras crecieron este año en las tres provincias."],
  ["activities", "Doce talleres, una línea de ayuda y acompañamiento mes a mes durante un año."],
  ["risks", "Cuidamos los datos de las participantes y nos reunimos solo en lugares seguros."],
  ["sustainability", ""],
];

/** Uploads one document through its pages: the type, the presigned form straight to S3, and the check on return. */
async function uploadDocument(token: string, documentId: string) {
  const chosen = await postForm(`/apply/my/full-application/documents/${documentId}`, [["type", "application/pdf"]], {
    ...cookieFor(token),
  });
  expect(chosen.status).toBe(200);
  const html = await chosen.text();
  const action = /<form method="post" action="([^"]+)" enctype="multipart\/form-data">/.exec(html)?.[1];
  const fields = [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g)];
  const body = new FormData();
  for (const [, name, value] of fields) body.append(name!, decode(value!));
  body.append("file", new Blob([new Uint8Array(pdf())], { type: "application/pdf" }), "plan.pdf");
  const sent = await fetch(decode(action!), { method: "POST", body, redirect: "manual" });
  const back = new URL(sent.headers.get("location")!);
  expect(back.pathname).toBe(`/apply/my/full-application/documents/${documentId}/uploaded`);
  const checked = await apply.request(`${back.pathname}${back.search}`, { headers: cookieFor(token) });
  // The check leads on to the document's own page (post/redirect/get), unless it refuses the file.
  if (checked.status !== 303) return { status: checked.status, html: await checked.text() };
  expect(checked.headers.get("location")).toBe(`/apply/my/full-application/documents/${documentId}?accepted=1`);
  return page(checked.headers.get("location")!, token);
}

describe("the status page of a shortlisted application", () => {
  it("invites the applicant to the full application, with its due date and the way to each part (es)", async () => {
    const { id, token } = await shortlistedGrant();
    const { dueAt } = await fullOf(id);
    const { status, html } = await page("/apply/my?lang=es", token);
    expect(status).toBe(200);
    const shown = text(html);
    expect(shown).toContain("Estado: Invitada a enviar una propuesta completa");
    expect(shown).toContain(
      `Le invitamos a enviar una propuesta completa. Envíela antes del ${formatDate("es", dueAt)}.`,
    );
    expect(html).toContain('<a class="button" href="/apply/my/full-application">Escribir la propuesta completa</a>');
    expect(html).toContain('href="/apply/my/full-application/documents/detailed-budget"');
    expect(html).toContain('href="/apply/my/full-application/documents/work-plan"');
    // The fund waits on the applicant now: no decision date is promised, and nothing says it cannot change.
    expect(shown).not.toContain("Nos comprometemos a decidir");
    expect(shown).not.toContain("Esta solicitud ya no se puede modificar.");
    // Withdrawing stays possible, as before.
    expect(html).toContain('href="/apply/my/withdraw"');
    expect(html).toContain("<title>Amparo</title>");
  });
});

describe("the full application's pages", () => {
  it("save the draft with the word counts counted on the server, and keep the concept note beside it (pt)", async () => {
    const { id, token } = await shortlistedGrant("es");
    const form = await page("/apply/my/full-application?lang=pt", token);
    expect(form.status).toBe(200);
    expect(form.html).toContain("<summary>A sua nota conceitual, como você a enviou</summary>");
    expect(form.html).toContain("Defensoras comunitarias reciben amenazas en línea");
    expect(form.html).toContain('<label class="label" for="context">Contexto e necessidade</label>');

    const saved = await postForm("/apply/my/full-application?lang=pt", written, cookieFor(token));
    expect(saved.status).toBe(303);
    const shown = text((await page("/apply/my/full-application?saved=1&lang=pt", token)).html);
    expect(shown).toContain("Salvo.");
    const full = await fullOf(id);
    expect(full.fields["context"]).toBe(written[0]![1]);
    expect(shown).toContain(`${full.wordCounts!["context"]} de 600 palavras`);
    expect(shown).toContain(`${full.wordCounts!["activities"]} de 800 palavras`);
  });

  it("accept a Khmer full application at its word limits from the form (not 413)", async () => {
    const { id, token } = await shortlistedGrant("km");
    const limits = { context: 600, activities: 800, risks: 500, sustainability: 300 };
    const fields = Object.entries(limits).map(([field, words]): [string, string] => [field, khmerText(words)]);
    // Percent-encoding turns each 3-byte Khmer character into 9 bytes: this form is well over 64 KiB.
    expect(new URLSearchParams(fields).toString().length).toBeGreaterThan(64 * 1024);
    const response = await postForm("/apply/my/full-application", fields, cookieFor(token));
    expect(response.status).toBe(303);
    const { html } = await page("/apply/my/full-application", token);
    for (const words of Object.values(limits)) expect(html).toContain(`${words} of ${words} words`);
    expect((await fullOf(id)).wordCounts).toEqual(limits);
  });

  it("name each field that keeps the full application from being sent, in the reader's language (es, pt)", async () => {
    const { id, token } = await shortlistedGrant();
    const before = JSON.stringify(await everyItem());
    const refused = await postForm("/apply/my/full-application/submit?lang=es", [], cookieFor(token));
    expect(refused.status).toBe(422);
    const shown = text(await refused.text());
    expect(shown).toContain("Contexto y necesidad: escriba esta parte.");
    expect(shown).toContain("Riesgos y seguridad:");
    expect(shown).toContain("Plan de trabajo:");
    expect(shown).not.toContain("Después de la beca:");
    expect(JSON.stringify(await everyItem())).toBe(before);

    const review = await page("/apply/my/full-application/submit?lang=pt", token);
    expect(review.status).toBe(200);
    const listed = text(review.html);
    expect(listed).toContain("Atividades e cronograma:");
    expect(listed).toContain("Orçamento detalhado:");
    expect(review.html).toContain('href="/apply/my/full-application/documents/detailed-budget"');
    expect((await Application.fromID(id))!.stage).toBe("shortlisted");
  });

  it("name a field far longer than its limit and save nothing (es)", async () => {
    const { id, token } = await shortlistedGrant();
    const before = await fullOf(id);
    const long = "palabra ".repeat(6_000);
    const response = await postForm(
      "/apply/my/full-application?lang=es",
      [...written.slice(1), ["context", long]],
      cookieFor(token),
    );
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(text(html)).toContain("Contexto y necesidad: supera los");
    expect(html).toContain('href="#context"');
    expect(await fullOf(id)).toEqual(before);
  });

  it("upload each document straight to S3, then send; afterwards every part is read-only and says why (en)", async () => {
    const { id, token } = await shortlistedGrant();
    await postForm("/apply/my/full-application", written, cookieFor(token));
    for (const documentId of ["detailed-budget", "work-plan"]) {
      const back = await uploadDocument(token, documentId);
      expect(back.status).toBe(200);
      expect(text(back.html)).toContain("Your file was received and checked.");
    }
    const review = await page("/apply/my/full-application/submit", token);
    expect(text(review.html)).toContain("Everything needed is here.");
    const version = /name="_version" value="(\d+)"/.exec(review.html)?.[1];
    const sent = await postForm("/apply/my/full-application/submit", [["_version", version!]], cookieFor(token));
    expect(sent.status).toBe(200);
    const status = text(await sent.text());
    expect(status).toContain("Your full application was sent.");
    const { submittedAt } = await fullOf(id);
    const date = formatDate("en", submittedAt!);
    expect(status).toContain(`We received your full application on ${date}.`);
    expect(status).toContain(t("en", "my.full.next"));

    const locked = `You sent your full application on ${date}. It can no longer be changed.`;
    const fields = await page("/apply/my/full-application", token);
    expect(text(fields.html)).toContain(locked);
    expect(fields.html).not.toContain("<textarea");
    expect(fields.html).toContain(written[0]![1]);
    const document = await page("/apply/my/full-application/documents/work-plan", token);
    expect(text(document.html)).toContain(locked);
    expect(document.html).not.toContain('name="type"');
    expect(text((await page("/apply/my/full-application/submit", token)).html)).toContain(locked);

    const before = JSON.stringify(await everyItem());
    const again = await postForm("/apply/my/full-application", [["context", "Otro texto."]], cookieFor(token));
    expect(again.status).toBe(409);
    expect(text(await again.text())).toContain(locked);
    expect(JSON.stringify(await everyItem())).toBe(before);
  });

  it("say that there is nothing to write for an application that was not invited, and change nothing", async () => {
    const { token } = await startApplication("concept-notes-2026");
    const shown = text((await page("/apply/my/full-application?lang=es", token)).html);
    expect(shown).toContain("No hay una propuesta completa que escribir para esta solicitud.");
    const before = JSON.stringify(await everyItem());
    const response = await postForm("/apply/my/full-application", written, cookieFor(token));
    expect(response.status).toBe(409);
    const unknown = await apply.request("/apply/my/full-application/documents/nothing-like-it", {
      headers: cookieFor(token),
    });
    expect(unknown.status).toBe(404);
    expect(JSON.stringify(await everyItem())).toBe(before);
  });
});

describe("after the due date", () => {
  /** Shortlists with a "day" of `dayMs` milliseconds, so the 30 days to the due date pass at once. */
  async function pastDue(language: string) {
    const scale = Config.get().TIME_SCALE;
    Config.set({ TIME_SCALE: 86_400_000 / 5 });
    try {
      const made = await shortlistedGrant(language);
      const { dueAt } = await fullOf(made.id);
      passTo(dueAt, 20);
      return { ...made, dueAt };
    } finally {
      Config.set({ TIME_SCALE: scale });
    }
  }

  it("tells the applicant neutrally that the date has passed and whom to ask, and refuses the submission (pt, es)", async () => {
    const { id, token, dueAt } = await pastDue("pt");
    const status = text((await page("/apply/my?lang=pt", token)).html);
    const passed = `A data para enviar a proposta completa, ${formatDate("pt", dueAt)}, já passou`;
    expect(status).toContain(passed);
    expect(status).toContain("entre em contato com o fundo responsável por esta chamada");
    // And how: the call's own contact, on the same page.
    expect(status).toContain("Dúvidas sobre a sua candidatura");
    expect(status).toContain("Escreva para a equipe do fundo em help@amparo.example");
    expect(status).not.toContain("Escrever a proposta completa");

    const before = JSON.stringify(await everyItem());
    const refused = await postForm("/apply/my/full-application/submit?lang=pt", [], cookieFor(token));
    expect(refused.status).toBe(409);
    expect(text(await refused.text())).toContain(passed);
    const saving = await postForm("/apply/my/full-application?lang=es", written, cookieFor(token));
    expect(saving.status).toBe(409);
    const shown = text(await saving.text());
    expect(shown).toContain(`La fecha para enviar la propuesta completa, el ${formatDate("es", dueAt)}, ya pasó`);
    expect(shown).toContain("comuníquese con el fondo que gestiona esta convocatoria");
    expect(JSON.stringify(await everyItem())).toBe(before);
    expect((await Application.fromID(id))!.stage).toBe("shortlisted");
  });
});
