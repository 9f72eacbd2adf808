/**
 * Remembers what a ts-node instance emitted for the last text of each file. A program that runs
 * again in the same process (the gate's tests run the stacks many times) requires its modules
 * anew, and ts-node would compile every one of them again to the same output. Only an unchanged
 * text of the file ts-node compiled last is answered from memory, so ts-node's own record of that
 * output, which maps stack traces back to the sources, still holds.
 */

/** The part of a ts-node service (`register()`'s result) used here. */
export interface TsNodeService {
  compile(code: string, fileName: string, lineOffset?: number): string;
}

const remembering = new WeakSet<TsNodeService>();

export function rememberCompiledOutputs(service: TsNodeService): void {
  if (remembering.has(service)) return;
  remembering.add(service);
  const compile = service.compile.bind(service);
  const last = new Map<string, { readonly code: string; readonly output: string }>();
  service.compile = (code, fileName, lineOffset) => {
    const before = last.get(fileName);
    if (lineOffset === undefined && before?.code === code) return before.output;
    const output = compile(code, fileName, lineOffset);
    if (lineOffset === undefined) last.set(fileName, { code, output });
    return output;
  };
}
