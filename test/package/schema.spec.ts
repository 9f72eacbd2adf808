import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { ComponentProvider, getPulumiComponents } from "@pulumi/pulumi/provider/experimental";
import * as ts from "typescript";
import * as components from "../../components";
import { COMPONENTS_DIR } from "../helpers/components-package";
import { useMocks } from "../helpers/mocks";
import { valueOf } from "../helpers/outputs";

interface PropertySpec {
  readonly description?: string;
}

interface ResourceSpec {
  readonly isComponent: boolean;
  readonly description?: string;
  readonly inputProperties: Readonly<Record<string, PropertySpec>>;
  readonly requiredInputs: readonly string[];
  readonly properties: Readonly<Record<string, PropertySpec>>;
}

interface TypeSpec {
  readonly type: string;
  readonly properties?: Readonly<Record<string, PropertySpec>>;
}

interface PackageSchema {
  readonly name: string;
  readonly version: string;
  readonly description: string;
  readonly namespace?: string;
  readonly resources: Readonly<Record<string, ResourceSpec>>;
  readonly types: Readonly<Record<string, TypeSpec>>;
}

const manifest = JSON.parse(fs.readFileSync(path.join(COMPONENTS_DIR, "package.json"), "utf8")) as {
  name: string;
  version: string;
  description: string;
};

/**
 * The package name the Node.js plugin host gives the component provider: the npm name without its
 * `@scope/`, other characters than letters, digits, `-` and `_` replaced by `-`
 * (`@pulumi/pulumi/cmd/run-plugin`).
 */
function pluginPackageName(npmName: string): string {
  const match = /^(@.*?\/)?(.+)$/.exec(npmName);
  return (match?.[2] ?? "").replace(/[^-a-zA-Z0-9_]/g, "-");
}

/** Every argument of each component, and the required ones: the package's public surface. */
const ARGUMENTS: Readonly<Record<string, { inputs: string[]; required: string[] }>> = {
  AirGappedVault: {
    inputs: [
      "allowExternalPrincipals",
      "encryptionKeyArn",
      "maxRetentionDays",
      "minRetentionDays",
      "name",
      "ownerAccountId",
      "protect",
      "region",
      "retainOnDelete",
      "sharing",
      "tags",
    ],
    required: ["maxRetentionDays", "minRetentionDays", "name"],
  },
  ArchiveBucket: {
    inputs: [
      "abortIncompleteMultipartUploadDays",
      "accessLogExpirationDays",
      "accessLogging",
      "backupTier",
      "exemptReasonTagKey",
      "name",
      "objectLock",
      "prefixes",
      "protect",
      "purpose",
      "replication",
      "retainOnDelete",
      "tags",
      "tierTagKey",
    ],
    required: ["name", "objectLock", "prefixes"],
  },
  ArchiveUploaderAccess: {
    inputs: [
      "accountId",
      "bucket",
      "externalId",
      "kmsKeyArn",
      "maxSessionDurationSeconds",
      "prefixes",
      "principalOrgId",
      "tags",
      "trustedPrincipalArns",
      "vpcEndpointId",
    ],
    required: ["bucket", "kmsKeyArn", "prefixes", "trustedPrincipalArns", "vpcEndpointId"],
  },
  AuditConfigRecorder: {
    inputs: [
      "deliveryBucketName",
      "deliveryKeyPrefix",
      "recorderName",
      "recordingFrequency",
      "region",
      "tags",
    ],
    required: ["deliveryBucketName"],
  },
  BackupAudit: {
    inputs: [
      "exemptPrincipalArns",
      "formats",
      "frameworkName",
      "protect",
      "region",
      "reportBucketName",
      "reportKeyPrefix",
      "reports",
      "retainOnDelete",
      "tags",
      "tierTagKey",
      "tiers",
    ],
    required: ["frameworkName", "reportBucketName"],
  },
  BackupOrganization: {
    inputs: ["backupPolicy", "crossAccountBackup", "tags"],
    required: ["crossAccountBackup"],
  },
  BackupPlan: {
    inputs: [
      "airGappedVault",
      "airGappedVaultArn",
      "copyDestinationLock",
      "copyDestinationVaultArn",
      "notResources",
      "planName",
      "region",
      "resourceTypes",
      "resources",
      "rules",
      "scanning",
      "selectionConditions",
      "selectionLike",
      "selectionNotEquals",
      "selectionNotLike",
      "selectionTags",
      "tags",
      "targetVaultLock",
      "targetVaultName",
      "tier",
      "tierTagKey",
      "windowsVss",
    ],
    required: ["resourceTypes", "rules", "targetVaultName", "tier"],
  },
  BackupRegionSettings: {
    inputs: ["fullManagement", "optIn", "region"],
    required: ["optIn"],
  },
  BackupVault: {
    inputs: [
      "accountId",
      "breakGlassRoleArns",
      "copyDestinationAccountIds",
      "copySourceAccountIds",
      "copySourceOrganizationId",
      "deployRoleArns",
      "lock",
      "name",
      "notifications",
      "protect",
      "region",
      "retainOnDelete",
      "tags",
    ],
    required: ["breakGlassRoleArns", "name"],
  },
  DirectConnectAttachment: {
    inputs: ["associations", "connections", "gateway", "interfaces", "region", "tags", "vpn"],
    required: ["connections", "gateway", "interfaces"],
  },
  DrVault: {
    inputs: [
      "accountId",
      "allowCopyFrom",
      "breakGlassRoleArns",
      "deployRoleArns",
      "lock",
      "name",
      "notifications",
      "protect",
      "region",
      "retainOnDelete",
      "roleArn",
      "sessionName",
      "sourceAccountId",
      "sourceKmsKeyArn",
      "sourceRegion",
      "tags",
    ],
    required: ["breakGlassRoleArns", "lock", "name", "region", "sourceAccountId", "sourceRegion"],
  },
  GlacierVault: {
    inputs: [
      "acknowledgeLockIsIrreversible",
      "completeLock",
      "exemptReasonTagKey",
      "name",
      "protect",
      "readerPrincipalArns",
      "retainOnDelete",
      "retentionDays",
      "tags",
      "tierTagKey",
      "writerPrincipalArns",
    ],
    required: ["name", "retentionDays"],
  },
  RecoveryObjectivesRecord: {
    inputs: ["parameterPath", "records", "roleTagKey", "tags"],
    required: ["parameterPath", "records"],
  },
  RestoreTesting: {
    inputs: [
      "accountId",
      "algorithm",
      "hasContinuousRule",
      "iamRoleArn",
      "includeVaults",
      "overrides",
      "planName",
      "recoveryPointTypes",
      "region",
      "resourceTypes",
      "roleArn",
      "schedule",
      "selectByTierTag",
      "selectionWindowDays",
      "startWindowHours",
      "tags",
      "tier",
      "tierTagKey",
      "timezone",
      "validationWindowHours",
    ],
    required: ["includeVaults", "planName", "resourceTypes", "schedule", "tier"],
  },
  StoredVolumeGateway: {
    inputs: [
      "appliances",
      "bandwidth",
      "logRetentionDays",
      "maintenance",
      "onPremisesCidrs",
      "protect",
      "region",
      "retainOnDelete",
      "siteName",
      "snapshotIntervalHours",
      "subnetIds",
      "tags",
      "tier",
      "tierTagKey",
      "timezone",
      "uploadBuffers",
      "volumes",
      "vpcId",
    ],
    required: [
      "appliances",
      "onPremisesCidrs",
      "subnetIds",
      "tier",
      "timezone",
      "volumes",
      "vpcId",
    ],
  },
};

