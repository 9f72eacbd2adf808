/**
 * The `hybrid-backup:sites` section: the on-premises sites whose primary data is backed up to AWS
 * through stored volume gateways. Keys mirror the arguments of the StoredVolumeGateway component;
 * the section's check builds those arguments and runs the component's validator on them, so every
 * problem is reported under its YAML path (`hybrid-backup:sites[0].volumes[3].targetName`).
 */
import {
  TIER_NAME,
  BackupResourceType,
  tierFloors,
  DISK_ID,
  DISK_PATH,
  GATEWAY_TIMEZONE,
  MIN_DOWNLOAD_RATE_BITS_PER_SEC,
  MIN_UPLOAD_RATE_BITS_PER_SEC,
  SITE_NAME,
  SNAPSHOT_ID,
  SNAPSHOT_INTERVALS_HOURS,
  STORED_GATEWAY_LIMITS,
  SUBNET_ID,
  TARGET_NAME,
  UPLOAD_BUFFER_GIB,
  VOLUME_NAME,
  VPC_ID,
  gatewayName,
  snapshotIntervalForRpo,
  type NameRule,
  type Issues,
  checkUnique,
  show,
  planStoredVolumeGateway,
  type StoredVolumeGatewayArgs,
} from "../../core";
import * as s from "../schema";
import type { StackConfig } from "../stack-config";
import type { TierSection } from "./backup";
import { objectiveRpoHours } from "./objectives";
import { NO_SECRETS, type SecretsSection } from "./secrets";

const named = (description: string, rule: NameRule) =>
  s.string({ description, pattern: rule.pattern, rule: rule.rule });

/** A whole number with a lower bound only, worded like the component's check. */
function atLeast(min: number, unit: string, description: string): s.Schema<number> {
  const rule = `a whole number of ${unit}, at least ${min}`;
  return {
    kind: "integer",
    description,
    allowed: rule,
    parse(value, issues) {
      if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) {
        issues.add(`is ${show(value)}, but must be ${rule}.`);
        return undefined;
      }
      return value;
    },
    docs: (path) => [{ path, type: "integer", required: true, allowed: rule, description }],
  };
}

const uploadBufferSchema = s.object(
  {
    diskId: s.optional(named("Local disk id of the buffer disk (ListLocalDisks).", DISK_ID)),
    diskPath: s.optional(named("Local disk path of the buffer disk, such as /dev/sdc.", DISK_PATH)),
    sizeGiB: s.number({
      description: "Size of the disk; a gateway's buffer disks total 150 GiB to 2 TiB.",
      min: 1,
      max: UPLOAD_BUFFER_GIB.max,
      unit: "GiB",
    }),
  },
  { description: "An upload buffer disk: exactly one of diskId and diskPath." },
);

const uploadBuffersSchema = (description: string) =>
  s.array(uploadBufferSchema, { description, minItems: 1 });

const applianceSchema = s.object(
  {
    gatewayIpAddress: s.optional(
      s.string({
        description:
          "IPv4 address of the appliance; the deployment fetches the activation key from it on port 80. Without it, the key is read from secrets.activationKeys.<site>-gw-<n>.",
      }),
    ),
    networkInterfaceIp: s.optional(
      s.string({
        description:
          "IPv4 address on which the appliance exposes its iSCSI targets. Default: gatewayIpAddress.",
      }),
    ),
    uploadBuffers: s.optional(
      uploadBuffersSchema(
        "Upload buffer disks of this appliance. Default: the site's uploadBuffers.",
      ),
    ),
  },
  { description: "An on-premises gateway appliance; appliance n runs gateway <site>-gw-<n>." },
);

const volumeSchema = s.object(
  {
    name: named("Volume name; names its resources and, by default, its iSCSI target.", VOLUME_NAME),
    diskId: named("Local disk id on the appliance of the volume's gateway.", DISK_ID),
    sizeGiB: s.number({
      description: "Size of the disk; decides the placement (a gateway holds 512 TiB).",
      min: 1,
      max: STORED_GATEWAY_LIMITS.maxVolumeGiB,
      unit: "GiB",
    }),
    targetName: s.optional(
      named("iSCSI target name, unique per gateway. Default: name.", TARGET_NAME),
    ),
    networkInterfaceIp: s.optional(
      s.string({
        description:
          "IPv4 address of the gateway interface exposing the target. Default: the appliance's.",
      }),
    ),
    gateway: s.optional(
      s.number({
        description:
          "Pins the volume to gateway <n> of the site. Default: the gateway its name ranks first (rendezvous hashing over the declared appliances), which no other volume changes.",
        min: 1,
        max: 1000,
      }),
    ),
    preserveExistingData: s.optional(
      s.boolean({
        description:
          "Keeps the data on the disk. false erases the disk and needs acknowledgeDataLoss: true.",
      }),
      true,
    ),
    acknowledgeDataLoss: s.optional(
      s.boolean({
        description:
          "Confirms that creating the volume erases (preserveExistingData: false) or overwrites (snapshotId) the disk.",
      }),
      false,
    ),
    snapshotId: s.optional(named("Snapshot restored onto the disk (overwrites it).", SNAPSHOT_ID)),
    dailyChangePercent: s.optional(
      s.number({
        description: "Share of the volume that changes on a day, for the recovery objectives.",
        min: 0,
        max: 100,
        unit: "percent",
        integer: false,
      }),
    ),
  },
  { description: "A local disk of the site exposed as a stored iSCSI volume." },
);

