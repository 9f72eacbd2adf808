/**
 * A ts-node transpiler (ts-node's `transpiler` option) that emits what ts-node's own transpile-only
 * mode emits for CommonJS, `transpileModule` with the program's compiler options, and remembers it:
 * a program whose files did not change is loaded without compiling any of them again. An entry is
 * found by the TypeScript version, the compiler options, the file's path and its exact text, so an
 * edit, another tsconfig or another TypeScript never meets an old output. ts-node still keeps its
 * source maps, so stack traces point into the TypeScript sources.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type * as tsType from "typescript";
import { privateCacheDir, userTempDir } from "./cache-dir";

/** What ts-node hands a transpiler factory (the part of it used here). */
interface TranspilerCreateOptions {
  readonly service: {
    readonly options: { readonly compiler?: string };
    readonly config: { readonly options: tsType.CompilerOptions };
    projectLocalResolveHelper(specifier: string, fromProjectDir: boolean): string;
  };
}

interface Transpiled {
  readonly outputText: string;
  readonly sourceMapText?: string;
  readonly diagnostics?: readonly tsType.Diagnostic[];
}

/**
 * Where the outputs are kept (`TRANSPILE_CACHE_DIR` moves it); undefined when that folder is not
 * the current user's alone, as its contents are run.
 */
export function transpileCacheDir(): string | undefined {
  return privateCacheDir(process.env.TRANSPILE_CACHE_DIR ?? userTempDir("offline-gate-transpile"));
}

function read(file: string): Transpiled | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as Transpiled;
  } catch {
    return undefined;
  }
}

function write(file: string, entry: Transpiled): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temporary, JSON.stringify(entry), { mode: 0o600 });
    fs.renameSync(temporary, file);
  } catch {
    // A cache that cannot be written only makes the next run slower.
  }
}

export function create({ service }: TranspilerCreateOptions): {
  transpile(input: string, options: { fileName: string }): Transpiled;
} {
  const compiler = service.projectLocalResolveHelper(
    service.options.compiler ?? "typescript",
    true,
  );
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require(compiler) as typeof tsType;
  const compilerOptions = service.config.options;
  const salt = JSON.stringify([compiler, ts.version, compilerOptions]);
  const dir = transpileCacheDir();
  return {
    transpile(input, { fileName }) {
      const key = createHash("sha256")
        .update(salt)
        .update("\0")
        .update(fileName)
        .update("\0")
        .update(input)
        .digest("hex")
        .slice(0, 40);
      const file = dir === undefined ? undefined : path.join(dir, `${key}.json`);
      const cached = file === undefined ? undefined : read(file);
      if (cached !== undefined) return cached;
      const result = ts.transpileModule(input, {
        fileName,
        compilerOptions,
        reportDiagnostics: true,
      });
      // Only a clean output is kept: ts-node reports the diagnostics of a broken file every time.
      if (file !== undefined && (result.diagnostics ?? []).length === 0) {
        write(file, { outputText: result.outputText, sourceMapText: result.sourceMapText });
      }
      return result;
    },
  };
}
