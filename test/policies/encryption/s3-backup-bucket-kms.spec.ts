import * as assert from "node:assert/strict";
import { s3BackupBucketKms } from "../../../policies/encryption/s3-backup-bucket-kms";
import {
  previewAdvisory,
  ResourceFixture,
  runStackPolicy,
  UNKNOWN,
  urnOf,
} from "../../helpers/policy-harness";

const KEY_ARN = "arn:aws:kms:us-east-1:111111111111:key/0b1c2d3e-aaaa-bbbb-cccc-111122223333";
const BUCKET_V2 = "aws:s3/bucketV2:BucketV2";
const NEED_CMK = "a customer-managed KMS key";

describe("policies/encryption/s3-backup-bucket-kms", () => {
  const bucket = (props: Record<string, unknown> = {}): ResourceFixture => ({
    type: BUCKET_V2,
    name: "archive",
    props: { bucket: "org-archive", tags: { "backup-role": "archive" }, ...props },
  });
  const bucketUrn = urnOf(BUCKET_V2, "archive");

  const SSE =
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2";
  const sse = (rule: Record<string, unknown>): ResourceFixture => ({
    type: SSE,
    name: "archive-sse",
    props: {
      bucket: "org-archive",
      rules: [
        {
          applyServerSideEncryptionByDefault: {
            sseAlgorithm: "aws:kms",
            kmsMasterKeyId: KEY_ARN,
          },
          bucketKeyEnabled: true,
          ...rule,
        },
      ],
    },
  });

  it("passes aws:kms with a customer key and bucket key, split or inline", async () => {
    const split = await runStackPolicy(s3BackupBucketKms, [bucket(), sse({})]);
    assert.deepEqual(split.violations, []);
    assert.deepEqual(split.advisories, []);
    const inline = await runStackPolicy(s3BackupBucketKms, [
      bucket({
        serverSideEncryptionConfigurations: [
          {
            rules: [
              {
                applyServerSideEncryptionByDefaults: [
                  { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY_ARN },
                ],
                bucketKeyEnabled: true,
              },
            ],
          },
        ],
      }),
    ]);
    assert.deepEqual(inline.violations, []);
  });

  it("fails SSE-S3, a missing key, a missing bucket key, and no encryption at all", async () => {
    const s3 = await runStackPolicy(s3BackupBucketKms, [
      bucket(),
      sse({ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }),
    ]);
    assert.deepEqual(s3.messages, [
      [
        `${SSE} "archive-sse" [rules[0].applyServerSideEncryptionByDefault.sseAlgorithm] is "AES256", but must be "aws:kms" or "aws:kms:dsse".`,
        `${SSE} "archive-sse" [rules[0].applyServerSideEncryptionByDefault.kmsMasterKeyId] is not set, but must be ${NEED_CMK}.`,
      ].join("\n"),
    ]);
    const noBucketKey = await runStackPolicy(s3BackupBucketKms, [
      bucket(),
      sse({ bucketKeyEnabled: false }),
    ]);
    assert.deepEqual(noBucketKey.messages, [
      `${SSE} "archive-sse" [rules[0].bucketKeyEnabled] is false, but must be true.`,
    ]);
    const none = await runStackPolicy(s3BackupBucketKms, [bucket()]);
    assert.deepEqual(none.violations, [
      {
        message: `${BUCKET_V2} "archive" has no default encryption (neither serverSideEncryptionConfiguration nor a aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration), but must encrypt with aws:kms and a customer-managed key.`,
        urn: bucketUrn,
      },
    ]);
  });

  it("says when the rules are unknown during preview", async () => {
    const outcome = await runStackPolicy(s3BackupBucketKms, [
      bucket(),
      { ...sse({}), props: { bucket: "org-archive", rules: UNKNOWN } },
    ]);
    assert.deepEqual(outcome.violations, []);
    assert.deepEqual(outcome.advisories, [
      previewAdvisory(
        s3BackupBucketKms.name,
        `could not check that ${SSE} "archive-sse" [rules] encrypt with aws:kms, because it is unknown during preview.`,
      ),
    ]);
  });
});
