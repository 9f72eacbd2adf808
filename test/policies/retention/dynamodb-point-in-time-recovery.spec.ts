import * as assert from "node:assert/strict";
import { dynamodbPointInTimeRecovery } from "../../../policies/retention/dynamodb-point-in-time-recovery";
import {
  previewAdvisory,
  ResourceFixture,
  runResourcePolicy,
  UNKNOWN,
} from "../../helpers/policy-harness";

describe("policies/retention/dynamodb-point-in-time-recovery", () => {
  const table = (pitr: unknown): ResourceFixture => ({
    type: "aws:dynamodb/table:Table",
    name: "sessions",
    props: { name: "sessions", hashKey: "id", pointInTimeRecovery: pitr },
  });

  it("passes a table with point-in-time recovery", async () => {
    const outcome = await runResourcePolicy(dynamodbPointInTimeRecovery, table({ enabled: true }));
    assert.deepEqual(outcome.messages, []);
  });

  it("fails a table with it off or unset", async () => {
    const off = await runResourcePolicy(dynamodbPointInTimeRecovery, table({ enabled: false }));
    assert.deepEqual(off.messages, ["[pointInTimeRecovery.enabled] is false, but must be true."]);
    const unset = await runResourcePolicy(dynamodbPointInTimeRecovery, table(undefined));
    assert.deepEqual(unset.messages, [
      "[pointInTimeRecovery.enabled] is not set, but must be true.",
    ]);
  });

  it("says when it is unknown during preview", async () => {
    const outcome = await runResourcePolicy(dynamodbPointInTimeRecovery, table(UNKNOWN));
    assert.deepEqual(outcome.advisories, [
      previewAdvisory(
        dynamodbPointInTimeRecovery.name,
        "could not check that [pointInTimeRecovery.enabled] is true, because [pointInTimeRecovery] is unknown during preview.",
      ),
    ]);
  });
});
