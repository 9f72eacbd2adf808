/**
 * The `hybrid-backup:archive` section: Object Lock buckets with lifecycle rules per prefix (and
 * optional DR replication and access logs), write-once Glacier vaults, and the IAM roles of the
 * on-premises uploaders. The shape mirrors the component arguments, and each object's check calls
 * its component's validator, so a value is judged the same way in YAML and in code. Rules that
 * involve the stack's region or several sections are stack checks.
 */
import {
  validateArchiveBucketArgs,
  validateArchiveUploaderAccessArgs,
  validateGlacierVaultArgs,
  checkGlacierVaultName,
  ARCHIVE_SLUG,
  accessLogBucketName,
  checkDerivedBucketName,
  replicaBucketName,
  isAwsRegion,
  partitionOf,
  MAX_LIFECYCLE_DAYS,
  MAX_LIFECYCLE_RULES,
  STORAGE_CLASS_ORDER,
  MAX_LOCK_DAYS,
  MAX_LOCK_YEARS,
  type Issues,
  checkUnique,
  show,
} from "../../core";
import * as s from "../schema";
import { objectivesSchema, uploadsSchema } from "./objectives";

const days = (description: string, min: number, max = MAX_LIFECYCLE_DAYS) =>
  s.number({ description, min, max, unit: "days" });

const gib = (description: string) =>
  s.number({ description, min: 0, max: 1e9, integer: false, unit: "GiB" });

const slug = (description: string) =>
  s.string({ description, pattern: ARCHIVE_SLUG.pattern, rule: ARCHIVE_SLUG.rule });

const transitionSchema = s.object(
  {
    days: days("Age of the objects, in days after creation, when they move.", 0),
    storageClass: s.literal(STORAGE_CLASS_ORDER, {
      description: "The class the objects move to, down the S3 lifecycle waterfall.",
    }),
  },
  { description: "A transition to a cheaper storage class." },
);

const prefixSchema = s.object(
  {
    prefix: s.string({
      description:
        'Key prefix, a "folder" ending with "/" (1-255 characters; also the lifecycle rule id). Prefixes of a bucket must not overlap.',
    }),
    transitions: s.array(transitionSchema, {
      description:
        "Transitions in waterfall order (STANDARD_IA, INTELLIGENT_TIERING, ONEZONE_IA, GLACIER_IR, GLACIER, DEEP_ARCHIVE), days strictly increasing; may be empty.",
      maxItems: STORAGE_CLASS_ORDER.length,
    }),
    expirationDays: days(
      "Age in days when the current version expires; at least the Object Lock retention and the minimum billed duration of the last class.",
      1,
    ),
    noncurrentVersionExpirationDays: days(
      "Days a version stays after it stopped being current before S3 deletes it (a locked version waits for its retention).",
      1,
    ),
    sizeGiB: s.optional(gib("Data stored under the prefix today, for the cost model.")),
    monthlyGrowthGiB: s.optional(
      gib("Data added under the prefix each month, for the cost model."),
    ),
    uploads: s.optional(uploadsSchema),
  },
  { description: "The lifecycle of the objects under one key prefix." },
);

const objectLockSchema = s.object(
  {
    mode: s.literal(["GOVERNANCE", "COMPLIANCE"], {
      description:
        "GOVERNANCE: principals allowed s3:BypassGovernanceRetention can delete early; COMPLIANCE: nobody can, the root user included.",
    }),
    days: s.optional(
      days("Default retention in days (exactly one of days and years).", 1, MAX_LOCK_DAYS),
    ),
    years: s.optional(
      s.number({
        description: "Default retention in years (exactly one of days and years).",
        min: 1,
        max: MAX_LOCK_YEARS,
        unit: "years",
      }),
    ),
    acknowledgeComplianceLockIsPermanent: s.optional(
      s.boolean({
        description:
          "COMPLIANCE only, and required there: true states that locked versions cannot be deleted before their retention ends, by anyone.",
      }),
    ),
  },
  { description: "The Object Lock default retention of every new object version." },
);

