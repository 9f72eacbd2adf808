/**
 * How long a site with many stored volumes takes to plan: the placement alone, the whole
 * validation of the site, and building the StoredVolumeGateway component under the recording
 * mock runtime (preview mode) until every registration has settled.
 *
 *   node -r ts-node/register/transpile-only scripts/bench-placement.ts [--volumes N] [--runs N]
 *     [--short-stacks]
 *
 * --short-stacks trims the call stacks the SDK captures for every resource and promise, as the
 * offline preview engine does (preview/engine.ts); without it the SDK captures whole stacks and
 * ts-node source-maps each of them, which dominates the time of the component.
 * The machine's load average is printed with the figures, since other work skews them.
 */
import * as os from "node:os";
import * as pulumi from "@pulumi/pulumi";
import { placeVolumes, STORED_GATEWAY_LIMITS, Issues } from "../core";
import {
  StoredVolumeGateway,
  planStoredVolumeGateway,
  type StoredVolumeGatewayArgs,
} from "../components/stored-volume-gateway";
import { RecordingMocks } from "../preview/recorder";
import { loadSdkInternals } from "../preview/sdk-internals";

const sdk = loadSdkInternals(process.cwd());

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  const value = at < 0 ? undefined : Number(process.argv[at + 1]);
  return value === undefined || !Number.isInteger(value) || value < 1 ? fallback : value;
}

const VOLUMES = flag("--volumes", 1000);
const RUNS = flag("--runs", 5);
const SHORT_STACKS = process.argv.includes("--short-stacks");

function siteArgs(count: number): StoredVolumeGatewayArgs {
  const gateways = Math.ceil(count / STORED_GATEWAY_LIMITS.maxVolumes);
  return {
    siteName: "dc1",
    region: "us-east-1",
    tier: "gold",
    onPremisesCidrs: ["10.20.0.0/16"],
    vpcId: "vpc-0a1b2c3d4e5f67890",
    subnetIds: ["subnet-0a1b2c3d4e5f67890", "subnet-0b1c2d3e4f5a67890"],
    timezone: "GMT",
    appliances: Array.from({ length: gateways }, (_, n) => ({
      gatewayIpAddress: `10.20.${Math.floor(n / 250) + 1}.${(n % 250) + 1}`,
    })),
    uploadBuffers: [{ diskPath: "/dev/sdb", sizeGiB: 1024 }],
    volumes: Array.from({ length: count }, (_, n) => ({
      name: `server-${String(n + 1).padStart(4, "0")}`,
      diskId: `pci-0000:0b:00.0-scsi-0:0:${n % STORED_GATEWAY_LIMITS.maxVolumes}:0`,
      sizeGiB: 512 + (n % 7) * 1024,
      // Pinned 32 to a gateway: a full site as deployed, each disk once per gateway.
      gateway: Math.floor(n / STORED_GATEWAY_LIMITS.maxVolumes) + 1,
    })),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function main(): Promise<void> {
  const args = siteArgs(VOLUMES);

  const placement: number[] = [];
  const validation: number[] = [];
  let gateways = 0;
  for (let run = 0; run < RUNS; run += 1) {
    let start = process.hrtime.bigint();
    const placed = placeVolumes(args.volumes, new Issues("volumes"));
    placement.push(ms(start));
    gateways = placed.gateways.length;
    start = process.hrtime.bigint();
    const issues = new Issues();
    planStoredVolumeGateway(args, issues);
    validation.push(ms(start));
    if (issues.count > 0)
      throw new Error(`the benchmark site is invalid: ${issues.all[0]?.message}`);
  }

  if (SHORT_STACKS) {
    // What the offline preview does: no callsites per resource and short stacks for the SDK's
    // per-promise debug traces, each of which ts-node would otherwise source-map.
    sdk.replaceCallsites(() => []);
    Error.stackTraceLimit = 4;
  }
  const mocks = new RecordingMocks();
  const construction: number[] = [];
  const settled: number[] = [];
  let resources = 0;
  for (let run = 0; run < RUNS; run += 1) {
    mocks.reset(true);
    await pulumi.runtime.setMocks(mocks, "hybrid-backup", "bench", true);
    const monitor = sdk.getMonitor();
    if (monitor === undefined) throw new Error("setMocks installed no monitor");
    mocks.attach(monitor, "bench", "hybrid-backup");
    const start = process.hrtime.bigint();
    new StoredVolumeGateway(`site-${run}`, args);
    construction.push(ms(start));
    await sdk.waitForRPCs();
    settled.push(ms(start));
    resources = mocks.resources.length;
  }

  const row = (label: string, values: number[]) =>
    `${label.padEnd(44)} median ${median(values).toFixed(1).padStart(8)} ms   min ${Math.min(
      ...values,
    )
      .toFixed(1)
      .padStart(8)} ms`;
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
  console.log(
    `${VOLUMES} volumes -> ${gateways} gateways, ${RUNS} runs each, ${SHORT_STACKS ? "short" : "SDK"} stack capture, ${os.cpus().length} CPUs, load ${load}`,
  );
  console.log(row("placement (placeVolumes)", placement));
  console.log(row("validation of the site (planStoredVolumeGateway)", validation));
  console.log(row("component constructor (synchronous part)", construction));
  console.log(row(`component until ${resources} registrations settled`, settled));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
