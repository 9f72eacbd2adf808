import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  AIR_GAPPED_VAULT_TYPE,
  AirGappedVault,
  type AirGappedVaultArgs,
  validateAirGappedVaultArgs,
} from "../../components/air-gapped-vault";
import { Issues, formatIssues } from "../../core";
import { mocks, settled, useMocks } from "../helpers/mocks";
import { UNKNOWN, childrenOf, inputsOf, one, valueOf } from "../helpers/outputs";

const COMPONENT_URN = `urn:pulumi:test::hybrid-backup::${AIR_GAPPED_VAULT_TYPE}::prod-air-gapped-gold`;
const ORG_ARN = "arn:aws:organizations::999999999999:organization/o-a1b2c3d4e5";

const baseArgs: AirGappedVaultArgs = {
  name: "prod-gold-air-gapped",
  minRetentionDays: 7,
  maxRetentionDays: 400,
  tags: { environment: "prod" },
};

function issuesOf(args: Partial<AirGappedVaultArgs>): string {
  const issues = new Issues();
  validateAirGappedVaultArgs({ ...baseArgs, ...args }, issues);
  return formatIssues(issues.all);
}

describe("AirGappedVault", () => {
  describe("resources", () => {
    beforeEach(async () => {
      await useMocks({ preview: false });
    });

    it("creates only the vault, with its retention bounds, when it is not shared", async () => {
      const vault = new AirGappedVault("prod-air-gapped-gold", baseArgs);
      await settled();
      assert.deepStrictEqual(childrenOf(COMPONENT_URN), [
        [
          "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault",
          "prod-air-gapped-gold-vault",
        ],
      ]);
      assert.deepStrictEqual(
        inputsOf(
          "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault",
          "prod-air-gapped-gold-vault",
        ),
        {
          name: "prod-gold-air-gapped",
          minRetentionDays: 7,
          maxRetentionDays: 400,
          tags: { environment: "prod" },
        },
      );
      assert.equal(await valueOf(vault.shareArn), undefined);
      assert.deepStrictEqual(await valueOf(vault.retention), {
        minRetentionDays: 7,
        maxRetentionDays: 400,
      });
    });

    it("protects and retains the vault when asked, and builds its ARN from known parts", async () => {
      const vault = new AirGappedVault("prod-air-gapped-gold", {
        ...baseArgs,
        protect: true,
        region: "us-east-2",
        ownerAccountId: "111111111111",
      });
      await settled();
      const recorded = one(
        "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault",
        "prod-air-gapped-gold-vault",
      );
      assert.equal(recorded.protect, true);
      assert.equal(recorded.retainOnDelete, true);
      assert.equal(recorded.inputs.region, "us-east-2");
      assert.equal(
        await valueOf(vault.vaultArn),
        "arn:aws:backup:us-east-2:111111111111:backup-vault:prod-gold-air-gapped",
      );
    });

    it("shares the vault through AWS RAM with each account and the organization", async () => {
      new AirGappedVault("prod-air-gapped-gold", {
        ...baseArgs,
        sharing: { accountIds: ["444444444444", "555555555555"], organizationArn: ORG_ARN },
      });
      await settled();
      assert.deepStrictEqual(childrenOf(COMPONENT_URN), [
        [
          "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault",
          "prod-air-gapped-gold-vault",
        ],
        [
          "aws:ram/principalAssociation:PrincipalAssociation",
          "prod-air-gapped-gold-share-444444444444",
        ],
        [
          "aws:ram/principalAssociation:PrincipalAssociation",
          "prod-air-gapped-gold-share-555555555555",
        ],
        [
          "aws:ram/principalAssociation:PrincipalAssociation",
          "prod-air-gapped-gold-share-organization",
        ],
        ["aws:ram/resourceAssociation:ResourceAssociation", "prod-air-gapped-gold-share-vault"],
        ["aws:ram/resourceShare:ResourceShare", "prod-air-gapped-gold-share"],
      ]);
      assert.deepStrictEqual(
        inputsOf("aws:ram/resourceShare:ResourceShare", "prod-air-gapped-gold-share"),
        {
          name: "prod-gold-air-gapped-restore",
          allowExternalPrincipals: false,
          tags: { environment: "prod" },
        },
      );
      const association = inputsOf(
        "aws:ram/resourceAssociation:ResourceAssociation",
        "prod-air-gapped-gold-share-vault",
      );
      assert.match(String(association.resourceArn), /^arn:aws:/);
      assert.equal(
        inputsOf(
          "aws:ram/principalAssociation:PrincipalAssociation",
          "prod-air-gapped-gold-share-organization",
        ).principal,
        ORG_ARN,
      );
    });
  });

  describe("in another account", () => {
    it("deploys every child through the provider the options pass, with its default tags", async () => {
      await useMocks({ preview: false });
      const provider = new aws.Provider("recovery-account", {
        region: "us-east-2",
        allowedAccountIds: ["444444444444"],
        defaultTags: { tags: { team: "sre" } },
      });
      new AirGappedVault(
        "prod-air-gapped-gold",
        { ...baseArgs, sharing: { accountIds: ["555555555555"] } },
        { provider },
      );
      await settled();
      const children = mocks.resources.filter((r) => r.parent === COMPONENT_URN);
      assert.equal(children.length, 4);
      for (const resource of children) {
        assert.equal(resource.provider?.split("::")[3], "recovery-account", resource.name);
      }
    });
  });

  describe("preview", () => {
    it("leaves the vault ARN unknown without owner account and region", async () => {
      await useMocks({ preview: true });
      const vault = new AirGappedVault("prod-air-gapped-gold", baseArgs);
      await settled();
      assert.equal(await valueOf(vault.vaultArn), UNKNOWN);
      assert.equal(mocks.resources.length > 0, true);
    });
  });

  describe("validation", () => {
    it("accepts the base arguments", () => {
      assert.equal(issuesOf({}), "");
    });

    it("holds the retention bounds to AWS's floor of 7 days and min <= max", () => {
      assert.equal(
        issuesOf({ minRetentionDays: 3 }),
        "[minRetentionDays] is 3, but must be a whole number from 7 to 36500 days.",
      );
      assert.equal(
        issuesOf({ minRetentionDays: 30, maxRetentionDays: 14 }),
        "[maxRetentionDays] is 14 days, but must be at least minRetentionDays (30).",
      );
      assert.equal(
        issuesOf({ maxRetentionDays: 40000 }),
        "[maxRetentionDays] is 40000, but must be a whole number from 7 to 36500 days.",
      );
    });

    it("checks the name, the key, the region and the sharing", () => {
      assert.equal(
        issuesOf({
          name: "a",
          encryptionKeyArn: "alias/backup",
          region: "mars-1",
          sharing: { accountIds: ["111111111111", "12"], organizationArn: "o-a1b2c3d4e5" },
          ownerAccountId: "111111111111",
        }),
        [
          '[name] is "a", but must be 2-50 letters, digits, hyphens or underscores.',
          '[encryptionKeyArn] is "alias/backup", but must be a KMS key ARN such as arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab (not an alias).',
          '[sharing.accountIds[0]] is "111111111111", the account that owns the vault; share with the accounts that restore from it, not with the owner.',
          '[sharing.accountIds[1]] is "12", but must be an AWS account id of exactly 12 digits.',
          '[sharing.organizationArn] is "o-a1b2c3d4e5", but must be an organization ARN such as arn:aws:organizations::111111111111:organization/o-a1b2c3d4e5.',
          '[region] is "mars-1", but must be an AWS region name such as us-east-1.',
        ].join("\n"),
      );
      assert.equal(
        issuesOf({ sharing: {} }),
        "[sharing] names no account and no organization; list accountIds or set organizationArn, or leave sharing out.",
      );
    });

    it("throws from the constructor before creating children", async () => {
      await useMocks({ preview: false });
      assert.throws(
        () => new AirGappedVault("prod-air-gapped-gold", { ...baseArgs, minRetentionDays: 1 }),
        (err: unknown) =>
          err instanceof pulumi.ResourceError &&
          err.message ===
            "AirGappedVault prod-air-gapped-gold has 1 problem:\n[minRetentionDays] is 1, but must be a whole number from 7 to 36500 days.",
      );
      await settled();
      assert.deepStrictEqual(childrenOf(COMPONENT_URN), []);
    });
  });
});
