/**
 * Spreads the stored volumes of a site across as many gateways as their limits require.
 *
 * The placement is a pure function of the ordered volume list: each volume, in declaration order,
 * goes to the gateway it is pinned to (`gateway`), or else to the first gateway with room left for
 * it, a new gateway being appended when none has room. A volume's gateway therefore depends only on
 * the volumes declared before it, so appending volumes never moves an existing one (a move would
 * replace the volume), and pinning a volume to the gateway it already has changes nothing.
 * Removing a volume frees its slot; a later unpinned volume that fits there would move into it,
 * which is why volumes are pinned once deployed (see docs/on-premises.md).
 */
import {
  STORED_GATEWAY_LIMITS,
  type GatewayLimits,
  checkStoredVolumeSize,
} from "./storage-gateway-rules";
import { checkIntRange, type Issues, show } from "./validation";

export interface VolumeToPlace {
  readonly name: string;
  readonly sizeGiB: number;
  /** The gateway (from 1) this volume must stay on. @default the first gateway with room */
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
  /** Gateways 1 to the highest one used (a pinned gateway may be empty otherwise). */
  readonly gateways: readonly GatewayLoad[];
}

export interface VolumePlacementOptions {
  readonly limits?: GatewayLimits;
  /** Highest gateway number a pin may name, with the reason in words. @default no bound */
  readonly maxPin?: { readonly value: number; readonly reason: string };
  /** How messages name gateway `n`. @default `gateway <n>` */
  readonly nameOf?: (number: number) => string;
}

interface Load {
  volumes: number[];
  totalGiB: number;
}

/**
 * Places `volumes` and records an issue (at `issues.at(index)`) for every volume whose size or
 * pin cannot be honoured; such a volume gets gateway 0 and takes no room.
 */
export function placeVolumes(
  volumes: readonly VolumeToPlace[],
  issues: Issues,
  options: VolumePlacementOptions = {},
): VolumePlacement {
  const limits = options.limits ?? STORED_GATEWAY_LIMITS;
  const nameOf = options.nameOf ?? ((number: number) => `gateway ${number}`);
  const loads: Load[] = [];
  const gatewayOf: number[] = [];
  // Gateways before this index hold the most volumes they can, so first-fit starts here.
  let firstWithSlots = 0;

  const loadAt = (index: number): Load => {
    while (loads.length <= index) loads.push({ volumes: [], totalGiB: 0 });
    return loads[index]!;
  };
  const fits = (load: Load, sizeGiB: number): boolean =>
    load.volumes.length < limits.maxVolumes && load.totalGiB + sizeGiB <= limits.maxGatewayGiB;

  volumes.forEach((volume, index) => {
    const at = issues.at(index);
    const sizeOk = checkStoredVolumeSize(at.at("sizeGiB"), volume.sizeGiB, limits);
    const pin = volume.gateway;
    const pinOk = pin === undefined || checkPin(at.at("gateway"), pin, options.maxPin);
    if (!sizeOk || !pinOk) {
      gatewayOf.push(0);
      return;
    }
    let target: number;
    if (pin !== undefined) {
      const load = loadAt(pin - 1);
      if (!fits(load, volume.sizeGiB)) {
        at.at("gateway").add(pinnedOverflow(volume, load, nameOf(pin), limits));
        gatewayOf.push(0);
        return;
      }
      target = pin - 1;
    } else {
      target = firstWithSlots;
      while (target < loads.length && !fits(loads[target]!, volume.sizeGiB)) target += 1;
    }
    const load = loadAt(target);
    load.volumes.push(index);
    load.totalGiB += volume.sizeGiB;
    gatewayOf.push(target + 1);
    while (
      firstWithSlots < loads.length &&
      loads[firstWithSlots]!.volumes.length >= limits.maxVolumes
    ) {
      firstWithSlots += 1;
    }
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

/** How many gateways a placement needs: the highest gateway that holds a volume. */
export function gatewaysNeeded(placement: VolumePlacement): number {
  let highest = 0;
  for (const load of placement.gateways) if (load.volumes.length > 0) highest = load.number;
  return highest;
}
