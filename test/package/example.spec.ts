import * as assert from "node:assert/strict";
import * as path from "path";
import { EXAMPLE_DIR, REPO_ROOT, runCommand } from "../helpers/components-package";

/** A tree line without the input summary that follows its type and name. */
const structure = (line: string): string => /^[│├└─ ]*\S+ \S+/.exec(line)?.[0] ?? line;

describe("the example program consuming the package (examples/minimal)", () => {
  it("prints its tree with `npm start -- --program examples/minimal --stack dev --no-policy --no-typecheck`", () => {
    const out = runCommand(
      "npm",
      [
        "start",
        "--silent",
        "--",
        "--program",
        path.relative(REPO_ROOT, EXAMPLE_DIR),
        "--stack",
        "dev",
        "--no-policy",
        "--no-typecheck",
      ],
      REPO_ROOT,
    );
    const lines = out.trimEnd().split("\n");
    assert.equal(lines[0], "Previewing stack minimal-backup/dev (offline, preview mode)");
    assert.deepEqual(lines.slice(2, -2).map(structure), [
      "pulumi:pulumi:Stack minimal-backup-dev",
      "├─ hybrid-backup:index:BackupVault payments",
      "│  ├─ aws:kms/key:Key payments-key",
      "│  ├─ aws:kms/key:Key payments-topic-key",
      "│  ├─ aws:kms/alias:Alias payments-key-alias",
      "│  ├─ aws:kms/alias:Alias payments-topic-key-alias",
      "│  ├─ aws:backup/vault:Vault payments-vault",
      "│  ├─ aws:sns/topic:Topic payments-topic",
      "│  ├─ aws:backup/vaultLockConfiguration:VaultLockConfiguration payments-lock",
      "│  ├─ aws:backup/vaultPolicy:VaultPolicy payments-policy",
      "│  ├─ aws:sns/topicPolicy:TopicPolicy payments-topic-policy",
      "│  └─ aws:backup/vaultNotifications:VaultNotifications payments-notifications",
      "├─ hybrid-backup:index:BackupPlan payments-silver",
      "│  ├─ aws:iam/role:Role payments-silver-role",
      "│  ├─ aws:iam/rolePolicyAttachment:RolePolicyAttachment payments-silver-backup-policy",
      "│  ├─ aws:iam/rolePolicyAttachment:RolePolicyAttachment payments-silver-restores-policy",
      "│  ├─ aws:backup/plan:Plan payments-silver-plan",
      "│  └─ aws:backup/selection:Selection payments-silver-selection",
      "└─ hybrid-backup:index:ArchiveBucket payments-ledger",
      "   ├─ aws:s3/bucket:Bucket payments-ledger-bucket",
      "   ├─ aws:s3/bucketOwnershipControls:BucketOwnershipControls payments-ledger-ownership",
      "   ├─ aws:kms/key:Key payments-ledger-key",
      "   ├─ aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock payments-ledger-public-access-block",
      "   ├─ aws:s3/bucketVersioning:BucketVersioning payments-ledger-versioning",
      "   ├─ aws:kms/alias:Alias payments-ledger-key-alias",
      "   ├─ aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration payments-ledger-lock",
      "   ├─ aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration payments-ledger-encryption",
      "   ├─ aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration payments-ledger-lifecycle",
      "   └─ aws:s3/bucketPolicy:BucketPolicy payments-ledger-policy",
    ]);
    assert.equal(
      lines.at(-1),
      "29 resources: 25 cloud resources, 4 components (stack included), 0 protected.",
    );
  });
});
