import * as assert from "node:assert/strict";
import {
  noForceDestroyOnBackupStores,
  protectRecoveryPointStores,
  storedVolumePreserveExistingData,
} from "../../policies/safety";
import {
  previewAdvisory,
  ResourceFixture,
  runResourcePolicy,
  runStackPolicy,
  UNKNOWN,
  urnOf,
} from "../helpers/policy-harness";

const VAULT = "aws:backup/vault:Vault";
const KEY = "aws:kms/key:Key";

describe("policies/safety", () => {
  describe("no-force-destroy-on-backup-stores", () => {
    const bucket = (props: Record<string, unknown>): ResourceFixture => ({
      type: "aws:s3/bucket:Bucket",
      name: "archive",
      props: { bucket: "org-archive", tags: { "backup-role": "archive" }, ...props },
    });
    const message =
      "[forceDestroy] is true, but must be false or unset: destroying the store would delete every recovery point in it.";

    it("passes backup stores without forceDestroy, and other buckets with it", async () => {
      assert.deepEqual(
        (await runResourcePolicy(noForceDestroyOnBackupStores, bucket({ forceDestroy: false })))
          .messages,
        [],
      );
      assert.deepEqual(
        (
          await runResourcePolicy(noForceDestroyOnBackupStores, {
            type: VAULT,
            name: "main",
            props: {},
          })
        ).messages,
        [],
      );
      const web = await runResourcePolicy(
        noForceDestroyOnBackupStores,
        bucket({ forceDestroy: true, tags: { team: "web" } }),
      );
      assert.deepEqual(web.messages, []);
    });

    it("fails forceDestroy on an archive bucket (either family) and on a backup vault", async () => {
      assert.deepEqual(
        (await runResourcePolicy(noForceDestroyOnBackupStores, bucket({ forceDestroy: true })))
          .messages,
        [message],
      );
      const v2 = await runResourcePolicy(noForceDestroyOnBackupStores, {
        ...bucket({ forceDestroy: "true" }),
        type: "aws:s3/bucketV2:BucketV2",
      });
      assert.deepEqual(v2.messages, [message]);
      const vault = await runResourcePolicy(noForceDestroyOnBackupStores, {
        type: VAULT,
        name: "main",
        props: { forceDestroy: true },
      });
      assert.deepEqual(vault.messages, [message]);
    });

    it("says when forceDestroy or the bucket's role is unknown during preview", async () => {
      const flag = await runResourcePolicy(
        noForceDestroyOnBackupStores,
        bucket({ forceDestroy: UNKNOWN }),
      );
      assert.deepEqual(flag.advisories, [
        previewAdvisory(
          noForceDestroyOnBackupStores.name,
          "could not check that [forceDestroy] is false or unset, because it is unknown during preview.",
        ),
      ]);
      const role = await runResourcePolicy(
        noForceDestroyOnBackupStores,
        bucket({ forceDestroy: true, tags: { "backup-role": UNKNOWN } }),
      );
      assert.deepEqual(role.advisories, [
        previewAdvisory(
          noForceDestroyOnBackupStores.name,
          'could not check that [tags["backup-role"]] marks a bucket without backups, as forceDestroy is set, because it is unknown during preview.',
        ),
      ]);
    });
  });

  describe("stored-volume-preserve-existing-data", () => {
    const volume = (preserve: unknown): ResourceFixture => ({
      type: "aws:storagegateway/storedIscsiVolume:StoredIscsiVolume",
      name: "finance",
      props: {
        diskId: "pci-0000:03:00.0-scsi-0:0:1:0",
        preserveExistingData: preserve,
        targetName: "finance",
      },
    });

    it("passes a volume that keeps the disk's data", async () => {
      assert.deepEqual(
        (await runResourcePolicy(storedVolumePreserveExistingData, volume(true))).messages,
        [],
      );
    });

    it("fails preserveExistingData false, naming the disk", async () => {
      assert.deepEqual(
        (await runResourcePolicy(storedVolumePreserveExistingData, volume(false))).messages,
        [
          '[preserveExistingData] is false, but must not be: creating the volume would wipe the data on disk "pci-0000:03:00.0-scsi-0:0:1:0".',
        ],
      );
    });

    it("says when it is unknown during preview", async () => {
      const outcome = await runResourcePolicy(storedVolumePreserveExistingData, volume(UNKNOWN));
      assert.deepEqual(outcome.advisories, [
        previewAdvisory(
          storedVolumePreserveExistingData.name,
          "could not check that [preserveExistingData] is not false, because it is unknown during preview.",
        ),
      ]);
    });
  });

  describe("protect-recovery-point-stores", () => {
    const config = { requireProtect: true };
    const keyUrn = urnOf(KEY, "backup-key");
    const aliasUrn = urnOf("aws:kms/alias:Alias", "backup-key-alias");
    const stack = (
      protect: Record<string, boolean>,
      vaultDeps: string[] = [keyUrn],
    ): ResourceFixture[] => [
      {
        type: KEY,
        name: "backup-key",
        props: { enableKeyRotation: true },
        protect: protect["key"] ?? true,
      },
      { type: KEY, name: "unrelated", props: {} },
      {
        type: "aws:kms/alias:Alias",
        name: "backup-key-alias",
        props: { targetKeyId: UNKNOWN },
        propertyDependencies: { targetKeyId: [keyUrn] },
      },
      {
        type: VAULT,
        name: "main",
        props: { name: "main", kmsKeyArn: UNKNOWN },
        protect: protect["vault"] ?? true,
        propertyDependencies: { kmsKeyArn: vaultDeps },
      },
      {
        type: "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
        name: "main-lock",
        props: { backupVaultName: "main" },
        protect: protect["lock"] ?? true,
      },
      {
        type: "aws:glacier/vault:Vault",
        name: "archive",
        props: {},
        protect: protect["glacier"] ?? true,
      },
      {
        type: "aws:glacier/vaultLock:VaultLock",
        name: "archive-lock",
        props: {},
        protect: protect["glacierLock"] ?? true,
      },
    ];

    it("is not applicable unless required", async () => {
      const outcome = await runStackPolicy(protectRecoveryPointStores, stack({ vault: false }));
      assert.equal(
        outcome.notApplicable,
        "Protection is not required by this policy's configuration.",
      );
    });

    it("passes when every store, lock and vault key is protected (keys found directly or through an alias)", async () => {
      assert.deepEqual(
        (await runStackPolicy(protectRecoveryPointStores, stack({}), { config })).violations,
        [],
      );
      assert.deepEqual(
        (await runStackPolicy(protectRecoveryPointStores, stack({}, [aliasUrn]), { config }))
          .violations,
        [],
      );
    });

    it("fails each unprotected one", async () => {
      const cases: [string, string, string][] = [
        ["vault", VAULT, "main"],
        ["lock", "aws:backup/vaultLockConfiguration:VaultLockConfiguration", "main-lock"],
        ["glacier", "aws:glacier/vault:Vault", "archive"],
        ["glacierLock", "aws:glacier/vaultLock:VaultLock", "archive-lock"],
        ["key", KEY, "backup-key"],
      ];
      for (const [which, type, name] of cases) {
        const outcome = await runStackPolicy(
          protectRecoveryPointStores,
          stack({ [which]: false }, [aliasUrn]),
          { config },
        );
        assert.deepEqual(outcome.violations, [
          {
            message: `${type} ${JSON.stringify(name)} is not protected, but must be (resource option protect: true): it holds recovery points, their lock or their key.`,
            urn: urnOf(type, name),
          },
        ]);
      }
    });
  });
});
