import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runProgram, type RunResult } from "../../preview/engine";
import {
  SCHEDULE_DIR,
  COMPONENTS_DIR,
  EXAMPLE_DIR,
  REPO_ROOT,
  TSC,
  buildComponents,
  runCommand,
} from "../helpers/components-package";
import { mocks } from "../helpers/mocks";

interface PackResult {
  readonly filename: string;
  readonly files: ReadonlyArray<{ readonly path: string }>;
}

/**
 * The peers a consumer installs beside the package (and the Node.js types its compiler needs). The
 * registry is out of reach and `npm install --offline` cannot resolve their dependency trees from
 * the cache, so they are linked from this repository's node_modules: the same versions, resolved
 * to the same files.
 */
const LINKED_PEERS = ["@pulumi/pulumi", "@pulumi/aws", "@types/node"];

function sourceModules(dir: string, prefix = ""): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) {
      return entry.name === "bin" || entry.name === "node_modules"
        ? []
        : sourceModules(path.join(dir, entry.name), `${prefix}${entry.name}/`);
    }
    return entry.name.endsWith(".ts") ? [`${prefix}${entry.name.slice(0, -3)}`] : [];
  });
}

describe("the components package, packed and installed outside the repository", function () {
  let work: string;
  let program: string;
  let packed: PackResult;

  before(function () {
    buildComponents();
    work = fs.mkdtempSync(path.join(os.tmpdir(), "hybrid-backup-package-"));
    const packJson = runCommand(
      "npm",
      ["pack", "--ignore-scripts", "--json", "--pack-destination", work],
      COMPONENTS_DIR,
    );
    packed = (JSON.parse(packJson) as PackResult[])[0]!;
    // The components depend on the schedule package, installed beside them from its own tarball.
    const schedule = (
      JSON.parse(
        runCommand(
          "npm",
          ["pack", "--ignore-scripts", "--json", "--pack-destination", work],
          SCHEDULE_DIR,
        ),
      ) as PackResult[]
    )[0]!;

    program = path.join(work, "program");
    fs.mkdirSync(program);
    for (const file of ["index.ts", "tsconfig.json", "Pulumi.dev.yaml"]) {
      fs.copyFileSync(path.join(EXAMPLE_DIR, file), path.join(program, file));
    }
    const project = fs.readFileSync(path.join(EXAMPLE_DIR, "Pulumi.yaml"), "utf8");
    fs.writeFileSync(path.join(program, "Pulumi.yaml"), `${project}main: bin/index.js\n`);
    fs.writeFileSync(
      path.join(program, "package.json"),
      JSON.stringify({
        name: "tarball-consumer",
        version: "1.0.0",
        private: true,
        dependencies: {
          "hybrid-backup": `file:../${packed.filename}`,
          "@hybrid-backup/aws-schedule": `file:../${schedule.filename}`,
        },
      }),
    );
    runCommand(
      "npm",
      ["install", "--offline", "--legacy-peer-deps", "--ignore-scripts", "--no-audit", "--no-fund"],
      program,
    );
    for (const peer of LINKED_PEERS) {
      const link = path.join(program, "node_modules", peer);
      fs.mkdirSync(path.dirname(link), { recursive: true });
      fs.symlinkSync(path.join(REPO_ROOT, "node_modules", peer), link, "dir");
    }
    runCommand(process.execPath, [TSC, "-p", "tsconfig.json"], program);
  });

  after(() => {
    fs.rmSync(work, { recursive: true, force: true });
  });

  it("holds the compiled modules, their declarations, README and CHANGELOG, and nothing else", () => {
    // The package is built from the components and the core checks they share with the config.
    const modules = [
      ...sourceModules(COMPONENTS_DIR, "components/"),
      ...sourceModules(path.join(REPO_ROOT, "core"), "core/"),
    ];
    const expected = [
      "CHANGELOG.md",
      "README.md",
      "package.json",
      ...modules.flatMap((module) => [`bin/${module}.d.ts`, `bin/${module}.js`]),
    ].sort();
    assert.equal(packed.filename, "hybrid-backup-0.1.0.tgz");
    assert.deepEqual(packed.files.map((file) => file.path).sort(), expected);
  });

  it("is resolved from the program's own node_modules, not from this repository", () => {
    assert.equal(
      require.resolve("hybrid-backup", { paths: [program] }),
      path.join(
        fs.realpathSync(program),
        "node_modules",
        "hybrid-backup",
        "bin",
        "components",
        "index.js",
      ),
    );
  });

  it("compiles with tsc and runs under the mocks: a vault, a plan and an archive bucket", async () => {
    const result: RunResult = await runProgram({ programDir: program, stack: "dev", mocks });
    const children = (urn: string): string[] =>
      result.resources
        .filter((resource) => resource.parent === urn)
        .map((resource) => `${resource.type} ${resource.name}`)
        .sort();
    const components = result.resources.filter((resource) => !resource.custom);
    assert.deepEqual(
      components.map((component) => [component.type, component.name]),
      [
        ["pulumi:pulumi:Stack", "minimal-backup-dev"],
        ["hybrid-backup:index:BackupVault", "payments"],
        ["hybrid-backup:index:BackupPlan", "payments-silver"],
        ["hybrid-backup:index:ArchiveBucket", "payments-ledger"],
      ],
    );
    const [, vault, plan, archive] = components;
    assert.deepEqual(children(vault!.urn), [
      "aws:backup/vault:Vault payments-vault",
      "aws:backup/vaultLockConfiguration:VaultLockConfiguration payments-lock",
      "aws:backup/vaultNotifications:VaultNotifications payments-notifications",
      "aws:backup/vaultPolicy:VaultPolicy payments-policy",
      "aws:kms/alias:Alias payments-key-alias",
      "aws:kms/alias:Alias payments-topic-key-alias",
      "aws:kms/key:Key payments-key",
      "aws:kms/key:Key payments-topic-key",
      "aws:sns/topic:Topic payments-topic",
      "aws:sns/topicPolicy:TopicPolicy payments-topic-policy",
    ]);
    assert.deepEqual(children(plan!.urn), [
      "aws:backup/plan:Plan payments-silver-plan",
      "aws:backup/selection:Selection payments-silver-selection",
      "aws:iam/role:Role payments-silver-role",
      "aws:iam/rolePolicyAttachment:RolePolicyAttachment payments-silver-backup-policy",
      "aws:iam/rolePolicyAttachment:RolePolicyAttachment payments-silver-restores-policy",
    ]);
    assert.deepEqual(children(archive!.urn), [
      "aws:kms/alias:Alias payments-ledger-key-alias",
      "aws:kms/key:Key payments-ledger-key",
      "aws:s3/bucket:Bucket payments-ledger-bucket",
      "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration payments-ledger-lifecycle",
      "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration payments-ledger-lock",
      "aws:s3/bucketOwnershipControls:BucketOwnershipControls payments-ledger-ownership",
      "aws:s3/bucketPolicy:BucketPolicy payments-ledger-policy",
      "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock payments-ledger-public-access-block",
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration payments-ledger-encryption",
      "aws:s3/bucketVersioning:BucketVersioning payments-ledger-versioning",
    ]);
    assert.deepEqual(
      result.resources
        .filter((resource) => resource.type === "aws:s3/bucket:Bucket")
        .map((bucket) => bucket.inputs.bucket),
      ["payments-ledger-archive-dev"],
    );
    assert.deepEqual(Object.keys(result.outputs).sort(), [
      "archiveBucketName",
      "planId",
      "vaultArn",
    ]);
  });
});
