// What the screenshot pages stand on: the Shot type, and applications and staff sessions made the way people
// make them (through the API, or core where no page or route does it), at each stage a page shows.
import * as Award from "@amparo/core/award";
import * as Call from "@amparo/core/call";
import * as Clock from "@amparo/core/clock";
import * as Config from "@amparo/core/config";
import type { Locale } from "@amparo/core/i18n";
import * as Review from "@amparo/core/review";
import * as Session from "@amparo/core/session";
import * as Stage from "@amparo/core/stage";
import * as Account from "@amparo/core/account";
import * as User from "@amparo/core/user";
import * as Application from "@amparo/core/application";
import type { Page } from "playwright-core";
import { emergencyAnswers, grantAnswers } from "../../test/support/answers.js";
import { csv } from "../../test/support/files.js";

/** A page of one audience for `npm run screenshots`, and how a person reaches it. */
export interface Shot {
  audience: "applicant" | "staff" | "reviewer" | "coordinator" | "admin" | "funder" | "error";
  name: string;
  /** The GET routes (as the apps declare them) whose page this shot shows. */
  covers: string[];
  open: (page: Page, base: string, lang: Locale) => Promise<unknown>;
}

const sample: Record<Locale, string> = {
  en:
    "Our collective documents attacks on land defenders in three provinces and keeps a shared archive of " +
    "testimonies. Last month our website was taken down and two phones were seized at a checkpoint, so we need " +
    "secure devices, encrypted storage and training for the team before the next hearing.",
  es:
    "Nuestro colectivo documenta ataques contra defensoras de la tierra en tres provincias y mantiene un archivo " +
    "compartido de testimonios. El mes pasado tumbaron nuestro sitio web y nos quitaron dos teléfonos en un " +
    "retén, así que necesitamos equipos seguros, almacenamiento cifrado y formación antes de la próxima audiencia.",
  pt:
    "O nosso coletivo documenta ataques contra defensoras da terra em três províncias e mantém um arquivo " +
    "partilhado de depoimentos. No mês passado derrubaram o nosso site e apreenderam dois telemóveis numa " +
    "barreira, por isso precisamos de aparelhos seguros, armazenamento cifrado e formação antes da próxima audiência.",
  th:
    "กลุ่มของเราบันทึกการโจมตีนักปกป้องสิทธิในที่ดินในสามจังหวัด และเก็บคลังคำให้การร่วมกัน " +
    "เดือนที่แล้วเว็บไซต์ของเราถูกปิด และโทรศัพท์สองเครื่องถูกยึดที่ด่านตรวจ " +
    "เราจึงต้องการอุปกรณ์ที่ปลอดภัย ที่เก็บข้อมูลแบบเข้ารหัส และการอบรมสำหรับทีมก่อนการไต่สวนครั้งหน้า",
  id:
    "Kolektif kami mendokumentasikan serangan terhadap pembela tanah di tiga provinsi dan menyimpan arsip " +
    "kesaksian bersama. Bulan lalu situs web kami diturunkan dan dua telepon disita di pos pemeriksaan, jadi kami " +
    "membutuhkan perangkat aman, penyimpanan terenkripsi, dan pelatihan untuk tim sebelum sidang berikutnya.",
  vi:
    "Nhóm chúng tôi ghi lại các cuộc tấn công nhằm vào những người bảo vệ đất đai ở ba tỉnh và lưu giữ kho lời " +
    "chứng chung. Tháng trước trang web của chúng tôi bị đánh sập và hai điện thoại bị thu giữ tại một trạm kiểm " +
    "soát, vì vậy chúng tôi cần thiết bị an toàn, lưu trữ được mã hóa và đào tạo cho nhóm trước phiên điều trần tới.",
  my:
    "ကျွန်ုပ်တို့အဖွဲ့သည် ပြည်နယ်သုံးခုရှိ မြေယာကာကွယ်သူများအပေါ် တိုက်ခိုက်မှုများကို မှတ်တမ်းတင်ပြီး " +
    "သက်သေထွက်ဆိုချက်များကို မျှဝေသိမ်းဆည်းထားသည်။ ပြီးခဲ့သည့်လက ကျွန်ုပ်တို့၏ ဝက်ဘ်ဆိုက်ကို ပိတ်ခံရပြီး " +
    "စစ်ဆေးရေးဂိတ်တွင် ဖုန်းနှစ်လုံး သိမ်းဆည်းခံရသဖြင့် လုံခြုံသော စက်ပစ္စည်းများနှင့် လေ့ကျင့်မှု လိုအပ်ပါသည်။",
  km:
    "ក្រុមរបស់យើងកត់ត្រាការវាយប្រហារលើអ្នកការពារដីធ្លីនៅក្នុងខេត្តបី ហើយរក្សាទុកបណ្ណសារសក្ខីកម្មរួមគ្នា។ " +
    "ខែមុន គេហទំព័ររបស់យើងត្រូវបានបិទ ហើយទូរសព្ទពីរគ្រឿងត្រូវបានរឹបអូសនៅប៉ុស្តិ៍ត្រួតពិនិត្យ " +
    "ដូច្នេះយើងត្រូវការឧបករណ៍សុវត្ថិភាព ការរក្សាទុកទិន្នន័យដែលបានអ៊ិនគ្រីប និងការបណ្តុះបណ្តាលសម្រាប់ក្រុម។",
  fil:
    "Dinodokumento ng aming kolektibo ang mga pag-atake sa mga tagapagtanggol ng lupa sa tatlong lalawigan at " +
    "nag-iingat kami ng pinagsasaluhang arkibo ng mga testimonya. Noong nakaraang buwan, pinabagsak ang aming " +
    "website at kinumpiska ang dalawang telepono sa isang checkpoint, kaya kailangan namin ng ligtas na kagamitan.",
};

