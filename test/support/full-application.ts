import * as Application from "@amparo/core/application";
import * as Stage from "@amparo/core/stage";
import type { PresignedUpload } from "@amparo/core/upload";
import * as User from "@amparo/core/user";
import { grantAnswers } from "./answers.js";
import { csv } from "./files.js";

/** Sends a file to the S3 stand-in with a presigned POST, as a browser's upload form would. */
export async function postToS3(upload: PresignedUpload, file: Buffer, contentType: string, fileName: string) {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append("file", new Blob([new Uint8Array(file)], { type: contentType }), fileName);
  const sent = await fetch(upload.url, { method: "POST", body: form, redirect: "manual" });
  if (sent.status >= 400) throw new Error(`S3 answered ${sent.status}`);
}

const fresh = async (id: string) => (await Application.fromID(id))!;

/**
 * An application of the seeded grant call taken to the shortlist the way people take it there: the applicant
 * writes the concept note in `language`, asks for funding, uploads the budget and submits; the seeded coordinator
 * moves it into review and shortlists it, which invites the full application.
 */
export async function shortlistedGrant(language = "es"): Promise<{ id: string; token: string }> {
  const { id, token } = await Application.create({
    callId: "concept-notes-2026",
    language,
    eligibility: { answers: grantAnswers },
  });
  await Application.saveConceptNote(await fresh(id), {
    fields: {
      problem: "Defensoras comunitarias reciben amenazas en línea y pierden el acceso a sus cuentas.",
      approach: "Talleres de seguridad digital y una línea de ayuda atendida por pares.",
      outcomes: "Cuarenta defensoras protegen sus cuentas y saben a quién pedir ayuda.",
      organisation: "Una red de mujeres defensoras con siete años de trabajo en tres provincias.",
    },
  });
  await Application.setFunding(await fresh(id), { amount: 20_000, months: 12 });
  const budget = csv();
  const upload = await Application.startBudgetUpload(await fresh(id), {
    fileName: "presupuesto.csv",
    contentType: "text/csv",
    size: budget.length,
  });
  await postToS3(upload, budget, "text/csv", "presupuesto.csv");
  await Application.confirmBudgetUpload(await fresh(id));
  await Stage.submit(await fresh(id));
  const coordinator = (await User.fromEmail("coordinator@amparo.local"))!;
  for (const to of ["in_review", "shortlisted"] as const) {
    await Stage.transition(coordinator, id, { to, version: (await fresh(id)).version });
  }
  return { id, token };
}
