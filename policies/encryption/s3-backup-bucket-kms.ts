import { PolicyResource } from "@pulumi/policy";
import { classificationProperties } from "../lib/config";
import { undeterminedNote } from "../lib/joins";
import { allowedKeysProperty, checkCustomerKey } from "../lib/kms";
import { propsOf, stackPolicy } from "../lib/policy-kit";
import { couldNotCheck, either, expectProp, label, mustBe, show } from "../lib/report";
import { backupBuckets, BucketSettings } from "../lib/s3";
import { T } from "../lib/types";
import { Prop } from "../lib/values";

const KMS_ALGORITHMS = ["aws:kms", "aws:kms:dsse"];

export const s3BackupBucketKms = stackPolicy({
  name: "s3-backup-bucket-kms",
  description:
    "Buckets holding backups or archives encrypt by default with aws:kms, a customer-managed key and an S3 Bucket Key.",
  severity: "high",
  remediationSteps:
    "Add an aws.s3.BucketServerSideEncryptionConfiguration whose rule sets " +
    '`applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: <key> }` and ' +
    "`bucketKeyEnabled: true`.",
  configSchema: {
    properties: { ...classificationProperties, allowedKmsKeys: allowedKeysProperty },
  },
  validate: ({ stack, config, findings, args }) => {
    const settings = BucketSettings.join(stack, "encryption");
    const buckets = backupBuckets(stack, settings.buckets, config, findings, "not-log-targets");
    if (buckets.length === 0) {
      args.notApplicable("The stack has no bucket that shows it holds backups or archives.");
    }
    for (const bucket of buckets) {
      const rules: { owner: PolicyResource; rule: Prop }[] = [];
      for (const resource of settings.of(bucket)) {
        const list = propsOf(resource).get("rules");
        if (list.isUnknown) {
          findings.unknown(couldNotCheck(list, "encrypt with aws:kms", resource));
        }
        list.items().forEach((rule) => rules.push({ owner: resource, rule }));
      }
      if (settings.of(bucket).length === 0) {
        const props = propsOf(bucket);
        const inline = [
          ...props.get("serverSideEncryptionConfiguration").blocks(),
          ...props.get("serverSideEncryptionConfigurations").items(),
        ];
        for (const block of inline) {
          [...block.get("rule").blocks(), ...block.get("rules").items()].forEach((rule) =>
            rules.push({ owner: bucket, rule }),
          );
        }
      }
      if (rules.length === 0) {
        const possible = settings.possiblyOf(bucket);
        if (possible.length > 0) {
          findings.unknown(undeterminedNote(bucket, possible));
        } else if (!settings.of(bucket).some((r) => propsOf(r).get("rules").isUnknown)) {
          findings.violation(
            `${label(bucket)} has no default encryption (neither serverSideEncryptionConfiguration nor a ${T.bucketSse}), but must encrypt with aws:kms and a customer-managed key.`,
            bucket.urn,
          );
        }
        continue;
      }
      for (const { owner, rule } of rules) {
        const byDefault = [
          ...rule.get("applyServerSideEncryptionByDefault").blocks(),
          ...rule.get("applyServerSideEncryptionByDefaults").items(),
        ];
        if (byDefault.length === 0) {
          const setting = rule.get("applyServerSideEncryptionByDefault");
          const requirement = '{ sseAlgorithm: "aws:kms", kmsMasterKeyId: <key> }';
          if (setting.isUnknown) {
            findings.unknown(couldNotCheck(setting, `is ${requirement}`, owner));
          } else {
            findings.violation(mustBe(setting, requirement, owner), owner.urn);
          }
          continue;
        }
        for (const setting of byDefault) {
          expectProp(
            findings,
            setting.get("sseAlgorithm"),
            (p) => KMS_ALGORITHMS.includes(p.string() ?? ""),
            either(KMS_ALGORITHMS.map((a) => show(a))),
            { owner },
          );
          checkCustomerKey(findings, setting.get("kmsMasterKeyId"), config.allowedKmsKeys, {
            stack,
            owner,
            named: true,
          });
        }
        // S3 Bucket Keys apply to SSE-KMS only (not to dual-layer DSSE-KMS).
        if (byDefault.some((setting) => setting.get("sseAlgorithm").string() === "aws:kms")) {
          expectProp(findings, rule.get("bucketKeyEnabled"), (p) => p.boolean() === true, "true", {
            owner,
          });
        }
      }
    }
  },
});
