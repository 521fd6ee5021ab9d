import { formatDate } from "@amparo/core/i18n";
import { beforeAll, describe, expect, it } from "vitest";
import * as Dynamo from "@amparo/core/dynamo";
import * as Outbox from "@amparo/core/outbox";
import * as Account from "@amparo/core/account";
import * as User from "@amparo/core/user";
import * as Seed from "@amparo/core/seed";
import { app as staffApp } from "@amparo/functions/staff/index";
import { applicantRequest, inbox, startApplication } from "../support/applications.js";
import { signIn, staffRequest, stepUpCode } from "../support/staff.js";

const emergencyTitle = Seed.calls.find((call) => call.id === "digital-emergency")!.title;

const address = (role: string) => `${role}-${Math.random().toString(36).slice(2, 10)}@staff.example.org`;

/** A staff account with the given email language (or none, as accounts made before the setting existed). */
async function account(roles: User.Role[], language?: "en" | "es" | "pt"): Promise<User.Info> {
  return (await Account.create({ email: address(roles.join("-")), roles, callIds: ["digital-emergency"], language }))!;
}

/** Posts a staff page form as a browser would from our own page (or from another site). */
function postPage(path: string, session: string, fields: [string, string][], site = "same-origin") {
  return staffApp.request(path, {
    method: "POST",
    headers: {
      Cookie: `staff_session=${session}`,
      "Content-Type": "application/x-www-form-urlencoded",
      "Sec-Fetch-Site": site,
      ...(site === "same-origin" ? {} : { Origin: "https://evil.example" }),
    },
    body: new URLSearchParams(fields).toString(),
  });
}

const getPage = (path: string, session: string) =>
  staffApp.request(path, { headers: { Cookie: `staff_session=${session}` } });

let admin: { session: string; user: User.Info };

beforeAll(async () => {
  admin = await signIn((await account(["admin"])).email);
}, 60_000);

describe("a staff account's email language", () => {
  it("is set by the admin over the API, English when not given, and one not offered is refused without an account", async () => {
    const spanish = address("reviewer");
    const created = await staffRequest("POST", "/api/v1/admin/users", admin.session, {
      email: spanish,
      roles: ["reviewer"],
      callIds: ["digital-emergency"],
      language: "es",
    });
    expect(created.status).toBe(201);
    expect((await User.fromEmail(spanish))?.language).toBe("es");

    const plain = address("reviewer");
    expect(
      (await staffRequest("POST", "/api/v1/admin/users", admin.session, { email: plain, roles: ["reviewer"] })).status,
    ).toBe(201);
    expect((await User.fromEmail(plain))?.language).toBe("en");

    const french = address("reviewer");
    const refused = await staffRequest("POST", "/api/v1/admin/users", admin.session, {
      email: french,
      roles: ["reviewer"],
      language: "fr",
    });
    expect(refused.status).toBe(400);
    expect(await User.fromEmail(french)).toBeUndefined();
  });

  it("is set by the admin on the administration page, and shown in the list of accounts", async () => {
    const email = address("coordinator");
    const response = await postPage("/staff/admin/users", admin.session, [
      ["email", email],
      ["roles", "coordinator"],
      ["callIds", "digital-emergency"],
      ["language", "pt"],
      ["code", await stepUpCode(admin.user.email)],
    ]);
    expect(response.status).toBe(303);
    expect((await User.fromEmail(email))?.language).toBe("pt");
    const page = await (await getPage("/staff/admin", admin.session)).text();
    expect(page).toContain('<select id="user-language" name="language">');
    expect(page).toMatch(
      new RegExp(`${email.replace(/[.]/g, "\\.")}</td>.*?<td data-label="[^"]*">Português</td>`, "s"),
    );
  });

  it("is set by the staff member on their home page, and bad or cross-site posts change nothing", async () => {
    const reviewer = await signIn((await account(["reviewer"])).email);
    const home = await (await getPage("/staff", reviewer.session)).text();
    expect(home).toContain('action="/staff/language"');
    expect(home).toMatch(/<option value="en" selected[^>]*>English<\/option>/);

    const saved = await postPage("/staff/language?lang=es", reviewer.session, [["language", "es"]]);
    expect(saved.status).toBe(200);
    const page = await saved.text();
    expect(page).toContain("Sus correos llegarán ahora en español.");
    expect(page).toMatch(/<option value="es" selected[^>]*>Español<\/option>/);
    expect((await User.fromID(reviewer.user.id))?.language).toBe("es");

    expect((await postPage("/staff/language", reviewer.session, [["language", "fr"]])).status).toBe(400);
    expect((await postPage("/staff/language", reviewer.session, [])).status).toBe(400);
    expect((await postPage("/staff/language", reviewer.session, [["language", "pt"]], "cross-site")).status).toBe(403);
    expect((await postPage("/staff/language", "not-a-session", [["language", "pt"]])).status).toBe(401);
    expect((await User.fromID(reviewer.user.id))?.language).toBe("es");
  });
});

