import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  loadMocksFile,
  MocksFileError,
  OFFLINE_ANSWERS,
  zoneIdPrefix,
} from "../../preview/invokes";

const context = { accountId: "111111111111", region: "ap-southeast-2" };

describe("offline invoke answers", () => {
  it("names availability zones and zone ids as AWS does", () => {
    // Zone-id prefixes as AWS documents them for these regions.
    assert.deepEqual(
      [
        "us-east-1",
        "us-west-2",
        "eu-central-1",
        "eu-west-1",
        "ap-southeast-2",
        "ap-northeast-1",
      ].map(zoneIdPrefix),
      ["use1", "usw2", "euc1", "euw1", "apse2", "apne1"],
    );
    const zones = OFFLINE_ANSWERS["aws:index/getAvailabilityZones:getAvailabilityZones"]!({
      ...context,
      inputs: { excludeNames: ["ap-southeast-2b"] },
    });
    assert.deepEqual(
      [zones.names, zones.zoneIds],
      [
        ["ap-southeast-2a", "ap-southeast-2c"],
        ["apse2-az1", "apse2-az3"],
      ],
    );
  });

  it("parses ARNs and answers the partition of the region", () => {
    assert.deepEqual(
      OFFLINE_ANSWERS["aws:index/getArn:getArn"]!({
        ...context,
        inputs: { arn: "arn:aws:iam::111111111111:role/path/name" },
      }),
      {
        arn: "arn:aws:iam::111111111111:role/path/name",
        id: "arn:aws:iam::111111111111:role/path/name",
        partition: "aws",
        service: "iam",
        region: "",
        account: "111111111111",
        resource: "role/path/name",
      },
    );
    assert.deepEqual(
      OFFLINE_ANSWERS["aws:index/getPartition:getPartition"]!({
        ...context,
        region: "cn-north-1",
        inputs: {},
      }),
      {
        partition: "aws-cn",
        dnsSuffix: "amazonaws.com.cn",
        reverseDnsPrefix: "cn.com.amazonaws",
        id: "aws-cn",
      },
    );
  });

  it("reads --mocks files in JSON or YAML and names a bad key", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mocks-"));
    const yamlFile = path.join(dir, "mocks.yaml");
    fs.writeFileSync(yamlFile, "aws:ec2/getAmi:getAmi:\n  id: ami-1\n");
    assert.deepEqual(loadMocksFile(yamlFile), { "aws:ec2/getAmi:getAmi": { id: "ami-1" } });
    const bad = path.join(dir, "bad.json");
    fs.writeFileSync(bad, '{"getAmi": {"id": "ami-1"}}');
    assert.throws(
      () => loadMocksFile(bad),
      new MocksFileError(
        `--mocks ${bad}: "getAmi" is not an invoke token; tokens look like "aws:ec2/getAmi:getAmi".`,
      ),
    );
    fs.writeFileSync(bad, '{"aws:ec2/getAmi:getAmi": "ami-1"}');
    assert.throws(
      () => loadMocksFile(bad),
      new MocksFileError(
        `--mocks ${bad}: the answer for aws:ec2/getAmi:getAmi is "ami-1", but must be a map of result properties.`,
      ),
    );
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
