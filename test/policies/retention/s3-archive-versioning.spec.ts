import * as assert from "node:assert/strict";
import { s3ArchiveVersioning } from "../../../policies/retention/s3-archive-versioning";
import {
  previewAdvisory,
  ResourceFixture,
  runStackPolicy,
  UNKNOWN,
  urnOf,
} from "../../helpers/policy-harness";

const BUCKET_V2 = "aws:s3/bucketV2:BucketV2";
const BUCKET = "aws:s3/bucket:Bucket";

describe("policies/retention/s3-archive-versioning", () => {
  const archiveTags = { "backup-role": "archive" };
  const bucket = (props: Record<string, unknown> = {}, type = BUCKET_V2): ResourceFixture => ({
    type,
    name: "archive",
    props: { bucket: "org-archive", objectLockEnabled: true, tags: archiveTags, ...props },
  });
  const bucketUrn = urnOf(BUCKET_V2, "archive");

  const versioning = (status: unknown): ResourceFixture => ({
    type: "aws:s3/bucketVersioningV2:BucketVersioningV2",
    name: "archive-versioning",
    props: { bucket: "org-archive", versioningConfiguration: { status } },
  });

  it("passes versioning turned on separately, inline, or by Object Lock", async () => {
    const split = await runStackPolicy(s3ArchiveVersioning, [
      bucket({ objectLockEnabled: false }),
      versioning("Enabled"),
    ]);
    assert.deepEqual(split.violations, []);
    const inline = await runStackPolicy(s3ArchiveVersioning, [
      bucket({ objectLockEnabled: false, versioning: { enabled: true } }, BUCKET),
    ]);
    assert.deepEqual(inline.violations, []);
    const locked = await runStackPolicy(s3ArchiveVersioning, [bucket()]);
    assert.deepEqual(locked.violations, []);
  });

  it("fails suspended or missing versioning", async () => {
    const suspended = await runStackPolicy(s3ArchiveVersioning, [
      bucket(),
      versioning("Suspended"),
    ]);
    assert.deepEqual(suspended.violations, [
      {
        message:
          'aws:s3/bucketVersioningV2:BucketVersioningV2 "archive-versioning" [versioningConfiguration.status] is "Suspended", but must be "Enabled".',
        urn: urnOf("aws:s3/bucketVersioningV2:BucketVersioningV2", "archive-versioning"),
      },
    ]);
    const none = await runStackPolicy(s3ArchiveVersioning, [
      bucket({ objectLockEnabled: undefined }),
    ]);
    assert.deepEqual(none.violations, [
      {
        message: `${BUCKET_V2} "archive" has versioning off (no aws:s3/bucketVersioning:BucketVersioning with status "Enabled", no versioning.enabled, no Object Lock), but must have it on.`,
        urn: bucketUrn,
      },
    ]);
  });

  it("says when the versioning status is unknown during preview", async () => {
    const outcome = await runStackPolicy(s3ArchiveVersioning, [bucket(), versioning(UNKNOWN)]);
    assert.deepEqual(outcome.advisories, [
      previewAdvisory(
        s3ArchiveVersioning.name,
        'could not check that aws:s3/bucketVersioningV2:BucketVersioningV2 "archive-versioning" [versioningConfiguration.status] is "Enabled", because it is unknown during preview.',
      ),
    ]);
  });
});
