/**
 * The arguments of the StoredVolumeGateway component and their checks, pure so that the
 * stack configuration runs the same checks before anything is created.
 */
import type * as pulumi from "@pulumi/pulumi";
import { checkActivationKey, secretProblem } from "./secret-checks";
import { TIER_NAME, checkName } from "./backup-names";
import { isAwsRegion } from "./aws-regions";
import { minimumGateways, placeVolumes, type VolumePlacement } from "./gateway-placement";
import { checkIpv4Address, checkIpv4Network, containsIpv4, parseIpv4, parseIpv4Cidr } from "./ipv4";
import {
  DISK_ID,
  DISK_PATH,
  GATEWAY_TIMEZONE,
  checkGatewayTimezoneOffset,
  MIN_DOWNLOAD_RATE_BITS_PER_SEC,
  MIN_UPLOAD_RATE_BITS_PER_SEC,
  SITE_NAME,
  SNAPSHOT_ID,
  STORED_GATEWAY_LIMITS,
  SUBNET_ID,
  TARGET_NAME,
  UPLOAD_BUFFER_GIB,
  VOLUME_NAME,
  VPC_ID,
  diskSlug,
  gatewayName,
  LOG_RETENTION_DAYS,
  SNAPSHOT_INTERVALS_HOURS,
} from "./storage-gateway-rules";
import { Issues, checkIntRange, checkOneOf, checkUnique, show } from "./validation";
import { type DataHolderSettings } from "./data-holders";

/** Days a deleted key stays recoverable: the longest KMS allows. */
export const SITE_KEY_DELETION_WINDOW_DAYS = 30;

/** The weekly or monthly maintenance window of the gateways, in the gateways' time zone. */
export interface MaintenanceWindow {
  /** Hour the window starts, 0-23. */
  readonly hourOfDay: number;
  /** Minute the window starts, 0-59. @default 0 */
  readonly minuteOfHour?: number;
  /** Day of the week, 0 (Sunday) to 6; exactly one of dayOfWeek and dayOfMonth. @default undefined */
  readonly dayOfWeek?: number;
  /** Day of the month, 1-28; exactly one of dayOfWeek and dayOfMonth. @default undefined */
  readonly dayOfMonth?: number;
}

/** Bandwidth limits of every gateway of the site. */
export interface BandwidthLimits {
  /** At least 51200 bits per second. @default no limit */
  readonly averageUploadRateLimitInBitsPerSec?: number;
  /** At least 102400 bits per second. @default no limit */
  readonly averageDownloadRateLimitInBitsPerSec?: number;
}

/** A local disk of an appliance used as upload buffer: exactly one of diskId and diskPath. */
export interface UploadBufferDisk {
  /** Local disk id, as ListLocalDisks reports it. @default undefined */
  readonly diskId?: string;
  /** Local disk path, such as /dev/sdc. @default undefined */
  readonly diskPath?: string;
  /** Size of the disk in GiB; a gateway's buffer disks total 150 GiB to 2 TiB. */
  readonly sizeGiB: number;
}

/** One on-premises gateway appliance (VM or hardware): gateway `n` runs on appliance `n`. */
export interface GatewayAppliance {
  /**
   * IPv4 address the deployment reaches on port 80 to fetch the activation key. Exactly one of
   * gatewayIpAddress and activationKey. @default undefined
   */
  readonly gatewayIpAddress?: string;
  /** Activation key obtained beforehand (1-50 characters; a secret). @default undefined */
  readonly activationKey?: pulumi.Input<string>;
  /** IPv4 address on which the appliance exposes its iSCSI targets. @default gatewayIpAddress */
  readonly networkInterfaceIp?: string;
  /** Upload buffer disks of this appliance. @default the site's uploadBuffers */
  readonly uploadBuffers?: UploadBufferDisk[];
}