/** About `words` words of plausible text in `lang`. */
export function text(lang: Locale, words: number): string {
  // Counted as the app counts words (Thai, Khmer and Burmese have no spaces between them), repeating the sample.
  const segments = [...new Intl.Segmenter(lang, { granularity: "word" }).segment(`${sample[lang]} `)];
  let counted = 0;
  let written = "";
  for (let index = 0; counted < Math.max(1, words); index++) {
    const segment = segments[index % segments.length]!;
    if (segment.isWordLike) counted++;
    written += segment.segment;
  }
  return written.trim();
}

async function api(base: string, method: string, path: string, token?: string, body?: unknown) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return response;
}

export type CallId = "digital-emergency" | "concept-notes-2026";

/**
 * A draft filled the way a person would leave it: every concept-note field about two thirds full, and the
 * funding answered. A part the API refuses (its rules may change) is left empty rather than stopping the run.
 */
export async function draft(base: string, callId: CallId, lang: Locale): Promise<{ id: string; token: string }> {
  const created = await api(base, "POST", "/api/v1/applications", undefined, {
    callId,
    language: lang,
    eligibility: { answers: callId === "digital-emergency" ? emergencyAnswers : grantAnswers },
  });
  const { id, token } = (await created.json()) as { id: string; token: string };
  const call = await Call.get(callId);
  const fields = Object.fromEntries(
    call.conceptNote.fields.map((field) => [field.id, text(lang, Math.round(field.maxWords * 0.66))]),
  );
  await api(base, "PUT", `/api/v1/applications/${id}/concept-note`, token, { fields }).catch(warn);
  const funding =
    callId === "digital-emergency"
      ? { amount: 3_000, months: 3 }
      : { amount: 20_000, annualBudget: 15_000, months: 12 };
  await api(base, "PUT", `/api/v1/applications/${id}/funding`, token, funding).catch(warn);
  // How reviewers should know the applicant, shown to them first (and in staff lists).
  const identity = { name: "Colectivo Tierra Viva", country: callId === "digital-emergency" ? "GT" : "BR" };
  await api(base, "PUT", `/api/v1/applications/${id}/identity`, token, identity).catch(warn);
  return { id, token };
}

