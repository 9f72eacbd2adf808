/**
 * Peak memory and CPU time of a process and every process it starts, sampled from /proc (Linux).
 */
import * as fs from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

export interface TreeUsage {
  /** The most resident memory the tree held at once (VmRSS summed per sample), in KiB. */
  readonly peakKib: number;
  /** Sum of each process's peak resident memory (VmHWM), in KiB: an upper bound of the tree's peak. */
  readonly sumOfPeaksKib: number;
  /** User and system CPU seconds of the processes seen, at their last sample. */
  readonly cpuSeconds: number;
}

interface Sample {
  readonly parent: number;
  readonly residentKib: number;
  readonly peakKib: number;
  readonly cpuSeconds: number;
}

function read(pid: number): Sample | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return {
      parent: Number(fields[1]),
      residentKib: Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0),
      peakKib: Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0),
      cpuSeconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND,
    };
  } catch {
    return undefined; // the process ended between listing and reading
  }
}

/** Samples the tree under `root` every 20 ms until the returned function is called. */
export function watchProcessTree(root: number): () => TreeUsage {
  const seen = new Map<number, Sample>();
  let treePeakKib = 0;
  const sample = (): void => {
    const current = new Map<number, Sample>();
    for (const entry of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      const found = read(Number(entry));
      if (found !== undefined) current.set(Number(entry), found);
    }
    const inTree = (pid: number): boolean => {
      for (let at: number | undefined = pid; at !== undefined && at > 1; ) {
        if (at === root) return true;
        at = current.get(at)?.parent;
      }
      return false;
    };
    let residentKib = 0;
    for (const [pid, usage] of current) {
      if (!inTree(pid)) continue;
      residentKib += usage.residentKib;
      // An exited process not yet reaped reads as zero memory: keep the highest figures seen.
      const before = seen.get(pid);
      seen.set(pid, {
        parent: usage.parent,
        residentKib: usage.residentKib,
        peakKib: Math.max(usage.peakKib, before?.peakKib ?? 0),
        cpuSeconds: Math.max(usage.cpuSeconds, before?.cpuSeconds ?? 0),
      });
    }
    treePeakKib = Math.max(treePeakKib, residentKib);
  };
  sample();
  const timer = setInterval(sample, 20);
  return () => {
    clearInterval(timer);
    const all = [...seen.values()];
    return {
      peakKib: treePeakKib,
      sumOfPeaksKib: all.reduce((sum, u) => sum + u.peakKib, 0),
      cpuSeconds: all.reduce((sum, u) => sum + u.cpuSeconds, 0),
    };
  };
}
