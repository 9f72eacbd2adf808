/** Pulumi programs the benchmark writes: a synthetic AWS program and bare registrations. */
import * as fs from "node:fs";
import * as path from "node:path";

/** A program of `groups` components, each with ten AWS resources wired as real programs are. */
export function syntheticProgram(dir: string, resources: number): void {
  const groups = Math.ceil(resources / 10);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, "Pulumi.yaml"),
    "name: synthetic\nruntime: nodejs\nmain: index.ts\n",
  );
  fs.writeFileSync(
    path.join(dir, "Pulumi.bench.yaml"),
    `config:\n  aws:region: us-east-1\n  synthetic:groups: "${groups}"\n`,
  );
  fs.writeFileSync(
    path.join(dir, "index.ts"),
    `import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

class Site extends pulumi.ComponentResource {
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super("synthetic:index:Site", name, {}, opts);
    const key = new aws.kms.Key(name + "-key", { enableKeyRotation: true, deletionWindowInDays: 30 }, { parent: this });
    const bucket = new aws.s3.Bucket(name + "-bucket", { bucket: name + "-archive", objectLockEnabled: true, tags: { "backup-tier": "gold" } }, { parent: this });
    new aws.s3.BucketVersioning(name + "-versioning", { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, { parent: this });
    new aws.s3.BucketServerSideEncryptionConfiguration(name + "-sse", { bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }] }, { parent: this });
    new aws.s3.BucketPublicAccessBlock(name + "-pab", { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }, { parent: this });
    const vault = new aws.backup.Vault(name + "-vault", { name: name + "-vault", kmsKeyArn: key.arn }, { parent: this });
    new aws.backup.VaultLockConfiguration(name + "-lock", { backupVaultName: vault.name, minRetentionDays: 7, maxRetentionDays: 365 }, { parent: this });
    const topic = new aws.sns.Topic(name + "-topic", { kmsMasterKeyId: key.id }, { parent: this });
    new aws.backup.VaultNotifications(name + "-notify", { backupVaultName: vault.name, snsTopicArn: topic.arn, backupVaultEvents: ["BACKUP_JOB_FAILED"] }, { parent: this });
    this.registerOutputs({ vaultArn: vault.arn });
  }
}

const groups = Number(new pulumi.Config().require("groups"));
for (let i = 0; i < groups; i++) new Site("site-" + i);
`,
  );
}

/** A program of `resources` input-less custom resources: the cheapest registration there is. */
export function bareProgram(dir: string, resources: number): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: bare\nruntime: nodejs\nmain: index.ts\n");
  fs.writeFileSync(path.join(dir, "Pulumi.bench.yaml"), "config:\n  aws:region: us-east-1\n");
  fs.writeFileSync(
    path.join(dir, "index.ts"),
    `import * as pulumi from "@pulumi/pulumi";
for (let i = 0; i < ${resources}; i++) new pulumi.CustomResource("test:index:Bare", "bare-" + i, {});
`,
  );
}