export async function submitted(base: string, lang: Locale) {
  const made = await draft(base, "digital-emergency", lang);
  await api(base, "POST", `/api/v1/applications/${made.id}/submit`, made.token);
  return made;
}

export const user = async (email: string) => (await User.fromEmail(email))!;

/** Moves an application as the seeded coordinator, through the stages the call allows. */
export async function move(
  id: string,
  to: Stage.Stage,
  extra: { note?: string; amount?: number; messageToApplicant?: string } = {},
) {
  const app = (await Application.fromID(id))!;
  await Stage.transition(await user("coordinator@amparo.local"), id, { to, version: app.version, ...extra });
}

export async function decided(base: string, lang: Locale, outcome: "approved" | "declined") {
  const made = await submitted(base, lang);
  await move(made.id, "in_review");
  await move(made.id, outcome, outcome === "approved" ? { amount: 2_800 } : { note: "Outside this call's scope." });
  return made;
}

/** An approved emergency application (EUR 2,800) whose agreement the coordinator has sent. */
export async function agreementSent(base: string, lang: Locale) {
  const made = await decided(base, lang, "approved");
  await move(made.id, "agreement_sent");
  return made;
}

/**
 * A grant under way: the agreement accepted and a bank account given; with `paid` "some", one payment of 1,200
 * recorded (the grant active), with "final" the rest recorded as the final payment too.
 */
export async function granted(base: string, lang: Locale, paid: "none" | "some" | "final" = "none") {
  const made = await agreementSent(base, lang);
  const fresh = async () => (await Application.fromID(made.id))!;
  await Award.answerAgreement(await fresh(), { decision: "accept", name: "Ana María Pérez" });
  if (paid === "none") return made;
  await Award.givePaymentMethod(await fresh(), bankAccount);
  const coordinator = await user("coordinator@amparo.local");
  const today = Clock.iso().slice(0, 10);
  const pay = async (amount: number, reference: string, final: boolean) =>
    Award.recordPayment(coordinator, made.id, {
      version: (await fresh()).version,
      amount,
      paidOn: today,
      reference,
      final,
    });
  await pay(1_200, "TRX-2026-0412-118", false);
  if (paid === "final") await pay(1_600, "TRX-2026-0519-042", true);
  return made;
}

const bankAccount = {
  kind: "bank_transfer",
  accountHolder: "Asociación Tierra Viva",
  bankName: "Banco de Desarrollo Rural",
  account: "GT82 TRAJ 0102 0000 0012 1002 9690",
  routing: "TRAJGTGC",
  bankCountry: "GT",
} as const;

/**
 * A grant application taken to the shortlist (concept note, funding, budget file, submitted, moved
 * into review and shortlisted by the seeded coordinator), which invites its full application. With `write`,
 * the full application's fields are about two thirds full and its first document is uploaded.
 */
export async function shortlisted(base: string, lang: Locale, write = false) {
  const made = await draft(base, "concept-notes-2026", lang);
  const fresh = async () => (await Application.fromID(made.id))!;
  await uploadFile(await Application.startBudgetUpload(await fresh(), budgetUpload), csv());
  await Application.confirmBudgetUpload(await fresh());
  await api(base, "POST", `/api/v1/applications/${made.id}/submit`, made.token);
  await move(made.id, "in_review");
  await move(made.id, "shortlisted");
  if (write) {
    const call = await Call.get("concept-notes-2026");
    const spec = call.fullApplication!;
    const fields = Object.fromEntries(
      spec.fields.map((field) => [field.id, text(lang, Math.round(field.maxWords * 0.66))]),
    );
    await Application.saveFullApplication(await fresh(), { fields });
    const document = spec.documents[0]!.id;
    await uploadFile(await Application.startDocumentUpload(await fresh(), document, budgetUpload), csv());
    await Application.confirmDocumentUpload(await fresh(), document);
  }
  return made;
}

const budgetUpload = { fileName: "presupuesto.csv", contentType: "text/csv", size: csv().length };

