/**
 * Type checks a program as the Pulumi CLI does before it runs one (ts-node with type checking):
 * the entry file and everything it imports, with the program's tsconfig.json and its own
 * TypeScript when it has one. Errors come back as `file(line,col): error TSnnnn: message` lines.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type * as tsType from "typescript";
import { cleanBefore, rememberClean } from "./typecheck-cache";

type TypeScript = typeof tsType;

/** At most this many errors are listed; the count says how many there were. */
export const MAX_LISTED_ERRORS = 5;

function compilerOptions(
  ts: TypeScript,
  programDir: string,
  esm: boolean,
): { options: tsType.CompilerOptions; errors: readonly tsType.Diagnostic[] } {
  const file = path.join(programDir, "tsconfig.json");
  if (fs.existsSync(file)) {
    const read = ts.readConfigFile(file, (f) => ts.sys.readFile(f));
    if (read.error !== undefined) return { options: {}, errors: [read.error] };
    const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, programDir, {}, file);
    return { options: parsed.options, errors: parsed.errors.filter((e) => e.code !== 18003) };
  }
  return {
    options: {
      target: ts.ScriptTarget.ES2020,
      module: esm ? ts.ModuleKind.NodeNext : ts.ModuleKind.CommonJS,
      moduleResolution: esm ? ts.ModuleResolutionKind.NodeNext : ts.ModuleResolutionKind.Node10,
      esModuleInterop: true,
      skipLibCheck: true,
    },
    errors: [],
  };
}

/** The type errors of the program whose entry is `entry`; empty when it type checks. */
export function typeCheck(programDir: string, entry: string, esm: boolean): string[] {
  const compiler = require.resolve("typescript", { paths: [programDir, __dirname] });
  const key = JSON.stringify([path.resolve(programDir), path.resolve(entry), esm]);
  if (cleanBefore(key)) return [];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require(compiler) as TypeScript;
  const { options, errors } = compilerOptions(ts, programDir, esm);
  const program = ts.createProgram([entry], { ...options, noEmit: true });
  const diagnostics = [...errors, ...ts.getPreEmitDiagnostics(program)].filter(
    (d) => d.category === ts.DiagnosticCategory.Error,
  );
  if (diagnostics.length === 0) {
    // Only a clean check is remembered: an error may go away through a file it never read (one
    // created for a missing import, for instance).
    const config = path.join(programDir, "tsconfig.json");
    const read = program.getSourceFiles().map((file) => file.fileName);
    rememberClean(key, [compiler, ...(fs.existsSync(config) ? [config] : []), ...read]);
  }
  return diagnostics.map((d) => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, " ");
    if (d.file === undefined || d.start === undefined) return `error TS${d.code}: ${message}`;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    const file = path.relative(programDir, d.file.fileName);
    return `${file}(${line + 1},${character + 1}): error TS${d.code}: ${message}`;
  });
}
