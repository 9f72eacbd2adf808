import * as assert from "node:assert/strict";
import { formatIssue } from "../../core";
import { replicationRegionOf } from "../../config/sections/archive";
import { type StackConfig, validateStackConfig } from "../../config/stack-config";
import { runStack, stackValues } from "../helpers/stack";

type Json = Record<string, unknown>;

/** The archive section of a stack file, as a fresh copy to change. */
function archiveOf(stack: string): Json {
  return structuredClone(stackValues(stack).values.archive) as Json;
}

/** The value at a path like `buckets[0].objectLock.mode` of a YAML tree. */
function valueAt(tree: unknown, path: string): unknown {
  return keysOf(path).reduce<unknown>((node, key) => (node as Json)[key], tree);
}

function keysOf(path: string): string[] {
  return path.match(/[^.[\]]+/g) ?? [];
}

/** Every problem of a stack file whose archive section has the values given at their paths. */
function problems(
  stack: string,
  changes: Record<string, unknown>,
  otherSections: Record<string, unknown> = {},
): string[] {
  const { values, region } = stackValues(stack);
  const archive = archiveOf(stack);
  for (const [path, value] of Object.entries(changes)) {
    const keys = keysOf(path);
    const parent = valueAt(archive, keys.slice(0, -1).join(".")) as Json;
    parent[keys[keys.length - 1]!] = value;
  }
  const merged: Json = { ...values, archive };
  for (const [key, value] of Object.entries(otherSections)) {
    if (value === undefined) delete merged[key];
    else merged[key] = value;
  }
  return validateStackConfig(merged, region).issues.map(formatIssue);
}

function configOf(stack: string): StackConfig {
  const { values, region } = stackValues(stack);
  const result = validateStackConfig(values, region);
  assert.deepStrictEqual(result.issues.map(formatIssue), []);
  return result.config!;
}

