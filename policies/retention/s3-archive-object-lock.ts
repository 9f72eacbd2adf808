import { objectLockRetentionProblem } from "../../core/aws-backup-limits";
import { classificationProperties, days, list } from "../lib/config";
import { undeterminedNote } from "../lib/joins";
import { inlineRetentions, lockEnabled, RetentionBlock } from "../lib/object-lock";
import { propsOf, stackPolicy } from "../lib/policy-kit";
import { couldNotCheck, either, expectProp, label, mustBe, show } from "../lib/report";
import { backupBuckets, BucketSettings } from "../lib/s3";
import { T } from "../lib/types";

export const s3ArchiveObjectLock = stackPolicy({
  name: "s3-archive-object-lock",
  description:
    "Buckets holding backups or archives have S3 Object Lock with an allowed mode and a default retention of at least the floor.",
  severity: "critical",
  remediationSteps:
    "Create the bucket with `objectLockEnabled: true` and add an aws.s3.BucketObjectLockConfiguration " +
    "whose `rule.defaultRetention` has an allowed `mode` (COMPLIANCE for production) and `days` (or " +
    "`years`) of at least the floor.",
  configSchema: {
    properties: {
      ...classificationProperties,
      minRetentionDays: days("Lowest allowed default retention of archive buckets, in days.", 365),
      allowedModes: {
        ...list("Allowed Object Lock modes.", ["COMPLIANCE", "GOVERNANCE"]),
        items: { type: "string", enum: ["COMPLIANCE", "GOVERNANCE"] },
        minItems: 1,
      },
    },
  },
  validate: ({ stack, config, findings, args }) => {
    const settings = BucketSettings.join(stack, "objectLock");
    const buckets = backupBuckets(stack, settings.buckets, config, findings, "archives");
    if (buckets.length === 0) {
      args.notApplicable("The stack has no bucket that shows it holds backups or archives.");
    }
    const floor = config.minRetentionDays;
    for (const bucket of buckets) {
      const enabled = lockEnabled(bucket);
      expectProp(
        findings,
        enabled,
        (p) => p.boolean() === true || p.string() === "Enabled",
        "true",
        {
          owner: bucket,
          expectation: "is true",
        },
      );
      const retentions: RetentionBlock[] = [...inlineRetentions(bucket)];
      for (const resource of settings.of(bucket)) {
        const rule = propsOf(resource).get("rule");
        retentions.push(
          ...rule
            .get("defaultRetention")
            .blocks()
            .map((block) => ({ owner: resource, block })),
        );
        const unknown = [rule, rule.get("defaultRetention")].find((p) => p.isUnknown);
        if (unknown !== undefined) {
          findings.unknown(
            couldNotCheck(unknown, `sets a default retention of at least ${floor} days`, resource),
          );
        }
      }
      if (retentions.length === 0) {
        const possible = settings.possiblyOf(bucket);
        if (possible.length > 0) {
          findings.unknown(undeterminedNote(bucket, possible));
        } else if (!settings.of(bucket).some((r) => propsOf(r).get("rule").isUnknown)) {
          findings.violation(
            `${label(bucket)} has no default Object Lock retention (neither objectLockConfiguration nor a ${T.bucketObjectLock}), but must retain objects at least ${floor} days.`,
            bucket.urn,
          );
        }
        continue;
      }
      for (const { owner, block } of retentions) {
        expectProp(
          findings,
          block.get("mode"),
          (p) => config.allowedModes.includes(p.string() ?? ""),
          either(config.allowedModes.map((m) => show(m))),
          { owner },
        );
        const daysProp = block.get("days");
        const yearsProp = block.get("years");
        const unknown = [daysProp, yearsProp].find((p) => p.isUnknown);
        if (unknown !== undefined) {
          findings.unknown(couldNotCheck(unknown, `is at least ${floor} days`, owner));
          continue;
        }
        const refusal = objectLockRetentionProblem(daysProp.number(), yearsProp.number());
        if (refusal !== undefined) {
          const at = refusal.field === "retention" ? block : block.get(refusal.field);
          findings.violation(`${label(owner)} [${at.path}] ${refusal.problem}`, owner.urn);
          continue;
        }
        const dayCount = daysProp.number() ?? (yearsProp.number() ?? 0) * 365;
        if (dayCount < floor) {
          const given = daysProp.isKnown ? daysProp : yearsProp.isKnown ? yearsProp : daysProp;
          findings.violation(
            mustBe(
              given,
              `a retention of at least ${floor} days${given === yearsProp ? ` (${dayCount} days given)` : ""}`,
              owner,
            ),
            owner.urn,
          );
        }
      }
    }
  },
});
