import * as assert from "node:assert/strict";
import fc from "fast-check";
import {
  minimumGateways,
  placeVolumes,
  rankedGateway,
  type VolumePlacement,
  type VolumeToPlace,
  STORED_GATEWAY_LIMITS,
  type GatewayLimits,
  Issues,
  formatIssues,
} from "../../core";

const TIB = 1024;

function volumes(count: number, sizeGiB: number, prefix = "vol"): VolumeToPlace[] {
  return Array.from({ length: count }, (_, index) => ({ name: `${prefix}-${index + 1}`, sizeGiB }));
}

function place(
  list: readonly VolumeToPlace[],
  options: Parameters<typeof placeVolumes>[2] = {},
): { placement: VolumePlacement; errors: string } {
  const issues = new Issues("volumes");
  const placement = placeVolumes(list, issues, options);
  return { placement, errors: formatIssues(issues.all) };
}

/** Checks every gateway against the limits and that each volume sits on the gateway listing it. */
function assertWithinLimits(
  list: readonly VolumeToPlace[],
  placement: VolumePlacement,
  limits: GatewayLimits,
): void {
  for (const load of placement.gateways) {
    assert.ok(load.volumes.length <= limits.maxVolumes, `gateway ${load.number} count`);
    const total = load.volumes.reduce((sum, index) => sum + list[index]!.sizeGiB, 0);
    assert.equal(load.totalGiB, total);
    assert.ok(total <= limits.maxGatewayGiB, `gateway ${load.number} holds ${total} GiB`);
    for (const index of load.volumes) assert.equal(placement.gatewayOf[index], load.number);
  }
}

const SMALL_LIMITS: GatewayLimits = { maxVolumes: 4, maxVolumeGiB: 100, maxGatewayGiB: 250 };

const volumeArb = (limits: GatewayLimits, pins: number) =>
  fc.record(
    {
      sizeGiB: fc.integer({ min: 1, max: limits.maxVolumeGiB }),
      gateway:
        pins === 0
          ? fc.constant(undefined)
          : fc.option(fc.integer({ min: 1, max: pins }), { nil: undefined, freq: 4 }),
    },
    { requiredKeys: ["sizeGiB"] },
  );

const listArb = (limits: GatewayLimits, maxLength: number, pins = 0) =>
  fc.array(volumeArb(limits, pins), { maxLength }).map((items) =>
    items.map((item, index) => ({
      name: `v${index}`,
      sizeGiB: item.sizeGiB,
      gateway: item.gateway,
    })),
  );

/** The gateway of each volume by name, for the volumes that were placed. */
function byName(list: readonly VolumeToPlace[], placement: VolumePlacement): Map<string, number> {
  const out = new Map<string, number>();
  list.forEach((volume, index) => {
    const gateway = placement.gatewayOf[index]!;
    if (gateway > 0) out.set(volume.name, gateway);
  });
  return out;
}

/** Every volume placed in both placements sits on the same gateway in both. */
function assertNoneMoved(
  before: Map<string, number>,
  after: Map<string, number>,
  context: string,
): void {
  for (const [name, gateway] of after) {
    if (before.has(name)) assert.equal(gateway, before.get(name), `${name} moved ${context}`);
  }
}

