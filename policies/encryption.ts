/**
 * Encryption: customer-managed KMS keys for vaults, topics, buckets and data stores; key rotation
 * and key policies; TLS-only, non-public backup buckets; MACsec on Direct Connect.
 */
import { PolicyResource } from "@pulumi/policy";
import { isAwsManagedKeyAlias } from "./lib/arn";
import { list, roleConventionProperties, RoleConventionConfig, text } from "./lib/config";
import {
  conditionValues,
  coversAction,
  isEveryone,
  readPolicyDocument,
  statementName,
} from "./lib/iam";
import { globMatches } from "./lib/glob";
import { undeterminedNote } from "./lib/joins";
import { propsOf, resourcePolicy, stackPolicy } from "./lib/policy-kit";
import { couldNotCheck, either, expectProp, Findings, label, mustBe, show } from "./lib/report";
import { backupBuckets, BucketSettings } from "./lib/s3";
import { TagView } from "./lib/tags";
import { T } from "./lib/types";
import { Prop } from "./lib/values";

export interface KeyListConfig {
  readonly allowedKmsKeys: readonly string[];
}

const allowedKeysProperty = list(
  "KMS keys (ARNs, key ids, alias names or ARNs; `*` wildcards) allowed; empty allows any customer-managed key.",
  [],
);

/**
 * Checks that a KMS key reference names a customer-managed key, and one from the allow-list when
 * the list is not empty. `owner` is the resource the key belongs to, in stack policies.
 */
function checkCustomerKey(
  findings: Findings,
  key: Prop,
  allowed: readonly string[],
  owner?: PolicyResource,
): void {
  const need = "a customer-managed KMS key";
  if (key.isUnknown) {
    findings.unknown(couldNotCheck(key, `names ${need}`, owner));
    return;
  }
  const reference = key.nonBlankString();
  if (reference === undefined) {
    findings.violation(mustBe(key, need, owner), owner?.urn);
    return;
  }
  if (isAwsManagedKeyAlias(reference)) {
    findings.violation(mustBe(key, `${need}, not an AWS-managed key`, owner), owner?.urn);
    return;
  }
  if (allowed.length > 0 && !allowed.some((pattern) => globMatches(pattern, reference))) {
    findings.violation(
      mustBe(key, `one of the allowed keys ${either(allowed.map((a) => show(a)))}`, owner),
      owner?.urn,
    );
  }
}

export const backupVaultCmk = resourcePolicy<KeyListConfig>({
  name: "backup-vault-cmk",
  description: "Backup vaults encrypt recovery points with a customer-managed KMS key.",
  severity: "high",
  remediationSteps:
    "Set `kmsKeyArn` of the vault to a customer-managed key (with rotation), from the allow-list when " +
    "one is configured. The AWS-managed key aws/backup cannot be shared for cross-account copies.",
  configSchema: { properties: { allowedKmsKeys: allowedKeysProperty } },
  resourceTypes: [T.backupVault],
  validate: ({ props, config, findings }) => {
    checkCustomerKey(findings, props.get("kmsKeyArn"), config.allowedKmsKeys);
  },
});

export const snsTopicKms = resourcePolicy<Record<string, never>>({
  name: "sns-topic-kms",
  description: "SNS topics (backup notifications) are encrypted with a customer-managed KMS key.",
  severity: "medium",
  remediationSteps:
    "Set `kmsMasterKeyId` of the topic to a customer-managed key whose policy lets AWS Backup " +
    "(backup.amazonaws.com) use it; alias/aws/sns does not allow that.",
  configSchema: { properties: {} },
  resourceTypes: [T.snsTopic],
  validate: ({ props, findings }) => {
    checkCustomerKey(findings, props.get("kmsMasterKeyId"), []);
  },
});

interface DataStoreKeys {
  readonly flag: readonly string[];
  readonly key: readonly string[];
}

/** Where each data store says it is encrypted and with which key. */
const DATA_STORES: Readonly<Record<string, DataStoreKeys>> = {
  [T.ebsVolume]: { flag: ["encrypted"], key: ["kmsKeyId"] },
  [T.rdsInstance]: { flag: ["storageEncrypted"], key: ["kmsKeyId"] },
  [T.rdsCluster]: { flag: ["storageEncrypted"], key: ["kmsKeyId"] },
  [T.efsFileSystem]: { flag: ["encrypted"], key: ["kmsKeyId"] },
  [T.dynamodbTable]: {
    flag: ["serverSideEncryption", "enabled"],
    key: ["serverSideEncryption", "kmsKeyArn"],
  },
  [T.storedIscsiVolume]: { flag: ["kmsEncrypted"], key: ["kmsKey"] },
};

