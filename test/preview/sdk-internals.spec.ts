import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import {
  SUPPORTED_SDK_MAJOR,
  isSupportedSdk,
  loadSdkInternals,
  requireFrom,
  sdkVersion,
} from "../../preview/sdk-internals";
import { REPO_ROOT } from "../helpers/stack";

function declaredVersion(manifest: string, field: "dependencies" | "peerDependencies"): string {
  const json = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, manifest), "utf8")) as Record<
    string,
    Record<string, string>
  >;
  return json[field]!["@pulumi/pulumi"]!;
}

function parts(version: string): number[] {
  return version.replace(/^\^/, "").split(".").map(Number);
}

describe("the SDK internals the gate relies on", () => {
  const version = sdkVersion(REPO_ROOT);

  it("are those of the @pulumi/pulumi the repository declares, in the supported range", () => {
    assert.equal(version, declaredVersion("package.json", "dependencies"));
    assert.equal(parts(version)[0], SUPPORTED_SDK_MAJOR);
    // The components' peer range (^3.270.0) starts at the version the internals are checked on.
    assert.deepEqual(
      parts(declaredVersion("components/package.json", "peerDependencies")),
      parts(version),
    );
    assert.equal(isSupportedSdk(version), true);
    assert.equal(isSupportedSdk("2.25.2"), false);
  });

  it("have the modules and functions the adapter calls", () => {
    const fn = (module: string, name: string) =>
      assert.equal(
        typeof requireFrom<Record<string, unknown>>(REPO_ROOT, module)[name],
        "function",
        `${module} ${name}`,
      );
    fn("@pulumi/pulumi/runtime/stack", "runInPulumiStack");
    fn("@pulumi/pulumi/runtime/settings", "waitForRPCs");
    fn("@pulumi/pulumi/runtime/settings", "getMonitor");
    fn("@pulumi/pulumi/runtime/state", "getStore");
    const resource = requireFrom<{ Resource: { callsites?: unknown } }>(
      REPO_ROOT,
      "@pulumi/pulumi/resource",
    );
    assert.equal(typeof resource.Resource.callsites, "function");
  });

  it("keep the error count and the pending registrations in the state store", () => {
    const store = requireFrom<{ getStore(): Record<string, unknown> }>(
      REPO_ROOT,
      "@pulumi/pulumi/runtime/state",
    ).getStore();
    assert.equal(typeof store.logErrorCount, "number");
    const pending = store.pendingResourceRegistrations;
    assert.ok(pending === undefined || pending instanceof Map);
  });

  it("are reached through the adapter: counts, registrations and callsites restored", () => {
    const sdk = loadSdkInternals(REPO_ROOT);
    const resource = requireFrom<{ Resource: { callsites: () => unknown[] } }>(
      REPO_ROOT,
      "@pulumi/pulumi/resource",
    ).Resource;
    const original = resource.callsites;
    assert.equal(typeof sdk.errorCount(), "number");
    assert.ok(Array.isArray(sdk.pendingRegistrations()));
    const restore = sdk.replaceCallsites(() => [{ file: "x.ts", line: 1, column: 1 }]);
    assert.deepEqual(resource.callsites(), [{ file: "x.ts", line: 1, column: 1 }]);
    restore();
    assert.equal(resource.callsites, original);
  });
});
