import * as Call from "@amparo/core/call";
import * as Config from "@amparo/core/config";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen, type Listening } from "../../packages/local/src/server.js";
import { captured, launchBrowser, violationsByPage, type Visited } from "../support/browser.js";
import { signIn, staffAccount } from "../support/staff.js";

let server: Listening;
let browser: Browser;
let session = "";
const requested: string[] = [];
const visited: Visited[] = [];

beforeAll(async () => {
  server = await listen(0);
  Config.set({ PUBLIC_URL: server.url });
  browser = await launchBrowser();
  // Signing in through the browser is the staff sign-in tests' subject; here the admin's session is what matters.
  session = (await signIn((await staffAccount(["admin"], [])).email)).session;
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function window(width: number, staff = true): Promise<Page> {
  const context = await browser.newContext({
    javaScriptEnabled: false,
    locale: "en-GB",
    viewport: { width, height: 900 },
  });
  if (staff) await context.addCookies([{ name: "staff_session", value: session, url: server.url }]);
  context.on("request", (request) => requested.push(request.url()));
  return context.newPage();
}

async function capture(page: Page, name: string) {
  visited.push(await captured(page, name));
}

/** A control of the editor, by the path it writes (its id). */
const control = (page: Page, path: string) => page.locator(`[id="${path}"]`);

describe("an admin edits a call with the structured editor, JavaScript off", () => {
  it("adds an eligibility question and a rubric criterion with score meanings, saves, and the quiz asks it", async () => {
    const before = await Call.get("digital-emergency");
    const q = `eligibility.questions.${before.eligibility.questions.length}`;
    const c = `rubric.criteria.${before.rubric.criteria.length}`;

    const page = await window(390);
    await page.goto(`${server.url}/staff/admin`);
    await capture(page, "administration");
    await page.getByRole("link", { name: "Edit digital-emergency" }).click();
    expect(await page.locator("h1").innerText()).toBe("Call digital-emergency");
    await capture(page, "call editor");

    await page.getByRole("button", { name: "Add a question", exact: true }).click();
    await control(page, `${q}.id`).fill("has-lawyer");
    await control(page, `${q}.label.en`).fill("Do you have a lawyer who follows your case?");
    await control(page, `${q}.label.es`).fill("¿Tiene una abogada o un abogado que siga su caso?");
    await control(page, `${q}.label.pt`).fill("Você tem advogada ou advogado acompanhando o seu caso?");
    await control(page, `${q}.options.0.value`).fill("yes");
    // Pressing save too early: the empty option text is named next to its control, and nothing is saved.
    await page.getByRole("button", { name: "Save call" }).first().click();
    // The summary names the box as the page labels it, never by its path.
    const n = before.eligibility.questions.length + 1;
    expect(await page.getByRole("alert").innerText()).toMatch(
      new RegExp(`Question ${n} › Option 1 › [^:\\n]+ \\(English\\): This is required\\.`),
    );
    expect(await page.getByRole("alert").innerText()).not.toContain(`${q}.options.0.label.en`);
    expect(await page.locator(`[id="${q}.options.0.label.en-error"]`).innerText()).toBe("This is required.");
    expect(await control(page, `${q}.id`).inputValue()).toBe("has-lawyer");
    await capture(page, "call editor with errors");
    expect(await Call.get("digital-emergency")).toEqual(before);

    for (const [lang, text] of [
      ["en", "Yes"],
      ["es", "Sí"],
      ["pt", "Sim"],
    ] as const) {
      await control(page, `${q}.options.0.label.${lang}`).fill(text);
    }
    await page.getByRole("button", { name: `Add an option` }).last().click();
    await control(page, `${q}.options.1.value`).fill("no");
    for (const [lang, text] of [
      ["en", "No"],
      ["es", "No"],
      ["pt", "Não"],
    ] as const) {
      await control(page, `${q}.options.1.label.${lang}`).fill(text);
    }

    await page.getByRole("button", { name: "Add a criterion" }).click();
    await control(page, `${c}.id`).fill("safety");
    await control(page, `${c}.weight`).fill("2");
    const criterion = {
      label: ["Safety of the people involved", "Seguridad de las personas", "Segurança das pessoas"],
      "scale.low": [
        "The plan puts people at risk.",
        "El plan pone en riesgo a las personas.",
        "O plano põe pessoas em risco.",
      ],
      "scale.mid": [
        "Risks are known but not all addressed.",
        "Se conocen los riesgos, no todos se abordan.",
        "Os riscos são conhecidos, nem todos tratados.",
      ],
      "scale.high": [
        "Every risk to people is foreseen.",
        "Se prevé cada riesgo para las personas.",
        "Cada risco às pessoas está previsto.",
      ],
    };
    for (const [part, texts] of Object.entries(criterion)) {
      for (const [index, lang] of (["en", "es", "pt"] as const).entries()) {
        await control(page, `${c}.${part}.${lang}`).fill(texts[index]!);
      }
    }
    await capture(page, "call editor, items added");
    await page.getByRole("button", { name: "Save call" }).first().click();
    expect(await page.getByRole("status").innerText()).toBe("Saved.");
    await capture(page, "call editor saved");

    const saved = await Call.get("digital-emergency");
    expect(saved.eligibility.questions.at(-1)).toMatchObject({ id: "has-lawyer", type: "single" });
    expect(saved.rubric.criteria.at(-1)).toMatchObject({
      id: "safety",
      weight: 2,
      scale: { high: { en: "Every risk to people is foreseen." } },
    });

    const applicant = await window(390, false);
    await applicant.goto(`${server.url}/apply/digital-emergency/eligibility`);
    expect(await applicant.getByRole("group", { name: "Do you have a lawyer who follows your case?" }).count()).toBe(1);
    await applicant.goto(`${server.url}/apply/digital-emergency/eligibility?lang=pt`);
    expect(
      await applicant.getByRole("group", { name: "Você tem advogada ou advogado acompanhando o seu caso?" }).count(),
    ).toBe(1);
  });

  it("exports the call as JSON and points at the line and column of a syntax error on import", async () => {
    const page = await window(1280);
    await page.goto(`${server.url}/staff/admin/calls/digital-emergency`);
    await page.getByRole("link", { name: "Import or export as JSON" }).click();
    expect(await page.getByLabel("Configuration (JSON)").inputValue()).toContain('"id": "has-lawyer"');
    await capture(page, "call as JSON");
    await page.getByLabel("Configuration (JSON)").fill('{\n  "kind": "emergency"\n  "title": {}\n}');
    await page.getByRole("button", { name: "Import and save" }).click();
    expect(await page.getByRole("alert").innerText()).toContain("Line 3, column 3: This is not valid JSON.");
    await capture(page, "JSON with a syntax error");
  });

  it("makes a call written in Portuguese alone, asks before opening it, and shows it to an English reader in Portuguese", async () => {
    const id = `fundo-${Math.random().toString(36).slice(2, 8)}`;
    const page = await window(390);
    await page.goto(`${server.url}/staff/admin/calls/${id}`);
    const textLanguages = page.getByRole("group", { name: "Languages the call's texts are written in" });
    await textLanguages.getByLabel("English").uncheck();
    await textLanguages.getByLabel("Spanish").uncheck();
    await page.getByRole("button", { name: "Check", exact: true }).first().click();
    // Only the Portuguese boxes are asked for now.
    expect(await control(page, "title.en").count()).toBe(0);
    expect(await control(page, "title.es").count()).toBe(0);
    await control(page, "title.pt").fill("Fundo de emergência digital");
    await control(page, "summary.pt").fill("Apoio rápido a quem sofre ataques digitais.");
    await control(page, "conceptNote.fields.0.id").fill("situacao");
    await control(page, "conceptNote.fields.0.label.pt").fill("O que está acontecendo?");
    await control(page, "rubric.criteria.0.id").fill("urgencia");
    await control(page, "rubric.criteria.0.label.pt").fill("Urgência");
    await page.locator('[id="paused"]').uncheck();
    await capture(page, "call editor, one text language");
    await page.getByRole("button", { name: "Save call" }).first().click();

    // Opening it with no quiz and nobody assigned asks first, with the quiz as applicants will see it.
    expect(await page.locator("h1").innerText()).toBe("Open this call now?");
    expect(await page.getByRole("heading", { name: "The public quiz, as applicants will see it" }).count()).toBe(1);
    await capture(page, "call opening confirmation");
    expect(await Call.fromID(id)).toBeUndefined();
    await page.getByRole("button", { name: "Open the call anyway" }).click();
    expect(await page.getByRole("status").innerText()).toBe("Saved.");
    expect(Call.status(await Call.get(id))).toBe("open");

    const reader = await window(390, false);
    await reader.goto(`${server.url}/apply/${id}?lang=en`);
    const title = reader.locator("h1 [lang=pt]");
    expect(await title.innerText()).toBe("Fundo de emergência digital");
    expect(await reader.getByRole("note").innerText()).toBe(
      "This call is written in Portuguese; the rest of the page is in English.",
    );
    await capture(reader, "call page in its one text language");
  });

  it("loaded nothing from another origin", () => {
    const origin = new URL(server.url).origin;
    expect(requested.filter((url) => new URL(url).origin !== origin)).toEqual([]);
  });

  // Ten pages at two widths, the editor among them with hundreds of controls: axe takes its time on 2 cores.
  it("meets no serious or critical accessibility violation at 390 and 1280 px (axe-core)", async () => {
    expect(visited.length).toBe(10);
    expect(await violationsByPage(browser, visited, [390, 1280])).toEqual({});
  }, 180_000);
});
