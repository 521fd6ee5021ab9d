import { uploadPrefix } from "@amparo/core/upload";
import { Duration, RemovalPolicy } from "aws-cdk-lib";
import type { IKey } from "aws-cdk-lib/aws-kms";
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, ObjectOwnership } from "aws-cdk-lib/aws-s3";
import { NagSuppressions } from "cdk-nag";
import { Construct } from "constructs";

export interface UploadsProps {
  /** The customer-managed key that encrypts every object (the data key, not the sealing key). */
  encryptionKey: IKey;
  /**
   * The site's origin (scheme, host, port), the only one whose forms may POST straight to the bucket.
   * @example "https://amparo.example.org"
   */
  allowedOrigin: string;
  /**
   * Days an overwritten or deleted object's old version is kept before S3 removes it: the window in which a
   * mistake can be undone, and no longer, because old versions are content too.
   * @default 30
   */
  noncurrentRetentionDays?: number;
  /**
   * Keep the bucket (and its files) when the stack goes away.
   * @default true
   */
  retain?: boolean;
}

/**
 * The applicants' files. Private (every public access blocked, objects owned by the bucket), encrypted under the
 * customer key, reachable over TLS only. Browsers upload straight here through presigned POSTs fixed to
 * `uploads/<random>`; the apply app moves a confirmed file to `accepted/`.
 */
export class Uploads extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: UploadsProps) {
    super(scope, id);
    const retain = props.retain ?? true;
    this.bucket = new Bucket(this, "Bucket", {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: BucketEncryption.KMS,
      encryptionKey: props.encryptionKey,
      // One data key per bucket and hour instead of a KMS call per object: the same protection, far fewer requests.
      bucketKeyEnabled: true,
      enforceSSL: true,
      versioned: true,
      lifecycleRules: [
        {
          id: "unconfirmed-uploads",
          // A form may still write after its upload was confirmed or abandoned; nothing reads such a file.
          prefix: uploadPrefix,
          expiration: Duration.days(1),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
        {
          id: "old-versions",
          noncurrentVersionExpiration: Duration.days(props.noncurrentRetentionDays ?? 30),
          expiredObjectDeleteMarker: true,
        },
      ],
      cors: [
        {
          allowedMethods: [HttpMethods.POST],
          allowedOrigins: [props.allowedOrigin],
          allowedHeaders: ["*"],
          maxAge: 3600,
        },
      ],
      removalPolicy: retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      autoDeleteObjects: false,
    });
    NagSuppressions.addResourceSuppressions(this.bucket, [
      {
        id: "AwsSolutions-S1",
        reason:
          "No server access logs on purpose: each would record the IP address and time of a defender's upload, " +
          "the very trace that could locate them; the app's audit events record who opened which file instead",
      },
    ]);
  }
}
