import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  RESTORE_TESTING_TYPE,
  RestoreTesting,
  type RestoreTestingArgs,
  validateRestoreTestingArgs,
} from "../../components/restore-testing";
import { Issues, formatIssues } from "../../core";
import { mocks, settled, useMocks } from "../helpers/mocks";
import { UNKNOWN, childrenOf, inputsOf, one, valueOf } from "../helpers/outputs";

const COMPONENT_URN = `urn:pulumi:test::hybrid-backup::${RESTORE_TESTING_TYPE}::prod-restore-test-gold`;
const VAULT = "arn:aws:backup:us-east-1:111111111111:backup-vault:prod-backup";
const ROLE = "arn:aws:iam::111111111111:role/prod-gold-backup";

const baseArgs: RestoreTestingArgs = {
  planName: "prod_gold",
  tier: "gold",
  resourceTypes: ["EBS", "RDS", "StorageGateway"],
  schedule: "cron(0 6 ? * SUN *)",
  selectionWindowDays: 7,
  startWindowHours: 8,
  iamRoleArn: ROLE,
  includeVaults: [VAULT],
  tags: { environment: "prod" },
};

function issuesOf(args: Partial<RestoreTestingArgs>): string {
  const issues = new Issues();
  validateRestoreTestingArgs({ ...baseArgs, ...args }, issues);
  return formatIssues(issues.all);
}

const tierCondition = { stringEquals: [{ key: "aws:ResourceTag/backup-tier", value: "gold" }] };

