import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main, parseArgs, DEFAULT_POLICY_PACK } from "../../preview/cli";
import { REPO_ROOT } from "../helpers/stack";

const OTHER_PROGRAM = path.join(REPO_ROOT, "test", "fixtures", "other-team-program");

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("offline preview command line", () => {
  it("defaults to the prod stack of this project with this project's policy pack", () => {
    const options = parseArgs([]);
    assert.equal(options.stack, "prod");
    assert.equal(options.programDir, REPO_ROOT);
    assert.deepEqual(options.policyPacks, [DEFAULT_POLICY_PACK]);
    assert.deepEqual(parseArgs(["--no-policy"]).policyPacks, []);
  });

  it("prints the tree of another program and writes the JSON report", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "preview-cli-"));
    const file = path.join(dir, "report.json");
    const { code, out } = await run([
      "--program",
      OTHER_PROGRAM,
      "--stack",
      "dev",
      "--no-policy",
      "--json",
      file,
    ]);
    assert.equal(code, 0);
    assert.equal(
      out.split("\n").slice(0, 6).join("\n"),
      [
        "Previewing stack other-team/dev (offline, preview mode)\n",
        "pulumi:pulumi:Stack other-team-dev",
        "├─ aws:s3/bucket:Bucket data  bucket=other-team-data",
        "├─ aws:rds/instance:Instance db [protect]  allocatedStorage=20 backupRetentionPeriod=7 engine=postgres instanceClass=db.t4g.micro",
        "└─ aws:s3/bucketVersioning:BucketVersioning data-versioning  bucket=(unknown)",
      ].join("\n"),
    );
    const report = JSON.parse(fs.readFileSync(file, "utf8")) as {
      stack: string;
      project: string;
      resources: unknown[];
    };
    assert.equal(report.stack, "dev");
    assert.equal(report.project, "other-team");
    assert.equal(report.resources.length, 4);
  });

  it("runs this project's policy pack on another program and exits 1 on mandatory violations", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "preview-cli-"));
    const file = path.join(dir, "report.json");
    const { code, out } = await run([
      "--program",
      OTHER_PROGRAM,
      "--stack",
      "dev",
      "--quiet",
      "--json",
      file,
    ]);
    assert.equal(code, 1);
    assert.match(out, /Policy pack hybrid-backup-policies@0\.1\.0: \d+ policies/);
    const report = JSON.parse(fs.readFileSync(file, "utf8")) as {
      policies: {
        packs: string[];
        violations: Array<{ policy: string; enforcementLevel: string; urn: string }>;
      };
    };
    assert.deepEqual(report.policies.packs, ["hybrid-backup-policies@0.1.0"]);
    const coverage = report.policies.violations
      .filter((v) => v.policy === "backup-selection-coverage")
      .map((v) => [v.enforcementLevel, v.urn])
      .sort();
    assert.deepEqual(coverage, [
      ["mandatory", "urn:pulumi:dev::other-team::aws:rds/instance:Instance::db"],
      ["mandatory", "urn:pulumi:dev::other-team::aws:s3/bucket:Bucket::data"],
    ]);
  });

  it("exits 2 with a plain message on a usage, project or config error", async () => {
    const usage = await run(["--stak", "prod"]);
    assert.equal(usage.code, 2);
    assert.match(usage.err, /^error: Unknown option "--stak"\./);

    const missing = await run(["--program", OTHER_PROGRAM, "--stack", "qa", "--no-policy"]);
    assert.equal(missing.code, 2);
    assert.equal(
      missing.err,
      `error: No stack file Pulumi.qa.yaml in ${OTHER_PROGRAM}: create it or pick another --stack.`,
    );
    assert.doesNotMatch(missing.err, /\n\s+at /);
  });
});