describe("hybrid-backup:archive", () => {
  it("is valid in both stacks, prod compliance-locked and replicated, staging shorter and governance", () => {
    const prod = configOf("prod").archive;
    const staging = configOf("staging").archive;
    const logsProd = prod.buckets[0]!;
    assert.deepStrictEqual(logsProd.objectLock, {
      mode: "COMPLIANCE",
      years: 7,
      acknowledgeComplianceLockIsPermanent: true,
    });
    assert.deepStrictEqual(logsProd.replication, {});
    assert.equal(replicationRegionOf(logsProd, configOf("prod")), "us-west-2");
    assert.equal(logsProd.accessLogging, true);
    assert.deepStrictEqual(
      logsProd.prefixes.map((p) => [
        p.prefix,
        p.transitions.map((t) => `${t.storageClass}@${t.days}`),
        p.expirationDays,
      ]),
      [
        ["logs/", ["GLACIER@30", "DEEP_ARCHIVE@180"], 2557],
        ["db-dumps/", ["GLACIER@7", "DEEP_ARCHIVE@97"], 2557],
      ],
    );
    assert.deepStrictEqual(
      prod.buckets[1]!.prefixes.map((p) => p.transitions[0]?.storageClass),
      ["GLACIER_IR", "DEEP_ARCHIVE"],
    );
    assert.equal(prod.glacierVaults[0]!.completeLock, true);

    const logsStaging = staging.buckets[0]!;
    assert.deepStrictEqual(logsStaging.objectLock, { mode: "GOVERNANCE", days: 30 });
    assert.equal(logsStaging.replication, undefined);
    assert.equal(logsStaging.accessLogging, false);
    assert.ok(Math.max(...logsStaging.prefixes.map((p) => p.expirationDays)) < 2557);
    assert.equal(staging.glacierVaults[0]!.completeLock, false);
  });

  it("fills the defaults", () => {
    const bucket = configOf("staging").archive.buckets[1]!;
    assert.equal(bucket.backupTier, "none");
    assert.equal(bucket.abortIncompleteMultipartUploadDays, 7);
    assert.equal(bucket.accessLogExpirationDays, 365);
    const vault = configOf("staging").archive.glacierVaults[0]!;
    assert.deepStrictEqual([vault.writerPrincipalArns, vault.readerPrincipalArns], [[], []]);
    assert.equal(configOf("prod").archive.uploaders[0]!.maxSessionDurationSeconds, 3600);
  });

  it("names the YAML path of shape errors", () => {
    assert.deepStrictEqual(
      problems("prod", {
        "buckets[0].objectLock.mode": "STRICT",
        "buckets[0].prefixes[0].transitions[1].storageClass": "GLACIER_DEEP_ARCHIVE",
        "buckets[1].prefixes[0].sizeGiB": "3 TB",
        "glacierVaults[0].retention": 7,
      }),
      [
        '[hybrid-backup:archive.buckets[0].objectLock.mode] is "STRICT", but must be one of "GOVERNANCE", "COMPLIANCE".',
        '[hybrid-backup:archive.buckets[0].prefixes[0].transitions[1].storageClass] is "GLACIER_DEEP_ARCHIVE", but must be one of "STANDARD_IA", "INTELLIGENT_TIERING", "ONEZONE_IA", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE".',
        '[hybrid-backup:archive.buckets[1].prefixes[0].sizeGiB] is "3 TB" (a string), but must be a number from 0 to 1000000000 GiB.',
        "[hybrid-backup:archive.glacierVaults[0].retention] is not a known key here; the keys allowed are name, id, retentionDays, completeLock, acknowledgeLockIsIrreversible, writerPrincipalArns, readerPrincipalArns, sizeGiB, monthlyGrowthGiB, uploads, objectives.",
      ],
    );
  });

  it("runs the components' validators on each bucket, vault and uploader, at their YAML paths", () => {
    assert.deepStrictEqual(
      problems("prod", {
        "buckets[0].prefixes[1].expirationDays": 2555,
        "buckets[0].prefixes[1].transitions[1].days": 90,
        "buckets[1].name": "hb-prod-archive..media",
        "buckets[1].objectLock": { mode: "COMPLIANCE", days: 365 },
        "glacierVaults[0].acknowledgeLockIsIrreversible": false,
        "uploaders[0].vpcEndpointId": "vpce-123",
      }),
      [
        "[hybrid-backup:archive.buckets[0].prefixes[1].transitions[1].days] is 90 days, but must be at least transitions[0].days + 90 = 97: GLACIER bills every object for at least 90 days, so moving it earlier costs more than waiting.",
        "[hybrid-backup:archive.buckets[0].prefixes[1].expirationDays] is 2555 days, but must be at least 2557 days: the Object Lock default retention (objectLock.years = 7) keeps each version up to 2557 days (7 × 365 + 2 leap days), and an earlier expiration only hides objects behind a delete marker while they stay stored and billed.",
        '[hybrid-backup:archive.buckets[1].name] is "hb-prod-archive..media", but must not contain two adjacent periods.',
        '[hybrid-backup:archive.buckets[1].objectLock.acknowledgeComplianceLockIsPermanent] is undefined, but must be true to use mode "COMPLIANCE": no one, the root user included, can delete a locked object version or shorten its retention until it expires.',
        "[hybrid-backup:archive.glacierVaults[0].acknowledgeLockIsIrreversible] is false, but must be true when completeLock is true: a completed Vault Lock can never be changed or removed, and archives younger than retentionDays can never be deleted.",
        '[hybrid-backup:archive.uploaders[0].vpcEndpointId] is "vpce-123", but must be a VPC endpoint id such as vpce-0a1b2c3d4e5f60718.',
      ],
    );
  });

  it("requires uploaders to write into a bucket of the section, under one of its lifecycle prefixes", () => {
    assert.deepStrictEqual(
      problems("prod", {
        "uploaders[0].prefixes": ["db-dumps/", "tmp/"],
        "uploaders[2].bucket": "hb-prod-archive-photos-111111111111",
      }),
      [
        '[hybrid-backup:archive.uploaders[0].prefixes[1]] is "tmp/", but lies under none of the lifecycle prefixes of bucket "hb-prod-archive-logs-dumps-111111111111" (logs/, db-dumps/): objects uploaded there would never transition or expire.',
        '[hybrid-backup:archive.uploaders[2].bucket] is "hb-prod-archive-photos-111111111111", but must name a bucket of hybrid-backup:archive.buckets ("hb-prod-archive-logs-dumps-111111111111", "hb-prod-archive-media-111111111111").',
      ],
    );
    assert.deepStrictEqual(
      problems("prod", {
        "uploaders[0].prefixes": ["db-dumps/host-a/"],
      }),
      [],
    );
  });

  it("keeps bucket, vault and uploader names unique", () => {
    assert.deepStrictEqual(
      problems("prod", {
        "buckets[1].purpose": "logs-and-dumps",
        "glacierVaults[1]": valueAt(archiveOf("prod"), "glacierVaults[0]"),
        "uploaders[1].name": "db-dumps",
      }),
      [
        '[hybrid-backup:archive.buckets[1].purpose] repeats the purpose "logs-and-dumps" already used at index 0.',
        '[hybrid-backup:archive.glacierVaults[1].name] repeats the vault name "hb-prod-db-dumps-worm" already used at index 0.',
        '[hybrid-backup:archive.uploaders[1].name] repeats the uploader name "db-dumps" already used at index 0.',
      ],
    );
  });

  it("keeps bucket names apart from the replica and access-log names derived from others", () => {
    const logs = "hb-prod-archive-logs-dumps-111111111111";
    assert.deepStrictEqual(
      problems("prod", {
        "buckets[1].name": `${logs}-us-west-2`,
        "uploaders[2].bucket": `${logs}-us-west-2`,
      }),
      [
        `[hybrid-backup:archive.buckets[1].name] is "${logs}-us-west-2", which is also the replica bucket name derived from buckets[0].name; choose another name.`,
      ],
    );
    assert.deepStrictEqual(
      problems("prod", {
        "buckets[1].name": `${logs}-access-logs`,
        "uploaders[2].bucket": `${logs}-access-logs`,
      }),
      [
        `[hybrid-backup:archive.buckets[1].name] is "${logs}-access-logs", which is also the access-log bucket name derived from buckets[0].name; choose another name.`,
      ],
    );
  });

  it("replicates to hybrid-backup:dr.region unless a bucket names its own region", () => {
    const dr = stackValues("prod").values.dr as Json;
    assert.deepStrictEqual(problems("prod", {}, { dr: { ...dr, region: "us-east-1" } }), [
      '[hybrid-backup:archive.buckets[0].replication.region] is not set, so it takes hybrid-backup:dr.region "us-east-1", the stack\'s own region (aws:region), but a DR replica must be in another region.',
      '[hybrid-backup:archive.buckets[1].replication.region] is not set, so it takes hybrid-backup:dr.region "us-east-1", the stack\'s own region (aws:region), but a DR replica must be in another region.',
    ]);
    assert.deepStrictEqual(
      problems(
        "prod",
        { "buckets[0].replication.region": "us-east-2", "buckets[1].replication": undefined },
        { dr: { ...dr, region: "us-east-1" } },
      ),
      [],
    );
    assert.deepStrictEqual(
      problems("prod", { "buckets[1].replication": undefined }, { dr: undefined }).filter((m) =>
        m.startsWith("[hybrid-backup:archive"),
      ),
      [
        "[hybrid-backup:archive.buckets[0].replication.region] is missing, and the stack has no hybrid-backup:dr section to take the DR region from; set it, or add hybrid-backup:dr.",
      ],
    );
    const long = `hb-prod-archive-logs-dumps-${"1".repeat(27)}`;
    assert.deepStrictEqual(
      problems("prod", {
        "buckets[0].name": long,
        "buckets[0].accessLogging": false,
        "uploaders[0].bucket": long,
        "uploaders[1].bucket": long,
      }),
      [
        `[hybrid-backup:archive.buckets[0].name] is "${long}" (54 characters), but the replica bucket name "${long}-us-west-2" derived from it would have 64 characters, more than the 63 S3 allows; shorten this name to at most 53 characters.`,
      ],
    );
  });

  it("replicates only to another region of the stack's partition", () => {
    assert.deepStrictEqual(
      problems("prod", {
        "buckets[0].replication.region": "us-east-1",
        "buckets[1].replication.region": "cn-north-1",
      }),
      [
        '[hybrid-backup:archive.buckets[0].replication.region] is "us-east-1", the stack\'s own region (aws:region), but a DR replica must be in another region.',
        '[hybrid-backup:archive.buckets[1].replication.region] is "cn-north-1", but must be a region of the stack\'s partition (aws, like aws:region "us-east-1"): S3 replicates only within a partition.',
      ],
    );
    assert.deepStrictEqual(problems("prod", { "buckets[0].replication.region": "us-east-2" }), []);
  });

  it("is optional: a stack without archives builds none", () => {
    const { values, region } = stackValues("staging");
    const rest = { ...values };
    delete rest.archive;
    const result = validateStackConfig(rest, region);
    assert.deepStrictEqual(result.issues, []);
    assert.equal(result.config?.archive, undefined);
  });

  describe("in the stacks", () => {
    it("builds protected, replicated archives and a completed vault lock in prod", async () => {
      const result = await runStack("prod");
      const archive = result.resources.filter(
        (r) =>
          r.urn.includes("hybrid-backup:index:Archive") ||
          r.urn.includes("hybrid-backup:index:GlacierVault"),
      );
      const components = archive
        .filter((r) => !r.custom)
        .map((r) => `${r.type.split(":")[2]} ${r.name}`);
      assert.deepStrictEqual(components.sort(), [
        "ArchiveBucket prod-archive-logs-and-dumps",
        "ArchiveBucket prod-archive-media",
        "ArchiveUploaderAccess prod-uploader-db-dumps",
        "ArchiveUploaderAccess prod-uploader-log-shipper",
        "ArchiveUploaderAccess prod-uploader-media-ingest",
        "GlacierVault prod-glacier-hb-prod-db-dumps-worm",
      ]);
      const protectedNames = archive.filter((r) => r.protect).map((r) => r.name);
      for (const name of [
        "prod-archive-logs-and-dumps-bucket",
        "prod-archive-logs-and-dumps-key",
        "prod-archive-logs-and-dumps-lock",
        "prod-archive-logs-and-dumps-replica-bucket",
        "prod-archive-media-bucket",
        "prod-glacier-hb-prod-db-dumps-worm-vault",
        "prod-glacier-hb-prod-db-dumps-worm-lock",
      ]) {
        assert.ok(protectedNames.includes(name), name);
      }
      const lock = archive.find((r) => r.name === "prod-glacier-hb-prod-db-dumps-worm-lock")!;
      assert.equal(lock.inputs.completeLock, true);
      const replica = archive.find((r) => r.name === "prod-archive-logs-and-dumps-replica-bucket")!;
      assert.equal(replica.inputs.region, "us-west-2");
      // Per bucket 10 resources, 10 more for its replica, 3 for replication, 7 for access logs;
      // 5 for the vault and 2 per uploader.
      assert.equal(archive.filter((r) => r.custom).length, 2 * 30 + 5 + 3 * 2);
    });

    it("builds unprotected, unreplicated archives and an uncompleted vault lock in staging", async () => {
      const result = await runStack("staging");
      const archive = result.resources.filter(
        (r) =>
          r.urn.includes("hybrid-backup:index:Archive") ||
          r.urn.includes("hybrid-backup:index:GlacierVault"),
      );
      assert.deepStrictEqual(
        archive.filter((r) => r.protect).map((r) => r.name),
        [],
      );
      assert.equal(
        archive.some((r) => r.name.includes("replica")),
        false,
      );
      assert.equal(
        archive.find((r) => r.name === "staging-glacier-hb-staging-db-dumps-worm-lock")?.inputs
          .completeLock,
        false,
      );
      assert.equal(archive.filter((r) => r.custom).length, 2 * 10 + 5 + 2);
    });
  });
});
