/**
 * Programs written the way other teams write them (raw `@pulumi/aws`, their own components,
 * explicit providers), each a Pulumi project under `test/fixtures/programs/<name>/`, previewed by
 * the gate (`npm start -- --program DIR --stack S --json FILE --no-typecheck`) as a child
 * process with the pack: none may get a mandatory finding, and the advice each gets is exactly the
 * advice expected. Type checking is proven elsewhere, so it is skipped here.
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { gateArgs } from "../helpers/gate";

const REPO = path.resolve(__dirname, "..", "..");
const PROGRAMS = path.join(REPO, "test", "fixtures", "programs");

interface Finding {
  readonly policy: string;
  readonly enforcementLevel: string;
  readonly urn?: string;
  readonly message: string;
}

/** The advice each program is expected to get: `policy` or `policy @ resource name`. */
const EXPECTED_ADVICE: Readonly<Record<string, readonly string[]>> = {
  "web-service": ["backup-audit-manager", "backup-vault-deny-delete"],
  "data-platform": [
    "backup-audit-manager",
    "backup-coverage-advice @ raw",
    "backup-isolated-copy @ gold",
    "backup-malware-scan @ gold",
    "restore-testing-coverage @ etl-fs",
  ],
};

function stackOf(dir: string): string {
  const file = fs.readdirSync(dir).find((name) => /^Pulumi\.[^.]+\.yaml$/.test(name));
  if (file === undefined) throw new Error(`${dir} has no Pulumi.<stack>.yaml`);
  return file.slice("Pulumi.".length, -".yaml".length);
}

describe("policies/corpus of other teams' programs", function () {
  this.timeout(240_000);
  const programs = fs.readdirSync(PROGRAMS).sort();

  it("holds exactly the programs whose advice is listed", () => {
    assert.deepEqual(programs, Object.keys(EXPECTED_ADVICE).sort());
  });

  for (const name of programs) {
    it(`${name}: no mandatory finding, exactly the expected advice`, () => {
      const dir = path.join(PROGRAMS, name);
      const json = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "corpus-")), "report.json");
      const run = spawnSync(
        process.execPath,
        gateArgs([
          "--program",
          dir,
          "--stack",
          stackOf(dir),
          "--json",
          json,
          "--quiet",
          "--no-typecheck",
        ]),
        { cwd: REPO, encoding: "utf8" },
      );
      assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
      const report = JSON.parse(fs.readFileSync(json, "utf8")) as {
        policies: { violations: Finding[] };
      };
      const findings = report.policies.violations;
      assert.deepEqual(
        findings.filter((f) => f.enforcementLevel === "mandatory").map((f) => f.message),
        [],
      );
      const advice = findings.map((f) =>
        f.urn === undefined || f.urn.endsWith("pulumi:pulumi:Stack::" + `${name}-${stackOf(dir)}`)
          ? f.policy
          : `${f.policy} @ ${f.urn.split("::").pop() ?? ""}`,
      );
      assert.deepEqual(advice.sort(), [...(EXPECTED_ADVICE[name] ?? [])].sort());
    });
  }
});
