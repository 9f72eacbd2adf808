/**
 * An independent statement of what AWS refuses, checked on recorded inputs. It shares no code with
 * the validators: a mutated config that passes validation must still produce only resources this
 * oracle accepts. Values unknown during preview are skipped.
 */
import type { RecordedResource } from "../../preview/types";
import { decode } from "./outputs";

type Inputs = Record<string, unknown>;
type Check = (inputs: Inputs) => string[];

const num = (v: unknown): number | undefined => (typeof v === "number" ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const rec = (v: unknown): Inputs => (typeof v === "object" && v !== null ? (v as Inputs) : {});

function between(label: string, v: unknown, min: number, max: number): string[] {
  const n = num(v);
  return n !== undefined && (n < min || n > max || !Number.isInteger(n))
    ? [`${label}=${n} not in ${min}-${max}`]
    : [];
}

function matches(label: string, v: unknown, re: RegExp): string[] {
  const s = str(v);
  return s !== undefined && !re.test(s)
    ? [`${label}=${JSON.stringify(s)} does not match ${re}`]
    : [];
}

function lifecycle(label: string, l: unknown): string[] {
  const { deleteAfter, coldStorageAfter } = rec(l);
  const out = between(`${label}.deleteAfter`, deleteAfter, 1, 36500);
  const d = num(deleteAfter);
  const c = num(coldStorageAfter);
  if (d !== undefined && c !== undefined && c > 0 && d < c + 90) {
    out.push(`${label}: deleteAfter ${d} < coldStorageAfter ${c} + 90`);
  }
  return out;
}

const IA_CLASSES = new Set(["STANDARD_IA", "ONEZONE_IA"]);

/** The rules of a plan: names, schedules, windows, lifecycles of points and copies. */
function planRules(i: Inputs): string[] {
  return list(i.rules).flatMap((r, n) => {
    const rule = rec(r);
    const start = num(rule.startWindow);
    const out = [
      ...matches(`rules[${n}].ruleName`, rule.ruleName, /^[0-9A-Za-z_.-]{1,50}$/),
      ...matches(`rules[${n}].schedule`, rule.schedule, /^cron\(\S+ \S+ \S+ \S+ \S+ \S+\)$/),
      ...lifecycle(`rules[${n}].lifecycle`, rule.lifecycle),
      ...list(rule.copyActions).flatMap((c, k) =>
        lifecycle(`rules[${n}].copyActions[${k}].lifecycle`, rec(c).lifecycle),
      ),
    ];
    if (start !== undefined && start < 60) out.push(`rules[${n}].startWindow=${start} < 60`);
    if (rule.enableContinuousBackup === true) {
      out.push(
        ...between(
          `rules[${n}].lifecycle.deleteAfter (continuous)`,
          rec(rule.lifecycle).deleteAfter,
          1,
          35,
        ),
      );
    }
    return out;
  });
}

const CHECKS: Record<string, Check> = {
  "aws:backup/vault:Vault": (i) => matches("name", i.name, /^[a-zA-Z0-9\-_]{2,50}$/),
  "aws:backup/vaultLockConfiguration:VaultLockConfiguration": (i) => {
    const out = [
      ...between("minRetentionDays", i.minRetentionDays, 1, 36500),
      ...between("maxRetentionDays", i.maxRetentionDays, 1, 36500),
    ];
    const c = num(i.changeableForDays);
    if (c !== undefined && c < 3) out.push(`changeableForDays=${c} < 3`);
    const min = num(i.minRetentionDays);
    const max = num(i.maxRetentionDays);
    if (min !== undefined && max !== undefined && min > max) out.push(`min ${min} > max ${max}`);
    return out;
  },
  // CreateLogicallyAirGappedBackupVault: both bounds required, the minimum at least 7 days.
  "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault": (i) => {
    const out = [
      ...matches("name", i.name, /^[a-zA-Z0-9\-_]{2,50}$/),
      ...between("minRetentionDays", i.minRetentionDays, 7, 36500),
      ...between("maxRetentionDays", i.maxRetentionDays, 1, 36500),
    ];
    const min = num(i.minRetentionDays);
    const max = num(i.maxRetentionDays);
    if (min === undefined || max === undefined) out.push("retention bounds missing");
    else if (min > max) out.push(`min ${min} > max ${max}`);
    return out;
  },
  // ScanSetting: GUARDDUTY, EBS/EC2/S3/ALL and a role; ScanAction: GUARDDUTY, FULL_SCAN or
  // INCREMENTAL_SCAN (AWS Backup API reference).
  "aws:backup/plan:Plan": (i) => [
    ...list(i.scanSettings).flatMap((setting, n) => {
      const { malwareScanner, resourceTypes, scannerRoleArn } = rec(setting);
      const types = list(resourceTypes);
      return [
        ...(malwareScanner === "GUARDDUTY" ? [] : [`scanSettings[${n}].malwareScanner`]),
        ...(types.length === 0 ||
        types.some((t) => !["EBS", "EC2", "S3", "ALL"].includes(str(t) ?? ""))
          ? [`scanSettings[${n}].resourceTypes=${JSON.stringify(types)}`]
          : []),
        ...(str(scannerRoleArn) === undefined ? [`scanSettings[${n}].scannerRoleArn missing`] : []),
      ];
    }),
    ...list(i.rules).flatMap((r, n) =>
      list(rec(r).scanActions).flatMap((action, k) => {
        const { malwareScanner, scanMode } = rec(action);
        return malwareScanner === "GUARDDUTY" &&
          ["FULL_SCAN", "INCREMENTAL_SCAN"].includes(str(scanMode) ?? "")
          ? []
          : [`rules[${n}].scanActions[${k}]=${JSON.stringify(action)}`];
      }),
    ),
    ...planRules(i),
  ],
  "aws:backup/regionSettings:RegionSettings": (i) =>
    Object.keys(rec(i.resourceTypeOptInPreference)).length === 0 ? ["no opt-in preference"] : [],
  // PutConfigurationRecorder: recording by inclusion needs allSupported and global types off.
  "aws:cfg/recorder:Recorder": (i) => {
    const group = rec(i.recordingGroup);
    const inclusion = list(group.recordingStrategies).some(
      (strategy) => rec(strategy).useOnly === "INCLUSION_BY_RESOURCE_TYPES",
    );
    return inclusion &&
      (group.allSupported !== false ||
        group.includeGlobalResourceTypes === true ||
        list(group.resourceTypes).length === 0)
      ? ["inclusion by resource types needs allSupported false, no global types and a type"]
      : [];
  },
  "aws:storagegateway/gateway:Gateway": (i) => [
    ...matches("gatewayTimezone", i.gatewayTimezone, /^GMT([+-][0-9]{1,2}:[0-9]{2})?$/),
    ...(num(i.averageUploadRateLimitInBitsPerSec) !== undefined &&
    num(i.averageUploadRateLimitInBitsPerSec)! < 51200
      ? ["upload rate < 51200"]
      : []),
    ...(num(i.averageDownloadRateLimitInBitsPerSec) !== undefined &&
    num(i.averageDownloadRateLimitInBitsPerSec)! < 102400
      ? ["download rate < 102400"]
      : []),
  ],
  "aws:storagegateway/storedIscsiVolume:StoredIscsiVolume": (i) => [
    ...matches("targetName", i.targetName, /^[-.;a-z0-9]{1,200}$/),
    ...matches(
      "networkInterfaceId",
      i.networkInterfaceId,
      /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/,
    ),
    ...matches("diskId", i.diskId, /^.{1,300}$/),
    ...(i.kmsKey !== undefined && i.kmsEncrypted !== true ? ["kmsKey without kmsEncrypted"] : []),
  ],
  "aws:directconnect/gateway:Gateway": (i) => {
    const asn = num(i.amazonSideAsn) ?? Number(str(i.amazonSideAsn) ?? NaN);
    return Number.isNaN(asn) ||
      (asn >= 64512 && asn <= 65534) ||
      (asn >= 4200000000 && asn <= 4294967294)
      ? []
      : [`amazonSideAsn=${asn}`];
  },
  "aws:directconnect/privateVirtualInterface:PrivateVirtualInterface": (i) => [
    ...between("vlan", i.vlan, 1, 4094),
    ...(num(i.mtu) !== undefined && ![1500, 9001].includes(num(i.mtu)!)
      ? [`mtu=${num(i.mtu)}`]
      : []),
    ...(i.dxGatewayId !== undefined && i.vpnGatewayId !== undefined
      ? ["both dxGatewayId and vpnGatewayId"]
      : []),
  ],
  "aws:directconnect/transitVirtualInterface:TransitVirtualInterface": (i) => [
    ...between("vlan", i.vlan, 1, 4094),
    ...(num(i.mtu) !== undefined && ![1500, 8500].includes(num(i.mtu)!)
      ? [`mtu=${num(i.mtu)}`]
      : []),
  ],
  "aws:glacier/vault:Vault": (i) => matches("name", i.name, /^[A-Za-z0-9_.-]{1,255}$/),
  "aws:s3/bucket:Bucket": (i) => [
    ...matches("bucket", i.bucket, /^(?!xn--)(?!.*\.\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/),
    ...(i.forceDestroy === true ? ["forceDestroy"] : []),
  ],
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": (i) =>
    list(i.rules).flatMap((r, n) => {
      const out: string[] = [];
      for (const t of list(rec(r).transitions)) {
        const days = num(rec(t).days);
        if (IA_CLASSES.has(str(rec(t).storageClass) ?? "") && days !== undefined && days < 30) {
          out.push(`rules[${n}] transition to IA after ${days} < 30 days`);
        }
      }
      return out;
    }),
  "aws:kms/key:Key": (i) => [
    ...between("deletionWindowInDays", i.deletionWindowInDays, 7, 30),
    ...(i.enableKeyRotation === false ? ["rotation off"] : []),
  ],
};

/** What AWS would refuse among the recorded resources: `type name: problem` lines. */
export function awsRefusals(resources: readonly RecordedResource[]): string[] {
  return resources.flatMap((resource) => {
    const check = CHECKS[resource.type];
    if (check === undefined) return [];
    return check(decode(resource.inputs) as Inputs).map(
      (p) => `${resource.type} ${resource.name}: ${p}`,
    );
  });
}

export const ORACLE_TYPES = Object.keys(CHECKS);
