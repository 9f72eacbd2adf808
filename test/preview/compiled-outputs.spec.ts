import * as assert from "node:assert/strict";
import { rememberCompiledOutputs, type TsNodeService } from "../../preview/compiled-outputs";

function countingService(): TsNodeService & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    compile(code: string, fileName: string, lineOffset?: number): string {
      calls.push(`${fileName}@${lineOffset ?? 0}`);
      return `compiled(${code})`;
    },
  };
}

describe("preview/compiled-outputs", () => {
  it("answers an unchanged file from memory and compiles every change", () => {
    const service = countingService();
    rememberCompiledOutputs(service);
    rememberCompiledOutputs(service);
    assert.equal(service.compile("a", "/p/index.ts"), "compiled(a)");
    assert.equal(service.compile("a", "/p/index.ts"), "compiled(a)");
    assert.equal(service.compile("b", "/p/index.ts"), "compiled(b)");
    // Only the last text is remembered: ts-node's own record (for stack traces) is of that one.
    assert.equal(service.compile("a", "/p/index.ts"), "compiled(a)");
    assert.equal(service.compile("a", "/p/other.ts"), "compiled(a)");
    assert.deepEqual(service.calls, [
      "/p/index.ts@0",
      "/p/index.ts@0",
      "/p/index.ts@0",
      "/p/other.ts@0",
    ]);
  });

  it("leaves compiles at a line offset (the REPL's) to ts-node", () => {
    const service = countingService();
    rememberCompiledOutputs(service);
    service.compile("a", "/p/index.ts", 3);
    service.compile("a", "/p/index.ts", 3);
    assert.deepEqual(service.calls, ["/p/index.ts@3", "/p/index.ts@3"]);
  });
});
