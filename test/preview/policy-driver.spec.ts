import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as analyzerProto from "@pulumi/pulumi/proto/analyzer_pb";
import {
  PolicyConfigError,
  PolicyPackCallError,
  PolicyPackStartError,
  enforcementLevelName,
  launchPolicyPack,
  loadPolicyConfigFile,
  parsePolicyConfig,
  reconcilePolicyConfig,
  renderPolicyRun,
  ResourceFeed,
  renderViolations,
  runPolicyPacks,
  severityName,
  type PackInfo,
  type PolicyRunResult,
} from "../../preview/policy";
import { enforcementLevelNumber } from "../../preview/policy/client";
import {
  analyzeRequest,
  prepareResources,
  stackResource,
  toAnalyzerProperties,
} from "../../preview/policy/serialize";
import {
  RESOURCE_SIG,
  SECRET_SIG,
  SIG_KEY,
  UNKNOWN_SENTINEL,
  type RecordedResource,
} from "../../preview/types";

const REPO = path.resolve(__dirname, "../..");
const MINI_PACK = path.join(REPO, "test/fixtures/mini-pack");
const PREFIX = "urn:pulumi:test::mini::";
const STACK_URN = `${PREFIX}pulumi:pulumi:Stack::mini-test`;
const COMPONENT_TYPE = "hybrid-backup:index:BackupVault";
const COMPONENT_URN = `${PREFIX}${COMPONENT_TYPE}::main`;
const PROVIDER_URN = `${PREFIX}pulumi:providers:aws::east`;

function secret(value: unknown): Record<string, unknown> {
  return { [SIG_KEY]: SECRET_SIG, value };
}

/** A custom resource at the top of the stack, or inside the component when `parent` says so. */
function resource(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  extra: Partial<RecordedResource> = {},
): RecordedResource {
  const inComponent = extra.parent === COMPONENT_URN;
  return {
    urn: `${PREFIX}${inComponent ? `${COMPONENT_TYPE}$` : ""}${type}::${name}`,
    type,
    name,
    custom: true,
    parent: STACK_URN,
    inputs,
    protect: false,
    retainOnDelete: false,
    dependencies: [],
    propertyDependencies: {},
    ...extra,
  };
}

const stack: RecordedResource = {
  urn: STACK_URN,
  type: "pulumi:pulumi:Stack",
  name: "mini-test",
  custom: false,
  inputs: {},
  protect: false,
  retainOnDelete: false,
  dependencies: [],
  propertyDependencies: {},
};
const provider = resource("pulumi:providers:aws", "east", { region: "us-east-1" });
const component = resource(COMPONENT_TYPE, "main", {}, { custom: false });
const plan = resource(
  "aws:backup/plan:Plan",
  "main-plan",
  { tags: { "backup-tier": "gold", owner: "ops" } },
  { parent: COMPONENT_URN },
);
const mainVault = resource(
  "aws:backup/vault:Vault",
  "main-vault",
  { tags: { "backup-tier": "gold", owner: "ops" }, kmsKeyArn: UNKNOWN_SENTINEL },
  { parent: COMPONENT_URN, provider: `${PROVIDER_URN}::${UNKNOWN_SENTINEL}`, protect: true },
);
const mainSelection = resource(
  "aws:backup/selection:Selection",
  "main-selection",
  { planId: UNKNOWN_SENTINEL, name: "main-selection" },
  {
    parent: COMPONENT_URN,
    dependencies: [plan.urn],
    propertyDependencies: { planId: [plan.urn], name: [] },
  },
);
const looseSelection = resource("aws:backup/selection:Selection", "loose-selection", {
  planId: "plan-123",
});
const spareVault = resource("aws:backup/vault:Vault", "spare-vault", {
  tags: { "backup-tier": "x".repeat(70), owner: "ops" },
});
const dataVolume = resource("aws:ebs/volume:Volume", "data", {
  encrypted: true,
  kmsKeyId: secret("alias/aws/ebs"),
  tags: UNKNOWN_SENTINEL,
});
const keyedVolume = resource("aws:ebs/volume:Volume", "keyed", {
  encrypted: true,
  kmsKeyId: secret("arn:aws:kms:us-east-1:111111111111:key/abc"),
  tags: { "backup-tier": "silver", owner: "ops" },
});
const plainVolume = resource("aws:ebs/volume:Volume", "plain", {
  encrypted: false,
  tags: { "backup-tier": "silver" },
});
const bucket = resource("aws:s3/bucket:Bucket", "logs", {
  forceDestroy: true,
  tags: { "backup-tier": "bronze", owner: "ops" },
});

