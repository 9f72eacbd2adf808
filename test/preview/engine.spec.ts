import * as assert from "node:assert/strict";
import * as path from "path";
import { ProgramError, runProgram } from "../../preview/engine";
import { buildReport } from "../../preview/report";
import { ProjectFileError } from "../../preview/stack-files";
import { mocks } from "../helpers/mocks";
import { REPO_ROOT, runStack } from "../helpers/stack";

const OTHER_PROGRAM = path.join(REPO_ROOT, "test", "fixtures", "other-team-program");

describe("offline preview engine", () => {
  it("runs another team's program with its own Pulumi.yaml and stack file", async () => {
    const result = await runProgram({ programDir: OTHER_PROGRAM, stack: "dev", mocks });
    assert.equal(result.project, "other-team");
    assert.deepEqual(result.resources.map((r) => [r.type, r.name, r.parent ?? null]).sort(), [
      [
        "aws:rds/instance:Instance",
        "db",
        "urn:pulumi:dev::other-team::pulumi:pulumi:Stack::other-team-dev",
      ],
      [
        "aws:s3/bucket:Bucket",
        "data",
        "urn:pulumi:dev::other-team::pulumi:pulumi:Stack::other-team-dev",
      ],
      [
        "aws:s3/bucketVersioning:BucketVersioning",
        "data-versioning",
        "urn:pulumi:dev::other-team::pulumi:pulumi:Stack::other-team-dev",
      ],
      ["pulumi:pulumi:Stack", "other-team-dev", null],
    ]);
    assert.deepEqual(result.secretPlaceholders, ["other-team:dbPassword"]);
  });

  it("reports unknowns as unknown, secrets redacted, and the options the engine sees", async () => {
    const result = await runProgram({ programDir: OTHER_PROGRAM, stack: "dev", mocks });
    const report = buildReport({
      stack: result.stack,
      project: result.project,
      program: result.programDir,
      resources: result.resources,
      outputs: result.outputs,
    });
    const versioning = report.resources.find((r) => r.name === "data-versioning");
    const db = report.resources.find((r) => r.name === "db");
    const bucketUrn = "urn:pulumi:dev::other-team::aws:s3/bucket:Bucket::data";
    assert.deepEqual(versioning, {
      urn: "urn:pulumi:dev::other-team::aws:s3/bucketVersioning:BucketVersioning::data-versioning",
      type: "aws:s3/bucketVersioning:BucketVersioning",
      name: "data-versioning",
      parent: "urn:pulumi:dev::other-team::pulumi:pulumi:Stack::other-team-dev",
      provider: null,
      custom: true,
      inputs: { bucket: { $unknown: true }, versioningConfiguration: { status: "Enabled" } },
      protect: false,
      retainOnDelete: false,
      dependencies: [bucketUrn],
    });
    assert.equal(db?.protect, true);
    assert.deepEqual(db?.inputs.password, { $secret: true });
    assert.deepEqual(report.outputs, {
      bucketName: "other-team-data",
      dbEndpoint: { $unknown: true },
    });
    assert.deepEqual(Object.keys(report), ["stack", "project", "program", "resources", "outputs"]);
  });

  it("leaves nothing unknown outside preview mode", async () => {
    const result = await runProgram({
      programDir: OTHER_PROGRAM,
      stack: "dev",
      mocks,
      preview: false,
    });
    const versioning = result.resources.find((r) => r.name === "data-versioning");
    assert.equal(versioning?.inputs.bucket, "data-id");
  });

  it("runs each stack of this project again from scratch", async () => {
    const first = await runStack("staging");
    const second = await runStack("staging");
    assert.deepEqual(
      first.resources.map((r) => r.urn),
      second.resources.map((r) => r.urn),
    );
    assert.equal(
      first.resources[0]?.urn,
      "urn:pulumi:staging::hybrid-backup::pulumi:pulumi:Stack::hybrid-backup-staging",
    );
  });

  it("fails with a plain message for a missing stack file or project", async () => {
    await assert.rejects(runProgram({ programDir: OTHER_PROGRAM, stack: "qa", mocks }), {
      name: "ProjectFileError",
      message: `No stack file Pulumi.qa.yaml in ${OTHER_PROGRAM}: create it or pick another --stack.`,
    });
    await assert.rejects(
      runProgram({ programDir: path.join(REPO_ROOT, "test"), stack: "dev", mocks }),
      (err: unknown) =>
        err instanceof ProjectFileError &&
        err.message ===
          `Cannot read ${path.join(REPO_ROOT, "test", "Pulumi.yaml")}: the file does not exist or is not readable.`,
    );
  });

  it("turns invalid stack config into a program error that lists every problem", async () => {
    await assert.rejects(
      runStack("staging", { "hybrid-backup:environment": "Staging!", "aws:region": "us-east-9" }),
      (err: unknown) =>
        err instanceof ProgramError &&
        err.message ===
          [
            "The stack configuration has 2 problems:",
            '[aws:region] is "us-east-9", but must be an AWS region name such as us-east-1, us-west-2, eu-central-1 or eu-west-1 (38 regions are known).',
            '[hybrid-backup:environment] is "Staging!", but must be 2-16 lowercase letters, digits or hyphens, starting with a letter.',
            "Fix the keys named above in Pulumi.<stack>.yaml (or with `pulumi config set`).",
          ].join("\n"),
    );
  });
});
