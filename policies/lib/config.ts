/**
 * Configuration schema fragments shared by several policies, with the organization's defaults.
 * Each policy carries its own copy in its `configSchema`, as `pulumi policy` config is per policy.
 */
import type { ConfigOf, Field } from "./policy-kit";
import { STORE_OF_RECORD_TYPES } from "./types";
import { DEFAULT_TIER_TAG_KEY } from "../../core/backup-names";

export const tagKey = (description: string, value: string): Field<string> => ({
  type: "string",
  minLength: 1,
  maxLength: 128,
  description,
  default: value,
});

const stringList = (description: string, value: readonly string[]): Field<readonly string[]> => ({
  type: "array",
  items: { type: "string", minLength: 1 },
  uniqueItems: true,
  description,
  default: [...value],
});

export const DEFAULT_TIERS = ["gold", "silver", "bronze"] as const;

export const tierConventionProperties = {
  tierTagKey: tagKey("Tag key that names the backup tier of a resource.", DEFAULT_TIER_TAG_KEY),
  tiers: {
    ...stringList(
      "Backup tiers of the organization (allowed values of the tier tag).",
      DEFAULT_TIERS,
    ),
    minItems: 1,
  },
  exemptValue: tagKey("Tier tag value that exempts a resource from backup.", "none"),
  exemptReasonTagKey: tagKey(
    "Tag key saying why a resource is exempt; required when the tier is the exempt value.",
    "backup-exempt-reason",
  ),
};

export type TierConventionConfig = ConfigOf<typeof tierConventionProperties>;

export const storeTypesProperty = stringList(
  "Type tokens of the stores of record (besides buckets that hold backups or archives) that must carry a tier tag and be selected by a backup plan.",
  STORE_OF_RECORD_TYPES,
);

export const roleConventionProperties = {
  roleTagKey: tagKey("Tag key that marks buckets holding backups or archives.", "backup-role"),
  roleTagValues: {
    ...stringList("Values of the role tag that mark a bucket as holding backups or archives.", [
      "archive",
    ]),
    minItems: 1,
  },
};

export type RoleConventionConfig = ConfigOf<typeof roleConventionProperties>;

/** What tells that a bucket holds backups or archives (see `lib/s3.ts`). */
export const classificationProperties = {
  ...roleConventionProperties,
  tierTagKey: tierConventionProperties.tierTagKey,
  exemptValue: tierConventionProperties.exemptValue,
};

export type ClassificationConfig = ConfigOf<typeof classificationProperties>;

/** `{ gold: 35, silver: 14, bronze: 7 }`-style maps from tier to a number of days or hours. */
export const perTier = (
  description: string,
  value: Readonly<Record<string, number>>,
  maximum: number,
): Field<Readonly<Record<string, number>>> => ({
  type: "object",
  additionalProperties: { type: "integer", minimum: 1, maximum },
  description,
  default: { ...value },
});

export const days = (description: string, value: number, maximum = 36500): Field<number> => ({
  type: "integer",
  minimum: 1,
  maximum,
  description,
  default: value,
});

export const flag = (description: string, value: boolean): Field<boolean> => ({
  type: "boolean",
  description,
  default: value,
});

export const list = stringList;

export const text = (description: string, value: string): Field<string> => ({
  type: "string",
  description,
  default: value,
});

export const RETENTION_FLOOR_DAYS: Readonly<Record<string, number>> = {
  gold: 35,
  silver: 14,
  bronze: 7,
};

export const MAX_INTERVAL_HOURS: Readonly<Record<string, number>> = {
  gold: 12,
  silver: 24,
  bronze: 168,
};
