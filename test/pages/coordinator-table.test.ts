import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import * as Dynamo from "@amparo/core/dynamo";
import { formatDate, formatMoney } from "@amparo/core/i18n";
import type * as User from "@amparo/core/user";
import { app as staffApp } from "@amparo/functions/staff/index";
import { applicantRequest, startApplication } from "../support/applications.js";
import { signIn, staffAccount, staffRequest } from "../support/staff.js";
import { siteCss } from "../../packages/functions/src/shared/site-css.js";

/**
 * Every sealed value opened, by what it was sealed for: the list must open the applications of the page it
 * shows, and nothing else (no other page's, no review comment). A pass-through spy, not a stand-in: the real
 * Encryption SDK still opens every value.
 */
const opened = vi.hoisted(() => ({ byPurpose: new Map<string, string[]>() }));
vi.mock("@amparo/core/crypto", async (importOriginal) => {
  const real = await importOriginal<typeof import("@amparo/core/crypto")>();
  return {
    ...real,
    open: async (sealed: string, context: Record<string, string>) => {
      const purpose = context["purpose"] ?? "?";
      opened.byPurpose.set(purpose, [...(opened.byPurpose.get(purpose) ?? []), context["applicationId"] ?? ""]);
      return real.open(sealed, context);
    },
  };
});

const day = 86_400_000;
const at = (days: number) => new Date(Date.now() + days * day).toISOString();

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();

let coordinator: { session: string; user: User.Info };
let reviewers: { session: string; user: User.Info }[];

const page = (path: string) => staffApp.request(path, { headers: { Cookie: `staff_session=${coordinator.session}` } });
const list = (query = "") => page(`/staff/applications?callId=digital-emergency${query}`);

/**
 * The body rows of the table, each as its cells' text from the application's id on (the name or organisation
 * and country columns before it are identity.test.ts's subject); and its header cells.
 */
async function table(response: Response) {
  const html = await response.text();
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? "";
  const rows = [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => text(cell[1]!)).slice(2),
  );
  const headers = [
    ...(/<thead>([\s\S]*?)<\/thead>/.exec(html)?.[1] ?? "").matchAll(/<th([^>]*)>([\s\S]*?)<\/th>/g),
  ].map((cell) => ({ attributes: cell[1]!, text: text(cell[2]!), href: /href="([^"]*)"/.exec(cell[2]!)?.[1] }));
  return { html, rows, headers };
}

const money = (amount: number) => formatMoney("en", amount, "EUR");

/** A submitted emergency application asking for `amount`, its decision due in `dueInDays`. */
async function submitted(amount: number, dueInDays: number): Promise<string> {
  const { id, token } = await startApplication("digital-emergency");
  await applicantRequest("PUT", `/api/v1/applications/${id}/concept-note`, token, {
    fields: { situation: "Our accounts were taken over.", need: "Two new phones." },
  });
  await applicantRequest("PUT", `/api/v1/applications/${id}/funding`, token, { amount, annualBudget: 0, months: 2 });
  const response = await applicantRequest("POST", `/api/v1/applications/${id}/submit`, token);
  if (response.status !== 200) throw new Error(`submit answered ${response.status}`);
  // The deadline as the decision clock would have it (the clock itself is the decision clock tests' subject).
  await Dynamo.update(Dynamo.Key.application(id), { set: { decisionDueAt: at(dueInDays) } });
  return id;
}

const review = (path: string, session: string, method = "GET", body?: unknown) =>
  staffRequest(method, `/api/v1/review/applications${path}`, session, body);

// 28 applications: one overdue by three days, one in review with two reviewers (one has scored), one approved,
// and 25 more due 2 to 26 days from now. Amounts differ so each row can be told by its amount.
const ids: string[] = [];
let overdue = "";
let reviewed = "";
let approved = "";

