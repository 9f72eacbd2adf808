/**
 * A recorded stack as the gate hands it to policy packs: components of a vault, a plan, a
 * selection, a bucket and a volume each, with unknowns, secrets and dependencies as in a preview.
 */
import { SECRET_SIG, SIG_KEY, UNKNOWN_SENTINEL, type RecordedResource } from "../../preview/types";

const PREFIX = "urn:pulumi:bench::hybrid-backup::";
const STACK_URN = `${PREFIX}pulumi:pulumi:Stack::hybrid-backup-bench`;
const COMPONENT = "hybrid-backup:index:BackupVault";
const PROVIDER_URN = `${PREFIX}pulumi:providers:aws::primary`;
const TIERS = ["gold", "silver", "bronze", "none"] as const;

function base(urn: string, type: string, name: string, custom: boolean): RecordedResource {
  return {
    urn,
    type,
    name,
    custom,
    parent: STACK_URN,
    inputs: {},
    protect: false,
    retainOnDelete: false,
    dependencies: [],
    propertyDependencies: {},
  };
}

function tagsFor(index: number): Record<string, string> {
  const tier = TIERS[index % TIERS.length] ?? "gold";
  return {
    "backup-tier": tier,
    ...(tier === "none" ? { "backup-exempt-reason": "scratch data rebuilt nightly" } : {}),
    owner: `team-${index % 7}`,
    environment: index % 3 === 0 ? "production" : "staging",
  };
}

/** One component per group with a vault, plan, selection, bucket and volume inside it. */
function group(index: number): RecordedResource[] {
  const name = `site-${index}`;
  const componentUrn = `${PREFIX}${COMPONENT}::${name}`;
  const child = (type: string, suffix: string): RecordedResource => ({
    ...base(`${PREFIX}${COMPONENT}$${type}::${name}-${suffix}`, type, `${name}-${suffix}`, true),
    parent: componentUrn,
    provider: `${PROVIDER_URN}::${UNKNOWN_SENTINEL}`,
  });
  const tags = tagsFor(index);
  const vault = child("aws:backup/vault:Vault", "vault");
  const plan = child("aws:backup/plan:Plan", "plan");
  const selection = child("aws:backup/selection:Selection", "selection");
  const bucket = child("aws:s3/bucket:Bucket", "bucket");
  const volume = child("aws:ebs/volume:Volume", "volume");
  return [
    { ...base(componentUrn, COMPONENT, name, false), inputs: { tier: tags["backup-tier"] } },
    { ...vault, inputs: { name: `${name}-vault`, kmsKeyArn: UNKNOWN_SENTINEL, tags } },
    {
      ...plan,
      inputs: {
        name: `${name}-plan`,
        rules: [
          {
            ruleName: "daily",
            targetVaultName: UNKNOWN_SENTINEL,
            schedule: "cron(0 5 ? * * *)",
            lifecycle: { coldStorageAfter: 30, deleteAfter: 120 + (index % 5) * 30 },
          },
        ],
        tags,
      },
      dependencies: [vault.urn],
      propertyDependencies: { rules: [vault.urn] },
    },
    {
      ...selection,
      inputs: {
        name: `${name}-selection`,
        planId: UNKNOWN_SENTINEL,
        iamRoleArn: UNKNOWN_SENTINEL,
        selectionTags: [{ type: "STRINGEQUALS", key: "backup-tier", value: tags["backup-tier"] }],
      },
      dependencies: [plan.urn],
      propertyDependencies: { planId: [plan.urn] },
    },
    {
      ...bucket,
      inputs: { bucket: `${name}-archive`, forceDestroy: index % 11 === 0, tags },
    },
    {
      ...volume,
      inputs: {
        availabilityZone: "us-east-1a",
        size: 100 + (index % 4) * 100,
        type: "gp3",
        encrypted: index % 13 !== 0,
        kmsKeyId: {
          [SIG_KEY]: SECRET_SIG,
          value: `arn:aws:kms:us-east-1:111111111111:key/${index}`,
        },
        tags,
      },
    },
  ];
}

/** A recorded stack of `count` resources: a stack, a provider, then groups of six. */
export function syntheticStack(count: number): RecordedResource[] {
  const resources: RecordedResource[] = [
    { ...base(STACK_URN, "pulumi:pulumi:Stack", "hybrid-backup-bench", false), parent: undefined },
    {
      ...base(PROVIDER_URN, "pulumi:providers:aws", "primary", true),
      inputs: { region: "us-east-1" },
    },
  ];
  for (let index = 0; resources.length < count; index++) resources.push(...group(index));
  return resources.slice(0, count);
}
