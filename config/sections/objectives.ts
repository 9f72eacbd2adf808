/**
 * Recovery objectives in the stack configuration: the objectives a backup tier (or an archive
 * bucket or Glacier vault) promises, the cloud datasets a tier protects, how the on-premises
 * uploaders fill the archive, and the `hybrid-backup:objectives` section (which priced region
 * stands in for a region the price file lacks). The stack check makes sure that every dataset can
 * be evaluated before anything is created.
 */
import {
  BackupResourceType,
  DEFAULT_TIMEZONE,
  isAwsRegion,
  type NameRule,
  type Issues,
  show,
} from "../../core";
import {
  DEFAULT_REFERENCE_YEAR,
  ScheduleService,
  checkSchedule,
  checkTimeZone,
  firesPerDay,
} from "@hybrid-backup/aws-schedule";
import { PRICES_FILE, pricedRegions } from "../../objectives/data";
import * as s from "../schema";

/** The longest objective accepted: a year. */
export const MAX_OBJECTIVE_MINUTES = 525_600;

/** The resource classes a tier's datasets may have (each a resource type a tier can protect). */
export const DATASET_CLASSES = ["EBS", "RDS", "Aurora", "EFS", "DynamoDB", "S3", "EC2"] as const;
export type DatasetClass = (typeof DATASET_CLASSES)[number];

export const DATASET_NAME: NameRule = {
  pattern: /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/,
  rule: "1-63 lowercase letters, digits or hyphens, not starting or ending with a hyphen",
};

/** An amount of US dollars above zero. */
function positiveUsd(description: string): s.Schema<number> {
  const rule = "an amount in USD above 0";
  return {
    kind: "number",
    description,
    allowed: rule,
    parse(value, issues) {
      if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
        issues.add(`is ${show(value)}, but must be ${rule}.`);
        return undefined;
      }
      return value;
    },
    docs: (path) => [{ path, type: "number", required: true, allowed: rule, description }],
  };
}

const objectiveMinutes = (description: string) =>
  s.number({ description, min: 1, max: MAX_OBJECTIVE_MINUTES, unit: "minutes" });

export const objectivesSchema = s.object(
  {
    rpoMinutes: objectiveMinutes(
      "Recovery point objective: the most data, in minutes of changes, a dataset may lose. On a backup tier it is also the age of the newest recovery point the audit allows, rounded up to hours.",
    ),
    rtoMinutes: objectiveMinutes(
      "Recovery time objective: the longest a full restore of a dataset may take, from the request until the data is usable.",
    ),
    monthlyBudgetUsd: positiveUsd(
      "The most protecting one dataset may cost a month: backup and archive storage, copies, fees and one full restore.",
    ),
  },
  {
    description:
      "Recovery objectives every dataset here must meet; the preview computes each dataset's worst case and the policy pack fails a design that misses them.",
  },
);

export type ObjectivesSection = s.Infer<typeof objectivesSchema>;

export const datasetSchema = s.object(
  {
    name: s.string({
      description: "Name of the dataset; shown as <tier>/<name>.",
      pattern: DATASET_NAME.pattern,
      rule: DATASET_NAME.rule,
    }),
    resourceClass: s.literal(DATASET_CLASSES, {
      description: "What kind of resource holds the data; the tier must protect that type.",
    }),
    sizeGiB: s.number({
      description: "Size of the data.",
      min: 0.001,
      max: 1e9,
      integer: false,
      unit: "GiB",
    }),
    dailyChangePercent: s.number({
      description: "Share of the data that changes on a day.",
      min: 0,
      max: 100,
      integer: false,
      unit: "percent",
    }),
  },
  {
    description:
      "Data in AWS that the tier's plan selects (by the tier tag), as the recovery objectives see it.",
  },
);

export type DatasetSection = s.Infer<typeof datasetSchema>;

export const datasetsSchema = s.array(datasetSchema, {
  description:
    "The data the tier protects in AWS, for the recovery objectives; the tier's sites add their stored volumes.",
});

export const RETRIEVAL_TIERS = ["expedited", "standard", "bulk"] as const;

