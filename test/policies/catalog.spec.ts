import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { allPolicies, PACK_NAME } from "../../policies/catalog";
import { configErrors, effectiveConfig } from "../helpers/policy-harness";

const POLICIES_DIR = path.resolve(__dirname, "..", "..", "policies");
const LEVELS = ["advisory", "mandatory", "remediate", "disabled"];
const byName = new Map(allPolicies.map((policy) => [policy.name, policy]));

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(POLICIES_DIR, file), "utf8")) as Record<
    string,
    unknown
  >;
}

/** Problems of a `--policy-config` file, checked as `pulumi policy validate-config` does (and stricter on names and keys). */
function configFileProblems(config: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [name, value] of Object.entries(config)) {
    if (name === "all" || typeof value === "string") {
      if (!LEVELS.includes(value as string)) {
        problems.push(`${name}: ${JSON.stringify(value)} is not an enforcement level`);
      }
      if (name !== "all" && !byName.has(name)) {
        problems.push(`${name}: no such policy`);
      }
      continue;
    }
    const policy = byName.get(name);
    if (policy === undefined) {
      problems.push(`${name}: no such policy`);
      continue;
    }
    const { enforcementLevel, ...properties } = value as Record<string, unknown>;
    if (enforcementLevel !== undefined && !LEVELS.includes(enforcementLevel as string)) {
      problems.push(
        `${name}.enforcementLevel: ${JSON.stringify(enforcementLevel)} is not an enforcement level`,
      );
    }
    for (const key of Object.keys(properties)) {
      if (policy.configSchema.properties[key] === undefined) {
        problems.push(`${name}.${key}: not in the policy's config schema`);
      }
    }
    try {
      effectiveConfig(policy, properties);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  return problems;
}

describe("policies/catalog", () => {
  it("names the pack and its policies in kebab-case, each once", () => {
    assert.equal(PACK_NAME, "hybrid-backup-policies");
    assert.equal(byName.size, allPolicies.length);
    assert.equal(allPolicies.length, 38);
    for (const policy of allPolicies) {
      assert.match(policy.name, /^[a-z0-9]+(-[a-z0-9]+)*$/, policy.name);
    }
  });

  it("gives every policy its metadata: description, level (advice only where it is advice), severity, remediation", () => {
    const advisory = [
      "backup-coverage-advice",
      "aws-provider-allowed-account-ids",
      "backup-audit-manager",
      "backup-isolated-copy",
      "backup-malware-scan",
      "restore-testing-coverage",
    ];
    for (const policy of allPolicies) {
      assert.ok(policy.description.endsWith("."), `${policy.name} description`);
      assert.equal(
        policy.enforcementLevel,
        advisory.includes(policy.name) ? "advisory" : "mandatory",
        policy.name,
      );
      assert.ok(["low", "medium", "high", "critical"].includes(policy.severity), policy.name);
      assert.ok(policy.remediationSteps.length > 20, `${policy.name} remediationSteps`);
      const isResource = "validateResource" in policy;
      const isStack = "validateStack" in policy;
      assert.ok(isResource !== isStack, `${policy.name} is one kind of policy`);
    }
  });

  it("declares a config schema whose every property has a description and a valid default", () => {
    for (const policy of allPolicies) {
      const properties = policy.configSchema.properties;
      assert.equal(
        properties["enforcementLevel"],
        undefined,
        `${policy.name} must not declare enforcementLevel`,
      );
      for (const [key, property] of Object.entries(properties)) {
        assert.ok((property.description ?? "").length > 0, `${policy.name}.${key} description`);
        assert.notEqual(property.default, undefined, `${policy.name}.${key} default`);
      }
      assert.deepEqual(configErrors(policy.configSchema, effectiveConfig(policy)), [], policy.name);
    }
  });

  it("validates config against the schema like the CLI (types, ranges, enums, maps)", () => {
    const byNameOrThrow = (name: string) => {
      const policy = byName.get(name);
      assert.ok(policy !== undefined, name);
      return policy;
    };
    const lock = byNameOrThrow("s3-archive-object-lock");
    assert.deepEqual(configErrors(lock.configSchema, { minRetentionDays: "365" }), [
      'config [minRetentionDays] is "365", but must be integer.',
    ]);
    assert.deepEqual(configErrors(lock.configSchema, { minRetentionDays: 0 }), [
      "config [minRetentionDays] is 0, but must be >= 1.",
    ]);
    assert.deepEqual(configErrors(lock.configSchema, { allowedModes: ["WORM"] }), [
      'config [allowedModes[0]] is "WORM", but must be one of "COMPLIANCE", "GOVERNANCE".',
    ]);
    const plan = byNameOrThrow("backup-plan-frequency-and-retention");
    assert.deepEqual(configErrors(plan.configSchema, { retentionFloorDays: { gold: 0.5 } }), [
      "config [retentionFloorDays.gold] is 0.5, but must be integer.",
      "config [retentionFloorDays.gold] is 0.5, but must be >= 1.",
    ]);
    const tags = byNameOrThrow("backup-tier-tags");
    assert.deepEqual(configErrors(tags.configSchema, { tiers: [] }), [
      "config [tiers] is [], but must NOT have fewer than 1 items.",
    ]);
    assert.deepEqual(configErrors(tags.configSchema, { tiers: ["gold", "gold"] }), [
      'config [tiers] is ["gold","gold"], but must NOT have duplicate items (items ## 1 and 0 are identical).',
    ]);
    assert.throws(() => effectiveConfig(tags, { tierTagKey: "" }), {
      message:
        'Invalid config for policy "backup-tier-tags": config [tierTagKey] is "", but must NOT have fewer than 1 characters.',
    });
  });

  for (const file of ["config/prod.json", "config/staging.json"]) {
    it(`${file} is valid policy config for this pack`, () => {
      assert.deepEqual(configFileProblems(readJson(file)), []);
    });
  }

  it("finds the problems a bad config file has", () => {
    assert.deepEqual(
      configFileProblems({
        all: "strict",
        "backup-vault-lok": {},
        "backup-vault-lock": { enforcementLevel: "warn", minRetentionDay: 7, maxRetentionDays: 0 },
      }),
      [
        'all: "strict" is not an enforcement level',
        "backup-vault-lok: no such policy",
        'backup-vault-lock.enforcementLevel: "warn" is not an enforcement level',
        "backup-vault-lock.minRetentionDay: not in the policy's config schema",
        'Invalid config for policy "backup-vault-lock": config key "minRetentionDay" is not a setting of this policy; its settings are minRetentionDays, maxRetentionDays, requireComplianceMode. config [maxRetentionDays] is 0, but must be >= 1.',
      ],
    );
  });

  it("creates the PolicyPack in index.ts only", () => {
    const files = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          return entry.name === "node_modules" || entry.name === "bin" ? [] : files(full);
        }
        return entry.name.endsWith(".ts") ? [full] : [];
      });
    const creators = files(POLICIES_DIR).filter((file) =>
      fs.readFileSync(file, "utf8").includes("new PolicyPack("),
    );
    assert.deepEqual(creators, [path.join(POLICIES_DIR, "index.ts")]);
    for (const file of files(POLICIES_DIR)) {
      assert.doesNotMatch(fs.readFileSync(file, "utf8"), /from "@pulumi\/aws"/, file);
    }
  });

  it("lists every policy and config key in the README", () => {
    const readme = fs.readFileSync(path.join(POLICIES_DIR, "README.md"), "utf8");
    for (const policy of allPolicies) {
      const row = readme.split("\n").find((line) => line.startsWith(`| \`${policy.name}\``));
      assert.ok(row !== undefined, `README row for ${policy.name}`);
      for (const key of Object.keys(policy.configSchema.properties)) {
        assert.ok(row.includes(`\`${key}\``), `README row for ${policy.name} names ${key}`);
      }
    }
  });
});
