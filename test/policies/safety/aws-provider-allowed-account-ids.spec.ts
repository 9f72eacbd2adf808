import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { awsProviderAllowedAccountIds } from "../../../policies/safety/aws-provider-allowed-account-ids";
import { runStackPolicy } from "../../helpers/policy-harness";
import { previewProgram } from "../../helpers/program-policy";

describe("policies/safety/aws-provider-allowed-account-ids", () => {
  it("passes resources that go through a pinned provider", async () => {
    const stack = await previewProgram(() => {
      const provider = new aws.Provider("pinned", {
        region: "us-east-1",
        allowedAccountIds: ["111111111111"],
      });
      new aws.s3.Bucket("logs", {}, { provider });
    });
    const outcome = await runStackPolicy(awsProviderAllowedAccountIds, stack, {
      config: { accountIds: ["111111111111"] },
    });
    assert.equal(outcome.enforcementLevel, "advisory");
    assert.deepEqual(outcome.violations, []);
  });

  it("fails an unpinned provider, the default provider, and an account off the list", async () => {
    const stack = await previewProgram(() => {
      const loose = new aws.Provider("loose", { region: "us-east-1" });
      new aws.s3.Bucket("a", {}, { provider: loose });
      new aws.s3.Bucket("b");
      const other = new aws.Provider("other", {
        region: "us-east-1",
        allowedAccountIds: ["999999999999"],
      });
      new aws.sns.Topic("t", {}, { provider: other });
    });
    const outcome = await runStackPolicy(awsProviderAllowedAccountIds, stack, {
      config: { accountIds: ["111111111111"] },
    });
    assert.deepEqual(
      [...outcome.messages].sort(),
      [
        'pulumi:providers:aws "loose" has no [allowedAccountIds], and 1 AWS resource (aws:s3/bucket:Bucket "a") go through it.',
        "AWS resources of the stack go through the default AWS provider, which is not pinned unless the stack config sets aws:allowedAccountIds: give them an explicit aws.Provider with allowedAccountIds, or set aws:allowedAccountIds in the stack config.",
        'pulumi:providers:aws "other" [allowedAccountIds] allows "999999999999", which is not among the configured accounts "111111111111".',
      ].sort(),
    );
  });
});
