import * as assert from "node:assert/strict";
import { allOf, anyOf, HOLE, matchArn, negate, template } from "../../../policies/lib/selections";

describe("policies/lib/selections", () => {
  const volume = template("arn:aws:ec2:", undefined, ":", undefined, ":volume/", undefined);
  const bucket = template("arn:aws:s3:::", "org-archive");

  it("matches patterns that hold whatever the unknown parts turn out to be", () => {
    for (const pattern of ["*", "arn:aws:ec2:*:*:volume/*", "arn:aws:ec2:*", "arn:*:volume/*"]) {
      assert.equal(matchArn(pattern, volume), "yes", pattern);
    }
    assert.equal(matchArn("arn:aws:s3:::org-*", bucket), "yes");
    assert.equal(matchArn("arn:aws:s3:::org-archive", bucket), "yes");
  });

  it("rules out patterns no value of the unknown parts can match", () => {
    for (const pattern of [
      "arn:aws:rds:*:*:db:*",
      "arn:aws:ec2:*:*:instance/*",
      "arn:aws:ec2:*:*:volume",
      "arn:aws:s3:::other",
    ]) {
      assert.equal(matchArn(pattern, pattern.includes("s3") ? bucket : volume), "no", pattern);
    }
    // An ARN part never contains ':' or '/'.
    assert.equal(matchArn("arn:aws:ec2:us-east-1:a:b:volume/x", volume), "no");
  });

  it("answers maybe when the unknown parts decide", () => {
    assert.equal(matchArn("arn:aws:ec2:us-east-1:*:volume/*", volume), "maybe");
    assert.equal(matchArn("arn:aws:ec2:*:*:volume/vol-0123", volume), "maybe");
    assert.equal(matchArn("arn:aws:s3:::org-*", template("arn:aws:s3:::", undefined)), "maybe");
    assert.deepEqual(template("a", undefined), ["a", HOLE]);
  });

  it("combines with three-valued logic", () => {
    assert.equal(anyOf(["no", "maybe"]), "maybe");
    assert.equal(anyOf(["maybe", "yes"]), "yes");
    assert.equal(anyOf([]), "no");
    assert.equal(allOf(["yes", "maybe"]), "maybe");
    assert.equal(allOf(["maybe", "no"]), "no");
    assert.equal(allOf([]), "yes");
    assert.equal(negate("maybe"), "maybe");
    assert.equal(negate("yes"), "no");
  });
});
