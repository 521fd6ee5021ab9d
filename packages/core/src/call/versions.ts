// How a call is stored: a head item at its current version, and one item per version kept for the applications
// made under it.
import * as Clock from "../clock/index.js";
import * as Dynamo from "../dynamo/index.js";
import type { Info } from "./info.js";

/**
 * A call as stored: its configuration and its version. Every save makes a new version and keeps the old ones,
 * so an application reads its call as it was when the application was made (`forApplication`).
 */
export type Stored = Info & { version: number };

export function headItem(call: Info, version: number) {
  return {
    ...Dynamo.Key.call(call.id),
    ...Dynamo.Index.call(call.id),
    config: call,
    version,
    updatedAt: Clock.iso(),
  };
}

export function versionItem(call: Info, version: number) {
  return { ...Dynamo.Key.callVersion(call.id, version), config: call, version, savedAt: Clock.iso() };
}

/** Calls stored before versions existed have no `version`: they are at their first. */
export const versionOf = (item: Record<string, unknown>): number =>
  typeof item["version"] === "number" ? item["version"] : 1;

/** The version an admin edits when creating a call: none is stored yet. */
export const newCall = 0;
