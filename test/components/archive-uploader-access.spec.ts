import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import {
  ArchiveUploaderAccess,
  type ArchiveUploaderAccessArgs,
  validateArchiveUploaderAccessArgs,
} from "../../components/archive-uploader-access";
import { Issues, formatIssue } from "../../core";
import { TEST_ACCOUNT, settled, useMocks } from "../helpers/mocks";
import { UNKNOWN, childrenOf, inputsOf, jsonInput, valueOf } from "../helpers/outputs";

const URN = "urn:pulumi:test::hybrid-backup::hybrid-backup:index:ArchiveUploaderAccess::dumps";
const ROLE = "aws:iam/role:Role";
const POLICY = "aws:iam/rolePolicy:RolePolicy";
const KEY_ARN = `arn:aws:kms:us-east-1:${TEST_ACCOUNT}:key/0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b`;
const BUCKET_ARN = "arn:aws:s3:::acme-prod-archive-logs";
const ANCHOR =
  "arn:aws:rolesanywhere:us-east-1:111111111111:trust-anchor/0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b";
const SHIPPER = "arn:aws:iam::222222222222:role/onprem-log-shipper";
const ENDPOINT = "vpce-0a1b2c3d4e5f60718";

const args: ArchiveUploaderAccessArgs = {
  bucket: "acme-prod-archive-logs",
  kmsKeyArn: KEY_ARN,
  prefixes: ["db-dumps/", "logs/app/"],
  trustedPrincipalArns: [SHIPPER, ANCHOR],
  vpcEndpointId: ENDPOINT,
  tags: { owner: "platform-team" },
};

function argProblems(value: ArchiveUploaderAccessArgs): string[] {
  const issues = new Issues();
  validateArchiveUploaderAccessArgs(value, issues);
  return issues.all.map(formatIssue);
}