interface SourceFacts {
  /** The type token each class passes to `super`, by class name. */
  readonly tokens: Map<string, string>;
  /** The type of each class's `args` parameter, by class name. */
  readonly argsTypes: Map<string, string>;
  readonly interfaces: Map<string, ts.InterfaceDeclaration>;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "bin" ? [] : sourceFiles(file);
    return entry.name.endsWith(".ts") ? [file] : [];
  });
}

/** The string a `super(...)` argument names: a literal, or a top-level constant of the file. */
function tokenOf(arg: ts.Expression | undefined, constants: Map<string, string>): string {
  if (arg !== undefined && ts.isStringLiteral(arg)) return arg.text;
  if (arg !== undefined && ts.isIdentifier(arg)) return constants.get(arg.text) ?? `?${arg.text}`;
  return "?";
}

function readSources(): SourceFacts {
  const facts: SourceFacts = { tokens: new Map(), argsTypes: new Map(), interfaces: new Map() };
  for (const file of sourceFiles(COMPONENTS_DIR)) {
    const source = ts.createSourceFile(
      file,
      fs.readFileSync(file, "utf8"),
      ts.ScriptTarget.ES2022,
      true,
    );
    const constants = new Map<string, string>();
    for (const statement of source.statements) {
      if (ts.isVariableStatement(statement)) {
        for (const declaration of statement.declarationList.declarations) {
          const init = declaration.initializer;
          if (ts.isIdentifier(declaration.name) && init !== undefined && ts.isStringLiteral(init)) {
            constants.set(declaration.name.text, init.text);
          }
        }
      } else if (ts.isInterfaceDeclaration(statement)) {
        facts.interfaces.set(statement.name.text, statement);
      } else if (ts.isClassDeclaration(statement) && statement.name !== undefined) {
        const constructor = statement.members.find(ts.isConstructorDeclaration);
        const args = constructor?.parameters.find((p) => p.name.getText() === "args");
        if (args?.type !== undefined) {
          facts.argsTypes.set(statement.name.text, args.type.getText());
        }
        for (const step of constructor?.body?.statements ?? []) {
          if (
            ts.isExpressionStatement(step) &&
            ts.isCallExpression(step.expression) &&
            step.expression.expression.kind === ts.SyntaxKind.SuperKeyword
          ) {
            facts.tokens.set(statement.name.text, tokenOf(step.expression.arguments[0], constants));
          }
        }
      }
    }
  }
  return facts;
}

