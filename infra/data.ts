import { keys } from "@amparo/core/dynamo";
import { RemovalPolicy } from "aws-cdk-lib";
import { AttributeType, BillingMode, StreamViewType, Table, TableEncryption } from "aws-cdk-lib/aws-dynamodb";
import type { IKey } from "aws-cdk-lib/aws-kms";
import { Construct } from "constructs";

export interface DataProps {
  /**
   * Keep the table (and refuse to delete it) when the stack goes away.
   * @default true
   */
  retain?: boolean;
  /**
   * The customer-managed key that encrypts the table at rest.
   * @default an AWS-managed key
   */
  encryptionKey?: IKey;
}

/** The single DynamoDB table every domain shares, keyed as core's `Dynamo.keys` says. */
export class Data extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string, props: DataProps = {}) {
    super(scope, id);
    const retain = props.retain ?? true;
    this.table = new Table(this, "Table", {
      partitionKey: { name: keys.partition, type: AttributeType.STRING },
      sortKey: { name: keys.sort, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: keys.ttl,
      // The outbox sender reads new items from the stream (packages/functions/src/outbox/).
      stream: StreamViewType.NEW_IMAGE,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      ...(props.encryptionKey
        ? { encryption: TableEncryption.CUSTOMER_MANAGED, encryptionKey: props.encryptionKey }
        : { encryption: TableEncryption.AWS_MANAGED }),
      deletionProtection: retain,
      removalPolicy: retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.table.addGlobalSecondaryIndex({
      indexName: keys.gsi1.name,
      partitionKey: { name: keys.gsi1.partition, type: AttributeType.STRING },
      sortKey: { name: keys.gsi1.sort, type: AttributeType.STRING },
    });
  }
}
