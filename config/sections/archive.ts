/**
 * The `hybrid-backup:archive` section: Object Lock buckets with lifecycle rules per prefix (and
 * optional DR replication and access logs), write-once Glacier vaults, and the IAM roles of the
 * on-premises uploaders. The shape mirrors the component arguments, and each object's check calls
 * its component's validator, so a value is judged the same way in YAML and in code. Rules that
 * involve the stack's region or several sections are stack checks.
 */
import { validateArchiveBucketArgs } from "../../components/archive-bucket";
import { validateArchiveUploaderAccessArgs } from "../../components/archive-uploader-access";
import { validateGlacierVaultArgs } from "../../components/glacier-vault";
import {
  ARCHIVE_SLUG,
  accessLogBucketName,
  replicaBucketName,
} from "../../components/lib/archive-names";
import { partitionOf } from "../../components/lib/aws-regions";
import {
  MAX_LIFECYCLE_DAYS,
  MAX_LIFECYCLE_RULES,
  STORAGE_CLASS_ORDER,
} from "../../components/lib/s3-lifecycle-rules";
import { MAX_LOCK_DAYS, MAX_LOCK_YEARS } from "../../components/lib/s3-object-lock";
import { type Issues, checkUnique, show } from "../../components/lib/validation";
import * as s from "../schema";

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
    monthlyGrowthGiB: s.optional(gib("Data added under the prefix each month, for the cost model.")),
  },
  { description: "The lifecycle of the objects under one key prefix." },
);

const objectLockSchema = s.object(
  {
    mode: s.literal(["GOVERNANCE", "COMPLIANCE"], {
      description:
        "GOVERNANCE: principals allowed s3:BypassGovernanceRetention can delete early; COMPLIANCE: nobody can, the root user included.",
    }),
    days: s.optional(days("Default retention in days (exactly one of days and years).", 1, MAX_LOCK_DAYS)),
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
          region: s.string({
            description: "The DR region of the replica bucket; another region of the same partition.",
          }),
        },
        { description: "Replication of every new version, with its retention, to the DR region." },
      ),
    ),
    accessLogging: s.optional(
      s.boolean({ description: "Server access logs to a bucket of their own (<name>-access-logs)." }),
      false,
    ),
    accessLogExpirationDays: s.optional(days("Days the access logs are kept.", 1), 365),
  },
  {
    description: "An Object Lock archive bucket.",
    check: (bucket, issues) => validateArchiveBucketArgs(bucket, issues),
  },
);

const principalArns = (description: string) =>
  s.array(s.string({ description: "An IAM principal ARN." }), { description });

const glacierVaultSchema = s.object(
  {
    name: s.string({ description: "Vault name (1-255 letters, digits, underscores, hyphens or periods)." }),
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
  },
  {
    description: "A write-once Glacier vault.",
    check: (vault, issues) => validateGlacierVaultArgs(vault, issues),
  },
);

const uploaderSchema = s.object(
  {
    name: slug("Short identifier of the uploader; names its role."),
    bucket: s.string({ description: "Name of the archive bucket (one of buckets[].name)." }),
    prefixes: s.array(s.string({ description: "A key prefix ending with /." }), {
      description: "Prefixes the uploader may put objects under; each inside one of the bucket's prefixes.",
      minItems: 1,
    }),
    trustedPrincipalArns: s.array(s.string({ description: "An ARN." }), {
      description:
        "Who may assume the role: IAM principal ARNs, or IAM Roles Anywhere trust anchor ARNs for certificate-based uploaders.",
      minItems: 1,
    }),
    vpcEndpointId: s.string({
      description: "The existing S3 VPC endpoint (interface endpoint for on-premises clients) uploads must use.",
    }),
    maxSessionDurationSeconds: s.optional(
      s.number({ description: "Longest session of the role.", min: 3600, max: 43200, unit: "seconds" }),
      3600,
    ),
  },
  {
    description: "The role of one on-premises uploader.",
    check: (uploader, issues) => validateArchiveUploaderAccessArgs({ ...uploader, kmsKeyArn: "" }, issues),
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
    description: "The archive tier: logs, database dumps and media kept for years, immutably and cheaply.",
    check: (archive, issues) => checkArchiveReferences(archive, issues),
  },
);

export type ArchiveSection = s.Infer<typeof archiveSchema>;

/**
 * Rules across the lists of the section: names unique (a bucket's derived replica and access-log
 * names included), vault names unique, and every uploader writing into a bucket of the section,
 * under one of its lifecycle prefixes (objects outside every prefix would never transition or
 * expire).
 */
export function checkArchiveReferences(archive: ArchiveSection, issues: Issues): void {
  const buckets = archive.buckets;
  checkUnique(issues.at("buckets"), buckets.map((b) => b.name), "bucket name", "name");
  checkUnique(issues.at("buckets"), buckets.map((b) => b.purpose), "purpose", "purpose");
  buckets.forEach((bucket, index) => {
    const derived: Array<[string, string]> = [];
    if (bucket.replication !== undefined) {
      derived.push([replicaBucketName(bucket.name, bucket.replication.region), "replica"]);
    }
    if (bucket.accessLogging) derived.push([accessLogBucketName(bucket.name), "access-log"]);
    for (const [derivedName, what] of derived) {
      const clash = buckets.findIndex((other) => other.name === derivedName);
      if (clash >= 0) {
        issues
          .at("buckets")
          .at(clash)
          .at("name")
          .add(
            `is ${show(derivedName)}, which is also the ${what} bucket name derived from buckets[${index}].name; choose another name.`,
          );
      }
    }
  });
  checkUnique(issues.at("glacierVaults"), archive.glacierVaults.map((v) => v.name), "vault name", "name");
  checkUnique(issues.at("uploaders"), archive.uploaders.map((u) => u.name), "uploader name", "name");
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

/**
 * The stack check of the section: replication needs another region of the stack's partition
 * (S3 replicates only within a partition).
 */
export function checkArchiveRegions(
  config: { readonly archive?: ArchiveSection; readonly region: string },
  issues: Issues,
): void {
  const stackRegion = config.region;
  config.archive?.buckets.forEach((bucket, index) => {
    const region = bucket.replication?.region;
    if (region === undefined) return;
    const at = issues.at("archive").at("buckets").at(index).at("replication").at("region");
    if (region === stackRegion) {
      at.add(
        `is ${show(region)}, the stack's own region (aws:region), but a DR replica must be in another region.`,
      );
    } else if (partitionOf(region) !== partitionOf(stackRegion)) {
      at.add(
        `is ${show(region)}, but must be a region of the stack's partition (${partitionOf(stackRegion)}, like aws:region ${show(stackRegion)}): S3 replicates only within a partition.`,
      );
    }
  });
}
