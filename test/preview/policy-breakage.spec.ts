/**
 * Breaks the prod stack once per policy of the pack (see test/fixtures/broken-stack) and checks
 * that the offline preview, run with the pack as `npm start` runs it, reports each policy as a
 * mandatory violation on the broken resource and exits 1, while the same wrapper without the
 * breakages reports no mandatory violation and exits 0.
 */
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { allPolicies } from "../../policies/catalog";
import { main } from "../../preview/cli";
import type { PreviewReport } from "../../preview/types";
import {
  breakages,
  STACK,
  urnOf,
  type ExpectedViolation,
} from "../fixtures/broken-stack/breakages";
import { CHANGED_FILE, writeWrapperProgram } from "../fixtures/broken-stack/program";
import { REPO_ROOT } from "../helpers/stack";

interface PreviewRun {
  readonly code: number;
  readonly report: PreviewReport;
  /** `type::name` of the resources the breakages changed. */
  readonly changed: readonly string[];
}

/** Previews the wrapper program (broken or not) with the default policy pack and its prod config. */
async function preview(broken: boolean): Promise<PreviewRun> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-breakage-"));
  try {
    writeWrapperProgram(dir, REPO_ROOT, broken);
    const file = path.join(dir, "report.json");
    const errors: string[] = [];
    const code = await main(
      ["--program", dir, "--stack", STACK, "--quiet", "--no-typecheck", "--json", file],
      {
        out: () => undefined,
        err: (text) => errors.push(text),
      },
    );
    if (!fs.existsSync(file)) {
      throw new Error(`The preview exited ${code} without a report:\n${errors.join("\n")}`);
    }
    const report = JSON.parse(fs.readFileSync(file, "utf8")) as PreviewReport;
    const changed = fs
      .readFileSync(path.join(dir, CHANGED_FILE), "utf8")
      .split("\n")
      .filter((line) => line !== "");
    return { code, report, changed: [...new Set(changed)].sort() };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const descriptions = new Map(allPolicies.map((policy) => [policy.name, policy.description]));

type Row = readonly [policy: string, urn: string, message: string];

/** The level each policy runs at with the prod config (defaults, then the config's levels). */
const prodConfig = JSON.parse(
  fs.readFileSync(path.join(REPO_ROOT, "policies", "config", "prod.json"), "utf8"),
) as Record<string, { enforcementLevel?: string } | string>;
function levelOf(name: string): string {
  const entry = prodConfig[name];
  const configured = typeof entry === "string" ? entry : entry?.enforcementLevel;
  return configured ?? allPolicies.find((p) => p.name === name)?.enforcementLevel ?? "mandatory";
}

/** Violations at a level as sortable rows (notes on unknown values left out). */
function rowsAt(report: PreviewReport, level: string): Row[] {
  return (report.policies?.violations ?? [])
    .filter((v) => v.enforcementLevel === level && !v.message.includes("can't run policy"))
    .map((v): Row => [v.policy, v.urn ?? "", v.message])
    .sort();
}

/** Mandatory violations as sortable rows; the report prefixes each message with the description. */
function mandatoryRows(report: PreviewReport): Row[] {
  return rowsAt(report, "mandatory");
}

function expectedRows(violations: readonly ExpectedViolation[]): Row[] {
  return violations
    .map((v): Row => [v.policy, v.urn ?? "", `${descriptions.get(v.policy) ?? ""}\n${v.message}`])
    .sort();
}

describe("policy pack against a broken prod stack (offline preview)", () => {
  let broken: PreviewRun;
  let intact: PreviewRun;

  before(async function () {
    this.timeout(300_000);
    broken = await preview(true);
    intact = await preview(false);
  });

  it("reports no mandatory violation and exits 0 through the wrapper without breakages", () => {
    assert.deepEqual(mandatoryRows(intact.report), []);
    assert.equal(intact.code, 0);
    assert.deepEqual(intact.changed, []);
  });

  it("exits 1 with every breakage applied", () => {
    assert.equal(broken.code, 1);
  });

  it("changes every targeted resource and adds only the breakages' own resources", () => {
    const targets = breakages.flatMap(({ target }) =>
      target === undefined ? [] : [`${target.type}::${target.name}`],
    );
    assert.deepEqual(broken.changed, [...new Set(targets)].sort());
    const before = new Set(intact.report.resources.map((r) => r.urn));
    assert.deepEqual(
      broken.report.resources
        .map((r) => r.urn)
        .filter((urn) => !before.has(urn))
        .sort(),
      [
        urnOf([], "aws:dynamodb/table:Table", "policy-breakage-table-without-pitr"),
        urnOf([], "aws:ec2/instance:Instance", "policy-breakage-untagged-instance"),
        urnOf([], "aws:rds/instance:Instance", "policy-breakage-rds-one-day-backups"),
      ],
    );
  });

  // Advice on protections the intact prod stack does not have yet (malware scans, isolated
  // copies) is proven in each policy's own spec; every other policy has a breakage here.
  const provenElsewhere = new Set(["backup-malware-scan", "backup-isolated-copy"]);
  for (const policy of allPolicies.filter((p) => !provenElsewhere.has(p.name))) {
    const aimed = breakages.filter((breakage) => breakage.policy === policy.name);
    const title = aimed.map((breakage) => breakage.description).join("; ");
    it(`reports ${policy.name} when ${title === "" ? "(no breakage aims at it)" : title}`, () => {
      assert.notEqual(aimed.length, 0, `No breakage aims at the policy ${policy.name}.`);
      const expected = expectedRows(
        breakages
          .flatMap((breakage) => breakage.violations)
          .filter((v) => v.policy === policy.name),
      );
      const level = levelOf(policy.name);
      const before = new Set(rowsAt(intact.report, level).map((row) => row.join("|")));
      // Advice the intact stack already gets is not the breakage's.
      assert.deepEqual(
        rowsAt(broken.report, level).filter(
          (row) => row[0] === policy.name && !before.has(row.join("|")),
        ),
        expected,
      );
    });
  }

  it("reports no mandatory violation beyond those the breakages list", () => {
    assert.deepEqual(
      mandatoryRows(broken.report),
      expectedRows(
        breakages
          .flatMap((breakage) => breakage.violations)
          .filter((v) => levelOf(v.policy) === "mandatory"),
      ),
    );
  });

  it("aims every breakage at a policy of the pack", () => {
    assert.deepEqual(
      breakages.map((breakage) => breakage.policy).filter((name) => !descriptions.has(name)),
      [],
    );
  });
});
