import * as Audit from "@amparo/core/audit";
import type * as User from "@amparo/core/user";
import { app as staffApp } from "@amparo/functions/staff/index";
import { beforeAll, describe, expect, it } from "vitest";
import { startApplication } from "../support/applications.js";
import { signIn, staffAccount, staffRequest } from "../support/staff.js";

/** An admin finds who opened an application by the short id staff pages show, and by staff member. */

let adminSession = "";
let busy: User.Info;
let other: User.Info;
let first = "";
let second = "";

const get = (path: string) => staffApp.request(path, { headers: { Cookie: `staff_session=${adminSession}` } });
const rowsOf = (html: string, id: string) => html.split(`<a href="/staff/applications/${id}">`).length - 1;
const olderLink = (html: string) =>
  /<a href="(\/staff\/admin\/access\?[^"]+)">Older entries<\/a>/.exec(html)?.[1]?.replace(/&amp;/g, "&");

beforeAll(async () => {
  adminSession = (await signIn((await staffAccount(["admin"], [])).email)).session;
  busy = await staffAccount(["reviewer"], ["digital-emergency"]);
  other = await staffAccount(["reviewer"], ["digital-emergency"]);
  first = (await startApplication("digital-emergency")).id;
  second = (await startApplication("digital-emergency")).id;
  // More openings of each than one page holds (50), interleaved, as a busy reviewer's would be.
  for (let index = 0; index < 60; index++) {
    await Audit.record({ application: first }, "viewed", `user:${busy.id}`);
    await Audit.record({ application: second }, index % 2 ? "viewed" : "budget_file_downloaded", `user:${busy.id}`);
  }
  await Audit.record({ application: first }, "viewed", `user:${other.id}`);
}, 120_000);

describe("the access log, filtered by the short id staff pages show", () => {
  it("lists only the openings of the application whose id starts so, in any case, from every staff member", async () => {
    const short = first.slice(0, 8).toUpperCase();
    const page = await get(`/staff/admin/access?application=${short}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(rowsOf(html, first)).toBe(50);
    expect(rowsOf(html, second)).toBe(0);
    // The form keeps what was asked, with a word on what it takes.
    expect(html).toContain(`value="${first.slice(0, 8)}"`);
    expect(html).toContain("The short id staff pages show");
  });

  it("narrows by staff member too, chosen from a list of accounts", async () => {
    const html = await (await get(`/staff/admin/access?user=${other.id}&application=${first.slice(0, 8)}`)).text();
    expect(html).toContain(`<option value="${other.id}" selected="">${other.email}</option>`);
    expect(rowsOf(html, first)).toBe(1);
    expect(html).not.toContain(`<td>${busy.email}</td>`);
    expect(html.match(new RegExp(`<td>${other.email}</td>`, "g"))).toHaveLength(1);
  });

  it("pages through the filtered openings, the filters kept on the link to older entries", async () => {
    const firstPage = await (await get(`/staff/admin/access?user=${busy.id}&application=${first.slice(0, 8)}`)).text();
    expect(rowsOf(firstPage, first)).toBe(50);
    const older = olderLink(firstPage);
    expect(older).toBeDefined();
    const params = new URL(older!, "http://localhost").searchParams;
    expect(params.get("user")).toBe(busy.id);
    expect(params.get("application")).toBe(first.slice(0, 8));
    const secondPage = await (await get(older!)).text();
    expect(rowsOf(secondPage, first)).toBe(10);
    expect(rowsOf(secondPage, second)).toBe(0);
    expect(olderLink(secondPage)).toBeUndefined();
  });

  it("answers the same over the API, page by page", async () => {
    const seen: { applicationId: string; userId: string }[] = [];
    let before = "";
    for (let round = 0; round < 5; round++) {
      const query = new URLSearchParams({ application: second.slice(0, 8), ...(before ? { before } : {}) });
      const response = await staffRequest("GET", `/api/v1/admin/access?${query.toString()}`, adminSession);
      expect(response.status).toBe(200);
      const body = (await response.json()) as { items: typeof seen; next?: string };
      seen.push(...body.items);
      if (!body.next) break;
      before = body.next;
    }
    expect(seen).toHaveLength(60);
    expect(seen.every((item) => item.applicationId === second && item.userId === busy.id)).toBe(true);
    expect((await staffRequest("GET", "/api/v1/admin/access?application=not%20an%20id", adminSession)).status).toBe(
      400,
    );
  });
});