const bucketSchema = s.object(
  {
    name: s.string({
      description:
        "Bucket name (3-63 lowercase letters, digits, periods or hyphens; globally unique). Replica and access-log bucket names derive from it.",
    }),
    purpose: slug("Short identifier of what the bucket holds; names its resources and tags it."),
    id: s.optional(
      slug(
        "Stable identifier of the bucket, from which the names of its resources derive. Default: purpose. When changing the purpose, set it to the old purpose so that nothing is replaced.",
      ),
    ),
    backupTier: s.optional(
      s.string({
        description:
          'Backup tier tag; "none" exempts the bucket from AWS Backup with a reason naming its Object Lock and replication.',
      }),
      "none",
    ),
    objectLock: objectLockSchema,
    prefixes: s.array(prefixSchema, {
      description: "One lifecycle rule per key prefix.",
      minItems: 1,
      maxItems: MAX_LIFECYCLE_RULES,
    }),
    abortIncompleteMultipartUploadDays: s.optional(
      days("Days after which unfinished multipart uploads are aborted.", 1),
      7,
    ),
    replication: s.optional(
      s.object(
        {
          region: s.optional(
            s.string({
              description:
                "The region of the replica bucket, in the workload account; another region of the same partition. Default: hybrid-backup:dr.region.",
            }),
          ),
        },
        {
          description:
            "Replication of every new version, with its retention, to the DR region (`replication: {}` takes hybrid-backup:dr.region).",
        },
      ),
    ),
    accessLogging: s.optional(
      s.boolean({
        description: "Server access logs to a bucket of their own (<name>-access-logs).",
      }),
      false,
    ),
    accessLogExpirationDays: s.optional(days("Days the access logs are kept.", 1), 365),
    objectives: s.optional(objectivesSchema),
  },
  {
    description: "An Object Lock archive bucket.",
    // A replication region taken from hybrid-backup:dr is checked by the stack check.
    check: (bucket, issues) =>
      validateArchiveBucketArgs(
        {
          ...bucket,
          replication:
            bucket.replication?.region === undefined
              ? undefined
              : { region: bucket.replication.region },
        },
        issues,
      ),
  },
);

const principalArns = (description: string) =>
  s.array(s.string({ description: "An IAM principal ARN." }), { description });

const glacierVaultSchema = s.object(
  {
    name: s.string({
      description:
        "Name of the vault in outputs and reports; also its name in AWS unless id is set (1-255 letters, digits, underscores, hyphens or periods).",
    }),
    id: s.optional(
      s.string({
        description:
          "The vault's name in AWS, from which the names of its resources derive; Glacier cannot rename a vault. Default: name. When renaming the vault, set it to the old name so that nothing is replaced.",
      }),
    ),
    retentionDays: days("Archives younger than this cannot be deleted, by anyone.", 1),
    completeLock: s.optional(
      s.boolean({
        description:
          "Completes the Vault Lock (irreversible); false leaves it in progress, abortable, and expiring after 24 hours.",
      }),
      false,
    ),
    acknowledgeLockIsIrreversible: s.optional(
      s.boolean({ description: "Required true when completeLock is true." }),
    ),
    writerPrincipalArns: s.optional(
      principalArns("IAM principals the vault policy lets upload archives."),
      [],
    ),
    readerPrincipalArns: s.optional(
      principalArns("IAM principals the vault policy lets retrieve archives."),
      [],
    ),
    sizeGiB: s.optional(gib("Data stored in the vault, for the cost model.")),
    monthlyGrowthGiB: s.optional(gib("Data added to the vault each month, for the cost model.")),
    uploads: s.optional(uploadsSchema),
    objectives: s.optional(objectivesSchema),
  },
  {
    description: "A write-once Glacier vault.",
    check: (vault, issues) => {
      // The vault in AWS is named by id when it has one: the checks that depend on the AWS name
      // (ARN length, lock policy size) use it, and a bad id is reported at its own key.
      validateGlacierVaultArgs(vault, issues);
      if (vault.id !== undefined) checkGlacierVaultName(issues.at("id"), vault.id);
    },
  },
);

