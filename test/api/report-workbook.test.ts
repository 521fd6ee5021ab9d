import * as Application from "@amparo/core/application";
import * as Call from "@amparo/core/call";
import * as Clock from "@amparo/core/clock";
import { countryName, formatMoney, formatNumber, pick, t, type Locale, type MessageKey } from "@amparo/core/i18n";
import { make, type Pipeline } from "@amparo/core/report";
import * as Stage from "@amparo/core/stage";
import { monthColumns, monthName, optionLabel } from "@amparo/functions/report/figures";
import { app as reportApp } from "@amparo/functions/report/index";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emergencyAnswers } from "../support/answers.js";
import { signIn, staffAccount } from "../support/staff.js";

/**
 * The page's spreadsheet read back with the library that wrote it: every figure the API and the page give, and
 * nothing else, with the page's words in the reader's language.
 */
const callId = "workbook-fund";
const title = { en: "Workbook fund", es: "Fondo de la hoja", pt: "Fundo da planilha" };
// Q2 is frozen, Q3 is not: the spreadsheet says when it will be.
const readAt = "2026-07-02T03:00:00Z";
let session: string;
let bearer: string;
let call: Call.Stored;

async function submitAt(at: string, country: string, amount: number): Promise<string> {
  Clock.set(at);
  const { id } = await Application.create({
    callId,
    language: "es",
    eligibility: { answers: { ...emergencyAnswers, country } },
  });
  await Application.saveConceptNote((await Application.fromID(id))!, {
    fields: { situation: "Nos confiscaron los teléfonos.", need: "Teléfonos nuevos.", timeline: "Un mes." },
  });
  await Application.setFunding((await Application.fromID(id))!, { amount, annualBudget: 10_000, months: 2 });
  await Stage.submit((await Application.fromID(id))!);
  return id;
}

async function decideAt(at: string, id: string, to: "approved" | "declined") {
  Clock.set(at);
  let app = (await Application.fromID(id))!;
  const actor = { kind: "coordinator", userId: "workbook-coordinator" } as const;
  if (!Stage.allowedMoves(call, app.stage).includes(to)) {
    const move = { kind: "move", to: "in_review", version: app.version } as const;
    await Stage.commit(app, Stage.plan({ app, call, actor, move, now: Clock.now() }));
    app = (await Application.fromID(id))!;
  }
  const amount = to === "approved" ? { amount: app.funding!.amount } : {};
  const move = { kind: "move", to, version: app.version, note: "Revisada.", ...amount } as const;
  await Stage.commit(app, Stage.plan({ app, call, actor, move, now: Clock.now() }));
}

beforeAll(async () => {
  Clock.set("2026-01-01T00:00:00Z");
  const emergency = await Call.get("digital-emergency");
  await Call.put({
    ...emergency,
    id: callId,
    title,
    opensAt: null,
    eligibility: {
      ...emergency.eligibility,
      questions: emergency.eligibility.questions.map((question) =>
        question.id === "country" ? { ...question, countries: ["CO", "GT", "HN", "MX"] } : question,
      ),
    },
  });
  call = await Call.get(callId);
  // February: six from Colombia and one from Mexico; March: three approved and two declined (one cell withheld).
  const ids: string[] = [];
  for (let day = 10; day < 16; day++) ids.push(await submitAt(`2026-02-${day}T10:00:00Z`, "CO", 1_500));
  await submitAt("2026-02-20T10:00:00Z", "MX", 4_000);
  for (const [index, id] of ids.slice(0, 5).entries()) {
    await decideAt(`2026-03-0${index + 2}T11:00:00Z`, id, index < 3 ? "approved" : "declined");
  }
  await make(call, 2026, new Date(readAt));
  Clock.set(readAt);
  const funder = await staffAccount(["funder"], [callId]);
  ({ session } = await signIn(funder.email));
  bearer = session;
});

afterAll(() => {
  Clock.reset();
});

const query = `callId=${callId}&year=2026`;

