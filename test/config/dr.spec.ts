import * as assert from "node:assert/strict";
import { backupPolicyContent, organizationPlansFromTiers, formatIssues } from "../../core";
import { resolveDr } from "../../config/sections/dr";
import { validateStackConfig } from "../../config/stack-config";
import { TEST_ACCOUNT } from "../helpers/mocks";
import { UNKNOWN, decode } from "../helpers/outputs";
import { runStack, stackValues } from "../helpers/stack";

const DR_ACCOUNT = "222222222222";
const DEPLOYER = `arn:aws:iam::${DR_ACCOUNT}:role/backup-dr-deployer`;
const PROD = stackValues("prod");

/** Tiers of the tests: two rules with copies (one of them moving to cold storage), one without. */
const TIERS = {
  gold: {
    resourceTypes: ["EBS", "EFS"],
    rules: [
      {
        name: "daily",
        schedule: "cron(30 2 ? * * *)",
        completionWindow: 360,
        lifecycle: { deleteAfter: 365, coldStorageAfter: 30 },
        copy: { deleteAfter: 90 },
      },
      {
        name: "monthly",
        schedule: "cron(0 4 1 * ? *)",
        completionWindow: 720,
        lifecycle: { deleteAfter: 2555, coldStorageAfter: 90 },
        copy: { deleteAfter: 2555, coldStorageAfter: 90 },
      },
    ],
  },
  bronze: {
    resourceTypes: ["EC2"],
    rules: [{ name: "daily", schedule: "cron(0 23 ? * * *)", lifecycle: { deleteAfter: 14 } }],
  },
};

type Json = Record<string, unknown>;

function without(value: Json, key: string): Json {
  const copy = { ...value };
  delete copy[key];
  return copy;
}
const backup = { ...(PROD.values.backup as Json), tiers: TIERS };
const accounts = PROD.values.accounts as Json;
const dr = PROD.values.dr as Json & { vault: Json };
const management = { ...accounts, managementAccount: true };

/**
 * Sections that refer to the tiers by name or take their region from the DR section; the tests
 * replace the tiers and the DR section, so they leave these out.
 */
const TIER_USERS = ["sites", "directConnect", "archive"];

/** The prod stack file with the test tiers and `changes` (undefined removes a key). */
function errorsOf(changes: Json): string {
  const values: Json = { ...PROD.values, backup, ...changes };
  for (const key of TIER_USERS) delete values[key];
  for (const [key, value] of Object.entries(changes)) if (value === undefined) delete values[key];
  return formatIssues(validateStackConfig(values, PROD.region).issues);
}

/** The test tiers with one field of one rule of gold replaced. */
function goldRule(index: number, rule: Json): Json {
  const rules = TIERS.gold.rules.map((r, i) => (i === index ? { ...r, ...rule } : r));
  return { ...backup, tiers: { ...TIERS, gold: { ...TIERS.gold, rules } } };
}

