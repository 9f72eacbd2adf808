import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { backupVaultPolicyNoDeployerExemption } from "../../../policies/safety/backup-vault-policy-no-deployer-exemption";
import { runStackPolicy } from "../../helpers/policy-harness";
import { previewProgram } from "../../helpers/program-policy";

const DEPLOYER = "arn:aws:iam::222222222222:role/platform-deployer";
const BREAK_GLASS = "arn:aws:iam::222222222222:role/break-glass";

/** Another team's vault component, in the account its provider assumes a role in. */
class LockedVault extends pulumi.ComponentResource {
  constructor(
    name: string,
    args: { exempt: pulumi.Input<unknown>; notPrincipal?: boolean },
    opts?: pulumi.ComponentResourceOptions,
  ) {
    super("acme:backup:LockedVault", name, {}, opts);
    const vault = new aws.backup.Vault(`${name}-vault`, {}, { parent: this });
    const statement = args.notPrincipal
      ? {
          Effect: "Deny",
          NotPrincipal: { AWS: args.exempt },
          Action: "backup:DeleteRecoveryPoint",
          Resource: "*",
        }
      : {
          Effect: "Deny",
          Principal: "*",
          Action: ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"],
          Resource: "*",
          Condition: { ArnNotLike: { "aws:PrincipalArn": args.exempt } },
        };
    new aws.backup.VaultPolicy(
      `${name}-policy`,
      {
        backupVaultName: vault.name,
        policy: pulumi.jsonStringify({ Version: "2012-10-17", Statement: [statement] }),
      },
      { parent: this },
    );
    this.registerOutputs({});
  }
}

function program(exempt: unknown, notPrincipal = false): () => void {
  return () => {
    const provider = new aws.Provider("dr", {
      region: "us-west-2",
      assumeRoles: [{ roleArn: DEPLOYER, sessionName: "deploy" }],
    });
    new LockedVault("dr", { exempt, notPrincipal }, { provider });
  };
}

describe("policies/safety/backup-vault-policy-no-deployer-exemption", () => {
  it("passes a Deny that exempts only a break-glass role", async () => {
    const stack = await previewProgram(program([BREAK_GLASS]));
    const outcome = await runStackPolicy(backupVaultPolicyNoDeployerExemption, stack);
    assert.deepEqual(outcome.violations, []);
    assert.deepEqual(outcome.advisories, []);
  });

  it("fails a Deny whose ArnNotLike exemption matches the role the provider assumes", async () => {
    const stack = await previewProgram(
      program([BREAK_GLASS, "arn:aws:iam::222222222222:role/platform-*"]),
    );
    const outcome = await runStackPolicy(backupVaultPolicyNoDeployerExemption, stack);
    assert.deepEqual(outcome.violations, [
      {
        message:
          'aws:backup/vaultPolicy:VaultPolicy "dr-policy" [policy] statement 0 denies backup:DeleteRecoveryPoint, backup:UpdateRecoveryPointLifecycle to everyone except "arn:aws:iam::222222222222:role/platform-*", which matches "arn:aws:iam::222222222222:role/platform-deployer", the role pulumi:providers:aws "dr" assumes to deploy.',
        urn: "urn:pulumi:dev::team::acme:backup:LockedVault$aws:backup/vaultPolicy:VaultPolicy::dr-policy",
      },
    ]);
  });

  it("fails a NotPrincipal that names the deploying role", async () => {
    const stack = await previewProgram(program([DEPLOYER], true));
    const outcome = await runStackPolicy(backupVaultPolicyNoDeployerExemption, stack);
    assert.equal(outcome.violations.length, 1);
    assert.match(
      outcome.violations[0]?.message ?? "",
      /except "arn:aws:iam::222222222222:role\/platform-deployer"/,
    );
  });

  it("is not applicable when no provider assumes a role", async () => {
    const stack = await previewProgram(() => {
      new LockedVault("main", { exempt: [DEPLOYER] });
    });
    const outcome = await runStackPolicy(backupVaultPolicyNoDeployerExemption, stack);
    assert.equal(
      outcome.notApplicable,
      "The stack has no vault access policy or no provider that assumes a role.",
    );
  });
});