describe("ArchiveUploaderAccess", () => {
  describe("built", () => {
    let access: ArchiveUploaderAccess;

    beforeEach(async () => {
      await useMocks({ preview: false });
      access = new ArchiveUploaderAccess("dumps", args);
      await settled();
    });

    it("builds a role and its own inline policy", async () => {
      assert.deepStrictEqual(childrenOf(URN), [
        [ROLE, "dumps-role"],
        [POLICY, "dumps-policy"],
      ]);
      assert.equal(await valueOf(access.roleArn), `arn:aws:iam::${TEST_ACCOUNT}:role/dumps-role`);
    });

    it("trusts the IAM principals and the Roles Anywhere trust anchors given", () => {
      const role = inputsOf(ROLE, "dumps-role");
      assert.equal(role.maxSessionDuration, 3600);
      assert.deepStrictEqual(role.tags, { owner: "platform-team" });
      assert.equal(
        role.description,
        "Put-only uploads from on premises into the archive bucket acme-prod-archive-logs",
      );
      assert.deepStrictEqual(jsonInput(ROLE, "dumps-role", "assumeRolePolicy"), {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "AllowTrustedPrincipalsToAssumeTheRole",
            Effect: "Allow",
            Principal: { AWS: [SHIPPER] },
            Action: "sts:AssumeRole",
          },
          {
            Sid: "AllowRolesAnywhereSessionsFromTrustedAnchors",
            Effect: "Allow",
            Principal: { Service: "rolesanywhere.amazonaws.com" },
            Action: ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"],
            Condition: { ArnEquals: { "aws:SourceArn": [ANCHOR] } },
          },
        ],
      });
    });

    it("allows put-only into its prefixes through the endpoint and denies everything destructive", () => {
      assert.deepStrictEqual(inputsOf(POLICY, "dumps-policy").role, "dumps-role-id");
      assert.deepStrictEqual(jsonInput(POLICY, "dumps-policy", "policy"), {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "PutIntoOwnPrefixesThroughTheVpcEndpoint",
            Effect: "Allow",
            Action: ["s3:PutObject", "s3:AbortMultipartUpload"],
            Resource: [`${BUCKET_ARN}/db-dumps/*`, `${BUCKET_ARN}/logs/app/*`],
            Condition: { StringEquals: { "aws:SourceVpce": ENDPOINT } },
          },
          {
            Sid: "UseTheArchiveKeyThroughS3Only",
            Effect: "Allow",
            Action: ["kms:GenerateDataKey", "kms:Decrypt"],
            Resource: KEY_ARN,
            Condition: {
              StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" },
              StringLike: {
                "kms:EncryptionContext:aws:s3:arn": [
                  BUCKET_ARN,
                  `${BUCKET_ARN}/db-dumps/*`,
                  `${BUCKET_ARN}/logs/app/*`,
                ],
              },
            },
          },
          {
            Sid: "DenyEncryptionOtherThanSseKms",
            Effect: "Deny",
            Action: "s3:PutObject",
            Resource: `${BUCKET_ARN}/*`,
            Condition: {
              StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" },
              Null: { "s3:x-amz-server-side-encryption": "false" },
            },
          },
          {
            Sid: "DenyAnotherKmsKey",
            Effect: "Deny",
            Action: "s3:PutObject",
            Resource: `${BUCKET_ARN}/*`,
            Condition: {
              StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": KEY_ARN },
              Null: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "false" },
            },
          },
          {
            Sid: "DenyTheBucketOutsideTheVpcEndpoint",
            Effect: "Deny",
            Action: "s3:*",
            Resource: [BUCKET_ARN, `${BUCKET_ARN}/*`],
            Condition: { StringNotEquals: { "aws:SourceVpce": ENDPOINT } },
          },
          {
            Sid: "DenyDeletionRetentionAndBucketChanges",
            Effect: "Deny",
            Action: [
              "s3:DeleteObject*",
              "s3:BypassGovernanceRetention",
              "s3:PutObjectRetention",
              "s3:PutObjectLegalHold",
              "s3:PutBucket*",
              "s3:DeleteBucket*",
              "s3:PutLifecycleConfiguration",
              "s3:PutReplicationConfiguration",
              "s3:PutEncryptionConfiguration",
            ],
            Resource: [BUCKET_ARN, `${BUCKET_ARN}/*`],
          },
        ],
      });
    });
  });

  it("trusts IAM principals only when no trust anchor is given, with a longer session", async () => {
    await useMocks({ preview: false });
    new ArchiveUploaderAccess("dumps", {
      ...args,
      trustedPrincipalArns: [SHIPPER],
      maxSessionDurationSeconds: 14400,
    });
    await settled();
    assert.equal(inputsOf(ROLE, "dumps-role").maxSessionDuration, 14400);
    assert.deepStrictEqual(
      (
        jsonInput(ROLE, "dumps-role", "assumeRolePolicy") as { Statement: { Sid: string }[] }
      ).Statement.map((s) => s.Sid),
      ["AllowTrustedPrincipalsToAssumeTheRole"],
    );
  });

  it("leaves the policy unknown during preview when the key is unknown, the trust policy known", async () => {
    await useMocks({ preview: true });
    const key = new aws.kms.Key("archive-key", {});
    const access = new ArchiveUploaderAccess("dumps", { ...args, kmsKeyArn: key.arn });
    await settled();
    assert.equal(inputsOf(POLICY, "dumps-policy").policy, UNKNOWN);
    assert.equal(typeof inputsOf(ROLE, "dumps-role").assumeRolePolicy, "string");
    assert.equal(await valueOf(access.roleArn), UNKNOWN);
  });

  it("refuses bad args with every problem at once", async () => {
    await useMocks({ preview: false });
    assert.throws(
      () =>
        new ArchiveUploaderAccess("dumps", {
          ...args,
          prefixes: [],
          trustedPrincipalArns: ["arn:aws:rolesanywhere:us-east-1:111111111111:profile/abc"],
          vpcEndpointId: "vpc-0a1b2c3d",
        }),
      {
        message: [
          "ArchiveUploaderAccess dumps has 3 problems:",
          "[prefixes] has 0 items, but must have at least 1 item.",
          '[trustedPrincipalArns[0]] is "arn:aws:rolesanywhere:us-east-1:111111111111:profile/abc", but must be an IAM principal ARN (an account root, a role or a user) or an IAM Roles Anywhere trust anchor ARN (arn:aws:rolesanywhere:<region>:<account>:trust-anchor/<id>).',
          '[vpcEndpointId] is "vpc-0a1b2c3d", but must be a VPC endpoint id such as vpce-0a1b2c3d4e5f60718.',
        ].join("\n"),
      },
    );
    await settled();
    assert.deepStrictEqual(childrenOf(URN), []);
  });

  it("checks names, prefixes, principals, endpoint and session, the nearest good values passing", () => {
    assert.deepStrictEqual(
      argProblems({
        ...args,
        bucket: "acme_logs",
        prefixes: ["db-dumps", "logs/", "logs/"],
        trustedPrincipalArns: [SHIPPER, SHIPPER],
        vpcEndpointId: "vpce-0a1b2c3d4",
        maxSessionDurationSeconds: 3599,
      }),
      [
        '[bucket] is "acme_logs", but may contain only lowercase letters, digits, periods and hyphens.',
        '[prefixes[0]] is "db-dumps", but must be 1-255 characters ending with "/", not starting with "/", without * or ? or control characters.',
        '[prefixes[2]] repeats the prefix "logs/" already used at index 1.',
        `[trustedPrincipalArns[1]] repeats the principal "${SHIPPER}" already used at index 0.`,
        '[vpcEndpointId] is "vpce-0a1b2c3d4", but must be a VPC endpoint id such as vpce-0a1b2c3d4e5f60718.',
        "[maxSessionDurationSeconds] is 3599, but must be a whole number from 3600 to 43200 seconds.",
      ],
    );
    assert.deepStrictEqual(
      argProblems({
        ...args,
        bucket: "acme",
        prefixes: ["db-dumps/", "logs/"],
        trustedPrincipalArns: [SHIPPER, "arn:aws:iam::222222222222:root"],
        vpcEndpointId: "vpce-0a1b2c3d",
        maxSessionDurationSeconds: 43200,
      }),
      [],
    );
    assert.deepStrictEqual(argProblems({ ...args, maxSessionDurationSeconds: 43201 }), [
      "[maxSessionDurationSeconds] is 43201, but must be a whole number from 3600 to 43200 seconds.",
    ]);
    assert.deepStrictEqual(argProblems({ ...args, trustedPrincipalArns: [] }), [
      "[trustedPrincipalArns] has 0 items, but must have at least 1 item.",
    ]);
  });

  it("keeps the trust policy and the inline policy within the IAM size quotas", () => {
    const roles = (n: number) =>
      Array.from(
        { length: n },
        (_, i) => `arn:aws:iam::111111111111:role/onprem-uploader-${String(i).padStart(2, "0")}`,
      );
    assert.deepStrictEqual(argProblems({ ...args, trustedPrincipalArns: roles(36) }), []);
    assert.deepStrictEqual(argProblems({ ...args, trustedPrincipalArns: roles(37) }), [
      "[trustedPrincipalArns] lists 37 principals, which make the role's trust policy 2075 characters long, but IAM accepts at most 2048 under the default quota; trust fewer principals (an account root ARN admits the account's roles).",
    ]);
    const prefixes = (n: number) =>
      Array.from({ length: n }, (_, i) => `db-dumps/host-${String(i).padStart(3, "0")}/`);
    assert.deepStrictEqual(argProblems({ ...args, prefixes: prefixes(63) }), []);
    assert.deepStrictEqual(argProblems({ ...args, prefixes: prefixes(64) }), [
      "[prefixes] lists 64 prefixes, which make the role's policy up to 10249 characters long, but IAM accepts at most 10240 for the inline policies of a role; use fewer, shorter prefixes.",
    ]);
  });

  describe("trust of another account", () => {
    const PARTNER_ROOT = "arn:aws:iam::444444444444:root";

    it("refuses another account's root without externalId or principalOrgId when the account is known", () => {
      const partner = { ...args, trustedPrincipalArns: [PARTNER_ROOT], accountId: TEST_ACCOUNT };
      assert.deepStrictEqual(argProblems(partner), [
        '[trustedPrincipalArns[0]] is "arn:aws:iam::444444444444:root", the whole account 444444444444, not the role\'s account 111111111111, but trusting another account needs externalId or principalOrgId: otherwise anyone that account allows could assume the role.',
      ]);
      assert.deepStrictEqual(argProblems({ ...partner, externalId: "x" }), [
        '[externalId] is "x", but must be 2-1224 letters, digits or +=,.@:/-_.',
      ]);
      assert.deepStrictEqual(
        argProblems({ ...partner, trustedPrincipalArns: [`arn:aws:iam::${TEST_ACCOUNT}:root`] }),
        [],
      );
    });

    it("puts the external id and the organization in the trust policy's condition", async () => {
      await useMocks({ preview: false });
      new ArchiveUploaderAccess("partner", {
        ...args,
        trustedPrincipalArns: [PARTNER_ROOT],
        accountId: TEST_ACCOUNT,
        externalId: "onprem-uploads-7f3a",
        principalOrgId: "o-a1b2c3d4e5",
      });
      await settled();
      assert.deepStrictEqual(jsonInput(ROLE, "partner-role", "assumeRolePolicy"), {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "AllowTrustedPrincipalsToAssumeTheRole",
            Effect: "Allow",
            Principal: { AWS: [PARTNER_ROOT] },
            Action: "sts:AssumeRole",
            Condition: {
              StringEquals: {
                "sts:ExternalId": "onprem-uploads-7f3a",
                "aws:PrincipalOrgID": "o-a1b2c3d4e5",
              },
            },
          },
        ],
      });
    });
  });
});
