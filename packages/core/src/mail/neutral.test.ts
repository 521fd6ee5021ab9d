import { describe, expect, it } from "vitest";
import * as Config from "../config/index.js";
import { en } from "../i18n/en.js";
import { formatDate, locales, type MessageKey } from "../i18n/index.js";
import { conceptNotes2026, digitalEmergency } from "../seed/calls.js";
import * as Mail from "./index.js";

/** Emails that only ever go to a staff address: staff notices and the staff sign-in link. */
const staffOnly = (key: string) => key.startsWith("mail.staff_") || key === "mail.sign_in_body";
/** Every email body an applicant can receive: any `mail.` key that is not staff-only (and not the subject). */
const applicantBodies = (Object.keys(en) as MessageKey[]).filter(
  (key) => key.startsWith("mail.") && key !== Mail.subject && !staffOnly(key),
);

const conceptNote = "Our newsroom's accounts were taken over by the security police after the election report.";

/**
 * Values a careless caller might pass: the call's title (the fund's name), a concept note. A body that used
 * them would show them, and the checks below would catch it.
 */
const sample: Mail.Params = {
  date: "2026-05-14T09:30:00.000Z",
  applicationId: "01jv7k2q8m3n4p5r6s7t8v9w0x",
  call: digitalEmergency.title,
  note: conceptNote,
  minutes: 15,
  link: "http://localhost:3000/apply/resume",
};

/** What an applicant's email must never say, in any language: words that tell an onlooker what it is about. */
const forbiddenWords = new Set([
  // English
  "grant",
  "grants",
  "fund",
  "funds",
  "funding",
  "emergency",
  "emergencies",
  "attack",
  "attacks",
  "attacked",
  "defender",
  "defenders",
  "rights",
  "human rights",
  "concept note",
  // Spanish
  "subvención",
  "subvenciones",
  "beca",
  "becas",
  "fondo",
  "fondos",
  "emergencia",
  "emergencias",
  "ataque",
  "ataques",
  "defensor",
  "defensora",
  "defensores",
  "defensoras",
  "derecho",
  "derechos",
  "nota conceptual",
  // Portuguese
  "subvenção",
  "subvenções",
  "subsídio",
  "subsídios",
  "fundo",
  "fundos",
  "emergência",
  "emergências",
  "ataque",
  "defensor",
  "defensora",
  "defensores",
  "direito",
  "direitos",
  "nota conceitual",
  // The platform's own name says what it is for.
  "amparo",
]);

/** The seeded calls' titles, in every language: the names of the funds. */
const fundNames = [digitalEmergency, conceptNotes2026].flatMap((call) => Object.values(call.title));

/** Whole words only, letters of any script counting as word characters (`\b` knows only ASCII). */
const wordPattern = (word: string) =>
  new RegExp(`(?<![\\p{L}\\p{N}])${word.replace(/\s+/g, "\\s+")}(?![\\p{L}\\p{N}])`, "iu");

function problems(text: string): string[] {
  return [
    ...[...forbiddenWords].filter((word) => wordPattern(word).test(text)),
    ...fundNames.filter((name) => text.toLowerCase().includes(name.toLowerCase())),
    ...(text.includes(conceptNote) ? ["the concept note"] : []),
  ];
}

