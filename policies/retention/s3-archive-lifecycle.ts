import { PolicyResource } from "@pulumi/policy";
import { classificationProperties, days, flag } from "../lib/config";
import { lockCovers } from "../lib/object-lock";
import { propsOf, stackPolicy } from "../lib/policy-kit";
import { couldNotCheck, label, mustBe, stateOf } from "../lib/report";
import { backupBuckets, BucketSettings } from "../lib/s3";
import { Prop } from "../lib/values";

export const s3ArchiveLifecycle = stackPolicy({
  name: "s3-archive-lifecycle",
  description:
    "Lifecycle rules of buckets holding backups or archives never delete objects (current or noncurrent versions) before the floor, unless Object Lock already keeps every version that long.",
  severity: "high",
  remediationSteps:
    "Raise `expiration.days` and `noncurrentVersionExpiration.noncurrentDays` of every enabled " +
    "lifecycle rule of the bucket to at least the floor, and expire by days rather than on a date.",
  configSchema: {
    properties: {
      ...classificationProperties,
      minRetentionDays: days("Shortest allowed expiration of archive objects, in days.", 365),
      creditObjectLock: flag(
        "Whether a default Object Lock retention of at least the floor satisfies the policy (lifecycle cannot delete locked versions).",
        true,
      ),
    },
  },
  validate: ({ stack, config, findings, args }) => {
    const settings = BucketSettings.join(stack, "lifecycle");
    const locks = BucketSettings.join(stack, "objectLock");
    const buckets = backupBuckets(stack, settings.buckets, config, findings, "archives");
    if (buckets.length === 0) {
      args.notApplicable("The stack has no bucket that shows it holds backups or archives.");
    }
    const floor = config.minRetentionDays;
    const need = `at least ${floor} days`;
    for (const bucket of buckets) {
      const props = propsOf(bucket);
      const checks: { owner: PolicyResource; rule: Prop; enabled: Prop; expiries: Prop[] }[] = [];
      for (const rule of props.get("lifecycleRules").items()) {
        checks.push({
          owner: bucket,
          rule,
          enabled: rule.get("enabled"),
          expiries: [
            ...rule.get("expiration").blocks(),
            ...rule.get("expirations").items(),
            ...rule.get("noncurrentVersionExpiration").blocks(),
            ...rule.get("noncurrentVersionExpirations").items(),
          ],
        });
      }
      for (const resource of settings.of(bucket)) {
        const rules = propsOf(resource).get("rules");
        if (rules.isUnknown) {
          findings.unknown(
            couldNotCheck(rules, `expire objects no sooner than ${floor} days`, resource),
          );
        }
        for (const rule of rules.items()) {
          const status = rule.get("status");
          checks.push({
            owner: resource,
            rule,
            enabled: status.isKnown
              ? Prop.known(status.path, status.string() === "Enabled")
              : status,
            expiries: [
              ...rule.get("expiration").blocks(),
              ...rule.get("noncurrentVersionExpiration").blocks(),
            ],
          });
        }
      }
      const covered = config.creditObjectLock ? lockCovers(bucket, locks, floor) : false;
      if (covered === true) {
        continue;
      }
      // Violations wait until it is clear whether an Object Lock of unknown length covers them.
      const early: { message: string; urn: string }[] = [];
      for (const { owner, rule, enabled, expiries } of checks) {
        if (enabled.isKnown && enabled.boolean() !== true) {
          continue;
        }
        for (const expiry of expiries) {
          for (const key of ["days", "noncurrentDays"]) {
            const value = expiry.get(key);
            if (value.isAbsent) {
              continue;
            }
            if (value.isUnknown || enabled.isUnknown) {
              findings.unknown(
                couldNotCheck(
                  value.isUnknown ? value : enabled,
                  `expires objects no sooner than ${floor} days`,
                  owner,
                ),
              );
              continue;
            }
            if ((value.number() ?? -Infinity) < floor) {
              early.push({ message: mustBe(value, need, owner), urn: owner.urn });
            }
          }
          const date = expiry.get("date");
          if (date.isKnown) {
            early.push({
              message: `${label(owner)} [${date.path}] ${stateOf(date)}, but archive objects must expire by age (${need}), not on a date.`,
              urn: owner.urn,
            });
          }
        }
        if (rule.isUnknown) {
          findings.unknown(
            couldNotCheck(rule, `expires objects no sooner than ${floor} days`, owner),
          );
        }
      }
      if (early.length > 0 && covered === "unknown") {
        findings.unknown(
          `could not check that ${label(bucket)} keeps objects at least ${floor} days, because its lifecycle expires them sooner and its Object Lock default retention is unknown during preview.`,
        );
      } else {
        early.forEach(({ message, urn }) => findings.violation(message, urn));
      }
    }
  },
});