/** How an on-premises uploader fills an archive prefix or a Glacier vault. */
export const uploadsSchema = s.object(
  {
    schedule: s.string({
      description:
        "When the uploader writes: a 6-field cron(...) or a rate(...) expression, as in AWS schedules.",
    }),
    timezone: s.optional(
      s.string({ description: "IANA time zone of the schedule." }),
      DEFAULT_TIMEZONE,
    ),
    writeAllowanceMinutes: s.number({
      description: "Minutes from a scheduled start until the upload is complete.",
      min: 1,
      max: 10_080,
      unit: "minutes",
    }),
    retrievalTier: s.optional(
      s.literal(RETRIEVAL_TIERS, {
        description: "Retrieval tier a restore uses when the data sits in a Glacier class.",
      }),
      "standard",
    ),
  },
  {
    description:
      "How the on-premises uploader fills this archive, for the recovery objectives: each upload is one recovery point.",
    check: (uploads, issues) => {
      const schedule = checkSchedule(
        issues.at("schedule"),
        uploads.schedule,
        ScheduleService.EventBridge,
      );
      const zoneOk = checkTimeZone(issues.at("timezone"), uploads.timezone);
      if (schedule !== undefined && zoneOk && firesPerDay(schedule, uploads.timezone) === 0) {
        issues
          .at("schedule")
          .add(
            `is ${show(uploads.schedule)}, which starts no upload in ${DEFAULT_REFERENCE_YEAR}, the year the recovery objectives are measured over.`,
          );
      }
    },
  },
);

export type UploadsSection = s.Infer<typeof uploadsSchema>;

/** `hybrid-backup:objectives`: settings of the recovery objective model for the whole stack. */
export const objectivesSettingsSchema = s.object(
  {
    priceAs: s.optional(
      s.record(s.string({ description: "A region the price file prices." }), {
        description: `Regions the price file (${PRICES_FILE}) lacks, each priced as one it has (an estimate, shown as such in the preview).`,
        keyPattern: /^[a-z]{2}(-[a-z]+)+-[0-9]$/,
        keyRule: "an AWS region name",
      }),
      {},
    ),
  },
  { description: "Settings of the recovery objective model." },
);

export type ObjectivesSettingsSection = s.Infer<typeof objectivesSettingsSchema>;

/** How results and records name each kind of dataset. */
export const datasetName = {
  tier: (tier: string, dataset: string): string => `${tier}/${dataset}`,
  site: (site: string, volume: string): string => `${site}/${volume}`,
  archive: (purpose: string, prefix: string): string => `${purpose}/${prefix}`,
  glacierVault: (vault: string): string => `glacier/${vault}`,
};

/** The audited RPO of a tier with objectives: the RPO objective rounded up to whole hours. */
export function objectiveRpoHours(objectives: ObjectivesSection): number {
  return Math.ceil(objectives.rpoMinutes / 60);
}

// --- The stack check ----------------------------------------------------------------------

interface TierView {
  readonly resourceTypes: readonly string[];
  readonly rpoHours?: number;
  readonly objectives?: ObjectivesSection;
  readonly datasets: readonly DatasetSection[];
}

interface ArchivePrefixView {
  readonly prefix: string;
  readonly monthlyGrowthGiB?: number;
  readonly uploads?: UploadsSection;
}

interface ObjectivesStackView {
  readonly region: string;
  readonly backup: { readonly tiers: Readonly<Record<string, TierView>> };
  readonly sites: readonly {
    readonly name: string;
    readonly tier: string;
    readonly bandwidth?: { readonly averageUploadRateLimitInBitsPerSec?: number };
    readonly volumes: readonly { readonly name: string; readonly dailyChangePercent?: number }[];
  }[];
  readonly directConnect?: {
    readonly connections: readonly { readonly name: string; readonly bandwidth?: string }[];
    readonly interfaces: readonly { readonly connection: string }[];
  };
  readonly archive?: {
    readonly buckets: readonly {
      readonly purpose: string;
      readonly objectives?: ObjectivesSection;
      readonly prefixes: readonly ArchivePrefixView[];
    }[];
    readonly glacierVaults: readonly {
      readonly name: string;
      readonly objectives?: ObjectivesSection;
      readonly monthlyGrowthGiB?: number;
      readonly uploads?: UploadsSection;
    }[];
  };
  readonly dr?: { readonly region: string };
  readonly objectives: ObjectivesSettingsSection;
}

/** The connections restores to the sites travel over: those carrying a virtual interface. */
export function restoreConnections<C extends { readonly name: string }>(
  directConnect:
    | {
        readonly connections: readonly C[];
        readonly interfaces: readonly { readonly connection: string }[];
      }
    | undefined,
): C[] {
  if (directConnect === undefined) return [];
  const used = new Set(directConnect.interfaces.map((vif) => vif.connection));
  return directConnect.connections.filter((connection) => used.has(connection.name));
}

