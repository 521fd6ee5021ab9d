import { createHash, randomUUID } from "node:crypto";
import { GetCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { Slug } from "../call/index.js";
import * as Dynamo from "../dynamo/index.js";
import { fn } from "../util/fn.js";

export const Role = z.enum(["reviewer", "coordinator", "funder", "admin"]);
export type Role = z.infer<typeof Role>;

/** A staff account. Applicants have no account: they hold an access code instead. */
export const Info = z.object({
  id: z.string(),
  email: z.email(),
  roles: z.array(Role).min(1),
  /** The calls this person works on; admins see every call whatever this says. */
  callIds: z.array(Slug),
  createdAt: z.iso.datetime(),
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

/**
 * Creates a staff account; the address must be new. The account and its address claim are written in one
 * transaction, so two admins adding the same address at once create one account.
 * @returns the new account, or undefined when the address is taken.
 */
export const create = fn(CreateInput, async (input): Promise<Info | undefined> => {
  const user: Info = { id: randomUUID(), ...input, createdAt: new Date().toISOString() };
  try {
    await Dynamo.documentClient().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: Dynamo.tableName(),
              Item: { ...emailKey(user.email), userId: user.id },
              ConditionExpression: "attribute_not_exists(#pk)",
              ExpressionAttributeNames: { "#pk": Dynamo.keys.partition },
            },
          },
          {
            Put: {
              TableName: Dynamo.tableName(),
              Item: { ...key(user.id), user },
              ConditionExpression: "attribute_not_exists(#pk)",
              ExpressionAttributeNames: { "#pk": Dynamo.keys.partition },
            },
          },
        ],
      }),
    );
    return user;
  } catch (error) {
    if (error instanceof Error && error.name === "TransactionCanceledException") return undefined;
    throw error;
  }
});

export async function fromID(id: string): Promise<Info | undefined> {
  const result = await Dynamo.documentClient().send(new GetCommand({ TableName: Dynamo.tableName(), Key: key(id) }));
  return result.Item ? Info.parse(result.Item["user"]) : undefined;
}

export async function fromEmail(email: string): Promise<Info | undefined> {
  const claim = await Dynamo.documentClient().send(
    new GetCommand({ TableName: Dynamo.tableName(), Key: emailKey(email) }),
  );
  const userId = claim.Item?.["userId"];
  return typeof userId === "string" ? fromID(userId) : undefined;
}
