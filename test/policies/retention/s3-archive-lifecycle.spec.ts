import * as assert from "node:assert/strict";
import { s3ArchiveLifecycle } from "../../../policies/retention/s3-archive-lifecycle";
import {
  previewAdvisory,
  ResourceFixture,
  runStackPolicy,
  UNKNOWN,
  urnOf,
} from "../../helpers/policy-harness";

const BUCKET_V2 = "aws:s3/bucketV2:BucketV2";

describe("policies/retention/s3-archive-lifecycle", () => {
  const archiveTags = { "backup-role": "archive" };
  const bucket = (props: Record<string, unknown> = {}, type = BUCKET_V2): ResourceFixture => ({
    type,
    name: "archive",
    props: { bucket: "org-archive", objectLockEnabled: true, tags: archiveTags, ...props },
  });
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

  const LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";
  const lifecycle = (rules: unknown): ResourceFixture => ({
    type: LIFECYCLE,
    name: "archive-lifecycle",
    props: { bucket: "org-archive", rules },
  });
  const lifecycleUrn = urnOf(LIFECYCLE, "archive-lifecycle");
  const good = {
    id: "deep-archive",
    status: "Enabled",
    transitions: [{ days: 30, storageClass: "DEEP_ARCHIVE" }],
    expiration: { days: 3650 },
    noncurrentVersionExpiration: { noncurrentDays: 365 },
  };

  it("passes expirations at or beyond the floor, and ignores disabled rules", async () => {
    const outcome = await runStackPolicy(s3ArchiveLifecycle, [
      bucket(),
      lifecycle([good, { id: "off", status: "Disabled", expiration: { days: 1 } }]),
    ]);
    assert.deepEqual(outcome.violations, []);
    assert.deepEqual(outcome.advisories, []);
  });

  it("fails expirations below the floor, current or noncurrent, split or inline", async () => {
    const outcome = await runStackPolicy(s3ArchiveLifecycle, [
      bucket(),
      lifecycle([
        {
          ...good,
          expiration: { days: 30 },
          noncurrentVersionExpiration: { noncurrentDays: 7 },
        },
      ]),
    ]);
    assert.deepEqual(outcome.violations, [
      {
        message:
          `${LIFECYCLE} "archive-lifecycle" [rules[0].expiration.days] is 30, but must be at least 365 days.\n` +
          `${LIFECYCLE} "archive-lifecycle" [rules[0].noncurrentVersionExpiration.noncurrentDays] is 7, but must be at least 365 days.`,
        urn: lifecycleUrn,
      },
    ]);
    const inline = await runStackPolicy(s3ArchiveLifecycle, [
      bucket({ lifecycleRules: [{ enabled: true, expirations: [{ days: 90 }] }] }),
    ]);
    assert.deepEqual(inline.messages, [
      `${BUCKET_V2} "archive" [lifecycleRules[0].expirations[0].days] is 90, but must be at least 365 days.`,
    ]);
    const dated = await runStackPolicy(s3ArchiveLifecycle, [
      bucket(),
      lifecycle([{ ...good, expiration: { date: "2030-01-01T00:00:00Z" } }]),
    ]);
    assert.deepEqual(dated.messages, [
      `${LIFECYCLE} "archive-lifecycle" [rules[0].expiration.date] is "2030-01-01T00:00:00Z", but archive objects must expire by age (at least 365 days), not on a date.`,
    ]);
  });

  it("credits an Object Lock that keeps every version at least the floor (unless configured not to)", async () => {
    const short = lifecycle([{ ...good, noncurrentVersionExpiration: { noncurrentDays: 30 } }]);
    const locked = await runStackPolicy(s3ArchiveLifecycle, [
      bucket(),
      objectLock({ days: 400 }),
      short,
    ]);
    assert.deepEqual(locked.violations, []);
    const strict = await runStackPolicy(
      s3ArchiveLifecycle,
      [bucket(), objectLock({ days: 400 }), short],
      {
        config: { creditObjectLock: false },
      },
    );
    assert.deepEqual(strict.messages, [
      `${LIFECYCLE} "archive-lifecycle" [rules[0].noncurrentVersionExpiration.noncurrentDays] is 30, but must be at least 365 days.`,
    ]);
    const shortLock = await runStackPolicy(s3ArchiveLifecycle, [
      bucket(),
      objectLock({ days: 30 }),
      short,
    ]);
    assert.equal(shortLock.messages.length, 1);
    const unknownLock = await runStackPolicy(s3ArchiveLifecycle, [
      bucket(),
      objectLock({ days: UNKNOWN }),
      short,
    ]);
    assert.deepEqual(unknownLock.violations, []);
    assert.deepEqual(unknownLock.advisories, [
      previewAdvisory(
        s3ArchiveLifecycle.name,
        `could not check that ${BUCKET_V2} "archive" keeps objects at least 365 days, because its lifecycle expires them sooner and its Object Lock default retention is unknown during preview.`,
      ),
    ]);
  });

  it("says when an expiry is unknown during preview", async () => {
    const outcome = await runStackPolicy(s3ArchiveLifecycle, [
      bucket(),
      lifecycle([{ ...good, expiration: { days: UNKNOWN } }]),
    ]);
    assert.deepEqual(outcome.advisories, [
      previewAdvisory(
        s3ArchiveLifecycle.name,
        `could not check that ${LIFECYCLE} "archive-lifecycle" [rules[0].expiration.days] expires objects no sooner than 365 days, because it is unknown during preview.`,
      ),
    ]);
  });
});
