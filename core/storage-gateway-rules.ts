/**
 * What AWS Storage Gateway accepts for a volume gateway in stored mode, as the Storage Gateway API
 * model and the Volume Gateway user guide state it: limits, name rules, the ports of its VPC
 * endpoint, and the snapshot schedules a gateway can run.
 */
import type { NameRule } from "./backup-names";
import { type Issues, checkIntRange, show } from "./validation";

/** Per-gateway limits of a stored volume gateway (Volume Gateway quotas). */
export interface GatewayLimits {
  /** Volumes one gateway holds. */
  readonly maxVolumes: number;
  /** Size of one stored volume, GiB. */
  readonly maxVolumeGiB: number;
  /** Total size of the stored volumes of one gateway, GiB. */
  readonly maxGatewayGiB: number;
}

export const STORED_GATEWAY_LIMITS: GatewayLimits = {
  maxVolumes: 32,
  maxVolumeGiB: 16 * 1024,
  maxGatewayGiB: 512 * 1024,
};

/**
 * Records an issue unless `sizeGiB` is a whole number of GiB a stored volume can have: 1 GiB to
 * 16 TiB (`maxVolumeGiB`). Returns whether it was valid.
 */
export function checkStoredVolumeSize(
  issues: Issues,
  sizeGiB: number,
  limits: GatewayLimits = STORED_GATEWAY_LIMITS,
): boolean {
  return checkIntRange(issues, sizeGiB, 1, limits.maxVolumeGiB, "GiB");
}

/** Upload buffer of one gateway: at least 150 GiB, at most 2 TiB. */
export const UPLOAD_BUFFER_GIB = { min: 150, max: 2 * 1024 } as const;

/** The recurrences a volume snapshot schedule accepts (`RecurrenceInHours`). */
export const SNAPSHOT_INTERVALS_HOURS = [1, 2, 4, 8, 12, 24] as const;
/** The schedule AWS gives a new stored volume: one snapshot a day. */
export const DEFAULT_SNAPSHOT_INTERVAL_HOURS = 24;

/** Lowest bandwidth limits a gateway accepts, bits per second. */
export const MIN_UPLOAD_RATE_BITS_PER_SEC = 51_200;
export const MIN_DOWNLOAD_RATE_BITS_PER_SEC = 102_400;

/** The retention periods CloudWatch Logs accepts (0, never expire, is left out on purpose). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288,
  3653,
] as const;
export const DEFAULT_LOG_RETENTION_DAYS = 365;

/** Tag carrying a volume's snapshot interval, since no resource sets the gateway's own schedule. */
export const SNAPSHOT_INTERVAL_TAG_KEY = "snapshot-interval-hours";
/** Tag naming the on-premises site of every resource of a site. */
export const SITE_TAG_KEY = "on-premises-site";

export const SITE_NAME: NameRule = {
  pattern: /^[a-z][a-z0-9-]{0,30}[a-z0-9]$/,
  rule: "2-32 lowercase letters, digits or hyphens, starting with a letter and not ending with a hyphen",
};

/** Names a volume and its resources; also the default iSCSI target name. */
export const VOLUME_NAME: NameRule = {
  pattern: /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/,
  rule: "1-63 lowercase letters, digits or hyphens, not starting or ending with a hyphen",
};

/** `GatewayTimezone`. */
export const GATEWAY_TIMEZONE: NameRule = {
  pattern: /^GMT([+-][0-9]{1,2}:[0-9]{2})?$/,
  rule: 'a time zone written "GMT", "GMT+h:mm" or "GMT-h:mm" (for example GMT+1:00)',
};

/**
 * The UTC offsets clocks use: from UTC-12:00 to UTC+14:00, in whole hours or at :30 or :45.
 */
export const GATEWAY_TIMEZONE_RANGE = { minMinutes: -12 * 60, maxMinutes: 14 * 60 } as const;
const OFFSET_MINUTES = [0, 30, 45] as const;

/**
 * Records an issue unless a time zone that matches {@link GATEWAY_TIMEZONE} is a real UTC offset
 * (GMT+99:99 has the shape but names no time zone). Returns whether it is.
 */
export function checkGatewayTimezoneOffset(issues: Issues, timezone: string): boolean {
  const match = /^GMT([+-])([0-9]{1,2}):([0-9]{2})$/.exec(timezone);
  if (match === null) return true;
  const hours = Number(match[2]);
  const minutes = Number(match[3]);
  const total = (match[1] === "-" ? -1 : 1) * (hours * 60 + minutes);
  const validMinutes = (OFFSET_MINUTES as readonly number[]).includes(minutes);
  if (
    validMinutes &&
    total >= GATEWAY_TIMEZONE_RANGE.minMinutes &&
    total <= GATEWAY_TIMEZONE_RANGE.maxMinutes
  ) {
    return true;
  }
  issues.add(
    `is ${show(timezone)}, but must be a UTC offset from GMT-12:00 to GMT+14:00 whose minutes are 00, 30 or 45 (for example GMT+1:00 or GMT+5:30).`,
  );
  return false;
}

