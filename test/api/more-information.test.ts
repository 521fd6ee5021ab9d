import * as Application from "@amparo/core/application";
import type * as User from "@amparo/core/user";
import { beforeAll, describe, expect, it } from "vitest";
import {
  applicantRequest,
  confirmContact,
  inbox,
  startApplication,
  uniqueEmail,
  uploadBudget,
} from "../support/applications.js";
import { pdf } from "../support/files.js";
import { everyItem } from "../support/http.js";
import { signIn, staffAccount, staffRequest } from "../support/staff.js";

const GRANT = "concept-notes-2026";
let coordinator: { session: string; user: User.Info };

beforeAll(async () => {
  coordinator = await signIn((await staffAccount(["coordinator"], [GRANT])).email);
}, 60_000);

interface Round {
  question: string;
  askedAt: string;
  answer?: string;
  answeredAt?: string;
}
interface ApplicantView {
  stage: string;
  version: number;
  moreInfoRequest?: string;
  messageToApplicant?: string;
  moreInfo?: { rounds: Round[]; draftAnswer?: string };
}

/** A grant application, complete, submitted and in review, with an address to read the applicant's emails. */
async function inReview() {
  const email = uniqueEmail();
  const { id, token } = await startApplication(GRANT, { contact: { email } });
  await confirmContact(email);
  await applicantRequest("PUT", `/api/v1/applications/${id}/concept-note`, token, {
    fields: {
      problem: "Harassment.",
      approach: "Clinics.",
      outcomes: "Fewer takeovers.",
      organisation: "A collective.",
    },
  });
  await applicantRequest("PUT", `/api/v1/applications/${id}/funding`, token, { amount: 22_000, months: 12 });
  await uploadBudget(id, token, pdf(), "application/pdf", "budget.pdf");
  await applicantRequest("POST", `/api/v1/applications/${id}/budget-file/confirm`, token);
  expect((await applicantRequest("POST", `/api/v1/applications/${id}/submit`, token)).status).toBe(200);
  const moved = await transition(id, { to: "in_review", version: await versionOf(id) });
  expect(moved.status).toBe(200);
  return { id, token, email };
}

const versionOf = async (id: string) => (await Application.fromID(id))!.version;
const transition = (id: string, body: unknown) =>
  staffRequest("POST", `/api/v1/review/applications/${id}/transition`, coordinator.session, body);
const applicantView = async (id: string, token: string) =>
  (await (await applicantRequest("GET", `/api/v1/applications/${id}`, token)).json()) as ApplicantView;
const staffView = async (id: string) =>
  (await (await staffRequest("GET", `/api/v1/review/applications/${id}`, coordinator.session)).json()) as {
    moreInfo?: Round[];
    events: { type: string; note?: string; part?: string }[];
  };
const answer = (id: string, token: string, text: string) =>
  applicantRequest("PUT", `/api/v1/applications/${id}/more-info-answer`, token, { fields: { answer: text } });

