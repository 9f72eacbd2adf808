import * as assert from "node:assert/strict";
import { Issues, formatIssues } from "../../core";
import * as s from "../../config/schema";

function parse<T>(schema: s.Schema<T>, value: unknown): { value: T | undefined; errors: string } {
  const issues = new Issues("app:");
  const parsed = schema.parse(value, issues.at("key"));
  return { value: parsed, errors: formatIssues(issues.all) };
}

describe("config schema", () => {
  const rule = s.object(
    {
      name: s.string({ description: "Rule name.", pattern: /^[a-z]+$/, rule: "lowercase letters" }),
      days: s.number({ description: "Retention.", min: 1, max: 35, unit: "days" }),
      mode: s.optional(
        s.literal(["governance", "compliance"], { description: "Mode." }),
        "governance",
      ),
      tags: s.optional(
        s.record(s.string({ description: "Value.", maxLength: 3 }), { description: "Tags." }),
      ),
      list: s.optional(
        s.array(s.boolean({ description: "Flag." }), {
          description: "Flags.",
          minItems: 1,
          maxItems: 2,
        }),
      ),
    },
    {
      description: "A rule.",
      check: (value, issues) => {
        if (value.mode === "compliance" && value.days < 7) {
          issues.at("days").add(`is ${value.days} days, but compliance mode needs at least 7.`);
        }
      },
    },
  );

  it("parses a valid value and applies defaults", () => {
    const { value, errors } = parse(rule, { name: "gold", days: 7 });
    assert.equal(errors, "");
    assert.deepEqual(value, { name: "gold", days: 7, mode: "governance" });
  });

  it("names the YAML path, the value and the allowed range of every problem at once", () => {
    const { value, errors } = parse(rule, {
      name: "Gold!",
      days: 36,
      mode: "strict",
      tags: { a: "long" },
      list: [true, "yes", false],
      extra: 1,
    });
    assert.equal(value, undefined);
    assert.equal(
      errors,
      [
        "[app:key.extra] is not a known key here; the keys allowed are name, days, mode, tags, list.",
        '[app:key.name] is "Gold!", but must be lowercase letters.',
        "[app:key.days] is 36, but must be a whole number from 1 to 35 days.",
        '[app:key.mode] is "strict", but must be one of "governance", "compliance".',
        '[app:key.tags.a] is "long", but must be at most 3 characters.',
        "[app:key.list] has 3 items, but must have 1-2 items.",
        '[app:key.list[1]] is "yes" (a string), but must be true or false.',
      ].join("\n"),
    );
  });

  it("reports missing keys and wrong types", () => {
    assert.equal(
      parse(rule, { days: "7" }).errors,
      [
        "[app:key.name] is missing; it is required (Rule name.).",
        '[app:key.days] is "7" (a string), but must be a whole number from 1 to 35 days.',
      ].join("\n"),
    );
    assert.equal(parse(rule, [1]).errors, "[app:key] is [1] (a list), but must be a map.");
    assert.equal(
      parse(rule, { name: "a", days: 2.5 }).errors,
      "[app:key.days] is 2.5, but must be a whole number from 1 to 35 days.",
    );
  });

  it("runs cross-field checks only once the fields parsed", () => {
    assert.equal(
      parse(rule, { name: "a", days: 3, mode: "compliance" }).errors,
      "[app:key.days] is 3 days, but compliance mode needs at least 7.",
    );
    assert.equal(parse(rule, { name: "a", days: 7, mode: "compliance" }).errors, "");
  });

  it("documents every key with type, default and allowed range", () => {
    const rows = rule.docs("app:key");
    assert.deepEqual(
      rows.map((r) => [r.path, r.type, r.required, r.default, r.allowed]),
      [
        ["app:key", "map", true, undefined, undefined],
        ["app:key.name", "string", true, undefined, "lowercase letters"],
        ["app:key.days", "integer", true, undefined, "a whole number from 1 to 35 days"],
        ["app:key.mode", "enum", false, '"governance"', 'one of "governance", "compliance"'],
        ["app:key.tags", "map", false, undefined, "keys: any name"],
        ["app:key.tags.<name>", "string", true, undefined, "at most 3 characters"],
        ["app:key.list", "list", false, undefined, "1-2 items"],
        ["app:key.list[]", "boolean", true, undefined, "true or false"],
      ],
    );
  });

  it("never shows a secret's value in a message", () => {
    const secret = s.secretString({ description: "Key.", maxLength: 5 });
    const { errors } = parse(secret, "supersecret");
    assert.equal(
      errors,
      "[app:key] has 11 characters, but must be a secret string of 1-5 characters, set with `pulumi config set --secret`.",
    );
  });
});
