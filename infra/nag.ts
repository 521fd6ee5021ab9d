import type { Stack } from "aws-cdk-lib";
import { NagSuppressions } from "cdk-nag";

/**
 * The exceptions to cdk-nag's AwsSolutions rules that hold for a whole stack, each with its reason. Exceptions
 * that belong to one resource are made where it is built (the bucket's access logs in `uploads.ts`, the API's
 * authorizers in `api.ts`, and so on). Every `appliesTo` names the exact finding, so a new wildcard anywhere else
 * still fails the check.
 */
export function acceptInStack(stack: Stack): void {
  NagSuppressions.addStackSuppressions(stack, [
    {
      id: "AwsSolutions-IAM5",
      reason:
        "CDK's grants on one customer-managed key: the wildcards name the variants of one operation " +
        "(GenerateDataKey and GenerateDataKeyWithoutPlaintext, ReEncryptFrom and ReEncryptTo), on that key only",
      appliesTo: ["Action::kms:GenerateDataKey*", "Action::kms:ReEncrypt*"],
    },
    {
      id: "AwsSolutions-IAM5",
      reason:
        "CDK's grants on the uploads bucket: the wildcards name the variants of reading, listing and deleting " +
        "objects (versions, tags, attributes), on this bucket only",
      appliesTo: [
        "Action::s3:GetObject*",
        "Action::s3:GetBucket*",
        "Action::s3:List*",
        "Action::s3:DeleteObject*",
        "Action::s3:Abort*",
      ],
    },
    {
      id: "AwsSolutions-IAM5",
      reason:
        "Object keys are random ids chosen when a file is uploaded, so a grant can only name the prefix they " +
        "live under (uploads/ for forms, accepted/ for checked copies, or the bucket for the sweeps)",
      appliesTo: [{ regex: "/^Resource::<UploadsBucket[0-9A-F]{8}\\.Arn>\\/((uploads|accepted)\\/)?\\*$/" }],
    },
    {
      id: "AwsSolutions-IAM5",
      reason:
        "The table's own secondary indexes, queried by the functions that may read the table; index names are " +
        "fixed by the data model",
      appliesTo: [
        { regex: "/^Resource::<DataTable[0-9A-F]{8}\\.Arn>\\/index\\/\\*$/" },
        { regex: "/^Resource::[A-Za-z0-9-]+:ExportsOutputFnGetAttDataTable[0-9A-F]{8}Arn[0-9A-F]{8}\\/index\\/\\*$/" },
      ],
    },
    {
      id: "AwsSolutions-IAM5",
      reason:
        "The decision clock invokes its own step functions, including their published versions (`:*`), and " +
        "nothing else",
      appliesTo: [{ regex: "/^Resource::<DecisionClockStep[a-z]+[0-9A-F]{8}\\.Arn>:\\*$/" }],
    },
  ]);
  // SST adds a function to every stack for its own deploy-time bookkeeping (stack metadata); it is not ours to
  // configure, and it never handles an application.
  const sstHandler = stack.node.tryFindChild("CustomResourceHandler");
  if (sstHandler) {
    NagSuppressions.addResourceSuppressions(
      sstHandler,
      [
        {
          id: "AwsSolutions-IAM4",
          reason: "SST's own deploy-time custom resource handler, built by SST with AWS's basic execution policy",
          appliesTo: ["Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"],
        },
        { id: "AwsSolutions-L1", reason: "SST's own deploy-time custom resource handler; SST chooses its runtime" },
      ],
      true,
    );
  }
}