export const siteSchema = s.object(
  {
    name: named("Name of the site; gateways are named <name>-gw-<n>.", SITE_NAME),
    id: s.optional(
      named(
        "Stable identifier of the site, from which the names of its resources (gateways, volumes, key) derive. Default: name. When renaming a site, set it to the old name so that nothing is replaced.",
        SITE_NAME,
      ),
    ),
    tier: named(
      "Backup tier of the site's volumes: a key of hybrid-backup:backup.tiers.",
      TIER_NAME,
    ),
    onPremisesCidrs: s.array(s.string({ description: "An IPv4 CIDR block." }), {
      description: "On-premises ranges of the appliances: the only sources the endpoint admits.",
      minItems: 1,
    }),
    vpcId: named("VPC of the Storage Gateway endpoint (reached over Direct Connect).", VPC_ID),
    subnetIds: s.array(named("A subnet of the VPC.", SUBNET_ID), {
      description: "Subnets of the endpoint, one per Availability Zone.",
      minItems: 1,
    }),
    timezone: named("Time zone of the gateways.", GATEWAY_TIMEZONE),
    snapshotIntervalHours: s.optional(
      s.number({
        description: `Interval of the gateways' volume snapshots: one of ${SNAPSHOT_INTERVALS_HOURS.join(", ")}, at most the tier's RPO. Default: the longest interval within the RPO.`,
        min: 1,
        max: 24,
        unit: "hours",
      }),
    ),
    bandwidth: s.optional(
      s.object(
        {
          averageUploadRateLimitInBitsPerSec: s.optional(
            atLeast(
              MIN_UPLOAD_RATE_BITS_PER_SEC,
              "bits per second",
              "Upload limit of each gateway.",
            ),
          ),
          averageDownloadRateLimitInBitsPerSec: s.optional(
            atLeast(
              MIN_DOWNLOAD_RATE_BITS_PER_SEC,
              "bits per second",
              "Download limit of each gateway.",
            ),
          ),
        },
        { description: "Bandwidth limits of each gateway. Default: none." },
      ),
    ),
    maintenance: s.optional(
      s.object(
        {
          hourOfDay: s.number({ description: "Start hour.", min: 0, max: 23 }),
          minuteOfHour: s.optional(s.number({ description: "Start minute.", min: 0, max: 59 })),
          dayOfWeek: s.optional(
            s.number({ description: "Day of the week, 0 is Sunday.", min: 0, max: 6 }),
          ),
          dayOfMonth: s.optional(s.number({ description: "Day of the month.", min: 1, max: 28 })),
        },
        {
          description:
            "Maintenance window of each gateway, in its time zone: exactly one of dayOfWeek and dayOfMonth. Default: the window AWS assigns.",
        },
      ),
    ),
    logRetentionDays: s.optional(
      s.number({
        description:
          "Retention of the gateways' log group (a CloudWatch Logs period). Default: 365.",
        min: 1,
        max: 3653,
        unit: "days",
      }),
    ),
    appliances: s.array(applianceSchema, {
      description:
        "One appliance per gateway, in gateway order; as many as the placement of the volumes needs.",
      minItems: 1,
    }),
    uploadBuffers: s.optional(
      uploadBuffersSchema("Upload buffer disks of every appliance that declares none itself."),
    ),
    volumes: s.array(volumeSchema, {
      description:
        "The stored volumes, placed in this order: append new ones at the end, pin deployed ones.",
      minItems: 1,
    }),
  },
  { description: "An on-premises site backed up through stored volume gateways." },
);

export const sitesSchema = s.array(siteSchema, {
  description: "On-premises sites backed up through Storage Gateway stored volumes.",
});

export type SiteSection = s.Infer<typeof siteSchema>;

/**
 * The recovery point objective of a tier, in hours: its RPO objective rounded up, its own
 * `rpoHours`, or what its rules guarantee.
 */
export function tierRpoHours(tier: TierSection): number {
  if (tier.objectives !== undefined) return objectiveRpoHours(tier.objectives);
  return tier.rpoHours ?? tierFloors(tier.rules).worstCaseAgeHours;
}

