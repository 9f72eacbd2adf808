/**
 * Module hooks (node:module `register`) that let the offline gate import TypeScript ES modules:
 * `.ts` files in a `"type": "module"` package and `.mts` files are compiled to JavaScript with the
 * program's TypeScript (or the gate's) as they load; `.cts` and `.ts` files of a CommonJS package
 * go to `require`, where ts-node serves them. A relative `./x.js` that does not exist resolves to
 * `./x.ts` (or `.mts` for `.mjs`), as TypeScript's NodeNext resolution writes imports.
 */
import { readFile } from "node:fs/promises";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let ts;

export async function initialize(data) {
  ts = (await import(data.typescript)).default;
}

const SOURCE_OF = { ".js": [".ts", ".tsx"], ".mjs": [".mts"], ".cjs": [".cts"] };

export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (err) {
    const match = /(\.[mc]?js)$/.exec(specifier);
    if (
      err?.code !== "ERR_MODULE_NOT_FOUND" ||
      match === null ||
      !(specifier.startsWith(".") || specifier.startsWith("/") || specifier.startsWith("file:"))
    ) {
      throw err;
    }
    for (const ext of SOURCE_OF[match[1]]) {
      const candidate = specifier.slice(0, -match[1].length) + ext;
      try {
        return await nextResolve(candidate, context);
      } catch {
        // try the next one
      }
    }
    throw err;
  }
}

function packageType(file) {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg)) {
      try {
        return JSON.parse(readFileSync(pkg, "utf8")).type === "module" ? "module" : "commonjs";
      } catch {
        return "commonjs";
      }
    }
    if (dirname(dir) === dir) return "commonjs";
  }
}

export async function load(url, context, nextLoad) {
  const match = /\.([mc]?)tsx?$/.exec(url.split("?")[0]);
  if (match === null || !url.startsWith("file:")) return nextLoad(url, context);
  const file = fileURLToPath(url);
  const format = match[1] === "m" ? "module" : match[1] === "c" ? "commonjs" : packageType(file);
  if (format === "commonjs") return { format, shortCircuit: true };
  const source = await readFile(file, "utf8");
  const output = ts.transpileModule(source, {
    fileName: file,
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      inlineSourceMap: true,
      inlineSources: true,
    },
  });
  return { format: "module", source: output.outputText, shortCircuit: true };
}
