import * as assert from "node:assert/strict";
import fc from "fast-check";
import {
  Issues,
  ObjectLockMode,
  validateObjectLock,
  changeableForDaysProblem,
  deleteAfterProblem,
  maxRetentionDaysProblem,
  minRetentionDaysProblem,
  objectLockRetentionProblem,
} from "../../core";
import type { RecordedResource } from "../../preview/types";
import { awsRefusals } from "../helpers/aws-oracle";

function recorded(type: string, inputs: Record<string, unknown>): RecordedResource {
  return {
    urn: `urn:pulumi:test::p::${type}::r`,
    type,
    name: "r",
    custom: true,
    inputs,
    protect: false,
    retainOnDelete: false,
    dependencies: [],
    propertyDependencies: {},
  };
}

const days = fc.integer({ min: -5, max: 40000 });

describe("core/aws-backup-limits", () => {
  it("refuses exactly the plan lifecycles the independent oracle refuses", () => {
    fc.assert(
      fc.property(days, fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }), (d, c) => {
        const refused = awsRefusals([
          recorded("aws:backup/plan:Plan", {
            rules: [{ ruleName: "r", lifecycle: { deleteAfter: d, coldStorageAfter: c } }],
          }),
        ]);
        assert.equal(deleteAfterProblem(d, c) !== undefined, refused.length > 0, `${d}/${c}`);
      }),
    );
  });

  it("refuses exactly the vault locks the independent oracle refuses", () => {
    fc.assert(
      fc.property(days, days, fc.integer({ min: -2, max: 400 }), (min, max, changeable) => {
        const refused = awsRefusals([
          recorded("aws:backup/vaultLockConfiguration:VaultLockConfiguration", {
            minRetentionDays: min,
            maxRetentionDays: max,
            changeableForDays: changeable,
          }),
        ]);
        const core = [
          minRetentionDaysProblem(min),
          maxRetentionDaysProblem(max, min),
          changeableForDaysProblem(changeable),
        ].filter((p) => p !== undefined);
        assert.equal(core.length > 0, refused.length > 0, `${min}/${max}/${changeable}`);
      }),
    );
  });

  it("refuses exactly the Object Lock retentions the components refuse", () => {
    const count = fc.option(fc.integer({ min: -2, max: 40000 }), { nil: undefined });
    fc.assert(
      fc.property(count, count, (d, y) => {
        const issues = new Issues("lock");
        validateObjectLock(
          {
            mode: ObjectLockMode.Governance,
            ...(d === undefined ? {} : { days: d }),
            ...(y === undefined ? {} : { years: y }),
          },
          issues,
        );
        assert.equal(objectLockRetentionProblem(d, y) !== undefined, issues.count > 0, `${d}/${y}`);
      }),
    );
  });

  it("words each refusal with the value and the limit", () => {
    assert.equal(
      deleteAfterProblem(60, 30),
      "is 60 days, but AWS needs at least coldStorageAfter + 90 = 120 days.",
    );
    assert.equal(
      changeableForDaysProblem(2),
      "is 2, but must be a whole number of at least 3 days.",
    );
    assert.equal(
      maxRetentionDaysProblem(5, 7),
      "is 5 days, but must be at least minRetentionDays (7 days).",
    );
    assert.deepEqual(objectLockRetentionProblem(undefined, 101), {
      field: "years",
      problem: "is 101, but must be a whole number of years from 1 to 100.",
    });
  });
});
