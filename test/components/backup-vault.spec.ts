import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  BACKUP_VAULT_TYPE,
  BackupVault,
  type BackupVaultArgs,
  validateBackupVaultArgs,
} from "../../components/backup-vault";
import {
  Issues,
  formatIssues,
  type VaultLockConfig,
  validateVaultLock,
  validateVaultNotifications,
} from "../../core";
import { TEST_ACCOUNT, mocks, settled, useMocks } from "../helpers/mocks";
import { UNKNOWN, childrenOf, inputsOf, jsonInput, one, valueOf } from "../helpers/outputs";

const BREAK_GLASS = "arn:aws:iam::111111111111:role/backup-break-glass";
const COMPONENT_URN = `urn:pulumi:test::hybrid-backup::${BACKUP_VAULT_TYPE}::main`;
const child = (type: string, name: string) =>
  `urn:pulumi:test::hybrid-backup::${BACKUP_VAULT_TYPE}$${type}::${name}`;

const COMPLIANCE_LOCK: VaultLockConfig = {
  mode: "compliance",
  minRetentionDays: 7,
  maxRetentionDays: 3650,
  changeableForDays: 3,
  acknowledgeComplianceLockIsPermanent: true,
};

const baseArgs: BackupVaultArgs = {
  name: "prod-backup",
  lock: COMPLIANCE_LOCK,
  breakGlassRoleArns: [BREAK_GLASS],
  notifications: { emails: ["backup-oncall@example.com"] },
  tags: { environment: "prod" },
};

function issuesOf(args: BackupVaultArgs): string {
  const issues = new Issues();
  validateBackupVaultArgs(args, issues);
  return formatIssues(issues.all);
}

function lockIssues(lock: VaultLockConfig): string {
  const issues = new Issues("lock");
  validateVaultLock(lock, issues);
  return formatIssues(issues.all);
}

const ROOT = `arn:aws:iam::${TEST_ACCOUNT}:root`;
const ENABLE_IAM = {
  Sid: "EnableAccountIamPolicies",
  Effect: "Allow",
  Principal: { AWS: ROOT },
  Action: "kms:*",
  Resource: "*",
};
const backupViaService = (region: string) => ({
  Sid: "AllowAwsBackupForPrincipalsOfTheAccount",
  Effect: "Allow",
  Principal: { AWS: "*" },
  Action: ["kms:CreateGrant", "kms:Decrypt", "kms:GenerateDataKey*"],
  Resource: "*",
  Condition: {
    StringEquals: {
      "kms:ViaService": `backup.${region}.amazonaws.com`,
      "kms:CallerAccount": TEST_ACCOUNT,
    },
  },
});
const DENY_DELETION = {
  Sid: "DenyRecoveryPointDeletionExceptBreakGlass",
  Effect: "Deny",
  Principal: "*",
  Action: ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"],
  Resource: "*",
  Condition: { ArnNotLike: { "aws:PrincipalArn": [BREAK_GLASS] } },
};
const denyPolicyChanges = (managers: string[]) => ({
  Sid: "DenyAccessPolicyChangesExceptBreakGlassAndDeployers",
  Effect: "Deny",
  Principal: "*",
  Action: ["backup:PutBackupVaultAccessPolicy", "backup:DeleteBackupVaultAccessPolicy"],
  Resource: "*",
  Condition: { ArnNotLike: { "aws:PrincipalArn": managers } },
});
const DENY_POLICY_CHANGES = denyPolicyChanges([BREAK_GLASS]);

