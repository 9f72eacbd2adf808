import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { backupIsolatedCopy } from "../../../policies/protection/backup-isolated-copy";
import { runStackPolicy } from "../../helpers/policy-harness";
import { previewProgram } from "../../helpers/program-policy";

describe("policies/protection/backup-isolated-copy", () => {
  it("passes a gold plan copying to a logically air-gapped vault of the stack", async () => {
    const stack = await previewProgram(() => {
      const provider = new aws.Provider("main", { region: "us-east-1" });
      const airGapped = new aws.backup.LogicallyAirGappedVault(
        "isolated",
        { minRetentionDays: 7, maxRetentionDays: 365 },
        { provider },
      );
      new aws.backup.Plan(
        "gold",
        {
          rules: [
            {
              ruleName: "daily",
              targetVaultName: "main",
              lifecycle: { deleteAfter: 35 },
              copyActions: [{ destinationVaultArn: airGapped.arn, lifecycle: { deleteAfter: 35 } }],
            },
          ],
          tags: { "backup-tier": "gold" },
        },
        { provider },
      );
    });
    const outcome = await runStackPolicy(backupIsolatedCopy, stack);
    assert.deepEqual(outcome.violations, []);
    assert.deepEqual(outcome.advisories, []);
  });

  it("advises on a gold plan that copies only within its own region and account", async () => {
    const stack = await previewProgram(() => {
      const provider = new aws.Provider("main", {
        region: "us-east-1",
        allowedAccountIds: ["111111111111"],
      });
      new aws.backup.Plan(
        "gold",
        {
          rules: [
            {
              ruleName: "daily",
              targetVaultName: "main",
              lifecycle: { deleteAfter: 35 },
              copyActions: [
                {
                  destinationVaultArn: "arn:aws:backup:us-east-1:111111111111:backup-vault:second",
                  lifecycle: { deleteAfter: 35 },
                },
              ],
            },
          ],
          tags: { "backup-tier": "gold" },
        },
        { provider },
      );
    });
    const outcome = await runStackPolicy(backupIsolatedCopy, stack);
    assert.deepEqual(outcome.messages, [
      'aws:backup/plan:Plan "gold" copies its recovery points to no vault in another region or account and to no logically air-gapped vault, but its tier requires an isolated copy.',
    ]);
  });
});
