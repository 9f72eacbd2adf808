import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { BackupVault } from "../../components/backup-vault";
import {
  breakGlassTrustPolicy,
  vaultAccessPolicy,
  checkActivationKey,
  RECOVERY_POINT_DELETION_ACTIONS,
  VAULT_POLICY_ACTIONS,
} from "../../core";
import { checkedSecret } from "../../components/lib/checked-secret";
import type { RecordedResource } from "../../preview/types";
import { mocks, settled, useMocks } from "../helpers/mocks";
import { runStack } from "../helpers/stack";

const BREAK_GLASS = "arn:aws:iam::111111111111:role/backup-break-glass";
const DEPLOY = "arn:aws:iam::111111111111:role/platform-deploy";

interface Statement {
  Sid: string;
  Effect: string;
  Action: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

/** The principals a vault policy's deny leaves free to run `action` (its ArnNotLike list). */
function exemptFrom(statements: readonly Statement[], action: string): string[] {
  const deny = statements.find(
    (s) => s.Effect === "Deny" && ([] as string[]).concat(s.Action).includes(action),
  );
  assert.ok(deny !== undefined, `no statement denies ${action}`);
  return ([] as string[]).concat(deny.Condition?.ArnNotLike?.["aws:PrincipalArn"] ?? []);
}

function policyOf(resources: readonly RecordedResource[], name: string): Statement[] {
  const policy = resources.find((r) => r.name === name)!;
  return (JSON.parse(policy.inputs.policy as string) as { Statement: Statement[] }).Statement;
}

describe("vault access", () => {
  it("denies deletion and lifecycle changes to all but break-glass, policy changes to all but break-glass and deployers", () => {
    const statements = vaultAccessPolicy({
      partition: "aws",
      breakGlassRoleArns: [BREAK_GLASS],
      policyManagerRoleArns: [DEPLOY, BREAK_GLASS],
      copySourceAccountIds: [],
    }).Statement as unknown as Statement[];
    for (const action of RECOVERY_POINT_DELETION_ACTIONS) {
      assert.deepStrictEqual(exemptFrom(statements, action), [BREAK_GLASS]);
    }
    for (const action of VAULT_POLICY_ACTIONS) {
      assert.deepStrictEqual(exemptFrom(statements, action), [BREAK_GLASS, DEPLOY]);
    }
  });

  it("gives a break-glass role a trust policy that needs MFA and denies the deploy roles", () => {
    assert.deepStrictEqual(
      breakGlassTrustPolicy({
        partition: "aws",
        accountId: "111111111111",
        deployRoleArns: [DEPLOY],
      }),
      {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "AllowPrincipalsOfTheAccountSignedInWithMfa",
            Effect: "Allow",
            Principal: { AWS: "arn:aws:iam::111111111111:root" },
            Action: "sts:AssumeRole",
            Condition: {
              Bool: { "aws:MultiFactorAuthPresent": "true" },
              NumericLessThan: { "aws:MultiFactorAuthAge": "3600" },
            },
          },
          {
            Sid: "DenyTheDeployRoles",
            Effect: "Deny",
            Principal: { AWS: "*" },
            Action: "sts:AssumeRole",
            Condition: { ArnLike: { "aws:PrincipalArn": [DEPLOY] } },
          },
        ],
      },
    );
  });

  it("prod: no deploying identity may delete from either vault, and the audit exempts exactly whom the policy does", async () => {
    const run = await runStack("prod");
    const primary = policyOf(run.resources, "prod-backup-policy");
    const dr = policyOf(run.resources, "prod-dr-policy");
    for (const action of RECOVERY_POINT_DELETION_ACTIONS) {
      assert.deepStrictEqual(exemptFrom(primary, action), [BREAK_GLASS]);
      assert.deepStrictEqual(exemptFrom(dr, action), [
        "arn:aws:iam::222222222222:role/backup-dr-break-glass",
      ]);
    }
    assert.deepStrictEqual(exemptFrom(primary, VAULT_POLICY_ACTIONS[0]), [BREAK_GLASS, DEPLOY]);
    assert.deepStrictEqual(exemptFrom(dr, VAULT_POLICY_ACTIONS[0]), [
      "arn:aws:iam::222222222222:role/backup-dr-break-glass",
      "arn:aws:iam::222222222222:role/backup-dr-deployer",
    ]);
    const framework = run.resources.find((r) => r.name === "prod-backup-audit-framework")!;
    const controls = framework.inputs.controls as Array<{
      name: string;
      inputParameters?: Array<{ name: string; value: string }>;
    }>;
    const manualDeletion = controls.find(
      (c) => c.name === "BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED",
    )!;
    assert.deepStrictEqual(manualDeletion.inputParameters, [
      {
        name: "principalArnList",
        value: exemptFrom(primary, RECOVERY_POINT_DELETION_ACTIONS[0]).join(","),
      },
    ]);
  });

