// Saving a call's configuration: each save a new version, refused when someone saved since the admin's read.
import { z } from "zod";
import * as Dynamo from "../dynamo/index.js";
import { CallChangedError, PreconditionFailedError, StepUpRequiredError } from "../error/index.js";
import { parseStored } from "../util/stored.js";
import { Info, type InfoInput } from "./info.js";
import { CallId } from "./schema.js";
import { headItem, newCall, versionItem, versionOf, type Stored } from "./versions.js";

/** What storing a configuration answers. */
export const Saved = z.object({ id: CallId });

/** The settings that say how long a call keeps applicants' content: changing any needs a fresh code. */
export const retentionSettings = ["retentionDays", "approvedRetentionDays", "draftRetentionDays"] as const;

/**
 * Stores a call's configuration as its next version; the versions before stay, for the applications made under
 * them. `basedOn`: the version the admin edited; if someone saved since, nothing is stored and a
 * `CallChangedError` (409) says so; `newCall` (0) for a call the admin is creating; `"any"` for whatever is
 * there (a call that does not exist: `PreconditionFailedError`, 412). Without it the save replaces whatever is
 * there (seeding, scripts). `stepUp`, an admin's save: asked for (and so required) when the save changes a
 * retention setting of a stored call; the write still holds only on the version compared with.
 */
export async function put(
  input: InfoInput,
  options: { basedOn?: number | "any"; stepUp?: () => Promise<void> } = {},
): Promise<Stored> {
  const call = Info.parse(input);
  const head = await Dynamo.get(Dynamo.Key.call(call.id));
  if (!head) {
    if (options.basedOn === "any") throw new PreconditionFailedError("call.not_found");
    if (options.basedOn !== undefined && options.basedOn !== newCall) throw new CallChangedError();
    try {
      await Dynamo.transact([Dynamo.tx.putIfNew(headItem(call, 1)), Dynamo.tx.put(versionItem(call, 1))]);
    } catch (error) {
      if (Dynamo.isConditionFailure(error)) throw new CallChangedError(error);
      throw error;
    }
    return { ...call, version: 1 };
  }
  const current = versionOf(head);
  if (options.basedOn !== undefined && options.basedOn !== "any" && options.basedOn !== current) {
    throw new CallChangedError();
  }
  if ("stepUp" in options) {
    const stored = parseStored(Info, head["config"], "call");
    if (retentionSettings.some((name) => stored[name] !== call[name])) {
      if (!options.stepUp) throw new StepUpRequiredError();
      await options.stepUp();
    }
  }
  const next = current + 1;
  const writes = [
    // Only if no one saved between the read and this write: each version is one admin's whole call.
    Dynamo.tx.put(
      headItem(call, next),
      "version" in head ? Dynamo.when.equals("version", current) : Dynamo.when.missing("version"),
    ),
    Dynamo.tx.putIfNew(versionItem(call, next)),
  ];
  // A call stored before versions existed: its configuration becomes version 1, for the applications made then.
  if (!("version" in head)) writes.push(Dynamo.tx.putIfNew(versionItem(parseStored(Info, head["config"], "call"), 1)));
  try {
    await Dynamo.transact(writes);
  } catch (error) {
    if (Dynamo.isConditionFailure(error)) throw new CallChangedError(error);
    throw error;
  }
  return { ...call, version: next };
}

/** Stores a call only if none with its id exists yet (seeding must not overwrite an admin's changes). */
export async function createIfMissing(input: InfoInput): Promise<boolean> {
  const call = Info.parse(input);
  try {
    await Dynamo.transact([Dynamo.tx.putIfNew(headItem(call, 1)), Dynamo.tx.putIfNew(versionItem(call, 1))]);
    return true;
  } catch (error) {
    if (Dynamo.isConditionFailure(error)) return false;
    throw error;
  }
}
