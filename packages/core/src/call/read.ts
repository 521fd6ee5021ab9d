// Reading calls: one by id, as an application made under an older version sees it, and every call listed.
import * as Clock from "../clock/index.js";
import * as Dynamo from "../dynamo/index.js";
import { NotFoundError } from "../error/index.js";
import { parseStored } from "../util/stored.js";
import { Info, status } from "./info.js";
import { Slug } from "./schema.js";
import { versionOf, type Stored } from "./versions.js";

/** The call with this id, at its current version, or undefined. Ids that could not be a call are not found. */
export async function fromID(id: string): Promise<Stored | undefined> {
  if (!Slug.safeParse(id).success) return undefined;
  const found = await Dynamo.get(Dynamo.Key.call(id), { consistent: false });
  return found ? { ...parseStored(Info, found["config"], "call"), version: versionOf(found) } : undefined;
}

/** The call with this id; a 404 problem when there is none. */
export async function get(id: string): Promise<Stored> {
  const call = await fromID(id);
  if (!call) throw new NotFoundError("call.not_found");
  return call;
}

/**
 * What stays as the call is now for every application, whatever version it was made under: when the call is
 * open, where to turn (next steps, the fund's contact, helplines), and how long content is kept. Everything else (questions, fields, funding and currency, budget-file
 * rules, rubric, stages, deadlines, the full application) is the application's version's, so its stored
 * answers, scores and counters keep their meaning.
 */
const liveSettings = [
  "opensAt",
  "closesAt",
  "paused",
  "nextSteps",
  "contact",
  "immediateHelp",
  "unreviewedLanguages",
  "retentionDays",
  "approvedRetentionDays",
  "draftRetentionDays",
] as const satisfies readonly (keyof Info)[];

/** The call as an application made under `callVersion` sees it (the current one for applications made before versions). */
export async function forApplication(app: { callId: string; callVersion?: number | undefined }): Promise<Stored> {
  const current = await get(app.callId);
  if (app.callVersion === undefined || app.callVersion === current.version) return current;
  const found = await Dynamo.get(Dynamo.Key.callVersion(app.callId, app.callVersion), { consistent: false });
  if (!found) return current;
  const made = parseStored(Info, found["config"], "call");
  const live = Object.fromEntries(liveSettings.map((name) => [name, current[name]]));
  return { ...made, ...live, version: app.callVersion };
}

/** Every call, open ones first, then by closing date (rolling calls first), then by id. */
export async function list(now = Clock.now()): Promise<Info[]> {
  const items = await Dynamo.queryIndex(Dynamo.IndexPartition.calls);
  const calls = items.map((item) => parseStored(Info, item["config"], "call"));
  const rank = (call: Info) => (status(call, now) === "open" ? 0 : 1);
  return calls.sort(
    (a, b) => rank(a) - rank(b) || (a.closesAt ?? "").localeCompare(b.closesAt ?? "") || a.id.localeCompare(b.id),
  );
}
