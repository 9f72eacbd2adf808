import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { privateCacheDir, userTempDir } from "../../preview/cache-dir";

describe("preview/cache-dir", () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "cache-dir-"));
  });
  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("creates the folder for the current user alone", () => {
    const dir = path.join(root, "outputs");
    assert.equal(privateCacheDir(dir), dir);
    assert.equal(fs.statSync(dir).mode & 0o777, 0o700);
    assert.equal(privateCacheDir(dir), dir);
    assert.ok(userTempDir("offline-gate-x").startsWith(path.join(os.tmpdir(), "offline-gate-x")));
  });

  it("refuses a folder others may write, a symbolic link and a file", () => {
    const shared = path.join(root, "shared");
    fs.mkdirSync(shared);
    fs.chmodSync(shared, 0o777);
    assert.equal(privateCacheDir(shared), undefined);
    const target = path.join(root, "target");
    fs.mkdirSync(target, { mode: 0o700 });
    fs.symlinkSync(target, path.join(root, "link"));
    assert.equal(privateCacheDir(path.join(root, "link")), undefined);
    fs.writeFileSync(path.join(root, "file"), "");
    assert.equal(privateCacheDir(path.join(root, "file")), undefined);
  });

  it("refuses a folder another user owns", function () {
    if (process.getuid?.() !== 0) this.skip();
    const theirs = path.join(root, "theirs");
    fs.mkdirSync(theirs, { mode: 0o700 });
    fs.chownSync(theirs, 4242, 4242);
    assert.equal(privateCacheDir(theirs), undefined);
  });
});
