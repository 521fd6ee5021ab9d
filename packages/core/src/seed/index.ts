import * as Call from "../call/index.js";
import * as Account from "../account/index.js";
import * as User from "../user/index.js";
import { conceptNotes2026, digitalEmergency } from "./calls.js";

/** The demo calls a fresh local platform starts with. */
export const calls: Call.InfoInput[] = [digitalEmergency, conceptNotes2026];

/** The demo staff accounts (local only; never seeded in AWS). */
export const users: { email: string; roles: User.Role[]; callIds: string[] }[] = [
  { email: "admin@amparo.local", roles: ["admin"], callIds: [] },
  { email: "coordinator@amparo.local", roles: ["coordinator"], callIds: ["digital-emergency", "concept-notes-2026"] },
  { email: "reviewer1@amparo.local", roles: ["reviewer"], callIds: ["digital-emergency", "concept-notes-2026"] },
  { email: "reviewer2@amparo.local", roles: ["reviewer"], callIds: ["digital-emergency", "concept-notes-2026"] },
  { email: "funder@amparo.local", roles: ["funder"], callIds: ["digital-emergency", "concept-notes-2026"] },
];

/**
 * Seeds what is missing and leaves what exists alone, so restarting never undoes an admin's changes.
 * @returns how many calls and users were created.
 */
export async function run(): Promise<{ calls: number; users: number }> {
  let createdCalls = 0;
  let createdUsers = 0;
  for (const call of calls) if (await Call.createIfMissing(call)) createdCalls++;
  for (const user of users) if (await Account.create(user)) createdUsers++;
  return { calls: createdCalls, users: createdUsers };
}
