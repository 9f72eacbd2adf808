/**
 * Throughput of the policy driver on a synthetic 10,000-resource stack.
 *
 *   node -r ts-node/register/transpile-only scripts/bench-policy.ts [--pack DIR] [--config FILE]
 *     [--resources N] [--concurrency N] [--compare-startup]
 *
 * Without --pack it runs the project's pack in policies/ when that pack starts, else the test
 * fixture pack. --compare-startup also times bare start-ups with TypeScript environment variables
 * that might cut ts-node's type checking.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import {
  PolicyPackStartError,
  launchPolicyPack,
  runPolicyPacks,
  type PolicyRunResult,
} from "../preview/policy";
import type { RecordedResource } from "../preview/types";
import { syntheticStack } from "./bench/synthetic-stack";

const REPO = path.resolve(__dirname, "..");
const PROJECT_PACK = path.join(REPO, "policies");
const FIXTURE_PACK = path.join(REPO, "test/fixtures/mini-pack");
function flag(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at < 0 ? undefined : process.argv[at + 1];
}

function mb(kilobytes: number): string {
  return `${(kilobytes / 1024).toFixed(0)} MB`;
}

interface PackUsage {
  /** Peak resident memory (VmHWM) in kB. */
  readonly peakKb: number;
  /** User and system CPU time in ms. */
  readonly cpuMs: number;
}

/** Samples memory and CPU time of the pack processes working in `dir` until the returned stop. */
function watchPack(dir: string): () => PackUsage {
  const ticks = 100; // USER_HZ on Linux
  const usage = new Map<string, PackUsage>();
  const sample = (): void => {
    for (const pid of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        if (fs.readlinkSync(`/proc/${pid}/cwd`) !== dir) continue;
        const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        const cpuMs = ((Number(fields[11]) + Number(fields[12])) * 1000) / ticks;
        const peakKb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
        usage.set(pid, { peakKb, cpuMs });
      } catch {
        // The process ended between listing and reading.
      }
    }
  };
  const timer = setInterval(sample, 50);
  return () => {
    clearInterval(timer);
    const all = [...usage.values()];
    return {
      peakKb: Math.max(0, ...all.map((u) => u.peakKb)),
      cpuMs: all.reduce((sum, u) => sum + u.cpuMs, 0),
    };
  };
}

async function run(dir: string, resources: RecordedResource[]): Promise<PolicyRunResult> {
  const config = flag("--config");
  const concurrency = flag("--concurrency");
  return runPolicyPacks([{ dir, ...(config === undefined ? {} : { config }) }], resources, {
    project: "hybrid-backup",
    stack: "bench",
    ...(concurrency === undefined ? {} : { concurrency: Number(concurrency) }),
  });
}

async function compareStartup(dir: string): Promise<void> {
  const variants: [string, Record<string, string>][] = [
    ["as the CLI runs it (ts-node type checks)", {}],
    ["TS_NODE_TRANSPILE_ONLY=true", { TS_NODE_TRANSPILE_ONLY: "true" }],
    ['TS_NODE_COMPILER_OPTIONS={"noCheck":true}', { TS_NODE_COMPILER_OPTIONS: '{"noCheck":true}' }],
  ];
  for (const [label, env] of variants) {
    const pack = await launchPolicyPack(dir, { env });
    await pack.stop();
    console.log(`start-up ${label}: ${pack.startupMs} ms`);
  }
}

async function main(): Promise<void> {
  const count = Number(flag("--resources") ?? 10_000);
  const resources = syntheticStack(count);
  const requested = flag("--pack");
  let dir = path.resolve(requested ?? PROJECT_PACK);
  let result: PolicyRunResult;
  let watch = watchPack(dir);
  const cpuBefore = process.cpuUsage();
  try {
    result = await run(dir, resources);
  } catch (err) {
    if (requested !== undefined || !(err instanceof PolicyPackStartError)) throw err;
    console.log(`${dir} did not start (${err.failure}); using ${FIXTURE_PACK}`);
    watch();
    dir = FIXTURE_PACK;
    watch = watchPack(dir);
    result = await run(dir, resources);
  }
  const packUsage = watch();
  const cpu = process.cpuUsage(cpuBefore);
  const pack = result.packs[0];
  const { startupMs, analyzeMs, analyzeStackMs } = result.timings;
  const perSecond = (resources.length / analyzeMs) * 1000;
  const levels = new Map<string, number>();
  for (const v of result.violations)
    levels.set(v.enforcementLevel, (levels.get(v.enforcementLevel) ?? 0) + 1);
  console.log(`pack: ${pack?.name}@${pack?.version} (${pack?.policies.length} policies) in ${dir}`);
  console.log(`resources: ${resources.length}`);
  console.log(`start-up: ${startupMs} ms`);
  console.log(
    `analyze: ${analyzeMs} ms, ${perSecond.toFixed(0)} resources/s (remediations: ${result.remediations.length})`,
  );
  console.log(`analyzeStack: ${analyzeStackMs} ms`);
  console.log(
    `violations: ${result.violations.length} ${JSON.stringify(Object.fromEntries(levels))}`,
  );
  console.log(
    `peak RSS: driver ${mb(process.resourceUsage().maxRSS)}, pack ${mb(packUsage.peakKb)}`,
  );
  const driverCpuMs = (cpu.user + cpu.system) / 1000;
  console.log(
    `CPU: driver ${driverCpuMs.toFixed(0)} ms, pack ${packUsage.cpuMs.toFixed(0)} ms (pack sampled every 50 ms)`,
  );
  if (process.argv.includes("--compare-startup")) await compareStartup(dir);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
