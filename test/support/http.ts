import { app as apply } from "@amparo/functions/apply/index";
import { GetObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import * as Dynamo from "@amparo/core/dynamo";
import * as Storage from "@amparo/core/storage";
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

/** Every object in this test file's bucket, each key beside its bytes as text: to prove nothing was stored in clear. */
export async function bucketContents(): Promise<string> {
  const s3 = await Storage.s3();
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: Storage.bucketName() }));
  const bodies = await Promise.all(
    (listed.Contents ?? []).map(async ({ Key }) => {
      const object = await s3.send(new GetObjectCommand({ Bucket: Storage.bucketName(), Key }));
      return `${Key}\n${await object.Body!.transformToString()}`;
    }),
  );
  return bodies.join("\n");
}
