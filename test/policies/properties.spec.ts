/**
 * Property-based: every policy, fed random and malformed property bags in the engine's wire form
 * (missing fields, wrong types, unknown values at any depth, secrets), reports violations or
 * passes, and never throws anything but the SDK's preview error.
 */
import * as assert from "node:assert/strict";
import * as fc from "fast-check";
import { allPolicies } from "../../policies/catalog";
import { T } from "../../policies/lib/types";
import {
  PolicyOutcome,
  ResourceFixture,
  runPolicy,
  secret,
  UNKNOWN,
  urnOf,
} from "../helpers/policy-harness";
import { fileConfig, PROD_STACK } from "./fixtures";

const KEYS = [
  "rules",
  "lifecycle",
  "deleteAfter",
  "coldStorageAfter",
  "schedule",
  "enableContinuousBackup",
  "copyActions",
  "destinationVaultArn",
  "targetVaultName",
  "tags",
  "tagsAll",
  "backup-tier",
  "backup-exempt-reason",
  "backup-role",
  "region",
  "name",
  "bucket",
  "arn",
  "resources",
  "notResources",
  "selectionTags",
  "conditions",
  "stringEquals",
  "stringLikes",
  "stringNotEquals",
  "stringNotLikes",
  "key",
  "value",
  "type",
  "backupVaultName",
  "minRetentionDays",
  "maxRetentionDays",
  "changeableForDays",
  "policy",
  "Statement",
  "Effect",
  "Principal",
  "Action",
  "NotAction",
  "Condition",
  "objectLockEnabled",
  "objectLockConfiguration",
  "rule",
  "defaultRetention",
  "defaultRetentions",
  "mode",
  "days",
  "years",
  "versioning",
  "versionings",
  "enabled",
  "versioningConfiguration",
  "status",
  "lifecycleRules",
  "expiration",
  "expirations",
  "noncurrentVersionExpiration",
  "noncurrentVersionExpirations",
  "noncurrentDays",
  "date",
  "serverSideEncryptionConfiguration",
  "serverSideEncryptionConfigurations",
  "applyServerSideEncryptionByDefault",
  "applyServerSideEncryptionByDefaults",
  "sseAlgorithm",
  "kmsMasterKeyId",
  "bucketKeyEnabled",
  "blockPublicAcls",
  "blockPublicPolicy",
  "ignorePublicAcls",
  "restrictPublicBuckets",
  "vaultName",
  "completeLock",
  "backupRetentionPeriod",
  "pointInTimeRecovery",
  "kmsKeyArn",
  "encrypted",
  "kmsKeyId",
  "storageEncrypted",
  "serverSideEncryption",
  "kmsEncrypted",
  "kmsKey",
  "enableKeyRotation",
  "customerMasterKeySpec",
  "keyUsage",
  "customKeyStoreId",
  "encryptionMode",
  "requestMacsec",
  "forceDestroy",
  "preserveExistingData",
  "diskId",
  "controls",
  "reportSetting",
  "reportTemplate",
  "identifier",
  "gatewayArn",
  "allowedAccountIds",
  "defaultTags",
  "macsec-exempt-reason",
  "constructor",
  "toString",
];

const POLICY_JSON = JSON.stringify({
  Statement: [
    {
      Effect: "Deny",
      Principal: "*",
      Action: ["backup:DeleteRecoveryPoint", "glacier:DeleteArchive", "s3:*"],
      Condition: {
        NumericLessThan: { "glacier:ArchiveAgeInDays": "365" },
        Bool: { "aws:SecureTransport": "false" },
      },
    },
    { Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:*" },
  ],
});

const STRINGS = [
  "gold",
  "silver",
  "none",
  "archive",
  "Enabled",
  "Suspended",
  "Disabled",
  "COMPLIANCE",
  "GOVERNANCE",
  "aws:kms",
  "aws:kms:dsse",
  "AES256",
  "must_encrypt",
  "no_encrypt",
  "STRINGEQUALS",
  "SYMMETRIC_DEFAULT",
  "aws:ResourceTag/backup-tier",
  "alias/aws/sns",
  "alias/backup",
  "*",
  "main",
  "org-archive",
  "arn:aws:backup:us-west-2:222222222222:backup-vault:dr",
  "arn:aws:ec2:*:*:volume/*",
  "arn:aws:s3:::org-*",
  "cron(0 5 ? * * *)",
  "cron(0 */2 ? * MON-FRI *)",
  "cron(0 5 L * ? *)",
  "cron(0 5 ? * 2#3 *)",
  "cron(0 5 15W * ? *)",
  "cron(bad)",
  "cron(0 5 31 2 ? *)",
  "rate(1 day)",
  "Deny",
  "Allow",
  "365",
  "7",
  "true",
  "false",
  "",
  "  ",
  "2030-01-01T00:00:00Z",
  POLICY_JSON,
  "{not json",
  "[]",
  "us-east-1",
  UNKNOWN,
];

const TYPES = [
  ...new Set([
    ...Object.values(T),
    "aws:kms/alias:Alias",
    "aws:ec2/vpc:Vpc",
    "hybrid-backup:index:BackupVault",
  ]),
];

const leaf: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...STRINGS),
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -5, max: 40000 }),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.constant(null),
);

