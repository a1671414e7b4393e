import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

/** Busy share of one core over an interval, from /proc/stat. */
export interface CoreLoad {
  core: number;
  /** 0–100: time not idle and not waiting on I/O. */
  busyPercent: number;
}

interface CoreTimes {
  core: number;
  busy: number;
  total: number;
}

function readCoreTimes(): CoreTimes[] {
  const out: CoreTimes[] = [];
  for (const line of readFileSync('/proc/stat', 'utf8').split('\n')) {
    const m = /^cpu(\d+)\s+(.*)$/.exec(line);
    if (!m) continue;
    // user nice system idle iowait irq softirq steal guest guest_nice (guest is already in user)
    const f = m[2]!.trim().split(/\s+/).map(Number);
    const total = f.slice(0, 8).reduce((a, b) => a + b, 0);
    const idle = (f[3] ?? 0) + (f[4] ?? 0);
    out.push({ core: Number(m[1]), busy: total - idle, total });
  }
  return out;
}

export interface CpuSampler {
  /** Per-core busy % since the sampler was made or last read; starts a new interval. */
  read(): CoreLoad[];
}

/** Samples /proc/stat now; `read()` gives each core's load since then. */
export function cpuSampler(): CpuSampler {
  let before = readCoreTimes();
  return {
    read() {
      const after = readCoreTimes();
      const loads = after.map((a) => {
        const b = before.find((x) => x.core === a.core);
        const total = a.total - (b?.total ?? 0);
        const busy = a.busy - (b?.busy ?? 0);
        return { core: a.core, busyPercent: total > 0 ? Math.round((1000 * busy) / total) / 10 : 0 };
      });
      before = after;
      return loads;
    },
  };
}

/** `cpu0 98.7% cpu1 41.2%` */
export function formatLoads(loads: CoreLoad[]): string {
  return loads.map((l) => `cpu${l.core} ${l.busyPercent.toFixed(1)}%`).join(' ');
}

let clockTicks: number | undefined;
function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** user + system CPU seconds a process has used so far (from /proc/<pid>/stat). */
export function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the `(comm)`, which may hold spaces: state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond();
}

export interface ProcessSampler {
  /** CPU used by each watched process since the last read, as % of one core over the wall time. */
  read(): Record<string, number>;
}

/** Watches named processes' CPU time; a process that has gone reads as 0. */
export function processSampler(pids: Record<string, number>): ProcessSampler {
  const safe = (pid: number) => {
    try {
      return processCpuSeconds(pid);
    } catch {
      return 0;
    }
  };
  let at = process.hrtime.bigint();
  let before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, safe(pid)]));
  return {
    read() {
      const now = process.hrtime.bigint();
      const wall = Number(now - at) / 1e9;
      const after = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, safe(pid)]));
      const out = Object.fromEntries(
        Object.keys(pids).map((name) => [name, wall > 0 ? Math.round((1000 * (after[name]! - before[name]!)) / wall) / 10 : 0]),
      );
      before = after;
      at = now;
      return out;
    },
  };
}
