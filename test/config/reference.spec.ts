import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { withReference } from "../../config/reference";
import { REPO_ROOT } from "../helpers/stack";

describe("configuration reference", () => {
  it("in docs/configuration.md matches the schemas (run `npm run docs:config` after changing them)", () => {
    const reference = fs.readFileSync(path.join(REPO_ROOT, "docs", "configuration.md"), "utf8");
    assert.equal(reference, withReference(reference));
  });
});
