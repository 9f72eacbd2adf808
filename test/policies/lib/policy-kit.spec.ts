import * as assert from "node:assert/strict";
import { backupVaultLock } from "../../../policies/retention/backup-vault-lock";
import { days, flag } from "../../../policies/lib/config";
import { resourcePolicy, stackPolicy } from "../../../policies/lib/policy-kit";
import {
  previewAdvisory,
  runResourcePolicy,
  runStackPolicy,
  UNKNOWN,
} from "../../helpers/policy-harness";

const failing = stackPolicy({
  name: "always-fails",
  description: "Throws while it checks.",
  severity: "low",
  remediationSteps: "Nothing to do.",
  configSchema: { properties: { floor: days("A floor.", 7) } },
  validate: ({ findings, config }) => {
    findings.violation(`a problem found before the failure (floor ${config.floor}).`);
    throw new TypeError("Cannot read properties of undefined (reading 'rules')");
  },
});

const noting = resourcePolicy({
  name: "notes-and-problems",
  description: "Finds a problem and a value unknown during preview.",
  severity: "low",
  remediationSteps: "Nothing to do.",
  configSchema: { properties: { strict: flag("Strict.", true) } },
  resourceTypes: ["aws:s3/bucket:Bucket"],
  validate: ({ props, findings }) => {
    findings.violation("[acl] is public.");
    findings.violation("[policy] allows everyone.");
    if (props.get("tags").isUnknown) findings.unknown("could not check [tags].");
  },
});

describe("policies/lib/policy-kit", () => {
  it("turns a policy that throws into its own finding, after what it found before", async () => {
    const outcome = await runStackPolicy(failing, []);
    assert.deepEqual(outcome.messages, [
      "a problem found before the failure (floor 7).",
      "The policy could not run, because it failed: Cannot read properties of undefined (reading 'rules')",
    ]);
  });

  it("reports every problem with a resource as one finding, and the notes as one advisory", async () => {
    const outcome = await runResourcePolicy(noting, {
      type: "aws:s3/bucket:Bucket",
      name: "b",
      props: { tags: UNKNOWN },
    });
    assert.deepEqual(outcome.messages, ["[acl] is public.\n[policy] allows everyone."]);
    assert.deepEqual(outcome.advisories, [
      previewAdvisory("notes-and-problems", "could not check [tags]."),
    ]);
  });

  it("refuses a config key the policy does not have, naming it and the keys it has", async () => {
    const reported: string[] = [];
    await backupVaultLock.validateStack(
      {
        resources: [],
        stackTags: new Map(),
        getConfig: <T extends object>() => ({ requireComplianceMod: true }) as T,
        notApplicable: () => {
          throw new Error("not expected");
        },
      },
      (message) => reported.push(message),
    );
    assert.deepEqual(reported, [
      'The policy could not run, because its config is invalid: config key "requireComplianceMod" is not a setting of this policy; its settings are minRetentionDays, maxRetentionDays, requireComplianceMode.',
    ]);
  });

  it("refuses a value of the wrong type, naming the key, the value and what is allowed", async () => {
    const reported: string[] = [];
    await backupVaultLock.validateStack(
      {
        resources: [],
        stackTags: new Map(),
        getConfig: <T extends object>() =>
          ({ minRetentionDays: "seven", enforcementLevel: "advisory" }) as T,
        notApplicable: () => {
          throw new Error("not expected");
        },
      },
      (message) => reported.push(message),
    );
    assert.deepEqual(reported, [
      'The policy could not run, because its config is invalid: config [minRetentionDays] is "seven", but must be integer.',
    ]);
  });
});
