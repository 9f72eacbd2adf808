import { classificationProperties } from "../lib/config";
import { undeterminedNote } from "../lib/joins";
import { lockEnabled } from "../lib/object-lock";
import { propsOf, stackPolicy } from "../lib/policy-kit";
import { couldNotCheck, expectProp, label } from "../lib/report";
import { backupBuckets, BucketSettings } from "../lib/s3";
import { T } from "../lib/types";

export const s3ArchiveVersioning = stackPolicy({
  name: "s3-archive-versioning",
  description: "Buckets holding backups or archives have versioning enabled.",
  severity: "high",
  remediationSteps:
    'Add an aws.s3.BucketVersioning with `versioningConfiguration.status: "Enabled"` for the bucket ' +
    "(S3 Object Lock also turns versioning on for good).",
  configSchema: { properties: { ...classificationProperties } },
  validate: ({ stack, config, findings, args }) => {
    const settings = BucketSettings.join(stack, "versioning");
    const buckets = backupBuckets(
      stack,
      settings.buckets,
      config,
      findings,
      "archives-and-reports",
    );
    if (buckets.length === 0) {
      args.notApplicable("The stack has no bucket that shows it holds backups or archives.");
    }
    for (const bucket of buckets) {
      const separate = settings.of(bucket);
      if (separate.length > 0) {
        for (const resource of separate) {
          expectProp(
            findings,
            propsOf(resource).get("versioningConfiguration").get("status"),
            (p) => p.string() === "Enabled",
            '"Enabled"',
            { owner: resource },
          );
        }
        continue;
      }
      const props = propsOf(bucket);
      const inline = [...props.get("versioning").blocks(), ...props.get("versionings").items()].map(
        (b) => b.get("enabled"),
      );
      const lock = lockEnabled(bucket);
      if (
        inline.some((p) => p.boolean() === true) ||
        lock.boolean() === true ||
        lock.string() === "Enabled"
      ) {
        continue;
      }
      const unknown = [...inline, props.get("versioning"), props.get("versionings"), lock].find(
        (p) => p.isUnknown,
      );
      const possible = settings.possiblyOf(bucket);
      if (unknown !== undefined) {
        findings.unknown(couldNotCheck(unknown, "turns versioning on", bucket));
      } else if (possible.length > 0) {
        findings.unknown(undeterminedNote(bucket, possible));
      } else {
        findings.violation(
          `${label(bucket)} has versioning off (no ${T.bucketVersioning} with status "Enabled", no versioning.enabled, no Object Lock), but must have it on.`,
          bucket.urn,
        );
      }
    }
  },
});