beforeAll(async () => {
  coordinator = await signIn((await staffAccount(["coordinator"], ["digital-emergency"])).email);
  reviewers = [
    await signIn((await staffAccount(["reviewer"], ["digital-emergency"])).email),
    await signIn((await staffAccount(["reviewer"], ["digital-emergency"])).email),
  ];
  for (let index = 0; index < 25; index++) ids.push(await submitted(1_000 + index * 10, 2 + index));
  overdue = await submitted(4_321, -3);
  reviewed = await submitted(5_432, 30);
  approved = await submitted(6_543, 40);

  await review(`/${reviewed}/assign`, coordinator.session, "POST", {
    reviewerIds: reviewers.map((reviewer) => reviewer.user.id),
  });
  await review(`/${reviewed}/conflict`, reviewers[0]!.session, "POST", { conflict: false });
  // (5*3 + 4*2 + 4*1) / 6 = 4.5
  await review(`/${reviewed}/score`, reviewers[0]!.session, "PUT", {
    scores: { urgency: 5, fit: 4, feasibility: 4 },
    recommendation: "fund",
    comment: "Sealed words the list has no need to open.",
  });
  const current = async (id: string) =>
    ((await (await review(`/${id}`, coordinator.session)).json()) as { version: number }).version;
  await review(`/${reviewed}/transition`, coordinator.session, "POST", {
    to: "in_review",
    version: await current(reviewed),
  });
  await review(`/${approved}/transition`, coordinator.session, "POST", {
    to: "in_review",
    version: await current(approved),
  });
  await review(`/${approved}/transition`, coordinator.session, "POST", {
    to: "approved",
    version: await current(approved),
    amount: 6_000,
  });
}, 180_000);

beforeEach(() => opened.byPurpose.clear());

