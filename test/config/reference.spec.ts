import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { withReference } from "../../config/reference";
import { REPO_ROOT } from "../helpers/stack";

describe("configuration reference", () => {
  it("in the README matches the schemas (run `npm run docs:config` after changing them)", () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
    assert.equal(readme, withReference(readme));
  });
});
