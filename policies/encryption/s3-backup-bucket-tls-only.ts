import { classificationProperties } from "../lib/config";
import { conditionValues, coversAction, isEveryone, readPolicyDocument } from "../lib/iam";
import { undeterminedNote } from "../lib/joins";
import { propsOf, stackPolicy } from "../lib/policy-kit";
import { couldNotCheck, label } from "../lib/report";
import { backupBuckets, BucketSettings } from "../lib/s3";

const REQUIRED_TLS_ACTIONS = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket"];

export const s3BackupBucketTlsOnly = stackPolicy({
  name: "s3-backup-bucket-tls-only",
  description:
    "Buckets holding backups or archives have a bucket policy denying every request made without TLS.",
  severity: "high",
  remediationSteps:
    'Add an aws.s3.BucketPolicy with `{"Effect": "Deny", "Principal": "*", "Action": "s3:*", ' +
    '"Resource": [<bucket ARN>, <bucket ARN>/*], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}`.',
  configSchema: { properties: { ...classificationProperties } },
  validate: ({ stack, config, findings, args }) => {
    const settings = BucketSettings.join(stack, "policy");
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
    const need = 'deny s3:* to every principal when aws:SecureTransport is "false"';
    for (const bucket of buckets) {
      const documents = [
        ...settings
          .of(bucket)
          .map((resource) => ({ owner: resource, prop: propsOf(resource).get("policy") })),
        { owner: bucket, prop: propsOf(bucket).get("policy") },
      ];
      let unknown = false;
      let found = false;
      for (const { owner, prop } of documents) {
        const document = readPolicyDocument(prop);
        if (document.kind === "unknown") {
          unknown = true;
          findings.unknown(couldNotCheck(prop, `has a statement that would ${need}`, owner));
        } else if (document.kind === "ok") {
          found ||= document.statements.some(
            (s) =>
              s.effect === "Deny" &&
              isEveryone(s.principal) &&
              REQUIRED_TLS_ACTIONS.every((action) => coversAction(s, action)) &&
              conditionValues(s, "Bool", "aws:SecureTransport").includes("false"),
          );
        } else if (document.kind === "invalid") {
          findings.violation(
            `${label(owner)} [policy] ${document.reason}, but must ${need}.`,
            owner.urn,
          );
        }
      }
      if (found || unknown) {
        continue;
      }
      const possible = settings.possiblyOf(bucket);
      if (possible.length > 0) {
        findings.unknown(undeterminedNote(bucket, possible));
        continue;
      }
      findings.violation(
        `${label(bucket)} has no bucket policy statement that would ${need}.`,
        bucket.urn,
      );
    }
  },
});