describe("hybrid-backup:dr", () => {
  describe("stack files", () => {
    it("prod copies to another account and region, staging to another region of its account", () => {
      for (const stack of ["prod", "staging"]) {
        const { values, region } = stackValues(stack);
        assert.equal(formatIssues(validateStackConfig(values, region).issues), "", stack);
      }
      const prod = validateStackConfig(PROD.values, PROD.region).config!;
      const staging = validateStackConfig(
        stackValues("staging").values,
        stackValues("staging").region,
      ).config!;
      assert.deepStrictEqual(
        [prod.region, prod.dr?.region, resolveDr(prod, prod.dr).accountId, prod.dr?.roleArn],
        ["us-east-1", "us-west-2", DR_ACCOUNT, DEPLOYER],
      );
      assert.equal(prod.dr?.vault.lock.mode, "compliance");
      assert.deepStrictEqual(
        [staging.region, staging.dr?.region, resolveDr(staging, staging.dr).crossAccount],
        ["eu-central-1", "eu-west-1", false],
      );
      assert.equal(staging.dr?.vault.lock.mode, "governance");
      assert.equal(staging.dr?.roleArn, undefined);
    });

    it("accepts the test tiers' copies into the prod DR vault", () => {
      assert.equal(errorsOf({}), "");
    });
  });

  describe("copies", () => {
    it("need the dr section", () => {
      assert.equal(
        errorsOf({ dr: undefined }),
        [
          "[hybrid-backup:backup.tiers.gold.rules[0].copy] is set, but there is no DR vault to copy to: configure the DR vault (hybrid-backup:dr), or remove the copy.",
          "[hybrid-backup:backup.tiers.gold.rules[1].copy] is set, but there is no DR vault to copy to: configure the DR vault (hybrid-backup:dr), or remove the copy.",
        ].join("\n"),
      );
    });

    it("must keep a retention the DR vault's lock admits", () => {
      const lock = { ...(dr.vault.lock as Json), minRetentionDays: 100, maxRetentionDays: 2000 };
      assert.equal(
        errorsOf({ dr: { ...dr, vault: { ...dr.vault, lock } } }),
        [
          "[hybrid-backup:backup.tiers.gold.rules[0].copy.deleteAfter] is 90 days, but the DR vault's lock only admits a retention from 100 to 2000 days; AWS Backup fails every job outside that range.",
          "[hybrid-backup:backup.tiers.gold.rules[1].copy.deleteAfter] is 2555 days, but the DR vault's lock only admits a retention from 100 to 2000 days; AWS Backup fails every job outside that range.",
        ].join("\n"),
      );
      const fits = { ...lock, minRetentionDays: 90, maxRetentionDays: 2555 };
      assert.equal(errorsOf({ dr: { ...dr, vault: { ...dr.vault, lock: fits } } }), "");
    });

    it("must stay in cold storage for 90 days", () => {
      assert.equal(
        errorsOf({ backup: goldRule(1, { copy: { deleteAfter: 100, coldStorageAfter: 30 } }) }),
        "[hybrid-backup:backup.tiers.gold.rules[1].copy.deleteAfter] is 100 days, but AWS needs at least coldStorageAfter + 90 = 120 days.",
      );
      assert.equal(
        errorsOf({ backup: goldRule(1, { copy: { deleteAfter: 120, coldStorageAfter: 30 } }) }),
        "",
      );
    });

    it("cannot start from a recovery point already in cold storage", () => {
      const cold = (coldStorageAfter: number, completionWindow: number) =>
        errorsOf({
          backup: goldRule(0, {
            completionWindow,
            lifecycle: { deleteAfter: 365, coldStorageAfter },
          }),
        });
      assert.equal(
        cold(1, 360),
        "[hybrid-backup:backup.tiers.gold.rules[0].lifecycle.coldStorageAfter] is 1 days, but the rule copies its recovery points to the DR vault, and AWS Backup cannot copy a recovery point that is already in cold storage: the copy starts when the backup job completes, up to completionWindow (360 minutes) after the recovery point is created, so it must stay warm for at least 2 days (the completion window in whole days, plus 1 day for the copy job).",
      );
      assert.equal(cold(2, 360), "");
      assert.equal(
        cold(7, 10080),
        "[hybrid-backup:backup.tiers.gold.rules[0].lifecycle.coldStorageAfter] is 7 days, but the rule copies its recovery points to the DR vault, and AWS Backup cannot copy a recovery point that is already in cold storage: the copy starts when the backup job completes, up to completionWindow (10080 minutes) after the recovery point is created, so it must stay warm for at least 8 days (the completion window in whole days, plus 1 day for the copy job).",
      );
      assert.equal(cold(8, 10080), "");
    });
  });

  describe("destination", () => {
    const vaultOfWorkloadAccount = without(dr.vault, "breakGlassRoleArns");
    const sameAccount = { region: "eu-west-1", vault: vaultOfWorkloadAccount };

    it("must differ from the workload in region or account", () => {
      assert.equal(
        errorsOf({ dr: { ...sameAccount, region: "us-east-1" } }),
        '[hybrid-backup:dr.region] is "us-east-1", the workload\'s own region, and the DR account is the workload account (111111111111): a copy there survives neither the loss of the region nor the loss of the account. Choose another region, another account, or both.',
      );
      assert.equal(errorsOf({ dr: sameAccount }), "");
      assert.equal(errorsOf({ dr: { ...dr, region: "us-east-1" } }), "");
    });

    it("must be a real region of the workload's partition", () => {
      assert.equal(
        errorsOf({ dr: { ...dr, region: "us-west-9" } }),
        '[hybrid-backup:dr.region] is "us-west-9", but must be an AWS region name such as us-west-2.',
      );
      assert.equal(
        errorsOf({ dr: { ...dr, region: "cn-north-1" } }),
        [
          '[hybrid-backup:dr.region] is "cn-north-1" in the aws-cn partition, but the workload region us-east-1 is in the aws partition: AWS Backup copies only within one partition.',
          "[hybrid-backup:dr.roleArn] is in the aws partition, but the DR region cn-north-1 is in the aws-cn partition.",
        ].join("\n"),
      );
    });

    it("names the account with 12 digits", () => {
      assert.equal(
        errorsOf({ dr: { ...dr, accountId: "22222222222" } }),
        '[hybrid-backup:dr.accountId] is "22222222222", but must be an AWS account id of exactly 12 digits (quote it in YAML).',
      );
    });

    it("is deployed through a role of the DR account", () => {
      const withoutRole = without(dr, "roleArn");
      assert.equal(
        errorsOf({ dr: withoutRole }),
        "[hybrid-backup:dr.roleArn] is missing, but the DR account 222222222222 differs from the workload account 111111111111: give the ARN of a role in 222222222222 that the stack assumes to deploy the DR vault.",
      );
      assert.equal(
        errorsOf({
          dr: { ...dr, roleArn: `arn:aws:iam::${TEST_ACCOUNT}:role/backup-dr-deployer` },
        }),
        "[hybrid-backup:dr.roleArn] is a role of account 111111111111, but must be a role in the DR account 222222222222: the stack assumes it to deploy the DR vault there.",
      );
    });

    it("keeps break-glass roles in the DR account, and never the role the stack deploys with", () => {
      const roles = [`arn:aws:iam::${TEST_ACCOUNT}:role/backup-break-glass`, DEPLOYER, DEPLOYER];
      const deployer =
        '"arn:aws:iam::222222222222:role/backup-dr-deployer", a role the stack deploys with (hybrid-backup:accounts.deployRoleArns or hybrid-backup:dr.roleArn), but a break-glass role must be one no deploying identity can use: otherwise stolen deploy credentials could delete recovery points.';
      assert.equal(
        errorsOf({ dr: { ...dr, vault: { ...dr.vault, breakGlassRoleArns: roles } } }),
        [
          '[hybrid-backup:dr.vault.breakGlassRoleArns[2]] repeats the role ARN "arn:aws:iam::222222222222:role/backup-dr-deployer" already used at index 1.',
          "[hybrid-backup:dr.vault.breakGlassRoleArns[0]] is a role of account 111111111111, but the vault is in account 222222222222: a break-glass role must belong to the vault's account, or a foreign account could delete its recovery points.",
          `[hybrid-backup:dr.vault.breakGlassRoleArns[1]] is ${deployer}`,
          `[hybrid-backup:dr.vault.breakGlassRoleArns[2]] is ${deployer}`,
        ].join("\n"),
      );
    });

    it("has a lock judged like every vault lock", () => {
      const lock = { ...(dr.vault.lock as Json), acknowledgeComplianceLockIsPermanent: false };
      assert.equal(
        errorsOf({ dr: { ...dr, vault: { ...dr.vault, lock } } }),
        "[hybrid-backup:dr.vault.lock.acknowledgeComplianceLockIsPermanent] is false, but a compliance lock needs it set to true: once changeableForDays have passed, nobody (not the root user, not AWS) can remove the lock, shorten retention or delete the vault before its recovery points expire.",
      );
    });
  });

  describe("allowCopyFrom", () => {
    it("must admit the workload account", () => {
      assert.equal(
        errorsOf({ dr: { ...dr, allowCopyFrom: { accounts: ["444444444444"] } } }),
        '[hybrid-backup:dr.allowCopyFrom.accounts] is ["444444444444"], which leaves out the workload account 111111111111: the DR vault would refuse the workload\'s own copies. Add it.',
      );
    });

    it("must name the workload's organization", () => {
      assert.equal(
        errorsOf({ dr: { ...dr, allowCopyFrom: { organizationId: "o-zzzzzzzzzz" } } }),
        '[hybrid-backup:dr.allowCopyFrom.organizationId] is "o-zzzzzzzzzz", but accounts.organizationId is "o-a1b2c3d4e5": AWS Backup copies across accounts only within one organization.',
      );
    });
  });

  describe("organization", () => {
    const policy = { name: "backup-plans", targetIds: ["ou-a1b2-c3d4e5f6"] };
    const orgWide = { organizationId: "o-a1b2c3d4e5" };

    it("is only for the management account", () => {
      assert.equal(
        errorsOf({ dr: { ...dr, organization: { crossAccountBackup: true } } }),
        "[hybrid-backup:dr.organization] is set, but accounts.managementAccount is false: only the AWS Organizations management account can change AWS Backup's global settings or create backup policies. Set it in the management account's stack, or remove it.",
      );
      assert.equal(
        errorsOf({
          accounts: management,
          dr: { ...dr, organization: { crossAccountBackup: true } },
        }),
        "",
      );
    });

    it("must turn cross-account backup on for a DR vault in another account", () => {
      assert.equal(
        errorsOf({
          accounts: management,
          dr: { ...dr, organization: { crossAccountBackup: false, backupPolicy: policy } },
        }),
        [
          "[hybrid-backup:dr.organization.crossAccountBackup] is false, but the DR vault is in another account (222222222222), and AWS Backup refuses copies to another account until the management account turns cross-account backup on: set it to true.",
          "[hybrid-backup:dr.allowCopyFrom] admits only the accounts 111111111111, but organization.backupPolicy makes every account it is attached to copy into the DR vault in 222222222222: set allowCopyFrom.organizationId, without accounts, so that the vault admits the organization.",
        ].join("\n"),
      );
      assert.equal(
        errorsOf({
          accounts: management,
          dr: {
            ...dr,
            allowCopyFrom: orgWide,
            organization: { crossAccountBackup: true, backupPolicy: policy },
          },
        }),
        "",
      );
    });

    it("puts only UTC schedules into the backup policy", () => {
      assert.equal(
        errorsOf({
          accounts: management,
          backup: goldRule(1, { timezone: "Europe/Berlin" }),
          dr: {
            ...dr,
            allowCopyFrom: orgWide,
            organization: { crossAccountBackup: true, backupPolicy: policy },
          },
        }),
        '[hybrid-backup:backup.tiers.gold.rules[1].timezone] is "Europe/Berlin", but the rule also goes into an AWS Organizations backup policy, whose schedules are in UTC only: use Etc/UTC and write the schedule in UTC.',
      );
    });

    it("keeps the backup policy within 10,000 characters", () => {
      const many = Object.fromEntries(
        Array.from({ length: 12 }, (_, index) => [`tier-${index}`, TIERS.gold]),
      );
      const plans = organizationPlansFromTiers(many, {
        tierTagKey: "backup-tier",
        region: "us-east-1",
        targetVaultName: "prod-backup",
        iamRoleName: "service-role/AWSBackupDefaultServiceRole",
        drVault: { name: "prod-dr", region: "us-west-2", accountId: DR_ACCOUNT },
      });
      const length = backupPolicyContent(plans).length;
      assert.equal(length, 17357);
      assert.equal(
        errorsOf({
          accounts: management,
          backup: { ...backup, tiers: many, audit: undefined },
          dr: {
            ...dr,
            allowCopyFrom: orgWide,
            organization: { crossAccountBackup: true, backupPolicy: policy },
          },
        }),
        `[hybrid-backup:dr.organization.backupPolicy] is ${length} characters as a policy document, but AWS Organizations accepts at most 10000 for a backup policy: put fewer tiers or rules in it, or shorten their names.`,
      );
    });

    it("attaches the policy to roots, OUs or accounts only", () => {
      assert.equal(
        errorsOf({
          accounts: management,
          dr: {
            ...dr,
            allowCopyFrom: orgWide,
            organization: {
              crossAccountBackup: true,
              backupPolicy: { ...policy, targetIds: ["ou-a1b2"] },
            },
          },
        }),
        '[hybrid-backup:dr.organization.backupPolicy.targetIds[0]] is "ou-a1b2", but must be a root id (r-xxxx), an organizational unit id (ou-xxxx-yyyyyyyy) or a 12-digit account id.',
      );
    });
  });

  it("reports every problem at once", () => {
    const withoutRole = without(dr, "roleArn");
    assert.equal(
      errorsOf({
        backup: goldRule(0, { copy: { deleteAfter: 7 } }),
        dr: { ...withoutRole, allowCopyFrom: { accounts: ["444444444444"] } },
      }),
      [
        "[hybrid-backup:dr.roleArn] is missing, but the DR account 222222222222 differs from the workload account 111111111111: give the ARN of a role in 222222222222 that the stack assumes to deploy the DR vault.",
        '[hybrid-backup:dr.allowCopyFrom.accounts] is ["444444444444"], which leaves out the workload account 111111111111: the DR vault would refuse the workload\'s own copies. Add it.',
        "[hybrid-backup:backup.tiers.gold.rules[0].copy.deleteAfter] is 7 days, but the DR vault's lock only admits a retention from 30 to 3650 days; AWS Backup fails every job outside that range.",
      ].join("\n"),
    );
  });

  describe("whole stacks", () => {
    const testTiers: Json = {
      "hybrid-backup:backup": backup,
      ...Object.fromEntries(TIER_USERS.map((key) => [`hybrid-backup:${key}`, undefined])),
    };
    type Rule = { ruleName: string; copyActions?: unknown };
    const rulesOf = (resources: Awaited<ReturnType<typeof runStack>>["resources"], name: string) =>
      (decode(resources.find((r) => r.name === name)!.inputs) as { rules: Rule[] }).rules;

    it("prod: the DR vault under its own provider in us-west-2, and copy actions on the plan rules", async () => {
      const run = await runStack("prod", testTiers, false);
      const provider = run.resources.find((r) => r.name === "prod-dr-provider")!;
      assert.equal(provider.type, "pulumi:providers:aws");
      assert.deepStrictEqual(JSON.parse(provider.inputs.assumeRoles as string), [
        { roleArn: DEPLOYER, sessionName: "hybrid-backup-dr" },
      ]);
      const drChildren = run.resources.filter((r) =>
        r.urn.includes("DrVault$hybrid-backup:index:BackupVault$"),
      );
      assert.equal(drChildren.length, 11);
      for (const child of drChildren) {
        assert.equal(child.provider, `${provider.urn}::prod-dr-provider-id`, child.name);
        assert.equal(child.inputs.region, "us-west-2", child.name);
      }
      const drVault = run.resources.find((r) => r.name === "prod-dr-vault")!;
      const drVaultArn = "arn:aws:backup:us-west-2:222222222222:backup-vault:prod-dr";
      const gold = rulesOf(run.resources, "prod-backup-gold-plan");
      assert.deepStrictEqual(
        gold.map((rule) => [rule.ruleName, rule.copyActions]),
        [
          ["daily", [{ destinationVaultArn: drVaultArn, lifecycle: { deleteAfter: 90 } }]],
          [
            "monthly",
            [
              {
                destinationVaultArn: drVaultArn,
                lifecycle: { coldStorageAfter: 90, deleteAfter: 2555 },
              },
            ],
          ],
        ],
      );
      assert.deepStrictEqual(
        rulesOf(run.resources, "prod-backup-bronze-plan").map((rule) => rule.copyActions),
        [undefined],
      );
      const plan = run.resources.find((r) => r.name === "prod-backup-gold-plan")!;
      assert.ok(plan.dependencies.includes(drVault.urn));
      const sourceKey = JSON.parse(
        run.resources.find((r) => r.name === "prod-backup-key")!.inputs.policy as string,
      ) as { Statement: Array<{ Sid: string; Principal: unknown }> };
      assert.deepStrictEqual(
        sourceKey.Statement.slice(2).map((s) => [s.Sid, s.Principal]),
        [
          ["AllowCopyDestinationAccountsToUseTheKey", { AWS: [`arn:aws:iam::${DR_ACCOUNT}:root`] }],
          [
            "AllowCopyDestinationAccountsToGrantToAwsServices",
            { AWS: [`arn:aws:iam::${DR_ACCOUNT}:root`] },
          ],
        ],
      );
      assert.deepStrictEqual(decode(run.outputs.disasterRecovery) as Json, {
        accountId: DR_ACCOUNT,
        keyArn: `arn:aws:kms:us-east-1:${TEST_ACCOUNT}:key/prod-dr-key`,
        region: "us-west-2",
        vaultArn: drVaultArn,
        vaultName: "prod-dr",
      });
    });

    for (const stack of ["prod", "staging"]) {
      it(`${stack}: every rule with copy in the stack file copies into the DR vault`, async () => {
        const { values, region } = stackValues(stack);
        const config = validateStackConfig(values, region).config!;
        const run = await runStack(stack, {}, false);
        const drVaultArn = `arn:aws:backup:${config.dr.region}:${resolveDr(config, config.dr).accountId}:backup-vault:${config.dr.vault.name}`;
        const lifecycle = (l: { deleteAfter: number; coldStorageAfter?: number }) =>
          (l.coldStorageAfter ?? 0) > 0
            ? { coldStorageAfter: l.coldStorageAfter, deleteAfter: l.deleteAfter }
            : { deleteAfter: l.deleteAfter };
        let copies = 0;
        for (const [tier, settings] of Object.entries(config.backup.tiers)) {
          const rules = rulesOf(run.resources, `${stack}-backup-${tier}-plan`);
          assert.deepStrictEqual(
            rules.map((rule) => [rule.ruleName, rule.copyActions]),
            settings.rules.map((rule) => {
              // The DR copy first, then the copy to the tier's air-gapped vault.
              const airGapped = settings.airGappedVault;
              const expected = [
                ...(rule.copy === undefined
                  ? []
                  : [{ destinationVaultArn: drVaultArn, lifecycle: lifecycle(rule.copy) }]),
                ...(rule.airGappedCopy === undefined || airGapped === undefined
                  ? []
                  : [
                      {
                        destinationVaultArn: `arn:aws:backup:${airGapped.region ?? config.region}:${config.accounts.workload}:backup-vault:${airGapped.name}`,
                        lifecycle: { deleteAfter: rule.airGappedCopy.deleteAfter },
                      },
                    ]),
              ];
              return [rule.name, expected.length === 0 ? undefined : expected];
            }),
            tier,
          );
          copies += settings.rules.filter((rule) => rule.copy !== undefined).length;
        }
        assert.ok(copies > 0, `${stack} copies nothing`);
      });
    }

    it("a management account: cross-account backup on and the tiers as a backup policy on the OU", async () => {
      const run = await runStack(
        "prod",
        {
          ...testTiers,
          "hybrid-backup:accounts": management,
          "hybrid-backup:dr": {
            ...dr,
            allowCopyFrom: { organizationId: "o-a1b2c3d4e5" },
            organization: {
              crossAccountBackup: true,
              backupPolicy: { name: "prod-backup-plans", targetIds: ["ou-a1b2-c3d4e5f6"] },
            },
          },
        },
        false,
      );
      const byName = (name: string) => run.resources.find((r) => r.name === name)!;
      assert.deepStrictEqual(decode(byName("prod-backup-organization-global-settings").inputs), {
        globalSettings: { isCrossAccountBackupEnabled: "true" },
      });
      assert.deepStrictEqual(
        decode(byName("prod-backup-organization-policy-ou-a1b2-c3d4e5f6").inputs),
        { policyId: "prod-backup-organization-policy-id", targetId: "ou-a1b2-c3d4e5f6" },
      );
      const copyTo = "arn:aws:backup:us-west-2:222222222222:backup-vault:prod-dr";
      const role = "arn:aws:iam::$account:role/service-role/AWSBackupDefaultServiceRole";
      const a = <T>(value: T) => ({ "@@assign": value });
      const plan = (tier: string, rules: Json) => ({
        regions: a(["us-east-1"]),
        rules,
        selections: {
          tags: {
            [`${tier}-tagged`]: {
              iam_role_arn: a(role),
              tag_key: a("backup-tier"),
              tag_value: a([tier]),
            },
          },
        },
      });
      assert.deepStrictEqual(
        JSON.parse(byName("prod-backup-organization-policy").inputs.content as string),
        {
          plans: {
            "org-gold": plan("gold", {
              daily: {
                schedule_expression: a("cron(30 2 ? * * *)"),
                start_backup_window_minutes: a("60"),
                complete_backup_window_minutes: a("360"),
                target_backup_vault_name: a("prod-backup"),
                lifecycle: {
                  move_to_cold_storage_after_days: a("30"),
                  delete_after_days: a("365"),
                },
                copy_actions: {
                  [copyTo]: {
                    target_backup_vault_arn: a(copyTo),
                    lifecycle: { delete_after_days: a("90") },
                  },
                },
              },
              monthly: {
                schedule_expression: a("cron(0 4 1 * ? *)"),
                start_backup_window_minutes: a("60"),
                complete_backup_window_minutes: a("720"),
                target_backup_vault_name: a("prod-backup"),
                lifecycle: {
                  move_to_cold_storage_after_days: a("90"),
                  delete_after_days: a("2555"),
                },
                copy_actions: {
                  [copyTo]: {
                    target_backup_vault_arn: a(copyTo),
                    lifecycle: {
                      move_to_cold_storage_after_days: a("90"),
                      delete_after_days: a("2555"),
                    },
                  },
                },
              },
            }),
            "org-bronze": plan("bronze", {
              daily: {
                schedule_expression: a("cron(0 23 ? * * *)"),
                start_backup_window_minutes: a("60"),
                complete_backup_window_minutes: a("180"),
                target_backup_vault_name: a("prod-backup"),
                lifecycle: { delete_after_days: a("14") },
              },
            }),
          },
        },
      );
      assert.deepStrictEqual(
        JSON.parse(byName("prod-dr-policy").inputs.policy as string).Statement[2],
        {
          Sid: "AllowCopyIntoThisVaultFromTheOrganization",
          Effect: "Allow",
          Principal: "*",
          Action: "backup:CopyIntoBackupVault",
          Resource: "*",
          Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } },
        },
      );
    });

    it("prod preview: the copy destination is known, and the plan waits for the DR vault", async () => {
      const run = await runStack("prod", testTiers);
      const gold = rulesOf(run.resources, "prod-backup-gold-plan");
      assert.deepStrictEqual(gold[0]?.copyActions, [
        {
          destinationVaultArn: "arn:aws:backup:us-west-2:222222222222:backup-vault:prod-dr",
          lifecycle: { deleteAfter: 90 },
        },
      ]);
      const plan = run.resources.find((r) => r.name === "prod-backup-gold-plan")!;
      const drVault = run.resources.find((r) => r.name === "prod-dr-vault")!;
      assert.ok(plan.dependencies.includes(drVault.urn));
      assert.equal(decode(drVault.inputs.kmsKeyArn), UNKNOWN);
    });

    it("staging: the DR vault in eu-west-1 of the workload account, through the workload provider", async () => {
      const run = await runStack("staging", {}, false);
      const providers = run.resources.filter((r) => r.type === "pulumi:providers:aws");
      assert.deepStrictEqual(
        providers.map((p) => [p.name, p.inputs.allowedAccountIds]),
        [["staging-workload", '["333333333333"]']],
      );
      const workload = `${providers[0]!.urn}::staging-workload-id`;
      const drChildren = run.resources.filter((r) =>
        r.urn.includes("DrVault$hybrid-backup:index:BackupVault$"),
      );
      assert.equal(drChildren.length, 10);
      for (const child of drChildren) {
        assert.equal(child.provider, workload, child.name);
        assert.equal(child.inputs.region, "eu-west-1", child.name);
      }
      const sourceKey = JSON.parse(
        run.resources.find((r) => r.name === "staging-backup-key")!.inputs.policy as string,
      ) as { Statement: unknown[] };
      assert.equal(sourceKey.Statement.length, 2);
    });
  });
});
