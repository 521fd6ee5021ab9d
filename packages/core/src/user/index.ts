import { createHash, randomUUID } from "node:crypto";
import { BatchGetCommand, GetCommand, TransactWriteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import * as Audit from "../audit/index.js";
import { Slug } from "../call/index.js";
import * as Dynamo from "../dynamo/index.js";
import { fn } from "../util/fn.js";
import { parseStored } from "../util/stored.js";

export const Role = z.enum(["reviewer", "coordinator", "funder", "admin"]);
export type Role = z.infer<typeof Role>;

/** Roles that see the most and so need a second factor. */
export const rolesNeedingTotp: Role[] = ["coordinator", "admin"];

/** A staff account. Applicants have no account: they hold an access code instead. */
export const Info = z.object({
  id: z.string(),
  email: z.email(),
  roles: z.array(Role).min(1),
  /** The calls this person works on; admins see every call whatever this says. */
  callIds: z.array(Slug),
  createdAt: z.iso.datetime(),
  /** The TOTP secret, sealed; present once enrolment is confirmed. */
  totpSealed: z.string().optional(),
  /** A secret shown for enrolment and not yet confirmed with a code. */
  pendingTotpSealed: z.string().optional(),
  /** The last TOTP time step accepted, so a code cannot be used twice. */
  totpLastStep: z.number().int().optional(),
});
export type Info = z.infer<typeof Info>;

export const CreateInput = z.object({
  email: z.email().transform((email) => email.toLowerCase()),
  roles: z.array(Role).min(1),
  callIds: z.array(Slug).default([]),
});

/** Staff addresses are looked up by a hash so the lookup key does not spell the address out. */
function emailKey(email: string) {
  const digest = createHash("sha256").update(email.toLowerCase()).digest("hex");
  return { [Dynamo.keys.partition]: `USER_EMAIL#${digest}`, [Dynamo.keys.sort]: "USER_EMAIL" };
}

function key(id: string) {
  return { [Dynamo.keys.partition]: `USER#${id}`, [Dynamo.keys.sort]: "USER" };
}

/** Whether the account needs a second factor. */
export function needsTotp(user: Pick<Info, "roles">): boolean {
  return user.roles.some((role) => rolesNeedingTotp.includes(role));
}

/** Whether the account works on `callId` (admins work on every call). */
export function worksOn(user: Pick<Info, "roles" | "callIds">, callId: string): boolean {
  return user.roles.includes("admin") || user.callIds.includes(callId);
}

/**
 * Creates a staff account; the address must be new. The account and its address claim are written in one
 * transaction, so two admins adding the same address at once create one account.
 * @returns the new account, or undefined when the address is taken.
 */
export const create = fn(
  CreateInput.extend({ createdBy: z.string().optional() }),
  async ({ createdBy, ...input }): Promise<Info | undefined> => {
    const user: Info = { id: randomUUID(), ...input, createdAt: new Date().toISOString() };
    const claim = { TableName: Dynamo.tableName(), ConditionExpression: "attribute_not_exists(#pk)" };
    try {
      await Dynamo.documentClient().send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                ...claim,
                Item: { ...emailKey(user.email), userId: user.id },
                ExpressionAttributeNames: { "#pk": Dynamo.keys.partition },
              },
            },
            {
              Put: {
                ...claim,
                Item: {
                  ...key(user.id),
                  ...user,
                  [Dynamo.keys.gsi1.partition]: "USERS",
                  [Dynamo.keys.gsi1.sort]: user.id,
                },
                ExpressionAttributeNames: { "#pk": Dynamo.keys.partition },
              },
            },
            Audit.put(`USER#${user.id}`, "created", createdBy ? `user:${createdBy}` : "system", user.createdAt, {
              roles: user.roles,
            }),
          ],
        }),
      );
      return user;
    } catch (error) {
      if (error instanceof Error && error.name === "TransactionCanceledException") return undefined;
      throw error;
    }
  },
);

function parse(item: Record<string, unknown>): Info {
  return parseStored(Info, item, "user");
}

export async function fromID(id: string): Promise<Info | undefined> {
  const result = await Dynamo.documentClient().send(
    new GetCommand({ TableName: Dynamo.tableName(), Key: key(id), ConsistentRead: true }),
  );
  return result.Item ? parse(result.Item) : undefined;
}

export async function fromEmail(email: string): Promise<Info | undefined> {
  const claim = await Dynamo.documentClient().send(
    new GetCommand({ TableName: Dynamo.tableName(), Key: emailKey(email) }),
  );
  const userId = claim.Item?.["userId"];
  return typeof userId === "string" ? fromID(userId) : undefined;
}

/** Several accounts at once (for names in lists); unknown ids are left out. */
export async function many(ids: string[]): Promise<Map<string, Info>> {
  const found = new Map<string, Info>();
  const unique = [...new Set(ids)];
  for (let start = 0; start < unique.length; start += 100) {
    const result = await Dynamo.documentClient().send(
      new BatchGetCommand({
        RequestItems: { [Dynamo.tableName()]: { Keys: unique.slice(start, start + 100).map(key) } },
      }),
    );
    for (const item of result.Responses?.[Dynamo.tableName()] ?? []) {
      const user = parse(item);
      found.set(user.id, user);
    }
  }
  return found;
}

/** Every staff account (a small list: a fund has tens of staff, not thousands). */
export async function list(): Promise<Info[]> {
  const users = (
    await Dynamo.queryAll({
      IndexName: Dynamo.keys.gsi1.name,
      KeyConditionExpression: "#pk = :users",
      ExpressionAttributeNames: { "#pk": Dynamo.keys.gsi1.partition },
      ExpressionAttributeValues: { ":users": "USERS" },
    })
  ).map(parse);
  return users.sort((a, b) => a.email.localeCompare(b.email));
}

/** Sets fields of an account (TOTP state); `condition` guards against a concurrent change. */
export async function patch(
  id: string,
  changes: Partial<Pick<Info, "totpSealed" | "pendingTotpSealed" | "totpLastStep">>,
  remove: (keyof Info)[] = [],
  condition?: { expression: string; values: Record<string, unknown> },
): Promise<boolean> {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ...(condition?.values ?? {}) };
  const sets = Object.entries(changes).map(([name, value], index) => {
    names[`#s${index}`] = name;
    values[`:s${index}`] = value;
    return `#s${index} = :s${index}`;
  });
  const removals = remove.map((name, index) => {
    names[`#r${index}`] = name;
    return `#r${index}`;
  });
  try {
    await Dynamo.documentClient().send(
      new UpdateCommand({
        TableName: Dynamo.tableName(),
        Key: key(id),
        UpdateExpression: [
          sets.length ? `SET ${sets.join(", ")}` : "",
          removals.length ? `REMOVE ${removals.join(", ")}` : "",
        ]
          .join(" ")
          .trim(),
        ConditionExpression: condition ? `attribute_exists(pk) AND (${condition.expression})` : "attribute_exists(pk)",
        ExpressionAttributeNames: Object.keys(names).length ? names : undefined,
        ExpressionAttributeValues: Object.keys(values).length ? values : undefined,
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === "ConditionalCheckFailedException") return false;
    throw error;
  }
}
