import * as Dynamo from "@amparo/core/dynamo";
import * as User from "@amparo/core/user";
import { app as staffApp } from "@amparo/functions/staff/index";
import { describe, expect, it } from "vitest";
import { everyItem } from "../support/http.js";
import { signIn, staffAccount, staffRequest } from "../support/staff.js";

interface Listed {
  id: string;
  scope: string;
  createdAt: string;
  validUntil: string;
  current: boolean;
}

const list = async (session: string) => {
  const answer = await staffRequest("GET", "/api/v1/auth/sessions", session);
  expect(answer.status).toBe(200);
  return ((await answer.json()) as { sessions: Listed[] }).sessions;
};
const works = async (session: string) => (await staffRequest("GET", "/api/v1/auth/sessions", session)).status === 200;

/** Signs the same account in `count` times, as from as many devices. */
async function devices(account: User.Info, count: number): Promise<string[]> {
  const sessions: string[] = [];
  for (let index = 0; index < count; index++) sessions.push((await signIn(account.email)).session);
  return sessions;
}

function events(userId: string, items: Record<string, unknown>[], type: string) {
  const trail = Dynamo.Collection.events({ user: userId });
  return items.filter(
    (item) => item["pk"] === trail.pk && String(item["sk"]).startsWith(trail.skPrefix) && item["type"] === type,
  );
}

/** A staff page with the session cookie, posted from our own page when it has a form body. */
function page(path: string, session: string, form?: Record<string, string>) {
  return staffApp.request(path, {
    ...(form
      ? {
          method: "POST",
          body: new URLSearchParams(form).toString(),
        }
      : {}),
    headers: {
      Cookie: `staff_session=${session}`,
      ...(form ? { "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin" } : {}),
    },
  });
}

describe("a staff member's sessions", () => {
  it("are listed newest first with this one marked, and nothing of the token, another account's sessions or ended ones", async () => {
    const reviewer = await staffAccount(["reviewer"], ["digital-emergency"]);
    const [laptop, phone] = await devices(reviewer, 2);
    const stranger = await staffAccount(["reviewer"], ["digital-emergency"]);
    await signIn(stranger.email);

    const seen = await list(phone!);
    expect(seen).toHaveLength(2);
    expect(seen.map((session) => session.current)).toEqual([true, false]);
    expect(seen[0]!.createdAt >= seen[1]!.createdAt).toBe(true);
    expect(seen.every((session) => session.scope === "full" && session.validUntil > session.createdAt)).toBe(true);
    const answer = JSON.stringify(seen);
    expect(answer).not.toContain(laptop);
    expect(answer).not.toContain(phone);
    // The sessions of the first sign-in's enrolment ended when it was confirmed, so they are not listed.
    expect((await list(laptop!)).map((session) => session.current)).toEqual([false, true]);
    // The session items name their account; still no token anywhere in the table.
    expect(JSON.stringify(await everyItem())).not.toContain(laptop);
  });

  it("can be signed out one by one, but only the account's own, with an audit event", async () => {
    const coordinator = await staffAccount(["coordinator"], ["digital-emergency"]);
    const [laptop, phone] = await devices(coordinator, 2);
    const stranger = await staffAccount(["reviewer"], ["digital-emergency"]);
    const { session: strangers } = await signIn(stranger.email);
    const strangerId = (await list(strangers)).find((session) => session.current)!.id;

    // Another account's session id is not found, and that session goes on working.
    const foreign = await staffRequest("DELETE", `/api/v1/auth/sessions/${strangerId}`, phone);
    expect(foreign.status).toBe(404);
    expect(await works(strangers)).toBe(true);

    const laptopId = (await list(phone!)).find((session) => !session.current)!.id;
    expect((await staffRequest("DELETE", `/api/v1/auth/sessions/${laptopId}`, phone)).status).toBe(204);
    expect(await works(laptop!)).toBe(false);
    expect(await works(phone!)).toBe(true);
    expect((await staffRequest("DELETE", `/api/v1/auth/sessions/${laptopId}`, phone)).status).toBe(404);
    expect(await list(phone!)).toHaveLength(1);
    expect(events(coordinator.id, await everyItem(), "signed_out")).toHaveLength(1);
  });

  it("can all be signed out but this one, with an audit event saying how many", async () => {
    const admin = await staffAccount(["admin"], []);
    const [first, second, third] = await devices(admin, 3);
    const ended = await staffRequest("POST", "/api/v1/auth/sessions/sign-out-others", third);
    expect(ended.status).toBe(200);
    expect(await ended.json()).toEqual({ ended: 2 });
    expect(await works(first!)).toBe(false);
    expect(await works(second!)).toBe(false);
    expect(await works(third!)).toBe(true);
    expect((await list(third!)).map((session) => session.current)).toEqual([true]);
    const [event] = events(admin.id, await everyItem(), "signed_out_elsewhere");
    expect(event).toMatchObject({ actor: `user:${admin.id}`, sessions: 2 });
    // Nothing left elsewhere: nothing ended, nothing recorded.
    expect(await (await staffRequest("POST", "/api/v1/auth/sessions/sign-out-others", third)).json()).toEqual({
      ended: 0,
    });
    expect(events(admin.id, await everyItem(), "signed_out_elsewhere")).toHaveLength(1);
  });

  it("record signing out with the button as an event on the account", async () => {
    const funder = await staffAccount(["funder"], ["digital-emergency"]);
    const { session } = await signIn(funder.email);
    expect((await staffRequest("POST", "/api/v1/auth/sign-out", session)).status).toBe(204);
    expect(events(funder.id, await everyItem(), "signed_out")).toHaveLength(1);
  });
});

