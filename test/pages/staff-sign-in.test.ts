import { app as staffApp } from "@amparo/functions/staff/index";
import { describe, expect, it } from "vitest";
import { siteCss } from "../../packages/functions/src/shared/site-css.js";
import { signIn, staffAccount } from "../support/staff.js";

/** A staff page form post, as the browser sends it from our own page. */
function post(path: string, cookie: string, lang = "en") {
  return staffApp.request(path, {
    method: "POST",
    headers: {
      Cookie: `${cookie}; lang=${lang}`,
      "Content-Type": "application/x-www-form-urlencoded",
      "Sec-Fetch-Site": "same-origin",
    },
    body: "",
  });
}

describe("signing out", () => {
  it.each([
    ["en", "You are signed out."],
    ["es", "Cerró la sesión."],
    ["pt", "Você saiu da sua conta."],
  ])("says it worked, in the language being read (%s), on the sign-in page it lands on", async (lang, words) => {
    const { session } = await signIn((await staffAccount(["reviewer"], ["digital-emergency"])).email);
    const out = await post("/staff/sign-out", `staff_session=${session}`, lang);
    expect(out.status).toBe(303);
    expect(out.headers.get("set-cookie")).toMatch(/staff_session=;.*Max-Age=0/);
    const landed = await staffApp.request(out.headers.get("location")!, { headers: { Cookie: `lang=${lang}` } });
    const html = await landed.text();
    expect(html).toContain(`<p class="outcome" role="status">${words}`);
    // The sign-in form is there to come back, and the session is gone.
    expect(html).toContain('action="/staff/sign-in/request"');
    expect(html).not.toContain('action="/staff/sign-out"');
  });

  it("says nothing of the kind on the sign-in page otherwise", async () => {
    expect(await (await staffApp.request("/staff")).text()).not.toContain("signed out");
  });
});

describe("recovery codes", () => {
  it("never break inside a code, whatever the width", () => {
    expect(siteCss).toMatch(/\.recovery-codes code\{[^}]*white-space:nowrap/);
  });
});
