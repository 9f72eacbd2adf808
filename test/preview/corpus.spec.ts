/**
 * Other teams' programs (test/corpus/<name>), each run through the gate's real entry point
 * (`npm start`, compiled in `preview/bin`) as a child process: exit code,
 * what it prints and the JSON report.
 */
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../helpers/stack";
import { gateArgs } from "../helpers/gate";

const CORPUS = path.join(REPO_ROOT, "test", "corpus");
const MINI_PACK = path.join(REPO_ROOT, "test", "fixtures", "mini-pack");

interface GateRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly report?: Record<string, unknown> & {
    resources: { type: string; name: string; inputs: Record<string, unknown> }[];
    outputs: Record<string, unknown>;
  };
}

let work: string;

/** Runs `npm start -- <args>` the way CI does, without npm's own output. */
function gate(args: readonly string[], json = true): Promise<GateRun> {
  const file = path.join(work, `report-${Math.random().toString(36).slice(2)}.json`);
  const all = json ? [...args, "--json", file] : [...args];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      gateArgs(all),
      { cwd: REPO_ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : null;
        const report = fs.existsSync(file)
          ? (JSON.parse(fs.readFileSync(file, "utf8")) as GateRun["report"])
          : undefined;
        resolve({ code, stdout, stderr, ...(report === undefined ? {} : { report }) });
      },
    );
  });
}

const program = (name: string): string => path.join(CORPUS, name);