const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie("value"), { maxKeys: 6 }),
    tie("value").map((inner) => secret(inner)),
  ),
}));

const props = fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 10 });

const resource = (index: number): fc.Arbitrary<Omit<ResourceFixture, "propertyDependencies">> =>
  fc.record({
    type: fc.constantFrom(...TYPES),
    name: fc.constant(`r${index}`),
    props,
    protect: fc.boolean(),
    provider: fc.option(fc.record({ props }), { nil: undefined }),
  });

const stack: fc.Arbitrary<ResourceFixture[]> = fc
  .integer({ min: 0, max: 7 })
  .chain((size) => fc.tuple(...Array.from({ length: size }, (_, i) => resource(i))))
  .chain((resources) => {
    const urns = resources.map((r) => urnOf(r.type, r.name));
    const dependencies =
      urns.length === 0
        ? fc.constant({})
        : fc.dictionary(fc.constantFrom(...KEYS), fc.subarray(urns), { maxKeys: 3 });
    return fc
      .tuple(...resources.map(() => dependencies))
      .map((deps) => resources.map((r, i) => ({ ...r, propertyDependencies: deps[i] ?? {} })));
  });

function wellFormed(outcomes: readonly PolicyOutcome[]): void {
  for (const outcome of outcomes) {
    for (const violation of outcome.violations) {
      assert.equal(typeof violation.message, "string");
      assert.ok(violation.message.length > 0);
      assert.ok(violation.urn === undefined || violation.urn.startsWith("urn:pulumi:"));
    }
    for (const advisory of outcome.advisories) {
      assert.match(
        advisory,
        /^can't run policy '[a-z0-9-]+' from policy pack 'hybrid-backup-policies@v0\.1\.0' during preview: /,
      );
    }
  }
}

type Path = readonly (string | number)[];

/** The wire form's signature key: a change inside a secret makes a value the engine never sends. */
const SIG_KEY = "4dabf18193072939515e22adb298388d";

/** Every path inside a resource's properties, the root excluded (secrets are changed whole). */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== "object" || SIG_KEY in value) {
    return [];
  }
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((item, index) => [index, item])
    : Object.entries(value as Record<string, unknown>);
  return entries.flatMap(([key, item]) => [[...prefix, key], ...pathsOf(item, [...prefix, key])]);
}

type Mutation = "delete" | "unknown" | "secret" | "replace" | "wrap";

function mutate(root: unknown, at: Path, how: Mutation, replacement: unknown): unknown {
  const copy = structuredClone(root);
  const parentPath = at.slice(0, -1);
  const key = at[at.length - 1];
  let parent = copy as Record<string | number, unknown>;
  for (const step of parentPath) {
    parent = parent[step] as Record<string | number, unknown>;
  }
  if (key === undefined) {
    return copy;
  }
  const old = parent[key];
  if (how === "delete") {
    if (Array.isArray(parent)) {
      parent.splice(key as number, 1);
    } else {
      delete parent[key];
    }
  } else {
    parent[key] =
      how === "unknown"
        ? UNKNOWN
        : how === "secret"
          ? secret(old)
          : how === "wrap"
            ? [old]
            : replacement;
  }
  return copy;
}

/** The production-like stack with a few random changes deep inside its properties. */
const mutatedStack: fc.Arbitrary<ResourceFixture[]> = fc
  .array(
    fc.record({
      resource: fc.nat(),
      path: fc.nat(),
      how: fc.constantFrom<Mutation>("delete", "unknown", "secret", "replace", "wrap"),
      replacement: leaf,
    }),
    { minLength: 1, maxLength: 5 },
  )
  .map((mutations) => {
    const resources = PROD_STACK.map((resource) => ({
      ...resource,
      props: structuredClone(resource.props ?? {}),
    }));
    for (const mutation of mutations) {
      const target = resources[mutation.resource % resources.length];
      if (target === undefined) {
        continue;
      }
      const paths = pathsOf(target.props);
      const at = paths[mutation.path % Math.max(paths.length, 1)];
      if (at !== undefined) {
        target.props = mutate(target.props, at, mutation.how, mutation.replacement) as Record<
          string,
          unknown
        >;
      }
    }
    return resources;
  });

describe("policies: random and malformed inputs", () => {
  for (const policy of allPolicies) {
    it(`${policy.name} reports violations or passes on random stacks, and never throws`, async () => {
      await fc.assert(
        fc.asyncProperty(stack, fc.boolean(), async (resources, prod) => {
          wellFormed(
            await runPolicy(policy, resources, {
              config: prod ? fileConfig("prod.json", policy.name) : {},
            }),
          );
        }),
        { numRuns: 40 },
      );
    });

    it(`${policy.name} reports violations or passes on a mutated production stack, and never throws`, async () => {
      await fc.assert(
        fc.asyncProperty(mutatedStack, async (resources) => {
          wellFormed(
            await runPolicy(policy, resources, { config: fileConfig("prod.json", policy.name) }),
          );
        }),
        { numRuns: 40 },
      );
    });
  }
});
