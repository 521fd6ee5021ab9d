import type { ObjectIdentifier } from "@aws-sdk/client-s3";
import * as Storage from "../storage/index.js";

/** Status codes of a store that cannot list versions at all (s3rver answers 405 to `?versions`). */
const cannotListVersions = new Set([405, 501]);

/**
 * Deletes an object for good: every version of it and every delete marker. In a versioned bucket a plain
 * DeleteObject only hides the object behind a delete marker and keeps its bytes, so each version is deleted by
 * its VersionId (an unversioned bucket in AWS lists its one version as `null`, which deletes the same way). A
 * store that cannot list versions (s3rver) has none to keep: there the plain delete is the whole deletion.
 * In AWS this needs `s3:ListBucketVersions` and `s3:DeleteObjectVersion`, and no Object Lock on the bucket.
 * @returns how many versions and markers were deleted (1 for a plain delete).
 */
export async function removeEveryVersion(key: string): Promise<number> {
  const { DeleteObjectCommand } = await Storage.sdk();
  const s3 = await Storage.s3();
  const versions = await listVersions(key);
  if (versions === undefined) {
    await s3.send(new DeleteObjectCommand({ Bucket: Storage.bucketName(), Key: key }));
    return 1;
  }
  for (const version of versions) {
    await s3.send(new DeleteObjectCommand({ Bucket: Storage.bucketName(), Key: key, VersionId: version.VersionId }));
  }
  return versions.length;
}

/** Every version and delete marker of exactly `key`; undefined when the store cannot list versions. */
async function listVersions(key: string): Promise<ObjectIdentifier[] | undefined> {
  const { ListObjectVersionsCommand } = await Storage.sdk();
  const s3 = await Storage.s3();
  const found: ObjectIdentifier[] = [];
  let keyMarker: string | undefined;
  let versionMarker: string | undefined;
  for (;;) {
    let page;
    try {
      page = await s3.send(
        new ListObjectVersionsCommand({
          Bucket: Storage.bucketName(),
          Prefix: key,
          ...(keyMarker ? { KeyMarker: keyMarker } : {}),
          ...(versionMarker ? { VersionIdMarker: versionMarker } : {}),
        }),
      );
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status !== undefined && cannotListVersions.has(status)) return undefined;
      throw error;
    }
    // The prefix also matches longer keys; only this exact key is ours to delete.
    for (const entry of [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])]) {
      if (entry.Key === key && entry.VersionId) found.push({ Key: key, VersionId: entry.VersionId });
    }
    if (!page.IsTruncated) return found;
    keyMarker = page.NextKeyMarker;
    versionMarker = page.NextVersionIdMarker;
  }
}
