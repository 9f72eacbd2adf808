import * as assert from "node:assert/strict";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readObjectives } from "../../preview/objectives-report";
import { REPO_ROOT } from "../helpers/stack";
import { gateArgs } from "../helpers/gate";

const SOURCE = {
  kind: "primary",
  store: "vault",
  name: "prod-backup",
  arn: "arn:aws:backup:us-east-1:111111111111:backup-vault:prod-backup",
  accountId: "111111111111",
  region: "us-east-1",
  rpoMinutes: 300,
  expectedRtoMinutes: 95,
  restoreCostUsd: 0,
};
const STEP = { source: "primary", how: "console", text: "Sign in to account 111111111111." };
const ROW = {
  dataset: "gold/shared-home",
  kind: "tier",
  rpoMinutes: 300,
  rtoMinutes: 95,
  monthlyCostUsd: 10,
  objective: { rpoMinutes: 300, rtoMinutes: 360, monthlyBudgetUsd: 100 },
  met: true,
  misses: [],
  restore: { sources: [SOURCE], steps: [STEP] },
};

/** Runs `npm start` the way a pipeline does: a child process, its exit code and output. */
function preview(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, gateArgs(args), { cwd: REPO_ROOT, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("restore runbooks in the preview", () => {
  it("puts each dataset's runbook in its report row", () => {
    const report = readObjectives({ objectives: [ROW] });
    assert.deepEqual(report?.rows[0]?.restore, { sources: [SOURCE], steps: [STEP] });
  });

  it("refuses a runbook that is not of the documented shape, naming where", () => {
    assert.throws(() => readObjectives({ objectives: [{ ...ROW, restore: { sources: [] } }] }), {
      name: "ObjectivesOutputError",
      message:
        'The stack output "objectives" has {"sources":[]} at objectives[0].restore, but must have a runbook with sources and steps.',
    });
    assert.throws(
      () =>
        readObjectives({
          objectives: [{ ...ROW, restore: { sources: [{ ...SOURCE, kind: "tape" }], steps: [] } }],
        }),
      {
        message:
          'The stack output "objectives" has "tape" at objectives[0].restore.sources[0].kind, but must have one of primary, dr, air-gapped, archive.',
      },
    );
    assert.throws(
      () =>
        readObjectives({
          objectives: [
            { ...ROW, restore: { sources: [{ ...SOURCE, expectedRtoMinutes: "95" }], steps: [] } },
          ],
        }),
      {
        message:
          'The stack output "objectives" has "95" at objectives[0].restore.sources[0].expectedRtoMinutes, but must have a number.',
      },
    );
    assert.throws(
      () =>
        readObjectives({
          objectives: [{ ...ROW, restore: { sources: [], steps: [{ ...STEP, how: "phone" }] } }],
        }),
      {
        message:
          'The stack output "objectives" has {"source":"primary","how":"phone","text":"Sign in to account 111111111111."} at objectives[0].restore.steps[0], but must have a console or cli step.',
      },
    );
  });

  describe("npm start -- --runbook FILE", () => {
    let dir: string;
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "runbook-"));
    });
    after(() => {
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it("writes every dataset's runbook of staging as Markdown and exits 0", () => {
      const file = path.join(dir, "staging.md");
      const json = path.join(dir, "staging.json");
      const { status, stdout } = preview([
        "--stack",
        "staging",
        "--quiet",
        "--no-policy",
        "--runbook",
        file,
        "--json",
        json,
      ]);
      assert.equal(status, 0);
      assert.match(stdout, new RegExp(`\\nRestore runbooks of 13 datasets written to ${file}\\n`));
      const markdown = fs.readFileSync(file, "utf8");
      const report = JSON.parse(fs.readFileSync(json, "utf8")) as {
        objectives: Array<{ dataset: string; restore: { sources: Array<{ kind: string }> } }>;
      };
      // One section per dataset of the report, in its order.
      assert.deepEqual(
        [...markdown.matchAll(/^## (.+)$/gm)].map((match) => match[1]),
        report.objectives.map((row) => row.dataset),
      );
      // Staging's gold tier copies to the DR region and has no air-gapped vault.
      assert.deepEqual(
        report.objectives
          .find((row) => row.dataset === "gold/orders-db")
          ?.restore.sources.map((source) => source.kind),
        ["primary", "dr"],
      );
      assert.match(
        markdown,
        /\n\| 2 \| Disaster-recovery copy \| `staging-dr` \| 333333333333 \| eu-west-1 \| [^|]+ \| [^|]+ \| \$[0-9.]+ \|\n/,
      );
      assert.match(
        markdown,
        /`aws backup start-restore-job --recovery-point-arn <recovery-point-arn> --iam-role-arn arn:aws:iam::333333333333:role\/staging-backup-gold-backup --metadata file:\/\/metadata.json --region eu-west-1`/,
      );
    });

    it("exits 2 with the usage when --runbook has no file", () => {
      const { status, stderr } = preview(["--stack", "staging", "--runbook"]);
      assert.equal(status, 2);
      assert.match(stderr, /^error: --runbook needs a value\.\n\nUsage: npm start -- \[options\]/);
      assert.match(
        stderr,
        /\n {2}--runbook FILE {9}write the restore runbook of every dataset as Markdown to FILE\n/,
      );
    });
  });
});
