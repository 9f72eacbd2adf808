import * as assert from "node:assert/strict";
import { isDataHolderType } from "../../core";
import type { RecordedResource } from "../../preview/types";
import { runStack, stackValues } from "../helpers/stack";

const isAws = (r: RecordedResource) => r.custom && r.type.startsWith("aws:");
const providerName = (ref: string | undefined) =>
  ref === undefined ? undefined : /pulumi:providers:aws::([^:]+)::/.exec(ref)?.[1];

function dataHolders(resources: readonly RecordedResource[]): RecordedResource[] {
  return resources.filter((r) => isDataHolderType(r.type));
}

/** URN of each data holder, with the inputs that would replace it if they changed. */
function holderUrns(resources: readonly RecordedResource[]): string[] {
  return dataHolders(resources)
    .map((r) => r.urn)
    .sort();
}

describe("both stacks, safe by construction", () => {
  it("prod: every AWS resource goes through a provider pinned to its account; every data holder is protected and retained", async () => {
    const run = await runStack("prod");
    const providers = run.resources.filter((r) => r.type === "pulumi:providers:aws");
    assert.deepStrictEqual(
      providers.map((p) => [p.name, p.inputs.allowedAccountIds, p.inputs.region]),
      [
        ["prod-workload", '["111111111111"]', "us-east-1"],
        ["prod-dr-provider", '["222222222222"]', "us-west-2"],
        // The DR restore tests deploy into the DR account through providers of their own.
        ["prod-restore-test-platinum-dr-provider", '["222222222222"]', "us-west-2"],
        ["prod-restore-test-gold-dr-provider", '["222222222222"]', "us-west-2"],
      ],
    );
    const aws = run.resources.filter(isAws);
    assert.equal(aws.length, 317);
    const byProvider = new Map<string, number>();
    for (const r of aws) {
      const name = providerName(r.provider) ?? "(default)";
      byProvider.set(name, (byProvider.get(name) ?? 0) + 1);
    }
    assert.deepStrictEqual(Object.fromEntries(byProvider), {
      "prod-workload": 292,
      "prod-dr-provider": 11,
      "prod-restore-test-platinum-dr-provider": 7,
      "prod-restore-test-gold-dr-provider": 7,
    });
    for (const r of aws.filter((x) => x.urn.includes("DrVault$"))) {
      assert.equal(providerName(r.provider), "prod-dr-provider", r.name);
    }
    const holders = dataHolders(run.resources);
    assert.equal(holders.length, 82);
    assert.deepStrictEqual(
      holders.filter((r) => !r.protect || !r.retainOnDelete).map((r) => r.name),
      [],
    );
  });

  it("staging: every AWS resource goes through the pinned workload provider; every data holder is retained though not protected", async () => {
    const run = await runStack("staging");
    const aws = run.resources.filter(isAws);
    assert.equal(aws.length, 110);
    assert.deepStrictEqual(
      aws.filter((r) => providerName(r.provider) !== "staging-workload").map((r) => r.name),
      [],
    );
    const holders = dataHolders(run.resources);
    assert.equal(holders.length, 26);
    assert.deepStrictEqual(
      holders.filter((r) => r.protect || !r.retainOnDelete).map((r) => r.name),
      [],
    );
  });

  it("staging with retainOnDelete: false lets destroy delete the data holders, and prod refuses it", async () => {
    const run = await runStack("staging", { "hybrid-backup:retainOnDelete": "false" });
    assert.deepStrictEqual(
      dataHolders(run.resources)
        .filter((r) => r.retainOnDelete)
        .map((r) => r.name),
      [],
    );
    await assert.rejects(runStack("prod", { "hybrid-backup:retainOnDelete": "false" }), {
      message:
        "The stack configuration has 1 problem:\n[hybrid-backup:retainOnDelete] is false, but hybrid-backup:protect is true: a protected stack keeps its data holders when they leave the program; remove retainOnDelete or set protect to false.\nFix the keys named above in Pulumi.<stack>.yaml (or with `pulumi config set`).",
    });
  });

  describe("renames and reorders keep every data holder", () => {
    const staging = stackValues("staging").values;
    const sites = staging.sites as Array<Record<string, unknown>>;
    const archive = staging.archive as {
      buckets: Array<Record<string, unknown>>;
      glacierVaults: Array<Record<string, unknown>>;
    };
    let baseline: readonly RecordedResource[] | undefined;

    /**
     * Each data holder by URN, with its inputs but those AWS updates in place (tags, a key's
     * description).
     */
    function holders(resources: readonly RecordedResource[]): Map<string, unknown> {
      return new Map(
        dataHolders(resources).map((r) => {
          const inputs = { ...r.inputs };
          delete inputs.tags;
          delete inputs.description;
          return [r.urn, inputs];
        }),
      );
    }

    async function assertKept(
      overrides: Record<string, unknown>,
    ): Promise<readonly RecordedResource[]> {
      baseline ??= (await runStack("staging", {}, false)).resources;
      const after = (await runStack("staging", overrides, false)).resources;
      const was = holders(baseline);
      const now = holders(after);
      for (const [urn, inputs] of was) {
        assert.ok(now.has(urn), `${urn} is gone`);
        assert.deepStrictEqual(now.get(urn), inputs, urn);
      }
      return after;
    }

    it("renaming a site, with its id kept, changes only its tags", async () => {
      const after = await assertKept({
        "hybrid-backup:sites": [{ ...sites[0], name: "dc-frankfurt-main", id: "dc-frankfurt" }],
      });
      const volume = after.find((r) => r.name === "staging-dc-frankfurt-vol-db-01")!;
      assert.equal(
        (volume.inputs.tags as Record<string, string>)["on-premises-site"],
        "dc-frankfurt-main",
      );
    });

    it("changing an archive bucket's purpose, with its id kept, changes only its tags", async () => {
      const [first, ...rest] = archive.buckets;
      const after = await assertKept({
        "hybrid-backup:archive": {
          ...archive,
          buckets: [{ ...first, purpose: "dumps-and-logs", id: "logs-and-dumps" }, ...rest],
        },
      });
      const bucket = after.find((r) => r.name === "staging-archive-logs-and-dumps-bucket")!;
      assert.equal(
        (bucket.inputs.tags as Record<string, string>)["archive-purpose"],
        "dumps-and-logs",
      );
    });

    it("renaming the Glacier vault, with its id kept, keeps the vault and its lock", async () => {
      const [vault] = archive.glacierVaults;
      await assertKept({
        "hybrid-backup:archive": {
          ...archive,
          glacierVaults: [{ ...vault, name: "staging-dumps-worm", id: "hb-staging-db-dumps-worm" }],
        },
      });
    });

    it("inserting a volume in the middle keeps every other volume where it was", async () => {
      const site = sites[0]!;
      const volumes = site.volumes as Array<Record<string, unknown>>;
      const inserted = {
        name: "db-02",
        diskId: "pci-0000:0b:00.0-scsi-0:0:3:0",
        sizeGiB: 512,
        dailyChangePercent: 5,
      };
      const after = await assertKept({
        "hybrid-backup:sites": [{ ...site, volumes: [volumes[0], inserted, ...volumes.slice(1)] }],
      });
      assert.ok(after.some((r) => r.name === "staging-dc-frankfurt-vol-db-02"));
    });

    it("without the id, a rename would replace the site's data holders (what the id is for)", async () => {
      baseline ??= (await runStack("staging", {}, false)).resources;
      const after = (
        await runStack(
          "staging",
          { "hybrid-backup:sites": [{ ...sites[0], name: "dc-frankfurt-main" }] },
          false,
        )
      ).resources;
      assert.ok(
        holderUrns(after).includes(
          "urn:pulumi:staging::hybrid-backup::hybrid-backup:index:StoredVolumeGateway$aws:storagegateway/storedIscsiVolume:StoredIscsiVolume::staging-dc-frankfurt-main-vol-db-01",
        ),
      );
      assert.ok(
        !holderUrns(after).includes(
          "urn:pulumi:staging::hybrid-backup::hybrid-backup:index:StoredVolumeGateway$aws:storagegateway/storedIscsiVolume:StoredIscsiVolume::staging-dc-frankfurt-vol-db-01",
        ),
      );
    });
  });
});
