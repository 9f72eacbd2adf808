/**
 * `npm run bench`: the gate's speed next to its floors and the policy pack's throughput, all
 * measured in this one run. Prints figures; asserts nothing.
 *
 * - floors: node loading `@pulumi/aws`, and as many bare custom resources registered under the
 *   gate's mocks as the program has resources;
 * - the gate: `npm start` on prod (warm: the build is current), and the gate on synthetic programs
 *   (type check and the project's pack included), with the peak memory of all its processes;
 * - the pack: resources per second of the project's pack in analyze and in analyzeStack.
 *
 *   npm run bench                        # 1,000 and 10,000 resources
 *   npm run bench -- --sizes 500,5000    # other sizes
 *
 * Wall times are of whole processes, spawn to exit, as a developer or CI waits for them.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runPolicyPacks } from "../preview/policy";
import { bareProgram, syntheticProgram } from "./bench/programs";
import { watchProcessTree } from "./bench/process-tree";
import { syntheticStack } from "./bench/synthetic-stack";

const ROOT = path.resolve(__dirname, "..");
const TS_NODE = ["-r", "ts-node/register/transpile-only"];
/** The gate as `npm start` runs it, built by the first `npm start` below. */
const GATE = path.join(ROOT, "preview", "bin", "scripts", "preview.js");

interface Run {
  readonly seconds: number;
  /** The most memory the run's processes held at once, in KiB. */
  readonly peakKib: number;
  /** Sum of the peak memory of every process of the run, in KiB (an upper bound of the peak). */
  readonly sumOfPeaksKib: number;
  readonly cpuSeconds: number;
}

/** Runs a command to its end, timing it and watching the memory of its whole process tree. */
async function timed(command: string, args: readonly string[], okCodes = [0]): Promise<Run> {
  const started = process.hrtime.bigint();
  const child = spawn(command, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  const stop = watchProcessTree(child.pid ?? -1);
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const usage = stop();
  if (code === null || !okCodes.includes(code)) {
    throw new Error(`${command} ${args.join(" ")} exited with ${String(code)}:\n${output}`);
  }
  return {
    seconds,
    peakKib: usage.peakKib,
    sumOfPeaksKib: usage.sumOfPeaksKib,
    cpuSeconds: usage.cpuSeconds,
  };
}

/** Child mode: registers a bare program's resources under the gate's mocks, nothing else. */
async function registerBare(dir: string): Promise<void> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { runProgram } = require("../preview/engine") as typeof import("../preview/engine");
  const { RecordingMocks } = require("../preview/recorder") as typeof import("../preview/recorder");
  /* eslint-enable @typescript-eslint/no-require-imports */
  /** The same mocks without the recording tap: only what the SDK and the mock monitor cost. */
  class BareMocks extends RecordingMocks {
    override attach(): void {}
  }
  await runProgram({ programDir: dir, stack: "bench", mocks: new BareMocks() });
}

const fmt = (n: number, digits = 2): string => n.toFixed(digits);
const count = (n: number): string => n.toLocaleString("en-US");
const mib = (kib: number): string => `${fmt(kib / 1024, 0)} MiB`;

function line(label: string, run: Run, extra = ""): void {
  console.log(
    `${label.padEnd(52)} ${fmt(run.seconds).padStart(6)} s wall  ${fmt(run.cpuSeconds).padStart(6)} s CPU${extra}`,
  );
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === "--bare") {
    await registerBare(args[1] ?? "");
    return;
  }
  const sizesArg = args.indexOf("--sizes");
  const sizes = sizesArg >= 0 ? (args[sizesArg + 1] ?? "").split(",").map(Number) : [1000, 10000];
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "gate-bench-"));
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(work, "node_modules"));
  try {
    console.log(
      `node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg()[0]?.toFixed(2)}`,
    );
    const awsFloor = await timed(process.execPath, ["-e", 'require("@pulumi/aws")']);
    line("floor: node loading @pulumi/aws", awsFloor);

    // npm start once to make sure the build is current, then the measured warm run.
    const prodReport = path.join(work, "prod.json");
    const npmStart = ["start", "--silent", "--", "--quiet", "--json", prodReport];
    await timed("npm", npmStart, [0, 1]);
    const prod = await timed("npm", npmStart, [0, 1]);
    const prodCount = (JSON.parse(fs.readFileSync(prodReport, "utf8")) as { resources: unknown[] })
      .resources.length;
    const bareProd = path.join(work, "bare-prod");
    bareProgram(bareProd, prodCount);
    const prodBare = await timed(process.execPath, [...TS_NODE, __filename, "--bare", bareProd]);
    line(`floor: ${count(prodCount)} bare registrations under the mocks`, prodBare);
    line(
      `gate: npm start, prod (${count(prodCount)} resources, warm)`,
      prod,
      `  = ${fmt(prod.seconds / awsFloor.seconds, 1)}x loading @pulumi/aws, ${fmt(prod.seconds / prodBare.seconds, 1)}x bare`,
    );

    const gates = new Map<number, Run>();
    for (const size of sizes) {
      const dir = path.join(work, `synthetic-${size}`);
      syntheticProgram(dir, size);
      const bareDir = path.join(work, `bare-${size}`);
      bareProgram(bareDir, Math.ceil(size / 10) * 10);
      const bare = await timed(process.execPath, [...TS_NODE, __filename, "--bare", bareDir]);
      line(`floor: ${count(size)} bare registrations under the mocks`, bare);
      const gate = await timed(
        process.execPath,
        [GATE, "--program", dir, "--stack", "bench", "--quiet"],
        [0, 1],
      );
      gates.set(size, gate);
      line(
        `gate: ${count(size)}-resource program, pack and type check`,
        gate,
        `  = ${fmt(gate.seconds / bare.seconds, 1)}x bare; peak ${mib(gate.peakKib)}, ${fmt(gate.peakKib / size, 0)} KiB per resource (sum of process peaks ${mib(gate.sumOfPeaksKib)})`,
      );
    }
    const [small, large] = [sizes[0] ?? 0, sizes[sizes.length - 1] ?? 0];
    if (sizes.length >= 2) {
      const ratio = gates.get(large)!.seconds / gates.get(small)!.seconds;
      console.log(
        `gate: ${count(large)} resources take ${fmt(ratio)}x the time of ${count(small)}`,
      );
    }

    for (const size of sizes) {
      const resources = syntheticStack(size);
      const run = await runPolicyPacks([{ dir: path.join(ROOT, "policies") }], resources, {
        project: "hybrid-backup",
        stack: "bench",
      });
      const { startupMs, analyzeMs, analyzeStackMs } = run.timings;
      const rate = (ms: number): string => count(Math.round((size / Math.max(ms, 1)) * 1000));
      console.log(
        `pack at ${count(size)} resources: start-up ${startupMs} ms; analyze ${analyzeMs} ms, ${rate(analyzeMs)} resources/s; analyzeStack ${analyzeStackMs} ms, ${rate(analyzeStackMs)} resources/s`,
      );
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