describe("staff emails", () => {
  it("come in each recipient's language: an assignment to a Spanish-speaking reviewer, a conflict notice to Portuguese- and English-speaking coordinators", async () => {
    const reviewer = await signIn((await account(["reviewer"], "es")).email);
    const coordinatorPt = await account(["coordinator"], "pt");
    const coordinatorOld = await account(["coordinator"]); // made before accounts had a language
    const coordinator = await signIn((await account(["coordinator"], "en")).email);

    const { id, token } = await startApplication("digital-emergency");
    await applicantRequest("PUT", `/api/v1/applications/${id}/concept-note`, token, {
      fields: { situation: "Our accounts were taken over.", need: "Two new phones." },
    });
    await applicantRequest("PUT", `/api/v1/applications/${id}/funding`, token, {
      amount: 2_000,
      annualBudget: 0,
      months: 2,
    });
    expect((await applicantRequest("POST", `/api/v1/applications/${id}/submit`, token)).status).toBe(200);
    const assigned = await staffRequest("POST", `/api/v1/review/applications/${id}/assign`, coordinator.session, {
      reviewerIds: [reviewer.user.id],
    });
    expect(assigned.status).toBe(200);
    const declared = await staffRequest("POST", `/api/v1/review/applications/${id}/conflict`, reviewer.session, {
      conflict: true,
    });
    expect(declared.status).toBe(200);

    const assignment = (await inbox(reviewer.user.email)).find((mail) => !mail.body.text?.includes("sign-in/link"));
    expect(assignment?.subject).toBe("Nueva solicitud para evaluar");
    expect(assignment?.body.text).toContain("Se le asignó una solicitud para evaluar");

    const [toPt] = await inbox(coordinatorPt.email);
    expect(toPt?.subject).toBe("Conflito de interesse declarado");
    expect(toPt?.body.text).toContain("declarou um conflito de interesse");
    const [toOld] = await inbox(coordinatorOld.email);
    expect(toOld?.subject).toBe("Conflict of interest declared");
    expect(toOld?.body.text).toContain("declared a conflict of interest");
  });

  it("that name an application have a subject naming it, the call's title and dates in the reader's language, and a link to it", async () => {
    const spanish = await account(["coordinator"], "es");
    const english = await account(["coordinator"], "en");
    const applicationId = "01jv7k2q8m3n4p5r6s7t8v9w0x";
    await Dynamo.transact(
      await Outbox.toStaff([spanish, english], `overdue-test:${applicationId}`, "mail.staff_overdue_body", undefined, {
        applicationId,
        call: emergencyTitle,
        date: "2026-05-14T00:00:00.000Z",
      }),
    );
    const [es] = await inbox(spanish.email);
    expect(es?.subject).toBe(`Decisión vencida: solicitud ${applicationId}`);
    expect(es?.body.text).toContain(emergencyTitle.es);
    // The date in the reader's language and calendar, as Intl writes it, with the month in Spanish.
    expect(es?.body.text).toContain(formatDate("es", "2026-05-14T00:00:00.000Z"));
    expect(formatDate("es", "2026-05-14T00:00:00.000Z")).toMatch(/mayo/);
    expect(es?.body.text).toContain(`/staff/applications/${applicationId}`);
    const [en] = await inbox(english.email);
    expect(en?.subject).toBe(`Decision overdue: application ${applicationId}`);
    expect(en?.body.text).toContain(emergencyTitle.en);
    expect(en?.body.text).toContain("May 14, 2026");
  });
});
