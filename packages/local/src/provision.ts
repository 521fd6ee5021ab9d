import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb";
import { CreateBucketCommand, HeadBucketCommand } from "@aws-sdk/client-s3";
import * as Dynamo from "@amparo/core/dynamo";
import * as Storage from "@amparo/core/storage";

/** The stream the outbox sender reads: new items' images (as in infra). */
const stream = { StreamEnabled: true, StreamViewType: "NEW_IMAGE" } as const;

/**
 * Creates the single table (keys from core, as in infra) with its stream unless it exists; a table from
 * before the outbox gets its stream turned on. @returns whether it was created.
 */
export async function ensureTable(name = Dynamo.tableName()): Promise<boolean> {
  const client = await Dynamo.documentClient();
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
    if (!Table?.StreamSpecification?.StreamEnabled) {
      await client.send(new UpdateTableCommand({ TableName: name, StreamSpecification: stream }));
    }
    return false;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  const { partition, sort, gsi1, ttl } = Dynamo.keys;
  await client.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: "PAY_PER_REQUEST",
      StreamSpecification: stream,
      AttributeDefinitions: [partition, sort, gsi1.partition, gsi1.sort].map((attribute) => ({
        AttributeName: attribute,
        AttributeType: "S",
      })),
      KeySchema: [
        { AttributeName: partition, KeyType: "HASH" },
        { AttributeName: sort, KeyType: "RANGE" },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: gsi1.name,
          KeySchema: [
            { AttributeName: gsi1.partition, KeyType: "HASH" },
            { AttributeName: gsi1.sort, KeyType: "RANGE" },
          ],
          Projection: { ProjectionType: "ALL" },
        },
      ],
    }),
  );
  await client.send(
    new UpdateTimeToLiveCommand({ TableName: name, TimeToLiveSpecification: { AttributeName: ttl, Enabled: true } }),
  );
  return true;
}

/** Creates the uploads bucket unless it exists. @returns whether it was created. */
export async function ensureBucket(name = Storage.bucketName()): Promise<boolean> {
  try {
    await (await Storage.s3()).send(new HeadBucketCommand({ Bucket: name }));
    return false;
  } catch {
    await (await Storage.s3()).send(new CreateBucketCommand({ Bucket: name }));
    return true;
  }
}