function checkTiers(config: ObjectivesStackView, issues: Issues): void {
  for (const [name, tier] of Object.entries(config.backup.tiers)) {
    const at = issues.at("backup").at("tiers").at(name);
    if (tier.objectives !== undefined && tier.rpoHours !== undefined) {
      at.at("rpoHours").add(
        `is ${tier.rpoHours} hours, but the tier also declares objectives.rpoMinutes (${tier.objectives.rpoMinutes}), which sets the audited RPO; remove rpoHours.`,
      );
    }
    if (tier.objectives === undefined && tier.datasets.length > 0) {
      at.at("objectives").add(
        `is missing, but the tier declares ${tier.datasets.length} dataset${tier.datasets.length === 1 ? "" : "s"}; give rpoMinutes, rtoMinutes and monthlyBudgetUsd.`,
      );
    }
    tier.datasets.forEach((dataset, index) => {
      const type: string = BackupResourceType[dataset.resourceClass];
      if (!tier.resourceTypes.includes(type)) {
        at.at("datasets")
          .at(index)
          .at("resourceClass")
          .add(
            `is ${show(dataset.resourceClass)}, but tier ${show(name)} does not protect that type (its resourceTypes are ${tier.resourceTypes.join(", ")}).`,
          );
      }
    });
  }
}

function checkSitesForObjectives(config: ObjectivesStackView, issues: Issues): void {
  const links = restoreConnections(config.directConnect);
  config.sites.forEach((site, siteIndex) => {
    const tier = config.backup.tiers[site.tier];
    if (tier?.objectives === undefined) return;
    const at = issues.at("sites").at(siteIndex);
    site.volumes.forEach((volume, volumeIndex) => {
      if (volume.dailyChangePercent === undefined) {
        at.at("volumes")
          .at(volumeIndex)
          .at("dailyChangePercent")
          .add(
            `is missing, but tier ${show(site.tier)} declares objectives, so the upload and storage of volume ${show(volume.name)} must be computed; give its daily change in percent.`,
          );
      }
    });
    if (links.length === 0) {
      at.add(
        `is in tier ${show(site.tier)}, which declares objectives, but hybrid-backup:directConnect has no connection with a virtual interface to restore the site over.`,
      );
    }
  });
  if (!config.sites.some((site) => config.backup.tiers[site.tier]?.objectives !== undefined)) {
    return;
  }
  const connections = config.directConnect?.connections ?? [];
  connections.forEach((connection, index) => {
    if (links.includes(connection) && connection.bandwidth === undefined) {
      issues
        .at("directConnect")
        .at("connections")
        .at(index)
        .at("bandwidth")
        .add(
          `is missing, but sites are restored over connection ${show(connection.name)} and their recovery time depends on its speed; give its bandwidth.`,
        );
    }
  });
}

function checkArchive(config: ObjectivesStackView, issues: Issues): void {
  const archive = config.archive;
  if (archive === undefined) return;
  archive.buckets.forEach((bucket, bucketIndex) => {
    const at = issues.at("archive").at("buckets").at(bucketIndex);
    bucket.prefixes.forEach((prefix, prefixIndex) => {
      const prefixAt = at.at("prefixes").at(prefixIndex);
      if (bucket.objectives === undefined) {
        if (prefix.uploads !== undefined) {
          prefixAt
            .at("uploads")
            .add(
              `is set, but bucket ${show(bucket.purpose)} declares no objectives to evaluate prefix ${show(prefix.prefix)} against; add objectives to the bucket.`,
            );
        }
        return;
      }
      if (prefix.uploads === undefined) {
        prefixAt
          .at("uploads")
          .add(
            `is missing, but bucket ${show(bucket.purpose)} declares objectives; say when the uploader writes to prefix ${show(prefix.prefix)}.`,
          );
      }
      if (prefix.monthlyGrowthGiB === undefined || prefix.monthlyGrowthGiB <= 0) {
        prefixAt
          .at("monthlyGrowthGiB")
          .add(
            `is ${prefix.monthlyGrowthGiB === undefined ? "missing" : show(prefix.monthlyGrowthGiB)}, but bucket ${show(bucket.purpose)} declares objectives, so the size of each upload to prefix ${show(prefix.prefix)} must be known; give the GiB added a month (above 0).`,
          );
      }
    });
  });
  archive.glacierVaults.forEach((vault, index) => {
    const at = issues.at("archive").at("glacierVaults").at(index);
    if (vault.objectives === undefined) {
      if (vault.uploads !== undefined) {
        at.at("uploads").add(
          `is set, but vault ${show(vault.name)} declares no objectives to evaluate it against; add objectives to the vault.`,
        );
      }
      return;
    }
    if (vault.uploads === undefined) {
      at.at("uploads").add(
        `is missing, but vault ${show(vault.name)} declares objectives; say when the uploader writes to it.`,
      );
    }
    if (vault.monthlyGrowthGiB === undefined || vault.monthlyGrowthGiB <= 0) {
      at.at("monthlyGrowthGiB").add(
        `is ${vault.monthlyGrowthGiB === undefined ? "missing" : show(vault.monthlyGrowthGiB)}, but vault ${show(vault.name)} declares objectives, so the size of each upload must be known; give the GiB added a month (above 0).`,
      );
    }
  });
}