export const storageEncryptedWithCmk = resourcePolicy<KeyListConfig>({
  name: "storage-encrypted-with-cmk",
  description:
    "EBS volumes, RDS instances and clusters, EFS file systems, DynamoDB tables and stored iSCSI volumes are encrypted with a customer-managed KMS key.",
  severity: "high",
  remediationSteps:
    "Turn encryption on (`encrypted`, `storageEncrypted`, `serverSideEncryption.enabled`, " +
    "`kmsEncrypted`) and name a customer-managed key (`kmsKeyId`, `serverSideEncryption.kmsKeyArn`, " +
    "`kmsKey`). Encryption cannot be added to an existing volume or instance: it means a replacement.",
  configSchema: { properties: { allowedKmsKeys: allowedKeysProperty } },
  resourceTypes: Object.keys(DATA_STORES),
  validate: ({ props, args, config, findings }) => {
    const spec = DATA_STORES[args.type];
    if (spec === undefined) {
      return;
    }
    expectProp(findings, props.dig(...spec.flag), (p) => p.boolean() === true, "true");
    checkCustomerKey(findings, props.dig(...spec.key), config.allowedKmsKeys);
  },
});

export const kmsKeyRotation = resourcePolicy<Record<string, never>>({
  name: "kms-key-rotation",
  description: "Symmetric customer-managed KMS keys rotate their key material automatically.",
  severity: "medium",
  remediationSteps: "Set `enableKeyRotation: true` on the key.",
  configSchema: { properties: {} },
  resourceTypes: [T.kmsKey],
  validate: ({ props, findings, args }) => {
    const spec = props.get("customerMasterKeySpec");
    const usage = props.get("keyUsage");
    const external = [props.get("customKeyStoreId"), props.get("xksKeyId")];
    if (external.some((p) => p.nonBlankString() !== undefined)) {
      args.notApplicable("Keys in a custom key store do not rotate automatically.");
    }
    const symmetric =
      (spec.isAbsent || spec.string() === "SYMMETRIC_DEFAULT") &&
      (usage.isAbsent || usage.string() === "ENCRYPT_DECRYPT");
    if (spec.isKnown && usage.isKnown && !symmetric) {
      args.notApplicable("Only symmetric encryption keys rotate automatically.");
    }
    const rotation = props.get("enableKeyRotation");
    const unknown = [spec, usage, ...external].find((p) => p.isUnknown);
    if (unknown !== undefined && rotation.boolean() !== true) {
      findings.unknown(couldNotCheck(unknown, "makes the key one that rotates"));
      return;
    }
    if (!symmetric) {
      return;
    }
    expectProp(findings, rotation, (p) => p.boolean() === true, "true");
  },
});

export const kmsKeyNoPublicPrincipal = resourcePolicy<Record<string, never>>({
  name: "kms-key-no-public-principal",
  description: 'KMS key policies never allow every principal ("*") without a condition.',
  severity: "critical",
  remediationSteps:
    "Name the principals (account root, roles, service principals) in each Allow statement, or add " +
    'a Condition (for example aws:PrincipalOrgID or kms:CallerAccount) to a statement allowing "*".',
  configSchema: { properties: {} },
  resourceTypes: [T.kmsKey],
  validate: ({ props, findings }) => {
    const prop = props.get("policy");
    const document = readPolicyDocument(prop);
    if (document.kind === "unknown") {
      findings.unknown(couldNotCheck(prop, 'allows "*" only under a condition'));
      return;
    }
    if (document.kind === "invalid") {
      findings.violation(`[policy] ${document.reason}, but must be a key policy document.`);
      return;
    }
    if (document.kind === "absent") {
      return; // The default key policy grants the account only.
    }
    for (const statement of document.statements) {
      if (
        statement.effect === "Allow" &&
        isEveryone(statement.principal) &&
        !statement.hasCondition
      ) {
        findings.violation(
          `[policy] ${statementName(statement)} allows every principal ("*") without a Condition, but must name principals or add a Condition.`,
        );
      }
    }
  },
});

// ---------------------------------------------------------------------------------------------
// Backup buckets

export type BackupBucketConfig = RoleConventionConfig;

export interface BucketKmsConfig extends RoleConventionConfig, KeyListConfig {}

const KMS_ALGORITHMS = ["aws:kms", "aws:kms:dsse"];