describe("the coordinators' table of applications", () => {
  it("stacks each row's cells on a phone, each one named, so days left and the stage are never cut off", async () => {
    const html = await (await list()).text();
    expect(html).toContain('<table class="applications stacked"');
    for (const label of ["Days left", "Stage", "Reviews done"]) expect(html).toContain(`data-label="${label}"`);
    expect(siteCss).toMatch(/@media \(max-width:40rem\)\{\s*table\.stacked,/);
  });

  it("has a column for each thing a coordinator weighs, the overdue first and the decided last", async () => {
    const response = await list();
    expect(response.status).toBe(200);
    const { rows, headers } = await table(response);
    expect(headers.map((header) => header.text)).toEqual([
      "Name or organisation",
      "Country",
      "Application",
      "Amount requested",
      "Days left ▲",
      "Stage",
      "Reviews done",
      "Mean weighted score",
    ]);
    expect(rows).toHaveLength(25);
    expect(rows[0]).toEqual([
      overdue.slice(0, 8),
      money(4_321),
      `${formatDate("en", at(-3))} Overdue by 3 days`,
      "submitted",
      "0 of 0",
      "—",
    ]);
    expect(rows[1]).toEqual([
      ids[0]!.slice(0, 8),
      money(1_000),
      `${formatDate("en", at(2))} 2 days left`,
      "submitted",
      "0 of 0",
      "—",
    ]);
    // Page 2 holds the last of the open ones, then the one in review (due last), then the decided one.
    const last = (await table(await list("&page=2"))).rows;
    expect(last.map((row) => row[0])).toEqual([ids[24]!.slice(0, 8), reviewed.slice(0, 8), approved.slice(0, 8)]);
    expect(last[1]).toEqual([
      reviewed.slice(0, 8),
      money(5_432),
      `${formatDate("en", at(30))} 30 days left`,
      "in review",
      "1 of 2",
      "4.5",
    ]);
    // An approved one shows what was granted under what was asked: opened with the rest of the row, nothing more.
    expect(last[2]).toEqual([
      approved.slice(0, 8),
      `${money(6_543)} Approved: ${money(6_000)}`,
      "—",
      "approved",
      "0 of 0",
      "—",
    ]);
  });

  it("says it in Spanish and Portuguese", async () => {
    const spanish = text((await (await list("&lang=es")).text()) ?? "");
    expect(spanish).toContain("Monto solicitado Días restantes");
    expect(spanish).toContain("Vencida hace 3 días");
    expect(spanish).toContain("Quedan 2 días");
    const portuguese = text(await (await list("&lang=pt")).text());
    expect(portuguese).toContain("Valor pedido Dias restantes");
    expect(portuguese).toContain("Atrasada há 3 dias");
    expect(portuguese).toContain("Faltam 2 dias");
  });

  it("sorts by days left, stage, reviews or score through links in the column headers, marked with aria-sort", async () => {
    const { headers } = await table(await list());
    const byName = (name: string) => headers.find((header) => header.text.startsWith(name))!;
    expect(byName("Days left").attributes).toContain('aria-sort="ascending"');
    expect(byName("Stage").attributes).not.toContain("aria-sort");
    // A click on the sorted column turns it round; on another, sorts that one ascending from page 1.
    expect(byName("Days left").href).toBe("/staff/applications?callId=digital-emergency&amp;sort=due&amp;order=desc");
    expect(byName("Mean weighted score").href).toBe(
      "/staff/applications?callId=digital-emergency&amp;sort=score&amp;order=asc",
    );
    // The amount is sealed: no link sorts by it.
    expect(byName("Amount requested").href).toBeUndefined();

    const byScore = await table(await list("&sort=score&order=desc"));
    expect(byScore.rows[0]![0]).toBe(reviewed.slice(0, 8));
    const scoreHeader = byScore.headers.find((header) => header.text.startsWith("Mean weighted score"))!;
    expect(scoreHeader.attributes).toContain('aria-sort="descending"');
    expect(byScore.html).toContain("sorted by Mean weighted score (descending)");

    const byReviews = await table(await list("&sort=reviews&order=desc"));
    expect(byReviews.rows[0]![0]).toBe(reviewed.slice(0, 8));

    const byStageDescending = await table(await list("&sort=stage&order=desc"));
    expect(byStageDescending.rows.slice(0, 2).map((row) => row[3])).toEqual(["approved", "in review"]);

    const byDueDescending = await table(await list("&sort=due&order=desc"));
    expect(byDueDescending.rows[0]![0]).toBe(reviewed.slice(0, 8));
  });

  it("filters by stage with a GET form that keeps the sort", async () => {
    const { rows, html } = await table(await list("&stage=in_review&sort=score&order=desc"));
    expect(rows.map((row) => row[0])).toEqual([reviewed.slice(0, 8)]);
    expect(html).toMatch(/<form method="get" action="\/staff\/applications"/);
    expect(html).toContain('<input type="hidden" name="sort" value="score"/>');
    expect(html).toContain('<input type="hidden" name="order" value="desc"/>');
    expect(html).toMatch(/<option value="in_review" selected="">/);
  });

  it("shows 25 a page with previous and next links that keep filter and sort", async () => {
    const first = await table(await list("&stage=submitted&sort=due&order=desc"));
    expect(first.rows).toHaveLength(25);
    expect(first.html).toContain("Page 1 of 2");
    expect(first.html).toContain(
      '<a href="/staff/applications?callId=digital-emergency&amp;stage=submitted&amp;sort=due&amp;order=desc&amp;page=2" rel="next">Next page</a>',
    );
    expect(first.html).not.toContain("Previous page");
    const second = await table(await list("&stage=submitted&sort=due&order=desc&page=2"));
    expect(second.rows.map((row) => row[0])).toEqual([overdue.slice(0, 8)]);
    expect(second.html).toContain("Page 2 of 2");
    expect(second.html).toContain(
      '<a href="/staff/applications?callId=digital-emergency&amp;stage=submitted&amp;sort=due&amp;order=desc" rel="prev">Previous page</a>',
    );
    expect(second.html).not.toContain("Next page");
  });

  it("opens the sealed fields of the page's 25 applications only, and no review comment", async () => {
    const first = await table(await list());
    expect(first.rows).toHaveLength(25);
    const openedFirst = opened.byPurpose.get("application") ?? [];
    expect(openedFirst).toHaveLength(25);
    expect(new Set(openedFirst)).not.toContain(approved);
    expect(opened.byPurpose.get("review")).toBeUndefined();

    opened.byPurpose.clear();
    await list("&page=2");
    expect(new Set(opened.byPurpose.get("application"))).toEqual(new Set([ids[24], reviewed, approved]));
    expect(opened.byPurpose.get("review")).toBeUndefined();

    // The JSON list opens nothing at all: no content, no comment.
    opened.byPurpose.clear();
    const listed = await staffRequest(
      "GET",
      "/api/v1/review/applications?callId=digital-emergency",
      coordinator.session,
    );
    expect(listed.status).toBe(200);
    expect([...opened.byPurpose.keys()]).toEqual([]);
  });

  it("falls back to the defaults for a query it does not understand, and never fails on one", async () => {
    for (const query of [
      "&sort=__proto__&order=sideways&page=-3&stage=draft",
      "&sort[]=due&page=1e9&stage=%00",
      "&page=abc&order=&sort=",
    ]) {
      const response = await list(query);
      expect(response.status).toBe(200);
      const { rows, headers } = await table(response);
      expect(headers.find((header) => header.text.startsWith("Days left"))!.attributes).toContain(
        'aria-sort="ascending"',
      );
      expect(rows.length).toBeGreaterThan(0);
    }
    // A page past the end shows the last one.
    expect((await table(await list("&page=99"))).html).toContain("Page 2 of 2");
    // An unknown call is a 404 page, in words.
    const unknown = await page("/staff/applications?callId=no-such-call");
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("Content-Type")).toContain("text/html");
  });
});