/** Whether the stack declares any objective (only then are datasets evaluated and priced). */
export function declaresObjectives(config: ObjectivesStackView): boolean {
  return (
    Object.values(config.backup.tiers).some((tier) => tier.objectives !== undefined) ||
    (config.archive?.buckets ?? []).some((bucket) => bucket.objectives !== undefined) ||
    (config.archive?.glacierVaults ?? []).some((vault) => vault.objectives !== undefined)
  );
}

function checkPrices(config: ObjectivesStackView, issues: Issues): void {
  const priced = pricedRegions();
  const priceAs = config.objectives.priceAs;
  const at = issues.at("objectives").at("priceAs");
  for (const [region, stand] of Object.entries(priceAs)) {
    if (!isAwsRegion(region)) {
      at.at(region).add("is not an AWS region name.");
    } else if (priced.includes(region)) {
      at.at(region).add(
        `is ${show(stand)}, but ${region} has its own prices in ${PRICES_FILE}; remove this entry.`,
      );
    } else if (!priced.includes(stand)) {
      at.at(region).add(
        `is ${show(stand)}, but must be a region ${PRICES_FILE} prices: ${priced.join(", ")}.`,
      );
    }
  }
  if (!declaresObjectives(config)) return;
  const needed: Array<{ region: string; issues: Issues }> = [
    { region: config.region, issues: issues.elsewhere("aws:region") },
  ];
  if (config.dr !== undefined) {
    needed.push({ region: config.dr.region, issues: issues.at("dr").at("region") });
  }
  for (const { region, issues: regionIssues } of needed) {
    if (!priced.includes(region) && priceAs[region] === undefined) {
      regionIssues.add(
        `is ${show(region)}, which ${PRICES_FILE} does not price, but the stack declares recovery objectives; add hybrid-backup:objectives.priceAs.${region} naming one of ${priced.join(", ")}.`,
      );
    }
  }
}

/** Two datasets of one stack never share a name (a site named like a tier could make them). */
function checkDatasetNames(config: ObjectivesStackView, issues: Issues): void {
  const seen = new Set<string>();
  const claim = (name: string, at: Issues): void => {
    if (seen.has(name)) {
      at.add(
        `names the dataset ${show(name)}, which another dataset of the stack already has; rename one.`,
      );
    }
    seen.add(name);
  };
  for (const [tier, settings] of Object.entries(config.backup.tiers)) {
    if (settings.objectives === undefined) continue;
    settings.datasets.forEach((dataset, index) =>
      claim(
        datasetName.tier(tier, dataset.name),
        issues.at("backup").at("tiers").at(tier).at("datasets").at(index).at("name"),
      ),
    );
  }
  config.sites.forEach((site, siteIndex) => {
    if (config.backup.tiers[site.tier]?.objectives === undefined) return;
    site.volumes.forEach((volume, index) =>
      claim(
        datasetName.site(site.name, volume.name),
        issues.at("sites").at(siteIndex).at("volumes").at(index).at("name"),
      ),
    );
  });
  config.archive?.buckets.forEach((bucket, bucketIndex) => {
    if (bucket.objectives === undefined) return;
    bucket.prefixes.forEach((prefix, index) =>
      claim(
        datasetName.archive(bucket.purpose, prefix.prefix),
        issues.at("archive").at("buckets").at(bucketIndex).at("prefixes").at(index).at("prefix"),
      ),
    );
  });
  config.archive?.glacierVaults.forEach((vault, index) => {
    if (vault.objectives === undefined) return;
    claim(
      datasetName.glacierVault(vault.name),
      issues.at("archive").at("glacierVaults").at(index).at("name"),
    );
  });
}

/**
 * Stack check: every dataset the stack declares objectives for can be evaluated. Objectives come
 * with the datasets they cover, change rates and upload bandwidths are known, restores have a
 * link, dataset names are unique, and every region the model prices is priced.
 */
export function checkObjectives(config: ObjectivesStackView, issues: Issues): void {
  checkTiers(config, issues);
  checkSitesForObjectives(config, issues);
  checkArchive(config, issues);
  checkDatasetNames(config, issues);
  checkPrices(config, issues);
}