/** Sends a file to the S3 stand-in with a presigned POST, as the upload form would. */
async function uploadFile(upload: { url: string; fields: Record<string, string> }, file: Buffer) {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append("file", new Blob([new Uint8Array(file)], { type: "text/csv" }), "presupuesto.csv");
  await fetch(upload.url, { method: "POST", body: form, redirect: "manual" });
}

/** A shortlisted application whose full application is complete and sent. */
export async function fullSubmitted(base: string, lang: Locale) {
  const made = await shortlisted(base, lang, true);
  const spec = (await Call.get("concept-notes-2026")).fullApplication!;
  for (const document of spec.documents.slice(1)) {
    const app = (await Application.fromID(made.id))!;
    await uploadFile(await Application.startDocumentUpload(app, document.id, budgetUpload), csv());
    await Application.confirmDocumentUpload((await Application.fromID(made.id))!, document.id);
  }
  await Stage.submitFull((await Application.fromID(made.id))!);
  return made;
}

/**
 * A shortlisted application whose due date has passed: shortlisted while a "day" lasts a few milliseconds, so
 * the 30 days are over at once (a due date can only be moved later, never into the past).
 */
export async function pastDue(base: string, lang: Locale) {
  const scale = Config.get().TIME_SCALE;
  Config.set({ TIME_SCALE: 86_400_000 / 2 });
  let made: { id: string; token: string };
  try {
    made = await shortlisted(base, lang);
  } finally {
    Config.set({ TIME_SCALE: scale });
  }
  await new Promise((done) => setTimeout(done, 200));
  return made;
}

/** A coordinator's questions and an applicant's answer, in each language, as a conversation might go. */
const conversation = {
  en: [
    "How many phones were taken, and who used them?",
    "Two phones, used by our two radio presenters.",
    "Which model do you need, and why that one?",
  ],
  es: [
    "¿Cuántos teléfonos se llevaron y quién los usaba?",
    "Dos teléfonos, de nuestras dos locutoras de radio.",
    "¿Qué modelo necesitan y por qué ese?",
  ],
  pt: [
    "Quantos telefones foram levados e quem os usava?",
    "Dois telefones, das nossas duas locutoras de rádio.",
    "Que modelo vocês precisam e por quê?",
  ],
  th: ["โทรศัพท์ถูกยึดไปกี่เครื่อง และใครเป็นผู้ใช้", "สองเครื่อง เป็นของผู้จัดรายการวิทยุสองคนของเรา", "คุณต้องการรุ่นใด และเพราะเหตุใด"],
  id: [
    "Berapa telepon yang diambil, dan siapa yang memakainya?",
    "Dua telepon, milik dua penyiar radio kami.",
    "Model apa yang Anda perlukan, dan mengapa?",
  ],
  vi: [
    "Có bao nhiêu điện thoại bị lấy đi, và ai đã dùng chúng?",
    "Hai điện thoại, của hai phát thanh viên của chúng tôi.",
    "Quý vị cần mẫu nào, và vì sao?",
  ],
  my: [
    "ဖုန်းဘယ်နှလုံး ယူသွားခံရပြီး ဘယ်သူတွေ သုံးခဲ့ပါသလဲ။",
    "ဖုန်းနှစ်လုံးပါ၊ ကျွန်ုပ်တို့၏ ရေဒီယိုအစီအစဉ်တင်ဆက်သူနှစ်ဦး သုံးခဲ့ပါသည်။",
    "ဘယ်မော်ဒယ် လိုအပ်ပြီး ဘာကြောင့်လဲ။",
  ],
  km: [
    "តើទូរសព្ទប៉ុន្មានគ្រឿងត្រូវបានយកទៅ ហើយអ្នកណាជាអ្នកប្រើ?",
    "ពីរគ្រឿង ដែលអ្នកផ្សាយវិទ្យុពីរនាក់របស់យើងប្រើ។",
    "តើអ្នកត្រូវការម៉ូដែលណា ហើយហេតុអ្វី?",
  ],
  fil: [
    "Ilang telepono ang kinuha, at sino ang gumagamit ng mga ito?",
    "Dalawang telepono, ng aming dalawang tagapagbalita sa radyo.",
    "Anong modelo ang kailangan ninyo, at bakit iyon?",
  ],
} as const;

