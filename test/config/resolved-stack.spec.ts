import * as assert from "node:assert/strict";
import { validateStackConfig } from "../../config/stack-config";
import { stackValues } from "../helpers/stack";

function resolvedOf(stack: string, overrides: Record<string, unknown> = {}) {
  const { values, region } = stackValues(stack);
  const { config, issues } = validateStackConfig({ ...values, ...overrides }, region);
  assert.deepEqual(issues, []);
  assert.ok(config !== undefined);
  return config.resolved;
}

describe("config/resolved-stack", () => {
  it("settles prod's site, link, DR, replication and audit values once, from the sections", () => {
    const resolved = resolvedOf("prod");
    assert.deepEqual(Object.keys(resolved.siteGateways), ["dc-ashburn", "dc-chicago"]);
    const ashburn = resolved.siteGateways["dc-ashburn"];
    assert.equal(ashburn?.siteName, "dc-ashburn");
    assert.equal(ashburn?.region, "us-east-1");
    assert.equal(ashburn?.tier, "silver");
    assert.equal(ashburn?.snapshotIntervalHours, 12);
    assert.equal(resolved.directConnect?.region, "us-east-1");
    assert.equal(resolved.dr?.accountId, "222222222222");
    assert.equal(resolved.dr?.crossAccount, true);
    assert.deepEqual(resolved.replicationRegions, {
      "hb-prod-archive-logs-dumps-111111111111": "us-west-2",
      "hb-prod-archive-media-111111111111": "us-west-2",
    });
    assert.deepEqual(
      resolved.auditTiers.map((tier) => [tier.tier, tier.crossRegions, tier.crossAccounts]),
      [
        ["platinum", ["us-west-2"], ["222222222222"]],
        ["gold", ["us-west-2"], ["222222222222"]],
        ["silver", ["us-west-2"], ["222222222222"]],
        ["bronze", ["us-west-2"], ["222222222222"]],
      ],
    );
  });

  it("leaves out what a stack does not declare", () => {
    const resolved = resolvedOf("prod", { sites: [], directConnect: undefined });
    assert.deepEqual(resolved.siteGateways, {});
    assert.equal(resolved.directConnect, undefined);
  });
});
