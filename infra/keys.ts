import { Duration, RemovalPolicy } from "aws-cdk-lib";
import { Key } from "aws-cdk-lib/aws-kms";
import { Construct } from "constructs";

export interface KeysProps {
  /**
   * Keep the keys when the stack goes away. Deleting a key makes everything encrypted under it unreadable
   * forever, so production keeps them.
   * @default true
   */
  retain?: boolean;
  /**
   * Days between the automatic rotations of each key's material.
   * @default 365
   */
  rotationDays?: number;
}

/**
 * Two customer-managed keys. Reading a table under a customer key needs `kms:Decrypt` on that key, so with one
 * key every function that reads the table could also open every sealed field; with two, the report function
 * reads the table (data key) and still cannot open a sealed field (sealing key).
 */
export class Keys extends Construct {
  /** Encrypts the table and the uploads bucket at rest. */
  readonly data: Key;
  /** Wraps the data keys of sealed fields (the apps' `KMS_KEY_ID`); granted only to apply and staff. */
  readonly sealing: Key;

  constructor(scope: Construct, id: string, props: KeysProps = {}) {
    super(scope, id);
    const retain = props.retain ?? true;
    const common = {
      enableKeyRotation: true,
      rotationPeriod: Duration.days(props.rotationDays ?? 365),
      removalPolicy: retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(30),
    };
    this.data = new Key(this, "Data", { ...common, description: "Amparo: table and uploads at rest" });
    this.sealing = new Key(this, "Sealing", { ...common, description: "Amparo: sealed fields (envelope encryption)" });
  }
}