describe("emails to applicants", () => {
  it("are the update and the late notice, and nothing checks an empty list", () => {
    expect(applicantBodies).toEqual(expect.arrayContaining(["mail.update_body", "mail.applicant_late_body"]));
  });

  it("the checks catch what they are meant to catch", () => {
    expect(problems("Your GRANT is ready")).toEqual(["grant"]);
    expect(problems("Un ataque digital")).toEqual(["ataque"]);
    expect(problems("Situação de emergência")).toEqual(["emergência"]);
    expect(problems("Fondo de emergencia ante ataques digitales")).toContain(digitalEmergency.title.es);
    expect(problems(`Note: ${conceptNote}`)).toContain("the concept note");
    // Word boundaries: "refund" and "fundamental" are not "fund".
    expect(problems("a refund of fundamental importance")).toEqual([]);
  });

  it.each(locales)(
    "in %s: no subject or body names a fund, grant, attack, defender or rights, or shows the concept note",
    (locale) => {
      for (const body of applicantBodies) {
        const rendered = Mail.render({ locale, body, params: sample });
        expect({ body, subject: problems(rendered.subject) }).toEqual({ body, subject: [] });
        expect({ body, text: problems(rendered.body) }).toEqual({ body, text: [] });
        // Plain text, with the way back through the access code and nothing else to follow.
        expect(rendered.body).not.toMatch(/<[a-z/!]/i);
        expect(rendered.body).toContain(`${Config.get().PUBLIC_URL}/apply/resume`);
        expect(rendered.body).not.toContain(sample.applicationId as string);
        expect(rendered.subject).toBe(Mail.render({ locale, body: "mail.update_body" }).subject);
      }
    },
  );

  it("give dates as calendar dates in the applicant's language", () => {
    const late = (locale: (typeof locales)[number]) =>
      Mail.render({ locale, body: "mail.applicant_late_body", params: { date: "2026-05-14T23:30:00.000Z" } }).body;
    // The calendar date as the reader's language writes it (in UTC: 23:30 on the 14th is still the 14th), with
    // its month in words, never the stored timestamp.
    const date = "2026-05-14T23:30:00.000Z";
    for (const [locale, month] of [
      ["en", /May/],
      ["es", /mayo/],
      ["pt", /maio/],
    ] as const) {
      expect(late(locale)).toContain(formatDate(locale, date));
      expect(formatDate(locale, date)).toMatch(month);
      expect(formatDate(locale, date)).toMatch(/\b14\b.*2026|2026.*\b14\b/);
      expect(late(locale)).not.toContain("2026-05-14");
    }
  });
});

describe("emails to staff", () => {
  it("name the application and its call in the reader's language, link to it, and give dates in that language", () => {
    const id = "01jv7k2q8m3n4p5r6s7t8v9w0x";
    const params = { applicationId: id, call: digitalEmergency.title, date: "2026-05-14T00:00:00.000Z" };
    for (const [body, subject] of [
      ["mail.staff_reminder_body", `Recordatorio de evaluación: solicitud ${id}`],
      ["mail.staff_escalation_body", `Decisión próxima a vencer: solicitud ${id}`],
      ["mail.staff_overdue_body", `Decisión vencida: solicitud ${id}`],
    ] as const) {
      const es = Mail.render({ locale: "es", body, params });
      expect(es.subject).toBe(subject);
      expect(es.body).toContain(`${Config.get().PUBLIC_URL}/staff/applications/${id}`);
      expect(es.body).toContain(digitalEmergency.title.es);
      expect(es.body).not.toMatch(/\{\w+\}/);
    }
    expect(Mail.render({ locale: "pt", body: "mail.staff_overdue_body", params }).body).toContain(
      formatDate("pt", "2026-05-14T00:00:00.000Z"),
    );
  });

  it.each(locales)("in %s: every one has a subject of its own that says what it is about", (locale) => {
    const staffBodies = (Object.keys(en) as MessageKey[]).filter((key) => staffOnly(key) && key.endsWith("_body"));
    const subjects = staffBodies.map((body) => Mail.render({ locale, body, params: sample }).subject);
    expect(subjects).not.toContain(Mail.render({ locale, body: "mail.update_body" }).subject);
    expect(new Set(subjects).size).toBe(staffBodies.length);
    expect(subjects.join(" ")).not.toMatch(/\{\w+\}/);
    expect(Mail.render({ locale: "en", body: "mail.sign_in_body" }).subject).toBe("Sign-in link");
    expect(Mail.render({ locale: "en", body: "mail.staff_update_body" }).subject).toBe("New assignment");
  });
});