describe("RestoreTesting", () => {
  describe("resources", () => {
    beforeEach(async () => {
      await useMocks({ preview: false });
    });

    it("creates the plan and one selection per type restore testing supports", async () => {
      new RestoreTesting("prod-restore-test-gold", baseArgs);
      await settled();
      assert.deepStrictEqual(childrenOf(COMPONENT_URN), [
        ["aws:backup/restoreTestingPlan:RestoreTestingPlan", "prod-restore-test-gold-plan"],
        [
          "aws:backup/restoreTestingSelection:RestoreTestingSelection",
          "prod-restore-test-gold-ebs",
        ],
        [
          "aws:backup/restoreTestingSelection:RestoreTestingSelection",
          "prod-restore-test-gold-rds",
        ],
      ]);
    });

    it("schedules the plan on the vault's recovery points of the selection window", async () => {
      new RestoreTesting("prod-restore-test-gold", baseArgs);
      await settled();
      assert.deepStrictEqual(
        inputsOf("aws:backup/restoreTestingPlan:RestoreTestingPlan", "prod-restore-test-gold-plan"),
        {
          name: "prod_gold",
          scheduleExpression: "cron(0 6 ? * SUN *)",
          scheduleExpressionTimezone: "Etc/UTC",
          startWindowHours: 8,
          recoveryPointSelection: {
            algorithm: "LATEST_WITHIN_WINDOW",
            includeVaults: [VAULT],
            recoveryPointTypes: ["SNAPSHOT"],
            selectionWindowDays: 7,
          },
          tags: { environment: "prod", "backup-tier": "gold" },
        },
      );
    });

    it("selects the tier's resources of each type by the tier tag, with overrides and a validation window", async () => {
      new RestoreTesting("prod-restore-test-gold", {
        ...baseArgs,
        validationWindowHours: 4,
        overrides: { RDS: { dbSubnetGroupName: "restore-tests" } },
      });
      await settled();
      assert.deepStrictEqual(
        inputsOf(
          "aws:backup/restoreTestingSelection:RestoreTestingSelection",
          "prod-restore-test-gold-ebs",
        ),
        {
          name: "prod_gold_EBS",
          restoreTestingPlanName: "prod_gold",
          protectedResourceType: "EBS",
          iamRoleArn: ROLE,
          protectedResourceArns: ["*"],
          protectedResourceConditions: tierCondition,
          validationWindowHours: 4,
        },
      );
      assert.deepStrictEqual(
        inputsOf(
          "aws:backup/restoreTestingSelection:RestoreTestingSelection",
          "prod-restore-test-gold-rds",
        ),
        {
          name: "prod_gold_RDS",
          restoreTestingPlanName: "prod_gold",
          protectedResourceType: "RDS",
          iamRoleArn: ROLE,
          protectedResourceArns: ["*"],
          protectedResourceConditions: tierCondition,
          restoreMetadataOverrides: { dbSubnetGroupName: "restore-tests" },
          validationWindowHours: 4,
        },
      );
      assert.ok(
        one(
          "aws:backup/restoreTestingSelection:RestoreTestingSelection",
          "prod-restore-test-gold-rds",
        ).dependencies.includes(
          `urn:pulumi:test::hybrid-backup::${RESTORE_TESTING_TYPE}$aws:backup/restoreTestingPlan:RestoreTestingPlan::prod-restore-test-gold-plan`,
        ),
      );
    });

    it("tests continuous recovery points at random when asked, with a custom tag key", async () => {
      const tests = new RestoreTesting("prod-restore-test-gold", {
        ...baseArgs,
        resourceTypes: ["Aurora"],
        hasContinuousRule: true,
        tierTagKey: "data-class",
        algorithm: "RANDOM_WITHIN_WINDOW",
        recoveryPointTypes: ["SNAPSHOT", "CONTINUOUS"],
        timezone: "Europe/Berlin",
      });
      await settled();
      const plan = inputsOf(
        "aws:backup/restoreTestingPlan:RestoreTestingPlan",
        "prod-restore-test-gold-plan",
      );
      assert.equal(plan.scheduleExpressionTimezone, "Europe/Berlin");
      assert.deepStrictEqual(plan.recoveryPointSelection, {
        algorithm: "RANDOM_WITHIN_WINDOW",
        includeVaults: [VAULT],
        recoveryPointTypes: ["SNAPSHOT", "CONTINUOUS"],
        selectionWindowDays: 7,
      });
      assert.deepStrictEqual(
        inputsOf(
          "aws:backup/restoreTestingSelection:RestoreTestingSelection",
          "prod-restore-test-gold-aurora",
        ).protectedResourceConditions,
        { stringEquals: [{ key: "aws:ResourceTag/data-class", value: "gold" }] },
      );
      assert.deepStrictEqual(await valueOf(tests.selectionNames), { Aurora: "prod_gold_Aurora" });
    });
  });

  describe("in another account", () => {
    beforeEach(async () => {
      await useMocks({ preview: false });
    });

    const DR_ROLE = "arn:aws:iam::222222222222:role/backup-dr-deployer";
    const DR_VAULT = "arn:aws:backup:us-west-2:222222222222:backup-vault:prod-dr";
    const drArgs: RestoreTestingArgs = {
      ...baseArgs,
      planName: "prod_gold_dr",
      iamRoleArn: undefined,
      includeVaults: [DR_VAULT],
      selectByTierTag: false,
      region: "us-west-2",
      roleArn: DR_ROLE,
      accountId: "222222222222",
    };
    const DR_URN = `urn:pulumi:test::hybrid-backup::${RESTORE_TESTING_TYPE}::prod-restore-test-gold-dr`;

    it("deploys through its own provider limited to the DR account, with a restore role there", async () => {
      new RestoreTesting("prod-restore-test-gold-dr", drArgs);
      await settled();
      assert.deepStrictEqual(childrenOf(DR_URN), [
        ["aws:backup/restoreTestingPlan:RestoreTestingPlan", "prod-restore-test-gold-dr-plan"],
        [
          "aws:backup/restoreTestingSelection:RestoreTestingSelection",
          "prod-restore-test-gold-dr-ebs",
        ],
        [
          "aws:backup/restoreTestingSelection:RestoreTestingSelection",
          "prod-restore-test-gold-dr-rds",
        ],
        ["aws:iam/role:Role", "prod-restore-test-gold-dr-role"],
        [
          "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
          "prod-restore-test-gold-dr-restores-policy",
        ],
        ["pulumi:providers:aws", "prod-restore-test-gold-dr-provider"],
      ]);
      const provider = inputsOf("pulumi:providers:aws", "prod-restore-test-gold-dr-provider");
      assert.equal(provider.region, "us-west-2");
      assert.deepStrictEqual(JSON.parse(String(provider.allowedAccountIds)), ["222222222222"]);
      assert.deepStrictEqual(JSON.parse(String(provider.assumeRoles)), [
        { roleArn: DR_ROLE, sessionName: "hybrid-backup-restore-test" },
      ]);
      for (const name of [
        "prod-restore-test-gold-dr-plan",
        "prod-restore-test-gold-dr-role",
        "prod-restore-test-gold-dr-ebs",
      ]) {
        const recorded = mocks.resources.find((r) => r.name === name);
        assert.equal(recorded?.provider?.split("::")[3], "prod-restore-test-gold-dr-provider");
      }
      const role = inputsOf("aws:iam/role:Role", "prod-restore-test-gold-dr-role");
      assert.equal(role.name, "prod-gold-dr-restore-test");
      assert.deepStrictEqual(JSON.parse(String(role.assumeRolePolicy)), {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "AllowAwsBackupToAssumeTheRole",
            Effect: "Allow",
            Principal: { Service: "backup.amazonaws.com" },
            Action: "sts:AssumeRole",
            Condition: { StringEquals: { "aws:SourceAccount": "222222222222" } },
          },
        ],
      });
      assert.equal(
        inputsOf(
          "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
          "prod-restore-test-gold-dr-restores-policy",
        ).policyArn,
        "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
      );
    });

    it("selects every copy of each type in the DR vault, without the tier tag, with the new role", async () => {
      new RestoreTesting("prod-restore-test-gold-dr", drArgs);
      await settled();
      const selection = inputsOf(
        "aws:backup/restoreTestingSelection:RestoreTestingSelection",
        "prod-restore-test-gold-dr-ebs",
      );
      assert.deepStrictEqual(selection, {
        name: "prod_gold_dr_EBS",
        restoreTestingPlanName: "prod_gold_dr",
        protectedResourceType: "EBS",
        // The ARN output of the role above (the mocks derive it from the logical name).
        iamRoleArn: "arn:aws:iam::111111111111:role/prod-restore-test-gold-dr-role",
        protectedResourceArns: ["*"],
        region: "us-west-2",
      });
      assert.deepStrictEqual(
        (
          inputsOf(
            "aws:backup/restoreTestingPlan:RestoreTestingPlan",
            "prod-restore-test-gold-dr-plan",
          ).recoveryPointSelection as { includeVaults: string[] }
        ).includeVaults,
        [DR_VAULT],
      );
    });

    it("takes a provider of the DR account in the options instead, not both", async () => {
      const provider = new aws.Provider("dr-account", {
        region: "us-west-2",
        allowedAccountIds: ["222222222222"],
        defaultTags: { tags: { team: "sre" } },
      });
      new RestoreTesting(
        "prod-restore-test-gold-dr",
        { ...drArgs, roleArn: undefined, accountId: undefined },
        { provider },
      );
      await settled();
      const plan = mocks.resources.find((r) => r.name === "prod-restore-test-gold-dr-plan");
      assert.equal(plan?.provider?.split("::")[3], "dr-account");
      assert.equal(
        mocks.resources.some((r) => r.name === "prod-restore-test-gold-dr-provider"),
        false,
      );
      assert.throws(
        () => new RestoreTesting("twice", drArgs, { provider }),
        (err: unknown) =>
          err instanceof pulumi.ResourceError &&
          err.message ===
            "RestoreTesting twice has 1 problem:\n[roleArn] is set, but the resource options pass a provider too; give one or the other, not both.",
      );
    });

    it("checks the role, its account and the region", () => {
      assert.equal(
        issuesOf({ roleArn: DR_ROLE, accountId: "333333333333" }),
        [
          "[roleArn] is a role of another account than accountId 333333333333.",
          "[region] is missing, but roleArn needs the region the provider deploys to.",
        ].join("\n"),
      );
      assert.equal(
        issuesOf({ roleArn: DR_ROLE, region: "us-west-2" }),
        "[accountId] is undefined, but must be the 12-digit account of roleArn, which the provider is limited to.",
      );
    });
  });

  describe("preview", () => {
    it("keeps an unknown vault ARN and role ARN unknown", async () => {
      await useMocks({ preview: true });
      const vault = new aws.backup.Vault("vault", { name: "prod-backup" });
      const role = new aws.iam.Role("role", { assumeRolePolicy: "{}" });
      const tests = new RestoreTesting("prod-restore-test-gold", {
        ...baseArgs,
        includeVaults: [vault.arn],
        iamRoleArn: role.arn,
      });
      await settled();
      const plan = inputsOf(
        "aws:backup/restoreTestingPlan:RestoreTestingPlan",
        "prod-restore-test-gold-plan",
      );
      assert.deepStrictEqual(
        (plan.recoveryPointSelection as { includeVaults: unknown[] }).includeVaults,
        [UNKNOWN],
      );
      assert.equal(
        inputsOf(
          "aws:backup/restoreTestingSelection:RestoreTestingSelection",
          "prod-restore-test-gold-ebs",
        ).iamRoleArn,
        UNKNOWN,
      );
      assert.equal(await valueOf(tests.planArn), UNKNOWN);
    });
  });

  describe("validation", () => {
    it("accepts the base arguments", () => {
      assert.equal(issuesOf({}), "");
    });

    it("checks the plan name", () => {
      assert.equal(
        issuesOf({ planName: "prod-gold" }),
        '[planName] is "prod-gold", but must be 1-50 letters, digits or underscores.',
      );
      assert.equal(
        issuesOf({ planName: "p".repeat(40) }),
        "[planName] is 40 characters, but must be at most 39 so that its selections' names stay within 50.",
      );
      assert.equal(issuesOf({ planName: "p".repeat(39) }), "");
    });

    it("bounds the windows: start 1-168 hours, selection 1-365 days, validation 1-168 hours", () => {
      assert.equal(
        issuesOf({ startWindowHours: 0, selectionWindowDays: 366, validationWindowHours: 169 }),
        [
          "[startWindowHours] is 0, but must be a whole number from 1 to 168 hours.",
          "[selectionWindowDays] is 366, but must be a whole number from 1 to 365 days.",
          "[validationWindowHours] is 169, but must be a whole number from 1 to 168 hours.",
        ].join("\n"),
      );
      assert.equal(
        issuesOf({ startWindowHours: 168, selectionWindowDays: 365, validationWindowHours: 1 }),
        "",
      );
      assert.equal(
        issuesOf({ startWindowHours: 1, selectionWindowDays: 1, validationWindowHours: 168 }),
        "",
      );
    });

    it("checks schedule, time zone, algorithm and recovery point types", () => {
      assert.equal(
        issuesOf({
          schedule: "weekly",
          timezone: "CET+1",
          algorithm: "OLDEST" as "LATEST_WITHIN_WINDOW",
          recoveryPointTypes: ["CONTINUOUS", "CONTINUOUS"],
        }),
        [
          '[schedule] is "weekly", but a schedule must be "cron(Minutes Hours Day-of-month Month Day-of-week Year)" or "rate(value unit)".',
          '[timezone] is "CET+1", but must be an IANA time zone name such as "Etc/UTC" or "Europe/Berlin".',
          '[algorithm] is "OLDEST", but must be one of "LATEST_WITHIN_WINDOW", "RANDOM_WITHIN_WINDOW".',
          '[recoveryPointTypes[1]] repeats the recovery point type "CONTINUOUS" already used at index 0.',
          '[recoveryPointTypes] includes "CONTINUOUS", but the tier has no continuous rule, so there is no continuous recovery point to test.',
        ].join("\n"),
      );
      assert.equal(
        issuesOf({ recoveryPointTypes: [] }),
        '[recoveryPointTypes] is empty, but must list "SNAPSHOT", "CONTINUOUS" or both.',
      );
    });

    it("needs a testable type, overrides only for tested types, and a vault", () => {
      assert.equal(
        issuesOf({ resourceTypes: ["StorageGateway", "SAPHANA"] }),
        "[resourceTypes] has no type that restore testing supports (StorageGateway, SAPHANA), but the tier sets restoreTesting; it supports Aurora, DocumentDB, DynamoDB, EBS, EC2, EFS, FSx, Neptune, RDS, S3.",
      );
      assert.equal(
        issuesOf({ overrides: { EC2: { subnetId: "subnet-0abc" } }, includeVaults: [] }),
        [
          "[overrides.EC2] is not a type restore testing tests in this tier; the keys allowed are EBS, RDS.",
          "[includeVaults] is empty, but must name at least one vault ARN to test.",
        ].join("\n"),
      );
    });

    it("throws from the constructor before creating children", async () => {
      await useMocks({ preview: false });
      assert.throws(
        () => new RestoreTesting("bad", { ...baseArgs, tier: "Gold" }),
        (err: unknown) =>
          err instanceof pulumi.ResourceError &&
          err.message ===
            'RestoreTesting bad has 1 problem:\n[tier] is "Gold", but must be 1-32 lowercase letters, digits or hyphens, starting with a letter.',
      );
      await settled();
      assert.deepStrictEqual(
        mocks.resources.filter((r) => r.parent?.endsWith("::bad")),
        [],
      );
    });
  });
});
