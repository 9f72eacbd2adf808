/**
 * `npm run bench`: how fast the offline preview registers resources, against two floors under the
 * same mock runtime: `floor` registers the same synthetic program's resources with no recording,
 * report or tree (what the Pulumi SDK itself costs), `bare` registers as many input-less custom
 * resources (the cheapest registration there is). Each measurement runs in a fresh child process so
 * its peak memory is its own. Prints figures; asserts nothing.
 *
 *   npm run bench                 # 1,000 and 10,000 resources
 *   npm run bench -- --sizes 500  # other sizes
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");

type Mode = "preview" | "floor" | "bare";

interface Measurement {
  readonly mode: Mode;
  readonly resources: number;
  readonly seconds: number;
  readonly maxRssMiB: number;
  /** CPU seconds (user + system) of every process of the measurement: steadier than wall time on a shared machine. */
  readonly cpuSeconds: number;
}

/** A program of `groups` components, each with ten AWS resources wired as real programs are. */
function syntheticProgram(dir: string, resources: number): void {
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

function bareProgram(dir: string, resources: number): void {
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

async function child(mode: Mode, resources: number, dir: string): Promise<void> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const started = process.hrtime.bigint();
  let count: number;
  let programRssMiB = 0;
  let programCpuSeconds = 0;
  if (mode === "preview") {
    const { main } = require("../preview/cli") as typeof import("../preview/cli");
    const report = path.join(dir, "report.json");
    const lines: string[] = [];
    // The program runs in a child process: its peak memory counts too. The type check runs in a
    // process of its own, beside the run, and is left out of the figures.
    const code = await main(
      ["--program", dir, "--stack", "bench", "--no-policy", "--no-typecheck", "--json", report],
      {
        out: (t) => lines.push(t),
        err: (t) => lines.push(t),
      },
      {
        onProgramStats: (stats) => {
          programRssMiB = stats.maxRssMiB;
          programCpuSeconds = stats.cpuSeconds;
        },
      },
    );
    if (code !== 0) throw new Error(lines.join("\n"));
    count = (JSON.parse(fs.readFileSync(report, "utf8")) as { resources: unknown[] }).resources
      .length;
  } else {
    const { runProgram } = require("../preview/engine") as typeof import("../preview/engine");
    const { RecordingMocks } =
      require("../preview/recorder") as typeof import("../preview/recorder");
    let registered = 0;
    /** The same mocks without the recording tap: only what the SDK and the mock monitor cost. */
    class CountingMocks extends RecordingMocks {
      override attach(): void {}
      override newResource(args: import("@pulumi/pulumi").runtime.MockResourceArgs) {
        registered++;
        return super.newResource(args);
      }
    }
    await runProgram({ programDir: dir, stack: "bench", mocks: new CountingMocks() });
    count = registered;
  }
  /* eslint-enable @typescript-eslint/no-require-imports */
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  // Both processes are alive at the end of a run: their peaks add up.
  const maxRssMiB = process.resourceUsage().maxRSS / 1024 + programRssMiB;
  const own = process.resourceUsage();
  const cpuSeconds = (own.userCPUTime + own.systemCPUTime) / 1e6 + programCpuSeconds;
  const out: Measurement = { mode, resources: count, seconds, maxRssMiB, cpuSeconds };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

function measure(mode: Mode, resources: number, dir: string): Measurement {
  const stdout = execFileSync(
    process.execPath,
    ["-r", "ts-node/register/transpile-only", __filename, "--child", mode, String(resources), dir],
    { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  const last = stdout.trim().split("\n").pop() ?? "";
  return JSON.parse(last) as Measurement;
}

function main(): void {
  const args = process.argv.slice(2);
  if (args[0] === "--child") {
    const [, mode, n, dir] = args;
    child(mode as Mode, Number(n), dir!).catch((err: unknown) => {
      process.stderr.write(`${String(err)}\n`);
      process.exitCode = 1;
    });
    return;
  }
  const sizesArg = args.indexOf("--sizes");
  const sizes = sizesArg >= 0 ? (args[sizesArg + 1] ?? "").split(",").map(Number) : [1000, 10000];
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "preview-bench-"));
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(work, "node_modules"));
  const rows: Array<{ size: number; preview: Measurement; floor: Measurement; bare: Measurement }> =
    [];
  for (const size of sizes) {
    const programDir = path.join(work, `synthetic-${size}`);
    const bareDir = path.join(work, `bare-${size}`);
    syntheticProgram(programDir, size);
    bareProgram(bareDir, Math.ceil(size / 10) * 10);
    const preview = measure("preview", size, programDir);
    const floor = measure("floor", size, programDir);
    const bare = measure("bare", preview.resources, bareDir);
    rows.push({ size, preview, floor, bare });
  }
  const rate = (m: Measurement) => (m.resources / m.seconds).toFixed(0);
  console.log("resources  mode     seconds  resources/s  peak RSS MiB  CPU s");
  for (const { preview, floor, bare } of rows) {
    for (const m of [preview, floor, bare]) {
      console.log(
        `${String(m.resources).padStart(9)}  ${m.mode.padEnd(7)}  ${m.seconds.toFixed(2).padStart(7)}  ${rate(m).padStart(11)}  ${m.maxRssMiB.toFixed(0).padStart(12)}  ${m.cpuSeconds.toFixed(2).padStart(5)}`,
      );
    }
    console.log(
      `${String(preview.resources).padStart(9)}  preview/floor time ${(preview.seconds / floor.seconds).toFixed(2)}x, memory ${(preview.maxRssMiB / floor.maxRssMiB).toFixed(2)}x, CPU ${(preview.cpuSeconds / floor.cpuSeconds).toFixed(2)}x; preview/bare time ${(preview.seconds / bare.seconds).toFixed(2)}x`,
    );
  }
  if (rows.length >= 2) {
    const [small, large] = [rows[0]!, rows[rows.length - 1]!];
    console.log(
      `scaling ${small.preview.resources} -> ${large.preview.resources} resources: preview ${(large.preview.seconds / small.preview.seconds).toFixed(2)}x the time, floor ${(large.floor.seconds / small.floor.seconds).toFixed(2)}x, bare ${(large.bare.seconds / small.bare.seconds).toFixed(2)}x`,
    );
  }
  fs.rmSync(work, { recursive: true, force: true });
}

main();