/**
 * An emergency application asked for more information: with `rounds` 2, the first question was answered and sent,
 * and a second one now waits for its answer.
 */
export async function askedMoreInfo(base: string, lang: Locale, rounds: 1 | 2 = 1) {
  const made = await submitted(base, lang);
  const [first, answer, second] = conversation[lang];
  await move(made.id, "more_info", { messageToApplicant: first, note: "The amount fits two phones." });
  if (rounds === 2) {
    const body = { fields: { answer } };
    await api(base, "PUT", `/api/v1/applications/${made.id}/more-info-answer`, made.token, body);
    await api(base, "POST", `/api/v1/applications/${made.id}/submit`, made.token);
    await move(made.id, "more_info", { messageToApplicant: second });
  }
  return made;
}

/** A grant application submitted and moved into review, ready for the coordinators' bulk shortlist. */
export async function grantInReview(base: string, lang: Locale) {
  const made = await draft(base, "concept-notes-2026", lang);
  const fresh = async () => (await Application.fromID(made.id))!;
  await uploadFile(await Application.startBudgetUpload(await fresh(), budgetUpload), csv());
  await Application.confirmBudgetUpload(await fresh());
  await api(base, "POST", `/api/v1/applications/${made.id}/submit`, made.token);
  await move(made.id, "in_review");
  return made;
}

/**
 * A sent full application with both seeded reviewers assigned; the second has declared and scored
 * it on the second rubric, the first has declared and not scored yet.
 */
export async function fullReviewed(base: string, lang: Locale) {
  const made = await fullSubmitted(base, lang);
  const coordinator = await user("coordinator@amparo.local");
  const [first, second] = [await user("reviewer1@amparo.local"), await user("reviewer2@amparo.local")];
  await Review.assign(coordinator, made.id, { reviewerIds: [first.id, second.id] });
  await Review.declare(first, made.id, { conflict: false });
  await Review.declare(second, made.id, { conflict: false });
  await Review.score(second, made.id, {
    scores: { feasibility: 4, safety: 5, budget: 3 },
    recommendation: "fund",
    comment: text(lang, 40),
    round: "full",
  });
  return made;
}

/** A submitted application with both seeded reviewers assigned; the second has declared and scored. */
export async function reviewed(base: string, lang: Locale) {
  const made = await submitted(base, lang);
  const coordinator = await user("coordinator@amparo.local");
  const [first, second] = [await user("reviewer1@amparo.local"), await user("reviewer2@amparo.local")];
  await Review.assign(coordinator, made.id, { reviewerIds: [first.id, second.id] });
  await Review.declare(second, made.id, { conflict: false });
  await Review.score(second, made.id, {
    scores: { urgency: 5, fit: 4, feasibility: 3 },
    recommendation: "fund",
    comment: text(lang, 40),
  });
  return made;
}

/** Gives this browser the applicant's access code, as the start or resume page would. */
export async function asApplicant(page: Page, base: string, token: string) {
  await page.context().addCookies([{ name: "access", value: token, url: `${base}/apply` }]);
}

/** Gives this browser a full staff session for a seeded account (no email round trip: the session is minted). */
export async function asStaff(page: Page, base: string, email: string, scope: Session.Scope = "full") {
  const session = await Session.start(await user(email), scope);
  await page.context().addCookies([{ name: "staff_session", value: session, url: `${base}/staff` }]);
}

/** A staff account that has not set up its second factor yet. */
export async function newcomer(): Promise<string> {
  const email = `newcomer-${Math.random().toString(36).slice(2, 10)}@amparo.local`;
  await Account.create({ email, roles: ["reviewer"], callIds: ["digital-emergency"] });
  return email;
}

export const submit = (page: Page, form = "main form") => page.locator(`${form} button[type=submit]`).last().click();

function warn(error: unknown) {
  console.warn(`  (fixture step refused: ${error instanceof Error ? error.message.slice(0, 160) : String(error)})`);
}