describe("placeVolumes", () => {
  it("ranks gateways by a fixed hash of the volume name, evenly", () => {
    assert.equal(rankedGateway("db-erp-01", 1), 1);
    const counts = [0, 0, 0, 0];
    for (let index = 0; index < 4000; index++) {
      const gateway = rankedGateway(`volume-${index}`, 4);
      assert.equal(rankedGateway(`volume-${index}`, 4), gateway);
      counts[gateway - 1]! += 1;
    }
    for (const count of counts)
      assert.ok(count > 850 && count < 1150, `uneven: ${counts.join(", ")}`);
  });

  it("puts each unpinned volume on the gateway its name ranks first, within the limits", () => {
    const list = volumes(33, TIB);
    const { placement, errors } = place(list, { gateways: 2 });
    assert.equal(errors, "");
    assert.deepEqual(
      placement.gatewayOf,
      list.map((volume) => rankedGateway(volume.name, 2)),
    );
    assert.equal(placement.gateways.length, 2);
    assertWithinLimits(list, placement, STORED_GATEWAY_LIMITS);
  });

  it("uses at least the gateways the volumes need by count and size", () => {
    assert.equal(minimumGateways(volumes(32, TIB)), 1);
    assert.equal(minimumGateways(volumes(33, TIB)), 2);
    assert.equal(minimumGateways(volumes(32, 16 * TIB)), 1);
    assert.equal(minimumGateways([...volumes(32, 16 * TIB), { name: "x", sizeGiB: 1 }]), 2);
    assert.equal(place(volumes(33, TIB)).placement.gateways.length, 2);
    assert.equal(place(volumes(3, TIB), { gateways: 5 }).placement.gateways.length, 5);
  });

  it("never moves a volume when another is removed (property)", () => {
    fc.assert(
      fc.property(
        listArb(SMALL_LIMITS, 14, 3),
        fc.nat(),
        fc.integer({ min: 3, max: 5 }),
        (list, pick, gateways) => {
          fc.pre(list.length > 0);
          const removed = pick % list.length;
          const smaller = list.filter((_, index) => index !== removed);
          const options = { limits: SMALL_LIMITS, gateways };
          const before = place(list, options);
          const after = place(smaller, options);
          assertWithinLimits(smaller, after.placement, SMALL_LIMITS);
          assertNoneMoved(
            byName(list, before.placement),
            byName(smaller, after.placement),
            `when ${list[removed]!.name} was removed`,
          );
        },
      ),
      { numRuns: 300, seed: 14 },
    );
  });

  it("never moves a volume when another is inserted anywhere (property)", () => {
    fc.assert(
      fc.property(
        listArb(SMALL_LIMITS, 14, 3),
        fc.nat(),
        fc.integer({ min: 1, max: SMALL_LIMITS.maxVolumeGiB }),
        (list, at, sizeGiB) => {
          const position = at % (list.length + 1);
          const larger = [
            ...list.slice(0, position),
            { name: "inserted", sizeGiB },
            ...list.slice(position),
          ];
          const options = { limits: SMALL_LIMITS, gateways: 5 };
          const before = place(list, options);
          const after = place(larger, options);
          assertWithinLimits(larger, after.placement, SMALL_LIMITS);
          assertNoneMoved(byName(list, before.placement), byName(larger, after.placement), "");
        },
      ),
      { numRuns: 300, seed: 15 },
    );
  });

  it("changes nothing when volumes are pinned to the gateway they already have (property)", () => {
    fc.assert(
      fc.property(listArb(SMALL_LIMITS, 14), (list) => {
        const options = { limits: SMALL_LIMITS, gateways: 4 };
        const { placement } = place(list, options);
        const pinned = list.map((volume, index) =>
          placement.gatewayOf[index]! > 0
            ? { ...volume, gateway: placement.gatewayOf[index] }
            : volume,
        );
        assert.deepEqual(place(pinned, options).placement.gatewayOf, placement.gatewayOf);
      }),
      { numRuns: 200, seed: 16 },
    );
  });

  it("moves only volumes onto a new gateway when one more is declared (property)", () => {
    fc.assert(
      fc.property(listArb(SMALL_LIMITS, 10), fc.integer({ min: 3, max: 5 }), (list, gateways) => {
        const options = { limits: SMALL_LIMITS };
        const before = byName(list, place(list, { ...options, gateways }).placement);
        const after = byName(list, place(list, { ...options, gateways: gateways + 1 }).placement);
        for (const [name, gateway] of after) {
          if (before.has(name) && before.get(name) !== gateway) {
            assert.equal(gateway, gateways + 1, `${name} moved to an old gateway`);
          }
        }
      }),
      { numRuns: 200, seed: 17 },
    );
  });

  it("refuses a volume whose gateway is full rather than moving it, naming gateways with room", () => {
    // Five names that all rank gateway 1 first among 2, against a limit of 4 volumes a gateway.
    const names: string[] = [];
    for (let index = 0; names.length < 5; index++) {
      if (rankedGateway(`v-${index}`, 2) === 1) names.push(`v-${index}`);
    }
    const list = names.map((name) => ({ name, sizeGiB: 10 }));
    const { placement, errors } = place(list, { limits: SMALL_LIMITS, gateways: 2 });
    assert.equal(
      errors,
      `[volumes[4].gateway] is not set, so volume "${names[4]!}" goes to gateway 1, the gateway its name ranks first, but it already holds 4 volumes, the most a gateway holds; pin it to gateway 2.`,
    );
    assert.deepEqual(placement.gatewayOf, [1, 1, 1, 1, 0]);
  });

  it("puts a pinned volume on its gateway before any unpinned one", () => {
    const list = [
      { name: "a", sizeGiB: 10 },
      { name: "b", sizeGiB: 10, gateway: 3 },
    ];
    const { placement, errors } = place(list, { limits: SMALL_LIMITS });
    assert.equal(errors, "");
    assert.deepEqual(placement.gatewayOf, [rankedGateway("a", 3), 3]);
    assert.equal(placement.gateways.length, 3);
  });

  it("refuses a pin to a gateway that is full, naming the volume, the gateway and the limit", () => {
    const list = [
      ...volumes(32, TIB).map((volume) => ({ ...volume, gateway: 1 })),
      { name: "late", sizeGiB: TIB, gateway: 1 },
    ];
    const { placement, errors } = place(list, { nameOf: (n) => `dc1-gw-${n}`, gateways: 2 });
    assert.equal(
      errors,
      '[volumes[32].gateway] pins volume "late" to dc1-gw-1, which already holds 32 volumes, but a gateway holds at most 32; pin it to another gateway or remove the pin.',
    );
    assert.equal(placement.gatewayOf[32], 0);
  });

  it("refuses a pin that overflows the size of a gateway", () => {
    const list = [
      { name: "a", sizeGiB: 100, gateway: 1 },
      { name: "b", sizeGiB: 100, gateway: 1 },
      { name: "c", sizeGiB: 51, gateway: 1 },
    ];
    const { errors } = place(list, { limits: SMALL_LIMITS });
    assert.equal(
      errors,
      '[volumes[2].gateway] pins volume "c" (51 GiB) to gateway 1, which already holds 200 GiB, but a gateway holds at most 250 GiB; pin it to another gateway or remove the pin.',
    );
    // The largest size that still fits passes.
    const fitting = [list[0]!, list[1]!, { ...list[2]!, sizeGiB: 50 }];
    assert.equal(place(fitting, { limits: SMALL_LIMITS }).errors, "");
  });

  it("refuses pins that are not gateway numbers or beyond the declared appliances", () => {
    const list = [
      { name: "a", sizeGiB: 1, gateway: 0 },
      { name: "b", sizeGiB: 1, gateway: 1.5 },
      { name: "c", sizeGiB: 1, gateway: 3 },
      { name: "d", sizeGiB: 1, gateway: 2 },
    ];
    const { placement, errors } = place(list, {
      maxPin: { value: 2, reason: "the site declares 2 appliances, one per gateway" },
    });
    assert.equal(
      errors,
      [
        "[volumes[0].gateway] is 0, but must be a gateway number: a whole number from 1.",
        "[volumes[1].gateway] is 1.5, but must be a gateway number: a whole number from 1.",
        "[volumes[2].gateway] is 3, but must be a whole number from 1 to 2 (the site declares 2 appliances, one per gateway).",
      ].join("\n"),
    );
    assert.deepEqual(placement.gatewayOf, [0, 0, 0, 2]);
    assert.equal(placement.gateways.length, 2);
  });

  it("refuses volumes larger than 16 TiB and places the rest", () => {
    const list = [
      { name: "huge", sizeGiB: 16 * TIB + 1 },
      { name: "ok", sizeGiB: 16 * TIB },
    ];
    const { placement, errors } = place(list);
    assert.equal(
      errors,
      "[volumes[0].sizeGiB] is 16385, but must be a whole number from 1 to 16384 GiB.",
    );
    assert.deepEqual(placement.gatewayOf, [0, 1]);
  });
});
