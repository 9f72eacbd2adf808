import { Secret } from "@pulumi/policy";
import * as assert from "node:assert/strict";
import { childPath, Prop } from "../../../policies/lib/values";
import { decodeProps, secret, UNKNOWN } from "../../helpers/policy-harness";

describe("policies/lib/values", () => {
  const props = Prop.of(
    decodeProps({
      rules: [{ lifecycle: { deleteAfter: 35 } }, UNKNOWN, { lifecycle: UNKNOWN }],
      tags: secret({ "backup-tier": "gold" }),
      count: "12",
      flag: "false",
    }),
  );

  it("reads through the SDK's proxy without tripping on unknown values", () => {
    assert.equal(props.dig("rules", 0, "lifecycle", "deleteAfter").number(), 35);
    const element = props.dig("rules", 1, "lifecycle", "deleteAfter");
    assert.equal(element.state, "unknown");
    assert.equal(element.path, "rules[1].lifecycle.deleteAfter");
    assert.equal(element.unknownAt, "rules[1]");
    assert.equal(props.dig("rules", 2, "lifecycle", "deleteAfter").unknownAt, "rules[2].lifecycle");
    assert.equal(props.dig("rules", 3).state, "absent");
    assert.equal(props.get("tags").get("backup-tier").string(), "gold");
    assert.equal(props.get("tags").get("backup-tier").path, 'tags["backup-tier"]');
  });

  it("converts numeric and boolean strings as the provider does, nothing else", () => {
    assert.equal(props.get("count").number(), 12);
    assert.equal(props.get("flag").boolean(), false);
    assert.equal(props.get("count").boolean(), undefined);
    assert.equal(Prop.of({ n: Number.NaN }).get("n").number(), undefined);
  });

  it("unwraps SDK secrets and ignores inherited keys", () => {
    const bag = Prop.of({ key: new Secret("alias/backup"), nested: new Secret(new Secret(1)) });
    assert.equal(bag.get("key").string(), "alias/backup");
    assert.equal(bag.get("nested").number(), 1);
    assert.equal(Prop.of({}).get("constructor").state, "absent");
    assert.equal(Prop.of("text").get("length").state, "absent");
  });

  it("writes paths the way messages show them", () => {
    assert.equal(childPath("", "rules"), "rules");
    assert.equal(childPath("rules", 0), "rules[0]");
    assert.equal(childPath("tags", "backup-tier"), 'tags["backup-tier"]');
  });
});
