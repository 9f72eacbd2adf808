import * as assert from "node:assert/strict";
import { kmsKeyNoPublicPrincipal } from "../../../policies/encryption/kms-key-no-public-principal";
import {
  previewAdvisory,
  ResourceFixture,
  runResourcePolicy,
  secret,
  UNKNOWN,
} from "../../helpers/policy-harness";

describe("policies/encryption/kms-key-no-public-principal", () => {
  const key = (policy: unknown): ResourceFixture => ({
    type: "aws:kms/key:Key",
    name: "backup",
    props: { policy },
  });
  const document = (statements: unknown[]) =>
    JSON.stringify({ Version: "2012-10-17", Statement: statements });
  const root = {
    Sid: "Root",
    Effect: "Allow",
    Principal: { AWS: "arn:aws:iam::111111111111:root" },
    Action: "kms:*",
    Resource: "*",
  };

  it("passes named principals, a conditioned '*', and the default policy", async () => {
    const conditioned = {
      Effect: "Allow",
      Principal: "*",
      Action: "kms:Decrypt",
      Resource: "*",
      Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc" } },
    };
    assert.deepEqual(
      (await runResourcePolicy(kmsKeyNoPublicPrincipal, key(document([root, conditioned]))))
        .messages,
      [],
    );
    assert.deepEqual(
      (await runResourcePolicy(kmsKeyNoPublicPrincipal, key(undefined))).messages,
      [],
    );
    assert.deepEqual(
      (await runResourcePolicy(kmsKeyNoPublicPrincipal, key(secret(document([root]))))).messages,
      [],
    );
  });

  it("fails '*' or {AWS: '*'} without a condition", async () => {
    const outcome = await runResourcePolicy(
      kmsKeyNoPublicPrincipal,
      key(
        document([
          root,
          {
            Sid: "Open",
            Effect: "Allow",
            Principal: { AWS: ["*"] },
            Action: "kms:*",
            Resource: "*",
          },
          { Effect: "Allow", Principal: "*", Action: "kms:Encrypt" },
        ]),
      ),
    );
    assert.deepEqual(outcome.messages, [
      [
        '[policy] statement 1 ("Open") allows every principal ("*") without a Condition, but must name principals or add a Condition.',
        '[policy] statement 2 allows every principal ("*") without a Condition, but must name principals or add a Condition.',
      ].join("\n"),
    ]);
    const broken = await runResourcePolicy(kmsKeyNoPublicPrincipal, key("{"));
    assert.deepEqual(broken.messages, [
      "[policy] is not valid JSON, but must be a key policy document.",
    ]);
  });

  it("says when the policy is unknown during preview", async () => {
    const outcome = await runResourcePolicy(kmsKeyNoPublicPrincipal, key(UNKNOWN));
    assert.deepEqual(outcome.advisories, [
      previewAdvisory(
        kmsKeyNoPublicPrincipal.name,
        'could not check that [policy] allows "*" only under a condition, because it is unknown during preview.',
      ),
    ]);
  });
});
