import { PolicyResource } from "@pulumi/policy";
import { classificationProperties, storeTypesProperty } from "../lib/config";
import { propsOf, stackPolicy } from "../lib/policy-kit";
import { label } from "../lib/report";
import { storesOfRecord } from "../lib/stores";
import { requiredTierProperties } from "../lib/required-tiers";
import { tierOf } from "../lib/tier-checks";
import { T } from "../lib/types";

/**
 * The AWS Backup resource type (`protectedResourceType`) of each store of record restore testing
 * supports (Storage Gateway volumes are not among them).
 */
const PROTECTED_TYPES: Readonly<Record<string, string>> = {
  [T.ebsVolume]: "EBS",
  [T.rdsInstance]: "RDS",
  [T.rdsCluster]: "Aurora",
  [T.dynamodbTable]: "DynamoDB",
  [T.efsFileSystem]: "EFS",
  [T.fsxWindows]: "FSx",
  [T.fsxLustre]: "FSx",
  [T.fsxOntap]: "FSx",
  [T.fsxOpenZfs]: "FSx",
  [T.docdbCluster]: "DocumentDB",
  [T.neptuneCluster]: "Neptune",
  [T.bucket]: "S3",
  [T.bucketV2]: "S3",
};

const SELECTION = "aws:backup/restoreTestingSelection:RestoreTestingSelection";

/**
 * Stores of the tiers that require it are covered by restore testing: for each AWS Backup
 * resource type among them, a restore testing selection of the stack tests that type.
 */
export const restoreTestingCoverage = stackPolicy({
  name: "restore-testing-coverage",
  description:
    "For every resource type among the stores of record of the tiers that require it, a restore testing selection (`aws.backup.RestoreTestingSelection`) of the stack tests that type.",
  severity: "medium",
  enforcementLevel: "advisory",
  remediationSteps:
    "Add an aws.backup.RestoreTestingPlan and, per resource type, an aws.backup.RestoreTestingSelection " +
    "with that `protectedResourceType` selecting the tier's resources (for example by tag).",
  configSchema: {
    properties: {
      ...requiredTierProperties,
      ...classificationProperties,
      exemptReasonTagKey: {
        type: "string",
        minLength: 1,
        description: "Tag key saying why a resource is exempt (read with the tier tag).",
        default: "backup-exempt-reason",
      },
      storeTypes: storeTypesProperty,
    },
  },
  validate: ({ stack, config, findings, args }) => {
    const convention = { ...config, tiers: config.requiredTiers };
    const stores = storesOfRecord(stack, config, findings).filter((store) => {
      const tier = tierOf(store, convention);
      return tier.kind === "tier";
    });
    if (stores.length === 0) {
      args.notApplicable(
        "No store of record of the stack serves a tier that requires restore tests.",
      );
    }
    const tested = new Set<string>();
    let unknown = false;
    for (const selection of stack.ofType(SELECTION)) {
      const type = propsOf(selection).get("protectedResourceType");
      if (type.isUnknown) unknown = true;
      const text = type.string();
      if (text !== undefined) tested.add(text);
    }
    const byType = new Map<string, PolicyResource[]>();
    for (const store of stores) {
      const type = PROTECTED_TYPES[store.type];
      if (type === undefined || tested.has(type)) continue;
      byType.set(type, [...(byType.get(type) ?? []), store]);
    }
    if (unknown) return;
    for (const [type, list] of byType) {
      const first = list[0];
      findings.violation(
        `No ${SELECTION} of the stack tests the resource type ${JSON.stringify(type)}, which ${list.map((store) => label(store)).join(", ")} ${list.length === 1 ? "is" : "are"} of.`,
        first?.urn,
      );
    }
  },
});
