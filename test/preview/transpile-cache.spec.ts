import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as ts from "typescript";
import { create } from "../../preview/transpile-cache";

const OPTIONS: ts.CompilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  sourceMap: true,
};

function transpiler(options: ts.CompilerOptions = OPTIONS) {
  return create({
    service: {
      options: {},
      config: { options },
      projectLocalResolveHelper: (specifier) => require.resolve(specifier),
    },
  });
}

describe("preview/transpile-cache", () => {
  let dir: string;
  const saved = process.env.TRANSPILE_CACHE_DIR;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "transpile-cache-"));
    process.env.TRANSPILE_CACHE_DIR = dir;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.TRANSPILE_CACHE_DIR;
    else process.env.TRANSPILE_CACHE_DIR = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const source =
    'import * as fs from "fs";\nexport const size = (file: string): number => fs.statSync(file).size;\n';
  const fileName = "/programs/team/index.ts";

  it("emits what transpileModule emits, and serves it again from the cache", () => {
    const expected = ts.transpileModule(source, { fileName, compilerOptions: OPTIONS });
    const first = transpiler().transpile(source, { fileName });
    assert.equal(first.outputText, expected.outputText);
    assert.equal(first.sourceMapText, expected.sourceMapText);
    assert.equal(fs.readdirSync(dir).length, 1);
    // A new transpiler (the next run) reads the entry instead of compiling.
    const entry = path.join(dir, fs.readdirSync(dir)[0]!);
    fs.writeFileSync(entry, JSON.stringify({ outputText: "/* from the cache */" }));
    assert.equal(transpiler().transpile(source, { fileName }).outputText, "/* from the cache */");
  });

  it("never serves an entry for another text, file or compiler option", () => {
    transpiler().transpile(source, { fileName });
    transpiler().transpile(`${source}// edited\n`, { fileName });
    transpiler().transpile(source, { fileName: "/programs/team/other.ts" });
    const es5 = transpiler({ ...OPTIONS, target: ts.ScriptTarget.ES5 }).transpile(source, {
      fileName,
    });
    assert.equal(fs.readdirSync(dir).length, 4);
    assert.match(es5.outputText, /var size = function/);
  });

  it("reports a file that does not parse every time, and keeps nothing of it", () => {
    const broken = "export const = 1;\n";
    const result = transpiler().transpile(broken, { fileName });
    assert.equal(result.diagnostics?.[0]?.code, 1134);
    assert.deepEqual(fs.readdirSync(dir), []);
  });

  it("still compiles when the cache cannot be written", () => {
    process.env.TRANSPILE_CACHE_DIR = path.join(dir, "file");
    fs.writeFileSync(path.join(dir, "file"), "");
    const result = transpiler().transpile(source, { fileName });
    assert.match(result.outputText, /exports\.size = size;/);
  });
});
