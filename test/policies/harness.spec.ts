/**
 * The harness against the SDK itself: the same policy and inputs through the analyzer functions
 * `@pulumi/policy` serves over gRPC give the same diagnostics as the harness reports.
 */
import * as assert from "node:assert/strict";
import * as analyzerProto from "@pulumi/pulumi/proto/analyzer_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { Policies } from "@pulumi/policy";
import { backupVaultLock } from "../../policies/retention";
import { backupPlanFrequencyAndRetention } from "../../policies/retention";
import {
  PACK,
  previewAdvisory,
  ResourceFixture,
  runResourcePolicy,
  runStackPolicy,
  UNKNOWN,
  urnOf,
} from "../helpers/policy-harness";

type Callback = (error: unknown, response?: analyzerProto.AnalyzeResponse) => void;
type RpcFun = (call: { request: unknown }, callback: Callback) => Promise<void>;

// The analyzer functions the SDK's gRPC server runs (internal, stripped from its typings).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const server = require("@pulumi/policy/server") as {
  makeAnalyzeRpcFun(name: string, version: string, level: string, policies: Policies): RpcFun;
  makeAnalyzeStackRpcFun(name: string, version: string, level: string, policies: Policies): RpcFun;
};

interface Diagnostic {
  readonly policy: string;
  readonly level: number;
  readonly urn: string;
  readonly message: string;
}

function options(fixture: ResourceFixture): analyzerProto.AnalyzerResourceOptions {
  return new analyzerProto.AnalyzerResourceOptions().setProtect(fixture.protect ?? false);
}

async function call(fun: RpcFun, request: unknown): Promise<Diagnostic[]> {
  const response = await new Promise<analyzerProto.AnalyzeResponse>((resolve, reject) => {
    void fun({ request }, (error, result) =>
      error === null || error === undefined
        ? resolve(result as analyzerProto.AnalyzeResponse)
        : reject(error as Error),
    );
  });
  return response.getDiagnosticsList().map((d) => ({
    policy: d.getPolicyname(),
    level: d.getEnforcementlevel(),
    urn: d.getUrn(),
    message: d.getMessage(),
  }));
}

const ADVISORY = analyzerProto.EnforcementLevel.ADVISORY;
const MANDATORY = analyzerProto.EnforcementLevel.MANDATORY;

describe("test/helpers/policy-harness against the SDK's analyzer", () => {
  it("matches `analyze`: violations at the policy's level, preview notes as one advisory", async () => {
    const policy = backupPlanFrequencyAndRetention;
    const fixture: ResourceFixture = {
      type: "aws:backup/plan:Plan",
      name: "daily",
      props: {
        tags: { "backup-tier": "gold" },
        rules: [
          {
            ruleName: "r",
            targetVaultName: "v",
            schedule: "cron(0 5 ? * * *)",
            lifecycle: { deleteAfter: UNKNOWN },
          },
        ],
      },
    };
    const request = new analyzerProto.AnalyzeRequest()
      .setType(fixture.type)
      .setName(fixture.name)
      .setUrn(urnOf(fixture.type, fixture.name))
      .setProperties(Struct.fromJavaScript(fixture.props as Record<string, never>))
      .setOptions(options(fixture));
    const sdk = await call(
      server.makeAnalyzeRpcFun(PACK.name, PACK.version, "mandatory", [policy]),
      request,
    );
    const harness = await runResourcePolicy(policy, fixture);

    assert.deepEqual(harness.messages, [
      '[rules[0].schedule] is "cron(0 5 ? * * *)", which leaves up to 24 hours between backups, but the gold tier needs one at least every 12 hours.',
    ]);
    assert.deepEqual(sdk, [
      {
        policy: policy.name,
        level: MANDATORY,
        urn: "",
        message: `${policy.description}\n${harness.messages[0] ?? ""}`,
      },
      { policy: policy.name, level: ADVISORY, urn: "", message: harness.advisories[0] ?? "" },
    ]);
    assert.equal(
      harness.advisories[0],
      previewAdvisory(
        policy.name,
        "could not check that [rules[0].lifecycle.deleteAfter] is at least 35 days for the gold tier, because it is unknown during preview.",
      ),
    );
  });

  it("matches `analyzeStack`: joins through property dependencies, URNs on violations", async () => {
    const policy = backupVaultLock;
    const vaultUrn = urnOf("aws:backup/vault:Vault", "main");
    const fixtures: ResourceFixture[] = [
      { type: "aws:backup/vault:Vault", name: "main", props: {} },
      { type: "aws:backup/vault:Vault", name: "other", props: { name: "other" } },
      {
        type: "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
        name: "lock",
        props: { backupVaultName: UNKNOWN, minRetentionDays: 1, maxRetentionDays: 365 },
        propertyDependencies: { backupVaultName: [vaultUrn] },
      },
    ];
    const request = new analyzerProto.AnalyzeStackRequest().setResourcesList(
      fixtures.map((fixture) => {
        const resource = new analyzerProto.AnalyzerResource()
          .setType(fixture.type)
          .setName(fixture.name)
          .setUrn(urnOf(fixture.type, fixture.name))
          .setProperties(Struct.fromJavaScript(fixture.props as Record<string, never>))
          .setOptions(options(fixture));
        for (const [key, urns] of Object.entries(fixture.propertyDependencies ?? {})) {
          resource
            .getPropertydependenciesMap()
            .set(key, new analyzerProto.AnalyzerPropertyDependencies().setUrnsList([...urns]));
        }
        return resource;
      }),
    );
    const sdk = await call(
      server.makeAnalyzeStackRpcFun(PACK.name, PACK.version, "mandatory", [policy]),
      request,
    );
    const harness = await runStackPolicy(policy, fixtures);

    assert.deepEqual(
      harness.violations.map((v) => v.urn),
      [
        urnOf("aws:backup/vault:Vault", "other"),
        urnOf("aws:backup/vaultLockConfiguration:VaultLockConfiguration", "lock"),
      ],
    );
    assert.deepEqual(
      sdk,
      harness.violations.map((v) => ({
        policy: policy.name,
        level: MANDATORY,
        urn: v.urn ?? "",
        message: `${policy.description}\n${v.message}`,
      })),
    );
  });
});
