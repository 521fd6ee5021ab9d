import * as Application from "@amparo/core/application";
import * as Config from "@amparo/core/config";
import { formatDate } from "@amparo/core/i18n";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { listen, type Listening } from "../../packages/local/src/server.js";
import { captured, launchBrowser, violationsByPage, type Visited } from "../support/browser.js";
import { csv, pdf } from "../support/files.js";
import { shortlistedGrant } from "../support/full-application.js";

let server: Listening;
let browser: Browser;
const requested: { method: string; url: string }[] = [];
const visited: Visited[] = [];

beforeAll(async () => {
  server = await listen(0);
  // S3 sends the browser back to this address after an upload.
  Config.set({ PUBLIC_URL: server.url });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function capture(page: Page, name: string) {
  visited.push(await captured(page, name));
}

const context = "Defensoras indígenas recebem ameaças nas redes e perderam o acesso às contas da associação neste ano.";
const activities = "Doze oficinas de segurança digital, uma linha de apoio entre pares e acompanhamento mensal.";
const risks = "Guardamos os dados das participantes cifrados e nos encontramos apenas em locais seguros.";

describe("a full application, in Portuguese, with JavaScript off", () => {
  it("resumes with the code, writes, uploads the documents straight to S3, sends, and is told what comes next", async () => {
    const { id, token } = await shortlistedGrant("pt");
    const window = await browser.newContext({ javaScriptEnabled: false, locale: "pt-BR" });
    window.on("request", (request) => requested.push({ method: request.method(), url: request.url() }));
    const page = await window.newPage();

    await page.goto(`${server.url}/apply/resume?lang=pt`);
    await page.getByLabel("Código de acesso").fill(token);
    await page.getByRole("button", { name: "Continuar" }).click();
    expect(await page.locator("h1").innerText()).toBe("A sua candidatura");
    expect(await page.title()).toBe("Amparo");
    const { dueAt } = (await Application.fromID(id))!.fullApplication!;
    expect(
      await page
        .getByText(`Convidamos você a enviar uma proposta completa. Envie-a até ${formatDate("pt", dueAt)}.`)
        .count(),
    ).toBe(1);
    await capture(page, "status invited");

    await page.getByRole("link", { name: "Escrever a proposta completa" }).click();
    expect(await page.locator("h1").innerText()).toBe("Proposta completa");
    // The concept note, as it was sent, opens without script (a details element).
    await page.getByText("A sua nota conceitual, como você a enviou").click();
    expect(await page.getByText("Defensoras comunitarias reciben amenazas en línea").isVisible()).toBe(true);
    await page.getByLabel("Contexto e necessidade").fill(context);
    await page.getByLabel("Atividades e cronograma").fill(activities);
    await page.getByLabel("Riscos e segurança").fill(risks);
    await page.getByRole("button", { name: "Salvar rascunho" }).click();
    expect(await page.getByRole("status").innerText()).toContain("Salvo.");
    const counted = (await Application.fromID(id))!.fullApplication!.wordCounts!;
    expect(await page.locator("#context-count").innerText()).toBe(`${counted["context"]} de 600 palavras`);
    await capture(page, "full application saved");

    for (const [label, type, file] of [
      ["Orçamento detalhado", "CSV", { name: "orcamento.csv", mimeType: "text/csv", buffer: csv() }],
      ["Plano de trabalho", "PDF", { name: "plano.pdf", mimeType: "application/pdf", buffer: pdf() }],
    ] as const) {
      await page.getByRole("link", { name: "Voltar para a sua candidatura" }).click();
      await page.getByRole("link", { name: label }).click();
      expect(await page.locator("h1").innerText()).toBe(label);
      await capture(page, `${label}: type`);
      await page.getByLabel(type, { exact: true }).check();
      await page.getByRole("button", { name: "Próximo" }).click();
      const action = await page.locator("form[enctype='multipart/form-data']").getAttribute("action");
      expect(action).toBe(`${inject("endpoints").s3}/${Config.get().BUCKET_NAME}`);
      await capture(page, `${label}: upload form`);
      await page.getByLabel("Escolha o arquivo").setInputFiles(file);
      await page.getByRole("button", { name: "Enviar arquivo" }).click();
      await page.waitForURL(/\/apply\/my\/full-application\/documents\/[^/]+\?accepted=1$/);
      expect(await page.getByRole("status").innerText()).toBe("Recebemos e verificamos o seu arquivo.");
      await capture(page, `${label}: accepted`);
    }

    await page.getByRole("link", { name: "Voltar para a sua candidatura" }).click();
    await page.getByRole("link", { name: "Revisar e enviar" }).click();
    await page.waitForLoadState();
    expect(await page.locator("h1").innerText()).toBe("Revisar e enviar a proposta completa");
    // Each document as its kind and size: the page never passes off its slot's name as the applicant's own.
    expect(await page.getByText("CSV", { exact: true }).count()).toBe(1);
    expect(await page.getByText("PDF", { exact: true }).count()).toBe(1);
    expect(await page.getByText("detailed-budget.csv").count()).toBe(0);
    await capture(page, "full review");
    await page.getByRole("button", { name: "Enviar a proposta completa" }).click();

    expect(await page.getByRole("status").innerText()).toBe("A sua proposta completa foi enviada.");
    const { submittedAt } = (await Application.fromID(id))!.fullApplication!;
    expect(
      await page.getByText(`Recebemos a sua proposta completa em ${formatDate("pt", submittedAt!)}.`).count(),
    ).toBe(1);
    expect(await page.getByText("Situação: Proposta completa recebida").count()).toBe(1);
    expect(await page.getByRole("link", { name: "Retirar esta candidatura" }).count()).toBe(1);
    await capture(page, "status full submitted");

    await page.getByRole("link", { name: "Ver a proposta completa que você enviou" }).click();
    await page.waitForLoadState();
    expect(await page.getByText("Você enviou a sua proposta completa em").count()).toBe(1);
    await capture(page, "full review sent");
    await window.close();
  });

  it("loaded nothing from another origin; only the two uploads went to S3", () => {
    const origin = new URL(server.url).origin;
    const upload = { method: "POST", url: `${inject("endpoints").s3}/${Config.get().BUCKET_NAME}` };
    expect(requested.filter((request) => new URL(request.url).origin !== origin)).toEqual([upload, upload]);
  });

  it("has no serious or critical accessibility violation on any page, on a phone or a desktop (axe-core)", async () => {
    expect(visited.length).toBe(11);
    expect(await violationsByPage(browser, visited, [390, 1280])).toEqual({});
  });
});