const uploaderSchema = s.object(
  {
    name: slug("Short identifier of the uploader; names its role."),
    bucket: s.string({ description: "Name of the archive bucket (one of buckets[].name)." }),
    prefixes: s.array(s.string({ description: "A key prefix ending with /." }), {
      description:
        "Prefixes the uploader may put objects under; each inside one of the bucket's prefixes.",
      minItems: 1,
    }),
    trustedPrincipalArns: s.array(s.string({ description: "An ARN." }), {
      description:
        "Who may assume the role: IAM principal ARNs, or IAM Roles Anywhere trust anchor ARNs for certificate-based uploaders.",
      minItems: 1,
    }),
    vpcEndpointId: s.string({
      description:
        "The existing S3 VPC endpoint (interface endpoint for on-premises clients) uploads must use.",
    }),
    externalId: s.optional(
      s.string({
        description:
          "The sts:ExternalId every trusted IAM principal must pass; needed (or principalOrgId) to trust another account's root.",
      }),
    ),
    principalOrgId: s.optional(
      s.string({
        description:
          "The AWS Organizations id every trusted IAM principal must belong to; needed (or externalId) to trust another account's root.",
      }),
    ),
    maxSessionDurationSeconds: s.optional(
      s.number({
        description: "Longest session of the role.",
        min: 3600,
        max: 43200,
        unit: "seconds",
      }),
      3600,
    ),
  },
  {
    description: "The role of one on-premises uploader.",
    check: (uploader, issues) =>
      validateArchiveUploaderAccessArgs({ ...uploader, kmsKeyArn: "" }, issues),
  },
);

export const archiveSchema = s.object(
  {
    buckets: s.optional(s.array(bucketSchema, { description: "Object Lock archive buckets." }), []),
    glacierVaults: s.optional(
      s.array(glacierVaultSchema, { description: "Write-once Glacier vaults." }),
      [],
    ),
    uploaders: s.optional(
      s.array(uploaderSchema, { description: "Roles of the on-premises batch uploaders." }),
      [],
    ),
  },
  {
    description:
      "The archive tier: logs, database dumps and media kept for years, immutably and cheaply.",
    check: (archive, issues) => checkArchiveReferences(archive, issues),
  },
);

export type ArchiveSection = s.Infer<typeof archiveSchema>;

/**
 * Rules across the lists of the section: bucket names and purposes unique, vault and uploader
 * names unique, and every uploader writing into a bucket of the section,
 * under one of its lifecycle prefixes (objects outside every prefix would never transition or
 * expire).
 */
export function checkArchiveReferences(archive: ArchiveSection, issues: Issues): void {
  const buckets = archive.buckets;
  checkUnique(
    issues.at("buckets"),
    buckets.map((b) => b.name),
    "bucket name",
    "name",
  );
  checkUnique(
    issues.at("buckets"),
    buckets.map((b) => b.purpose),
    "purpose",
    "purpose",
  );
  // With distinct purposes and names, ids (which default to them) must be distinct too.
  if (new Set(buckets.map((b) => b.purpose)).size === buckets.length) {
    checkUnique(
      issues.at("buckets"),
      buckets.map((b) => b.id ?? b.purpose),
      "bucket id (or purpose, when it has no id)",
      "id",
    );
  }
  const vaults = archive.glacierVaults;
  if (new Set(vaults.map((v) => v.name)).size === vaults.length) {
    checkUnique(
      issues.at("glacierVaults"),
      vaults.map((v) => v.id ?? v.name),
      "vault id (or name, when it has no id)",
      "id",
    );
  }
  checkUnique(
    issues.at("glacierVaults"),
    archive.glacierVaults.map((v) => v.name),
    "vault name",
    "name",
  );
  checkUnique(
    issues.at("uploaders"),
    archive.uploaders.map((u) => u.name),
    "uploader name",
    "name",
  );
  archive.uploaders.forEach((uploader, index) => {
    const at = issues.at("uploaders").at(index);
    const bucket = buckets.find((b) => b.name === uploader.bucket);
    if (bucket === undefined) {
      const names = buckets.map((b) => show(b.name)).join(", ");
      at.at("bucket").add(
        `is ${show(uploader.bucket)}, but must name a bucket of hybrid-backup:archive.buckets${names === "" ? " (there are none)" : ` (${names})`}.`,
      );
      return;
    }
    const lifecyclePrefixes = bucket.prefixes.map((p) => p.prefix);
    uploader.prefixes.forEach((prefix, prefixIndex) => {
      if (!lifecyclePrefixes.some((lifecyclePrefix) => prefix.startsWith(lifecyclePrefix))) {
        at.at("prefixes")
          .at(prefixIndex)
          .add(
            `is ${show(prefix)}, but lies under none of the lifecycle prefixes of bucket ${show(bucket.name)} ` +
              `(${lifecyclePrefixes.join(", ")}): objects uploaded there would never transition or expire.`,
          );
      }
    });
  });
}

