import * as assert from "node:assert/strict";
import { formatIssues } from "../../core";
import { validateStackConfig } from "../../config/stack-config";
import { STACKS, stackValues } from "../helpers/stack";

/** Validates a stack file with some top-level keys replaced (undefined removes a key). */
function validateWith(stack: string, changes: Record<string, unknown>, region?: unknown) {
  const { values, region: fileRegion } = stackValues(stack);
  const merged: Record<string, unknown> = { ...values };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete merged[key];
    else merged[key] = value;
  }
  return validateStackConfig(merged, region === undefined ? fileRegion : region);
}

function errorsOf(stack: string, changes: Record<string, unknown>, region?: unknown): string {
  return formatIssues(validateWith(stack, changes, region).issues);
}

describe("stack configuration", () => {
  for (const stack of STACKS) {
    it(`Pulumi.${stack}.yaml loads and validates`, () => {
      const result = validateWith(stack, {});
      assert.equal(formatIssues(result.issues), "");
      assert.equal(result.config?.environment, stack);
    });
  }

  it("differs between prod and staging the way a company's stacks do", () => {
    const prod = validateWith("prod", {}).config!;
    const staging = validateWith("staging", {}).config!;
    assert.equal(prod.protect, true);
    assert.equal(staging.protect, false);
    assert.notEqual(prod.accounts.workload, staging.accounts.workload);
  });

  const accounts = stackValues("prod").values.accounts as Record<string, unknown>;
  const cases: Array<[string, Record<string, unknown>, string, unknown?]> = [
    [
      "a misspelt region",
      {},
      '[aws:region] is "us-east-9", but must be an AWS region name such as us-east-1, us-west-2, eu-central-1 or eu-west-1 (38 regions are known).',
      "us-east-9",
    ],
    [
      "no region",
      {},
      "[aws:region] is missing; set it with `pulumi config set aws:region <region>` (for example us-east-1).",
      null,
    ],
    [
      "an environment name with capitals",
      { environment: "Prod" },
      '[hybrid-backup:environment] is "Prod", but must be 2-16 lowercase letters, digits or hyphens, starting with a letter.',
    ],
    [
      "no environment",
      { environment: undefined },
      "[hybrid-backup:environment] is missing; it is required (Name of the environment; prefixes every resource name (e.g. prod, staging).).",
    ],
    [
      "an account id given as a number",
      { accounts: { ...accounts, workload: 111111111111 } },
      "[hybrid-backup:accounts.workload] is 111111111111 (a number), but must be a string: an AWS account id of exactly 12 digits (quote it in YAML).",
    ],
    [
      "an account id of 11 digits",
      { accounts: { ...accounts, workload: "11111111111" } },
      '[hybrid-backup:accounts.workload] is "11111111111", but must be an AWS account id of exactly 12 digits (quote it in YAML).',
    ],
    [
      "a malformed organization id",
      { accounts: { ...accounts, organizationId: "org-123" } },
      '[hybrid-backup:accounts.organizationId] is "org-123", but must be an organization id like "o-" followed by 10-32 lowercase letters or digits.',
    ],
    [
      "protect given as a string",
      { protect: "yes" },
      '[hybrid-backup:protect] is "yes" (a string), but must be true or false.',
    ],
    [
      "a misspelt top-level key",
      { protection: true },
      "[hybrid-backup:protection] is not a known key here; the keys allowed are ",
    ],
    [
      "a tag key reserved by AWS",
      { tagging: { common: { "aws:owner": "me" } } },
      "[hybrid-backup:tagging.common.aws:owner] is not an allowed key: keys must be 1-128 letters, digits, spaces or _.:/=+-@ and not starting with aws:.",
    ],
    [
      "a tag value longer than 256 characters",
      { tagging: { common: { owner: "x".repeat(257) } } },
      `[hybrid-backup:tagging.common.owner] is "${"x".repeat(76)}..., but must be at most 256 characters.`,
    ],
  ];

  for (const [what, changes, message, region] of cases) {
    it(`rejects ${what}`, () => {
      const errors = errorsOf("prod", changes, region);
      if (message.endsWith("are ")) assert.ok(errors.startsWith(message), errors);
      else assert.equal(errors, message);
    });
  }

  it("reports every problem of a stack file at once", () => {
    const errors = errorsOf("staging", { environment: "S", protect: 1 }, "mars-1").split("\n");
    assert.deepEqual(errors, [
      '[aws:region] is "mars-1", but must be an AWS region name such as us-east-1, us-west-2, eu-central-1 or eu-west-1 (38 regions are known).',
      '[hybrid-backup:environment] is "S", but must be 2-16 lowercase letters, digits or hyphens, starting with a letter.',
      "[hybrid-backup:protect] is 1 (a number), but must be true or false.",
    ]);
  });
});
