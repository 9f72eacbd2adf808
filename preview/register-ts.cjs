/**
 * `node -r` preload that lets Node load TypeScript from its sources, as
 * `ts-node/register/transpile-only` does, with the gate's remembering transpiler when it is built
 * (`npm run build`): what the test suite and the gate run from its sources use, so that files that
 * did not change are not compiled again by every process.
 */
const fs = require("node:fs");
const path = require("node:path");

const transpiler = path.join(__dirname, "bin", "preview", "transpile-cache.js");
require("ts-node").register({
  transpileOnly: true,
  ...(fs.existsSync(transpiler) ? { transpiler } : {}),
});