describe("more information, as a conversation", () => {
  it("asks, is answered with the resubmission, asks again, and the coordinator reads both rounds", async () => {
    const { id, token, email } = await inReview();
    // A note for staff and a question for the applicant, in the same move: each goes only to its audience.
    const asked = await transition(id, {
      to: "more_info",
      version: await versionOf(id),
      note: "Staff-only-4KD: the budget looks padded.",
      messageToApplicant: "Question-one-9RB: how many devices do you need?",
    });
    expect(asked.status).toBe(200);
    let seen = await applicantView(id, token);
    expect(seen.stage).toBe("more_info");
    expect(seen.moreInfoRequest).toBe("Question-one-9RB: how many devices do you need?");
    expect(seen.moreInfo?.rounds).toEqual([{ question: seen.moreInfoRequest, askedAt: expect.any(String) }]);
    expect(JSON.stringify(seen)).not.toContain("4KD");

    // Sending again without an answer names the answer's field, and changes nothing.
    const early = await applicantRequest("POST", `/api/v1/applications/${id}/submit`, token);
    expect(early.status).toBe(422);
    expect(((await early.json()) as { errors: { path: string }[] }).errors.map((error) => error.path)).toContain(
      "fields.answer",
    );
    const saved = await answer(id, token, "Answer-one-2MZ: six laptops and two phones.");
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ fields: { answer: { words: 8, maxWords: 500, ok: true } } });
    expect((await applicantView(id, token)).moreInfo?.draftAnswer).toBe("Answer-one-2MZ: six laptops and two phones.");
    expect((await applicantRequest("POST", `/api/v1/applications/${id}/submit`, token)).status).toBe(200);

    seen = await applicantView(id, token);
    expect(seen.stage).toBe("submitted");
    expect(seen.moreInfoRequest).toBeUndefined();
    expect(seen.moreInfo).toEqual({
      rounds: [
        {
          question: "Question-one-9RB: how many devices do you need?",
          askedAt: expect.any(String),
          answer: "Answer-one-2MZ: six laptops and two phones.",
          answeredAt: expect.any(String),
        },
      ],
    });
    // Not writable once sent.
    expect((await answer(id, token, "Too late.")).status).toBe(409);

    const again = await transition(id, {
      to: "more_info",
      version: await versionOf(id),
      messageToApplicant: "Question-two-5TW: who will use them?",
    });
    expect(again.status).toBe(200);
    seen = await applicantView(id, token);
    expect(seen.moreInfoRequest).toBe("Question-two-5TW: who will use them?");
    // The new question starts with an empty answer box.
    expect(seen.moreInfo?.draftAnswer).toBeUndefined();
    expect(seen.moreInfo?.rounds).toHaveLength(2);
    await answer(id, token, "Answer-two-8HV: three journalists.");
    expect((await applicantRequest("POST", `/api/v1/applications/${id}/submit`, token)).status).toBe(200);

    const staff = await staffView(id);
    expect(staff.moreInfo).toEqual([
      expect.objectContaining({
        question: "Question-one-9RB: how many devices do you need?",
        answer: "Answer-one-2MZ: six laptops and two phones.",
      }),
      expect.objectContaining({
        question: "Question-two-5TW: who will use them?",
        answer: "Answer-two-8HV: three journalists.",
      }),
    ]);
    for (const round of staff.moreInfo!)
      expect(Date.parse(round.answeredAt!)).toBeGreaterThan(Date.parse(round.askedAt));
    // Reading them is on record, as the other parts a coordinator opens.
    expect(staff.events.some((event) => event.type === "viewed" && event.part === "more_info")).toBe(true);
    // The note stays in the staff history.
    expect(staff.events.find((event) => event.note?.includes("4KD"))?.type).toBe("moved");

    // Sealed: nothing of the questions, answers or note is in the table in the clear, nor in any email.
    // Whole markers, not their three-letter tails: those turn up by chance in sealed base64 and keyed hashes.
    const markers = ["Question-one-9RB", "Answer-one-2MZ", "Question-two-5TW", "Answer-two-8HV", "Staff-only-4KD"];
    const table = JSON.stringify(await everyItem());
    for (const marker of markers) expect(table).not.toContain(marker);
    const mails = await inbox(email);
    expect(mails.length).toBeGreaterThan(0);
    for (const mail of mails) {
      for (const marker of markers) {
        expect(`${mail.subject} ${mail.body.text ?? ""}`).not.toContain(marker);
      }
    }
  });

  it("refuses a request for more information without its question (422), note or no note, and nothing changes", async () => {
    const { id } = await inReview();
    const before = JSON.stringify(await everyItem());
    const refused = await transition(id, { to: "more_info", version: await versionOf(id), note: "How many?" });
    expect(refused.status).toBe(422);
    const problem = (await refused.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((error) => error.path)).toEqual(["messageToApplicant"]);
    expect(JSON.stringify(await everyItem())).toBe(before);
  });

  it("refuses an answer's unknown field (400) and an answer while nothing is asked (409)", async () => {
    const { id, token } = await inReview();
    expect((await answer(id, token, "Nothing was asked.")).status).toBe(409);
    await transition(id, { to: "more_info", version: await versionOf(id), messageToApplicant: "How many?" });
    const unknown = await applicantRequest("PUT", `/api/v1/applications/${id}/more-info-answer`, token, {
      fields: { other: "x" },
    });
    expect(unknown.status).toBe(400);
  });
});
