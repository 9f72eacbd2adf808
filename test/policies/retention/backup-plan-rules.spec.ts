import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { backupPlanRules } from "../../../policies/retention/backup-plan-rules";
import {
  previewAdvisory,
  runResourcePolicy,
  UNKNOWN,
  type ResourceFixture,
} from "../../helpers/policy-harness";
import { named, previewProgram } from "../../helpers/program-policy";

const PLAN = "aws:backup/plan:Plan";

async function planFixture(rules: aws.types.input.backup.PlanRule[]): Promise<ResourceFixture> {
  const stack = await previewProgram(() => {
    new aws.backup.Plan("plan", { rules });
  });
  return named(stack, PLAN, "plan");
}

describe("policies/retention/backup-plan-rules", () => {
  it("passes a rule AWS accepts, with cold storage 90 days before deletion", async () => {
    const plan = await planFixture([
      {
        ruleName: "monthly",
        targetVaultName: "main",
        schedule: "cron(0 5 1 * ? *)",
        startWindow: 60,
        lifecycle: { coldStorageAfter: 30, deleteAfter: 120 },
        copyActions: [
          {
            destinationVaultArn: "arn:aws:backup:us-west-2:222222222222:backup-vault:dr",
            lifecycle: { coldStorageAfter: 10, deleteAfter: 100 },
          },
        ],
      },
    ]);
    const outcome = await runResourcePolicy(backupPlanRules, plan);
    assert.deepEqual(outcome.messages, []);
    assert.deepEqual(outcome.advisories, []);
  });

  it("fails every lifecycle AWS refuses, in one finding for the plan", async () => {
    const plan = await planFixture([
      {
        ruleName: "monthly rule!",
        targetVaultName: "main",
        startWindow: 30,
        lifecycle: { coldStorageAfter: 30, deleteAfter: 60 },
        copyActions: [
          {
            destinationVaultArn: "arn:aws:backup:us-west-2:222222222222:backup-vault:dr",
            lifecycle: { coldStorageAfter: 1, deleteAfter: 90 },
          },
        ],
      },
    ]);
    const outcome = await runResourcePolicy(backupPlanRules, plan);
    assert.deepEqual(outcome.messages, [
      [
        '[rules[0].ruleName] is "monthly rule!", but must be 1-50 letters, digits, periods, dashes or underscores.',
        "[rules[0].startWindow] is 30 minutes, but AWS needs at least 60.",
        "[rules[0].lifecycle.deleteAfter] is 60 days, but AWS needs at least coldStorageAfter + 90 = 120 days.",
        "[rules[0].copyActions[0].lifecycle.deleteAfter] is 90 days, but AWS needs at least coldStorageAfter + 90 = 91 days.",
      ].join("\n"),
    ]);
  });

  it("fails rules that are missing, empty or of the wrong type", async () => {
    const base = await planFixture([{ ruleName: "r", targetVaultName: "main" }]);
    const run = (rules: unknown) =>
      runResourcePolicy(backupPlanRules, { ...base, props: { ...base.props, rules } });
    assert.deepEqual((await run(undefined)).messages, [
      "[rules] is not set, but a backup plan needs at least one rule.",
    ]);
    assert.deepEqual((await run([])).messages, [
      "[rules] is empty, but a backup plan needs at least one rule.",
    ]);
    assert.deepEqual((await run("daily")).messages, [
      '[rules] is "daily", but must be a list of rules.',
    ]);
    assert.deepEqual((await run([42])).messages, ["[rules[0]] is 42, but must be a rule object."]);
  });

  it("says which lifecycle value is unknown during preview", async () => {
    const base = await planFixture([{ ruleName: "r", targetVaultName: "main" }]);
    const outcome = await runResourcePolicy(backupPlanRules, {
      ...base,
      props: {
        ...base.props,
        rules: [
          {
            ruleName: "r",
            targetVaultName: "main",
            lifecycle: { deleteAfter: UNKNOWN, coldStorageAfter: 30 },
          },
        ],
      },
    });
    assert.deepEqual(outcome.messages, []);
    assert.deepEqual(outcome.advisories, [
      previewAdvisory(
        "backup-plan-rules",
        "could not check that [rules[0].lifecycle.deleteAfter] is a lifecycle AWS accepts, because it is unknown during preview.",
      ),
    ]);
  });
});