/** `Interface.property` of every optional property without a `@default` tag, bases included. */
function optionalWithoutDefault(facts: SourceFacts, roots: readonly string[]): string[] {
  const missing: string[] = [];
  const pending = [...roots];
  const seen = new Set<string>();
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    const declaration = facts.interfaces.get(name);
    if (seen.has(name) || declaration === undefined) continue;
    seen.add(name);
    for (const clause of declaration.heritageClauses ?? []) {
      pending.push(...clause.types.map((type) => type.expression.getText()));
    }
    for (const member of declaration.members) {
      if (!ts.isPropertySignature(member) || member.questionToken === undefined) continue;
      if (!ts.getJSDocTags(member).some((tag) => tag.tagName.text === "default")) {
        missing.push(`${name}.${member.name.getText()}`);
      }
    }
  }
  return missing.sort();
}

const described = (spec: { readonly description?: string }): boolean =>
  spec.description !== undefined &&
  spec.description.trim() !== "" &&
  !spec.description.includes("[object Object]");

describe("the package schema, as `pulumi package add` generates it", function () {
  const classes = getPulumiComponents(components);
  const provider = new ComponentProvider({
    name: pluginPackageName(manifest.name),
    dirname: COMPONENTS_DIR,
    components: classes,
  });
  let schema: PackageSchema;

  before(async () => {
    schema = JSON.parse(await provider.getSchema()) as PackageSchema;
  });

  it("is the package hybrid-backup, at the version and with the description of package.json", () => {
    assert.equal(schema.name, "hybrid-backup");
    assert.equal(schema.version, manifest.version);
    assert.equal(schema.description, manifest.description);
    assert.equal(schema.namespace, undefined);
  });

  it("has every component class the package exports, under hybrid-backup:index:<ClassName>", () => {
    const tokens = Object.keys(ARGUMENTS).map((name) => `hybrid-backup:index:${name}`);
    assert.deepEqual(classes.map((component) => component.name).sort(), Object.keys(ARGUMENTS));
    assert.deepEqual(Object.keys(schema.resources).sort(), tokens);
    for (const token of tokens) assert.equal(schema.resources[token]!.isComponent, true, token);
  });

  it("registers each component under the token of its schema entry", () => {
    const { tokens } = readSources();
    assert.deepEqual(
      Object.fromEntries(classes.map((component) => [component.name, tokens.get(component.name)])),
      Object.fromEntries(
        Object.keys(ARGUMENTS).map((name) => [name, `hybrid-backup:index:${name}`]),
      ),
    );
  });

  it("takes every argument of each component and requires exactly the mandatory ones", () => {
    for (const [name, expected] of Object.entries(ARGUMENTS)) {
      const resource = schema.resources[`hybrid-backup:index:${name}`]!;
      assert.deepEqual(Object.keys(resource.inputProperties).sort(), expected.inputs, name);
      assert.deepEqual(resource.requiredInputs, expected.required, name);
    }
  });

  it("describes every component, argument, output and nested property in plain text", () => {
    const undescribed: string[] = [];
    for (const [token, resource] of Object.entries(schema.resources)) {
      if (!described(resource)) undescribed.push(token);
      for (const [key, spec] of Object.entries(resource.inputProperties)) {
        if (!described(spec)) undescribed.push(`${token} input ${key}`);
      }
      for (const [key, spec] of Object.entries(resource.properties)) {
        if (!described(spec)) undescribed.push(`${token} output ${key}`);
      }
    }
    for (const [token, type] of Object.entries(schema.types)) {
      for (const [key, spec] of Object.entries(type.properties ?? {})) {
        if (!described(spec)) undescribed.push(`${token} property ${key}`);
      }
    }
    assert.deepEqual(undescribed, []);
  });

  it("states the default of every optional argument, nested ones included", () => {
    const facts = readSources();
    const roots = [
      ...classes.map((component) => facts.argsTypes.get(component.name) ?? component.name),
      ...Object.keys(schema.types).map((token) => token.split(":")[2]!),
    ];
    assert.deepEqual(optionalWithoutDefault(facts, roots), []);
  });

  it("constructs a component by its schema token, as a program in another language does", async () => {
    await useMocks();
    const token = "hybrid-backup:index:BackupVault";
    const result = await provider.construct(
      "payments",
      token,
      {
        name: "payments-prod",
        breakGlassRoleArns: ["arn:aws:iam::111111111111:role/backup-break-glass"],
      },
      {},
    );
    assert.equal(
      await valueOf(pulumi.output(result.urn)),
      `urn:pulumi:test::hybrid-backup::${token}::payments`,
    );
    assert.deepEqual(
      Object.keys(result.state).sort(),
      Object.keys(schema.resources[token]!.properties).sort(),
    );
  });
});
