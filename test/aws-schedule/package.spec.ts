import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  REPO_ROOT,
  SCHEDULE_DIR,
  buildComponents,
  runCommand,
} from "../helpers/components-package";

interface PackResult {
  readonly name: string;
  readonly version: string;
  readonly filename: string;
  readonly files: ReadonlyArray<{ readonly path: string }>;
}

interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly dependencies?: Readonly<Record<string, string>>;
}

function manifest(dir: string): Manifest {
  return JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as Manifest;
}

describe("@hybrid-backup/aws-schedule as a published package", function () {
  this.timeout(120_000);
  let work: string;
  let packed: PackResult;

  before(() => {
    buildComponents();
    work = fs.mkdtempSync(path.join(os.tmpdir(), "aws-schedule-package-"));
    packed = (
      JSON.parse(
        runCommand(
          "npm",
          ["pack", "--ignore-scripts", "--json", "--pack-destination", work],
          SCHEDULE_DIR,
        ),
      ) as PackResult[]
    )[0]!;
  });

  after(() => {
    fs.rmSync(work, { recursive: true, force: true });
  });

  it("holds its compiled modules and declarations, and depends on nothing", () => {
    assert.equal(packed.filename, "hybrid-backup-aws-schedule-0.1.0.tgz");
    assert.deepEqual(packed.files.map((file) => file.path).sort(), [
      "README.md",
      "dist/cron.d.ts",
      "dist/cron.js",
      "dist/index.d.ts",
      "dist/index.js",
      "dist/time-zone.d.ts",
      "dist/time-zone.js",
      "package.json",
    ]);
    assert.equal(manifest(SCHEDULE_DIR).dependencies, undefined);
  });

  it("installs offline into a fresh project and evaluates a schedule there", () => {
    const project = path.join(work, "consumer");
    fs.mkdirSync(project);
    fs.writeFileSync(
      path.join(project, "package.json"),
      JSON.stringify({
        name: "consumer",
        version: "1.0.0",
        private: true,
        dependencies: { "@hybrid-backup/aws-schedule": `file:../${packed.filename}` },
      }),
    );
    runCommand("npm", ["install", "--offline", "--no-audit", "--no-fund"], project);
    const script =
      'const s = require("@hybrid-backup/aws-schedule");' +
      'console.log(require.resolve("@hybrid-backup/aws-schedule"));' +
      'console.log(s.worstCaseGapMinutes("cron(30 2 ? * * *)", "America/New_York", 2027));';
    const out = runCommand(process.execPath, ["-e", script], project).trim().split("\n");
    assert.deepEqual(out, [
      path.join(fs.realpathSync(project), "node_modules/@hybrid-backup/aws-schedule/dist/index.js"),
      "2820",
    ]);
  });

  it("is a pinned, regular dependency of the policy pack and of the components", () => {
    const { name, version } = manifest(SCHEDULE_DIR);
    for (const dir of ["policies", "components"]) {
      assert.equal(manifest(path.join(REPO_ROOT, dir)).dependencies?.[name], version, dir);
    }
  });
});