/** What the stack check and the topology read of the stack config. */
export interface ArchiveStackView {
  readonly region: string;
  readonly archive?: ArchiveSection;
  readonly dr?: { readonly region: string };
}

type ArchiveBucketSection = ArchiveSection["buckets"][number];

/**
 * The region a bucket replicates to: its own `replication.region`, else the DR region of
 * `hybrid-backup:dr`; undefined without replication (or without either region).
 */
export function replicationRegionOf(
  bucket: ArchiveBucketSection,
  config: ArchiveStackView,
): string | undefined {
  if (bucket.replication === undefined) return undefined;
  return bucket.replication.region ?? config.dr?.region;
}

/**
 * The stack check of the section: every replicating bucket has a DR region, another region of the
 * stack's partition (S3 replicates only within a partition), with room in the bucket name for the
 * replica's; and no bucket is named like another's replica or access-log bucket.
 */
export function checkArchiveReplication(config: ArchiveStackView, issues: Issues): void {
  const buckets = config.archive?.buckets ?? [];
  const stackRegion = config.region;
  const derived: Array<{ name: string; what: string; from: number }> = [];
  buckets.forEach((bucket, index) => {
    const at = issues.at("archive").at("buckets").at(index);
    if (bucket.accessLogging) {
      derived.push({ name: accessLogBucketName(bucket.name), what: "access-log", from: index });
    }
    if (bucket.replication === undefined) return;
    const regionIssues = at.at("replication").at("region");
    const explicit = bucket.replication.region;
    const region = replicationRegionOf(bucket, config);
    if (region === undefined) {
      regionIssues.add(
        "is missing, and the stack has no hybrid-backup:dr section to take the DR region from; set it, or add hybrid-backup:dr.",
      );
      return;
    }
    const shown =
      explicit === undefined
        ? `not set, so it takes hybrid-backup:dr.region ${show(region)}`
        : show(region);
    if (!isAwsRegion(region)) {
      regionIssues.add(`is ${shown}, but must be an AWS region name such as us-west-2.`);
      return;
    }
    if (region === stackRegion) {
      regionIssues.add(
        `is ${shown}, the stack's own region (aws:region), but a DR replica must be in another region.`,
      );
    } else if (partitionOf(region) !== partitionOf(stackRegion)) {
      regionIssues.add(
        `is ${shown}, but must be a region of the stack's partition (${partitionOf(stackRegion)}, like aws:region ${show(stackRegion)}): S3 replicates only within a partition.`,
      );
    }
    const replicaName = replicaBucketName(bucket.name, region);
    if (explicit === undefined) {
      checkDerivedBucketName(at.at("name"), bucket.name, replicaName, "replica bucket name");
    }
    derived.push({ name: replicaName, what: "replica", from: index });
  });
  for (const { name, what, from } of derived) {
    const clash = buckets.findIndex((other) => other.name === name);
    if (clash >= 0) {
      issues
        .at("archive")
        .at("buckets")
        .at(clash)
        .at("name")
        .add(
          `is ${show(name)}, which is also the ${what} bucket name derived from buckets[${from}].name; choose another name.`,
        );
    }
  }
}