const RESOURCES: readonly RecordedResource[] = [
  stack,
  provider,
  component,
  mainVault,
  plan,
  mainSelection,
  looseSelection,
  spareVault,
  dataVolume,
  keyedVolume,
  plainVolume,
  bucket,
];

/** The user's --policy-config content for the shared run. */
const USER_CONFIG = {
  "mini-required-tags": { tagKeys: ["backup-tier", "owner"] },
  "mini-vault-limit": "advisory",
};

/** Pids of run-policy-pack processes working in `dir`. */
function packProcessesIn(dir: string): string[] {
  return fs.readdirSync("/proc").filter((pid) => {
    if (!/^\d+$/.test(pid)) return false;
    try {
      return (
        fs.readlinkSync(`/proc/${pid}/cwd`) === dir &&
        fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("run-policy-pack")
      );
    } catch {
      return false;
    }
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A scratch pack directory that resolves its dependencies from the repository. */
function scratchPack(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "policy-driver-")));
  fs.symlinkSync(path.join(REPO, "node_modules"), path.join(dir, "node_modules"));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

const MINI_MANIFEST = fs.readFileSync(path.join(MINI_PACK, "PulumiPolicy.yaml"), "utf8");
const MINI_PACKAGE = fs.readFileSync(path.join(MINI_PACK, "package.json"), "utf8");

function propertyDependenciesOf(message: analyzerProto.AnalyzerResource): Record<string, string[]> {
  const dependencies: Record<string, string[]> = {};
  message.getPropertydependenciesMap().forEach((entry, key) => {
    dependencies[key] = entry.getUrnsList();
  });
  return dependencies;
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  assert.fail("expected a rejection");
}

describe("policy driver", () => {
  describe("wire form sent to analyzers", () => {
    it("keeps unknowns and secrets, drops internal keys and reduces references and output values", () => {
      const outputSig = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
      assert.deepEqual(
        toAnalyzerProperties({
          name: "vault",
          size: 10,
          arn: UNKNOWN_SENTINEL,
          password: secret({ user: "u", token: UNKNOWN_SENTINEL }),
          __defaults: ["name"],
          nested: { __meta: 1, keep: [true, null, { __pulumiUnknown: true }] },
          vault: { [SIG_KEY]: RESOURCE_SIG, urn: mainVault.urn, id: "vault-id" },
          pendingVault: { [SIG_KEY]: RESOURCE_SIG, urn: mainVault.urn, id: "" },
          group: { [SIG_KEY]: RESOURCE_SIG, urn: COMPONENT_URN },
          known: { [SIG_KEY]: outputSig, value: "v", dependencies: [plan.urn] },
          unknown: { [SIG_KEY]: outputSig, dependencies: [plan.urn] },
          hidden: { [SIG_KEY]: outputSig, value: "h", secret: true },
          absent: undefined,
        }),
        {
          name: "vault",
          size: 10,
          arn: UNKNOWN_SENTINEL,
          password: secret({ user: "u", token: UNKNOWN_SENTINEL }),
          nested: { keep: [true, null, UNKNOWN_SENTINEL] },
          vault: "vault-id",
          pendingVault: UNKNOWN_SENTINEL,
          group: COMPONENT_URN,
          known: "v",
          unknown: UNKNOWN_SENTINEL,
          hidden: secret("h"),
        },
      );
    });

    it("fills every field of an analyzeStack entry, with the provider resource it refers to", () => {
      const prepared = prepareResources(RESOURCES);
      assert.deepEqual(
        prepared.map((p) => p.resource.urn),
        RESOURCES.map((r) => r.urn),
      );
      const vault = prepared[3];
      assert.ok(vault !== undefined);
      const decoded = analyzerProto.AnalyzerResource.deserializeBinary(
        stackResource(vault).serializeBinary(),
      );
      assert.deepEqual(
        {
          urn: decoded.getUrn(),
          type: decoded.getType(),
          name: decoded.getName(),
          properties: decoded.getProperties()?.toJavaScript(),
          options: decoded.getOptions()?.toObject(),
          provider: {
            urn: decoded.getProvider()?.getUrn(),
            type: decoded.getProvider()?.getType(),
            name: decoded.getProvider()?.getName(),
            properties: decoded.getProvider()?.getProperties()?.toJavaScript(),
          },
          parent: decoded.getParent(),
          dependencies: decoded.getDependenciesList(),
          propertyDependencies: propertyDependenciesOf(decoded),
        },
        {
          urn: mainVault.urn,
          type: "aws:backup/vault:Vault",
          name: "main-vault",
          properties: {
            tags: { "backup-tier": "gold", owner: "ops" },
            kmsKeyArn: UNKNOWN_SENTINEL,
          },
          options: {
            protect: true,
            ignorechangesList: [],
            deletebeforereplace: false,
            deletebeforereplacedefined: false,
            additionalsecretoutputsList: [],
            aliasesList: [],
            customtimeouts: { create: 0, update: 0, pb_delete: 0, read: 0 },
            parent: COMPONENT_URN,
          },
          provider: {
            urn: PROVIDER_URN,
            type: "pulumi:providers:aws",
            name: "east",
            properties: { region: "us-east-1" },
          },
          parent: COMPONENT_URN,
          dependencies: [],
          propertyDependencies: {},
        },
      );
    });

    it("sends property dependencies except empty ones, and no provider for components", () => {
      const [selection, group] = prepareResources([mainSelection, component]);
      assert.ok(selection !== undefined && group !== undefined);
      const entry = analyzerProto.AnalyzerResource.deserializeBinary(
        stackResource(selection).serializeBinary(),
      );
      assert.deepEqual(propertyDependenciesOf(entry), { planId: [plan.urn] });
      assert.deepEqual(entry.getDependenciesList(), [plan.urn]);
      const request = analyzeRequest(group);
      assert.equal(request.hasProvider(), false);
      assert.equal(request.getOptions()?.getParent(), STACK_URN);
      assert.deepEqual(request.getProperties()?.toJavaScript(), {});
    });

    it("gives custom resources without a provider the default provider of their package", () => {
      const defaultProvider = resource("pulumi:providers:aws", "default_7_48_0", {
        region: "eu-west-1",
      });
      const prepared = prepareResources([stack, component, bucket], {
        defaultProviders: [defaultProvider],
      });
      assert.deepEqual(
        prepared.map((p) => [p.name, p.provider?.getName() ?? null]),
        [
          ["default_7_48_0", null],
          ["mini-test", null],
          ["main", null],
          ["logs", "default_7_48_0"],
        ],
      );
    });
  });

  describe("protocol enums", () => {
    it("maps enforcement levels 0 to 3 and back", () => {
      assert.deepEqual([0, 1, 2, 3].map(enforcementLevelName), [
        "advisory",
        "mandatory",
        "disabled",
        "remediate",
      ]);
      assert.deepEqual(
        (["advisory", "mandatory", "disabled", "remediate"] as const).map(enforcementLevelNumber),
        [0, 1, 2, 3],
      );
      assert.throws(() => enforcementLevelName(4), {
        message: "4 is not an enforcement level of the analyzer protocol.",
      });
    });

    it("maps severities, leaving unspecified out", () => {
      assert.deepEqual([0, 1, 2, 3, 4].map(severityName), [
        undefined,
        "low",
        "medium",
        "high",
        "critical",
      ]);
    });
  });

  describe("policy config files", () => {
    it("rejects bad entries, naming each", () => {
      assert.throws(
        () =>
          parsePolicyConfig(
            {
              "mini-required-tags": "strict",
              "mini-volume-encrypted": 3,
              "mini-vault-limit": { enforcementLevel: "off", maxVaults: 2 },
              all: "mandatory",
            },
            "policy-config.json",
          ),
        (err: unknown) => {
          assert.ok(err instanceof PolicyConfigError);
          assert.equal(
            err.message,
            [
              "Policy config policy-config.json has 3 problems:",
              '[mini-required-tags] is "strict", but must be one of "advisory", "mandatory", "remediate", "disabled".',
              "[mini-volume-encrypted] is 3, but must be an enforcement level or an object of config properties.",
              '[mini-vault-limit.enforcementLevel] is "off", but must be one of "advisory", "mandatory", "remediate", "disabled".',
            ].join("\n"),
          );
          return true;
        },
      );
    });

    it("reads levels and properties, and leaves empty entries out", () => {
      assert.deepEqual(
        parsePolicyConfig({
          all: "advisory",
          "mini-required-tags": { enforcementLevel: "disabled", tagKeys: ["a"] },
          "mini-vault-limit": { maxVaults: 2 },
          "mini-volume-encrypted": {},
        }),
        {
          all: { enforcementLevel: "advisory" },
          "mini-required-tags": { enforcementLevel: "disabled", properties: { tagKeys: ["a"] } },
          "mini-vault-limit": { properties: { maxVaults: 2 } },
        },
      );
    });

    it("reports a file that is not JSON", () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-config-"));
      const file = path.join(dir, "config.json");
      fs.writeFileSync(file, "{ mini: ");
      let reason = "";
      try {
        JSON.parse("{ mini: ");
      } catch (err) {
        reason = (err as Error).message;
      }
      try {
        assert.throws(() => loadPolicyConfigFile(file), {
          name: "PolicyConfigError",
          message: `Policy config ${file} has 1 problem:\n[${file}] is not valid JSON: ${reason}`,
        });
      } finally {
        fs.rmSync(dir, { recursive: true });
      }
    });
  });

  describe("starting a pack", () => {
    it("reports a missing directory", async () => {
      const dir = path.join(REPO, "test/fixtures/no-such-pack");
      const err = await rejection(launchPolicyPack(dir));
      assert.ok(err instanceof PolicyPackStartError);
      assert.equal(err.failure, "missing-directory");
      assert.equal(err.message, `Policy pack ${dir} does not exist.`);
    });

    it("reports a directory without PulumiPolicy.yaml, or with another runtime", async () => {
      const empty = scratchPack({});
      const python = scratchPack({ "PulumiPolicy.yaml": "runtime: python\n" });
      try {
        const missing = await rejection(launchPolicyPack(empty));
        assert.ok(missing instanceof PolicyPackStartError);
        assert.equal(missing.failure, "missing-manifest");
        assert.equal(
          missing.message,
          `${empty} is not a policy pack: it has no PulumiPolicy.yaml.`,
        );
        const other = await rejection(launchPolicyPack(python));
        assert.ok(other instanceof PolicyPackStartError);
        assert.equal(other.failure, "bad-manifest");
        assert.equal(
          other.message,
          '[PulumiPolicy.yaml: runtime] is "python", but only "nodejs" packs can run here.',
        );
      } finally {
        fs.rmSync(empty, { recursive: true });
        fs.rmSync(python, { recursive: true });
      }
    });

    it("reports a pack whose dependencies are not installed", async () => {
      const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "policy-driver-")));
      fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), MINI_MANIFEST);
      try {
        const err = await rejection(launchPolicyPack(dir));
        assert.ok(err instanceof PolicyPackStartError);
        assert.equal(err.failure, "missing-dependencies");
        assert.equal(
          err.message,
          `The dependencies of policy pack ${dir} are not installed: @pulumi/pulumi/cmd/run-policy-pack cannot be resolved from there; run npm install.`,
        );
      } finally {
        fs.rmSync(dir, { recursive: true });
      }
    });

    it("stops a pack that does not serve its port in time", async () => {
      const err = await rejection(launchPolicyPack(MINI_PACK, { startTimeoutMs: 300 }));
      assert.ok(err instanceof PolicyPackStartError);
      assert.equal(err.failure, "timeout");
      assert.equal(err.message, `Policy pack ${MINI_PACK} did not serve its port within 0.3 s.`);
      assert.deepEqual(packProcessesIn(MINI_PACK), []);
    });

    it("stops a pack still starting when the run that wanted it is cancelled", async () => {
      const cancel = new AbortController();
      setTimeout(() => cancel.abort(), 200);
      const err = await rejection(launchPolicyPack(MINI_PACK, { signal: cancel.signal }));
      assert.ok(err instanceof PolicyPackStartError);
      assert.equal(err.failure, "cancelled");
      assert.equal(err.message, `Policy pack ${MINI_PACK} was stopped before it started.`);
      assert.deepEqual(packProcessesIn(MINI_PACK), []);
    });

    it("reports a pack that does not compile, with the compiler's error", async () => {
      const dir = scratchPack({
        "PulumiPolicy.yaml": MINI_MANIFEST,
        "package.json": MINI_PACKAGE,
        "index.ts": 'import { PolicyPack } from "@pulumi/policy";\nconst limit = ;\n',
      });
      try {
        const err = await rejection(runPolicyPacks([{ dir }], RESOURCES));
        assert.ok(err instanceof PolicyPackStartError);
        assert.equal(err.failure, "crashed");
        assert.equal(
          err.message,
          [
            `Policy pack ${dir} exited with code 32 before serving its port.`,
            `Running program '${dir}' failed with an unhandled exception:`,
            "TSError: ⨯ Unable to compile TypeScript:",
            "index.ts(2,15): error TS1109: Expression expected.",
          ].join("\n"),
        );
        assert.deepEqual(packProcessesIn(dir), []);
      } finally {
        fs.rmSync(dir, { recursive: true });
      }
    });
  });

  describe("a policy that throws", () => {
    it("fails the run with the policy's error, and the pack is stopped", async () => {
      const dir = scratchPack({
        "PulumiPolicy.yaml": MINI_MANIFEST,
        "package.json": MINI_PACKAGE,
        "index.ts": [
          'import { PolicyPack } from "@pulumi/policy";',
          'new PolicyPack("throwing-pack", {',
          "  policies: [",
          "    {",
          '      name: "throws",',
          '      description: "Throws on every resource.",',
          "      validateResource: () => {",
          '        throw new Error("policy bug");',
          "      },",
          "    },",
          "  ],",
          "});",
          "",
        ].join("\n"),
      });
      try {
        const err = await rejection(runPolicyPacks([{ dir }], [stack]));
        assert.ok(err instanceof PolicyPackCallError);
        assert.deepEqual(err.message.split("\n").slice(0, 2), [
          `Policy pack ${dir}: analyze(${STACK_URN}) failed: Error validating resource with policy 'throws' from policy pack 'throwing-pack@v0.1.0':`,
          "Error: policy bug",
        ]);
        assert.deepEqual(packProcessesIn(dir), []);
      } finally {
        fs.rmSync(dir, { recursive: true });
      }
    });
  });

  describe("running the mini pack", () => {
    let result: PolicyRunResult;

    before(async () => {
      result = await runPolicyPacks([{ dir: MINI_PACK, config: USER_CONFIG }], RESOURCES, {
        project: "mini",
        stack: "test",
      });
    });

    it("reports each policy with its kind, enforcement level, severity and config schema", () => {
      assert.equal(result.packs.length, 1);
      const pack = result.packs[0];
      assert.ok(pack !== undefined);
      assert.deepEqual([pack.name, pack.version, pack.dir], ["mini-pack", "0.1.0", MINI_PACK]);
      assert.deepEqual(pack.policies, [
        {
          name: "mini-required-tags",
          description: "Taggable resources carry the required tags.",
          kind: "resource",
          enforcementLevel: "mandatory",
          severity: "high",
          configSchema: {
            properties: {
              maxValueLength: { default: 64, minimum: 1, type: "integer" },
              tagKeys: {
                default: ["backup-tier"],
                items: { minLength: 1, type: "string" },
                type: "array",
              },
            },
            required: ["tagKeys"],
          },
        },
        {
          name: "mini-volume-encrypted",
          description: "EBS volumes are encrypted with a customer managed key.",
          kind: "resource",
          enforcementLevel: "advisory",
          severity: "medium",
        },
        {
          name: "mini-bucket-force-destroy",
          description: "Buckets keep their objects when the bucket is deleted.",
          kind: "resource",
          enforcementLevel: "remediate",
        },
        {
          name: "mini-selection-plan-link",
          description: "Backup selections take their plan from a backup plan of the stack.",
          kind: "stack",
          enforcementLevel: "mandatory",
        },
        {
          name: "mini-vault-limit",
          description: "A stack holds a limited number of backup vaults.",
          kind: "stack",
          enforcementLevel: "disabled",
          configSchema: {
            properties: { maxVaults: { default: 1, minimum: 1, type: "integer" } },
            required: [],
          },
        },
      ]);
    });

    it("sends the user's config merged over the schema defaults", () => {
      assert.deepEqual(result.packs[0]?.config, {
        "mini-required-tags": {
          enforcementLevel: "mandatory",
          properties: { maxValueLength: 64, tagKeys: ["backup-tier", "owner"] },
        },
        "mini-volume-encrypted": { enforcementLevel: "advisory" },
        "mini-bucket-force-destroy": { enforcementLevel: "remediate" },
        "mini-selection-plan-link": { enforcementLevel: "mandatory" },
        "mini-vault-limit": { enforcementLevel: "advisory", properties: { maxVaults: 1 } },
      });
    });

    it("reports the violations of each resource in order, then those of the stack", () => {
      assert.deepEqual(result.violations, [
        {
          policyPack: "mini-pack",
          policy: "mini-required-tags",
          enforcementLevel: "mandatory",
          severity: "high",
          urn: spareVault.urn,
          message:
            "Taggable resources carry the required tags.\nspare-vault has tag backup-tier longer than 64 characters.",
        },
        {
          policyPack: "mini-pack",
          policy: "mini-required-tags",
          enforcementLevel: "advisory",
          severity: "high",
          urn: dataVolume.urn,
          message:
            "can't run policy 'mini-required-tags' from policy pack 'mini-pack@v0.1.0' during preview: string value at .tags can't be known during preview",
        },
        {
          policyPack: "mini-pack",
          policy: "mini-volume-encrypted",
          enforcementLevel: "advisory",
          severity: "medium",
          urn: dataVolume.urn,
          message:
            "EBS volumes are encrypted with a customer managed key.\ndata does not name its KMS key by ARN.",
        },
        {
          policyPack: "mini-pack",
          policy: "mini-required-tags",
          enforcementLevel: "mandatory",
          severity: "high",
          urn: plainVolume.urn,
          message: "Taggable resources carry the required tags.\nplain has no tag owner.",
        },
        {
          policyPack: "mini-pack",
          policy: "mini-volume-encrypted",
          enforcementLevel: "advisory",
          severity: "medium",
          urn: plainVolume.urn,
          message:
            "EBS volumes are encrypted with a customer managed key.\nplain is not encrypted.",
        },
        {
          policyPack: "mini-pack",
          policy: "mini-selection-plan-link",
          enforcementLevel: "mandatory",
          urn: looseSelection.urn,
          message:
            "Backup selections take their plan from a backup plan of the stack.\nloose-selection does not take planId from a backup plan.",
        },
        {
          policyPack: "mini-pack",
          policy: "mini-selection-plan-link",
          enforcementLevel: "mandatory",
          urn: looseSelection.urn,
          message:
            "Backup selections take their plan from a backup plan of the stack.\nloose-selection is not part of a component.",
        },
        {
          policyPack: "mini-pack",
          policy: "mini-vault-limit",
          enforcementLevel: "advisory",
          message:
            "A stack holds a limited number of backup vaults.\nThe stack has 2 backup vaults; at most 1 are allowed.",
        },
      ]);
    });

    it("applies the remediation before analysis, so the remediated bucket passes", () => {
      assert.deepEqual(result.remediations, [
        {
          policyPack: "mini-pack",
          policy: "mini-bucket-force-destroy",
          urn: bucket.urn,
          description: "Buckets keep their objects when the bucket is deleted.",
        },
      ]);
    });

    it("collects what the pack logged", () => {
      const logged = result.packs[0]?.logs.filter((entry) => entry.severity !== "debug");
      assert.deepEqual(logged, [
        { severity: "info", message: "mini-selection-plan-link: checking 2 selections" },
      ]);
      assert.deepEqual([result.packs[0]?.stdout, result.packs[0]?.stderr], [[], ""]);
    });

    it("leaves no pack process behind", () => {
      const pid = result.packs[0]?.pid ?? -1;
      assert.ok(pid > 0);
      assert.equal(isAlive(pid), false);
      assert.deepEqual(packProcessesIn(MINI_PACK), []);
    });

    it("renders the violations grouped by resource", () => {
      assert.equal(
        renderViolations(result.violations.slice(1, 5)),
        [
          "Policy violations: 1 mandatory, 3 advisory",
          "",
          `aws:ebs/volume:Volume data\n  ${dataVolume.urn}`,
          "  [advisory] mini-pack/mini-required-tags (high)",
          "    can't run policy 'mini-required-tags' from policy pack 'mini-pack@v0.1.0' during preview: string value at .tags can't be known during preview",
          "  [advisory] mini-pack/mini-volume-encrypted (medium)",
          "    EBS volumes are encrypted with a customer managed key.",
          "    data does not name its KMS key by ARN.",
          "",
          `aws:ebs/volume:Volume plain\n  ${plainVolume.urn}`,
          "  [mandatory] mini-pack/mini-required-tags (high)",
          "    Taggable resources carry the required tags.",
          "    plain has no tag owner.",
          "  [advisory] mini-pack/mini-volume-encrypted (medium)",
          "    EBS volumes are encrypted with a customer managed key.",
          "    plain is not encrypted.",
        ].join("\n"),
      );
      assert.equal(renderViolations([]), "Policy violations: none");
    });

    it("renders the packs, the remediations and the stack-level violations", () => {
      assert.equal(
        renderPolicyRun({ ...result, violations: result.violations.slice(7) }),
        [
          "Policy pack mini-pack@0.1.0: 5 policies",
          "",
          "Remediated aws:s3/bucket:Bucket logs with mini-pack/mini-bucket-force-destroy",
          "",
          "Policy violations: 1 advisory",
          "",
          "stack",
          "  [advisory] mini-pack/mini-vault-limit",
          "    A stack holds a limited number of backup vaults.",
          "    The stack has 2 backup vaults; at most 1 are allowed.",
        ].join("\n"),
      );
    });

    it("merges config like the engine: defaults, then `all`, then each policy", () => {
      const pack = result.packs[0];
      assert.ok(pack !== undefined);
      const info: PackInfo = {
        name: pack.name,
        version: pack.version,
        supportsConfig: true,
        policies: pack.policies,
        initialConfig: {},
      };
      assert.deepEqual(
        reconcilePolicyConfig(
          info,
          parsePolicyConfig({
            all: "advisory",
            "mini-vault-limit": { enforcementLevel: "mandatory", maxVaults: 3 },
            "mini-required-tags": { maxValueLength: 8 },
          }),
        ),
        {
          "mini-required-tags": {
            enforcementLevel: "advisory",
            properties: { maxValueLength: 8, tagKeys: ["backup-tier"] },
          },
          "mini-volume-encrypted": { enforcementLevel: "advisory" },
          "mini-bucket-force-destroy": { enforcementLevel: "advisory" },
          "mini-selection-plan-link": { enforcementLevel: "advisory" },
          "mini-vault-limit": { enforcementLevel: "mandatory", properties: { maxVaults: 3 } },
        },
      );
    });
  });

  describe("resources fed as the program registers them", () => {
    function feedOf(resources: readonly RecordedResource[], final = resources): ResourceFeed {
      const feed = new ResourceFeed();
      resources.slice(0, 2).forEach((resource) => feed.add(resource));
      setTimeout(() => {
        resources.slice(2).forEach((resource) => feed.add(resource));
        setTimeout(() => feed.end(final), 50);
      }, 50);
      return feed;
    }
    const withoutTimings = (run: PolicyRunResult) => ({
      violations: run.violations,
      remediations: run.remediations,
      config: run.packs.map((pack) => pack.config),
    });

    it("reports exactly what the finished list reports", async () => {
      const options = { project: "mini", stack: "test" };
      const config = [{ dir: MINI_PACK, config: USER_CONFIG }];
      const listed = await runPolicyPacks(config, RESOURCES, options);
      const fed = await runPolicyPacks(config, feedOf(RESOURCES), options);
      assert.deepEqual(withoutTimings(fed), withoutTimings(listed));
      // A final list that does not continue what was fed is analyzed anew.
      const misfed = feedOf([...RESOURCES].reverse(), RESOURCES);
      assert.deepEqual(
        withoutTimings(await runPolicyPacks(config, misfed, options)),
        withoutTimings(listed),
      );
      assert.deepEqual(packProcessesIn(MINI_PACK), []);
    });

    it("fails with the run, and the pack is stopped", async () => {
      const feed = new ResourceFeed();
      feed.add(RESOURCES[0]!);
      setTimeout(() => feed.fail(new Error("The program did not run to its end.")), 100);
      const err = await rejection(runPolicyPacks([{ dir: MINI_PACK }], feed));
      assert.equal(err.message, "The program did not run to its end.");
      assert.deepEqual(packProcessesIn(MINI_PACK), []);
    });
  });

  describe("bad user config", () => {
    it("is rejected with every problem named, and the pack is stopped", async () => {
      const err = await rejection(
        runPolicyPacks(
          [
            {
              dir: MINI_PACK,
              config: {
                "mini-required-tags": { tagKeys: ["", 5], maxValueLength: "10" },
                "mini-vault-limt": "advisory",
                "mini-vault-limit": { maxVaults: 0 },
              },
            },
          ],
          RESOURCES,
        ),
      );
      assert.ok(err instanceof PolicyConfigError);
      assert.equal(
        err.message,
        [
          "Policy config for pack mini-pack has 5 problems:",
          "[mini-vault-limt] is not a policy of pack mini-pack; its policies are mini-required-tags, mini-volume-encrypted, mini-bucket-force-destroy, mini-selection-plan-link, mini-vault-limit.",
          '[mini-required-tags.maxValueLength] is "10", but must be an integer.',
          '[mini-required-tags.tagKeys[0]] is "", but must be at least 1 character long.',
          "[mini-required-tags.tagKeys[1]] is 5, but must be a string.",
          "[mini-vault-limit.maxVaults] is 0, but must be at least 1.",
        ].join("\n"),
      );
      assert.deepEqual(packProcessesIn(MINI_PACK), []);
    });
  });

  describe("the project's policy pack", () => {
    const policiesDir = path.join(REPO, "policies");

    it("starts and analyzes the resources over the same protocol", async function () {
      if (!fs.existsSync(path.join(policiesDir, "index.ts"))) this.skip();
      const run = await runPolicyPacks([{ dir: policiesDir }], RESOURCES);
      const pack = run.packs[0];
      assert.ok(pack !== undefined);
      const names = pack.policies.map((policy) => policy.name);
      assert.ok(names.length > 0);
      for (const violation of run.violations) {
        assert.equal(violation.policyPack, pack.name);
        assert.ok(names.includes(violation.policy), violation.policy);
      }
      assert.equal(isAlive(pack.pid), false);
    });
  });
});
