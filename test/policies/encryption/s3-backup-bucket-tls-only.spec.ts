import * as assert from "node:assert/strict";
import { s3BackupBucketTlsOnly } from "../../../policies/encryption/s3-backup-bucket-tls-only";
import {
  previewAdvisory,
  ResourceFixture,
  runStackPolicy,
  UNKNOWN,
  urnOf,
} from "../../helpers/policy-harness";

const BUCKET_V2 = "aws:s3/bucketV2:BucketV2";

describe("policies/encryption/s3-backup-bucket-tls-only", () => {
  const bucket = (props: Record<string, unknown> = {}): ResourceFixture => ({
    type: BUCKET_V2,
    name: "archive",
    props: { bucket: "org-archive", tags: { "backup-role": "archive" }, ...props },
  });
  const bucketUrn = urnOf(BUCKET_V2, "archive");

  const tlsDeny = {
    Sid: "TlsOnly",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: ["arn:aws:s3:::org-archive", "arn:aws:s3:::org-archive/*"],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
  const policy = (statements: unknown[] | string): ResourceFixture => ({
    type: "aws:s3/bucketPolicy:BucketPolicy",
    name: "archive-policy",
    props: {
      bucket: "org-archive",
      policy:
        typeof statements === "string" ? statements : JSON.stringify({ Statement: statements }),
    },
  });
  const missing = `${BUCKET_V2} "archive" has no bucket policy statement that would deny s3:* to every principal when aws:SecureTransport is "false".`;

  it("passes a bucket policy denying requests without TLS (separate or inline, object form too)", async () => {
    assert.deepEqual(
      (await runStackPolicy(s3BackupBucketTlsOnly, [bucket(), policy([tlsDeny])])).violations,
      [],
    );
    const inline = await runStackPolicy(s3BackupBucketTlsOnly, [
      bucket({ policy: JSON.stringify({ Statement: [tlsDeny] }) }),
    ]);
    assert.deepEqual(inline.violations, []);
    const object = await runStackPolicy(s3BackupBucketTlsOnly, [
      bucket(),
      { ...policy([]), props: { bucket: "org-archive", policy: { Statement: [tlsDeny] } } },
    ]);
    assert.deepEqual(object.violations, []);
  });

  it("fails a bucket with no such statement, a partial one, or none at all", async () => {
    const partial = await runStackPolicy(s3BackupBucketTlsOnly, [
      bucket(),
      policy([{ ...tlsDeny, Action: "s3:GetObject" }]),
    ]);
    assert.deepEqual(partial.violations, [{ message: missing, urn: bucketUrn }]);
    const allowTls = await runStackPolicy(s3BackupBucketTlsOnly, [
      bucket(),
      policy([{ ...tlsDeny, Condition: { Bool: { "aws:SecureTransport": "true" } } }]),
    ]);
    assert.deepEqual(allowTls.messages, [missing]);
    const none = await runStackPolicy(s3BackupBucketTlsOnly, [bucket()]);
    assert.deepEqual(none.messages, [missing]);
  });

  it("says when the policy is unknown during preview", async () => {
    const outcome = await runStackPolicy(s3BackupBucketTlsOnly, [bucket(), policy(UNKNOWN)]);
    assert.deepEqual(outcome.violations, []);
    assert.deepEqual(outcome.advisories, [
      previewAdvisory(
        s3BackupBucketTlsOnly.name,
        'could not check that aws:s3/bucketPolicy:BucketPolicy "archive-policy" [policy] has a statement that would deny s3:* to every principal when aws:SecureTransport is "false", because it is unknown during preview.',
      ),
    ]);
  });
});
