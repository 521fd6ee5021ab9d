// What a call is missing when it opens: a quiz that lets everyone through, or nobody to read what arrives.
// Each is allowed (a fund may open first and assign later) but asked about, since applicants would wait on it.
import * as Clock from "../clock/index.js";
import { status, type Info } from "./info.js";

/** A reason to ask before a call opens. */
export type OpeningGap = "no_questions" | "no_coordinator" | "no_reviewer";

/** The staff a call's opening is checked against: who has which role on which calls, and who is active. */
export interface StaffMember {
  roles: readonly string[];
  callIds: readonly string[];
  deactivatedAt?: string | undefined;
}

/**
 * What `call` lacks if saving it opens it now (it is open, and the stored version was not, or there was none):
 * eligibility questions, an active coordinator, an active reviewer. Nothing when the save does not open it.
 */
export function openingGaps(
  call: Info,
  stored: Info | undefined,
  staff: readonly StaffMember[],
  now = Clock.now(),
): OpeningGap[] {
  if (status(call, now) !== "open" || (stored && status(stored, now) === "open")) return [];
  const active = staff.filter((member) => !member.deactivatedAt && member.callIds.includes(call.id));
  const gaps: OpeningGap[] = [];
  if (call.eligibility.questions.length === 0) gaps.push("no_questions");
  if (!active.some((member) => member.roles.includes("coordinator"))) gaps.push("no_coordinator");
  if (!active.some((member) => member.roles.includes("reviewer"))) gaps.push("no_reviewer");
  return gaps;
}
