import * as assert from "node:assert/strict";
import { s3ArchiveObjectLock } from "../../../policies/retention/s3-archive-object-lock";
import {
  previewAdvisory,
  ResourceFixture,
  runStackPolicy,
  UNKNOWN,
  urnOf,
} from "../../helpers/policy-harness";

const BUCKET_V2 = "aws:s3/bucketV2:BucketV2";
const BUCKET = "aws:s3/bucket:Bucket";

describe("policies/retention/s3-archive-object-lock", () => {
  const archiveTags = { "backup-role": "archive" };
  const bucket = (props: Record<string, unknown> = {}, type = BUCKET_V2): ResourceFixture => ({
    type,
    name: "archive",
    props: { bucket: "org-archive", objectLockEnabled: true, tags: archiveTags, ...props },
  });
  const bucketUrn = urnOf(BUCKET_V2, "archive");
  const objectLock = (
    retention: Record<string, unknown>,
    extra: Partial<ResourceFixture> = {},
  ): ResourceFixture => ({
    type: "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
    name: "archive-lock",
    props: {
      bucket: "org-archive",
      rule: { defaultRetention: { mode: "COMPLIANCE", days: 365, ...retention } },
    },
    ...extra,
  });
  const LOCK_CONFIG =
    'aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration "archive-lock"';

  const policy = s3ArchiveObjectLock;

  it("passes archive buckets with a compliant default retention (split or inline, both families)", async () => {
    const split = await runStackPolicy(policy, [bucket(), objectLock({})]);
    assert.deepEqual(split.violations, []);
    assert.deepEqual(split.advisories, []);
    const legacy = await runStackPolicy(policy, [
      bucket(
        {
          objectLockEnabled: undefined,
          objectLockConfiguration: {
            objectLockEnabled: "Enabled",
            rule: { defaultRetention: { mode: "GOVERNANCE", years: 1 } },
          },
        },
        BUCKET,
      ),
    ]);
    assert.deepEqual(legacy.violations, []);
    const v2Inline = await runStackPolicy(policy, [
      bucket({
        objectLockConfiguration: {
          rules: [{ defaultRetentions: [{ mode: "COMPLIANCE", days: 400 }] }],
        },
      }),
    ]);
    assert.deepEqual(v2Inline.violations, []);
  });

  it("joins the lock to its bucket through property dependencies when the name is unknown", async () => {
    const outcome = await runStackPolicy(policy, [
      bucket({ bucket: undefined }),
      objectLock(
        {},
        {
          props: {
            bucket: UNKNOWN,
            rule: { defaultRetention: { mode: "COMPLIANCE", days: 365 } },
          },
          propertyDependencies: { bucket: [bucketUrn] },
        },
      ),
    ]);
    assert.deepEqual(outcome.violations, []);
    assert.deepEqual(outcome.advisories, []);
  });

  it("fails a bucket without Object Lock enabled or without default retention", async () => {
    const disabled = await runStackPolicy(policy, [
      bucket({ objectLockEnabled: undefined }),
      objectLock({}),
    ]);
    assert.deepEqual(disabled.violations, [
      {
        message: `${BUCKET_V2} "archive" [objectLockEnabled] is not set, but must be true.`,
        urn: bucketUrn,
      },
    ]);
    const none = await runStackPolicy(policy, [bucket()]);
    assert.deepEqual(none.violations, [
      {
        message: `${BUCKET_V2} "archive" has no default Object Lock retention (neither objectLockConfiguration nor a aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration), but must retain objects at least 365 days.`,
        urn: bucketUrn,
      },
    ]);
  });

  it("fails a mode or a retention outside the configuration", async () => {
    const governance = await runStackPolicy(
      policy,
      [bucket(), objectLock({ mode: "GOVERNANCE" })],
      {
        config: { allowedModes: ["COMPLIANCE"] },
      },
    );
    assert.deepEqual(governance.messages, [
      `${LOCK_CONFIG} [rule.defaultRetention.mode] is "GOVERNANCE", but must be "COMPLIANCE".`,
    ]);
    const short = await runStackPolicy(policy, [bucket(), objectLock({ days: 30 })]);
    assert.deepEqual(short.messages, [
      `${LOCK_CONFIG} [rule.defaultRetention.days] is 30, but must be a retention of at least 365 days.`,
    ]);
    const years = await runStackPolicy(
      policy,
      [bucket(), objectLock({ days: undefined, years: 1 })],
      {
        config: { minRetentionDays: 400 },
      },
    );
    assert.deepEqual(years.messages, [
      `${LOCK_CONFIG} [rule.defaultRetention.years] is 1, but must be a retention of at least 400 days (365 days given).`,
    ]);
  });

  it("ignores buckets without evidence of archives, and says when the evidence or lock is unknown", async () => {
    const plain = await runStackPolicy(policy, [
      bucket({ tags: { team: "web" }, objectLockEnabled: false }),
    ]);
    assert.equal(
      plain.notApplicable,
      "The stack has no bucket that shows it holds backups or archives.",
    );
    const unknownRole = await runStackPolicy(policy, [
      bucket({ tags: UNKNOWN, objectLockEnabled: false }),
      bucket({ tags: archiveTags }, BUCKET),
    ]);
    assert.deepEqual(unknownRole.advisories, [
      previewAdvisory(
        policy.name,
        `could not tell whether ${BUCKET_V2} "archive" holds backups or archives, because [tags] is unknown during preview and nothing else shows it.`,
      ),
    ]);
    const unknownLock = await runStackPolicy(policy, [
      bucket(),
      objectLock({}, { props: { bucket: UNKNOWN } }),
    ]);
    assert.deepEqual(unknownLock.violations, []);
    assert.deepEqual(unknownLock.advisories, [
      previewAdvisory(
        policy.name,
        `could not tell whether ${BUCKET_V2} "archive" is configured by ${LOCK_CONFIG} [bucket], because that input is unknown during preview.`,
      ),
    ]);
  });
  it("fails a default retention AWS refuses: both days and years", async () => {
    const outcome = await runStackPolicy(policy, [bucket(), objectLock({ days: 400, years: 2 })]);
    assert.deepEqual(outcome.messages, [
      `${LOCK_CONFIG} [rule.defaultRetention] sets both days (400) and years (2), but an Object Lock default retention takes exactly one of them.`,
    ]);
  });
});