async function download(locale: Locale) {
  const response = await reportApp.request(`/staff/reports/pipeline.xlsx?${query}&lang=${locale}`, {
    headers: { Cookie: `staff_session=${session}` },
  });
  expect(response.status).toBe(200);
  expect(response.headers.get("Content-Type")).toBe(
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  );
  expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="pipeline-${callId}-2026.xlsx"`);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  return workbook;
}

/** A sheet's rows as plain values, header first. */
const rowsOf = (sheet: ExcelJS.Worksheet) =>
  sheet.getSheetValues().flatMap((row) => (Array.isArray(row) ? [row.slice(1) as unknown[]] : []));

/** The text of the page's month table cells, row by row. */
function pageMonthCells(html: string): string[][] {
  const table = /<table>\s*<caption[^]*?<\/table>/.exec(html)![0];
  return [...table.matchAll(/<tr><th scope="row">[^]*?<\/tr>/g)].map((row) =>
    [...row[0].matchAll(/<td class="number">([^<]*)<\/td>/g)].map((cell) => cell[1]!.replace(/&lt;/g, "<")),
  );
}

describe("the report's spreadsheet", () => {
  for (const locale of ["en", "es"] as const) {
    it(`holds exactly the page's and the API's figures, in the page's words (${locale})`, async () => {
      const api = await reportApp.request(`/api/v1/reports/pipeline?${query}`, {
        headers: { Authorization: `Bearer ${bearer}` },
      });
      const report = ((await api.json()) as Pipeline).calls[0]!;
      // February to June are frozen; the quarters are Q1 and Q2, whose figures mix numbers, <5 and withheld.
      expect(report.months.map((month) => month.month)).toEqual(
        ["01", "02", "03", "04", "05", "06"].map((m) => `2026-${m}`),
      );
      const march = report.months.find((month) => month.month === "2026-03")!;
      expect([march.approved, march.declined].sort()).toEqual(["<5", "withheld"]);

      const workbook = await download(locale);
      const withheld = t(locale, "report.withheld");
      const asShown = (cell: unknown) => (cell === "withheld" ? withheld : cell);
      const sheets: MessageKey[] = [
        "report.sheet.about",
        "report.sheet.months",
        "report.sheet.country",
        "report.sheet.group",
      ];
      expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(sheets.map((key) => t(locale, key)));
      const [about, months, countries, groups] = workbook.worksheets;

      // The months: one row a month, a number cell for every figure, the page's words for the rest.
      const [header, ...rows] = rowsOf(months!);
      expect(header).toEqual([
        t(locale, "report.col.call"),
        t(locale, "report.col.month"),
        ...monthColumns.filter((column) => column.kind !== "money").map((column) => t(locale, column.heading)),
        // Not "Approved" twice, as the page's table can say beside a count and a sum of money.
        t(locale, "report.col.amount_requested"),
        t(locale, "report.col.amount_approved"),
        t(locale, "report.col.amount_agreed"),
        t(locale, "report.col.amount_paid"),
      ]);
      expect(rows).toEqual(
        report.months.map((month) => [
          pick(title, locale),
          monthName(locale, month.month),
          ...monthColumns.map((column) => asShown(column.cell(month))),
        ]),
      );
      // Numbers are numbers, formatted as counts or as the month's currency.
      const february = months!.getRow(3);
      expect(february.getCell(3).value).toBe(5);
      expect(february.getCell(3).numFmt).toBe("#,##0");
      const requested = 3 + monthColumns.findIndex((column) => column.heading === "report.amounts.requested");
      expect(february.getCell(requested).value).toBe(13_000);
      expect(february.getCell(requested).numFmt).toBe(`#,##0 "${report.currency}"`);

      // The same figures as the page's table, cell for cell, as the page writes them.
      const page = await reportApp.request(`/staff/reports?${query}&lang=${locale}`, {
        headers: { Cookie: `staff_session=${session}` },
      });
      const money = (value: number) => formatMoney(locale, value, report.currency);
      expect(pageMonthCells(await page.text())).toEqual(
        rows.map((row) =>
          row.slice(2).map((cell, index) => {
            if (typeof cell !== "number") return cell;
            return monthColumns[index]!.kind === "money" ? money(cell) : formatNumber(locale, cell);
          }),
        ),
      );

      // The breakdowns: every listed category of every frozen quarter, named as on the page.
      const breakdown = (sheet: ExcelJS.Worksheet, of: "country" | "targetGroup", label: (key: string) => string) => {
        const expected = report.quarters.flatMap((quarter) =>
          Object.entries(quarter.breakdowns[of]).map(([key, cell]) => [
            pick(title, locale),
            t(locale, "report.quarter", { quarter: quarter.quarter.slice(6), year: "2026" }),
            label(key),
            asShown(cell),
          ]),
        );
        const [, ...found] = rowsOf(sheet);
        const order = (rows: unknown[][]) => rows.map((row) => JSON.stringify(row)).sort();
        expect(order(found)).toEqual(order(expected));
      };
      expect(report.quarters.map((quarter) => quarter.quarter)).toEqual(["2026-Q1", "2026-Q2"]);
      expect(report.quarters[0]!.breakdowns.country).toMatchObject({ CO: 5, MX: "<5" });
      breakdown(countries!, "country", (code) => countryName(code, locale));
      breakdown(groups!, "targetGroup", (value) => optionLabel(call, value, locale));

      // What the figures are, and when the next quarter's breakdowns come: 2 October, by 01:00 UTC.
      const notes = rowsOf(about!).map(([line]) => String(line));
      expect(notes[0]).toBe(t(locale, "report.heading"));
      expect(notes.join("\n")).toMatch(locale === "en" ? /October 2, 2026 at 01:00 UTC/ : /2 de octubre de 2026/);
    });
  }

  it("is refused, like the page, to someone without a session", async () => {
    const response = await reportApp.request(`/staff/reports/pipeline.xlsx?${query}`);
    expect(response.status).toBe(303);
  });
});