describe("BackupVault", () => {
  describe("resources", () => {
    beforeEach(async () => {
      await useMocks({ preview: false });
    });

    it("creates the key, alias, vault, lock, policy and notification chain as children", async () => {
      new BackupVault("main", baseArgs);
      await settled();
      assert.deepStrictEqual(childrenOf(COMPONENT_URN), [
        ["aws:backup/vault:Vault", "main-vault"],
        ["aws:backup/vaultLockConfiguration:VaultLockConfiguration", "main-lock"],
        ["aws:backup/vaultNotifications:VaultNotifications", "main-notifications"],
        ["aws:backup/vaultPolicy:VaultPolicy", "main-policy"],
        ["aws:kms/alias:Alias", "main-key-alias"],
        ["aws:kms/alias:Alias", "main-topic-key-alias"],
        ["aws:kms/key:Key", "main-key"],
        ["aws:kms/key:Key", "main-topic-key"],
        ["aws:sns/topic:Topic", "main-topic"],
        ["aws:sns/topicPolicy:TopicPolicy", "main-topic-policy"],
        ["aws:sns/topicSubscription:TopicSubscription", "main-email-backup-oncall@example.com"],
      ]);
    });

    it("encrypts the vault with a rotating customer managed key admitting the account and AWS Backup", async () => {
      new BackupVault("main", baseArgs);
      await settled();
      const key = inputsOf("aws:kms/key:Key", "main-key");
      assert.equal(key.enableKeyRotation, true);
      assert.equal(key.deletionWindowInDays, 30);
      assert.equal(
        key.description,
        "Encrypts the recovery points of the AWS Backup vault prod-backup.",
      );
      assert.deepStrictEqual(key.tags, { environment: "prod" });
      assert.deepStrictEqual(jsonInput("aws:kms/key:Key", "main-key", "policy"), {
        Version: "2012-10-17",
        Statement: [ENABLE_IAM, backupViaService("us-east-1")],
      });
      assert.deepStrictEqual(inputsOf("aws:kms/alias:Alias", "main-key-alias"), {
        name: "alias/prod-backup-backup",
        targetKeyId: "arn:aws:kms:us-east-1:111111111111:key/main-key",
      });
      assert.deepStrictEqual(inputsOf("aws:backup/vault:Vault", "main-vault"), {
        name: "prod-backup",
        kmsKeyArn: "arn:aws:kms:us-east-1:111111111111:key/main-key",
        forceDestroy: false,
        tags: { environment: "prod" },
      });
    });

    it("shares the key with copy destination accounts as AWS documents for cross-account copies", async () => {
      new BackupVault("main", {
        ...baseArgs,
        copyDestinationAccountIds: ["222222222222", "444444444444"],
      });
      await settled();
      const destinations = ["arn:aws:iam::222222222222:root", "arn:aws:iam::444444444444:root"];
      assert.deepStrictEqual(jsonInput("aws:kms/key:Key", "main-key", "policy"), {
        Version: "2012-10-17",
        Statement: [
          ENABLE_IAM,
          backupViaService("us-east-1"),
          {
            Sid: "AllowCopyDestinationAccountsToUseTheKey",
            Effect: "Allow",
            Principal: { AWS: destinations },
            Action: ["kms:Decrypt", "kms:ReEncrypt*", "kms:DescribeKey"],
            Resource: "*",
            Condition: { StringEquals: { "kms:ViaService": "backup.us-east-1.amazonaws.com" } },
          },
          {
            Sid: "AllowCopyDestinationAccountsToGrantToAwsServices",
            Effect: "Allow",
            Principal: { AWS: destinations },
            Action: "kms:CreateGrant",
            Resource: "*",
            Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
          },
        ],
      });
    });

    it("sets a compliance lock with its grace days", async () => {
      new BackupVault("main", baseArgs);
      await settled();
      assert.deepStrictEqual(
        inputsOf("aws:backup/vaultLockConfiguration:VaultLockConfiguration", "main-lock"),
        {
          backupVaultName: "prod-backup",
          minRetentionDays: 7,
          maxRetentionDays: 3650,
          changeableForDays: 3,
        },
      );
    });

    it("sets a governance lock without changeableForDays", async () => {
      new BackupVault("main", {
        ...baseArgs,
        lock: { mode: "governance", minRetentionDays: 1, maxRetentionDays: 400 },
      });
      await settled();
      assert.deepStrictEqual(
        inputsOf("aws:backup/vaultLockConfiguration:VaultLockConfiguration", "main-lock"),
        { backupVaultName: "prod-backup", minRetentionDays: 1, maxRetentionDays: 400 },
      );
    });

    it("creates no lock when none is asked for", async () => {
      new BackupVault("main", { ...baseArgs, lock: undefined });
      await settled();
      assert.equal(
        mocks.resources.filter(
          (r) => r.type === "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
        ).length,
        0,
      );
    });

    it("denies deleting recovery points to everyone but the break-glass roles", async () => {
      new BackupVault("main", baseArgs);
      await settled();
      assert.equal(
        inputsOf("aws:backup/vaultPolicy:VaultPolicy", "main-policy").backupVaultName,
        "prod-backup",
      );
      assert.deepStrictEqual(
        jsonInput("aws:backup/vaultPolicy:VaultPolicy", "main-policy", "policy"),
        {
          Version: "2012-10-17",
          Statement: [DENY_DELETION, DENY_POLICY_CHANGES],
        },
      );
    });

    it("lets copy source accounts copy into the vault when it is a copy destination", async () => {
      new BackupVault("main", { ...baseArgs, copySourceAccountIds: ["333333333333"] });
      await settled();
      assert.deepStrictEqual(
        jsonInput("aws:backup/vaultPolicy:VaultPolicy", "main-policy", "policy"),
        {
          Version: "2012-10-17",
          Statement: [
            DENY_DELETION,
            DENY_POLICY_CHANGES,
            {
              Sid: "AllowCopyIntoThisVaultFromSourceAccounts",
              Effect: "Allow",
              Principal: { AWS: ["arn:aws:iam::333333333333:root"] },
              Action: "backup:CopyIntoBackupVault",
              Resource: "*",
            },
          ],
        },
      );
    });

    it("publishes failures to a topic encrypted with its own key that only AWS Backup of the account may use", async () => {
      new BackupVault("main", baseArgs);
      await settled();
      assert.deepStrictEqual(jsonInput("aws:kms/key:Key", "main-topic-key", "policy"), {
        Version: "2012-10-17",
        Statement: [
          ENABLE_IAM,
          {
            Sid: "AllowAwsBackupToPublishToTheEncryptedTopic",
            Effect: "Allow",
            Principal: { Service: "backup.amazonaws.com" },
            Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
            Resource: "*",
            Condition: { StringEquals: { "aws:SourceAccount": TEST_ACCOUNT } },
          },
        ],
      });
      assert.equal(inputsOf("aws:kms/key:Key", "main-topic-key").enableKeyRotation, true);
      assert.deepStrictEqual(inputsOf("aws:sns/topic:Topic", "main-topic"), {
        name: "prod-backup-backup-events",
        displayName: "AWS Backup events of prod-backup",
        kmsMasterKeyId: "arn:aws:kms:us-east-1:111111111111:key/main-topic-key",
        tags: { environment: "prod" },
      });
      const topicArn = "arn:aws:sns:us-east-1:111111111111:topic/main-topic";
      assert.deepStrictEqual(
        jsonInput("aws:sns/topicPolicy:TopicPolicy", "main-topic-policy", "policy"),
        {
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "AllowAwsBackupOfThisAccountToPublish",
              Effect: "Allow",
              Principal: { Service: "backup.amazonaws.com" },
              Action: "SNS:Publish",
              Resource: topicArn,
              Condition: { StringEquals: { "aws:SourceAccount": TEST_ACCOUNT } },
            },
          ],
        },
      );
      assert.deepStrictEqual(
        inputsOf("aws:backup/vaultNotifications:VaultNotifications", "main-notifications"),
        {
          backupVaultName: "prod-backup",
          snsTopicArn: topicArn,
          backupVaultEvents: [
            "BACKUP_JOB_COMPLETED",
            "COPY_JOB_FAILED",
            "RESTORE_JOB_COMPLETED",
            "S3_BACKUP_OBJECT_FAILED",
            "S3_RESTORE_OBJECT_FAILED",
            "CONTINUOUS_BACKUP_INTERRUPTED",
            "RECOVERY_POINT_MODIFIED",
          ],
        },
      );
      assert.ok(
        one(
          "aws:backup/vaultNotifications:VaultNotifications",
          "main-notifications",
        ).dependencies.includes(child("aws:sns/topicPolicy:TopicPolicy", "main-topic-policy")),
      );
    });

    it("subscribes people to failures only, by the State message attribute", async () => {
      new BackupVault("main", {
        ...baseArgs,
        notifications: {
          events: ["BACKUP_JOB_COMPLETED", "COPY_JOB_FAILED"],
          emails: ["backup-oncall@example.com"],
          httpsEndpoints: ["https://events.example.com/aws-backup"],
        },
      });
      await settled();
      const filter = { State: [{ "anything-but": "COMPLETED" }] };
      const topicArn = "arn:aws:sns:us-east-1:111111111111:topic/main-topic";
      const email = inputsOf(
        "aws:sns/topicSubscription:TopicSubscription",
        "main-email-backup-oncall@example.com",
      );
      assert.deepStrictEqual(
        { ...email, filterPolicy: JSON.parse(email.filterPolicy as string) },
        {
          topic: topicArn,
          protocol: "email",
          endpoint: "backup-oncall@example.com",
          filterPolicy: filter,
          filterPolicyScope: "MessageAttributes",
        },
      );
      const https = inputsOf(
        "aws:sns/topicSubscription:TopicSubscription",
        "main-https-https://events.example.com/aws-backup",
      );
      assert.equal(https.protocol, "https");
      assert.deepStrictEqual(JSON.parse(https.filterPolicy as string), filter);
      assert.deepStrictEqual(
        inputsOf("aws:backup/vaultNotifications:VaultNotifications", "main-notifications")
          .backupVaultEvents,
        ["BACKUP_JOB_COMPLETED", "COPY_JOB_FAILED"],
      );
    });

    it("retains the keys, the vault, the lock and the vault policy on delete, and protects them when asked", async () => {
      const holders = ["main-key", "main-lock", "main-policy", "main-topic-key", "main-vault"];
      new BackupVault("main", { ...baseArgs, protect: true });
      await settled();
      const names = (pick: (r: (typeof mocks.resources)[number]) => boolean) =>
        mocks.resources
          .filter(pick)
          .map((r) => r.name)
          .sort();
      assert.deepStrictEqual(
        names((r) => r.protect),
        holders,
      );
      assert.deepStrictEqual(
        names((r) => r.retainOnDelete),
        holders,
      );

      await useMocks({ preview: false });
      new BackupVault("main", baseArgs);
      await settled();
      assert.deepStrictEqual(
        names((r) => r.protect),
        [],
      );
      assert.deepStrictEqual(
        names((r) => r.retainOnDelete),
        holders,
      );

      await useMocks({ preview: false });
      new BackupVault("main", { ...baseArgs, retainOnDelete: false });
      await settled();
      assert.deepStrictEqual(
        names((r) => r.retainOnDelete),
        [],
      );
    });

    it("puts every child in the given region and names that region in the key policy", async () => {
      new BackupVault("main", { ...baseArgs, region: "us-west-2" });
      await settled();
      const children = mocks.resources.filter((r) => r.parent === COMPONENT_URN);
      assert.equal(children.length, 11);
      for (const resource of children) {
        assert.equal(inputsOf(resource.type, resource.name).region, "us-west-2", resource.name);
      }
      const policy = jsonInput("aws:kms/key:Key", "main-key", "policy") as { Statement: unknown[] };
      assert.deepStrictEqual(policy.Statement[1], backupViaService("us-west-2"));
    });

    it("creates every child with the provider passed for another account", async () => {
      const provider = new aws.Provider("dr-account", { region: "eu-west-1" });
      new BackupVault("main", baseArgs, { provider });
      await settled();
      const providerRef = one("pulumi:providers:aws", "dr-account").urn;
      const children = mocks.resources.filter((r) => r.parent === COMPONENT_URN);
      assert.equal(children.length, 11);
      for (const resource of children) {
        assert.ok(
          resource.provider?.startsWith(`${providerRef}::`),
          `${resource.name}: ${resource.provider}`,
        );
      }
    });

    it("exposes the vault, key and topic", async () => {
      const vault = new BackupVault("main", baseArgs);
      await settled();
      assert.equal(await valueOf(vault.vaultName), "prod-backup");
      assert.equal(
        await valueOf(vault.vaultArn),
        "arn:aws:backup:us-east-1:111111111111:vault/main-vault",
      );
      assert.equal(await valueOf(vault.keyArn), "arn:aws:kms:us-east-1:111111111111:key/main-key");
      assert.equal(
        await valueOf(vault.topicArn),
        "arn:aws:sns:us-east-1:111111111111:topic/main-topic",
      );
      assert.deepStrictEqual(await valueOf(vault.lockRange), {
        minRetentionDays: 7,
        maxRetentionDays: 3650,
      });
    });
  });

  describe("preview", () => {
    beforeEach(async () => {
      await useMocks({ preview: true });
    });

    it("keeps ARNs the provider computes unknown, and the documents built from known values known", async () => {
      const vault = new BackupVault("main", baseArgs);
      await settled();
      assert.equal(inputsOf("aws:backup/vault:Vault", "main-vault").kmsKeyArn, UNKNOWN);
      assert.equal(
        inputsOf("aws:sns/topicPolicy:TopicPolicy", "main-topic-policy").policy,
        UNKNOWN,
      );
      assert.equal(
        inputsOf("aws:backup/vaultNotifications:VaultNotifications", "main-notifications")
          .snsTopicArn,
        UNKNOWN,
      );
      assert.deepStrictEqual(
        jsonInput("aws:backup/vaultPolicy:VaultPolicy", "main-policy", "policy"),
        {
          Version: "2012-10-17",
          Statement: [DENY_DELETION, DENY_POLICY_CHANGES],
        },
      );
      assert.equal(await valueOf(vault.vaultArn), UNKNOWN);
    });
  });

  describe("validation", () => {
    beforeEach(async () => {
      await useMocks({ preview: false });
    });

    it("accepts the base arguments", () => {
      assert.equal(issuesOf(baseArgs), "");
    });

    it("rejects a bad vault name and accepts the nearest good ones", () => {
      assert.equal(
        issuesOf({ ...baseArgs, name: "p" }),
        '[name] is "p", but must be 2-50 letters, digits, hyphens or underscores.',
      );
      assert.equal(
        issuesOf({ ...baseArgs, name: "prod backup" }),
        '[name] is "prod backup", but must be 2-50 letters, digits, hyphens or underscores.',
      );
      assert.equal(issuesOf({ ...baseArgs, name: "p_" }), "");
      assert.equal(issuesOf({ ...baseArgs, name: "a".repeat(50) }), "");
      assert.equal(
        issuesOf({ ...baseArgs, name: "a".repeat(51) }),
        `[name] is "${"a".repeat(51)}", but must be 2-50 letters, digits, hyphens or underscores.`,
      );
    });

    it("needs at least one valid, distinct break-glass role", () => {
      assert.equal(
        issuesOf({ ...baseArgs, breakGlassRoleArns: [] }),
        "[breakGlassRoleArns] is empty, but must name at least one IAM role: the vault policy denies deleting recovery points and changing the policy itself to every other principal, so without one nobody could ever change it again.",
      );
      assert.equal(
        issuesOf({
          ...baseArgs,
          breakGlassRoleArns: [BREAK_GLASS, "arn:aws:iam::111111111111:user/alice", BREAK_GLASS],
        }),
        [
          '[breakGlassRoleArns[1]] is "arn:aws:iam::111111111111:user/alice", but must be an IAM role ARN such as arn:aws:iam::111111111111:role/backup-break-glass.',
          `[breakGlassRoleArns[2]] repeats the role ARN "${BREAK_GLASS}" already used at index 0.`,
        ].join("\n"),
      );
      assert.equal(
        issuesOf({
          ...baseArgs,
          breakGlassRoleArns: ["arn:aws-us-gov:iam::111111111111:role/ops/break-glass"],
        }),
        "",
      );
    });

    it("checks the account ids of copy destinations and sources", () => {
      assert.equal(
        issuesOf({
          ...baseArgs,
          copyDestinationAccountIds: ["22222222222"],
          copySourceAccountIds: ["33333333333x"],
        }),
        [
          '[copyDestinationAccountIds[0]] is "22222222222", but must be an AWS account id of exactly 12 digits.',
          '[copySourceAccountIds[0]] is "33333333333x", but must be an AWS account id of exactly 12 digits.',
        ].join("\n"),
      );
    });

    it("rejects an unknown region", () => {
      assert.equal(
        issuesOf({ ...baseArgs, region: "us-west-9" }),
        '[region] is "us-west-9", but must be an AWS region name such as us-west-2.',
      );
    });

    it("reports every problem at once, and the constructor throws them before creating any child", async () => {
      const args: BackupVaultArgs = {
        ...baseArgs,
        name: "x",
        breakGlassRoleArns: [],
        lock: { mode: "governance", minRetentionDays: 0, changeableForDays: 3 },
      };
      const expected = [
        '[name] is "x", but must be 2-50 letters, digits, hyphens or underscores.',
        "[lock.minRetentionDays] is 0, but must be a whole number from 1 to 36500 days.",
        '[lock.changeableForDays] is 3, but a governance lock takes no changeableForDays: AWS makes any lock that has it a compliance lock. Remove it, or set mode to "compliance".',
        "[breakGlassRoleArns] is empty, but must name at least one IAM role: the vault policy denies deleting recovery points and changing the policy itself to every other principal, so without one nobody could ever change it again.",
      ].join("\n");
      assert.equal(issuesOf(args), expected);
      assert.throws(
        () => new BackupVault("bad", args),
        (err: unknown) =>
          err instanceof pulumi.ResourceError &&
          err.message === `BackupVault bad has 4 problems:\n${expected}`,
      );
      await settled();
      assert.deepStrictEqual(
        mocks.resources.filter((r) => r.parent?.endsWith("::bad")),
        [],
      );
    });
  });

  describe("lock validation", () => {
    it("accepts a compliance lock with 3 grace days and the acknowledgement", () => {
      assert.equal(lockIssues(COMPLIANCE_LOCK), "");
    });

    it("rejects a compliance lock without grace days or acknowledgement", () => {
      assert.equal(
        lockIssues({ mode: "compliance", minRetentionDays: 7 }),
        [
          "[lock.changeableForDays] is missing; a compliance lock needs a whole number of at least 3 days, after which the lock can no longer be changed or removed.",
          "[lock.acknowledgeComplianceLockIsPermanent] is undefined, but a compliance lock needs it set to true: once changeableForDays have passed, nobody (not the root user, not AWS) can remove the lock, shorten retention or delete the vault before its recovery points expire.",
        ].join("\n"),
      );
      assert.equal(
        lockIssues({
          ...COMPLIANCE_LOCK,
          changeableForDays: 2,
          acknowledgeComplianceLockIsPermanent: false,
        }),
        [
          "[lock.changeableForDays] is 2, but must be a whole number of at least 3 days.",
          "[lock.acknowledgeComplianceLockIsPermanent] is false, but a compliance lock needs it set to true: once changeableForDays have passed, nobody (not the root user, not AWS) can remove the lock, shorten retention or delete the vault before its recovery points expire.",
        ].join("\n"),
      );
    });

    it("bounds the retention range to 1-36500 days with min <= max", () => {
      assert.equal(
        lockIssues({ mode: "governance", minRetentionDays: 0, maxRetentionDays: 36501 }),
        [
          "[lock.minRetentionDays] is 0, but must be a whole number from 1 to 36500 days.",
          "[lock.maxRetentionDays] is 36501, but must be a whole number from 1 to 36500 days.",
        ].join("\n"),
      );
      assert.equal(
        lockIssues({ mode: "governance", minRetentionDays: 1, maxRetentionDays: 36500 }),
        "",
      );
      assert.equal(
        lockIssues({ mode: "governance", minRetentionDays: 30, maxRetentionDays: 29 }),
        "[lock.maxRetentionDays] is 29 days, but must be at least minRetentionDays (30 days).",
      );
      assert.equal(
        lockIssues({ mode: "governance", minRetentionDays: 30, maxRetentionDays: 30 }),
        "",
      );
    });

    it("rejects an unknown mode", () => {
      assert.equal(
        lockIssues({ mode: "strict" as "governance", minRetentionDays: 1 }),
        '[lock.mode] is "strict", but must be one of "governance", "compliance".',
      );
    });
  });

  describe("notification validation", () => {
    function notificationIssues(
      events: string[],
      emails: string[] = [],
      httpsEndpoints: string[] = [],
    ): string {
      const issues = new Issues("notifications");
      validateVaultNotifications({ events, emails, httpsEndpoints }, issues);
      return formatIssues(issues.all);
    }

    it("rejects deprecated, unknown and repeated events", () => {
      assert.equal(
        notificationIssues([
          "BACKUP_JOB_FAILED",
          "BACKUP_PLAN_CREATED",
          "BACKUP_JOB_DONE",
          "COPY_JOB_FAILED",
          "COPY_JOB_FAILED",
        ]),
        [
          '[notifications.events[0]] is "BACKUP_JOB_FAILED", which AWS Backup no longer sends; use "BACKUP_JOB_COMPLETED" instead (the subscriptions keep only states other than COMPLETED).',
          '[notifications.events[1]] is "BACKUP_PLAN_CREATED", which AWS Backup no longer sends; remove it.',
          '[notifications.events[2]] is "BACKUP_JOB_DONE", but must be one of "BACKUP_JOB_STARTED", "BACKUP_JOB_COMPLETED", "COPY_JOB_STARTED", "COPY_JOB_SUCCESSFUL", "COPY_JOB_FAILED", "RESTORE_JOB_STARTED", "RESTORE_JOB_COMPLETED", "RECOVERY_POINT_MODIFIED", "S3_BACKUP_OBJECT_FAILED", "S3_RESTORE_OBJECT_FAILED", "CONTINUOUS_BACKUP_INTERRUPTED", "RECOVERY_POINT_INDEX_COMPLETED", "RECOVERY_POINT_INDEX_DELETED", "RECOVERY_POINT_INDEXING_FAILED".',
          '[notifications.events[4]] repeats the event "COPY_JOB_FAILED" already used at index 3.',
        ].join("\n"),
      );
      assert.equal(
        notificationIssues([]),
        "[notifications.events] is empty, but must list at least one event; omit it to get the failure events BACKUP_JOB_COMPLETED, COPY_JOB_FAILED, RESTORE_JOB_COMPLETED, S3_BACKUP_OBJECT_FAILED, S3_RESTORE_OBJECT_FAILED, CONTINUOUS_BACKUP_INTERRUPTED, RECOVERY_POINT_MODIFIED.",
      );
      assert.equal(notificationIssues(["RECOVERY_POINT_INDEXING_FAILED"]), "");
    });

    it("checks email addresses and HTTPS endpoints", () => {
      assert.equal(
        notificationIssues(
          ["COPY_JOB_FAILED"],
          ["oncall@example", "oncall@example.com"],
          ["http://hooks.example.com/x"],
        ),
        [
          '[notifications.emails[0]] is "oncall@example", but must be an email address.',
          '[notifications.httpsEndpoints[0]] is "http://hooks.example.com/x", but must be an https:// URL (SNS delivers to HTTPS endpoints only).',
        ].join("\n"),
      );
      assert.equal(
        notificationIssues(
          ["COPY_JOB_FAILED"],
          ["oncall@example.com"],
          ["https://hooks.example.com/x"],
        ),
        "",
      );
    });
  });
});