export const s3BackupBucketKms = stackPolicy<BucketKmsConfig>({
  name: "s3-backup-bucket-kms",
  description:
    "Buckets holding backups or archives encrypt by default with aws:kms, a customer-managed key and an S3 Bucket Key.",
  severity: "high",
  remediationSteps:
    "Add an aws.s3.BucketServerSideEncryptionConfiguration whose rule sets " +
    '`applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: <key> }` and ' +
    "`bucketKeyEnabled: true`.",
  configSchema: {
    properties: { ...roleConventionProperties, allowedKmsKeys: allowedKeysProperty },
  },
  validate: ({ stack, config, findings, args }) => {
    const settings = BucketSettings.join(stack, "encryption");
    const buckets = backupBuckets(settings.buckets, config, findings);
    if (buckets.length === 0) {
      args.notApplicable("The stack has no bucket tagged as holding backups or archives.");
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
          checkCustomerKey(findings, setting.get("kmsMasterKeyId"), config.allowedKmsKeys, owner);
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

const REQUIRED_TLS_ACTIONS = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket"];

export const s3BackupBucketTlsOnly = stackPolicy<BackupBucketConfig>({
  name: "s3-backup-bucket-tls-only",
  description:
    "Buckets holding backups or archives have a bucket policy denying every request made without TLS.",
  severity: "high",
  remediationSteps:
    'Add an aws.s3.BucketPolicy with `{"Effect": "Deny", "Principal": "*", "Action": "s3:*", ' +
    '"Resource": [<bucket ARN>, <bucket ARN>/*], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}`.',
  configSchema: { properties: { ...roleConventionProperties } },
  validate: ({ stack, config, findings, args }) => {
    const settings = BucketSettings.join(stack, "policy");
    const buckets = backupBuckets(settings.buckets, config, findings);
    if (buckets.length === 0) {
      args.notApplicable("The stack has no bucket tagged as holding backups or archives.");
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

const PUBLIC_ACCESS_FLAGS = [
  "blockPublicAcls",
  "blockPublicPolicy",
  "ignorePublicAcls",
  "restrictPublicBuckets",
];

export const s3BackupBucketPublicAccessBlock = stackPolicy<BackupBucketConfig>({
  name: "s3-backup-bucket-public-access-block",
  description:
    "Buckets holding backups or archives have a public access block with all four flags on.",
  severity: "critical",
  remediationSteps:
    "Add an aws.s3.BucketPublicAccessBlock for the bucket with `blockPublicAcls`, `blockPublicPolicy`, " +
    "`ignorePublicAcls` and `restrictPublicBuckets` all true.",
  configSchema: { properties: { ...roleConventionProperties } },
  validate: ({ stack, config, findings, args }) => {
    const settings = BucketSettings.join(stack, "publicAccessBlock");
    const buckets = backupBuckets(settings.buckets, config, findings);
    if (buckets.length === 0) {
      args.notApplicable("The stack has no bucket tagged as holding backups or archives.");
    }
    for (const bucket of buckets) {
      const blocks = settings.of(bucket);
      if (blocks.length === 0) {
        const possible = settings.possiblyOf(bucket);
        if (possible.length > 0) {
          findings.unknown(undeterminedNote(bucket, possible));
        } else {
          findings.violation(
            `${label(bucket)} has no ${T.bucketPublicAccessBlock}, but must have one with all four flags true.`,
            bucket.urn,
          );
        }
        continue;
      }
      for (const block of blocks) {
        const props = propsOf(block);
        for (const key of PUBLIC_ACCESS_FLAGS) {
          expectProp(findings, props.get(key), (p) => p.boolean() === true, "true", {
            owner: block,
          });
        }
      }
    }
  },
});

// ---------------------------------------------------------------------------------------------
// directconnect-macsec

export interface MacsecConfig {
  readonly exemptTagKey: string;
  readonly exemptConnectionNames: readonly string[];
}

export const directconnectMacsec = resourcePolicy<MacsecConfig>({
  name: "directconnect-macsec",
  description:
    "Direct Connect connections require MACsec (must_encrypt), unless declared exempt (for example VPN over Direct Connect).",
  severity: "high",
  remediationSteps:
    'Set `requestMacsec: true` and, once the connection is available, `encryptionMode: "must_encrypt"`. ' +
    "Hosted connections cannot use MACsec: tag them with the exemption key (default " +
    '"macsec-exempt-reason") saying how traffic is protected, or list their names in `exemptConnectionNames`.',
  configSchema: {
    properties: {
      exemptTagKey: text(
        "Tag whose non-blank value exempts a connection and says why.",
        "macsec-exempt-reason",
      ),
      exemptConnectionNames: list(
        "Connections exempt from MACsec, by resource name or `name` input.",
        [],
      ),
    },
  },
  resourceTypes: [T.dxConnection],
  validate: ({ props, providerProps, config, findings, args }) => {
    const name = props.get("name").string();
    if (config.exemptConnectionNames.some((exempt) => exempt === args.name || exempt === name)) {
      return;
    }
    const reason = TagView.of(props, providerProps).get(config.exemptTagKey);
    if (reason.nonBlankString() !== undefined) {
      return;
    }
    const pending: string[] = [];
    const collector = new Findings((message) => pending.push(message));
    expectProp(
      collector,
      props.get("encryptionMode"),
      (p) => p.string() === "must_encrypt",
      '"must_encrypt"',
    );
    expectProp(collector, props.get("requestMacsec"), (p) => p.boolean() === true, "true");
    if (reason.isUnknown && pending.length > 0) {
      findings.unknown(couldNotCheck(reason, "exempts the connection from MACsec"));
    } else {
      pending.forEach((message) => findings.violation(message));
    }
    collector.notes.forEach((note) => findings.unknown(note));
  },
});

export const encryptionPolicies = [
  backupVaultCmk,
  snsTopicKms,
  s3BackupBucketKms,
  storageEncryptedWithCmk,
  kmsKeyRotation,
  kmsKeyNoPublicPrincipal,
  s3BackupBucketTlsOnly,
  s3BackupBucketPublicAccessBlock,
  directconnectMacsec,
];
