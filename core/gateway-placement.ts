/**
 * Spreads the stored volumes of a site across its gateways so that no volume's gateway depends on
 * any other volume.
 *
 * A volume pinned with `gateway: <n>` goes to gateway n. Any other volume goes to the gateway that
 * ranks highest for its name (rendezvous hashing: each gateway number scores the volume name with
 * a fixed hash, the highest score wins). A volume's gateway is therefore a function of its own name
 * and the number of gateways alone: adding, removing or reordering other volumes never moves it
 * (a move would replace the volume). Declaring one more gateway moves only the volumes whose name
 * ranks the new gateway highest, about one in every new gateway count; pin the volumes first to
 * keep them in place.
 *
 * No volume is ever moved to make room: a volume whose gateway is full (32 volumes or 512 TiB) is
 * refused, with the gateways that have room, so that it can be pinned to one of them.
 */
import {
  STORED_GATEWAY_LIMITS,
  type GatewayLimits,
  checkStoredVolumeSize,
} from "./storage-gateway-rules";
import { type Issues, show } from "./validation";

export interface VolumeToPlace {
  readonly name: string;
  readonly sizeGiB: number;
  /** The gateway (from 1) this volume must stay on. @default the gateway its name ranks first */
  readonly gateway?: number;
}

export interface GatewayLoad {
  /** From 1. */
  readonly number: number;
  /** Indexes of its volumes in the input list, in declaration order. */
  readonly volumes: readonly number[];
  readonly totalGiB: number;
}

export interface VolumePlacement {
  /** The gateway number of each volume, in input order; 0 for a volume that was not placed. */
  readonly gatewayOf: readonly number[];
  /** Every gateway of the site, from 1; a gateway may hold no volume. */
  readonly gateways: readonly GatewayLoad[];
}

export interface VolumePlacementOptions {
  readonly limits?: GatewayLimits;
  /**
   * How many gateways the site has (one per declared appliance); at least the minimum the volumes
   * need is used. @default the minimum the volumes need
   */
  readonly gateways?: number;
  /** Highest gateway number a pin may name, with the reason in words. @default no bound */
  readonly maxPin?: { readonly value: number; readonly reason: string };
  /** How messages name gateway `n`. @default `gateway <n>` */
  readonly nameOf?: (number: number) => string;
}

interface Load {
  volumes: number[];
  totalGiB: number;
}

/** FNV-1a, 32 bits: a fixed, platform-independent hash of a string. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** MurmurHash3's 32-bit finalizer: spreads every input bit over the whole result. */
function mix32(value: number): number {
  let hash = value >>> 0;
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b) >>> 0;
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35) >>> 0;
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** The gateway (from 1) that ranks highest for a volume name among `gateways` gateways. */
export function rankedGateway(name: string, gateways: number): number {
  const nameHash = fnv1a(name);
  let best = 1;
  let bestScore = -1;
  for (let number = 1; number <= gateways; number++) {
    const score = mix32(nameHash ^ Math.imul(number, 0x9e3779b1));
    if (score > bestScore) {
      best = number;
      bestScore = score;
    }
  }
  return best;
}

/** The fewest gateways that can hold `volumes` within the limits by count and total size. */
export function minimumGateways(
  volumes: readonly VolumeToPlace[],
  limits: GatewayLimits = STORED_GATEWAY_LIMITS,
): number {
  const totalGiB = volumes.reduce(
    (sum, volume) => sum + (Number.isFinite(volume.sizeGiB) ? volume.sizeGiB : 0),
    0,
  );
  return Math.max(
    1,
    Math.ceil(volumes.length / limits.maxVolumes),
    Math.ceil(totalGiB / limits.maxGatewayGiB),
  );
}

/**
 * Places `volumes` on `options.gateways` gateways (at least {@link minimumGateways}) and records an
 * issue (at `issues.at(index)`) for every volume whose size or pin cannot be honoured, or whose
 * gateway is full; such a volume gets gateway 0 and takes no room.
 */