describe("the sessions page", () => {
  it("is linked from the staff home, lists the sessions with a sign-out button each, and signs one out", async () => {
    const reviewer = await staffAccount(["reviewer"], ["digital-emergency"]);
    const [laptop, phone] = await devices(reviewer, 2);
    expect(await (await page("/staff", phone!)).text()).toContain('href="/staff/sessions"');

    const shown = await page("/staff/sessions", phone!);
    expect(shown.status).toBe(200);
    const html = await shown.text();
    expect(html).toContain("Your sessions");
    expect(html).toContain("This session (this browser)");
    expect(html.match(/<span class="visually-hidden">\(the session that began [^<]+\)<\/span>/g)).toHaveLength(2);
    expect(html).toContain("Sign out everywhere else");
    expect(html).toContain("You have 10 unused recovery codes.");
    expect(html).not.toContain(laptop);

    const laptopId = (await list(phone!)).find((session) => !session.current)!.id;
    const ended = await page("/staff/sessions/end", phone!, { session: laptopId });
    expect(ended.status).toBe(200);
    expect(await ended.text()).toContain("That session is signed out.");
    expect(await works(laptop!)).toBe(false);
  });

  it("signs out everywhere else, and refuses a form posted from another site", async () => {
    const coordinator = await staffAccount(["coordinator"], ["digital-emergency"]);
    const [laptop, phone] = await devices(coordinator, 2);
    const forged = await staffApp.request("/staff/sessions/end-others", {
      method: "POST",
      headers: {
        Cookie: `staff_session=${phone}`,
        "Content-Type": "application/x-www-form-urlencoded",
        "Sec-Fetch-Site": "cross-site",
      },
      body: "",
    });
    expect(forged.status).toBe(403);
    expect(await works(laptop!)).toBe(true);

    const ended = await page("/staff/sessions/end-others", phone!, {});
    expect(ended.status).toBe(200);
    expect(await ended.text()).toContain("1 other session is signed out.");
    expect(await works(laptop!)).toBe(false);
    expect(await works(phone!)).toBe(true);
  });
});