  it("checks a secret output once it resolves, without its value in the error", async () => {
    await useMocks();
    const resource = new pulumi.ComponentResource("test:index:Holder", "holder");
    const good = checkedSecret(pulumi.secret("A".repeat(50)), checkActivationKey, "k", resource);
    assert.equal(
      await (good as unknown as { promise(): Promise<string> }).promise(),
      "A".repeat(50),
    );
    assert.equal(await pulumi.isSecret(good), true);
    const bad = checkedSecret(
      pulumi.secret("B".repeat(51)),
      checkActivationKey,
      "appliances[0].activationKey",
      resource,
    );
    // The output's other promises (known, secret) fail with it: observe them all.
    for (const value of Object.values(bad as unknown as Record<string, unknown>)) {
      if (value instanceof Promise) value.catch(() => undefined);
    }
    await assert.rejects((bad as unknown as { promise(): Promise<string> }).promise(), {
      message:
        "[appliances[0].activationKey] has 51 characters, but an activation key has 1-50 (the value is not shown).",
    });
    await settled();
  });

  it("in another team's program, runs every child through the team's pinned provider and keeps every data holder", async () => {
    await useMocks({ preview: false });
    const provider = new aws.Provider("team-account", {
      region: "eu-west-1",
      allowedAccountIds: ["111111111111"],
      defaultTags: { tags: { team: "payments" } },
    });
    new BackupVault(
      "payments",
      {
        name: "payments-backup",
        breakGlassRoleArns: [BREAK_GLASS],
        deployRoleArns: ["arn:aws:iam::111111111111:role/payments-ci"],
        accountId: "111111111111",
      },
      { providers: { aws: provider } },
    );
    await settled();
    const children = mocks.resources.filter((r) => r.custom && r.type.startsWith("aws:"));
    assert.deepStrictEqual(
      [...new Set(children.map((r) => r.provider?.replace(/::[^:]*$/, "")))],
      ["urn:pulumi:test::hybrid-backup::pulumi:providers:aws::team-account"],
    );
    assert.deepStrictEqual(
      children
        .filter((r) => r.retainOnDelete)
        .map((r) => r.name)
        .sort(),
      ["payments-key", "payments-policy", "payments-topic-key", "payments-vault"],
    );
    const statements = policyOf(mocks.resources, "payments-policy");
    assert.deepStrictEqual(exemptFrom(statements, "backup:DeleteRecoveryPoint"), [BREAK_GLASS]);
    assert.deepStrictEqual(exemptFrom(statements, "backup:PutBackupVaultAccessPolicy"), [
      BREAK_GLASS,
      "arn:aws:iam::111111111111:role/payments-ci",
    ]);
  });

  it("refuses a team's deploy role as its break-glass role before creating anything", async () => {
    await useMocks({ preview: false });
    assert.throws(
      () =>
        new BackupVault("payments", {
          name: "payments-backup",
          breakGlassRoleArns: ["arn:aws:iam::111111111111:role/payments-ci"],
          deployRoleArns: ["arn:aws:iam::111111111111:role/payments-ci"],
        }),
      {
        message:
          'BackupVault payments has 1 problem:\n[breakGlassRoleArns[0]] is "arn:aws:iam::111111111111:role/payments-ci", a role the stack deploys with (deployRoleArns), but a break-glass role must be one no deploying identity can use: otherwise stolen deploy credentials could delete recovery points.',
      },
    );
    await settled();
    assert.deepStrictEqual(
      mocks.resources.filter((r) => r.custom).map((r) => r.name),
      [],
    );
  });
});
