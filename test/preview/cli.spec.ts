/**
 * The gate's command line, run as CI runs it: `npm start`'s compiled gate in a child process,
 * checked by exit code, output and JSON report.
 */
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  DEFAULT_POLICY_PACK,
  DEFAULT_TIMEOUT_SECONDS,
  parseArgs,
  policyConfigFor,
} from "../../preview/cli";
import { REPO_ROOT } from "../helpers/stack";
import { gateArgs } from "../helpers/gate";

const OTHER_PROGRAM = path.join(REPO_ROOT, "test", "fixtures", "other-team-program");

interface Run {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
}

function gate(args: readonly string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      gateArgs(args),
      { cwd: REPO_ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
      (error, out, err) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : null;
        resolve({ code, out, err });
      },
    );
  });
}

/** Writes a stack file of this project for one test; the returned function removes it. */
function tempStack(name: string, text: string): () => void {
  const file = path.join(REPO_ROOT, `Pulumi.${name}.yaml`);
  fs.writeFileSync(file, text);
  return () => fs.rmSync(file, { force: true });
}

describe("offline gate command line", function () {
  this.timeout(300_000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "preview-cli-"));
  });
  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("defaults to the prod stack of this project with this project's policy pack", () => {
    const options = parseArgs([]);
    assert.equal(options.stack, "prod");
    assert.equal(options.programDir, REPO_ROOT);
    assert.deepEqual(options.policyPacks, [DEFAULT_POLICY_PACK]);
    assert.equal(options.timeoutSeconds, DEFAULT_TIMEOUT_SECONDS);
    assert.equal(options.typeCheck, true);
    assert.deepEqual(parseArgs(["--no-policy"]).policyPacks, []);
    assert.equal(parseArgs(["--no-typecheck"]).typeCheck, false);
    assert.equal(parseArgs(["--timeout", "2.5"]).timeoutSeconds, 2.5);
  });

  it("refuses bad arguments with one sentence each", () => {
    assert.throws(() => parseArgs(["--stak", "prod"]), { message: 'Unknown option "--stak".' });
    assert.throws(() => parseArgs(["--stack"]), { message: "--stack needs a value." });
    assert.throws(() => parseArgs(["--json", "--quiet"]), { message: "--json needs a value." });
    assert.throws(() => parseArgs(["--timeout", "soon"]), {
      message: '--timeout "soon" is not a number of seconds between 0 and 86400.',
    });
  });

  it("gives other programs the pack's defaults and this project's stacks the config of their environment", () => {
    assert.equal(policyConfigFor(DEFAULT_POLICY_PACK, undefined), undefined);
    assert.equal(
      policyConfigFor(DEFAULT_POLICY_PACK, "staging"),
      path.join(DEFAULT_POLICY_PACK, "config", "staging.json"),
    );
    assert.equal(policyConfigFor(DEFAULT_POLICY_PACK, "sandbox"), undefined);
    assert.equal(policyConfigFor("/other/pack", "staging"), undefined);
    assert.equal(policyConfigFor(DEFAULT_POLICY_PACK, "staging", "/x.json"), "/x.json");
  });

  it("prints the tree of another program and writes the JSON report (exit 0)", async () => {
    const file = path.join(dir, "tree.json");
    const run = await gate([
      "--program",
      OTHER_PROGRAM,
      "--stack",
      "dev",
      "--no-policy",
      "--no-typecheck",
      "--json",
      file,
    ]);
    assert.equal(run.code, 0, run.err);
    assert.equal(
      run.out.split("\n").slice(0, 6).join("\n"),
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
      complete: boolean;
    };
    assert.deepEqual(
      [report.stack, report.project, report.resources.length, report.complete],
      ["dev", "other-team", 4, true],
    );
  });

  it("runs this project's pack with its defaults on another program and exits 1 on mandatory violations", async () => {
    const file = path.join(dir, "violations.json");
    const run = await gate([
      "--program",
      OTHER_PROGRAM,
      "--stack",
      "dev",
      "--quiet",
      "--no-typecheck",
      "--json",
      file,
    ]);
    assert.equal(run.code, 1, run.err);
    assert.match(run.out, /Policy pack hybrid-backup-policies@0\.1\.0: \d+ policies/);
    const report = JSON.parse(fs.readFileSync(file, "utf8")) as {
      policies: { violations: Array<{ policy: string; enforcementLevel: string; urn: string }> };
    };
    const coverage = report.policies.violations
      .filter((v) => v.policy === "backup-selection-coverage")
      .map((v) => [v.enforcementLevel, v.urn])
      .sort();
    assert.deepEqual(coverage, [
      ["mandatory", "urn:pulumi:dev::other-team::aws:rds/instance:Instance::db"],
      ["mandatory", "urn:pulumi:dev::other-team::aws:s3/bucket:Bucket::data"],
    ]);
  });

  it("exits 2 with one plain message on a usage or project error", async () => {
    const usage = await gate(["--stak", "prod"]);
    assert.equal(usage.code, 2);
    assert.match(usage.err, /^error: Unknown option "--stak"\.\n\nUsage: npm start/);

    const missing = await gate(["--program", OTHER_PROGRAM, "--stack", "qa", "--no-policy"]);
    assert.equal(missing.code, 2);
    assert.equal(
      missing.err,
      `error: No stack file Pulumi.qa.yaml in ${OTHER_PROGRAM}: create it or pick another --stack.\n`,
    );
  });

  it("exits 2 on a config error of this project's own stack and prints it once", async () => {
    const name = `cfgerr${process.pid}`;
    const staging = fs.readFileSync(path.join(REPO_ROOT, "Pulumi.staging.yaml"), "utf8");
    const remove = tempStack(
      name,
      staging.replace(
        "hybrid-backup:environment: staging",
        'hybrid-backup:environment: "Staging!"',
      ),
    );
    try {
      const run = await gate(["--stack", name, "--no-policy", "--no-typecheck"]);
      assert.equal(run.code, 2);
      assert.equal(
        run.err,
        [
          "error: The program failed: The stack configuration has 1 problem:",
          '[hybrid-backup:environment] is "Staging!", but must be 2-16 lowercase letters, digits or hyphens, starting with a letter.',
          "Fix the keys named above in Pulumi.<stack>.yaml (or with `pulumi config set`).",
          "",
        ].join("\n"),
      );
      assert.equal(run.out, "");
    } finally {
      remove();
    }
  });

  it("judges a copy of the staging stack under another name as staging (its environment)", async () => {
    const name = `qa${process.pid}`;
    const remove = tempStack(
      name,
      fs.readFileSync(path.join(REPO_ROOT, "Pulumi.staging.yaml"), "utf8"),
    );
    const file = path.join(dir, "qa.json");
    try {
      const run = await gate(["--stack", name, "--quiet", "--no-typecheck", "--json", file]);
      const report = JSON.parse(fs.readFileSync(file, "utf8")) as {
        policies: { violations: Array<{ enforcementLevel: string }> };
        objectives?: unknown[];
      };
      assert.deepEqual(
        report.policies.violations.filter((v) => v.enforcementLevel === "mandatory"),
        [],
      );
      assert.equal(run.code, 0, run.err);
      assert.ok((report.objectives ?? []).length > 0);
    } finally {
      remove();
    }
  });
});