export function placeVolumes(
  volumes: readonly VolumeToPlace[],
  issues: Issues,
  options: VolumePlacementOptions = {},
): VolumePlacement {
  const limits = options.limits ?? STORED_GATEWAY_LIMITS;
  const nameOf = options.nameOf ?? ((number: number) => `gateway ${number}`);
  const gatewayOf: number[] = volumes.map(() => 0);
  const fits = (load: Load, sizeGiB: number): boolean =>
    load.volumes.length < limits.maxVolumes && load.totalGiB + sizeGiB <= limits.maxGatewayGiB;
  const put = (index: number, number: number): void => {
    const load = loads[number - 1]!;
    load.volumes.push(index);
    load.totalGiB += volumes[index]!.sizeGiB;
    gatewayOf[index] = number;
  };

  // Pins first, so that a pinned volume never loses its place to an unpinned one.
  const valid = volumes.map((volume, index) => {
    const at = issues.at(index);
    const sizeOk = checkStoredVolumeSize(at.at("sizeGiB"), volume.sizeGiB, limits);
    const pin = volume.gateway;
    const pinOk = pin === undefined || checkPin(at.at("gateway"), pin, options.maxPin);
    return sizeOk && pinOk;
  });
  const highestPin = Math.max(
    0,
    ...volumes.map((volume, index) => (valid[index] ? (volume.gateway ?? 0) : 0)),
  );
  const count = Math.max(options.gateways ?? 0, minimumGateways(volumes, limits), highestPin);
  const loads: Load[] = Array.from({ length: count }, () => ({ volumes: [], totalGiB: 0 }));
  volumes.forEach((volume, index) => {
    const pin = volume.gateway;
    if (!valid[index] || pin === undefined) return;
    const load = loads[pin - 1]!;
    if (!fits(load, volume.sizeGiB)) {
      issues
        .at(index)
        .at("gateway")
        .add(pinnedOverflow(volume, load, nameOf(pin), limits));
      return;
    }
    put(index, pin);
  });
  volumes.forEach((volume, index) => {
    if (!valid[index] || volume.gateway !== undefined) return;
    const number = rankedGateway(volume.name, count);
    const load = loads[number - 1]!;
    if (!fits(load, volume.sizeGiB)) {
      const room = loads
        .map((other, at) => (fits(other, volume.sizeGiB) ? nameOf(at + 1) : undefined))
        .filter((name): name is string => name !== undefined);
      issues
        .at(index)
        .at("gateway")
        .add(
          `is not set, so volume ${show(volume.name)} goes to ${nameOf(number)}, the gateway its name ranks first, but ${fullness(load, limits)}; pin it to ${room.length === 0 ? "a new gateway (declare one more appliance)" : either(room)}.`,
        );
      return;
    }
    put(index, number);
  });

  return {
    gatewayOf,
    gateways: loads.map((load, index) => ({
      number: index + 1,
      volumes: load.volumes,
      totalGiB: load.totalGiB,
    })),
  };
}

function either(names: readonly string[]): string {
  if (names.length === 1) return names[0]!;
  return `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]!}`;
}

function fullness(load: Load, limits: GatewayLimits): string {
  return load.volumes.length >= limits.maxVolumes
    ? `it already holds ${load.volumes.length} volumes, the most a gateway holds`
    : `it already holds ${load.totalGiB} GiB, and a gateway holds at most ${sizeInWords(limits.maxGatewayGiB)}`;
}

function checkPin(issues: Issues, pin: number, maxPin: VolumePlacementOptions["maxPin"]): boolean {
  if (!Number.isInteger(pin) || pin < 1) {
    issues.add(`is ${show(pin)}, but must be a gateway number: a whole number from 1.`);
    return false;
  }
  if (maxPin !== undefined && pin > maxPin.value) {
    issues.add(
      `is ${pin}, but must be a whole number from 1 to ${maxPin.value} (${maxPin.reason}).`,
    );
    return false;
  }
  return true;
}

function pinnedOverflow(
  volume: VolumeToPlace,
  load: Load,
  gateway: string,
  limits: GatewayLimits,
): string {
  if (load.volumes.length >= limits.maxVolumes) {
    return `pins volume ${show(volume.name)} to ${gateway}, which already holds ${load.volumes.length} volumes, but a gateway holds at most ${limits.maxVolumes}; pin it to another gateway or remove the pin.`;
  }
  return `pins volume ${show(volume.name)} (${volume.sizeGiB} GiB) to ${gateway}, which already holds ${load.totalGiB} GiB, but a gateway holds at most ${sizeInWords(limits.maxGatewayGiB)}; pin it to another gateway or remove the pin.`;
}

function sizeInWords(gib: number): string {
  return gib % 1024 === 0 ? `${gib} GiB (${gib / 1024} TiB)` : `${gib} GiB`;
}

/** The highest gateway that holds a volume. */
export function gatewaysNeeded(placement: VolumePlacement): number {
  let highest = 0;
  for (const load of placement.gateways) if (load.volumes.length > 0) highest = load.number;
  return highest;
}
