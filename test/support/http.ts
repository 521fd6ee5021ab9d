import { app as apply } from "@amparo/functions/apply/index";
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import * as Dynamo from "@amparo/core/dynamo";
import { checkAgainstContract } from "./contract.js";

/** Sends JSON to the applicants' app the way a client would; the answer must match the published contract. */
export async function postJson(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await apply.request(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return checkAgainstContract("POST", path, response);
}

/** Sends an HTML form to the applicants' app the way a browser without JavaScript would, from our own page. */
export function postForm(path: string, fields: [string, string][], headers: Record<string, string> = {}) {
  return apply.request(path, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin", ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

/** Every item in this test file's table: to prove a request stored nothing (tests only; the app never scans). */
export async function everyItem(): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let cursor: Record<string, unknown> | undefined;
  const client = await Dynamo.documentClient();
  do {
    const page = await client.send(
      new ScanCommand({ TableName: Dynamo.tableName(), ExclusiveStartKey: cursor, ConsistentRead: true }),
    );
    items.push(...(page.Items ?? []));
    cursor = page.LastEvaluatedKey;
  } while (cursor);
  return items;
}
