// Finding applications: by id for staff, by access code for applicants, and as summaries (nothing decrypted)
// for coordinators' lists.
import { timingSafeEqual } from "node:crypto";
import * as Dynamo from "../dynamo/index.js";
import { NotFoundError } from "../error/index.js";
import { finalStages, type Stage } from "../stage/stages.js";
import { parseStored } from "../util/stored.js";
import { hashToken, normalizeToken } from "./access-code.js";
import { StoredItem, unseal, type Info } from "./record.js";

async function readItem(id: string): Promise<StoredItem | undefined> {
  const found = await Dynamo.get(Dynamo.Key.application(id));
  return found ? parseStored(StoredItem, found, "application") : undefined;
}

/** The application with this id, for staff whose access the caller has already checked; undefined if none. */
export async function fromID(id: string): Promise<Info | undefined> {
  if (!/^[a-z0-9]{26}$/.test(id)) return undefined;
  const item = await readItem(id);
  return item ? unseal(item) : undefined;
}

export interface Summary {
  id: string;
  callId: string;
  stage: Stage;
  version: number;
  submittedAt?: string;
  decisionDueAt?: string;
  /** The decision clock marked it overdue and it is still undecided. */
  overdue: boolean;
  /** Which round of review it is in: `full` once its full application was sent. */
  round: "concept" | "full";
}

const summarize = (item: StoredItem): Summary => ({
  id: item.id,
  callId: item.callId,
  stage: item.stage,
  version: item.version,
  ...(item.submittedAt ? { submittedAt: item.submittedAt } : {}),
  ...(item.decisionDueAt ? { decisionDueAt: item.decisionDueAt } : {}),
  overdue: item.overdueAt !== undefined && !finalStages.includes(item.stage),
  round: item.fullApplication?.submittedAt ? "full" : "concept",
});

/** One application's structure, nothing decrypted (a list row that shows none of its content); undefined if none. */
export async function summaryOf(id: string): Promise<Summary | undefined> {
  if (!/^[a-z0-9]{26}$/.test(id)) return undefined;
  const item = await readItem(id);
  return item ? summarize(item) : undefined;
}

/**
 * A call's applications past the draft stage (optionally in one stage), soonest deadline first: their
 * structure only, nothing decrypted, for coordinators' lists.
 */
export async function listForCall(callId: string, stage?: Stage): Promise<Summary[]> {
  const found: Summary[] = [];
  const items = await Dynamo.queryIndex(Dynamo.IndexPartition.callApplications(callId));
  for (const raw of items) {
    const item = parseStored(StoredItem, raw, "application");
    if (item.stage === "draft" || (stage && item.stage !== stage)) continue;
    found.push(summarize(item));
  }
  return found.sort((a, b) => (a.decisionDueAt ?? "9999").localeCompare(b.decisionDueAt ?? "9999"));
}

/**
 * The application `id`, if `token` is its access code. Anything else (no such id, another application's
 * code, no code) is the same 404: nobody learns whether an application exists.
 */
export async function authorize(id: string, token: string | undefined): Promise<Info> {
  if (!token || !/^[a-z0-9]{26}$/.test(id)) throw new NotFoundError("application.not_found");
  const item = await readItem(id);
  const expected = Buffer.from(item?.tokenHash ?? "0".repeat(64), "hex");
  const given = Buffer.from(hashToken(token), "hex");
  if (!item || !timingSafeEqual(expected, given)) throw new NotFoundError("application.not_found");
  return unseal(item);
}

/** The application an access code opens (pages ask for the code alone); a 404 when it opens none. */
export async function fromToken(token: string | undefined): Promise<Info> {
  if (!token || normalizeToken(token).length !== 32) throw new NotFoundError("application.not_found");
  const id = (await Dynamo.get(Dynamo.Key.accessCode(hashToken(token))))?.["applicationId"];
  if (typeof id !== "string") throw new NotFoundError("application.not_found");
  return authorize(id, token);
}
