import * as assert from "node:assert/strict";
import fc from "fast-check";
import {
  gatewaysNeeded,
  placeVolumes,
  type VolumePlacement,
  type VolumeToPlace,
} from "../../components/lib/gateway-placement";
import {
  STORED_GATEWAY_LIMITS,
  type GatewayLimits,
} from "../../components/lib/storage-gateway-rules";
import { Issues, formatIssues } from "../../components/lib/validation";

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

describe("placeVolumes", () => {
  it("puts 32 volumes on one gateway and the 33rd on a second", () => {
    const list = volumes(33, 2 * TIB);
    const { placement, errors } = place(list);
    assert.equal(errors, "");
    assert.equal(gatewaysNeeded(placement), 2);
    assert.deepEqual(placement.gatewayOf, [...Array<number>(32).fill(1), 2]);
    assert.deepEqual(
      placement.gateways.map((g) => [g.number, g.volumes.length, g.totalGiB]),
      [
        [1, 32, 64 * TIB],
        [2, 1, 2 * TIB],
      ],
    );
  });

  it("spreads 1,000 volumes over 32 gateways, 32 on each but the last", () => {
    const list = volumes(1000, 512);
    const { placement, errors } = place(list);
    assert.equal(errors, "");
    assert.equal(gatewaysNeeded(placement), 32);
    assert.deepEqual(
      placement.gateways.map((g) => g.volumes.length),
      [...Array<number>(31).fill(32), 8],
    );
    assertWithinLimits(list, placement, STORED_GATEWAY_LIMITS);
  });

  it("fills a gateway to exactly 512 TiB with 32 volumes of 16 TiB", () => {
    const list = volumes(33, 16 * TIB);
    const { placement, errors } = place(list);
    assert.equal(errors, "");
    assert.deepEqual(
      placement.gateways.map((g) => g.totalGiB),
      [512 * TIB, 16 * TIB],
    );
  });

  it("opens a new gateway when the size limit, not the count, is reached, and fills earlier gaps first", () => {
    const list = [
      { name: "a", sizeGiB: 100 },
      { name: "b", sizeGiB: 100 },
      { name: "c", sizeGiB: 100 },
      { name: "d", sizeGiB: 40 },
      { name: "e", sizeGiB: 60 },
    ];
    const { placement, errors } = place(list, { limits: SMALL_LIMITS });
    assert.equal(errors, "");
    // c does not fit next to a and b (300 > 250 GiB); d still fits there; e goes with c.
    assert.deepEqual(placement.gatewayOf, [1, 1, 2, 1, 2]);
    assert.deepEqual(
      placement.gateways.map((g) => g.totalGiB),
      [240, 160],
    );
  });

  it("keeps every gateway within the count and size limits (property)", () => {
    fc.assert(
      fc.property(listArb(SMALL_LIMITS, 60), (list) => {
        const { placement, errors } = place(list, { limits: SMALL_LIMITS });
        assert.equal(errors, "");
        assertWithinLimits(list, placement, SMALL_LIMITS);
        assert.ok(placement.gatewayOf.every((g) => g >= 1));
      }),
    );
  });

  it("never moves a volume when volumes are appended (property)", () => {
    fc.assert(
      fc.property(listArb(SMALL_LIMITS, 40, 6), listArb(SMALL_LIMITS, 20, 6), (before, added) => {
        const first = place(before, { limits: SMALL_LIMITS });
        const renamed = added.map((volume, index) => ({ ...volume, name: `new-${index}` }));
        const after = place([...before, ...renamed], { limits: SMALL_LIMITS });
        assert.deepEqual(
          after.placement.gatewayOf.slice(0, before.length),
          first.placement.gatewayOf,
        );
      }),
    );
  });

  it("adding a 33rd volume to a full gateway leaves the 32 others where they were", () => {
    const before = place(volumes(32, TIB)).placement;
    const after = place([...volumes(32, TIB), { name: "new", sizeGiB: TIB }]).placement;
    assert.deepEqual(after.gatewayOf.slice(0, 32), before.gatewayOf);
    assert.equal(after.gatewayOf[32], 2);
  });

  it("is deterministic", () => {
    const list = volumes(100, 300);
    assert.deepEqual(place(list).placement, place(list).placement);
  });

  it("changes nothing when volumes are pinned to the gateway they already have (property)", () => {
    fc.assert(
      fc.property(
        listArb(SMALL_LIMITS, 40),
        fc.array(fc.boolean(), { maxLength: 40 }),
        (list, pinMask) => {
          const unpinned = place(list, { limits: SMALL_LIMITS }).placement;
          const pinned = list.map((volume, index) =>
            pinMask[index] === true ? { ...volume, gateway: unpinned.gatewayOf[index] } : volume,
          );
          const again = place(pinned, { limits: SMALL_LIMITS });
          assert.equal(again.errors, "");
          assert.deepEqual(again.placement.gatewayOf, unpinned.gatewayOf);
        },
      ),
    );
  });

  it("moves nobody when a volume is removed and the volumes after it are pinned", () => {
    const list = volumes(40, TIB);
    const before = place(list).placement;
    const gatewayBefore = new Map(
      list.map((volume, index) => [volume.name, before.gatewayOf[index]]),
    );
    const remaining = list
      .filter((volume) => volume.name !== "vol-5")
      .map((volume, index) =>
        index >= 4 ? { ...volume, gateway: gatewayBefore.get(volume.name) } : volume,
      );
    const after = place(remaining);
    assert.equal(after.errors, "");
    const moved = remaining.filter(
      (volume, index) => after.placement.gatewayOf[index] !== gatewayBefore.get(volume.name),
    );
    assert.deepEqual(moved, []);
    assert.deepEqual(
      after.placement.gateways.map((g) => g.volumes.length),
      [31, 8],
    );
  });

  it("puts a pinned volume on its gateway, even one no earlier volume opened", () => {
    const list = [
      { name: "a", sizeGiB: 10 },
      { name: "b", sizeGiB: 10, gateway: 3 },
      { name: "c", sizeGiB: 10 },
    ];
    const { placement, errors } = place(list);
    assert.equal(errors, "");
    assert.deepEqual(placement.gatewayOf, [1, 3, 1]);
    assert.deepEqual(
      placement.gateways.map((g) => g.volumes),
      [[0, 2], [], [1]],
    );
    assert.equal(gatewaysNeeded(placement), 3);
  });

  it("refuses a pin to a gateway that is full, naming the volume, the gateway and the limit", () => {
    const list = [...volumes(32, TIB), { name: "late", sizeGiB: TIB, gateway: 1 }];
    const { placement, errors } = place(list, { nameOf: (n) => `dc1-gw-${n}` });
    assert.equal(
      errors,
      '[volumes[32].gateway] pins volume "late" to dc1-gw-1, which already holds 32 volumes, but a gateway holds at most 32; pin it to another gateway or remove the pin.',
    );
    assert.equal(placement.gatewayOf[32], 0);
  });

  it("refuses a pin that overflows the size of a gateway", () => {
    const list = [
      { name: "a", sizeGiB: 100 },
      { name: "b", sizeGiB: 100 },
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