/**
 * The snapshot interval of a site's gateways: the configured one, or else the longest allowed
 * interval within the tier's RPO (1 hour when the RPO is shorter than that).
 */
export function siteSnapshotInterval(site: SiteSection, tier: TierSection | undefined): number {
  if (site.snapshotIntervalHours !== undefined) return site.snapshotIntervalHours;
  if (tier === undefined) return 24;
  return snapshotIntervalForRpo(tierRpoHours(tier)) ?? 1;
}

/**
 * The component arguments of a site, secrets included as plain values (the topology wraps them
 * with `pulumi.secret`).
 */
export function siteGatewayArgs(
  site: SiteSection,
  config: Pick<StackConfig, "region" | "tagging" | "backup"> & { secrets?: SecretsSection },
): StoredVolumeGatewayArgs {
  const secrets = config.secrets ?? NO_SECRETS;
  return {
    siteName: site.name,
    region: config.region,
    tier: site.tier,
    tierTagKey: config.tagging.tierKey,
    onPremisesCidrs: site.onPremisesCidrs,
    vpcId: site.vpcId,
    subnetIds: site.subnetIds,
    timezone: site.timezone,
    snapshotIntervalHours: siteSnapshotInterval(site, config.backup.tiers[site.tier]),
    bandwidth: site.bandwidth,
    maintenance: site.maintenance,
    logRetentionDays: site.logRetentionDays,
    appliances: site.appliances.map((appliance, index) => ({
      ...appliance,
      activationKey: secrets.activationKeys[gatewayName(site.name, index + 1)],
    })),
    uploadBuffers: site.uploadBuffers,
    volumes: site.volumes.map((volume) => ({
      name: volume.name,
      diskId: volume.diskId,
      sizeGiB: volume.sizeGiB,
      targetName: volume.targetName,
      networkInterfaceIp: volume.networkInterfaceIp,
      gateway: volume.gateway,
      preserveExistingData: volume.preserveExistingData,
      acknowledgeDataLoss: volume.acknowledgeDataLoss,
      snapshotId: volume.snapshotId,
    })),
  };
}

/** Checks of the sites against AWS, the backup tiers and the secrets. */
export function checkSites(
  config: Pick<StackConfig, "region" | "tagging" | "backup"> & {
    sites?: readonly SiteSection[];
    secrets?: SecretsSection;
  },
  issues: Issues,
): void {
  const sites = config.sites ?? [];
  const at = issues.at("sites");
  checkUnique(
    at,
    sites.map((site) => site.name),
    "site name",
    "name",
  );
  // With distinct names, ids (which default to the names) must be distinct too.
  if (new Set(sites.map((site) => site.name)).size === sites.length) {
    checkUnique(
      at,
      sites.map((site) => site.id ?? site.name),
      "site id (or name, when it has no id)",
      "id",
    );
  }
  const tierNames = Object.keys(config.backup.tiers);
  const gatewayNames = new Set<string>();
  sites.forEach((site, index) => {
    const siteIssues = at.at(index);
    const tier = config.backup.tiers[site.tier];
    if (tier === undefined) {
      siteIssues
        .at("tier")
        .add(
          `is ${show(site.tier)}, but names no tier of hybrid-backup:backup.tiers; the tiers are ${tierNames.map((name) => show(name)).join(", ")}.`,
        );
    } else {
      if (!tier.resourceTypes.includes(BackupResourceType.StorageGateway)) {
        siteIssues
          .at("tier")
          .add(
            `is ${show(site.tier)}, but that tier does not protect ${BackupResourceType.StorageGateway} resources (its resourceTypes are ${tier.resourceTypes.join(", ")}); add ${BackupResourceType.StorageGateway} there or pick another tier.`,
          );
      }
      const rpo = tierRpoHours(tier);
      const interval = site.snapshotIntervalHours;
      if (interval !== undefined && interval > rpo) {
        const fitting = SNAPSHOT_INTERVALS_HOURS.filter((hours) => hours <= rpo);
        siteIssues
          .at("snapshotIntervalHours")
          .add(
            `is ${interval} hours, but the RPO of tier ${show(site.tier)} is ${rpo} hours, so the gateways must snapshot at least that often (${fitting.length === 0 ? "every hour" : fitting.join(", ")}).`,
          );
      }
    }
    const plan = planStoredVolumeGateway(siteGatewayArgs(site, config), siteIssues);
    for (let number = 1; number <= plan.gatewayCount; number += 1) {
      gatewayNames.add(gatewayName(site.name, number));
    }
  });

  const keys = issues.at("secrets").at("activationKeys");
  for (const name of Object.keys(config.secrets?.activationKeys ?? {})) {
    if (!gatewayNames.has(name)) {
      keys
        .at(name)
        .add(
          `names no gateway of the sites; the gateways are ${[...gatewayNames].map((g) => show(g)).join(", ") || "none"}.`,
        );
    }
  }
}