describe("offline gate on other teams' programs (child process)", function () {
  this.timeout(180_000);

  before(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "gate-corpus-"));
  });
  after(() => {
    fs.rmSync(work, { recursive: true, force: true });
  });

  it("type checks and runs an ES module program with top-level await, invokes and a tagged provider; exit 1 on a mandatory violation", async () => {
    const run = await gate([
      "--program",
      program("esm-invokes"),
      "--stack",
      "dev",
      "--policy-pack",
      MINI_PACK,
      "--quiet",
    ]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /^Previewing stack esm-invokes\/dev \(offline, preview mode\)$/m);
    assert.match(
      run.stdout,
      /^Remediated aws:s3\/bucket:Bucket scratch with mini-pack\/mini-bucket-force-destroy$/m,
    );
    assert.match(run.stdout, /^Policy violations: 1 mandatory$/m);
    assert.match(run.stdout, /^ {4}scratch has no tag backup-tier\.$/m);
    const report = run.report!;
    assert.deepEqual(
      report.resources.map((r) => [r.type, r.name]),
      [
        ["pulumi:pulumi:Stack", "esm-invokes-dev"],
        ["pulumi:providers:aws", "tagged"],
        ["aws:s3/bucket:Bucket", "scratch"],
        ["aws:s3/bucket:Bucket", "logs"],
        ["aws:ec2/instance:Instance", "web"],
        ["aws:iam/policy:Policy", "web-read"],
      ],
    );
    const web = report.resources.find((r) => r.name === "web");
    assert.deepEqual(
      [web?.inputs.ami, web?.inputs.subnetId, web?.inputs.availabilityZone],
      ["ami-0abcdef1234567890", "subnet-0a1b2c3d4e5f60001", "eu-west-1a"],
    );
    assert.deepEqual(report.outputs.accountId, "123456789012");
    assert.deepEqual(report.outputs.zoneNames, ["eu-west-1a", "eu-west-1b", "eu-west-1c"]);
    assert.deepEqual(report.outputs.vpcId, "vpc-0a1b2c3d4e5f67890");
    // The policy document is rendered as the provider renders it; one whose inputs are unknown stays unknown.
    assert.deepEqual(report.outputs.readLogsPolicy, { $unknown: true });
    assert.equal(
      report.resources.find((r) => r.name === "web-read")?.inputs.policy,
      JSON.stringify(
        {
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "Describe",
              Effect: "Allow",
              Action: ["ec2:DescribeInstances", "ec2:DescribeImages"],
              Resource: "*",
            },
            {
              Effect: "Deny",
              NotAction: "s3:GetObject",
              Resource: "arn:aws:s3:::web-logs-${aws:username}/*",
              Principal: "*",
            },
          ],
        },
        null,
        2,
      ),
    );
    assert.deepEqual(report.invokes, {
      "aws:index/getCallerIdentity:getCallerIdentity": "offline",
      "aws:index/getAvailabilityZones:getAvailabilityZones": "offline",
      "aws:ec2/getVpc:getVpc": "offline",
      "aws:ec2/getSubnets:getSubnets": "offline",
      "aws:ec2/getAmi:getAmi": "offline",
      "aws:iam/getPolicyDocument:getPolicyDocument": "offline",
    });
    assert.equal(report.complete, true);
  });

  it('type checks and runs index.ts of a "type": "module" package, calling its default export', async () => {
    const run = await gate([
      "--program",
      program("esm-default-export"),
      "--stack",
      "dev",
      "--no-policy",
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(run.report!.outputs, {
      organizationId: "o-a1b2c3d4e5",
      queueName: "jobs-dev-us-east-2",
    });
    const queue = run.report!.resources.find((r) => r.type === "aws:sqs/queue:Queue");
    assert.deepEqual(queue?.inputs, {
      name: "jobs-dev-us-east-2",
      messageRetentionSeconds: 345600,
    });
  });

  it("loads the main of package.json and reads files relative to the program's folder", async () => {
    const run = await gate([
      "--program",
      program("package-main"),
      "--stack",
      "dev",
      "--no-policy",
      "--no-typecheck",
    ]);
    assert.equal(run.code, 0, run.stderr);
    const buckets = run.report!.resources.filter((r) => r.type === "aws:s3/bucket:Bucket");
    assert.deepEqual(
      buckets.map((b) => [b.name, b.inputs.bucket, b.inputs.tags]),
      [
        ["invoices", "invoices-dev", { "backup-tier": "gold", banner: "Owned by the media team." }],
        [
          "thumbnails",
          "thumbnails-dev",
          { "backup-tier": "bronze", banner: "Owned by the media team." },
        ],
      ],
    );
    assert.equal(run.report!.outputs.workingDirectory, program("package-main"));
  });

  it("applies project config defaults from Pulumi.yaml under the stack file; its outputs are just outputs", async () => {
    const run = await gate([
      "--program",
      program("config-defaults"),
      "--stack",
      "dev",
      "--no-policy",
      "--no-typecheck",
    ]);
    assert.equal(run.code, 0, run.stderr);
    const lifecycle = run.report!.resources.find(
      (r) => r.type === "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    );
    assert.deepEqual(lifecycle?.inputs.rules, [
      { id: "expire", status: "Enabled", expiration: { days: 14 } },
    ]);
    const bucket = run.report!.resources.find((r) => r.type === "aws:s3/bucket:Bucket");
    assert.deepEqual(
      [bucket?.inputs.bucket, bucket?.inputs.tags],
      ["data-dev", { owner: "data-platform", "backup-tier": "silver" }],
    );
    assert.deepEqual(
      [run.report!.outputs.region, run.report!.outputs.cidrs, run.report!.outputs.objectives],
      ["eu-central-1", ["10.0.0.0/8"], "keep 35 days"],
    );
    assert.ok(
      run.report!.resources.some((r) => r.type === "aws:s3/bucketVersioning:BucketVersioning"),
    );
  });

  it("refuses a stack value of the wrong declared type and a missing required value: exit 2", async () => {
    const run = await gate([
      "--program",
      program("config-defaults"),
      "--stack",
      "broken",
      "--no-typecheck",
    ]);
    assert.equal(run.code, 2);
    assert.equal(
      run.stderr,
      'error: Stack "broken" sets "config-defaults:retentionDays" to "two weeks", but Pulumi.yaml declares it of type integer. Stack "broken" is missing the config value "config-defaults:owner", which Pulumi.yaml declares (type string) without a default: set it in Pulumi.broken.yaml.\n',
    );
    assert.equal(run.report, undefined);
  });

  it("names a remote component and exits 3 (incomplete), or 0 with --allow-incomplete", async () => {
    const args = [
      "--program",
      program("remote-component"),
      "--stack",
      "dev",
      "--no-policy",
      "--no-typecheck",
    ];
    const run = await gate(args);
    assert.equal(run.code, 3, run.stderr);
    assert.match(
      run.stdout,
      /^incomplete: awsx:ec2:Vpc "main" is a remote component: a plugin would create its children, which this preview cannot see or check\.$/m,
    );
    assert.match(
      run.stdout,
      /^Incomplete: 1 remote component hid part of the program \(exit 3; --allow-incomplete accepts it\)\.$/m,
    );
    assert.equal(run.report!.complete, false);
    assert.deepEqual(run.report!.remoteComponents, [
      {
        urn: "urn:pulumi:dev::remote-component::awsx:ec2:Vpc::main",
        type: "awsx:ec2:Vpc",
        name: "main",
      },
    ]);
    const accepted = await gate([...args, "--allow-incomplete"]);
    assert.equal(accepted.code, 0, accepted.stderr);
  });

  it("reports a program that throws in one paragraph: exit 2, no report", async () => {
    const run = await gate(["--program", program("throws"), "--stack", "dev", "--no-typecheck"]);
    assert.equal(run.code, 2);
    assert.equal(
      run.stderr,
      'error: The program failed: No volume size for kind "medium"; known kinds are small, large.\n',
    );
    assert.equal(run.report, undefined);
  });

  it("names the stack output still pending when the program ends: exit 2", async () => {
    const run = await gate([
      "--program",
      program("never-settles"),
      "--stack",
      "dev",
      "--no-typecheck",
    ]);
    assert.equal(run.code, 2);
    assert.equal(
      run.stderr,
      'error: The program ended with work still pending: the stack output "approvedBy". Every promise the program exports or passes to a resource must settle.\n',
    );
  });

  it("names a top-level await that never settles and passes on what the program printed: exit 2", async () => {
    const run = await gate([
      "--program",
      program("top-level-await"),
      "--stack",
      "dev",
      "--no-policy",
      "--no-typecheck",
    ]);
    assert.equal(run.code, 2);
    assert.equal(
      run.stderr,
      [
        "[program] waiting for the release approval",
        "error: The program ended with work still pending: the program's entry module (a top-level await). Every promise the program exports or passes to a resource must settle.",
        "",
      ].join("\n"),
    );
    assert.equal(run.report, undefined);
  });

  it("stops a program stuck in a synchronous loop after --timeout: exit 2", async () => {
    const started = Date.now();
    const run = await gate([
      "--program",
      program("loops"),
      "--stack",
      "dev",
      "--no-typecheck",
      "--timeout",
      "2",
    ]);
    assert.equal(run.code, 2);
    assert.equal(
      run.stderr,
      "error: The program timed out after 2 s and was stopped; raise --timeout if it needs longer.\n",
    );
    assert.ok(Date.now() - started < 60_000);
  });

  it("treats a type error as a program error (exit 2) unless --no-typecheck", async () => {
    const run = await gate(["--program", program("type-error"), "--stack", "dev", "--no-policy"]);
    assert.equal(run.code, 2);
    assert.equal(
      run.stderr,
      "error: The program does not type check (1 error; --no-typecheck skips the check): index.ts(7,30): error TS2322: Type 'string' is not assignable to type 'number'.\n",
    );
    const skipped = await gate([
      "--program",
      program("type-error"),
      "--stack",
      "dev",
      "--no-policy",
      "--no-typecheck",
    ]);
    assert.equal(skipped.code, 0, skipped.stderr);
    assert.equal(skipped.report!.outputs.replicas, "three");
  });

  it("warns once about an invoke with no offline answer and takes answers from --mocks", async () => {
    const args = [
      "--program",
      program("unknown-invoke"),
      "--stack",
      "dev",
      "--no-policy",
      "--no-typecheck",
    ];
    const run = await gate(args);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(
      run.stdout.split("\n").filter((line) => line.startsWith("warning:")),
      [
        "warning: aws:kms/getKey:getKey has no offline answer; its result is unknown in this preview (answer it with --mocks FILE).",
      ],
    );
    assert.deepEqual(run.report!.outputs.keyArn, { $unknown: true });
    assert.equal(run.report!.outputs.imageId, "ami-0abcdef1234567890");
    const mocked = await gate([
      ...args,
      "--mocks",
      path.join(program("unknown-invoke"), "mocks.yaml"),
    ]);
    assert.equal(mocked.code, 0, mocked.stderr);
    assert.doesNotMatch(mocked.stdout, /^warning:/m);
    const arn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    assert.equal(mocked.report!.outputs.keyArn, arn);
    assert.equal(mocked.report!.resources.find((r) => r.name === "data")?.inputs.kmsKeyId, arn);
  });

  it("installs the mock runtime and the recording on the program's own copy of @pulumi/pulumi", async () => {
    const dir = program("own-sdk");
    const copy = path.join(dir, "node_modules", "@pulumi", "pulumi");
    fs.cpSync(path.join(REPO_ROOT, "node_modules", "@pulumi", "pulumi"), copy, { recursive: true });
    try {
      const run = await gate(["--program", dir, "--stack", "dev", "--no-policy", "--no-typecheck"]);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.report!.outputs.sdk, path.join(copy, "index.js"));
      assert.deepEqual(
        run.report!.resources.map((r) => [r.type, r.name]),
        [
          ["pulumi:pulumi:Stack", "own-sdk-dev"],
          ["own:index:Shelf", "books"],
          ["own:index:Slot", "books-0"],
          ["own:index:Slot", "books-1"],
          ["own:index:Slot", "books-2"],
        ],
      );
    } finally {
      fs.rmSync(path.join(dir, "node_modules"), { recursive: true, force: true });
    }
  });

  it("names the unanswered invoke when a program fails on its unknown result: exit 2", async () => {
    const run = await gate([
      "--program",
      program("plain-invoke"),
      "--stack",
      "dev",
      "--no-typecheck",
    ]);
    assert.equal(run.code, 2);
    assert.equal(
      run.stderr,
      "error: The program failed: Cannot read properties of undefined (reading 'toLowerCase'). The program called aws:iam/getRole:getRole, which the gate cannot answer offline (its result is unknown during preview); give an answer with --mocks FILE.\n",
    );
  });

  it("refuses a program on a Pulumi SDK older than 3.x in one sentence: exit 2", async () => {
    const dir = path.join(work, "legacy");
    const sdk = path.join(dir, "node_modules", "@pulumi", "pulumi");
    fs.mkdirSync(sdk, { recursive: true });
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: legacy\nruntime: nodejs\n");
    fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), "config: {}\n");
    fs.writeFileSync(path.join(dir, "index.js"), "module.exports = {};\n");
    fs.writeFileSync(
      path.join(sdk, "package.json"),
      JSON.stringify({ name: "@pulumi/pulumi", version: "2.25.2", main: "index.js" }),
    );
    fs.writeFileSync(path.join(sdk, "index.js"), "module.exports = {};\n");
    const run = await gate(["--program", dir, "--stack", "dev", "--no-policy", "--no-typecheck"]);
    assert.equal(run.code, 2);
    assert.equal(
      run.stderr,
      "error: The program uses @pulumi/pulumi 2.25.2, but the offline gate runs programs on Pulumi SDK 3.x or later; upgrade @pulumi/pulumi in the program's package.json.\n",
    );
  });

  it("refuses an unwritable --json path before running anything", async () => {
    const file = path.join(work, "missing-folder", "report.json");
    const run = await gate(
      ["--program", program("loops"), "--stack", "dev", "--json", file],
      false,
    );
    assert.equal(run.code, 2);
    assert.equal(
      run.stderr,
      `error: --json ${file} cannot be written: the folder ${path.dirname(file)} does not exist.\n`,
    );
  });
});
