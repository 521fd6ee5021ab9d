import * as Application from "@amparo/core/application";
import * as Config from "@amparo/core/config";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { listen, type Listening } from "../../packages/local/src/server.js";
import { applicantRequest } from "../support/applications.js";
import { captured, launchBrowser, violationsByPage, type Visited } from "../support/browser.js";
import { csv } from "../support/files.js";

let server: Listening;
let browser: Browser;
const contexts: BrowserContext[] = [];
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

/** A fresh browser with JavaScript off, as an applicant on a hardened browser would have it. */
async function newBrowserWindow(): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: "pt-BR" });
  context.on("request", (request) => requested.push({ method: request.method(), url: request.url() }));
  contexts.push(context);
  return context.newPage();
}

async function capture(page: Page, name: string) {
  visited.push(await captured(page, name));
}

const situation =
  "Nossos celulares foram apreendidos numa blitz e as nossas contas de mensagens mostram acessos de aparelhos desconhecidos.";
const need = "Dois celulares novos e um mês de hospedagem segura para o nosso site de documentação.";

describe("an application from start to withdrawal, in Portuguese, with JavaScript off", () => {
  let code = "";

  it("goes from the quiz to an access code", async () => {
    const page = await newBrowserWindow();
    await page.goto(`${server.url}/?lang=pt`);
    await page.getByRole("link", { name: "Fundo de emergência contra ataques digitais" }).click();
    await page.getByRole("link", { name: "Verifique se você pode se candidatar" }).click();
    await page.getByLabel("Um coletivo ou grupo (registrado ou não)").check();
    await page.getByLabel("Onde você está?").selectOption({ label: "Brasil" });
    const groups = page.getByRole("group");
    await groups.nth(1).getByLabel("Sim").check();
    await groups.nth(2).getByLabel("Sim").check();
    await page.getByLabel("Povos indígenas").check();
    await groups.nth(4).getByLabel("Não").check();
    await page.getByRole("button", { name: "Verificar minhas respostas" }).click();
    expect(await page.locator("h1").innerText()).toBe("Você pode se candidatar");

    await page.getByRole("button", { name: "Começar uma candidatura" }).click();
    expect(await page.locator("h1").innerText()).toBe("Comece a sua candidatura");
    await capture(page, "start");
    expect(await page.getByLabel("Em que idioma você vai escrever?").inputValue()).toBe("pt");
    await page.getByRole("button", { name: "Começar e ver o meu código de acesso" }).click();

    expect(await page.locator("h1").innerText()).toBe("O seu código de acesso");
    code = await page.locator(".code strong").innerText();
    expect(code).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    await capture(page, "access code");
    await page.getByRole("link", { name: "Já guardei o meu código. Continuar" }).click();
    await page.waitForLoadState();
    expect(await page.locator("h1").innerText()).toBe("A sua candidatura");
    expect(await page.getByText("Rascunho: ainda não enviada").count()).toBe(1);
    await capture(page, "overview draft");

    await page.getByRole("link", { name: "Nota conceitual" }).click();
    await page.getByLabel("O que está acontecendo?").fill(situation);
    await page.getByRole("button", { name: "Salvar rascunho" }).click();
    expect(await page.getByRole("status").innerText()).toContain("Salvo.");
    await capture(page, "concept note saved");
  });

  it("keeps the draft after the browser is closed, and shows the counts the API computes", async () => {
    await contexts[0]!.close();
    const page = await newBrowserWindow();
    await page.goto(`${server.url}/apply/my?lang=pt`);
    expect(page.url()).toBe(`${server.url}/apply/resume`);
    await capture(page, "resume");
    await page.getByLabel("Código de acesso").fill(code.toLowerCase());
    await page.getByRole("button", { name: "Continuar" }).click();
    expect(await page.locator("h1").innerText()).toBe("A sua candidatura");

    await page.getByRole("link", { name: "Nota conceitual" }).click();
    expect(await page.getByLabel("O que está acontecendo?").inputValue()).toBe(situation);
    await page.getByLabel("Do que você precisa e como isso vai ajudar?").fill(need);
    await page.getByRole("button", { name: "Salvar rascunho" }).click();

    const shown = await page.locator("#situation-count").innerText();
    const { id } = await Application.fromToken(code);
    const report = (await (
      await applicantRequest("PUT", `/api/v1/applications/${id}/concept-note`, code, { fields: { situation, need } })
    ).json()) as { fields: Record<string, { words: number; maxWords: number }> };
    expect(shown).toBe(`${report.fields["situation"]!.words} de 300 palavras`);
    expect(await page.locator("#need-count").innerText()).toBe(`${report.fields["need"]!.words} de 250 palavras`);
  });

  it("names a broken funding rule next to its field, then saves", async () => {
    const page = await newBrowserWindow();
    await resume(page);
    await page.getByRole("link", { name: "O que você pede" }).click();
    // The emergency fund has no rule on the annual budget, so it does not ask one.
    expect(await page.getByLabel("O seu orçamento anual atual, em EUR").count()).toBe(0);
    await page.getByLabel("Valor que você pede, em EUR").fill("€ 2.500");
    await page.getByLabel("Quantos meses as atividades vão durar?").fill("6");
    await page.getByRole("button", { name: "Salvar" }).click();
    expect(await page.locator("#months-error").innerText()).toBe("As atividades podem durar no máximo 4 meses.");
    await capture(page, "funding error");
    await page.getByLabel("Quantos meses as atividades vão durar?").fill("3");
    await page.getByRole("button", { name: "Salvar" }).click();
    expect(await page.getByRole("status").innerText()).toBe("Salvo.");
  });

  it("uploads the budget straight to S3 and comes back to a checked file", async () => {
    const page = await newBrowserWindow();
    await resume(page);
    await page.getByRole("link", { name: "Arquivo de orçamento" }).click();
    await capture(page, "budget type");
    await page.getByLabel("CSV").check();
    await page.getByRole("button", { name: "Próximo" }).click();
    await capture(page, "budget upload form");
    const action = await page.locator("form[enctype='multipart/form-data']").getAttribute("action");
    expect(action).toBe(`${inject("endpoints").s3}/${Config.get().BUCKET_NAME}`);
    await page
      .getByLabel("Escolha o arquivo")
      .setInputFiles({ name: "orcamento.csv", mimeType: "text/csv", buffer: csv() });
    await page.getByRole("button", { name: "Enviar arquivo" }).click();
    await page.waitForURL(/\/apply\/my\/budget\?accepted=1$/);
    expect(await page.getByRole("status").innerText()).toBe("Recebemos e verificamos o seu arquivo de orçamento.");
    // The page cannot know the file's own name (it went straight to S3): it says what kind of file is kept, and
    // never passes off the slot's name as the applicant's. Going back is the main action, replacing comes second.
    expect(await page.getByText(/^Arquivo atual: CSV \(/).count()).toBe(1);
    expect(await page.getByText("budget.csv").count()).toBe(0);
    expect(await page.locator("main a.button").innerText()).toBe("Continuar");
    await capture(page, "budget accepted");
  });

  it("submits, shows the status in neutral words with the decision date, then withdraws", async () => {
    const page = await newBrowserWindow();
    await resume(page);
    await page.getByRole("link", { name: "Revisar e enviar" }).click();
    await capture(page, "review");
    await page.getByRole("button", { name: "Enviar candidatura" }).click();
    await page.waitForLoadState();
    expect(await page.getByRole("status").innerText()).toBe("A sua candidatura foi enviada.");
    expect(await page.getByText("Situação: Recebida").count()).toBe(1);
    const due = new Intl.DateTimeFormat("pt", { dateStyle: "long", timeZone: "UTC" }).format(
      new Date(Date.now() + 14 * 86_400_000),
    );
    expect(await page.getByText(`Prometemos uma decisão até ${due}.`).count()).toBe(1);
    expect(await page.getByText("Esta candidatura não pode mais ser alterada.").count()).toBe(1);
    await capture(page, "overview submitted");

    await page.getByRole("link", { name: "Retirar esta candidatura" }).click();
    await capture(page, "withdraw");
    await page.getByRole("button", { name: "Retirar" }).click();
    await page.waitForLoadState();
    // After the post, the status page (a reload shows it again, posting nothing), with the day it is deleted.
    expect(new URL(page.url()).pathname).toBe("/apply/my");
    expect(await page.getByRole("status").innerText()).toMatch(
      /^A sua candidatura foi retirada\. Tudo o que você enviou será apagado em \d+ de \p{L}+ de \d{4}\.$/u,
    );
    expect(await page.getByText("Situação: Retirada").count()).toBe(1);
  });

  it("loaded nothing from another origin; only the upload itself went to S3", () => {
    const origin = new URL(server.url).origin;
    const elsewhere = requested.filter((request) => new URL(request.url).origin !== origin);
    expect(elsewhere).toEqual([{ method: "POST", url: `${inject("endpoints").s3}/${Config.get().BUCKET_NAME}` }]);
  });

  it("has no serious or critical accessibility violation on any page (axe-core)", async () => {
    expect(visited.length).toBeGreaterThanOrEqual(12);
    expect(await violationsByPage(browser, visited)).toEqual({});
  });

  async function resume(page: Page) {
    await page.goto(`${server.url}/apply/resume?lang=pt`);
    await page.getByLabel("Código de acesso").fill(code);
    await page.getByRole("button", { name: "Continuar" }).click();
  }
});
