import * as assert from "node:assert/strict";
import { Issues } from "../../core/validation";
import { checkAgainstSchema } from "../../preview/policy/config-schema";
import type { JsonSchema } from "../../preview/policy/client";

function problems(value: unknown, schema: JsonSchema): string[] {
  const issues = new Issues("policy");
  checkAgainstSchema(value, schema, issues);
  return issues.all.map((issue) => `[${issue.path}] ${issue.message}`);
}

describe("preview/policy/config-schema", () => {
  const schema: JsonSchema = {
    type: "object",
    properties: {
      tagKeys: {
        type: "array",
        items: { type: "string", minLength: 1, pattern: "^[a-z-]+$" },
        minItems: 1,
        uniqueItems: true,
      },
      maxVaults: { type: "integer", minimum: 1, maximum: 10, multipleOf: 1 },
      mode: { enum: ["governance", "compliance"] },
      window: { enum: [{ start: 1, end: 2 }] },
      ratio: { type: "number", exclusiveMinimum: 0, exclusiveMaximum: 1 },
      owner: { type: "string", maxLength: 4 },
      tags: { type: "object", minProperties: 1, maxProperties: 2 },
    },
    required: ["mode"],
    additionalProperties: false,
    dependencies: { ratio: ["owner"] },
  };

  it("accepts a config that fits, with enum objects compared by value, not key order", () => {
    assert.deepEqual(
      problems(
        {
          tagKeys: ["backup-tier"],
          maxVaults: 3,
          mode: "governance",
          window: { end: 2, start: 1 },
        },
        schema,
      ),
      [],
    );
  });

  it("names every problem at its key path with the value and what is allowed", () => {
    assert.deepEqual(
      problems(
        {
          tagKeys: ["ok", "ok", "", "Upper"],
          maxVaults: 0,
          mode: "strict",
          window: { start: 1 },
          ratio: 1,
          tags: {},
          colour: "blue",
        },
        schema,
      ),
      [
        "[policy.colour] is not a config property of this policy; its properties are tagKeys, maxVaults, mode, window, ratio, owner, tags.",
        "[policy.owner] is missing, but ratio requires it.",
        '[policy.tagKeys[2]] is "", but must be at least 1 character long.',
        '[policy.tagKeys[2]] is "", but must match /^[a-z-]+$/.',
        '[policy.tagKeys[3]] is "Upper", but must match /^[a-z-]+$/.',
        '[policy.tagKeys[1]] repeats "ok" from index 0, but items must be unique.',
        "[policy.maxVaults] is 0, but must be at least 1.",
        '[policy.mode] is "strict", but must be one of "governance", "compliance".',
        '[policy.window] is {"start":1}, but must be one of {"start":1,"end":2}.',
        "[policy.ratio] is 1, but must be less than 1.",
        "[policy.tags] has 0 properties, but must have at least 1.",
      ],
    );
  });

  it("names a missing required key and a value of the wrong type", () => {
    assert.deepEqual(problems({ maxVaults: "3", owner: "platform" }, schema), [
      "[policy.mode] is missing, but the policy requires it.",
      '[policy.maxVaults] is "3", but must be an integer.',
      '[policy.owner] is "platform", but must be at most 4 characters long.',
    ]);
    assert.deepEqual(problems({ mode: "governance", tagKeys: [] }, schema), [
      "[policy.tagKeys] has 0 items, but must have at least 1.",
    ]);
  });

  it("treats keywords and formats it does not know as annotations", () => {
    assert.deepEqual(
      problems(
        { when: "not a date" },
        {
          type: "object",
          properties: { when: { type: "string", format: "date-time", "x-team": "platform" } },
        },
      ),
      [],
    );
  });
});
