import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as assert from "node:assert/strict";
import { storageEncryptedWithCmk } from "../../../policies/encryption/storage-encrypted-with-cmk";
import { previewAdvisory, runStackPolicy } from "../../helpers/policy-harness";
import { previewProgram } from "../../helpers/program-policy";

/** Another team's component: a data volume encrypted with the key it is given. */
class DataDisk extends pulumi.ComponentResource {
  constructor(
    name: string,
    args: { kmsKeyId?: pulumi.Input<string> },
    opts?: pulumi.ComponentResourceOptions,
  ) {
    super("acme:storage:DataDisk", name, {}, opts);
    new aws.ebs.Volume(
      `${name}-volume`,
      { availabilityZone: "us-east-1a", size: 100, encrypted: true, kmsKeyId: args.kmsKeyId },
      { parent: this },
    );
    this.registerOutputs({});
  }
}

describe("policies/encryption/storage-encrypted-with-cmk", () => {
  it("passes a volume inside a component whose key is a KMS key of the same stack, unknown in preview", async () => {
    const stack = await previewProgram(() => {
      const key = new aws.kms.Key("data", { enableKeyRotation: true });
      new DataDisk("orders", { kmsKeyId: key.arn });
      new aws.dynamodb.Table("sessions", {
        attributes: [{ name: "id", type: "S" }],
        hashKey: "id",
        billingMode: "PAY_PER_REQUEST",
      });
    });
    const outcome = await runStackPolicy(storageEncryptedWithCmk, stack);
    assert.deepEqual(outcome.messages, []);
    assert.deepEqual(outcome.advisories, []);
  });

  it("fails an AWS-managed key and a database without encryption, one finding per resource", async () => {
    const stack = await previewProgram(() => {
      new DataDisk("orders", { kmsKeyId: "alias/aws/ebs" });
      new aws.rds.Instance("db", {
        engine: "postgres",
        instanceClass: "db.t4g.micro",
        allocatedStorage: 20,
        username: "app",
        manageMasterUserPassword: true,
      });
    });
    const outcome = await runStackPolicy(storageEncryptedWithCmk, stack);
    assert.deepEqual(outcome.violations, [
      {
        message:
          'aws:ebs/volume:Volume "orders-volume" [kmsKeyId] is "alias/aws/ebs", but must be a customer-managed KMS key, not an AWS-managed key.',
        urn: "urn:pulumi:dev::team::acme:storage:DataDisk$aws:ebs/volume:Volume::orders-volume",
      },
      {
        message:
          'aws:rds/instance:Instance "db" [storageEncrypted] is not set, but must be true.\n' +
          'aws:rds/instance:Instance "db" [kmsKeyId] is not set, but must be a customer-managed KMS key.',
        urn: "urn:pulumi:dev::team::aws:rds/instance:Instance::db",
      },
    ]);
  });

  it("says which value stays unknown and why when the key comes from something other than a KMS key", async () => {
    const stack = await previewProgram(() => {
      const param = new aws.ssm.Parameter("key-id", { type: "String", value: "k" });
      new DataDisk("orders", { kmsKeyId: param.arn });
    });
    const outcome = await runStackPolicy(storageEncryptedWithCmk, stack);
    assert.deepEqual(outcome.messages, []);
    assert.deepEqual(outcome.advisories, [
      previewAdvisory(
        "storage-encrypted-with-cmk",
        'could not check that aws:ebs/volume:Volume "orders-volume" [kmsKeyId] names a customer-managed KMS key, because it is unknown during preview and depends on aws:ssm/parameter:Parameter "key-id", which is not a KMS key of this stack.',
      ),
    ]);
  });

  it("does not demand a key of DynamoDB, which is always encrypted at rest, but judges a named one", async () => {
    const stack = await previewProgram(() => {
      new aws.dynamodb.Table("plain", {
        attributes: [{ name: "id", type: "S" }],
        hashKey: "id",
        billingMode: "PAY_PER_REQUEST",
      });
      new aws.dynamodb.Table("managed", {
        attributes: [{ name: "id", type: "S" }],
        hashKey: "id",
        billingMode: "PAY_PER_REQUEST",
        serverSideEncryption: {
          enabled: true,
          kmsKeyArn: "arn:aws:kms:us-east-1:111111111111:alias/aws/dynamodb",
        },
      });
    });
    const outcome = await runStackPolicy(storageEncryptedWithCmk, stack);
    assert.deepEqual(outcome.messages, [
      'aws:dynamodb/table:Table "managed" [serverSideEncryption.kmsKeyArn] is "arn:aws:kms:us-east-1:111111111111:alias/aws/dynamodb", but must be a customer-managed KMS key, not an AWS-managed key.',
    ]);
  });
});
