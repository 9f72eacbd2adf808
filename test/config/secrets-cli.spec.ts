import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "fs";
import * as path from "path";
import { isDataHolderType } from "../../core";
import { REPO_ROOT, runStack } from "../helpers/stack";
import { gateArgs } from "../helpers/gate";

const STACK = "clear-secret-check";
const FILE = path.join(REPO_ROOT, `Pulumi.${STACK}.yaml`);
const BGP_KEY = "Sup3r-Secret-BGP-Key";

/** The staging stack file with a `hybrid-backup:secrets` section appended. */
function writeStack(secrets: string): void {
  const staging = fs.readFileSync(path.join(REPO_ROOT, "Pulumi.staging.yaml"), "utf8");
  fs.writeFileSync(FILE, `${staging}  hybrid-backup:secrets:\n${secrets}`);
}

describe("secrets in a stack file, through the real command", () => {
  afterEach(() => fs.rmSync(FILE, { force: true }));

  it("exits 2 naming a clear-text secret, without printing its value", () => {
    writeStack(["    bgpAuthKeys:", `      private-frankfurt: ${BGP_KEY}`, ""].join("\n"));
    const result = spawnSync(process.execPath, gateArgs(["--stack", STACK, "--no-typecheck"]), {
      cwd: REPO_ROOT,
      encoding: "utf8",
      timeout: 120_000,
    });
    assert.equal(result.status, 2, result.stderr);
    const key = (name: string) =>
      `[hybrid-backup:secrets.${name}] holds a value in clear text, but a secret must be stored encrypted: remove it from the stack file and set it with \`pulumi config set --secret --path 'secrets.${name}' <value>\` (the value is not shown).`;
    assert.equal(
      result.stderr,
      [
        "error: The program failed: The stack configuration has 1 problem:",
        key("bgpAuthKeys.private-frankfurt"),
        "Fix the keys named above in Pulumi.<stack>.yaml (or with `pulumi config set`).",
        "",
      ].join("\n"),
    );
    assert.ok(!`${result.stdout}${result.stderr}`.includes(BGP_KEY));
  });

  it("accepts the same secrets stored encrypted, and passes them on as secrets", async () => {
    writeStack(
      ["    bgpAuthKeys:", "      private-frankfurt: { secure: v1:CCCCDDDD }", ""].join("\n"),
    );
    const run = await runStack(STACK);
    const vif = run.resources.find((r) => r.type.startsWith("aws:directconnect/private"))!;
    assert.deepStrictEqual(vif.inputs.bgpAuthKey, {
      "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
      value: "[secret]",
    });
    assert.ok(run.resources.filter((r) => isDataHolderType(r.type)).length > 0);
  });
});
