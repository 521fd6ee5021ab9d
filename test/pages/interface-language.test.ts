import * as Application from "@amparo/core/application";
import * as Config from "@amparo/core/config";
import { describe, expect, it } from "vitest";
import { applicantRequest, confirmContact, inbox, uniqueEmail } from "../support/applications.js";
import { postForm } from "../support/http.js";

const emergencyAnswers: [string, string][] = [
  ["applicant-type", "individual"],
  ["country", "KH"],
  ["under-attack", "yes"],
  ["human-rights-work", "yes"],
  ["funded-recently", "no"],
];

describe("the language an applicant reads", () => {
  it("is kept apart from the one they write in, and their emails go in it", async () => {
    Config.set({ LIMIT_SOURCE_PER_HOUR: 1_000_000 });
    const email = uniqueEmail();
    // Pages read in Spanish; the concept note written in Khmer.
    const created = await postForm("/apply/digital-emergency/start?lang=es", [
      ...emergencyAnswers,
      ["_step", "create"],
      ["language", "km"],
      ["email", email],
    ]);
    expect(created.status).toBe(303);
    const confirmation = (await inbox(email)).find((mail) => mail.body.text?.includes("/apply/contact?token="));
    expect(confirmation?.body.text).toContain("Esta dirección se dio como contacto.");

    await confirmContact(email);
    const token = /access=([^;]+)/.exec(created.headers.getSetCookie().join("; "))?.[1];
    expect(token).toBeDefined();
    const stored = await Application.fromToken(decodeURIComponent(token!));
    expect(stored).toMatchObject({ language: "km", interfaceLanguage: "es" });
    await applicantRequest("PUT", `/api/v1/applications/${stored.id}/concept-note`, token!, {
      fields: { situation: "ទូរស័ព្ទរបស់យើងត្រូវបានរឹបអូស។", need: "ទូរស័ព្ទថ្មីពីរ។" },
    });
    await applicantRequest("PUT", `/api/v1/applications/${stored.id}/funding`, token!, { amount: 2_000, months: 2 });
    expect((await applicantRequest("POST", `/api/v1/applications/${stored.id}/submit`, token!)).status).toBe(200);
    const update = (await inbox(email)).find((mail) => mail.body.text?.includes("/apply/resume"));
    expect(update?.body.text).toContain("Hay una novedad para usted.");
  });

  it("leaves an application made before it was kept with emails in its writing language", () => {
    expect(Application.emailLocale({ language: "pt" })).toBe("pt");
    expect(Application.emailLocale({ language: "km" })).toBe("en");
    expect(Application.emailLocale({ language: "km", interfaceLanguage: "es" })).toBe("es");
  });
});