/** One local disk of the site exposed as a stored iSCSI volume. */
export interface StoredVolumeSpec {
  /** Names the volume's resource and, by default, its iSCSI target. Unique in the site. */
  readonly name: string;
  /** Local disk id on the appliance of the volume's gateway (1-300 characters). */
  readonly diskId: string;
  /** Size of the disk in GiB, at most 16 TiB; used to place the volume. */
  readonly sizeGiB: number;
  /** iSCSI target name, unique per gateway. @default name */
  readonly targetName?: string;
  /** IPv4 address of the gateway's interface exposing the target. @default the appliance's */
  readonly networkInterfaceIp?: string;
  /** Keeps the volume on this gateway (from 1). @default the first gateway with room */
  readonly gateway?: number;
  /**
   * Keeps the data already on the disk. False creates an empty volume and erases the disk, so it
   * needs acknowledgeDataLoss. @default true
   */
  readonly preserveExistingData?: boolean;
  /** Confirms that creating the volume erases or overwrites the disk. @default false */
  readonly acknowledgeDataLoss?: boolean;
  /** Snapshot to restore onto the disk (overwrites it). @default undefined */
  readonly snapshotId?: string;
}

export interface StoredVolumeGatewayArgs extends DataHolderSettings {
  /** Name of the site in tags, messages and secret keys (`<site>-gw-<n>`). @default the component name */
  readonly siteName?: string;
  /** Region of every child (`@pulumi/aws` v7 `region` input). @default the provider's region */
  readonly region?: string;
  /** The backup tier of the volumes, put in the tier tag so that backup plans select them. */
  readonly tier: string;
  /** Key of the tier tag. @default "backup-tier" */
  readonly tierTagKey?: string;
  /** On-premises ranges of the appliances; the only sources the endpoint admits. */
  readonly onPremisesCidrs: string[];
  /** VPC of the Storage Gateway endpoint (reached from on premises over Direct Connect or VPN). */
  readonly vpcId: pulumi.Input<string>;
  /** Subnets of the endpoint, one per Availability Zone. */
  readonly subnetIds: pulumi.Input<string>[];
  /** Time zone of the gateways: "GMT", "GMT+h:mm" or "GMT-h:mm". */
  readonly timezone: string;
  /**
   * Interval of the gateway's volume snapshots: 1, 2, 4, 8, 12 or 24 hours. No resource sets the
   * gateway's schedule, so it is carried as a tag; the AWS Backup plan of the tier enforces the RPO.
   * @default 24
   */
  readonly snapshotIntervalHours?: number;
  /** Bandwidth limits of each gateway. @default no limits */
  readonly bandwidth?: BandwidthLimits;
  /** Maintenance window of each gateway. @default the window AWS assigns */
  readonly maintenance?: MaintenanceWindow;
  /** Retention of the gateways' log group, one of the CloudWatch Logs periods. @default 365 */
  readonly logRetentionDays?: number;
  /** One appliance per gateway, in gateway order. */
  readonly appliances: GatewayAppliance[];
  /** Upload buffer disks of every appliance that declares none itself. @default [] */
  readonly uploadBuffers?: UploadBufferDisk[];
  /** The stored volumes; their order decides the placement. */
  readonly volumes: StoredVolumeSpec[];
  /** Tags of every child that takes tags. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** What the validation found out about a site: the placement and the number of gateways. */
export interface StoredVolumeGatewayPlan {
  readonly placement: VolumePlacement;
  /** One per appliance. */
  readonly gatewayCount: number;
}

function checkBufferDisks(issues: Issues, disks: readonly UploadBufferDisk[], scope: string): void {
  disks.forEach((disk, index) => {
    const at = issues.at(index);
    if ((disk.diskId === undefined) === (disk.diskPath === undefined)) {
      at.add(
        `sets ${disk.diskId === undefined ? "neither diskId nor diskPath" : "both diskId and diskPath"}, but an upload buffer disk needs exactly one of them.`,
      );
    }
    if (disk.diskId !== undefined) checkName(at.at("diskId"), disk.diskId, DISK_ID);
    if (disk.diskPath !== undefined) checkName(at.at("diskPath"), disk.diskPath, DISK_PATH);
    checkIntRange(at.at("sizeGiB"), disk.sizeGiB, 1, UPLOAD_BUFFER_GIB.max, "GiB");
  });
  const names = disks.map((disk) => diskSlug(disk.diskId ?? disk.diskPath ?? ""));
  checkUnique(issues, names, "upload buffer disk");
  const total = disks.reduce((sum, disk) => sum + disk.sizeGiB, 0);
  if (
    disks.length > 0 &&
    Number.isFinite(total) &&
    (total < UPLOAD_BUFFER_GIB.min || total > UPLOAD_BUFFER_GIB.max)
  ) {
    issues.add(
      `gives ${scope} ${total} GiB of upload buffer, but a gateway needs ${UPLOAD_BUFFER_GIB.min}-${UPLOAD_BUFFER_GIB.max} GiB (150 GiB to 2 TiB).`,
    );
  }
}

function checkMaintenance(issues: Issues, window: MaintenanceWindow): void {
  checkIntRange(issues.at("hourOfDay"), window.hourOfDay, 0, 23);
  if (window.minuteOfHour !== undefined) {
    checkIntRange(issues.at("minuteOfHour"), window.minuteOfHour, 0, 59);
  }
  if ((window.dayOfWeek === undefined) === (window.dayOfMonth === undefined)) {
    issues.add(
      `sets ${window.dayOfWeek === undefined ? "neither dayOfWeek nor dayOfMonth" : "both dayOfWeek and dayOfMonth"}, but needs exactly one: dayOfWeek 0-6 (0 is Sunday) or dayOfMonth 1-28.`,
    );
  }
  if (window.dayOfWeek !== undefined) checkIntRange(issues.at("dayOfWeek"), window.dayOfWeek, 0, 6);
  if (window.dayOfMonth !== undefined) {
    checkIntRange(issues.at("dayOfMonth"), window.dayOfMonth, 1, 28);
  }
}

function checkRate(issues: Issues, value: number | undefined, min: number): void {
  if (value === undefined) return;
  if (!Number.isSafeInteger(value) || value < min) {
    issues.add(
      `is ${show(value)}, but must be a whole number of bits per second, at least ${min}.`,
    );
  }
}

/**
 * Records every appliance address (`gatewayIpAddress`, `networkInterfaceIp`) outside the site's
 * on-premises ranges: the endpoint admits only those ranges, so such a gateway could never reach
 * AWS, and an address of another site would activate that site's appliance here.
 */
function checkAppliancesInSite(
  issues: Issues,
  appliances: readonly GatewayAppliance[],
  onPremisesCidrs: readonly string[],
): void {
  const blocks = onPremisesCidrs.map(parseIpv4Cidr);
  if (blocks.length === 0 || blocks.some((block) => block === undefined)) return;
  appliances.forEach((appliance, index) => {
    for (const key of ["gatewayIpAddress", "networkInterfaceIp"] as const) {
      const text = appliance[key];
      const address = text === undefined ? undefined : parseIpv4(text);
      if (address === undefined) continue;
      if (blocks.some((block) => containsIpv4(block!, address))) continue;
      issues
        .at(index)
        .at(key)
        .add(
          `is ${show(text)}, which is outside the site's onPremisesCidrs (${onPremisesCidrs.join(", ")}): the appliance must have an address in one of them.`,
        );
    }
  });
}

function checkAppliances(
  issues: Issues,
  appliances: readonly GatewayAppliance[],
  siteName: string | undefined,
): void {
  if (appliances.length === 0) {
    issues.add("is empty, but the site needs at least one appliance: one per gateway.");
  }
  appliances.forEach((appliance, index) => {
    const at = issues.at(index);
    const hasIp = appliance.gatewayIpAddress !== undefined;
    const hasKey = appliance.activationKey !== undefined;
    if (hasIp && hasKey) {
      at.add(
        "sets both gatewayIpAddress and an activation key, but a gateway is activated with exactly one of them.",
      );
    } else if (!hasIp && !hasKey) {
      const keyHint =
        siteName === undefined
          ? "activationKey"
          : `store the activation key with \`pulumi config set --secret --path 'secrets.activationKeys.${gatewayName(siteName, index + 1)}' <key>\``;
      at.add(
        `sets neither gatewayIpAddress nor an activation key, but a gateway is activated with exactly one of them: set gatewayIpAddress, or ${keyHint}.`,
      );
    }
    if (appliance.gatewayIpAddress !== undefined) {
      checkIpv4Address(at.at("gatewayIpAddress"), appliance.gatewayIpAddress);
    }
    if (typeof appliance.activationKey === "string") {
      const problem = secretProblem(appliance.activationKey, checkActivationKey);
      if (problem !== undefined) at.at("activationKey").add(problem);
    }
    if (appliance.networkInterfaceIp !== undefined) {
      checkIpv4Address(at.at("networkInterfaceIp"), appliance.networkInterfaceIp);
    } else if (!hasIp) {
      at.at("networkInterfaceIp").add(
        "is missing; an appliance activated with a key must give the IPv4 address on which it exposes its iSCSI targets.",
      );
    }
  });
  const addresses = appliances.flatMap((appliance, index) =>
    appliance.gatewayIpAddress === undefined ? [] : [{ index, ip: appliance.gatewayIpAddress }],
  );
  const seen = new Map<string, number>();
  for (const { index, ip } of addresses) {
    const first = seen.get(ip);
    if (first === undefined) seen.set(ip, index);
    else {
      issues
        .at(index)
        .at("gatewayIpAddress")
        .add(
          `repeats the address ${show(ip)} of appliance ${first}; each gateway runs on its own appliance.`,
        );
    }
  }
}

function checkVolume(issues: Issues, volume: StoredVolumeSpec): void {
  checkName(issues.at("name"), volume.name, VOLUME_NAME);
  checkName(issues.at("diskId"), volume.diskId, DISK_ID);
  if (volume.targetName !== undefined) {
    checkName(issues.at("targetName"), volume.targetName, TARGET_NAME);
  }
  if (volume.networkInterfaceIp !== undefined) {
    checkIpv4Address(issues.at("networkInterfaceIp"), volume.networkInterfaceIp);
  }
  if (volume.snapshotId !== undefined) {
    checkName(issues.at("snapshotId"), volume.snapshotId, SNAPSHOT_ID);
  }
  const erases = volume.preserveExistingData === false;
  const acknowledged = volume.acknowledgeDataLoss === true;
  if (erases && !acknowledged) {
    issues
      .at("preserveExistingData")
      .add(
        `is false, which creates an empty volume and erases the data on disk ${show(volume.diskId)}; set acknowledgeDataLoss: true on this volume to confirm, or remove preserveExistingData to keep the data.`,
      );
  }
  if (volume.snapshotId !== undefined && !erases) {
    issues
      .at("snapshotId")
      .add(
        `restores ${show(volume.snapshotId)} onto disk ${show(volume.diskId)}, which overwrites the disk; set preserveExistingData: false and acknowledgeDataLoss: true on this volume to confirm.`,
      );
  }
  if (acknowledged && !erases) {
    issues
      .at("acknowledgeDataLoss")
      .add(
        "is true, but the volume keeps the data on its disk (preserveExistingData is not false); remove the acknowledgement so that it cannot approve a later change by accident.",
      );
  }
}

/** Records a repeat of `key(volume)` among the volumes of each gateway. */
function checkUniquePerGateway(
  issues: Issues,
  volumes: readonly StoredVolumeSpec[],
  placement: VolumePlacement,
  field: "diskId" | "targetName",
  key: (volume: StoredVolumeSpec) => string,
  nameOf: (number: number) => string,
): void {
  for (const load of placement.gateways) {
    const seen = new Map<string, number>();
    for (const index of load.volumes) {
      const volume = volumes[index]!;
      const value = key(volume);
      const first = seen.get(value);
      if (first === undefined) {
        seen.set(value, index);
        continue;
      }
      issues
        .at(index)
        .at(field)
        .add(
          `repeats ${show(value)} of volumes[${first}] on ${nameOf(load.number)}, but each volume of a gateway needs its own ${field === "diskId" ? "disk" : "iSCSI target name"}.`,
        );
    }
  }
}

/**
 * Records every problem of the arguments of a {@link StoredVolumeGateway} and returns the
 * placement of its volumes (valid only when no issue was recorded).
 */
export function planStoredVolumeGateway(
  args: StoredVolumeGatewayArgs,
  issues: Issues,
): StoredVolumeGatewayPlan {
  const siteName = args.siteName;
  if (args.siteName !== undefined) checkName(issues.at("siteName"), args.siteName, SITE_NAME);
  if (args.region !== undefined && !isAwsRegion(args.region)) {
    issues
      .at("region")
      .add(`is ${show(args.region)}, but must be an AWS region name such as us-east-1.`);
  }
  if (checkName(issues.at("tier"), args.tier, TIER_NAME) && args.tier === "none") {
    issues
      .at("tier")
      .add(
        'is "none", but the volumes of a site are backed up: name the tier whose plans protect them.',
      );
  }

  const cidrs = issues.at("onPremisesCidrs");
  if (args.onPremisesCidrs.length === 0) {
    cidrs.add("is empty, but the endpoint must admit the on-premises ranges of the appliances.");
  }
  args.onPremisesCidrs.forEach((cidr, index) => {
    const block = checkIpv4Network(cidrs.at(index), cidr);
    if (block !== undefined && block.prefix === 0) {
      cidrs
        .at(index)
        .add("admits every address, but the endpoint must admit only the on-premises ranges.");
    }
  });
  checkUnique(cidrs, args.onPremisesCidrs, "range");

  if (typeof args.vpcId === "string") checkName(issues.at("vpcId"), args.vpcId, VPC_ID);
  const subnets = issues.at("subnetIds");
  if (args.subnetIds.length === 0) {
    subnets.add(
      "is empty, but the endpoint needs at least one subnet (one per Availability Zone).",
    );
  }
  args.subnetIds.forEach((id, index) => {
    if (typeof id === "string") checkName(subnets.at(index), id, SUBNET_ID);
  });
  checkUnique(
    subnets,
    args.subnetIds.filter((id): id is string => typeof id === "string"),
    "subnet",
  );

  if (checkName(issues.at("timezone"), args.timezone, GATEWAY_TIMEZONE)) {
    checkGatewayTimezoneOffset(issues.at("timezone"), args.timezone);
  }
  if (args.snapshotIntervalHours !== undefined) {
    checkOneOf(issues.at("snapshotIntervalHours"), args.snapshotIntervalHours, [
      ...SNAPSHOT_INTERVALS_HOURS,
    ]);
  }
  if (args.bandwidth !== undefined) {
    const at = issues.at("bandwidth");
    checkRate(
      at.at("averageUploadRateLimitInBitsPerSec"),
      args.bandwidth.averageUploadRateLimitInBitsPerSec,
      MIN_UPLOAD_RATE_BITS_PER_SEC,
    );
    checkRate(
      at.at("averageDownloadRateLimitInBitsPerSec"),
      args.bandwidth.averageDownloadRateLimitInBitsPerSec,
      MIN_DOWNLOAD_RATE_BITS_PER_SEC,
    );
  }
  if (args.maintenance !== undefined) checkMaintenance(issues.at("maintenance"), args.maintenance);
  if (args.logRetentionDays !== undefined) {
    checkOneOf(issues.at("logRetentionDays"), args.logRetentionDays, [...LOG_RETENTION_DAYS]);
  }

  const nameOf = (number: number) =>
    siteName === undefined ? `gateway ${number}` : gatewayName(siteName, number);
  const appliances = args.appliances;
  checkAppliances(issues.at("appliances"), appliances, siteName);
  checkAppliancesInSite(issues.at("appliances"), appliances, args.onPremisesCidrs);
  const siteBuffers = args.uploadBuffers ?? [];
  checkBufferDisks(issues.at("uploadBuffers"), siteBuffers, "each gateway that uses it");
  appliances.forEach((appliance, index) => {
    if (appliance.uploadBuffers !== undefined) {
      checkBufferDisks(
        issues.at("appliances").at(index).at("uploadBuffers"),
        appliance.uploadBuffers,
        nameOf(index + 1),
      );
    }
  });
  if (siteBuffers.length === 0 && appliances.some((a) => a.uploadBuffers === undefined)) {
    issues
      .at("uploadBuffers")
      .add(
        "is empty, but every gateway needs 150 GiB to 2 TiB of upload buffer disks: declare them here, or under each appliance.",
      );
  }

  const volumes = issues.at("volumes");
  args.volumes.forEach((volume, index) => checkVolume(volumes.at(index), volume));
  checkUnique(
    volumes,
    args.volumes.map((volume) => volume.name),
    "volume name",
    "name",
  );

  const placement = placeVolumes(args.volumes, volumes, {
    limits: STORED_GATEWAY_LIMITS,
    gateways: appliances.length,
    maxPin:
      appliances.length === 0
        ? undefined
        : {
            value: appliances.length,
            reason: `the site declares ${appliances.length} appliance${appliances.length === 1 ? "" : "s"}, one per gateway`,
          },
    nameOf,
  });
  const needed = minimumGateways(args.volumes, STORED_GATEWAY_LIMITS);
  if (appliances.length > 0 && needed > appliances.length) {
    const more = needed - appliances.length;
    issues
      .at("appliances")
      .add(
        `declares ${appliances.length} appliance${appliances.length === 1 ? "" : "s"}, but the ${args.volumes.length} volumes need ${needed} gateways (at most ${STORED_GATEWAY_LIMITS.maxVolumes} volumes and 512 TiB each, one appliance per gateway): declare ${more} more appliance${more === 1 ? "" : "s"}.`,
      );
  }
  checkUniquePerGateway(volumes, args.volumes, placement, "diskId", (v) => v.diskId, nameOf);
  checkUniquePerGateway(
    volumes,
    args.volumes,
    placement,
    "targetName",
    (v) => v.targetName ?? v.name,
    nameOf,
  );
  for (const load of placement.gateways) {
    const appliance = appliances[load.number - 1];
    const buffers = appliance?.uploadBuffers ?? siteBuffers;
    const bufferIds = new Set(
      buffers.flatMap((disk) => (disk.diskId === undefined ? [] : [disk.diskId])),
    );
    for (const index of load.volumes) {
      const volume = args.volumes[index]!;
      if (bufferIds.has(volume.diskId)) {
        volumes
          .at(index)
          .at("diskId")
          .add(
            `is ${show(volume.diskId)}, an upload buffer disk of ${nameOf(load.number)}; a disk is either upload buffer or stored volume.`,
          );
      }
    }
  }
  return { placement, gatewayCount: Math.max(appliances.length, needed) };
}

/** Records every problem of the arguments of a {@link StoredVolumeGateway}. */
export function validateStoredVolumeGatewayArgs(
  args: StoredVolumeGatewayArgs,
  issues: Issues,
): void {
  planStoredVolumeGateway(args, issues);
}