/** `TargetName` of an iSCSI target. */
export const TARGET_NAME: NameRule = {
  pattern: /^[-.;a-z0-9]{1,200}$/,
  rule: "1-200 lowercase letters, digits, hyphens, periods or semicolons",
};

/** `SnapshotId` to restore a stored volume from. */
export const SNAPSHOT_ID: NameRule = {
  pattern: /^snap-([0-9a-f]{8}|[0-9a-f]{17})$/,
  rule: 'a snapshot id: "snap-" followed by 8 or 17 lowercase hexadecimal digits',
};

/** `DiskId` of a gateway's local disk (upload buffer or stored volume). */
export const DISK_ID: NameRule = {
  pattern: /^.{1,300}$/s,
  rule: "a local disk id of 1-300 characters, as ListLocalDisks reports it",
};

/** `DiskPath` of a gateway's local disk. */
export const DISK_PATH: NameRule = {
  pattern: /^\/.{0,299}$/s,
  rule: "a local disk path of 1-300 characters starting with /, such as /dev/sdb",
};

/** An existing VPC id. */
export const VPC_ID: NameRule = {
  pattern: /^vpc-([0-9a-f]{8}|[0-9a-f]{17})$/,
  rule: 'a VPC id: "vpc-" followed by 8 or 17 lowercase hexadecimal digits',
};

/** An existing subnet id. */
export const SUBNET_ID: NameRule = {
  pattern: /^subnet-([0-9a-f]{8}|[0-9a-f]{17})$/,
  rule: 'a subnet id: "subnet-" followed by 8 or 17 lowercase hexadecimal digits',
};

export interface PortRange {
  readonly fromPort: number;
  readonly toPort: number;
}

/**
 * TCP ports a gateway uses on the Storage Gateway VPC endpoint (Volume Gateway user guide,
 * "Activating your gateway in a virtual private cloud"): 443, 1026, 1027, 1028, 1031 and 2222.
 */
export const STORAGE_GATEWAY_ENDPOINT_PORTS: readonly PortRange[] = [
  { fromPort: 443, toPort: 443 },
  { fromPort: 1026, toPort: 1028 },
  { fromPort: 1031, toPort: 1031 },
  { fromPort: 2222, toPort: 2222 },
];

export function portRangeLabel(range: PortRange): string {
  return range.fromPort === range.toPort
    ? String(range.fromPort)
    : `${range.fromPort}-${range.toPort}`;
}

/** The interface endpoint service of Storage Gateway in a region (China regions use `cn.com.amazonaws`). */
export function storageGatewayServiceName(region: string): string {
  const prefix = region.startsWith("cn-") ? "cn.com.amazonaws" : "com.amazonaws";
  return `${prefix}.${region}.storagegateway`;
}

/** A zonal endpoint name ends its first label with the zone: `vpce-...-abcdefgh-us-east-1a`. */
const ZONAL_LABEL = /-[a-z]{2}(-[a-z]+)+-[0-9]+[a-z]$/;

/**
 * The endpoint DNS name a gateway activates with: the first one that names no Availability Zone
 * (Volume Gateway user guide). Falls back to the first name; undefined without entries.
 */
export function regionalDnsName(
  entries: readonly { readonly dnsName: string }[] | undefined,
): string | undefined {
  if (entries === undefined || entries.length === 0) return undefined;
  const regional = entries.find((entry) => !ZONAL_LABEL.test(entry.dnsName.split(".")[0] ?? ""));
  return (regional ?? entries[0])?.dnsName;
}

/** The longest snapshot interval that still meets a recovery point objective, in hours. */
export function snapshotIntervalForRpo(rpoHours: number): number | undefined {
  const fitting = SNAPSHOT_INTERVALS_HOURS.filter((hours) => hours <= rpoHours);
  return fitting.length === 0 ? undefined : fitting[fitting.length - 1];
}

/** Gateway `n` (from 1) of a site: `<prefix>-gw-<n>`. */
export function gatewayName(prefix: string, number: number): string {
  return `${prefix}-gw-${number}`;
}

/** A resource-name fragment for a local disk id or path (`pci-0000:03:00.0-scsi-0:0:1:0`). */
export function diskSlug(disk: string): string {
  const slug = disk
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug === "" ? "disk" : slug;
}
